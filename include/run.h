/*
 * run.h - drive the pipeline: inputs -> lines -> headers -> events -> counts.
 *
 *   run_init(&r, pats, now)    start a run with loaded patterns
 *   run_path(&r, path)         read a file ("-" is standard input)
 *   run_fd(&r, fd, name)       read an open descriptor
 *   run_line(&r, line, n, name, lineno)   classify and count one line
 *   run_finish(&r)             fold per-input counters into the totals
 *   run_done(&r)               free what the run owns (not the patterns)
 *
 * A read error warns "smtplog: NAME: <strerror>", is counted in r.errors,
 * and the run goes on with the next input.
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

struct run {
	struct pat_set *pats; /* borrowed */
	struct sig_set *sigs; /* borrowed; NULL: no signatures */
	struct agg *agg;      /* owned */
	struct syslog_clock clock;
	int errors;  /* inputs that could not be read whole */
	int inputs;  /* inputs read */
	FILE *trace; /* when set: one line per input line */
};

void run_init(struct run *r, struct pat_set *pats, time_t now);
void run_line(struct run *r, const char *line, size_t len, const char *name,
    uint64_t lineno);
int run_fd(struct run *r, int fd, const char *name);
int run_path(struct run *r, const char *path);
void run_finish(struct run *r);
void run_done(struct run *r);

#endif
