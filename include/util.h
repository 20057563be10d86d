/*
 * util.h - allocation wrappers, diagnostics and safe text output.
 *
 * x*() allocate or exit with "smtplog: out of memory"; they never return
 * NULL. util_warn() prints "smtplog: ..." on stderr. util_put_text() writes
 * bytes from a log so that no control character reaches the reader raw.
 * Callers own everything the x*() functions return and free it with free().
 */
#ifndef SMTPLOG_UTIL_H
#define SMTPLOG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__)
#define UTIL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define UTIL_NORETURN __attribute__((noreturn))
#else
#define UTIL_PRINTF(f, a)
#define UTIL_NORETURN
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* The program name used as prefix of every diagnostic ("smtplog"). */
extern const char *util_progname;

void util_warn(const char *fmt, ...) UTIL_PRINTF(1, 2);
void util_fatal(const char *fmt, ...) UTIL_PRINTF(1, 2) UTIL_NORETURN;

/* Write LEN bytes of log text to FP: printable ASCII and valid UTF-8 pass,
 * everything else (ESC, CR, DEL, NUL, bad UTF-8 bytes, backslash) is
 * written as \xHH (a backslash as \\). */
void util_put_text(FILE *fp, const char *s, size_t len);

/* Write LEN bytes as the contents of a JSON string (without the quotes).
 * Invalid UTF-8 bytes become \u00HH escapes of their byte value, so the
 * output is valid JSON whatever the input was. */
void util_put_json(FILE *fp, const char *s, size_t len);

/* LEN bytes as a quoted JSON string, or null when S is NULL. */
void util_put_json_str(FILE *fp, const char *s, size_t len);

/* 1 when a JSON reader gets S's LEN bytes back from what util_put_json()
 * writes; 0 when S holds invalid UTF-8, whose bytes util_put_json() writes
 * as code points U+0080..U+00FF, which read back as other bytes. */
int util_json_exact(const char *s, size_t len);

/* Write "file:line: " and the message into ERR (ERRLEN bytes) for the
 * loaders' error reports; returns -1 so a caller can return it. */
int util_errf(char *err, size_t errlen, const char *file, size_t line,
    const char *fmt, ...) UTIL_PRINTF(5, 6);
int util_verrf(char *err, size_t errlen, const char *file, size_t line,
    const char *fmt, va_list ap) UTIL_PRINTF(5, 0);

/* Case-insensitive search of the NUL-free needle in a byte string. */
const char *
util_memcasemem(const char *hay, size_t hlen, const char *needle, size_t nlen);

#endif
