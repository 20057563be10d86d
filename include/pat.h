/*
 * pat.h - the extraction rules: PCRE2 patterns loaded from the .pat files.
 *
 *   pat_load_dir(dir, err, n)   load every *.pat file of a directory
 *   pat_load_file(set, path, err, n)
 *   pat_load_fp(set, fp, name, err, n)   the same from an open stream
 *   pat_mta_for(set, hdr)       which MTA a line belongs to, or -1
 *   pat_match(set, mta, msg, n, &ev)   classify a mail line
 *   pat_free(set)
 *
 * Each pattern is compiled once, JIT-compiled when possible, and has its
 * own match data. Errors are written into the caller's buffer as
 * "file:line: offset N: <PCRE2 message>" (or "file:line: <what>"); the
 * caller prints them. The file format is described in patterns/README.
 */
#ifndef SMTPLOG_PAT_H
#define SMTPLOG_PAT_H

#include <stddef.h>
#include <stdio.h>
#include "event.h"
#include "syslog.h"

struct pat_set;

enum pat_result {
	PAT_NOREPLY = 0, /* a mail line that carries no reply */
	PAT_EVENT,       /* ev was filled */
	PAT_UNPARSED     /* looks like it carries a reply; no rule matched */
};

struct pat_set *pat_new(void);
int
pat_load_file(struct pat_set *set, const char *path, char *err, size_t errlen);
/* Load one pattern file from FP (not closed); NAME stands for it in the
 * messages. For the tests and the fuzzer, which have no file. */
int pat_load_fp(struct pat_set *set, FILE *fp, const char *name, char *err,
    size_t errlen);
struct pat_set *pat_load_dir(const char *dir, char *err, size_t errlen);
/* Number of rule sets (one per pattern file) loaded. */
int pat_count(const struct pat_set *set);
/* Rule set for a line's program, or -1 when no MTA claims it. */
int pat_mta_for(struct pat_set *set, const struct syslog_hdr *hdr);
/* The MTA (enum event_mta) of rule set IDX. */
int pat_mta_of(const struct pat_set *set, int idx);
enum pat_result pat_match(struct pat_set *set, int mta, const char *msg,
    size_t len, struct event *ev);
/* Regex matches run so far (what the prefilters and caches spare). */
unsigned long pat_runs(const struct pat_set *set);
/* Match-limit hits so far (the line was treated as unparsed). */
unsigned long pat_limit_hits(const struct pat_set *set);
/* Set the count back to HITS, taken before a pass whose results were
 * thrown away (run.c). */
void pat_limit_rewind(struct pat_set *set, unsigned long hits);
void pat_free(struct pat_set *set);

/*
 * For tests: run every shape parser (shape.h) of rule set IDX on a line
 * and its rule's regex, and compare. Returns how many answers agreed, or
 * -1 with WHY saying what differed.
 */
int pat_shape_check(struct pat_set *set, int idx, const char *msg, size_t len,
    char *why, size_t whylen);
/* Rules of set IDX that have a shape parser; their names, space-separated,
 * into NAMES. */
int
pat_shape_count(const struct pat_set *set, int idx, char *names, size_t len);

#endif
