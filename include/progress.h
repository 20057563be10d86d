/*
 * progress.h - a progress line on standard error for long runs.
 *
 *   progress_start(fp)         start (a thread that draws, see below)
 *   progress_file(p, name, fd) a new input: its name, and its size when
 *                              it is a regular file
 *   progress_add(p, bytes)     bytes read; any thread may call it
 *   progress_bytes(p)          the bytes added so far (0 for NULL)
 *   progress_stop(p)           stop, clear the line, free (NULL is fine)
 *   progress_format(...)       the text of one line (for tests)
 *
 * The line says how many bytes were read, at what rate, and for a regular
 * file how far into it and its name: "smtplog: 812.4 MB read, 201.3 MB/s,
 * 41% of /var/log/mail.log". It first shows PROGRESS_DELAY_MS after the
 * start, so that short runs print nothing, then is redrawn in place ("\r")
 * every PROGRESS_INTERVAL_MS, and is cleared at the end and before every
 * diagnostic (util_warn). The readers only add to an atomic counter now
 * and then; they never look at the clock or write. The caller decides
 * whether to show progress at all (smtplog: only when standard error is
 * a terminal, and not with --no-progress).
 */
#ifndef SMTPLOG_PROGRESS_H
#define SMTPLOG_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PROGRESS_DELAY_MS 1000
#define PROGRESS_INTERVAL_MS 250

struct progress;

/* Start drawing on FP. NULL when no thread could be started (then there
 * is no progress line, and every other call accepts NULL). */
struct progress *progress_start(FILE *fp);
void progress_file(struct progress *p, const char *name, int fd);
void progress_add(struct progress *p, uint64_t bytes);
uint64_t progress_bytes(struct progress *p);
void progress_stop(struct progress *p);

/*
 * The progress text into BUF (N bytes), at most WIDTH - 1 columns so that
 * it never wraps: BYTES read in all, in SECS seconds; FILE_BYTES of them
 * from the current input NAME of SIZE bytes (SIZE < 0: not a regular
 * file, neither name nor share shown). A long name loses its beginning
 * ("...log/mail.log"); control bytes in it are shown as '?'. Returns the
 * number of columns written.
 */
int progress_format(char *buf, size_t n, uint64_t bytes, double secs,
    const char *name, uint64_t file_bytes, int64_t size, int width);

#endif
