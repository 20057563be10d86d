/*
 * lines.h - walk the log lines of a file or of a tree of files, for the
 * tests that check a property on every sample and corpus line.
 *
 *   lines_file(path, fn, arg)   FN on each line of PATH
 *   lines_tree(dir, fn, arg)    FN on each line of every regular file
 *                               under DIR, depth first
 *
 * FN gets the line without its newline (and CR), its length, and where
 * it is ("path:lineno"); both walks return the sum of FN's returns, 0
 * when the file or directory cannot be opened.
 */
#ifndef SMTPLOG_TEST_LINES_H
#define SMTPLOG_TEST_LINES_H

#include <stddef.h>

typedef long
lines_fn(void *arg, const char *line, size_t len, const char *where);

long lines_file(const char *path, lines_fn *fn, void *arg);
long lines_tree(const char *dir, lines_fn *fn, void *arg);

#endif
