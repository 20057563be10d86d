/*
 * lit.h - find which of a set of literals occur in a text, in one pass.
 *
 *   lit_new() / lit_free(l)
 *   lit_add(l, s, n, id)        add literal S (N >= 1 bytes) with an id
 *   lit_any(l, text, n)         1 when some literal occurs in TEXT
 *   lit_each(l, text, n, fn, arg)   call fn(arg, id) for every literal
 *                               occurrence (an id may come more than once)
 *
 * Used as the cheap test before any regex: by pat (does the line carry
 * one of the MTA's reply literals?) and sig (which signatures can apply?).
 * The scan looks at each pair of adjacent bytes once, in a 64 Kibit
 * bitmap of the literals' first two bytes that stays in L1 cache; only on
 * a hit does it compare whole literals. Matching is exact (bytewise);
 * callers fold case themselves when they want.
 */
#ifndef SMTPLOG_LIT_H
#define SMTPLOG_LIT_H

#include <stddef.h>

struct lit_set;

struct lit_set *lit_new(void);
void lit_free(struct lit_set *l);
void lit_add(struct lit_set *l, const char *s, size_t n, int id);
int lit_any(const struct lit_set *l, const char *text, size_t n);
void lit_each(const struct lit_set *l, const char *text, size_t n,
    void (*fn)(void *arg, int id), void *arg);
/* Number of literals added. */
int lit_count(const struct lit_set *l);

#endif
