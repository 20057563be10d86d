/*
 * fuzz.h - what the libFuzzer harnesses of fuzz/ share (fuzz_common.c).
 *
 *   fuzz_init()                     TZ=UTC, so times do not depend on the host
 *   fuzz_patterns_dir()             the bundled patterns/ (or $SMTPLOG_PATTERNS)
 *   fuzz_rules(&rr, who)            load them, or exit naming WHO
 *   fuzz_open(data, size, &buf)     the input as a stream (fclose(), free(buf))
 *   fuzz_lines(&n)                  some lines of sample-logs/, read once
 *   fuzz_walk(a)                    read A every way the reports read it
 *   fuzz_report(a, sigs, fmt, &n)   a report of A, in memory (free() it)
 *   fuzz_roundtrip(a, sigs)         A's JSON summary must merge back into
 *                                   the same summary; abort() if not
 *
 * Nothing here writes a file: reports go to open_memstream(3) buffers.
 * A broken promise is a crash (abort), so that libFuzzer keeps the input.
 */
#ifndef SMTPLOG_FUZZ_H
#define SMTPLOG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <stdio.h>

#include "agg.h"
#include "run.h"
#include "sig.h"

/* The harnesses' entry points, declared for -Wmissing-prototypes. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fixed "now" for year-less stamps: 2026-11-23T00:00:00Z, as the tests. */
#define FUZZ_NOW ((time_t)1795392000)

void fuzz_init(void);
const char *fuzz_patterns_dir(void);
void fuzz_rules(struct run_rules *rr, const char *who);
/* NULL for an empty input (fmemopen(3) wants a byte); else a stream over a
 * copy of DATA in *BUF (fmemopen(3) takes a writable buffer, even to read). */
FILE *fuzz_open(const uint8_t *data, size_t size, char **buf);
/* A line of a sample log: its bytes (NUL-terminated) and length. */
struct fuzz_line {
	char *s;
	size_t len;
};
const struct fuzz_line *fuzz_lines(size_t *n);
void fuzz_walk(const struct agg *a);
char *fuzz_report(const struct agg *a, const struct sig_set *sigs,
    const char *fmt, size_t *len);
void fuzz_roundtrip(const struct agg *a, const struct sig_set *sigs);

#endif
