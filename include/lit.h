/*
 * lit.h - find which of a set of literals occur in a text, in one pass.
 *
 *   lit_new() / lit_free(l)
 *   lit_add(l, s, n, id)        add literal S (N >= 1 bytes) with an id
 *   lit_any(l, text, n)         1 when some literal occurs in TEXT
 *   lit_each(l, text, n, fn, arg)   call fn(arg, id) for every literal
 *                               occurrence (an id may come more than once)
 *   lit_learn(l, text, n)       count TEXT as a sample of what will be
 *                               scanned (see below)
 *
 * Used as the cheap test before any regex: by pat (does the line carry
 * one of the MTA's reply literals? which rules can match?) and sig (which
 * signatures can apply?). lit_required() finds the literals a regex needs,
 * lit_required_all() every set of them it needs.
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
/*
 * How L is scanned: ON 0 a byte at a time, 1 16 bytes at a time where the
 * CPU can (x86-64 with SSSE3), 2 32 bytes where it can (AVX2), else 16;
 * returns what is used (0, 1, 2). The default is 2 unless SMTPLOG_NO_SIMD
 * is set; tests compare them.
 */
int lit_use_blocks(struct lit_set *l, int on);
/* Number of literals added. */
int lit_count(const struct lit_set *l);
/*
 * For a set scanned by byte triples (many literals of three bytes or
 * more, as the signatures'): count the triples of TEXT, a sample of the
 * texts to come. Once 64 KiB of samples are counted, every literal is
 * filed under the triple of it least met in them, so that the scan stops
 * less often at triples the log is full of (".co" of every domain, "lay"
 * of every "relay="). What a scan finds never changes; the calls after
 * that, and on other sets, do nothing.
 */
void lit_learn(struct lit_set *l, const char *text, size_t n);
/* Where in the literal of ID its triple starts (for the tests); -1 when
 * L is not scanned by triples. */
int lit_filed_at(const struct lit_set *l, int id);

/*
 * Literals one of which every match of the regex RE (N bytes) contains,
 * lower-cased when CASELESS, as a NULL-terminated list the caller frees
 * with lit_strv_free(); NULL when none can be told (try every text).
 */
char **lit_required(const char *re, size_t n, int caseless);
void lit_strv_free(char **v);
/*
 * Sets of literals of RE such that every match contains a literal of
 * each set (at most 8 sets, the one lit_required() gives first), as a
 * NULL-terminated list the caller frees with lit_strvv_free(); NULL when
 * none can be told. A pattern with a top-level "|" gives one set.
 */
char ***lit_required_all(const char *re, size_t n, int caseless);
/*
 * The top-level branches of RE ("a|b(c|d)|e": three), each of which the
 * functions above may be given alone: the end of each in ENDS, the next
 * starting one byte after. Returns their number, or 0 when there are more
 * than MAX or a branch cannot be read alone (an "x" option, a call of
 * a group, a back reference).
 */
int lit_branches(const char *re, size_t n, int caseless, size_t *ends, int max);
void lit_strvv_free(char ***v);
/* The index after the group or class that starts at RE[I] ("(" or "["),
 * escapes and classes inside it skipped; N when it is not closed. */
size_t lit_group_end(const char *re, size_t n, size_t i);

#endif
