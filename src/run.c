/*
 * run.c - drive the pipeline: inputs -> lines -> headers -> events -> counts.
 *
 * Every line read ends in exactly one counter (agg_line): an event, a mail
 * line without a reply, an unparsed mail line, or one of the skipped
 * kinds; overlong lines are counted by the scanner. That is the accounting
 * the reports check: lines = events + noreply + unparsed + skipped +
 * overlong.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "progress.h"
#include "run.h"
#include "scan.h"
#include "util.h"

void
run_init(struct run *r, struct pat_set *pats, time_t now)
{
	memset(r, 0, sizeof(*r));
	r->pats = pats;
	r->agg = agg_new();
	syslog_clock_init(&r->clock, now);
}

void
run_done(struct run *r)
{
	agg_free(r->agg);
	r->agg = NULL;
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

void
run_line(struct run *r, const char *line, size_t len, const char *name,
    uint64_t lineno)
{
	struct syslog_hdr h;
	struct event ev;
	enum syslog_fmt f;
	int idx, mta;
	time_t t;

	f = syslog_parse(line, len, &h);
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
	idx = pat_mta_for(r->pats, &h);
	if (idx < 0) {
		agg_line(r->agg, AGG_SKIP_OTHER, -1);
		if (r->trace)
			run_trace(r, "other", -1, NULL, line, len);
		return;
	}
	mta = pat_mta_of(r->pats, idx);
	if (syslog_time(&h, &r->clock, &t) == 0)
		agg_time(r->agg, t);
	switch (pat_match(r->pats, idx, h.msg, h.msglen, &ev)) {
	case PAT_EVENT:
		if (r->sigs != NULL && ev.cls != 2)
			ev.sig = sig_match(r->sigs, &ev, h.msg, h.msglen);
		agg_event(r->agg, &ev);
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
		util_warn("%s: %s", name, strerror(errno));
		r->errors++;
	}
	c->overlong += scan_overlong(s);
	c->lines += scan_overlong(s);
	c->bytes += scan_bytes(s);
	scan_free(s);
	return rc < 0 ? -1 : 0;
}

int
run_fd(struct run *r, int fd, const char *name)
{
	r->inputs++;
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
};

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
run_parallel(struct run *r, int fd, const char *name, int64_t size)
{
	struct run_part *parts;
	char err[1024];
	int n = r->jobs, k, rc = 0;
	uint64_t offset = 0;

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

int
run_path(struct run *r, const char *path)
{
	struct stat st;
	int fd, rc;

	if (strcmp(path, "-") == 0) {
		progress_file(r->progress, "(stdin)", STDIN_FILENO);
		return run_fd(r, STDIN_FILENO, "(stdin)");
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		util_warn("%s: %s", path, strerror(errno));
		r->errors++;
		return -1;
	}
	progress_file(r->progress, path, fd);
	if (r->jobs > 1 && r->trace == NULL && r->dir != NULL &&
	    fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= RUN_PAR_MIN) {
		r->inputs++;
		rc = run_parallel(r, fd, path, (int64_t)st.st_size);
	} else
		rc = run_fd(r, fd, path);
	close(fd);
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
