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
 * same order in every pass, so a first pass over a small regular file
 * (run_span) can count its New Years. A large file is read in pieces, each
 * started from a guess of the stamps before it and of the file's New
 * Years (run_guess), and read again when the stamps read show the guess
 * wrong (run_parallel): the same years as one pass, with one thread or
 * many, and for ordinary logs without reading the file twice.
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

/* A compressed file smaller than this is read without a read-ahead
 * thread: starting one and handing it the lines costs about 0.2 ms, what
 * the thread spares on some hundred kilobytes of log. */
#define RUN_AHEAD_MIN (256 * 1024)

/* A piece's stamps are guessed from the first stamped line after so many
 * places in it, and its last, each looked for in so many bytes. */
#define RUN_GUESS_POINTS 16
#define RUN_GUESS_WINDOW 16384

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
		if ((yday = when_yday_hdr(f, &h, line, len)) >= 0) {
			year = when_years_line(&r->years, yday);
			if (r->seen.n > 0 && yday == r->seen.last)
				r->seen.n++; /* the same day: no New Year */
			else
				when_span_add(&r->seen, yday);
		}
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
	struct scan *s;
	off_t pos;
	int ahead = 1; /* worth a read-ahead thread */

	r->inputs++;
	memset(&none, 0, sizeof(none));
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (pos = lseek(fd, 0, SEEK_CUR)) >= 0) {
		/* a compressed file is not read twice: its stamps follow the
		 * first, placed by the file's modification time (rotated
		 * generations span days, not years) */
		if (pos == 0 && !zin_fd_is_plain(fd)) {
			memset(&all, 0, sizeof(all));
			ahead = st.st_size >= RUN_AHEAD_MIN;
		} else {
			run_span(fd, (int64_t)pos, (int64_t)st.st_size, &all);
			ahead = 0;
		}
		when_years_file(&r->years, run_file_ref(r, &st), &all, &none);
	} else
		when_years_stream(&r->years, r->clock.now);
	s = scan_new(fd);
	/* a pipe or a compressed file: read and decompressed on another
	 * core while this one takes the lines (a plain file is read in
	 * pieces by run_parallel() when it is large; a small file is not
	 * worth a thread) */
	if (r->jobs > 1 && ahead)
		(void)scan_ahead(s);
	return run_scan(r, s, name);
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
	struct run_rules rules; /* its own (k > 0), loaded by its thread */
	struct run *parent;
	int fd;
	int64_t start, end;
	const char *name;
	pthread_t tid;
	int started, todo;
	struct when_span guess;  /* its stamps as sampled before the pass */
	struct when_years years; /* where its pass started from */
	struct when_years right; /* ... and should have, by the stamps read */
	unsigned long pat_hits, sig_hits; /* its rules' limit hits before */
};

/*
 * The day of the first (or, with LAST, the last) stamped whole line in
 * bytes [a, b) of FD; A_LINE and B_LINE say whether A starts a line and B
 * ends one. -1: none there.
 */
static int
run_guess_window(int fd, int64_t a, int64_t b, int a_line, int b_line, int last)
{
	char buf[RUN_GUESS_WINDOW];
	const char *p, *end, *nl;
	ssize_t got;
	int d, day = -1;

	if (b - a > (int64_t)sizeof(buf)) {
		b = a + (int64_t)sizeof(buf);
		b_line = 0;
	}
	if (a >= b || (got = pread(fd, buf, (size_t)(b - a), a)) <= 0)
		return -1;
	p = buf;
	end = buf + got;
	if (got < b - a)
		b_line = 0;
	if (!a_line) { /* the rest of a line begun before A */
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return -1;
		p = nl + 1;
	}
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL && !b_line)
			break; /* a line that goes on past the window */
		d = when_yday(p, (size_t)((nl != NULL ? nl : end) - p));
		if (d >= 0 && !last)
			return d;
		if (d >= 0)
			day = d;
		p = nl != NULL ? nl + 1 : end;
	}
	return day;
}

/*
 * A guess at the stamps of bytes [start, end) of FD, for a pass to start
 * from before it has read the bytes before: the first stamp at
 * RUN_GUESS_POINTS places spread over them, and the last one. A log moves
 * on by days between such places, so the guess counts its New Years; the
 * pass then checks it against every stamp (run_parallel()).
 */
static void
run_guess(int fd, int64_t start, int64_t end, struct when_span *g)
{
	int64_t at;
	int i, d;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < RUN_GUESS_POINTS; i++) {
		at = start + (end - start) * i / RUN_GUESS_POINTS;
		if ((d = run_guess_window(fd, at, end, i == 0, 1, 0)) >= 0)
			when_span_add(g, d);
	}
	at = end - RUN_GUESS_WINDOW > start ? end - RUN_GUESS_WINDOW : start;
	if ((d = run_guess_window(fd, at, end, at == start, 1, 1)) >= 0)
		when_span_add(g, d);
}

/* Where piece K of N starts its years from: the spans of every piece
 * (ACTUAL: as read, else as guessed). */
static void
run_part_years(const struct run *r, const struct stat *st,
    const struct run_part *parts, int n, int k, int actual,
    struct when_years *y)
{
	struct when_span all, before;
	int i;

	memset(&all, 0, sizeof(all));
	memset(&before, 0, sizeof(before));
	for (i = 0; i < n; i++) {
		const struct when_span *s =
		    actual ? &parts[i].run.seen : &parts[i].guess;

		when_span_join(&all, s);
		if (i < k)
			when_span_join(&before, s);
	}
	when_years_file(y, run_file_ref(r, st), &all, &before);
}

/* Make piece P's run, starting its years from P->years. */
static void
run_part_begin(struct run_part *p)
{
	struct run *r = p->parent;

	run_init(&p->run, p->rules.pats, r->clock.now);
	p->run.sigs = p->rules.sigs;
	if (r->max_peers)
		agg_limit_peers(p->run.agg, r->max_peers);
	p->run.win = r->win;
	p->run.years = p->years;
	p->run.progress = r->progress;
	p->pat_hits = pat_limit_hits(p->rules.pats);
	p->sig_hits = p->rules.sigs != NULL ? sig_limit_hits(p->rules.sigs) : 0;
}

/* Throw away piece P's pass: its counts and its rules' limit hits. */
static void
run_part_undo(struct run_part *p)
{
	pat_limit_rewind(p->rules.pats, p->pat_hits);
	if (p->rules.sigs != NULL)
		sig_limit_rewind(p->rules.sigs, p->sig_hits);
	run_done(&p->run);
}

static void *
run_part_main(void *arg)
{
	struct run_part *p = arg;
	char err[1024];

	if (p->rules.pats == NULL) { /* the first pass of a piece k > 0 */
		if (run_rules_load(&p->rules, p->parent->dir, err,
			sizeof(err)) < 0)
			util_fatal("%s",
			    err); /* the same files loaded before */
		run_part_begin(p);
	}
	(void)run_scan(&p->run, scan_new_range(p->fd, p->start, p->end),
	    p->name);
	return NULL;
}

/* Read the pieces marked todo: one per thread, the first on this one. */
static void
run_parts_go(struct run_part *parts, int n)
{
	int k;

	for (k = 1; k < n; k++)
		if (parts[k].todo &&
		    pthread_create(&parts[k].tid, NULL, run_part_main,
			&parts[k]) == 0)
			parts[k].started = 1;
	for (k = 0; k < n; k++)
		if (parts[k].todo && !parts[k].started)
			run_part_main(&parts[k]);
	for (k = 0; k < n; k++) {
		if (parts[k].started)
			pthread_join(parts[k].tid, NULL);
		parts[k].started = parts[k].todo = 0;
	}
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
 * Read a large regular file in pieces, one per thread (r->jobs, at least
 * one). The main thread reads the first piece with the run's own rules;
 * the others load theirs. Each piece starts its years from a guess of the
 * stamps before it (run_guess()) and records every stamp it reads; a
 * piece whose start the stamps read prove wrong is read again, from the
 * right one, so the years are those of one pass over the whole file (a
 * file of ordinary logs is read once). The pieces' counts are merged in
 * file order. 0, or -1 when the file could not be read whole (warned and
 * counted as for one thread).
 */
static int
run_parallel(struct run *r, int fd, const char *name, const struct stat *st)
{
	struct run_part *parts;
	int n = r->jobs > 1 ? r->jobs : 1, k, rc = 0, again = 0;
	uint64_t offset = 0, lines;
	int64_t size = (int64_t)st->st_size;

	parts = xcalloc((size_t)n, sizeof(*parts));
	for (k = 0; k < n; k++) {
		parts[k].parent = r;
		parts[k].fd = fd;
		parts[k].name = name;
		parts[k].start =
		    k == 0 ? 0 : run_line_start(fd, size * k / n, size);
		if (k > 0)
			parts[k - 1].end = parts[k].start;
	}
	parts[n - 1].end = size;
	for (k = 0; k < n; k++)
		run_guess(fd, parts[k].start, parts[k].end, &parts[k].guess);
	for (k = 0; k < n; k++) {
		struct run_part *p = &parts[k];

		run_part_years(r, st, parts, n, k, 0, &p->years);
		p->todo = p->end > p->start || k == 0;
		if (k == 0) {
			p->rules = (struct run_rules){r->pats, r->sigs};
			run_part_begin(p);
		}
	}
	run_parts_go(parts, n);
	/* the stamps read say where each piece should have started */
	for (k = 0; k < n; k++) {
		struct run_part *p = &parts[k];

		run_part_years(r, st, parts, n, k, 1, &p->right);
		p->todo = p->rules.pats != NULL &&
		    !when_years_same(&p->right, &p->years);
		again |= p->todo;
	}
	for (k = 0; again && k < n; k++) {
		struct run_part *p = &parts[k];

		if (!p->todo)
			continue;
		run_part_undo(p);
		p->years = p->right;
		run_part_begin(p);
		p->run.progress = NULL; /* its bytes were told the first time */
	}
	if (again)
		run_parts_go(parts, n);
	for (k = 0; k < n; k++) {
		struct run_part *p = &parts[k];

		if (p->rules.pats == NULL)
			continue;
		/* the first piece used the run's rules: run_finish(r) counts
		 * their limit hits; the others count their own here */
		if (k > 0)
			run_finish(&p->run);
		lines = agg_counts(p->run.agg)->lines;
		if (agg_is_empty(r->agg)) {
			/* nothing to add to (the first piece of the first
			 * input): the piece's counts are taken as they are,
			 * which is what merging them would make */
			struct agg *empty = r->agg;

			r->agg = p->run.agg;
			p->run.agg = empty;
		} else
			agg_merge(r->agg, p->run.agg, offset);
		offset += lines;
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
	if (r->trace == NULL && (r->jobs <= 1 || r->dir != NULL) &&
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
