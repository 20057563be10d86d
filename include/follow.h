/*
 * follow.h - --follow: keep reading logs as they grow, like tail -F, and
 * print the summary so far every few seconds.
 *
 *   follow_new(r, paths, n)     follow these inputs ("-": standard input)
 *   follow_step(f)              read what is new in every input, notice
 *                               rotation and truncation; lines read
 *   follow_summary(f, &o)       print the summary so far
 *   follow_run(f, &o)           step, print on the interval, until SIGINT,
 *                               SIGTERM or the end of every stream
 *   follow_free(f)
 *
 * A regular file is read from its beginning, then polled (every second):
 * when its name points to a new file (rotation), the rest of the old one
 * is read, then the new one from its start; when it shrinks below what
 * was read (copytruncate), it is read again from 0. A missing file is
 * waited for. Standard input and other pipes are read as the data comes
 * and end with their end. Lines go through run_line() of the caller's
 * run, which owns the counts; a line without its newline yet is kept
 * until it is whole (or its file is left).
 */
#ifndef SMTPLOG_FOLLOW_H
#define SMTPLOG_FOLLOW_H

#include <stdint.h>
#include <stdio.h>

#include "report.h"
#include "run.h"

/* How often a file is looked at when nothing happens, in milliseconds. */
#define FOLLOW_POLL_MS 1000

struct follow_opts {
	unsigned interval;               /* seconds between summaries */
	const struct report_format *fmt; /* JSON is written compact */
	const struct report_opts *ro;
	FILE *out;
	/* -o: each summary replaces this file whole (output.h) instead of
	 * going to OUT; NULL: OUT */
	const char *path;
};

struct follow;

/* PATHS (N of them) are kept by pointer: they must outlive F. */
struct follow *follow_new(struct run *r, char *const *paths, int n);
uint64_t follow_step(struct follow *f);
/* 1 when every input is a stream that has ended: nothing more can come. */
int follow_ended(const struct follow *f);
/* A dated line before a text summary, one line of JSON for a JSON one.
 * -1 when writing failed. */
int follow_summary(struct follow *f, const struct follow_opts *o);
/* Returns the exit status: 0, 1 when an input could not be read (or never
 * appeared), 2 when writing failed. The final summary is printed. */
int follow_run(struct follow *f, const struct follow_opts *o);
void follow_free(struct follow *f);

#endif
