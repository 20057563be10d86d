/*
 * run.h - drive the pipeline: inputs -> lines -> headers -> events -> counts.
 *
 *   run_rules_load(&rr, dir, err, n)   patterns and signatures of DIR
 *   run_init(&r, pats, now)    start a run with loaded patterns
 *   run_path(&r, path)         read a file ("-" is standard input)
 *   run_fd(&r, fd, name)       read an open descriptor
 *   run_line(&r, line, n, name, lineno)   classify and count one line
 *   run_hdr(&r, &hdr, text, n, name, no)   the same for a journal entry
 *                              whose header is known
 *   run_finish(&r)             fold per-input counters into the totals
 *   run_done(&r)               free what the run owns (not the patterns)
 *
 * A read error warns "smtplog: NAME: <strerror>", is counted in r.errors,
 * and the run goes on with the next input. Compressed inputs are read
 * through zin.h; corrupt or truncated data is an error like a read error
 * ("smtplog: NAME: truncated gzip data ..."), after the lines before it
 * (the last one cut where the data ended).
 *
 * With r.win set, a line whose time is outside the window is counted as
 * AGG_SKIP_WINDOW, and one whose time cannot be read as AGG_SKIP_NOTIME.
 * Year-less stamps get their year from r.years (when.h): for a regular
 * file, with its New Years counted (by a first pass over a small file; a
 * large one is read in pieces from a guess that is checked), from
 * its modification time; for a stream (run_fd), from now.
 *
 * With r.jobs > 1, a large uncompressed regular file is cut at line
 * boundaries into r.jobs pieces read by as many threads, each with its own
 * rules (loaded again from r.dir) and counts; the counts are merged in file
 * order, so the result is the same as with one thread.
 */
#ifndef SMTPLOG_RUN_H
#define SMTPLOG_RUN_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <time.h>

#include "agg.h"
#include "pat.h"
#include "sig.h"
#include "syslog.h"
#include "when.h"

struct progress;

/* What a run matches with. Signatures are optional (NULL). */
struct run_rules {
	struct pat_set *pats;
	struct sig_set *sigs;
};

/* Load DIR's *.pat files and, when present, DIR/signatures.sig. -1 with
 * the message in ERR. */
int
run_rules_load(struct run_rules *rr, const char *dir, char *err, size_t errlen);
void run_rules_free(struct run_rules *rr);

/* The time window: lines before SINCE (when has_since) or at or after
 * UNTIL (when has_until) are counted as outside it, not as events. */
struct run_window {
	time_t since, until;
	int has_since, has_until;
};

/* Regular files smaller than this are read by one thread, after a first
 * pass over their stamps; larger ones in pieces (run.c). */
#define RUN_PAR_MIN (4 * 1024 * 1024)

struct journal_dec;

struct run {
	struct pat_set *pats; /* borrowed */
	struct sig_set *sigs; /* borrowed; NULL: no signatures */
	struct agg *agg;      /* owned */
	struct syslog_clock clock;
	struct journal_dec *jdec; /* owned: JSON lines, made on first use */
	int errors;               /* inputs that could not be read whole */
	int inputs;               /* inputs read */
	FILE *trace;              /* when set: one line per input line */
	int jobs;                 /* threads for a large regular file */
	const char *dir;          /* where threads load their rules */
	size_t max_peers; /* agg_limit_peers() of every piece; 0: default */
	struct run_window win;
	struct when_years years; /* the year of year-less stamps (run.c) */
	struct when_span seen;   /* the stamps read, in order */
	/* bytes read are added there (progress.h); NULL: none */
	struct progress *progress;
};

void run_init(struct run *r, struct pat_set *pats, time_t now);
void run_line(struct run *r, const char *line, size_t len, const char *name,
    uint64_t lineno);
/* Classify and count one entry whose header HDR is known (its format in
 * hdr->fmt); TEXT is what --trace and the samples show for it. */
void run_hdr(struct run *r, const struct syslog_hdr *hdr, const char *text,
    size_t len, const char *name, uint64_t lineno);
int run_fd(struct run *r, int fd, const char *name);
int run_path(struct run *r, const char *path);
void run_finish(struct run *r);
void run_done(struct run *r);

#endif
