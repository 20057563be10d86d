/*
 * rotate.c - put the rotated generations of a log in chronological order.
 *
 * Each name is cut once into its base and its generation: dated
 * (BASE-DIGITS), numbered (BASE.N) or live (BASE), after a compression
 * suffix is set aside. Two sorts of the same keys do the work: one by
 * base and age gives each base's names in the order to read them, the
 * other by base and position gives the places those names held; the
 * k-th of the first goes into the place named by the k-th of the second,
 * so names of other bases never move. Numbers are compared as digit
 * strings, so no name is too long to compare. The caller keeps the
 * strings; only the pointers move.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rotate.h"
#include "util.h"

/* Generations in the order they are read. */
enum rotate_gen {
	ROTATE_DATED,    /* BASE-20261120: oldest date first */
	ROTATE_NUMBERED, /* BASE.3: highest number first */
	ROTATE_LIVE      /* BASE: last */
};

struct rotate_key {
	char *name;
	size_t baselen; /* name[0, baselen) is the base */
	enum rotate_gen gen;
	const char *num; /* the digits of a date or number */
	size_t numlen;
	size_t pos; /* index in the caller's array */
};

/* Compression suffixes set aside before the name is read. */
static const char *const rotate_suffixes[] = {".gz", ".bz2", ".xz", ".zst"};

/* Dated names have at least this many digits (YYYYMMDD). */
#define ROTATE_DATE_MIN 8

static int
rotate_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* Cut NAME into base and generation. */
static void
rotate_parse(char *name, size_t pos, struct rotate_key *k)
{
	size_t len = strlen(name), sl, d, i;

	k->name = name;
	k->pos = pos;
	k->gen = ROTATE_LIVE;
	k->num = NULL;
	k->numlen = 0;
	for (i = 0; i < sizeof(rotate_suffixes) / sizeof(rotate_suffixes[0]);
	     i++) {
		sl = strlen(rotate_suffixes[i]);
		if (len > sl &&
		    memcmp(name + len - sl, rotate_suffixes[i], sl) == 0) {
			len -= sl;
			break;
		}
	}
	k->baselen = len;
	for (d = len; d > 0 && rotate_isdigit(name[d - 1]); d--)
		;
	/* digits, after a separator, after at least one byte of base */
	if (d == len || d < 2)
		return;
	if (name[d - 1] == '.')
		k->gen = ROTATE_NUMBERED;
	else if (name[d - 1] == '-' && len - d >= ROTATE_DATE_MIN)
		k->gen = ROTATE_DATED;
	else
		return;
	k->baselen = d - 1;
	k->num = name + d;
	k->numlen = len - d;
}

/* Compare two digit strings as numbers. */
static int
rotate_numcmp(const char *a, size_t an, const char *b, size_t bn)
{
	while (an > 1 && *a == '0')
		a++, an--;
	while (bn > 1 && *b == '0')
		b++, bn--;
	if (an != bn)
		return an < bn ? -1 : 1;
	return memcmp(a, b, an);
}

static int
rotate_basecmp(const struct rotate_key *a, const struct rotate_key *b)
{
	size_t n = a->baselen < b->baselen ? a->baselen : b->baselen;
	int c = memcmp(a->name, b->name, n);

	if (c != 0)
		return c;
	return (a->baselen > b->baselen) - (a->baselen < b->baselen);
}

static int
rotate_poscmp(const struct rotate_key *a, const struct rotate_key *b)
{
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* qsort: by base, then oldest first, then as given. */
static int
rotate_cmp_age(const void *pa, const void *pb)
{
	const struct rotate_key *a = pa, *b = pb;
	int c;

	if ((c = rotate_basecmp(a, b)) != 0)
		return c;
	if (a->gen != b->gen)
		return a->gen < b->gen ? -1 : 1;
	if (a->gen == ROTATE_DATED)
		c = rotate_numcmp(a->num, a->numlen, b->num, b->numlen);
	else if (a->gen == ROTATE_NUMBERED)
		c = rotate_numcmp(b->num, b->numlen, a->num, a->numlen);
	return c != 0 ? c : rotate_poscmp(a, b);
}

/* qsort: by base, then as given. */
static int
rotate_cmp_place(const void *pa, const void *pb)
{
	const struct rotate_key *a = pa, *b = pb;
	int c = rotate_basecmp(a, b);

	return c != 0 ? c : rotate_poscmp(a, b);
}

void
rotate_order(char **names, size_t n)
{
	struct rotate_key *age, *place;
	size_t i;

	if (n < 2)
		return;
	age = xcalloc(n, sizeof(*age));
	place = xcalloc(n, sizeof(*place));
	for (i = 0; i < n; i++)
		rotate_parse(names[i], i, &age[i]);
	memcpy(place, age, n * sizeof(*place));
	qsort(age, n, sizeof(*age), rotate_cmp_age);
	qsort(place, n, sizeof(*place), rotate_cmp_place);
	for (i = 0; i < n; i++)
		names[place[i].pos] = age[i].name;
	free(age);
	free(place);
}
