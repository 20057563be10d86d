/*
 * lit.c - find which of a set of literals occur in a text, in one pass.
 *
 * Every literal is filed under one pair of adjacent bytes in it, the one
 * least likely to occur in log text by a rough rule (punctuation, digits
 * and capitals are rarer than lower-case letters, and "e", "t", "a", "s",
 * "r" ... are the commonest of those), with its offset: "status=" under
 * "s=", not "st", which half the words of a log line start with. A bit
 * in a 65536-bit map says whether any literal is filed under a pair, and
 * a chain per pair lists them. A one-byte literal C is filed under every
 * pair (C, x), including (C, 0), the pair the scan sees at the last byte
 * of the text. The scan tests one bit per byte of text and compares whole
 * literals only on a hit; for a mail log line and a handful of literals
 * that is cheaper than one memmem() per literal.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lit.h"
#include "util.h"

#define LIT_PAIRS 65536

struct lit {
	char *s;
	size_t n;
	size_t off; /* where its pair is in it */
	int id;
	int next; /* next literal of the same pair, -1: none */
};

struct lit_set {
	uint64_t map[LIT_PAIRS / 64]; /* pairs that start some literal */
	int *head;                    /* LIT_PAIRS chains, -1: none */
	struct lit *lits;
	int nlits, cap;
};

struct lit_set *
lit_new(void)
{
	struct lit_set *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->head = xmalloc(LIT_PAIRS * sizeof(*l->head));
	for (i = 0; i < LIT_PAIRS; i++)
		l->head[i] = -1;
	return l;
}

void
lit_free(struct lit_set *l)
{
	int i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nlits; i++)
		free(l->lits[i].s);
	free(l->lits);
	free(l->head);
	free(l);
}

int
lit_count(const struct lit_set *l)
{
	return l->nlits;
}

/* File literal K under pair P. */
static void
lit_file(struct lit_set *l, unsigned p, int k)
{
	l->lits[k].next = l->head[p];
	l->head[p] = k;
	l->map[p >> 6] |= (uint64_t)1 << (p & 63);
}

/* How common byte C is in mail logs, roughly: higher is commoner. */
static int
lit_common(unsigned char c)
{
	static const char order[] = "etaosinrlhducmpfgywbvk";
	const char *p;

	if (c >= 'a' && c <= 'z') {
		p = strchr(order, c);
		return p ? 40 - (int)(p - order) : 16;
	}
	if (c == ' ')
		return 40;
	if (c >= 'A' && c <= 'Z')
		return 12;
	if (c >= '0' && c <= '9')
		return 14;
	return 8;
}

/* The offset of the rarest pair of S (N >= 2 bytes). */
static size_t
lit_rare_pair(const unsigned char *s, size_t n)
{
	size_t i, best = 0;
	int score, low = 1000;

	for (i = 0; i + 1 < n; i++) {
		score = lit_common(s[i]) + lit_common(s[i + 1]);
		if (score < low) {
			low = score;
			best = i;
		}
	}
	return best;
}

void
lit_add(struct lit_set *l, const char *s, size_t n, int id)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned x;
	int k;

	if (n == 0)
		return;
	if (l->nlits == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->lits = xrealloc(l->lits, (size_t)l->cap * sizeof(*l->lits));
	}
	k = l->nlits++;
	l->lits[k].s = xstrndup(s, n);
	l->lits[k].n = n;
	l->lits[k].id = id;
	l->lits[k].off = 0;
	if (n >= 2) {
		size_t o = lit_rare_pair(u, n);

		l->lits[k].off = o;
		lit_file(l, (unsigned)u[o] << 8 | u[o + 1], k);
		return;
	}
	/* one byte: under every pair it can start; the chains then share
	 * it, so it is linked from a copy per pair */
	lit_file(l, (unsigned)u[0] << 8, k);
	for (x = 1; x < 256; x++) {
		int c;

		if (l->nlits == l->cap) {
			l->cap *= 2;
			l->lits = xrealloc(l->lits,
			    (size_t)l->cap * sizeof(*l->lits));
		}
		c = l->nlits++;
		l->lits[c] = l->lits[k];
		l->lits[c].s = xstrndup(s, n);
		lit_file(l, (unsigned)u[0] << 8 | x, c);
	}
}

/*
 * The scan: for each position, the pair (byte, next byte or 0). Calls FN
 * for each literal found, or returns 1 at the first when FN is NULL.
 */
static int
lit_scan(const struct lit_set *l, const char *text, size_t n,
    void (*fn)(void *, int), void *arg)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned p = (unsigned)t[i] << 8 | (i + 1 < n ? t[i + 1] : 0);
		int k;

		if (!(l->map[p >> 6] >> (p & 63) & 1))
			continue;
		for (k = l->head[p]; k >= 0; k = l->lits[k].next) {
			const struct lit *x = &l->lits[k];
			size_t at = i - x->off;

			if (x->off > i || x->n > n - at ||
			    t[at] != (unsigned char)x->s[0] ||
			    memcmp(t + at, x->s, x->n) != 0)
				continue;
			if (fn == NULL)
				return 1;
			fn(arg, x->id);
		}
	}
	return 0;
}

int
lit_any(const struct lit_set *l, const char *text, size_t n)
{
	return lit_scan(l, text, n, NULL, NULL);
}

void
lit_each(const struct lit_set *l, const char *text, size_t n,
    void (*fn)(void *arg, int id), void *arg)
{
	(void)lit_scan(l, text, n, fn, arg);
}
