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
 *
 * With AVX2 and at most eight pairs (the MTAs' literal lines, the rules'
 * literals), 32 places are checked at once against every pair, by nibble
 * lookups with a bit per pair (Hyperscan's "Teddy"). Else, on
 * x86-64 with SSSE3 (checked at run time) the scan goes 16 bytes at a
 * time, 32 with AVX2: each literal's pair has an anchor, the rarer of its
 * two bytes, and a byte-set test by nibble lookups (two PSHUFB, as in Hyperscan's
 * "shufti") finds the anchors in a block; only the pairs next to them go
 * to the bitmap. Anchors share eight buckets, so the block test may let
 * through a byte that is no anchor; a 256-entry table settles it. A set
 * with more than 16 anchors (the signatures' literals) lets nearly every
 * byte through the block test. When its literals all have three bytes or
 * more, it is scanned by byte triples instead (struct lit_tri): pairs of
 * lower-case letters are in most words of a message, triples of them in
 * few; with AVX2, eight triples are hashed at once and their bits
 * gathered from the map (else it is scanned a pair at a time). The
 * triple a literal is filed under is first a guess from its rare pair;
 * lit_learn() counts the triples of the first texts and files each
 * literal under its least met one (the domains, "relay=" and enhanced
 * codes of a log are full of triples the guess takes for rare). A hit is
 * confirmed by the literal's first four bytes as one word before the
 * rest is compared. A literal added again under another id (signatures
 * share many) is filed once and reported under all its ids.
 */
#include "config.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define LIT_SHUFTI 1
#endif
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lit.h"
#include "util.h"

#define LIT_PAIRS 65536
#define LIT_VEC_PAIRS 8    /* pairs compared head-on by lit_scan_pairs32() */
#define LIT_MAX_ANCHORS 16 /* more: the block scans do not pay */
#define LIT_FIRST 1        /* an anchor that is the first byte of its pair */
#define LIT_SECOND 2       /* ... the second */
#define LIT_MAX_SETS                                                           \
	7 /* sets lit_required_all() gives besides the
                              best */

struct lit {
	char *s;
	size_t n;
	uint32_t head; /* its first four bytes, when it has four */
	size_t off;    /* where its pair is in it */
	int id;
	int next;    /* next literal of the same pair, -1: none */
	size_t toff; /* where its triple is in it (lit_tri) */
	int tnext;   /* next literal of the same triple hash, -1: none */
	int same;    /* next literal with the same bytes, -1: none */
	int twin;    /* 1: the same bytes as one added before; in no chain */
};

/*
 * The index by byte triples, for sets with many anchors whose literals
 * all have three bytes or more (the signatures'): each literal is filed
 * under a hash of three adjacent bytes of it, those of its rare pair and
 * one more, so that a scan position is a hit only when three bytes fit;
 * pairs of lower-case letters alone let through most of a message.
 */
#define LIT_TRI_BITS 16
#define LIT_TRI_MUL 2654435761u /* the triple hash's multiplier */
/* sample text lit_learn() counts before it refiles the literals */
#define LIT_LEARN_BYTES (64 * 1024)
struct lit_tri {
	uint64_t map[(1u << LIT_TRI_BITS) / 64];
	int head[1u << LIT_TRI_BITS]; /* first literal + 1, 0: none */
};

struct lit_set {
	uint64_t map[LIT_PAIRS / 64]; /* pairs that start some literal */
	int *head; /* LIT_PAIRS chains: first literal + 1, 0: none */
	struct lit *lits;
	int nlits, cap;
	unsigned char lo[16], hi[16]; /* anchor buckets by low, high nibble */
	unsigned char anchor[256];    /* LIT_FIRST | LIT_SECOND: where the
	                                 byte anchors some literal's pair */
	int nanchors;
	int blocks; /* 1: lit_scan_blocks(), 2: lit_scan_blocks32() */
	/* the first LIT_VEC_PAIRS pairs by nibble, bit K for pair K: low and
	 * high nibble of the first byte, low and high of the second */
	unsigned char pairnib[4][16];
	int npairs; /* distinct pairs filed under; > LIT_VEC_PAIRS: too many
	               (a one-byte literal counts as too many) */
	struct lit_tri *tri; /* NULL: not worth it, or a literal too short */
	int short_lits;      /* literals under three bytes */
	int reference;       /* lit_use_blocks(l, 0): pairs a byte at a time */
	/* lit_learn(): how often each triple hash was met in the sample
	 * so far (NULL before it), its bytes, and whether it is done */
	uint16_t *seen;
	size_t learned;
	int learnt;
};

struct lit_set *
lit_new(void)
{
	struct lit_set *l = xcalloc(1, sizeof(*l));

	/* zeroed and untouched: only the pages of pairs in use cost memory */
	l->head = xcalloc(LIT_PAIRS, sizeof(*l->head));
	(void)lit_use_blocks(l, getenv("SMTPLOG_NO_SIMD") == NULL ? 2 : 0);
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
	free(l->tri);
	free(l->seen);
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
	int k0 = l->head[p] == 0 ? l->npairs++ : -1; /* a new pair: its bit */

	if (k0 >= 0 && k0 < LIT_VEC_PAIRS) {
		unsigned char bit = (unsigned char)(1u << k0);

		l->pairnib[0][p >> 8 & 15] |= bit;
		l->pairnib[1][p >> 12 & 15] |= bit;
		l->pairnib[2][p & 15] |= bit;
		l->pairnib[3][p >> 4 & 15] |= bit;
	}
	l->lits[k].next = l->head[p] - 1;
	l->head[p] = k + 1;
	l->map[p >> 6] |= (uint64_t)1 << (p & 63);
}

/*
 * How common byte C is in mail logs: its rank from the rarest (0, bytes
 * not listed) to the commonest. The order was counted over the public
 * log lines the tests use (Postfix, Exim and Sendmail, 4.6 MB).
 */
static int
lit_common(unsigned char c)
{
	static const char order[] =
	    " 0et1si.oar2:m3-9nlcd45x=pf7u6v\n8Ey/[],CHThbA@SR*L><g\"DIPM\t_()"
	    "NFUOXYjkqGwzBV;K|Z";
	const char *p = c != '\0' ? strchr(order, c) : NULL;

	return p ? (int)(sizeof(order) - (size_t)(p - order)) : 0;
}

/*
 * The offset of the pair of S (N >= 2 bytes) to file it under: the one
 * with the rarest byte, and of those the one whose other byte is rarest.
 */
static size_t
lit_rare_pair(const unsigned char *s, size_t n)
{
	size_t i, best = 0;
	int lo, hi, blo = 1000, bhi = 1000;

	for (i = 0; i + 1 < n; i++) {
		lo = lit_common(s[i]);
		hi = lit_common(s[i + 1]);
		if (lo > hi) {
			int t = lo;

			lo = hi;
			hi = t;
		}
		if (lo < blo || (lo == blo && hi < bhi)) {
			blo = lo;
			bhi = hi;
			best = i;
		}
	}
	return best;
}

/* The literal of S (N bytes) filed under pair P, or -1. */
static int
lit_find(const struct lit_set *l, const unsigned char *s, size_t n, unsigned p)
{
	int k;

	for (k = l->head[p] - 1; k >= 0; k = l->lits[k].next)
		if (l->lits[k].n == n && memcmp(l->lits[k].s, s, n) == 0)
			return k;
	return -1;
}

/* Make byte C an anchor (see above) in place ROLE of a pair. */
static void
lit_anchor(struct lit_set *l, unsigned char c, int role)
{
	unsigned char bit;

	if (l->anchor[c]) {
		l->anchor[c] |= (unsigned char)role;
		return;
	}
	l->anchor[c] = (unsigned char)role;
	bit = (unsigned char)(1u << (l->nanchors++ % 8));
	l->lo[c & 15] |= bit;
	l->hi[c >> 4] |= bit;
}

/* Hash of three bytes G (the first in the low byte), LIT_TRI_BITS wide. */
static inline unsigned
lit_tri_mix(uint32_t g)
{
	return (unsigned)((g * LIT_TRI_MUL) >> (32 - LIT_TRI_BITS));
}

/* Hash of the three bytes at T. */
static inline unsigned
lit_tri_hash(const unsigned char *t)
{
	return lit_tri_mix(
	    (uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16);
}

/* The triple hash literal X is filed under. */
static unsigned
lit_tri_of(const struct lit *x)
{
	return lit_tri_hash((const unsigned char *)x->s + x->toff);
}

/* File literal K in the triple index under its triple at toff. */
static void
lit_tri_put(struct lit_set *l, int k)
{
	struct lit *x = &l->lits[k];
	unsigned h = lit_tri_of(x);

	x->tnext = l->tri->head[h] - 1;
	l->tri->head[h] = k + 1;
	l->tri->map[h >> 6] |= (uint64_t)1 << (h & 63);
}

/* Where literal X (three bytes or more) is filed by default: its rare
 * pair and the byte after it, or before it at the end. */
static size_t
lit_tri_default(const struct lit *x)
{
	return x->off + 3 <= x->n ? x->off : x->n - 3;
}

/* File literal K (three bytes or more) in the triple index. */
static void
lit_tri_file(struct lit_set *l, int k)
{
	l->lits[k].toff = lit_tri_default(&l->lits[k]);
	lit_tri_put(l, k);
}

/*
 * File every literal again, under its triple least met in the sample
 * lit_learn() counted (the default one on a tie). Only the map words and
 * heads in use are cleared: the index's untouched pages stay unmapped.
 */
static void
lit_tri_refile(struct lit_set *l)
{
	const unsigned char *u;
	unsigned h, least, seen;
	size_t p;
	int k;

	for (k = 0; k < l->nlits; k++)
		if (!l->lits[k].twin) {
			h = lit_tri_of(&l->lits[k]);
			l->tri->head[h] = 0;
			l->tri->map[h >> 6] = 0;
		}
	for (k = 0; k < l->nlits; k++) {
		struct lit *x = &l->lits[k];

		if (x->twin)
			continue;
		u = (const unsigned char *)x->s;
		x->toff = lit_tri_default(x);
		least = l->seen[lit_tri_of(x)];
		for (p = 0; p + 3 <= x->n && least > 0; p++)
			if ((seen = l->seen[lit_tri_hash(u + p)]) < least) {
				least = seen;
				x->toff = p;
			}
		lit_tri_put(l, k);
	}
}

/* Keep the triple index in step after literal K was added. */
static void
lit_tri_update(struct lit_set *l, int k)
{
	int j;

	if (l->lits[k].n < 3)
		l->short_lits++;
	if (l->short_lits > 0 || l->nanchors <= LIT_MAX_ANCHORS) {
		free(l->tri);
		l->tri = NULL;
		return;
	}
	if (l->tri != NULL) {
		lit_tri_file(l, k);
		return;
	}
	l->tri = xcalloc(1, sizeof(*l->tri));
	for (j = 0; j < l->nlits; j++)
		if (!l->lits[j].twin)
			lit_tri_file(l, j);
}

void
lit_learn(struct lit_set *l, const char *text, size_t n)
{
	const unsigned char *t = (const unsigned char *)text;
	unsigned h;
	size_t i;

	if (l->tri == NULL || l->learnt)
		return;
	if (l->seen == NULL)
		l->seen = xcalloc((size_t)1 << LIT_TRI_BITS, sizeof(*l->seen));
	for (i = 0; i + 3 <= n; i++) {
		h = lit_tri_hash(t + i);
		if (l->seen[h] < UINT16_MAX)
			l->seen[h]++;
	}
	l->learned += n;
	if (l->learned < LIT_LEARN_BYTES)
		return;
	lit_tri_refile(l);
	free(l->seen);
	l->seen = NULL;
	l->learnt = 1;
}

int
lit_filed_at(const struct lit_set *l, int id)
{
	int k;

	if (l->tri == NULL)
		return -1;
	for (k = 0; k < l->nlits; k++)
		if (l->lits[k].id == id && !l->lits[k].twin)
			return (int)l->lits[k].toff;
	return -1;
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
	l->lits[k].head = 0;
	if (n >= 4)
		memcpy(&l->lits[k].head, s, 4);
	l->lits[k].id = id;
	l->lits[k].off = 0;
	l->lits[k].same = -1;
	l->lits[k].twin = 0;
	if (n >= 2) {
		size_t o = lit_rare_pair(u, n);
		int t = lit_find(l, u, n, (unsigned)u[o] << 8 | u[o + 1]);

		if (t >= 0) { /* the same bytes: reported with the first */
			l->lits[k].twin = 1;
			l->lits[k].same = l->lits[t].same;
			l->lits[t].same = k;
			return;
		}

		l->lits[k].off = o;
		lit_file(l, (unsigned)u[o] << 8 | u[o + 1], k);
		if (lit_common(u[o]) <= lit_common(u[o + 1]))
			lit_anchor(l, u[o], LIT_FIRST);
		else
			lit_anchor(l, u[o + 1], LIT_SECOND);
		lit_tri_update(l, k);
		return;
	}
	l->short_lits++;
	free(l->tri);
	l->tri = NULL;
	/* one byte: under every pair it can start; the chains then share
	 * it, so it is linked from a copy per pair */
	lit_file(l, (unsigned)u[0] << 8, k);
	lit_anchor(l, u[0], LIT_FIRST);
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
 * Whether literal X is at T (which has at least X->n bytes): most tries
 * fail in the first four bytes, compared as one word.
 */
static inline int
lit_is_at(const struct lit *x, const unsigned char *t)
{
	uint32_t w;

	if (x->n < 4)
		return util_memeq(t, x->s, x->n);
	memcpy(&w, t, 4);
	return w == x->head && util_memeq(t + 4, x->s + 4, x->n - 4);
}

/* Literal X was found: FN for it and every twin of it. */
static inline void
lit_found(const struct lit_set *l, const struct lit *x, void (*fn)(void *, int),
    void *arg)
{
	int k;

	fn(arg, x->id);
	for (k = x->same; k >= 0; k = l->lits[k].same)
		fn(arg, l->lits[k].id);
}

/*
 * The literals of the chain from K found at I: by pairs (next, off) or,
 * with TRI, by triples (tnext, toff). Calls FN for each one, or returns 1
 * at the first when FN is NULL.
 */
static inline int
lit_walk(const struct lit_set *l, const unsigned char *t, size_t n, size_t i,
    int k, int tri, void (*fn)(void *, int), void *arg)
{
	for (; k >= 0; k = tri ? l->lits[k].tnext : l->lits[k].next) {
		const struct lit *x = &l->lits[k];
		size_t off = tri ? x->toff : x->off, at = i - off;

		if (off > i || x->n > n - at || !lit_is_at(x, t + at))
			continue;
		if (fn == NULL)
			return 1;
		lit_found(l, x, fn, arg);
	}
	return 0;
}

/* Walk the chain of pair P at I (see lit_pair). */
static int
lit_chain(const struct lit_set *l, const unsigned char *t, size_t n, size_t i,
    unsigned p, void (*fn)(void *, int), void *arg)
{
	return lit_walk(l, t, n, i, l->head[p] - 1, 0, fn, arg);
}

/*
 * The literals filed under the pair at I of T (its byte and the next, or
 * 0 at the end): calls FN for each one found, or returns 1 at the first
 * when FN is NULL.
 */
static inline int
lit_pair(const struct lit_set *l, const unsigned char *t, size_t n, size_t i,
    void (*fn)(void *, int), void *arg)
{
	unsigned p = (unsigned)t[i] << 8 | (i + 1 < n ? t[i + 1] : 0);

	if (!(l->map[p >> 6] >> (p & 63) & 1))
		return 0;
	return lit_chain(l, t, n, i, p, fn, arg);
}

/* Every pair position, one at a time. */
static int
lit_scan_bytes(const struct lit_set *l, const unsigned char *t, size_t n,
    void (*fn)(void *, int), void *arg)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lit_pair(l, t, n, i, fn, arg))
			return 1;
	return 0;
}

#ifdef LIT_SHUFTI
/*
 * An anchor at J: the pair that starts at J - 1 (an anchor that is the
 * second byte of its pair) and the one at J (the first), each once (*NEXT
 * is the first pair not yet looked at).
 */
static inline int
lit_anchor_at(const struct lit_set *l, const unsigned char *t, size_t n,
    size_t j, size_t *next, void (*fn)(void *, int), void *arg)
{
	unsigned role = l->anchor[t[j]];

	if (role == 0)
		return 0;
	if ((role & LIT_SECOND) && j > 0 && j - 1 >= *next &&
	    lit_pair(l, t, n, j - 1, fn, arg))
		return 1;
	if (!(role & LIT_FIRST)) {
		/* the pair at J is not looked at here: an anchor at J + 1
		 * that is the second byte of its pair must still see it
		 * ("lb" of "mailbox" after "il" of "mail") */
		*next = j;
		return 0;
	}
	if (j >= *next && lit_pair(l, t, n, j, fn, arg))
		return 1;
	*next = j + 1;
	return 0;
}

/* The anchors flagged in MASK, bit K for the byte at I + K. */
static inline int
lit_mask_hits(const struct lit_set *l, const unsigned char *t, size_t n,
    size_t i, uint32_t mask, size_t *next, void (*fn)(void *, int), void *arg)
{
	while (mask != 0) {
		size_t j = i + (size_t)__builtin_ctz(mask);

		mask &= mask - 1;
		if (lit_anchor_at(l, t, n, j, next, fn, arg))
			return 1;
	}
	return 0;
}

/* The bytes from I to the end, after the last whole block. */
static int
lit_anchor_tail(const struct lit_set *l, const unsigned char *t, size_t n,
    size_t i, size_t *next, void (*fn)(void *, int), void *arg)
{
	for (; i < n; i++)
		if (lit_anchor_at(l, t, n, i, next, fn, arg))
			return 1;
	return 0;
}

__attribute__((target("ssse3"))) static int
lit_scan_blocks(const struct lit_set *l, const unsigned char *t, size_t n,
    void (*fn)(void *, int), void *arg)
{
	const __m128i lo = _mm_loadu_si128((const __m128i *)l->lo);
	const __m128i hi = _mm_loadu_si128((const __m128i *)l->hi);
	const __m128i nib = _mm_set1_epi8(0x0f), zero = _mm_setzero_si128();
	size_t i, next = 0;
	uint32_t mask;

	for (i = 0; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(t + i));
		__m128i a = _mm_shuffle_epi8(lo, _mm_and_si128(v, nib));
		__m128i b = _mm_shuffle_epi8(hi,
		    _mm_and_si128(_mm_srli_epi16(v, 4), nib));

		mask = ~(uint32_t)_mm_movemask_epi8(
			   _mm_cmpeq_epi8(_mm_and_si128(a, b), zero)) &
		    0xffffu;
		if (lit_mask_hits(l, t, n, i, mask, &next, fn, arg))
			return 1;
	}
	return lit_anchor_tail(l, t, n, i, &next, fn, arg);
}

/* The same, 32 bytes at a time (each 16-byte lane looks up alike). */
__attribute__((target("avx2"))) static int
lit_scan_blocks32(const struct lit_set *l, const unsigned char *t, size_t n,
    void (*fn)(void *, int), void *arg)
{
	const __m256i lo = _mm256_broadcastsi128_si256(
	    _mm_loadu_si128((const __m128i *)l->lo));
	const __m256i hi = _mm256_broadcastsi128_si256(
	    _mm_loadu_si128((const __m128i *)l->hi));
	const __m256i nib = _mm256_set1_epi8(0x0f);
	const __m256i zero = _mm256_setzero_si256();
	size_t i, next = 0;
	uint32_t mask;

	for (i = 0; i + 32 <= n; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(t + i));
		__m256i a = _mm256_shuffle_epi8(lo, _mm256_and_si256(v, nib));
		__m256i b = _mm256_shuffle_epi8(hi,
		    _mm256_and_si256(_mm256_srli_epi16(v, 4), nib));

		mask = ~(uint32_t)_mm256_movemask_epi8(
		    _mm256_cmpeq_epi8(_mm256_and_si256(a, b), zero));
		if (lit_mask_hits(l, t, n, i, mask, &next, fn, arg))
			return 1;
	}
	return lit_anchor_tail(l, t, n, i, &next, fn, arg);
}

/*
 * With few pairs (eight at most), each has a bit of its own, and a block
 * is tested against all at once by nibbles, as Hyperscan's "Teddy" does:
 * four PSHUFB lookups give, for each place, the pairs whose first byte
 * has the place's low nibble, its high nibble, and whose second byte has
 * the next place's; their AND is the pairs that start there, exactly (a
 * bit stands for one pair only). lit_pairs_at() tests the 32 places from
 * P on (33 bytes there), bit K for place K.
 */
__attribute__((target("avx2"))) static inline uint32_t
lit_pairs_at(const __m256i tab[4], const unsigned char *p)
{
	const __m256i nib = _mm256_set1_epi8(0x0f);
	__m256i a = _mm256_loadu_si256((const __m256i *)p);
	__m256i b = _mm256_loadu_si256((const __m256i *)(p + 1));
	__m256i m =
	    _mm256_and_si256(_mm256_and_si256(_mm256_shuffle_epi8(tab[0],
						  _mm256_and_si256(a, nib)),
				 _mm256_shuffle_epi8(tab[1],
				     _mm256_and_si256(_mm256_srli_epi16(a, 4),
					 nib))),
		_mm256_and_si256(_mm256_shuffle_epi8(tab[2],
				     _mm256_and_si256(b, nib)),
		    _mm256_shuffle_epi8(tab[3],
			_mm256_and_si256(_mm256_srli_epi16(b, 4), nib))));

	return ~(uint32_t)_mm256_movemask_epi8(
	    _mm256_cmpeq_epi8(m, _mm256_setzero_si256()));
}

/* The chains of the pairs flagged in MASK, bit K for the place AT + K of
 * T (U: T, or its padded copy). */
static inline __attribute__((always_inline)) int
lit_pair_hits(const struct lit_set *l, const unsigned char *t,
    const unsigned char *u, size_t n, size_t at, uint32_t mask,
    void (*fn)(void *, int), void *arg)
{
	while (mask != 0) {
		size_t j = at + (size_t)__builtin_ctz(mask);

		mask &= mask - 1;
		if (lit_chain(l, t, n, j, (unsigned)u[j] << 8 | u[j + 1], fn,
			arg))
			return 1;
	}
	return 0;
}

/*
 * The Teddy scan of a text: whole blocks, then the one ending at the last
 * pair with what was already seen masked off. A text shorter than a block
 * is copied into a zeroed one (the pair at its last byte is then that
 * byte and 0, as lit_pair() takes it).
 */
__attribute__((target("avx2"))) static int
lit_scan_pairs32(const struct lit_set *l, const unsigned char *t, size_t n,
    void (*fn)(void *, int), void *arg)
{
	__m256i tab[4];
	unsigned char pad[64];
	size_t i, at;
	uint32_t mask;
	int k;

	for (k = 0; k < 4; k++)
		tab[k] = _mm256_broadcastsi128_si256(
		    _mm_loadu_si128((const __m128i *)l->pairnib[k]));
	if (n < 33) {
		if (n == 0)
			return 0;
		memset(pad, 0, sizeof(pad));
		memcpy(pad, t, n);
		mask = lit_pairs_at(tab, pad);
		if (n < 32) /* not past the text */
			mask &= ((uint32_t)1 << n) - 1;
		return lit_pair_hits(l, t, pad, n, 0, mask, fn, arg);
	}
	for (i = 0; i + 33 <= n; i += 32)
		if ((mask = lit_pairs_at(tab, t + i)) != 0 &&
		    lit_pair_hits(l, t, t, n, i, mask, fn, arg))
			return 1;
	if (i + 1 >= n) /* the pairs up to the last but one byte are seen */
		return 0;
	at = n - 33;
	mask = lit_pairs_at(tab, t + at) & (~(uint32_t)0 << (i - at));
	return lit_pair_hits(l, t, t, n, at, mask, fn, arg);
}
#endif

/* The three bytes at T as lit_tri_mix() takes them, T having four. */
static inline uint32_t
lit_tri_load(const unsigned char *t)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t w;

	memcpy(&w, t, 4); /* one load; the fourth byte masked off */
	return w & 0xffffffu;
#else
	return (uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16;
#endif
}

/* Every triple position from I on through the triple index (see struct
 * lit_tri). */
static int
lit_scan_tri_from(const struct lit_set *l, const unsigned char *t, size_t n,
    size_t i, void (*fn)(void *, int), void *arg)
{
	const uint64_t *map = l->tri->map;
	unsigned h;

	for (; i + 4 <= n; i++) {
		h = lit_tri_mix(lit_tri_load(t + i));
		if ((map[h >> 6] >> (h & 63) & 1) &&
		    lit_walk(l, t, n, i, l->tri->head[h] - 1, 1, fn, arg))
			return 1;
	}
	if (i + 3 != n) /* the last triple, which has no fourth byte */
		return 0;
	h = lit_tri_hash(t + i);
	return (map[h >> 6] >> (h & 63) & 1) &&
	    lit_walk(l, t, n, i, l->tri->head[h] - 1, 1, fn, arg);
}

#ifdef LIT_SHUFTI
/*
 * The triple scan, 32 positions a step, 8 per vector: 16 bytes loaded
 * into both halves are shuffled into the triples of 8 positions in a row
 * (the fourth byte zero), hashed as lit_tri_mix() does, and the hashes'
 * bits gathered from the map. Only positions whose bit is set go to the
 * chains, in text order. The tail is lit_scan_tri_from()'s.
 */
__attribute__((target("avx2"))) static int
lit_scan_tri32(const struct lit_set *l, const unsigned char *t, size_t n,
    void (*fn)(void *, int), void *arg)
{
	const int *words = (const int *)(const void *)l->tri->map;
	const __m256i triples =
	    _mm256_setr_epi8(0, 1, 2, -1, 1, 2, 3, -1, 2, 3, 4, -1, 3, 4, 5, -1,
		4, 5, 6, -1, 5, 6, 7, -1, 6, 7, 8, -1, 7, 8, 9, -1);
	const __m256i mul = _mm256_set1_epi32((int)LIT_TRI_MUL);
	const __m256i m31 = _mm256_set1_epi32(31), one = _mm256_set1_epi32(1);
	size_t i, at;
	uint32_t hits;
	unsigned h;
	int q;

	for (i = 0; i + 40 <= n; i += 32) {
		hits = 0;
		for (q = 0; q < 4; q++) {
			__m256i w =
			    _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(
						    _mm_loadu_si128(
							(const __m128i *)(t +
							    i + 8 * q))),
				triples);
			__m256i hv =
			    _mm256_srli_epi32(_mm256_mullo_epi32(w, mul),
				32 - LIT_TRI_BITS);
			__m256i word = _mm256_i32gather_epi32(words,
			    _mm256_srli_epi32(hv, 5), 4);
			__m256i bit = _mm256_and_si256(one,
			    _mm256_srlv_epi32(word, _mm256_and_si256(hv, m31)));

			hits |=
			    (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(
				_mm256_cmpeq_epi32(bit, one)))
			    << (8 * q);
		}
		while (hits != 0) {
			at = i + (size_t)__builtin_ctz(hits);
			hits &= hits - 1;
			h = lit_tri_mix(lit_tri_load(t + at));
			if (lit_walk(l, t, n, at, l->tri->head[h] - 1, 1, fn,
				arg))
				return 1;
		}
	}
	return lit_scan_tri_from(l, t, n, i, fn, arg);
}
#endif

int
lit_use_blocks(struct lit_set *l, int on)
{
	l->reference = on <= 0;
#ifdef LIT_SHUFTI
	l->blocks = on > 0 && __builtin_cpu_supports("ssse3");
	if (l->blocks && on > 1 && __builtin_cpu_supports("avx2"))
		l->blocks = 2;
#else
	l->blocks = 0;
	(void)on;
#endif
	return l->blocks;
}

/* Calls FN for each literal found, or returns 1 at the first when FN is
 * NULL. */
static int
lit_scan(const struct lit_set *l, const char *text, size_t n,
    void (*fn)(void *, int), void *arg)
{
	const unsigned char *t = (const unsigned char *)text;

	/* many anchors, long literals: by triples (off: the reference scan) */
	if (l->tri != NULL && !l->reference) {
#ifdef LIT_SHUFTI
		if (l->blocks == 2)
			return lit_scan_tri32(l, t, n, fn, arg);
#endif
		return lit_scan_tri_from(l, t, n, 0, fn, arg);
	}
#ifdef LIT_SHUFTI
	if (l->blocks == 2 && l->npairs <= LIT_VEC_PAIRS)
		return lit_scan_pairs32(l, t, n, fn, arg);
	/* with many anchors nearly every byte passes the block test, and a
	 * byte at a time is quicker (the signatures' literals) */
	if (l->blocks == 2 && l->nanchors <= LIT_MAX_ANCHORS)
		return lit_scan_blocks32(l, t, n, fn, arg);
	if (l->blocks == 1 && l->nanchors <= LIT_MAX_ANCHORS)
		return lit_scan_blocks(l, t, n, fn, arg);
#endif
	return lit_scan_bytes(l, t, n, fn, arg);
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

/*
 * Required literals of a regex: a set of literals one of which every
 * match contains, so that a text with none of them need not be tried. A
 * branch (a sequence without a top-level "|") offers each run of plain
 * characters it cannot match without, in each spelling a group of plain
 * alternatives inside it gives (struct lit_run), and each other group it
 * cannot skip whose alternatives all offer a set (their union); the
 * branch keeps the best offer, the one whose shortest literal is longest. A pattern is the union of its branches. Classes, escapes
 * like \d, optional atoms (?, *, {0,..}) and negative lookarounds offer
 * nothing. A pattern that yields no set (a branch with no literal of two
 * bytes or more, or syntax the scan does not model: \Q, \x.., (?x) ...)
 * has none: it must always be tried. For a caseless pattern the literals
 * are lower-cased (the caller folds the text too); for one that minds
 * case, an inline (?i) is syntax the scan does not model.
 */

/* Literals one of which a matching text contains; n == 0: none known. */
struct lit_lset {
	char **s;
	int n;
	size_t min; /* length of the shortest */
};

/* Sets every one of which a matching text meets (lit_required_all()). */
struct lit_lsets {
	struct lit_lset v[LIT_MAX_SETS];
	int n;
};

static void
lit_lset_clear(struct lit_lset *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	memset(l, 0, sizeof(*l));
}

static void
lit_lset_add(struct lit_lset *l, const char *s, size_t n)
{
	l->s = xrealloc(l->s, (size_t)(l->n + 1) * sizeof(*l->s));
	l->s[l->n++] = xstrndup(s, n);
	if (l->n == 1 || n < l->min)
		l->min = n;
}

/* Move the literals of FROM into TO. */
static void
lit_lset_join(struct lit_lset *to, struct lit_lset *from)
{
	int i;

	for (i = 0; i < from->n; i++)
		lit_lset_add(to, from->s[i], strlen(from->s[i]));
	lit_lset_clear(from);
}

/* Replace BEST by OFFER when OFFER filters better; OFFER is emptied. */
static void
lit_lset_offer(struct lit_lset *best, struct lit_lset *offer)
{
	if (offer->n > 0 &&
	    (best->n == 0 || offer->min > best->min ||
		(offer->min == best->min && offer->n < best->n))) {
		lit_lset_clear(best);
		*best = *offer;
		memset(offer, 0, sizeof(*offer));
	}
	lit_lset_clear(offer);
}

/* Whether pattern P uses syntax the literal scan does not model. */
static int
lit_unmodelled(const char *p, size_t n, int caseless)
{
	size_t i, j;

	for (i = 0; i + 1 < n; i++) {
		if (p[i] == '\\') {
			if (strchr("QExopPgkcNu0123456789", p[i + 1]) != NULL)
				return 1;
			i++;
		} else if (p[i] == '(' && p[i + 1] == '*') {
			return 1; /* (*VERB), (*:NAME), (*UTF): match empty */
		} else if (p[i] == '(' && p[i + 1] == '?') {
			for (j = i + 2; j < n &&
			     (isalpha((unsigned char)p[j]) || p[j] == '-');
			     j++)
				if (p[j] == 'x' || (p[j] == 'i' && !caseless))
					return 1; /* (?x): blanks ignored */
		}
	}
	return 0;
}

/*
 * The index after the group or class starting at P[I]. A "]" first in a
 * class ("[]x]", "[^]x]") or closing "[:alpha:]" is a member.
 */
static size_t
lit_nested_end(const char *p, size_t n, size_t i)
{
	size_t first = 0; /* where a "]" is still a member; 0: not in one */
	int depth = 0;
	const char *e;

	for (; i < n; i++) {
		if (p[i] == '\\') {
			i++;
			continue;
		}
		if (first > 0) {
			if (p[i] == '[' && i + 1 < n && p[i + 1] == ':' &&
			    (e = memmem(p + i + 2, n - i - 2, ":]", 2)) != NULL)
				i = (size_t)(e - p) + 1;
			else if (p[i] == ']' && i != first) {
				first = 0;
				if (depth == 0)
					return i + 1;
			}
			continue;
		}
		if (p[i] == '[') {
			first = i + 1;
			if (first < n && p[first] == '^')
				first++;
		} else if (p[i] == '(') {
			depth++;
		} else if (p[i] == ')' && --depth == 0) {
			return i + 1;
		}
	}
	return n;
}

size_t
lit_group_end(const char *re, size_t n, size_t i)
{
	return lit_nested_end(re, n, i);
}

/* Whether the atom ending at P[I] is optional ("?", "*", "{0", "{,"). */
static int
lit_optional(const char *p, size_t n, size_t i)
{
	return i < n &&
	    (p[i] == '?' || p[i] == '*' ||
		(p[i] == '{' && i + 1 < n &&
		    (p[i + 1] == '0' || p[i + 1] == ',')));
}

/*
 * Where the body of the group P[I..END) starts, or 0 when the group
 * offers nothing (negative lookaround, an option setting, a comment).
 */
static size_t
lit_group_body(const char *p, size_t i, size_t end)
{
	size_t b = i + 1;

	if (b >= end || p[b] != '?')
		return b;
	b++;
	if (b < end && strchr(":=>|", p[b]) != NULL)
		return b + 1;
	if (b + 1 < end && p[b] == '<' && p[b + 1] == '=')
		return b + 2;
	if (b < end && (p[b] == '<' || p[b] == '\'' || p[b] == 'P')) {
		if (p[b] == '<' && b + 1 < end && p[b + 1] == '!')
			return 0;
		while (b < end && p[b] != '>' && p[b] != '\'')
			b++;
		return b + 1 < end ? b + 1 : 0;
	}
	while (b < end && (isalpha((unsigned char)p[b]) || p[b] == '-'))
		b++; /* (?i:...) */
	return b < end && p[b] == ':' ? b + 1 : 0;
}

/* C as the literal holds it. */
static char
lit_fold(char c, int caseless)
{
	if (caseless)
		c = (char)util_lower((unsigned char)c);
	return c;
}

static void lit_alt_lits(const char *p, size_t i, size_t end, int caseless,
    struct lit_lset *out);

/*
 * Offer OFFER to BEST; with ALL set, a copy of every offer whose literals
 * have three bytes or more also goes there (up to LIT_MAX_SETS).
 */
static void
lit_offer_keep(struct lit_lset *best, struct lit_lset *offer,
    struct lit_lsets *all)
{
	int i;

	if (all != NULL && offer->n > 0 && offer->min >= 3 &&
	    all->n < LIT_MAX_SETS) {
		struct lit_lset *c = &all->v[all->n++];

		memset(c, 0, sizeof(*c));
		for (i = 0; i < offer->n; i++)
			lit_lset_add(c, offer->s[i], strlen(offer->s[i]));
	}
	lit_lset_offer(best, offer);
}

/*
 * A run of plain text being read, in each of its spellings: a group of
 * plain alternatives inside a run ("spamhaus\.org/(?:query/)?sbl") makes
 * the run each of them in turn ("spamhaus.org/sbl",
 * "spamhaus.org/query/sbl"), up to LIT_RUN_MAX spellings; a match holds
 * one of them.
 */
#define LIT_RUN_MAX 8
struct lit_run {
	char *s[LIT_RUN_MAX]; /* CAP bytes each, in one block */
	size_t n[LIT_RUN_MAX];
	int k; /* spellings; 1 and empty when a run starts */
};

static void
lit_run_init(struct lit_run *r, size_t cap)
{
	char *block = xmalloc(LIT_RUN_MAX * (cap + 1));
	int j;

	for (j = 0; j < LIT_RUN_MAX; j++) {
		r->s[j] = block + (size_t)j * (cap + 1);
		r->n[j] = 0;
	}
	r->k = 1;
}

static void
lit_run_free(struct lit_run *r)
{
	free(r->s[0]);
}

/* C at the end of every spelling. */
static void
lit_run_char(struct lit_run *r, char c)
{
	int j;

	for (j = 0; j < r->k; j++)
		r->s[j][r->n[j]++] = c;
}

/* The last byte of every spelling is optional ("x?"): drop it. */
static void
lit_run_drop(struct lit_run *r)
{
	int j;

	for (j = 0; j < r->k; j++)
		if (r->n[j] > 0)
			r->n[j]--;
}

/*
 * Offer the run to BEST (and ALL) when each spelling has two bytes or
 * more, without the spellings that hold another (a text with "hardfail"
 * has "fail"); start a new run.
 */
static void
lit_run_keep(struct lit_run *r, struct lit_lset *best, struct lit_lsets *all)
{
	struct lit_lset one = {0};
	int j, o, ok = 1;

	for (j = 0; j < r->k; j++)
		ok = ok && r->n[j] >= 2;
	for (j = 0; ok && j < r->k; j++) {
		for (o = 0; o < r->k; o++)
			if (o != j &&
			    (r->n[o] < r->n[j] ||
				(o < j && r->n[o] == r->n[j])) &&
			    memmem(r->s[j], r->n[j], r->s[o], r->n[o]) != NULL)
				break;
		if (o == r->k)
			lit_lset_add(&one, r->s[j], r->n[j]);
	}
	if (one.n > 0)
		lit_offer_keep(best, &one, all);
	r->k = 1;
	r->n[0] = 0;
}

/*
 * The plain alternatives of a group body P[I..END) ("query/", "x|yz"),
 * folded, into ALT (at most LIT_RUN_MAX): their number, or -1 when one is
 * more than plain bytes and escaped punctuation.
 */
static int
lit_plain_alts(const char *p, size_t i, size_t end, int caseless,
    struct lit_lset *alt)
{
	char *buf = xmalloc(end - i + 1);
	size_t bn = 0;

	memset(alt, 0, sizeof(*alt));
	for (;; i++) {
		if (i == end || p[i] == '|') {
			if (alt->n == LIT_RUN_MAX)
				break;
			lit_lset_add(alt, buf, bn);
			bn = 0;
			if (i == end) {
				free(buf);
				return alt->n;
			}
		} else if (p[i] == '\\' && i + 1 < end &&
		    !isalnum((unsigned char)p[i + 1])) {
			buf[bn++] = lit_fold(p[++i], caseless);
		} else if (strchr("\\()[].^$*+?{", p[i]) != NULL) {
			break;
		} else {
			buf[bn++] = lit_fold(p[i], caseless);
		}
	}
	free(buf);
	lit_lset_clear(alt);
	return -1;
}

/*
 * Each spelling followed by each alternative of ALT, and by nothing too
 * when OPTIONAL: 0, or -1 (the run unchanged) past LIT_RUN_MAX.
 */
static int
lit_run_cross(struct lit_run *r, const struct lit_lset *alt, int optional)
{
	int na = alt->n + (optional != 0), j, a;
	size_t len;

	if (r->k * na > LIT_RUN_MAX)
		return -1;
	/* from the last spelling down, so that none is overwritten unread */
	for (j = r->k - 1; j >= 0; j--)
		for (a = na - 1; a >= 0; a--) {
			int k = j * na + a;

			len = a < alt->n ? strlen(alt->s[a]) : 0;
			if (k != j)
				memcpy(r->s[k], r->s[j], r->n[j]);
			memcpy(r->s[k] + r->n[j], a < alt->n ? alt->s[a] : "",
			    len);
			r->n[k] = r->n[j] + len;
		}
	r->k *= na;
	return 0;
}

/* Whether the group at P[I] consumes what it matches (no lookaround). */
static int
lit_group_consumes(const char *p, size_t n, size_t i)
{
	if (i + 2 >= n || p[i + 1] != '?')
		return 1;
	if (p[i + 2] == '=' || p[i + 2] == '!')
		return 0;
	return !(p[i + 2] == '<' && i + 3 < n &&
	    (p[i + 3] == '=' || p[i + 3] == '!'));
}

/*
 * The best set of the branch P[I..END), which has no top-level "|"; with
 * ALL set, every set the branch needs is also put there.
 */
static void
lit_branch_lits(const char *p, size_t i, size_t end, int caseless,
    struct lit_lset *best, struct lit_lsets *all)
{
	struct lit_run run;
	struct lit_lset group;
	size_t e, b;
	unsigned char c;
	int once, maybe;

	memset(best, 0, sizeof(*best));
	lit_run_init(&run, end - i);
	while (i < end) {
		c = (unsigned char)p[i];
		if (c == '\\' && i + 1 < end &&
		    !isalnum((unsigned char)p[i + 1])) {
			lit_run_char(&run, lit_fold(p[i + 1], caseless));
			i += 2;
		} else if (c == '\\') {
			lit_run_keep(&run, best, all); /* \b, \d, \s ... */
			i += 2;
		} else if (c == '(' || c == '[') {
			e = lit_nested_end(p, end, i);
			b = c == '(' ? lit_group_body(p, i, e) : 0;
			/* a group of plain alternatives, once or maybe (a
			 * "?", lazy or possessive): the run goes on through */
			once = e >= end || strchr("?*+{", p[e]) == NULL;
			maybe = !once && p[e] == '?' &&
			    (e + 1 >= end || strchr("*{", p[e + 1]) == NULL);
			if (b != 0 && b < e && (once || maybe) &&
			    lit_group_consumes(p, end, i) &&
			    lit_plain_alts(p, b, e - 1, caseless, &group) > 0) {
				int crossed =
				    lit_run_cross(&run, &group, maybe) == 0;

				lit_lset_clear(&group);
				if (crossed) {
					i = once ? e : e + 1;
					if (maybe && i < end &&
					    (p[i] == '?' || p[i] == '+'))
						i++;
					continue;
				}
			}
			lit_run_keep(&run, best, all);
			if (c == '(' && !lit_optional(p, end, e) && b != 0 &&
			    b < e) {
				lit_alt_lits(p, b, e - 1, caseless, &group);
				lit_offer_keep(best, &group, all);
			}
			i = e;
		} else if (c == '?' || c == '*' || c == '{') {
			if (lit_optional(p, end, i))
				lit_run_drop(&run); /* the atom before is */
			lit_run_keep(&run, best, all);
			if (c == '{')
				while (i < end && p[i] != '}')
					i++;
			i++;
		} else if (strchr(".^$+)|", c) != NULL) {
			lit_run_keep(&run, best, all);
			i++;
		} else {
			lit_run_char(&run, lit_fold((char)c, caseless));
			i++;
		}
	}
	lit_run_keep(&run, best, all);
	lit_run_free(&run);
}

/* The union of the alternatives of P[I..END), or none if one has none. */
static void
lit_alt_lits(const char *p, size_t i, size_t end, int caseless,
    struct lit_lset *out)
{
	struct lit_lset one;
	size_t j = i;

	memset(out, 0, sizeof(*out));
	for (;;) {
		if (j < end && p[j] == '\\') {
			j += 2;
			continue;
		}
		if (j < end && (p[j] == '(' || p[j] == '[')) {
			j = lit_nested_end(p, end, j);
			continue;
		}
		if (j < end && p[j] != '|') {
			j++;
			continue;
		}
		lit_branch_lits(p, i, j < end ? j : end, caseless, &one, NULL);
		if (one.n == 0) {
			lit_lset_clear(out);
			return;
		}
		lit_lset_join(out, &one);
		if (j >= end)
			return;
		i = ++j;
	}
}

/* The first "|" outside groups and classes in RE[I..N), or N. */
static size_t
lit_top_bar(const char *re, size_t n, size_t i)
{
	for (; i < n; i++) {
		if (re[i] == '\\')
			i++;
		else if (re[i] == '(' || re[i] == '[')
			i = lit_nested_end(re, n, i) - 1;
		else if (re[i] == '|')
			return i;
	}
	return n;
}

/*
 * Whether every "(?" of RE opens a group, a lookaround or an option
 * setting other than x (those lit_unmodelled() refuses): no call of a
 * group or condition, whose meaning a branch alone does not hold.
 */
static int
lit_branches_stand_alone(const char *re, size_t n)
{
	size_t i, j;

	for (i = 0; i + 2 < n; i++) {
		if (re[i] == '\\') {
			i++;
			continue;
		}
		if (re[i] != '(' || re[i + 1] != '?')
			continue;
		j = i + 2;
		if (re[j] == '\0')
			return 0;
		if (strchr(":=!><|#'", re[j]) != NULL ||
		    (re[j] == 'P' && j + 1 < n && re[j + 1] == '<'))
			continue;
		while (
		    j < n && re[j] != '\0' && strchr("imnsUJ-", re[j]) != NULL)
			j++;
		if (j == i + 2 || j >= n || (re[j] != ')' && re[j] != ':'))
			return 0;
	}
	return 1;
}

int
lit_branches(const char *re, size_t n, int caseless, size_t *ends, int max)
{
	size_t i = 0;
	int k = 0;

	if (lit_unmodelled(re, n, caseless) || !lit_branches_stand_alone(re, n))
		return 0;
	for (;;) {
		if (k == max)
			return 0;
		i = ends[k++] = lit_top_bar(re, n, i);
		if (i++ == n)
			return k;
	}
}

char **
lit_required(const char *re, size_t n, int caseless)
{
	struct lit_lset set;
	char **v;

	if (lit_unmodelled(re, n, caseless))
		return NULL;
	lit_alt_lits(re, 0, n, caseless, &set);
	if (set.n == 0)
		return NULL;
	v = xrealloc(set.s, (size_t)(set.n + 1) * sizeof(*v));
	v[set.n] = NULL;
	return v;
}

/* V (a set's literals) as a NULL-terminated vector; V is emptied. */
static char **
lit_lset_strv(struct lit_lset *v)
{
	char **out = xrealloc(v->s, (size_t)(v->n + 1) * sizeof(*out));

	out[v->n] = NULL;
	memset(v, 0, sizeof(*v));
	return out;
}

char ***
lit_required_all(const char *re, size_t n, int caseless)
{
	struct lit_lsets all;
	struct lit_lset best;
	char ***out;
	int k;

	if (lit_unmodelled(re, n, caseless))
		return NULL;
	/* a top-level "|": the union of the branches is all that is known */
	if (lit_top_bar(re, n, 0) < n) {
		char **one = lit_required(re, n, caseless);

		if (one == NULL)
			return NULL;
		out = xmalloc(2 * sizeof(*out));
		out[0] = one;
		out[1] = NULL;
		return out;
	}
	all.n = 0;
	lit_branch_lits(re, 0, n, caseless, &best, &all);
	if (best.n == 0) {
		for (k = 0; k < all.n; k++)
			lit_lset_clear(&all.v[k]);
		return NULL;
	}
	/* the best set first, then the others (the best may be among them,
	 * or may have two-byte literals and not be) */
	out = xmalloc((size_t)(all.n + 2) * sizeof(*out));
	out[0] = lit_lset_strv(&best);
	for (k = 0; k < all.n; k++)
		out[k + 1] = lit_lset_strv(&all.v[k]);
	out[all.n + 1] = NULL;
	return out;
}

void
lit_strvv_free(char ***v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		lit_strv_free(v[i]);
	free(v);
}

void
lit_strv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}
