/*
 * agg.c - count events and lines.
 *
 * Two open-addressing hash tables with interned keys: cells, keyed by
 * (dir, mta, class, code, enhanced code), and peers, keyed by
 * (dir, class, code, enhanced code, peer kind, lower-cased peer name).
 * Keys are packed into bytes and copied into an arena owned by the table;
 * nothing from the caller's line is kept. Both tables stop growing at a
 * cap; keys past it count in an "other" row.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "util.h"

struct agg_slot {
	uint64_t hash;
	size_t keyoff;
	uint32_t keylen;
	uint32_t used;
	uint64_t v[2];
};

struct agg_tab {
	struct agg_slot *slots;
	size_t cap; /* power of two */
	size_t used;
	size_t max; /* keys allowed before folding into "other" */
	char *arena;
	size_t alen, acap;
};

struct agg {
	struct agg_counts c;
	struct agg_tab cells;
	struct agg_tab peers;
	struct agg_sample samples[AGG_MAX_SAMPLES];
	size_t nsamples;
};

/* Packed cell key: the fields of struct agg_cell that identify it. */
struct agg_ckey {
	unsigned char dir, mta, cls, other, stage, pad;
	uint16_t sig; /* signature + 1; 0: none */
	uint16_t code, enh_cls, enh_sub, enh_det;
};

/* Packed peer key header; the lower-cased name follows it. */
struct agg_pkey {
	unsigned char dir, cls, kind, pad;
	uint16_t sig; /* signature + 1; 0: none */
	uint16_t code, enh_cls, enh_sub, enh_det;
};

static uint64_t
agg_hash(const void *k, size_t n)
{
	const unsigned char *p = k;
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void
agg_tab_init(struct agg_tab *t, size_t max)
{
	t->cap = 64;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	t->max = max;
}

static void
agg_tab_free(struct agg_tab *t)
{
	free(t->slots);
	free(t->arena);
}

/* Double the slot array and re-insert every key. */
static void
agg_tab_grow(struct agg_tab *t)
{
	struct agg_slot *old = t->slots;
	size_t oldcap = t->cap, i, j;

	t->cap *= 2;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	for (i = 0; i < oldcap; i++) {
		if (!old[i].used)
			continue;
		j = old[i].hash & (t->cap - 1);
		while (t->slots[j].used)
			j = (j + 1) & (t->cap - 1);
		t->slots[j] = old[i];
	}
	free(old);
}

/*
 * Find KEY, inserting it when absent. Returns NULL when the key is new and
 * the table is at its cap (the caller counts it as "other"), unless FORCE:
 * the few "other" rows themselves are always let in.
 */
static struct agg_slot *
agg_tab_get(struct agg_tab *t, const void *key, size_t n, int force)
{
	uint64_t h = agg_hash(key, n);
	size_t j = h & (t->cap - 1);
	struct agg_slot *s;

	while (t->slots[j].used) {
		s = &t->slots[j];
		if (s->hash == h && s->keylen == n &&
		    memcmp(t->arena + s->keyoff, key, n) == 0)
			return s;
		j = (j + 1) & (t->cap - 1);
	}
	if (t->used >= t->max && !force)
		return NULL;
	if (t->alen + n > t->acap) {
		t->acap = t->acap ? t->acap * 2 : 4096;
		while (t->alen + n > t->acap)
			t->acap *= 2;
		t->arena = xrealloc(t->arena, t->acap);
	}
	memcpy(t->arena + t->alen, key, n);
	s = &t->slots[j];
	s->used = 1;
	s->hash = h;
	s->keyoff = t->alen;
	s->keylen = (uint32_t)n;
	t->alen += n;
	t->used++;
	if (t->used * 4 > t->cap * 3) {
		agg_tab_grow(t);
		return agg_tab_get(t, key, n, force);
	}
	return s;
}

struct agg *
agg_new(void)
{
	struct agg *a = xcalloc(1, sizeof(*a));

	agg_tab_init(&a->cells, AGG_MAX_CELLS);
	agg_tab_init(&a->peers, AGG_MAX_PEERS);
	a->c.first = 1;
	a->c.last = 0;
	return a;
}

void
agg_free(struct agg *a)
{
	size_t i;

	if (a == NULL)
		return;
	agg_tab_free(&a->cells);
	agg_tab_free(&a->peers);
	for (i = 0; i < a->nsamples; i++) {
		free(a->samples[i].name);
		free(a->samples[i].text);
	}
	free(a);
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

/* Count N hits of a peer of an event; the name is lower-cased into the
 * key. */
static void
agg_peer_add(struct agg *a, const struct event *ev, int kind, const char *name,
    size_t len, uint64_t n)
{
	unsigned char key[sizeof(struct agg_pkey) + 256];
	struct agg_pkey h;
	struct agg_slot *s;
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
	s = agg_tab_get(&a->peers, key, sizeof(h) + len, 0);
	if (s == NULL) {
		a->c.other_peers += n;
		return;
	}
	s->v[0] += n;
}

/*
 * Count N events (INFERRED of them inferred) in cell K. Past the cap they
 * go to the overflow row of K's dir, MTA and class. Returns 1 when K was
 * folded into (or is) an overflow row.
 */
static int
agg_cell_add(struct agg *a, struct agg_ckey *k, uint64_t n, uint64_t inferred)
{
	struct agg_slot *s = agg_tab_get(&a->cells, k, sizeof(*k), k->other);

	if (s == NULL) {
		a->c.other_cells += n;
		k->code = k->enh_cls = k->enh_sub = k->enh_det = k->stage = 0;
		k->sig = 0;
		k->other = 1;
		s = agg_tab_get(&a->cells, k, sizeof(*k), 1);
	}
	s->v[0] += n;
	s->v[1] += inferred;
	return k->other;
}

void
agg_event(struct agg *a, const struct event *ev)
{
	struct agg_ckey k;

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
	if (agg_cell_add(a, &k, 1, ev->inferred != 0))
		return; /* folded into "other": no peers */
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
	struct agg_ckey k;
	size_t i;
	int m;

	for (i = 0; i < src->cells.cap; i++) {
		const struct agg_slot *s = &src->cells.slots[i];

		if (!s->used)
			continue;
		memcpy(&k, src->cells.arena + s->keyoff, sizeof(k));
		(void)agg_cell_add(dst, &k, s->v[0], s->v[1]);
	}
	for (i = 0; i < src->peers.cap; i++) {
		const struct agg_slot *s = &src->peers.slots[i];
		struct agg_slot *t;

		if (!s->used)
			continue;
		t = agg_tab_get(&dst->peers, src->peers.arena + s->keyoff,
		    s->keylen, 0);
		if (t != NULL)
			t->v[0] += s->v[0];
		else
			d->other_peers += s->v[0];
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
	struct agg_cell *v = xcalloc(a->cells.used + 1, sizeof(*v));
	size_t i, k = 0;

	for (i = 0; i < a->cells.cap; i++)
		if (a->cells.slots[i].used)
			agg_cell_of(&a->cells, &a->cells.slots[i], &v[k++]);
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

static int
agg_peer_cmp(const void *pa, const void *pb)
{
	const struct agg_peer *a = pa, *b = pb;
	size_t m = a->len < b->len ? a->len : b->len;
	int r;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	r = memcmp(a->name, b->name, m);
	if (r != 0)
		return r;
	return a->len < b->len ? -1 : a->len > b->len;
}

struct agg_peer *
agg_peers(const struct agg *a, const struct agg_top *t, enum agg_peer_kind kind,
    size_t max, size_t *n)
{
	const struct agg_tab *tab = &a->peers;
	struct agg_peer *v = NULL;
	struct agg_pkey h;
	size_t i, k = 0, cap = 0;

	for (i = 0; i < tab->cap; i++) {
		const struct agg_slot *s = &tab->slots[i];

		if (!s->used)
			continue;
		memcpy(&h, tab->arena + s->keyoff, sizeof(h));
		if (h.kind != kind || h.dir != t->dir || h.cls != t->cls ||
		    h.sig != (uint16_t)(t->sig + 1) || h.code != t->code ||
		    h.enh_cls != t->enh.cls || h.enh_sub != t->enh.subject ||
		    h.enh_det != t->enh.detail)
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
	if (k > 0)
		qsort(v, k, sizeof(*v), agg_peer_cmp);
	*n = k < max ? k : max;
	return v;
}

static int
agg_peer_row_cmp(const void *pa, const void *pb)
{
	const struct agg_peer_row *a = pa, *b = pb;
	size_t m = a->len < b->len ? a->len : b->len;
	int r;

	if (a->dir != b->dir)
		return a->dir - b->dir;
	if (a->cls != b->cls)
		return a->cls - b->cls;
	if (a->code != b->code)
		return a->code - b->code;
	if ((r = event_enh_cmp(&a->enh, &b->enh)) != 0)
		return r;
	if (a->sig != b->sig)
		return a->sig - b->sig;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	if ((r = memcmp(a->name, b->name, m)) != 0)
		return r;
	return a->len < b->len ? -1 : a->len > b->len;
}

struct agg_peer_row *
agg_peer_rows(const struct agg *a, size_t *n)
{
	const struct agg_tab *tab = &a->peers;
	struct agg_peer_row *v = xcalloc(tab->used + 1, sizeof(*v));
	struct agg_pkey h;
	size_t i, k = 0;

	for (i = 0; i < tab->cap; i++) {
		const struct agg_slot *s = &tab->slots[i];

		if (!s->used)
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
		k++;
	}
	qsort(v, k, sizeof(*v), agg_peer_row_cmp);
	*n = k;
	return v;
}

void
agg_add_cell(struct agg *a, const struct agg_cell *c)
{
	struct agg_ckey k;

	memset(&k, 0, sizeof(k));
	k.dir = (unsigned char)c->dir;
	k.mta = (unsigned char)c->mta;
	k.cls = (unsigned char)c->cls;
	k.other = (unsigned char)(c->other != 0);
	k.stage = (unsigned char)c->stage;
	k.sig = (uint16_t)(c->sig + 1);
	k.code = (uint16_t)c->code;
	k.enh_cls = (uint16_t)c->enh.cls;
	k.enh_sub = (uint16_t)c->enh.subject;
	k.enh_det = (uint16_t)c->enh.detail;
	(void)agg_cell_add(a, &k, c->count, c->inferred);
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
