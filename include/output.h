/*
 * output.h - write a report to a file so that readers never see half of
 * one: into a temporary file beside it, renamed over it when complete.
 *
 *   output_open(path, err, n)    the writer, or NULL with a message in ERR
 *   output_fp(w)                 the stream to write the report to
 *   output_close(w, keep, ...)   KEEP: fsync and rename into place; else
 *                                remove the temporary, PATH untouched
 *
 * PATH "-" is standard output: nothing is created, and output_close()
 * only flushes it. The file gets the permissions a plain create would
 * give it (0666 less the umask), whatever mkstemp() chose. The writer is
 * the caller's until output_close(), which frees it in every case.
 */
#ifndef SMTPLOG_OUTPUT_H
#define SMTPLOG_OUTPUT_H

#include <stdio.h>

struct output;

struct output *output_open(const char *path, char *err, size_t errlen);
FILE *output_fp(const struct output *w);
/* 1 when the report goes to a file (not standard output). */
int output_is_file(const struct output *w);
/* 0, or -1 with the message in ERR (the temporary is gone then too). */
int output_close(struct output *w, int keep, char *err, size_t errlen);

#endif
