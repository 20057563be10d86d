/*
 * redact.h - find the local parts of mail addresses in log text, so that
 * --redact can print "<*@example.com>" for "<jane.doe@example.com>".
 *
 *   redact_find(s, len, from, &start, &end)   next local part at or
 *                                             after FROM
 *   redact_copy(buf, n, s, len)               S with every local part
 *                                             replaced by REDACT_TOKEN
 *
 * A local part is what stands right before an "@": a quoted string
 * ("john doe"@, "a\"b"@) or a run of the characters RFC 5322 allows in
 * an unquoted one (letters, digits, ".!#$%&'*+-/=?^_`{|}~") and any byte
 * from 0x80 up (RFC 6531 UTF-8 local parts). Two kinds of log text around
 * an address are kept: a leading quote (' or `) of a quoted word, and a
 * log key ("sasl_username=") when the address is not inside <...>. The
 * domain is never touched. Nothing is allocated; the functions only read
 * S, which need not be NUL-terminated.
 */
#ifndef SMTPLOG_REDACT_H
#define SMTPLOG_REDACT_H

#include <stddef.h>

/* What a local part is replaced with: the same for every address, so
 * nothing about the local part (not even a hash of it) is left. */
#define REDACT_TOKEN "*"

/* Longest quoted local part looked for (RFC 5321 allows 64 octets; a
 * bound keeps hostile lines of quotes linear). */
#define REDACT_MAX_QUOTED 256

/* The first local part in S[FROM, LEN): 1 with [*START, *END) set (END
 * is the index of its "@"), or 0 when there is none. */
int
redact_find(const char *s, size_t len, size_t from, size_t *start, size_t *end);

/* Write S with every local part replaced by REDACT_TOKEN into BUF (N
 * bytes, NUL-terminated when N > 0, cut when too small). Returns the
 * length of the whole result, as snprintf does. */
size_t redact_copy(char *buf, size_t n, const char *s, size_t len);

#endif
