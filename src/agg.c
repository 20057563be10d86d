/*
 * agg.c - count events and lines.
 *
 * Two open-addressing hash tables with interned keys: cells, keyed by
 * (dir, mta, class, code, enhanced code, stage, signature), and peers,
 * keyed by (dir, class, code, enhanced code, signature, peer kind,
 * lower-cased peer name). Keys are packed into bytes and copied into an
 * arena owned by the table; nothing from the caller's line is kept.
 *
 * Bounded memory that does not depend on reading order. Each key has a
 * rank, a 64-bit hash that looks random. A table keeps a key while its
 * rank is below a bound; the bound starts at 2^64 (everything kept) and
 * is halved ("the level goes up") whenever the keys below it are more
 * than the cap. Peer keys are grouped by failure, and each group has a
 * cap and a level of its own as well as the table's, so that one failure
 * with a million one-off clients cannot crowd out the peers of the others.
 * What is kept is therefore the set of keys whose rank is below a bound
 * that depends only on the set of keys seen, not on the order they came
 * in: a key that is kept at the end was below the bound all along, so its
 * count is exact, and two tables filled from two halves of a file merge
 * into exactly the table one pass over the file gives (-j N equals -j 1).
 * While no cap is reached, which is the case for the logs of most
 * servers, everything is kept. Counts of keys that are not kept go to the
 * "other" counters; a cell's go to the "other" row of its direction, MTA
 * and class.
 *
 * The per-table global level rises when the sum over groups of
 * (group level above table level ? group cap : keys kept) exceeds the
 * table cap. That sum only grows as keys arrive, which is what keeps the
 * final levels independent of order.
 *
 * The events-per-hour histogram is a sorted array of at most
 * AGG_MAX_HOURS buckets, each (AGG_HOUR << hshift) seconds wide and
 * aligned on a multiple of that width. A bucket that would be one too
 * many doubles the width of all of them (adjacent pairs merge) until it
 * fits, so the width is always the narrowest that holds every event seen:
 * it depends only on which times were counted, not on their order, and
 * merging the histograms of a file's pieces gives the bytes that reading
 * it whole would.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "util.h"

/* agg_peers() picks the first few of a failure's peers out of the others
 * when it is asked for at most this many, and sorts them all else. */
#define AGG_PEERS_PICK 64

struct agg_slot {
	uint64_t hash; /* of the key: where the slot sits */
	uint64_t rank; /* sampling hash: kept while below the bound */
	size_t keyoff;
	uint32_t keylen;
	uint32_t group; /* group index + 1; 0: free slot */
	uint64_t v[2];
};

/* A group of keys with its own cap (peers: the keys of one failure). */
struct agg_group {
	uint64_t hash;
	unsigned char key[16]; /* packed group key */
	unsigned level;        /* own level: bound is 2^(64 - level) */
	size_t kept;           /* keys of the group in the table */
	int used;
};

struct agg;

struct agg_tab {
	struct agg_slot *slots;
	size_t cap; /* power of two */
	size_t used;
	size_t max;     /* cap on the keys kept (see the top comment) */
	size_t gmax;    /* cap on the keys of one group */
	unsigned level; /* the table's level */
	size_t measure; /* the sum compared with max */
	char *arena;
	size_t alen, acap;
	struct agg_group *groups; /* open addressing */
	size_t gcap, gused;
	/* called with the key and counts of a key that is dropped */
	void (*drop)(struct agg *a, const void *key, const uint64_t v[2]);
	struct agg *owner;
	uint64_t probes; /* taken slots passed over by agg_tab_add() */
};

struct agg_other {
	uint64_t count, inferred;
};

struct agg {
	struct agg_counts c;
	struct agg_tab cells;
	struct agg_tab peers;
	/* the "other" cell rows, by dir, MTA and class */
	struct agg_other other[EVENT_NDIR][EVENT_NMTA][6];
	uint32_t cellgrp; /* the one group of the cell table */
	struct agg_sample samples[AGG_MAX_SAMPLES];
	size_t nsamples;
	struct agg_bucket *hours; /* AGG_MAX_HOURS, sorted by start */
	size_t nhours;
	size_t hlast; /* the bucket counted last: lines come in order */
	int hshift;   /* bucket width: AGG_HOUR << hshift seconds */
};

/* Packed cell key: the fields of struct agg_cell that identify it. */
struct agg_ckey {
	unsigned char dir, mta, cls, other, stage, pad;
	uint16_t sig; /* signature + 1; 0: none */
	uint16_t code, enh_cls, enh_sub, enh_det;
};

/* Packed peer key header; the lower-cased name follows it. The header is
 * also the key of the peer's group. */
struct agg_pkey {
	unsigned char dir, cls, kind, pad;
	uint16_t sig; /* signature + 1; 0: none */
	uint16_t code, enh_cls, enh_sub, enh_det;
};

/*
 * The hash of the N bytes at K, eight at a time: each word is mixed in by
 * a multiply and a fold of the high half into the low. A byte at a time
 * (FNV-1a, before) waited on one multiply per byte: the keys of a failure
 * (its cell, two peers and their groups) made some 200 multiplies in a
 * row. The last word of a key of eight bytes or more is its last eight
 * bytes, overlapping the one before; N is in the seed.
 */
static uint64_t
agg_hash(const void *k, size_t n)
{
	const unsigned char *p = k;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL), w;
	size_t i;

	if (n < 8) {
		for (w = 0, i = 0; i < n; i++)
			w |= (uint64_t)p[i] << (8 * i);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		return h ^ h >> 32;
	}
	for (i = 0; i + 8 < n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 32;
	}
	memcpy(&w, p + n - 8, 8);
	h = (h ^ w) * 0x94d049bb133111ebULL;
	return h ^ h >> 32;
}

/* A rank from a hash: FNV's high bits are poorly mixed, so finish it with
 * the splitmix64 finaliser, whose output bits are all well mixed. */
static uint64_t
agg_rank(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

/* Is RANK below the bound of LEVEL, 2^(64 - LEVEL)? */
static int
agg_below(uint64_t rank, unsigned level)
{
	if (level == 0)
		return 1;
	if (level >= 64)
		return rank == 0;
	return (rank >> (64 - level)) == 0;
}

static void
agg_tab_init(struct agg_tab *t, size_t max, size_t gmax, struct agg *owner,
    void (*drop)(struct agg *, const void *, const uint64_t *))
{
	t->cap = 64;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	t->max = max;
	t->gmax = gmax;
	t->gcap = 16;
	t->groups = xcalloc(t->gcap, sizeof(*t->groups));
	t->owner = owner;
	t->drop = drop;
}

static void
agg_tab_free(struct agg_tab *t)
{
	free(t->slots);
	free(t->arena);
	free(t->groups);
}

/* The group of KEY (hash H) in T, or the free place where it would go. */
static size_t
agg_group_at(const struct agg_tab *t, const unsigned char *key, uint64_t h)
{
	size_t j = h & (t->gcap - 1);

	while (t->groups[j].used &&
	    (t->groups[j].hash != h ||
		memcmp(t->groups[j].key, key, sizeof(t->groups->key)) != 0))
		j = (j + 1) & (t->gcap - 1);
	return j;
}

/* The group of K (N bytes) in T, or NULL. */
static const struct agg_group *
agg_group_find(const struct agg_tab *t, const void *k, size_t n)
{
	unsigned char key[sizeof(t->groups->key)];
	size_t j;

	memset(key, 0, sizeof(key));
	memcpy(key, k, n);
	j = agg_group_at(t, key, agg_hash(key, sizeof(key)));
	return t->groups[j].used ? &t->groups[j] : NULL;
}

/* The index of the group with key K (N bytes, at most 16, compared
 * zero-padded to 16), made when new. */
static uint32_t
agg_group_of(struct agg_tab *t, const void *k, size_t n)
{
	unsigned char key[sizeof(t->groups->key)];
	uint64_t h;
	size_t j, i;
	struct agg_group *g;

	memset(key, 0, sizeof(key));
	memcpy(key, k, n);
	h = agg_hash(key, sizeof(key));
	j = agg_group_at(t, key, h);
	g = &t->groups[j];
	if (g->used)
		return (uint32_t)j;
	if ((t->gused + 1) * 4 > t->gcap * 3) {
		/* grow, then fix the slots' group indexes */
		struct agg_group *old = t->groups;
		size_t oldcap = t->gcap;
		uint32_t *map = xcalloc(oldcap, sizeof(*map));

		t->gcap *= 2;
		t->groups = xcalloc(t->gcap, sizeof(*t->groups));
		for (i = 0; i < oldcap; i++) {
			if (!old[i].used)
				continue;
			j = old[i].hash & (t->gcap - 1);
			while (t->groups[j].used)
				j = (j + 1) & (t->gcap - 1);
			t->groups[j] = old[i];
			map[i] = (uint32_t)j;
		}
		for (i = 0; i < t->cap; i++)
			if (t->slots[i].group)
				t->slots[i].group =
				    map[t->slots[i].group - 1] + 1;
		free(map);
		free(old);
		return agg_group_of(t, k, n);
	}
	g->used = 1;
	g->hash = h;
	memcpy(g->key, key, sizeof(key));
	t->gused++;
	return (uint32_t)j;
}

/* The level a group's keys are held to: its own or the table's. */
static unsigned
agg_level_of(const struct agg_tab *t, const struct agg_group *g)
{
	return g->level > t->level ? g->level : t->level;
}

static void
agg_tab_measure(struct agg_tab *t)
{
	size_t i;

	t->measure = 0;
	for (i = 0; i < t->gcap; i++)
		if (t->groups[i].used)
			t->measure += t->groups[i].level > t->level
			    ? t->gmax
			    : t->groups[i].kept;
}

/* Place slot S in the (fresh) slot array of T. */
static void
agg_tab_place(struct agg_tab *t, const struct agg_slot *s)
{
	size_t j = s->hash & (t->cap - 1);

	while (t->slots[j].group)
		j = (j + 1) & (t->cap - 1);
	t->slots[j] = *s;
}

/*
 * Rebuild T with the keys still below their bound, into a slot array of
 * CAP slots and a compacted arena; the others are dropped.
 */
static void
agg_tab_rebuild(struct agg_tab *t, size_t cap)
{
	struct agg_slot *old = t->slots;
	size_t oldcap = t->cap, i, alen = 0;
	char *arena = NULL;

	t->cap = cap;
	t->slots = xzalloc(t->cap, sizeof(*t->slots));
	t->used = 0;
	for (i = 0; i < t->gcap; i++)
		t->groups[i].kept = 0;
	if (t->acap)
		arena = xmalloc(t->acap);
	for (i = 0; i < oldcap; i++) {
		struct agg_slot s = old[i];
		struct agg_group *g;

		if (!s.group)
			continue;
		g = &t->groups[s.group - 1];
		if (!agg_below(s.rank, agg_level_of(t, g))) {
			t->drop(t->owner, t->arena + s.keyoff, s.v);
			continue;
		}
		/* a table with keys has an arena (acap > 0) */
		/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
		memcpy(arena + alen, t->arena + s.keyoff, s.keylen);
		s.keyoff = alen;
		alen += s.keylen;
		agg_tab_place(t, &s);
		g->kept++;
		t->used++;
	}
	free(old);
	free(t->arena);
	t->arena = arena;
	t->alen = alen;
}

/* Raise the table's level until its measure is within the cap. */
static void
agg_tab_fit(struct agg_tab *t)
{
	while (t->measure > t->max) {
		t->level++;
		agg_tab_rebuild(t, t->cap);
		agg_tab_measure(t);
	}
}

/* Raise levels until group G and the table are within their caps. */
static void
agg_tab_settle(struct agg_tab *t, struct agg_group *g)
{
	int changed = 0;

	while (g->kept > t->gmax) {
		g->level = agg_level_of(t, g) + 1;
		agg_tab_rebuild(t, t->cap);
		changed = 1;
	}
	if (changed)
		agg_tab_measure(t);
	agg_tab_fit(t);
}

/*
 * Add the counts V to key KEY (N bytes, agg_hash() H) of group GROUP,
 * whose rank is RANK. A key that is not kept, now or after the levels
 * rise, has its counts handed to the table's drop function.
 */
static void
agg_tab_add(struct agg_tab *t, const void *key, size_t n, uint64_t h,
    uint32_t group, uint64_t rank, const uint64_t v[2])
{
	size_t j = h & (t->cap - 1);
	struct agg_group *g = &t->groups[group];
	struct agg_slot *s;

	while (t->slots[j].group) {
		t->probes++;
		s = &t->slots[j];
		if (s->hash == h && s->keylen == n &&
		    memcmp(t->arena + s->keyoff, key, n) == 0) {
			s->v[0] += v[0];
			s->v[1] += v[1];
			return;
		}
		j = (j + 1) & (t->cap - 1);
	}
	if (!agg_below(rank, agg_level_of(t, g))) {
		t->drop(t->owner, key, v);
		return;
	}
	if (t->alen + n > t->acap) {
		t->acap = t->acap ? t->acap * 2 : 4096;
		while (t->alen + n > t->acap)
			t->acap *= 2;
		t->arena = xrealloc(t->arena, t->acap);
	}
	memcpy(t->arena + t->alen, key, n);
	s = &t->slots[j];
	s->group = group + 1;
	s->hash = h;
	s->rank = rank;
	s->keyoff = t->alen;
	s->keylen = (uint32_t)n;
	s->v[0] = v[0];
	s->v[1] = v[1];
	t->alen += n;
	t->used++;
	g->kept++;
	if (g->level <= t->level)
		t->measure++;
	if (g->kept > t->gmax || t->measure > t->max)
		agg_tab_settle(t, g);
	if (t->used * 4 > t->cap * 3)
		agg_tab_rebuild(t, t->cap * 2);
}

/*
 * Raise the levels of DST to at least those of SRC, before SRC's keys are
 * added to DST. SRC's levels are what its own keys forced; the union of
 * the keys forces at least as much. Without this, the keys SRC dropped
 * would be missing from DST's measure and DST could end up lower than one
 * pass over all the input.
 */
static void
agg_tab_adopt(struct agg_tab *dst, const struct agg_tab *src)
{
	size_t i, cap = dst->cap;

	if (src->level > dst->level)
		dst->level = src->level;
	for (i = 0; i < src->gcap; i++) {
		const struct agg_group *sg = &src->groups[i];
		struct agg_group *dg;
		uint32_t j;

		if (!sg->used)
			continue;
		/* the group key is zero-padded: compare all of it. The call
		 * may grow dst->groups: index the array only after it */
		j = agg_group_of(dst, sg->key, sizeof(sg->key));
		dg = &dst->groups[j];
		if (sg->level > dg->level)
			dg->level = sg->level;
	}
	/* room for SRC's keys as well: the one rebuild the levels need, not
	 * a second when the keys fill the table (as agg_tab_add() grows) */
	while ((dst->used + src->used) * 4 > cap * 3)
		cap *= 2;
	agg_tab_rebuild(dst, cap);
	agg_tab_measure(dst);
	agg_tab_fit(dst);
}

/*
 * Slot I of T in an order unrelated to the keys' hashes, for copying T's
 * keys into another table. In slot order each key would be placed just
 * past the one before, and the keys would gather into one run that grows
 * as the copy goes on: a merge of two 10,000-peer tables took 2 million
 * probes that way, 20,000 this way. An odd multiplier, modulo the power
 * of two cap, visits every slot once.
 */
static const struct agg_slot *
agg_tab_shuffled(const struct agg_tab *t, size_t i)
{
	return &t->slots[(i * 0x9E3779B1u) & (t->cap - 1)];
}

/* A cell that is not kept counts in the "other" row of its dir, MTA and
 * class. */
static void
agg_cell_drop(struct agg *a, const void *key, const uint64_t v[2])
{
	struct agg_ckey k;
	struct agg_other *o;

	memcpy(&k, key, sizeof(k));
	o = &a->other[k.dir][k.mta][k.cls];
	o->count += v[0];
	o->inferred += v[1];
	a->c.other_cells += v[0];
}

static void
agg_peer_drop(struct agg *a, const void *key, const uint64_t v[2])
{
	(void)key;
	a->c.other_peers += v[0];
}

/* Count V in the cell with packed key K. */
static void
agg_cell_put(struct agg *a, const void *k, const uint64_t v[2])
{
	uint64_t h = agg_hash(k, sizeof(struct agg_ckey));

	agg_tab_add(&a->cells, k, sizeof(struct agg_ckey), h, a->cellgrp,
	    agg_rank(h), v);
}

/* Count V for the peer with packed key K (header and name, N bytes). Its
 * rank comes from the kind and name alone, so a name is kept or not kept
 * alike in every failure held to the same level. K may come from another
 * table's arena, where keys lie at any byte offset: the header's bytes
 * are read, never the header through a struct pointer. */
static void
agg_peer_put(struct agg *a, const unsigned char *k, size_t n,
    const uint64_t v[2])
{
	/* the key sits in a byte buffer at any address: read the kind as a
	 * byte rather than through a (misaligned) struct agg_pkey pointer */
	unsigned char kind = k[offsetof(struct agg_pkey, kind)];
	size_t hl = sizeof(struct agg_pkey);
	uint32_t g = agg_group_of(&a->peers, k, hl);

	agg_tab_add(&a->peers, k, n, agg_hash(k, n), g,
	    agg_rank(agg_hash(k + hl, n - hl) ^ kind), v);
}

struct agg *
agg_new(void)
{
	struct agg *a = xcalloc(1, sizeof(*a));

	agg_tab_init(&a->cells, AGG_MAX_CELLS, AGG_MAX_CELLS, a, agg_cell_drop);
	a->cellgrp = agg_group_of(&a->cells, "", 0); /* cells: one group */
	agg_tab_init(&a->peers, AGG_MAX_PEERS, AGG_MAX_GROUP_PEERS, a,
	    agg_peer_drop);
	a->hours = xcalloc(AGG_MAX_HOURS, sizeof(*a->hours));
	a->c.first = 1;
	a->c.last = 0;
	return a;
}

int
agg_is_empty(const struct agg *a)
{
	return a->c.lines == 0 && a->c.bytes == 0 && a->cells.used == 0 &&
	    a->peers.used == 0 && a->nhours == 0 && a->nsamples == 0 &&
	    a->c.first > a->c.last;
}

void
agg_limit_peers(struct agg *a, size_t max)
{
	a->peers.max = max < 16 ? 16 : max;
	a->peers.gmax = a->peers.max / 16;
}

void
agg_free(struct agg *a)
{
	size_t i;

	if (a == NULL)
		return;
	agg_tab_free(&a->cells);
	agg_tab_free(&a->peers);
	free(a->hours);
	for (i = 0; i < a->nsamples; i++) {
		free(a->samples[i].name);
		free(a->samples[i].text);
	}
	free(a);
}

uint64_t
agg_probes(const struct agg *a)
{
	return a->cells.probes + a->peers.probes;
}

struct agg_counts *
agg_counts(struct agg *a)
{
	return &a->c;
}

const struct agg_counts *
agg_counts_const(const struct agg *a)
{
	return &a->c;
}

uint64_t
agg_skipped(const struct agg_counts *c)
{
	return c->kind[AGG_SKIP_OTHER] + c->kind[AGG_SKIP_NOHDR] +
	    c->kind[AGG_SKIP_MARKER] + c->kind[AGG_SKIP_WINDOW] +
	    c->kind[AGG_SKIP_NOTIME];
}

void
agg_line(struct agg *a, enum agg_line_kind kind, int mta)
{
	a->c.lines++;
	a->c.kind[kind]++;
	if (mta >= 0 && mta < EVENT_NMTA)
		a->c.mail[mta]++;
}

void
agg_time(struct agg *a, time_t t)
{
	if (a->c.first > a->c.last) {
		a->c.first = a->c.last = t;
		return;
	}
	if (t < a->c.first)
		a->c.first = t;
	if (t > a->c.last)
		a->c.last = t;
}

void
agg_sample(struct agg *a, const char *name, uint64_t lineno, const char *line,
    size_t len)
{
	struct agg_sample *s;

	if (a->nsamples == AGG_MAX_SAMPLES)
		return;
	s = &a->samples[a->nsamples++];
	s->name = xstrdup(name);
	s->lineno = lineno;
	s->len = len > AGG_SAMPLE_LEN ? AGG_SAMPLE_LEN : len;
	s->text = xstrndup(line, s->len);
}

const struct agg_sample *
agg_samples(const struct agg *a, size_t *n)
{
	*n = a->nsamples;
	return a->samples;
}

#define AGG_TIME_MAX ((int64_t)1 << 40) /* about 34,800 years */
/*
 * The widest bucket a summary may ask for: 2^24 hours, about 1,900 years.
 * Times counted lie within AGG_TIME_MAX of 1970, so their own buckets
 * never need more than 2^20 hours (2048 of them span 2^41 seconds); a
 * wider step could only come from a forged summary, and would put bucket
 * starts millions of years away, in years the summary format cannot hold.
 */
#define AGG_HOUR_MAX_SHIFT 24

/* The start of the bucket of width W (seconds) that holds time T. */
static int64_t
agg_bucket_start(int64_t t, int64_t w)
{
	int64_t q = t / w;

	if (t % w != 0 && t < 0)
		q--; /* round towards minus infinity */
	return q * w;
}

/* Double the width of every bucket, merging the pairs that now share
 * one. */
static void
agg_hours_widen(struct agg *a)
{
	int64_t w = (int64_t)AGG_HOUR << ++a->hshift;
	size_t i, j = 0, c;

	for (i = 0; i < a->nhours; i++) {
		int64_t start = agg_bucket_start(a->hours[i].start, w);

		if (j > 0 && a->hours[j - 1].start == start) {
			for (c = 0; c < 3; c++)
				a->hours[j - 1].n[c] += a->hours[i].n[c];
		} else {
			a->hours[j] = a->hours[i];
			a->hours[j++].start = start;
		}
	}
	a->nhours = j;
	a->hlast = 0;
}

/* Index of the bucket starting at START, or where it would go. */
static size_t
agg_hours_find(const struct agg *a, int64_t start)
{
	size_t lo = 0, hi = a->nhours;

	if (a->hlast < a->nhours && a->hours[a->hlast].start == start)
		return a->hlast;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->hours[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Add the counts N to the bucket of time T, widening buckets when a new
 * one would be past the cap. */
static void
agg_hours_add(struct agg *a, int64_t t, const uint64_t n[3])
{
	int64_t start;
	size_t i, c;

	for (;;) {
		start = agg_bucket_start(t, (int64_t)AGG_HOUR << a->hshift);
		i = agg_hours_find(a, start);
		if (i < a->nhours && a->hours[i].start == start)
			break;
		if (a->nhours < AGG_MAX_HOURS) {
			memmove(&a->hours[i + 1], &a->hours[i],
			    (a->nhours - i) * sizeof(*a->hours));
			memset(&a->hours[i], 0, sizeof(*a->hours));
			a->hours[i].start = start;
			a->nhours++;
			break;
		}
		agg_hours_widen(a);
	}
	for (c = 0; c < 3; c++)
		a->hours[i].n[c] += n[c];
	a->hlast = i;
}

void
agg_hour(struct agg *a, time_t t, int cls)
{
	uint64_t n[3] = {0, 0, 0};

	if (cls == 2)
		n[0] = 1;
	else if (cls == 4)
		n[1] = 1;
	else if (cls == 5)
		n[2] = 1;
	else
		return;
	/* no log line holds such times (syslog_time() stays within
	 * years 0 to 33658); the clamp keeps bucket arithmetic far from
	 * int64_t overflow and every start printable by gmtime() */
	if ((int64_t)t > AGG_TIME_MAX)
		t = (time_t)AGG_TIME_MAX;
	if ((int64_t)t < -AGG_TIME_MAX)
		t = (time_t)-AGG_TIME_MAX;
	agg_hours_add(a, (int64_t)t, n);
}

void
agg_add_hour(struct agg *a, int64_t start, int64_t step, const uint64_t n[3])
{
	/* as wide as the buckets it comes from, so that a merge of
	 * summaries gives what one run gives */
	while (((int64_t)AGG_HOUR << a->hshift) < step &&
	    a->hshift < AGG_HOUR_MAX_SHIFT)
		agg_hours_widen(a);
	if (start > AGG_TIME_MAX)
		start = AGG_TIME_MAX;
	if (start < -AGG_TIME_MAX)
		start = -AGG_TIME_MAX;
	agg_hours_add(a, start, n);
}

const struct agg_bucket *
agg_hours(const struct agg *a, size_t *n, int64_t *step)
{
	*n = a->nhours;
	*step = (int64_t)AGG_HOUR << a->hshift;
	return a->hours;
}

/* Count N events of one peer; the name is lower-cased into the key. */
static void
agg_peer_add(struct agg *a, const struct event *ev, int kind, const char *name,
    size_t len, uint64_t n)
{
	unsigned char key[sizeof(struct agg_pkey) + 256];
	const uint64_t v[2] = {n, 0};
	struct agg_pkey h;
	size_t i;

	if (name == NULL || len == 0)
		return;
	if (len > 255)
		len = 255;
	memset(&h, 0, sizeof(h));
	h.dir = (unsigned char)ev->dir;
	h.cls = (unsigned char)ev->cls;
	h.kind = (unsigned char)kind;
	h.sig = (uint16_t)(ev->sig + 1);
	h.code = (uint16_t)ev->code;
	h.enh_cls = (uint16_t)ev->enh.cls;
	h.enh_sub = (uint16_t)ev->enh.subject;
	h.enh_det = (uint16_t)ev->enh.detail;
	memcpy(key, &h, sizeof(h));
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		key[sizeof(h) + i] = c >= 'A' && c <= 'Z' ? c + 32 : c;
	}
	agg_peer_put(a, key, sizeof(h) + len, v);
}

void
agg_event(struct agg *a, const struct event *ev)
{
	struct agg_ckey k;
	uint64_t v[2];

	memset(&k, 0, sizeof(k));
	k.dir = (unsigned char)ev->dir;
	k.mta = (unsigned char)ev->mta;
	k.cls = (unsigned char)ev->cls;
	k.stage = (unsigned char)ev->stage;
	k.sig = (uint16_t)(ev->sig + 1);
	k.code = (uint16_t)ev->code;
	k.enh_cls = (uint16_t)ev->enh.cls;
	k.enh_sub = (uint16_t)ev->enh.subject;
	k.enh_det = (uint16_t)ev->enh.detail;
	v[0] = 1;
	v[1] = ev->inferred != 0;
	agg_cell_put(a, &k, v);
	if (ev->inferred)
		a->c.inferred++;
	if (ev->cls != 2) {
		agg_peer_add(a, ev, AGG_PEER_DOMAIN, ev->domain, ev->domainlen,
		    1);
		agg_peer_add(a, ev, AGG_PEER_HOST, ev->host, ev->hostlen, 1);
	}
}

void
agg_merge(struct agg *dst, const struct agg *src, uint64_t line_offset)
{
	struct agg_counts *d = &dst->c;
	const struct agg_counts *c = &src->c;
	size_t i;
	int m, x, y;

	agg_tab_adopt(&dst->cells, &src->cells);
	agg_tab_adopt(&dst->peers, &src->peers);
	for (i = 0; i < src->cells.cap; i++) {
		const struct agg_slot *s = agg_tab_shuffled(&src->cells, i);

		if (s->group)
			agg_cell_put(dst, src->cells.arena + s->keyoff, s->v);
	}
	for (i = 0; i < src->peers.cap; i++) {
		const struct agg_slot *s = agg_tab_shuffled(&src->peers, i);

		if (s->group)
			agg_peer_put(dst,
			    (const unsigned char *)src->peers.arena + s->keyoff,
			    s->keylen, s->v);
	}
	for (m = 0; m < EVENT_NDIR; m++)
		for (x = 0; x < EVENT_NMTA; x++)
			for (y = 0; y < 6; y++) {
				dst->other[m][x][y].count +=
				    src->other[m][x][y].count;
				dst->other[m][x][y].inferred +=
				    src->other[m][x][y].inferred;
			}
	d->lines += c->lines;
	for (m = 0; m < AGG_NKINDS; m++)
		d->kind[m] += c->kind[m];
	for (m = 0; m < EVENT_NMTA; m++)
		d->mail[m] += c->mail[m];
	d->overlong += c->overlong;
	d->bytes += c->bytes;
	d->inferred += c->inferred;
	d->other_cells += c->other_cells;
	d->other_peers += c->other_peers;
	d->limit_hits += c->limit_hits;
	if (c->first <= c->last) {
		agg_time(dst, c->first);
		agg_time(dst, c->last);
	}
	/* at the wider of the two widths first, then bucket by bucket */
	while (dst->hshift < src->hshift)
		agg_hours_widen(dst);
	for (i = 0; i < src->nhours; i++)
		agg_hours_add(dst, src->hours[i].start, src->hours[i].n);
	for (i = 0; i < src->nsamples; i++)
		agg_sample(dst, src->samples[i].name,
		    src->samples[i].lineno + line_offset, src->samples[i].text,
		    src->samples[i].len);
}

/* Unpack the cell stored in slot S. */
static void
agg_cell_of(const struct agg_tab *t, const struct agg_slot *s,
    struct agg_cell *c)
{
	struct agg_ckey k;

	memcpy(&k, t->arena + s->keyoff, sizeof(k));
	c->dir = k.dir;
	c->mta = k.mta;
	c->cls = k.cls;
	c->stage = k.stage;
	c->sig = (int)k.sig - 1;
	c->other = k.other;
	c->code = k.code;
	c->enh.cls = k.enh_cls;
	c->enh.subject = k.enh_sub;
	c->enh.detail = k.enh_det;
	c->count = s->v[0];
	c->inferred = s->v[1];
}

static int
agg_cell_cmp(const void *pa, const void *pb)
{
	const struct agg_cell *a = pa, *b = pb;

	if (a->dir != b->dir)
		return a->dir - b->dir;
	if (a->mta != b->mta)
		return a->mta - b->mta;
	if (a->cls != b->cls)
		return a->cls - b->cls;
	if (a->other != b->other)
		return a->other - b->other;
	if (a->code != b->code)
		return a->code - b->code;
	if (event_enh_cmp(&a->enh, &b->enh) != 0)
		return event_enh_cmp(&a->enh, &b->enh);
	if (a->sig != b->sig)
		return a->sig - b->sig;
	return a->stage - b->stage;
}

struct agg_cell *
agg_cells(const struct agg *a, size_t *n)
{
	struct agg_cell *v;
	size_t i, k = 0;
	int d, m, c;

	v = xcalloc(a->cells.used + EVENT_NDIR * EVENT_NMTA * 6 + 1,
	    sizeof(*v));
	for (i = 0; i < a->cells.cap; i++)
		if (a->cells.slots[i].group)
			agg_cell_of(&a->cells, &a->cells.slots[i], &v[k++]);
	for (d = 0; d < EVENT_NDIR; d++)
		for (m = 0; m < EVENT_NMTA; m++)
			for (c = 0; c < 6; c++) {
				const struct agg_other *o = &a->other[d][m][c];

				if (o->count == 0)
					continue;
				v[k].dir = d;
				v[k].mta = m;
				v[k].cls = c;
				v[k].other = 1;
				v[k].sig = -1;
				v[k].count = o->count;
				v[k].inferred = o->inferred;
				k++;
			}
	qsort(v, k, sizeof(*v), agg_cell_cmp);
	*n = k;
	return v;
}

/* Most frequent first; ties broken by class, code, enh, dir. */
static int
agg_top_cmp(const void *pa, const void *pb)
{
	const struct agg_top *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->cls != b->cls)
		return b->cls - a->cls;
	if (a->code != b->code)
		return a->code - b->code;
	if (event_enh_cmp(&a->enh, &b->enh) != 0)
		return event_enh_cmp(&a->enh, &b->enh);
	if (a->dir != b->dir)
		return a->dir - b->dir;
	return a->sig - b->sig;
}

/* Cells of one failure together: by dir, class, code, enh, signature. */
static int
agg_failure_cmp(const void *pa, const void *pb)
{
	const struct agg_cell *a = pa, *b = pb;

	if (a->dir != b->dir)
		return a->dir - b->dir;
	if (a->cls != b->cls)
		return a->cls - b->cls;
	if (a->code != b->code)
		return a->code - b->code;
	if (event_enh_cmp(&a->enh, &b->enh) != 0)
		return event_enh_cmp(&a->enh, &b->enh);
	return a->sig - b->sig;
}

struct agg_top *
agg_top(const struct agg *a, size_t max, size_t *n)
{
	struct agg_cell *cells;
	const struct agg_cell *last = NULL; /* last cell counted */
	struct agg_top *t;
	uint64_t stages[EVENT_NSTAGE];
	size_t nc, i, k = 0;
	int st;

	cells = agg_cells(a, &nc);
	qsort(cells, nc, sizeof(*cells), agg_failure_cmp);
	t = xcalloc(nc + 1, sizeof(*t));
	for (i = 0; i < nc; i++) {
		struct agg_cell *c = &cells[i];
		struct agg_top *cur;

		if ((c->cls != 4 && c->cls != 5) || c->other)
			continue;
		if (last == NULL || agg_failure_cmp(c, last) != 0) {
			cur = &t[k++];
			cur->dir = c->dir;
			cur->cls = c->cls;
			cur->code = c->code;
			cur->enh = c->enh;
			cur->sig = c->sig;
			memset(stages, 0, sizeof(stages));
		}
		last = c;
		cur = &t[k - 1];
		cur->count += c->count;
		cur->inferred += c->inferred;
		cur->by_mta[c->mta] += c->count;
		stages[c->stage] += c->count;
		cur->stage = EVENT_STAGE_NONE;
		for (st = 1; st < EVENT_NSTAGE; st++)
			if (stages[st] > stages[cur->stage])
				cur->stage = st;
	}
	free(cells);
	qsort(t, k, sizeof(*t), agg_top_cmp);
	*n = k < max ? k : max;
	return t;
}

/* Rank order of named counts: larger count first, then by name bytes. */
static int
agg_rank_cmp(uint64_t ca, const char *na, size_t la, uint64_t cb,
    const char *nb, size_t lb)
{
	int r;

	if (ca != cb)
		return ca > cb ? -1 : 1;
	r = memcmp(na, nb, la < lb ? la : lb);
	if (r != 0)
		return r;
	return la < lb ? -1 : la > lb;
}

static int
agg_peer_cmp(const void *pa, const void *pb)
{
	const struct agg_peer *a = pa, *b = pb;

	return agg_rank_cmp(a->count, a->name, a->len, b->count, b->name,
	    b->len);
}

/* The packed header of failure T's peers of KIND. */
static void
agg_pkey_of(const struct agg_top *t, enum agg_peer_kind kind,
    struct agg_pkey *h)
{
	memset(h, 0, sizeof(*h));
	h->dir = (unsigned char)t->dir;
	h->cls = (unsigned char)t->cls;
	h->kind = (unsigned char)kind;
	h->sig = (uint16_t)(t->sig + 1);
	h->code = (uint16_t)t->code;
	h->enh_cls = (uint16_t)t->enh.cls;
	h->enh_sub = (uint16_t)t->enh.subject;
	h->enh_det = (uint16_t)t->enh.detail;
}

/*
 * The first MAX of the K peers at V in agg_peer_cmp() order, moved to the
 * front in that order; returns how many (MAX, or K when fewer). A report
 * lists a few peers of each top failure out of thousands: keeping the
 * best few as the peers go by costs a comparison each, where sorting all
 * of them for every failure took as long as the rest of the report.
 */
static size_t
agg_peers_pick(struct agg_peer *v, size_t k, size_t max)
{
	struct agg_peer cur;
	size_t i, j, m = 0;

	for (i = 0; i < k && max > 0; i++) {
		if (m == max && agg_peer_cmp(&v[i], &v[m - 1]) >= 0)
			continue;
		cur = v[i]; /* the places written are below m, and m <= i */
		j = m < max ? m++ : m - 1;
		for (; j > 0 && agg_peer_cmp(&cur, &v[j - 1]) < 0; j--)
			v[j] = v[j - 1];
		v[j] = cur;
	}
	return m;
}

struct agg_peer *
agg_peers(const struct agg *a, const struct agg_top *t, enum agg_peer_kind kind,
    size_t max, size_t *n, unsigned *level)
{
	const struct agg_tab *tab = &a->peers;
	const struct agg_group *g;
	struct agg_peer *v = NULL;
	struct agg_pkey h;
	size_t i, k = 0, cap = 0;
	uint32_t gi;

	agg_pkey_of(t, kind, &h);
	g = agg_group_find(tab, &h, sizeof(h));
	if (level != NULL)
		*level = g != NULL ? agg_level_of(tab, g) : 0;
	if (g == NULL) {
		*n = 0;
		return NULL;
	}
	/* the peers of the failure are the keys of its group */
	gi = (uint32_t)(g - tab->groups) + 1;
	for (i = 0; i < tab->cap; i++) {
		const struct agg_slot *s = &tab->slots[i];

		if (s->group != gi)
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[k].name = tab->arena + s->keyoff + sizeof(h);
		v[k].len = s->keylen - sizeof(h);
		v[k].count = s->v[0];
		k++;
	}
	if (k > max && max <= AGG_PEERS_PICK)
		k = agg_peers_pick(v, k, max);
	else if (k > 0)
		qsort(v, k, sizeof(*v), agg_peer_cmp);
	*n = k < max ? k : max;
	return v;
}

/* A peer of one failure, while destinations are put together. */
struct agg_dest_ent {
	const char *name;
	size_t len;
	struct agg_pkey h;
	uint64_t count;
};

/* By name, then most frequent first. */
static int
agg_dest_ent_cmp(const void *pa, const void *pb)
{
	const struct agg_dest_ent *a = pa, *b = pb;
	size_t m = a->len < b->len ? a->len : b->len;
	int r = memcmp(a->name, b->name, m);

	if (r != 0)
		return r;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return memcmp(&a->h, &b->h, sizeof(a->h));
}

static int
agg_dest_cmp(const void *pa, const void *pb)
{
	const struct agg_dest *a = pa, *b = pb;

	return agg_rank_cmp(a->count, a->name, a->len, b->count, b->name,
	    b->len);
}

struct agg_dest *
agg_destinations(const struct agg *a, int dir, enum agg_peer_kind kind,
    size_t max, size_t *n)
{
	const struct agg_tab *tab = &a->peers;
	struct agg_dest_ent *e = xcalloc(tab->used + 1, sizeof(*e));
	struct agg_dest *d = xcalloc(tab->used + 1, sizeof(*d));
	size_t i, ne = 0, nd = 0;

	for (i = 0; i < tab->cap; i++) {
		const struct agg_slot *s = &tab->slots[i];
		struct agg_pkey h;

		if (!s->group)
			continue;
		memcpy(&h, tab->arena + s->keyoff, sizeof(h));
		if (h.kind != kind || h.dir != dir)
			continue;
		e[ne].name = tab->arena + s->keyoff + sizeof(h);
		e[ne].len = s->keylen - sizeof(h);
		e[ne].h = h;
		e[ne].count = s->v[0];
		ne++;
	}
	if (ne > 0)
		qsort(e, ne, sizeof(*e), agg_dest_ent_cmp);
	for (i = 0; i < ne; i++) {
		struct agg_dest *cur = nd ? &d[nd - 1] : NULL;
		struct agg_dest_code *c;

		if (cur == NULL || cur->len != e[i].len ||
		    memcmp(cur->name, e[i].name, e[i].len) != 0) {
			cur = &d[nd++];
			cur->name = e[i].name;
			cur->len = e[i].len;
		}
		cur->count += e[i].count;
		if (e[i].h.cls < 6)
			cur->by_class[e[i].h.cls] += e[i].count;
		cur->nfailures++;
		if (cur->ncodes == AGG_DEST_CODES)
			continue; /* sorted: the rest are less frequent */
		c = &cur->codes[cur->ncodes++];
		c->cls = e[i].h.cls;
		c->code = e[i].h.code;
		c->enh.cls = e[i].h.enh_cls;
		c->enh.subject = e[i].h.enh_sub;
		c->enh.detail = e[i].h.enh_det;
		c->sig = (int)e[i].h.sig - 1;
		c->count = e[i].count;
	}
	free(e);
	if (nd > 0)
		qsort(d, nd, sizeof(*d), agg_dest_cmp);
	*n = nd < max ? nd : max;
	return d;
}

/*
 * A peer row's place in agg_peer_rows()'s order, as numbers: the failure
 * (dir, class, code, enhanced code, signature) and kind in two words, the
 * name's first sixteen bytes in two more, read big-endian so that the
 * numbers compare as the bytes do; the rest of the name only on a tie.
 * Sorting 19,000 rows as whole rows, field by field, took as long as
 * writing them out; eight bytes of name left every "unknown[" (a client
 * without a name) to memcmp().
 */
struct agg_row_order {
	uint64_t fail, rest, head, head2;
	const char *name;
	uint32_t len;
	uint32_t at; /* index of the row */
};

/* Whether row A comes before row B (no two rows are equal: their keys
 * differ). */
static inline int
agg_row_before(const struct agg_row_order *a, const struct agg_row_order *b)
{
	uint32_t m = a->len < b->len ? a->len : b->len;
	int r;

	if (a->fail != b->fail)
		return a->fail < b->fail;
	if (a->rest != b->rest)
		return a->rest < b->rest;
	if (a->head != b->head)
		return a->head < b->head;
	if (a->head2 != b->head2)
		return a->head2 < b->head2;
	/* the first sixteen bytes are the same (a shorter name's padded
	 * with zeros, which its length then tells apart) */
	if (m > 16 && (r = memcmp(a->name + 16, b->name + 16, m - 16)) != 0)
		return r < 0;
	return a->len < b->len;
}

#define AGG_SORT_RUN 16 /* rows put in order by insertion first */

/*
 * Sort the N rows of O by agg_row_before(): runs of AGG_SORT_RUN by
 * insertion, then merged two by two through a second array. The
 * comparison is inline, where qsort() called it through a pointer for
 * each of its n log n comparisons.
 */
static void
agg_row_sort(struct agg_row_order *o, size_t n)
{
	struct agg_row_order *tmp, *src = o, *dst, *t, x;
	size_t w, lo, mid, hi, i, j, k;

	for (lo = 0; lo < n; lo += AGG_SORT_RUN) {
		hi = lo + AGG_SORT_RUN < n ? lo + AGG_SORT_RUN : n;
		for (i = lo + 1; i < hi; i++) {
			x = o[i];
			for (j = i; j > lo && agg_row_before(&x, &o[j - 1]);
			     j--)
				o[j] = o[j - 1];
			o[j] = x;
		}
	}
	if (n <= AGG_SORT_RUN)
		return;
	dst = tmp = xmalloc(n * sizeof(*tmp));
	for (w = AGG_SORT_RUN; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = lo + w < n ? lo + w : n;
			hi = mid + w < n ? mid + w : n;
			i = lo;
			j = mid;
			k = lo;
			while (i < mid && j < hi)
				dst[k++] = agg_row_before(&src[j], &src[i])
				    ? src[j++]
				    : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != o)
		memcpy(o, src, n * sizeof(*o));
	free(tmp);
}

static void
agg_row_order_of(const struct agg_pkey *h, const char *name, size_t len,
    struct agg_row_order *o)
{
	size_t i;

	o->fail = (uint64_t)h->dir << 56 | (uint64_t)h->cls << 48 |
	    (uint64_t)h->code << 32 | (uint64_t)h->enh_cls << 16 | h->enh_sub;
	o->rest = (uint64_t)h->enh_det << 48 | (uint64_t)h->sig << 32 |
	    (uint64_t)h->kind << 24;
	o->head = o->head2 = 0;
	for (i = 0; i < 8; i++) {
		o->head =
		    o->head << 8 | (i < len ? (unsigned char)name[i] : 0u);
		o->head2 = o->head2 << 8 |
		    (i + 8 < len ? (unsigned char)name[i + 8] : 0u);
	}
	o->name = name;
	o->len = (uint32_t)len;
}

struct agg_peer_row *
agg_peer_rows(const struct agg *a, size_t *n)
{
	const struct agg_tab *tab = &a->peers;
	struct agg_peer_row *v = xcalloc(tab->used + 1, sizeof(*v)), *sorted;
	struct agg_row_order *o = xcalloc(tab->used + 1, sizeof(*o));
	struct agg_pkey h;
	size_t i, k = 0;

	for (i = 0; i < tab->cap; i++) {
		const struct agg_slot *s = &tab->slots[i];

		if (!s->group)
			continue;
		memcpy(&h, tab->arena + s->keyoff, sizeof(h));
		v[k].dir = h.dir;
		v[k].cls = h.cls;
		v[k].code = h.code;
		v[k].enh.cls = h.enh_cls;
		v[k].enh.subject = h.enh_sub;
		v[k].enh.detail = h.enh_det;
		v[k].sig = (int)h.sig - 1;
		v[k].kind = h.kind;
		v[k].name = tab->arena + s->keyoff + sizeof(h);
		v[k].len = s->keylen - sizeof(h);
		v[k].count = s->v[0];
		agg_row_order_of(&h, v[k].name, v[k].len, &o[k]);
		o[k].at = (uint32_t)k;
		k++;
	}
	agg_row_sort(o, k);
	sorted = xcalloc(k + 1, sizeof(*sorted));
	for (i = 0; i < k; i++)
		sorted[i] = v[o[i].at];
	free(v);
	free(o);
	*n = k;
	return sorted;
}

void
agg_add_cell(struct agg *a, const struct agg_cell *c)
{
	struct agg_ckey k;
	uint64_t v[2];

	if (c->other) {
		/* an "other" row: not a key of the table */
		if (c->dir >= 0 && c->dir < EVENT_NDIR && c->mta >= 0 &&
		    c->mta < EVENT_NMTA && c->cls >= 0 && c->cls < 6) {
			a->other[c->dir][c->mta][c->cls].count += c->count;
			a->other[c->dir][c->mta][c->cls].inferred +=
			    c->inferred;
		}
		return;
	}
	memset(&k, 0, sizeof(k));
	k.dir = (unsigned char)c->dir;
	k.mta = (unsigned char)c->mta;
	k.cls = (unsigned char)c->cls;
	k.stage = (unsigned char)c->stage;
	k.sig = (uint16_t)(c->sig + 1);
	k.code = (uint16_t)c->code;
	k.enh_cls = (uint16_t)c->enh.cls;
	k.enh_sub = (uint16_t)c->enh.subject;
	k.enh_det = (uint16_t)c->enh.detail;
	v[0] = c->count;
	v[1] = c->inferred;
	agg_cell_put(a, &k, v);
}

void
agg_add_peer(struct agg *a, const struct agg_peer_row *p)
{
	struct event ev;

	/* agg_peer_add() builds the key from an event: give it one */
	memset(&ev, 0, sizeof(ev));
	ev.dir = p->dir;
	ev.cls = p->cls;
	ev.code = p->code;
	ev.enh = p->enh;
	ev.sig = p->sig;
	agg_peer_add(a, &ev, p->kind, p->name, p->len, p->count);
}
