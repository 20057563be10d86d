/*
 * run.c - drive the pipeline: inputs -> lines -> headers -> events -> counts.
 *
 * Every line read ends in exactly one counter (agg_line): an event, a mail
 * line without a reply, an unparsed mail line, or one of the skipped
 * kinds; overlong lines are counted by the scanner. That is the accounting
 * the reports check: lines = events + noreply + unparsed + skipped +
 * overlong.
 *
 * Year-less stamps: every line's stamp moves r->years on (when.h), in the
 * same order in every pass, so a first pass over a regular file (run_span)
 * can count its New Years and each piece of a -j read starts from the
 * year the pieces before it end in: the same years as with one thread.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "journal.h"
#include "progress.h"
#include "run.h"
#include "scan.h"
#include "util.h"
#include "zin.h"

void
run_init(struct run *r, struct pat_set *pats, time_t now)
{
	memset(r, 0, sizeof(*r));
	r->pats = pats;
	r->agg = agg_new();
	syslog_clock_init(&r->clock, now);
	when_years_stream(&r->years, now);
}

void
run_done(struct run *r)
{
	agg_free(r->agg);
	r->agg = NULL;
	journal_dec_free(r->jdec);
	r->jdec = NULL;
}

/*
 * --trace: what became of a line, for pattern authors. One line out per
 * line in: "kind mta dir class code enh<TAB>line", escaped.
 */
static void
run_trace(struct run *r, const char *kind, int mta, const struct event *ev,
    const char *line, size_t len)
{
	char enh[16];

	fprintf(r->trace, "%-9s %-8s", kind,
	    mta >= 0 ? event_mta_name(mta) : "-");
	if (ev != NULL)
		fprintf(r->trace, " %-3s %dxx %3d %-7s",
		    ev->dir == EVENT_IN ? "in" : "out", ev->cls, ev->code,
		    ev->enh.cls ? event_enh_str(&ev->enh, enh, sizeof(enh))
				: "-");
	fputc('\t', r->trace);
	util_put_text(r->trace, line, len);
	fputc('\n', r->trace);
}

/*
 * What becomes of one line, or, when HDR is set, of one journal entry
 * whose header is known (LINE is then the entry as a syslog line).
 */
static void
run_one(struct run *r, const struct syslog_hdr *hdr, const char *line,
    size_t len, const char *name, uint64_t lineno)
{
	struct syslog_hdr h;
	struct event ev;
	enum syslog_fmt f;
	int idx, mta, yday = -1, year = 0, timed = 0;
	time_t t;

	if (hdr != NULL) {
		h = *hdr; /* an entry the journal reader took apart */
		f = h.fmt;
	} else if (JOURNAL_IS_JSON(line, len)) {
		/* journalctl -o json or json-seq: one byte decided */
		if (r->jdec == NULL)
			r->jdec = journal_dec_new();
		/* on success LINE becomes the entry as a syslog line */
		f = journal_json(r->jdec, line, len, &h, &line, &len);
	} else {
		/* every stamp moves the year on, whatever its line turns
		 * out to be */
		f = syslog_parse(line, len, &h);
		if ((yday = when_yday_hdr(f, &h, line, len)) >= 0)
			year = when_years_line(&r->years, yday);
	}
	if (f == SYSLOG_NONE) {
		agg_line(r->agg, AGG_SKIP_NOHDR, -1);
		if (r->trace)
			run_trace(r, "noheader", -1, NULL, line, len);
		return;
	}
	if (f == SYSLOG_MARKER) {
		agg_line(r->agg, AGG_SKIP_MARKER, -1);
		if (r->trace)
			run_trace(r, "marker", -1, NULL, line, len);
		return;
	}
	if (h.year == 0 && yday >= 0 && when_yday_of(h.mon, h.mday) == yday)
		h.year = year;
	if (r->win.has_since || r->win.has_until) {
		if (syslog_time(&h, &r->clock, &t) < 0) {
			agg_line(r->agg, AGG_SKIP_NOTIME, -1);
			if (r->trace)
				run_trace(r, "notime", -1, NULL, line, len);
			return;
		}
		if ((r->win.has_since && t < r->win.since) ||
		    (r->win.has_until && t >= r->win.until)) {
			agg_line(r->agg, AGG_SKIP_WINDOW, -1);
			if (r->trace)
				run_trace(r, "outside", -1, NULL, line, len);
			return;
		}
		timed = 1;
	}
	idx = pat_mta_for(r->pats, &h);
	if (idx < 0) {
		agg_line(r->agg, AGG_SKIP_OTHER, -1);
		if (r->trace)
			run_trace(r, "other", -1, NULL, line, len);
		return;
	}
	mta = pat_mta_of(r->pats, idx);
	if (timed || syslog_time(&h, &r->clock, &t) == 0) {
		agg_time(r->agg, t);
		timed = 1;
	}
	switch (pat_match(r->pats, idx, h.msg, h.msglen, &ev)) {
	case PAT_EVENT:
		if (r->sigs != NULL && ev.cls != 2)
			ev.sig = sig_match(r->sigs, &ev, h.msg, h.msglen);
		agg_event(r->agg, &ev);
		if (timed)
			agg_hour(r->agg, t, ev.cls);
		agg_line(r->agg, AGG_EVENT, mta);
		if (r->trace)
			run_trace(r, "event", mta, &ev, line, len);
		break;
	case PAT_UNPARSED:
		agg_line(r->agg, AGG_UNPARSED, mta);
		agg_sample(r->agg, name, lineno, line, len);
		if (r->trace)
			run_trace(r, "unparsed", mta, NULL, line, len);
		break;
	default:
		agg_line(r->agg, AGG_NOREPLY, mta);
		if (r->trace)
			run_trace(r, "noreply", mta, NULL, line, len);
		break;
	}
}

void
run_line(struct run *r, const char *line, size_t len, const char *name,
    uint64_t lineno)
{
	run_one(r, NULL, line, len, name, lineno);
}

void
run_hdr(struct run *r, const struct syslog_hdr *hdr, const char *text,
    size_t len, const char *name, uint64_t lineno)
{
	run_one(r, hdr, text, len, name, lineno);
}

/* Read every line of S into the run, then fold the scanner's counts. */
static int
run_scan(struct run *r, struct scan *s, const char *name)
{
	struct agg_counts *c = agg_counts(r->agg);
	const char *line;
	size_t len;
	uint64_t lineno = 0, seen = 0;
	int rc;

	while ((rc = scan_next(s, &line, &len)) > 0) {
		run_line(r, line, len, name, ++lineno);
		/* the scanner reads 1 MiB at a time: a look now and then
		 * is enough, and costs nothing without progress */
		if (r->progress != NULL && (lineno & 1023) == 0 &&
		    scan_bytes(s) != seen) {
			progress_add(r->progress, scan_bytes(s) - seen);
			seen = scan_bytes(s);
		}
	}
	progress_add(r->progress, scan_bytes(s) - seen);
	if (rc < 0) {
		util_warn("%s: %s", name, scan_error(s));
		r->errors++;
	}
	if (scan_binary(s))
		util_warn(_("%s: binary data (NUL bytes) where a log starts: "
			    "is it a mail log?"),
		    name);
	if (!r->years.known && r->years.last_late)
		util_warn(_("%s: the year-less times run past now: this input "
			    "spans more than a year, and its older lines were "
			    "counted a year late (give the file itself, not a "
			    "pipe, to place them right)"),
		    name);
	c->overlong += scan_overlong(s);
	c->lines += scan_overlong(s);
	c->bytes += scan_bytes(s);
	scan_free(s);
	return rc < 0 ? -1 : 0;
}

/* The stamps of bytes [start, end) of FD, for their New Years. */
static void
run_span(int fd, int64_t start, int64_t end, struct when_span *span)
{
	struct scan *s;
	const char *line;
	size_t len, at;
	char day[6] = {0}; /* "Mmm dd" of the last stamp, when read at 0 */
	int d;

	memset(span, 0, sizeof(*span));
	if (start >= end)
		return;
	s = scan_new_range(fd, start, end);
	while (scan_next(s, &line, &len) > 0) {
		/*
		 * The same "Mmm dd" as the last stamp read: the same day or
		 * no stamp at all (no compose prefix starts so), and neither
		 * changes a span that has a stamp.
		 */
		if (span->n > 0 && len >= 6 && memcmp(line, day, 6) == 0)
			continue;
		if ((d = when_yday_at(line, len, &at)) >= 0) {
			when_span_add(span, d);
			if (at == 0) /* a stamp has 15 bytes and more */
				memcpy(day, line, 6);
			else
				memset(day, 0, sizeof(day));
		}
	}
	scan_free(s);
}

/* What year-less stamps of a regular file may not pass: its modification
 * time, or now when that is earlier (a file touched in the future). */
static time_t
run_file_ref(const struct run *r, const struct stat *st)
{
	return st->st_mtime < r->clock.now ? st->st_mtime : r->clock.now;
}

int
run_fd(struct run *r, int fd, const char *name)
{
	struct when_span all, none;
	struct stat st;
	off_t pos;

	r->inputs++;
	memset(&none, 0, sizeof(none));
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (pos = lseek(fd, 0, SEEK_CUR)) >= 0) {
		/* a compressed file is not read twice: its stamps follow the
		 * first, placed by the file's modification time (rotated
		 * generations span days, not years) */
		if (pos == 0 && !zin_fd_is_plain(fd))
			memset(&all, 0, sizeof(all));
		else
			run_span(fd, (int64_t)pos, (int64_t)st.st_size, &all);
		when_years_file(&r->years, run_file_ref(r, &st), &all, &none);
	} else
		when_years_stream(&r->years, r->clock.now);
	return run_scan(r, scan_new(fd), name);
}

int
run_rules_load(struct run_rules *rr, const char *dir, char *err, size_t errlen)
{
	char path[4096];

	memset(rr, 0, sizeof(*rr));
	if ((rr->pats = pat_load_dir(dir, err, errlen)) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/signatures.sig", dir);
	if (access(path, F_OK) != 0)
		return 0; /* a patterns directory of one's own need not have it */
	rr->sigs = sig_new();
	if (sig_load_file(rr->sigs, path, err, errlen) < 0) {
		run_rules_free(rr);
		return -1;
	}
	return 0;
}

void
run_rules_free(struct run_rules *rr)
{
	sig_free(rr->sigs);
	pat_free(rr->pats);
	rr->sigs = NULL;
	rr->pats = NULL;
}

/* One thread's share of a file: bytes [start, end), its own run. */
struct run_part {
	struct run run;
	struct run_rules rules;
	int fd;
	int64_t start, end;
	const char *name;
	pthread_t tid;
	int started;
	struct when_span span; /* the stamps of the piece */
};

static void *
run_part_span(void *arg)
{
	struct run_part *p = arg;

	run_span(p->fd, p->start, p->end, &p->span);
	return NULL;
}

static void *
run_part_main(void *arg)
{
	struct run_part *p = arg;

	(void)run_scan(&p->run, scan_new_range(p->fd, p->start, p->end),
	    p->name);
	return NULL;
}

/* The first line start at or after OFF (SIZE when there is none). */
static int64_t
run_line_start(int fd, int64_t off, int64_t size)
{
	char buf[65536];
	const char *nl;
	ssize_t n;

	if (off <= 0)
		return 0;
	for (off--; off < size; off += n) {
		n = pread(fd, buf, sizeof(buf), off);
		if (n <= 0)
			return size;
		if ((nl = memchr(buf, '\n', (size_t)n)) != NULL)
			return off + (nl - buf) + 1;
	}
	return size;
}

/*
 * Read a large regular file with r->jobs threads. The main thread reads
 * the first piece with the run's own rules; the others load theirs. The
 * pieces' counts are merged in file order. 0, or -1 when the file could
 * not be read whole (warned and counted as for one thread).
 */
static int
run_parallel(struct run *r, int fd, const char *name, const struct stat *st)
{
	struct run_part *parts;
	struct when_span all, before;
	char err[1024];
	int n = r->jobs, k, rc = 0;
	uint64_t offset = 0;
	int64_t size = (int64_t)st->st_size;

	parts = xcalloc((size_t)n, sizeof(*parts));
	for (k = 0; k < n; k++) {
		parts[k].fd = fd;
		parts[k].name = name;
		parts[k].start =
		    k == 0 ? 0 : run_line_start(fd, size * k / n, size);
		if (k > 0)
			parts[k - 1].end = parts[k].start;
	}
	parts[n - 1].end = size;
	/* first pass, on as many threads: the stamps of each piece */
	for (k = 1; k < n; k++)
		if (parts[k].end > parts[k].start &&
		    pthread_create(&parts[k].tid, NULL, run_part_span,
			&parts[k]) == 0)
			parts[k].started = 1;
	memset(&all, 0, sizeof(all));
	memset(&before, 0, sizeof(before));
	for (k = 0; k < n; k++) {
		if (!parts[k].started)
			run_part_span(&parts[k]);
		else
			pthread_join(parts[k].tid, NULL);
		parts[k].started = 0;
		when_span_join(&all, &parts[k].span);
	}
	for (k = 0; k < n; k++) {
		struct run_part *p = &parts[k];

		if (k == 0)
			p->rules = (struct run_rules){r->pats, r->sigs};
		else if (run_rules_load(&p->rules, r->dir, err, sizeof(err)) <
		    0)
			util_fatal("%s",
			    err); /* the same files loaded before */
		run_init(&p->run, p->rules.pats, r->clock.now);
		p->run.sigs = p->rules.sigs;
		if (r->max_peers)
			agg_limit_peers(p->run.agg, r->max_peers);
		p->run.win = r->win;
		when_years_file(&p->run.years, run_file_ref(r, st), &all,
		    &before);
		when_span_join(&before, &p->span);
		p->run.progress = r->progress;
		if (k > 0 && p->end > p->start &&
		    pthread_create(&p->tid, NULL, run_part_main, p) == 0)
			p->started = 1;
	}
	/* the main thread reads the first piece, and any that got no thread */
	for (k = 0; k < n; k++)
		if (!parts[k].started)
			run_part_main(&parts[k]);
	for (k = 0; k < n; k++) {
		struct run_part *p = &parts[k];

		if (p->started)
			pthread_join(p->tid, NULL);
		/* the first piece used the run's rules: run_finish(r) counts
		 * their limit hits; the others count their own here */
		if (k > 0)
			run_finish(&p->run);
		agg_merge(r->agg, p->run.agg, offset);
		offset += agg_counts(p->run.agg)->lines;
		if (p->run.errors)
			rc = -1;
		run_done(&p->run);
		if (k > 0)
			run_rules_free(&p->rules);
	}
	if (rc < 0)
		r->errors++;
	free(parts);
	return rc;
}

/* Say how many lines of input NAME were too long to be read: unlike the
 * other kinds, they may hide events that the report cannot show. */
static void
run_warn_overlong(const struct run *r, const char *name, uint64_t before)
{
	uint64_t n = agg_counts_const(r->agg)->overlong - before;

	if (n > 0)
		util_warn(P_("%s: %" PRIu64 " line longer than %d KiB skipped",
			      "%s: %" PRIu64
			      " lines longer than %d KiB skipped",
			      n),
		    name, n, SCAN_MAX_LINE / 1024);
}

int
run_path(struct run *r, const char *path)
{
	struct stat st;
	uint64_t overlong = agg_counts(r->agg)->overlong;
	int fd, rc;

	if (strcmp(path, "-") == 0) {
		progress_file(r->progress, "(stdin)", STDIN_FILENO);
		rc = run_fd(r, STDIN_FILENO, "(stdin)");
		run_warn_overlong(r, "(stdin)", overlong);
		return rc;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		util_warn("%s: %s", path, strerror(errno));
		r->errors++;
		return -1;
	}
	/* open(2) takes a directory: not read, so not one of the inputs */
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		util_warn("%s: %s", path, strerror(EISDIR));
		r->errors++;
		close(fd);
		return -1;
	}
	progress_file(r->progress, path, fd);
	if (r->jobs > 1 && r->trace == NULL && r->dir != NULL &&
	    fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= RUN_PAR_MIN && zin_fd_is_plain(fd)) {
		r->inputs++;
		rc = run_parallel(r, fd, path, &st);
	} else
		rc = run_fd(r, fd, path);
	close(fd);
	run_warn_overlong(r, path, overlong);
	return rc;
}

void
run_finish(struct run *r)
{
	struct agg_counts *c = agg_counts(r->agg);

	/* += : the pieces of a parallel read were merged in already */
	c->limit_hits += pat_limit_hits(r->pats);
	if (r->sigs != NULL)
		c->limit_hits += sig_limit_hits(r->sigs);
}
