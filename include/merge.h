/*
 * merge.h - "smtplog merge": rebuild the counts from the JSON summaries
 * that "smtplog -f json" wrote, on one server or on a fleet of them.
 *
 *   merge_text(a, sigs, name, text, len, &inputs, err, n)  add one summary
 *   merge_path(a, sigs, path, &inputs, err, n)   read one ("-": stdin)
 *
 * A summary's "cells", "peers", line accounting, time span and samples go
 * into the aggregator as if its logs had been read in this run, so the
 * merged report is the report of one run over all the logs. Signatures
 * are matched by id against SIGS (the merging smtplog's own); an id it
 * does not know is counted without a signature, with a warning.
 * Samples are named "SUMMARY:FILE:LINE", so the reader knows which
 * summary (server) they came from.
 *
 * Errors are written into the caller's buffer as "NAME: what"; a summary
 * with an error adds nothing to the aggregator.
 */
#ifndef SMTPLOG_MERGE_H
#define SMTPLOG_MERGE_H

#include <stddef.h>

#include "agg.h"
#include "sig.h"

/* The JSON summary schema this smtplog writes and reads. */
#define MERGE_SCHEMA 1
/* Larger files are refused: no summary of a capped aggregator is. */
#define MERGE_MAX_BYTES (256 * 1024 * 1024)

enum merge_status {
	MERGE_OK = 0,
	MERGE_UNREADABLE = 1, /* could not be read: exit status 1 */
	MERGE_INVALID = 2     /* not a summary this smtplog can merge: 2 */
};

/* Add the summary TEXT (LEN bytes, read from NAME) to A, and its input
 * count to *INPUTS. */
enum merge_status
merge_text(struct agg *a, const struct sig_set *sigs, const char *name,
    const char *text, size_t len, int *inputs, char *err, size_t errlen);
/* Read PATH ("-": standard input) whole and merge_text() it. */
enum merge_status merge_path(struct agg *a, const struct sig_set *sigs,
    const char *path, int *inputs, char *err, size_t errlen);

#endif
