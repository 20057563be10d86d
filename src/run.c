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
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
	char where[512];

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
		snprintf(where, sizeof(where), "%s:%llu", name,
		    (unsigned long long)lineno);
		agg_sample(r->agg, where, line, len);
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

int
run_fd(struct run *r, int fd, const char *name)
{
	struct scan *s = scan_new(fd);
	struct agg_counts *c = agg_counts(r->agg);
	const char *line;
	size_t len;
	uint64_t lineno = 0;
	int rc;

	while ((rc = scan_next(s, &line, &len)) > 0)
		run_line(r, line, len, name, ++lineno);
	if (rc < 0) {
		util_warn("%s: %s", name, strerror(errno));
		r->errors++;
	}
	c->overlong += scan_overlong(s);
	c->lines += scan_overlong(s);
	c->bytes += scan_bytes(s);
	r->inputs++;
	scan_free(s);
	return rc < 0 ? -1 : 0;
}

int
run_path(struct run *r, const char *path)
{
	int fd, rc;

	if (strcmp(path, "-") == 0)
		return run_fd(r, STDIN_FILENO, "(stdin)");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		util_warn("%s: %s", path, strerror(errno));
		r->errors++;
		return -1;
	}
	rc = run_fd(r, fd, path);
	close(fd);
	return rc;
}

void
run_finish(struct run *r)
{
	struct agg_counts *c = agg_counts(r->agg);

	c->limit_hits = pat_limit_hits(r->pats);
	if (r->sigs != NULL)
		c->limit_hits += sig_limit_hits(r->sigs);
}
