/*
 * test_agg.c - unit tests for agg.c.
 *
 * Line counts per kind and MTA; agg_event() cells in their sorted order
 * with counts and inferred counts; agg_top() grouping across MTAs, its
 * order (count, then class, code, enhanced code, direction), its limit,
 * the most frequent stage, failures only; agg_peers() lower-cased merging,
 * domains and hosts apart, order, limit, no peer kept for successes,
 * names copied rather than pointed to; agg_skipped() over every skipped
 * kind, the time window's too; the caps (peers of one failure,
 * all peers, cells): exact counts of what is kept, nothing lost, the same
 * sample in any order and after agg_merge() of parts (what -j relies
 * on), one flooded failure not crowding out the others; agg_time() span;
 * agg_sample() limit and truncation. agg_hour(): buckets per class,
 * sorted, floor for negative times, widening past AGG_MAX_HOURS with
 * nothing lost, independent of the order of events, and agg_merge() of
 * two halves equal to one aggregate; agg_destinations() sums a domain
 * over its failures; agg_peer_rows() keys and order; agg_add_cell() and
 * agg_add_peer() rebuilding another aggregator's tables, lower-casing,
 * cutting and capping as agg_event() does. Counts past 2^32 survive
 * agg_merge() and the JSON report.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "report.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* An event; HOST and DOMAIN may be NULL. */
static struct event
ev(int mta, int dir, int cls, int code, int ec, int es, int ed, int stage,
    const char *host, const char *domain)
{
	struct event e;

	memset(&e, 0, sizeof(e));
	e.mta = mta;
	e.dir = dir;
	e.cls = cls;
	e.code = code;
	e.enh.cls = ec;
	e.enh.subject = es;
	e.enh.detail = ed;
	e.stage = stage;
	e.host = host;
	e.hostlen = host ? strlen(host) : 0;
	e.domain = domain;
	e.domainlen = domain ? strlen(domain) : 0;
	e.text = "reply";
	e.textlen = 5;
	return e;
}

/* Count event E N times. */
static void
add(struct agg *a, struct event e, int n)
{
	while (n-- > 0)
		agg_event(a, &e);
}

/* An expected cell. */
struct want_cell {
	int dir, mta, cls, code, ec, es, ed, stage, other;
	uint64_t count, inferred;
};

static void
check_cells(const struct agg *a, const struct want_cell *w, size_t nw)
{
	size_t n, i;
	struct agg_cell *c = agg_cells(a, &n);

	assert_int_equal(n, nw);
	for (i = 0; i < n; i++) {
		if (c[i].dir != w[i].dir || c[i].mta != w[i].mta ||
		    c[i].cls != w[i].cls || c[i].code != w[i].code ||
		    c[i].enh.cls != w[i].ec || c[i].enh.subject != w[i].es ||
		    c[i].enh.detail != w[i].ed || c[i].stage != w[i].stage ||
		    c[i].other != w[i].other || c[i].count != w[i].count ||
		    c[i].inferred != w[i].inferred)
			fail_msg(
			    "cell %zu: got dir %d mta %d cls %d code %d "
			    "enh %d.%d.%d stage %d other %d count %llu inf "
			    "%llu",
			    i, c[i].dir, c[i].mta, c[i].cls, c[i].code,
			    c[i].enh.cls, c[i].enh.subject, c[i].enh.detail,
			    c[i].stage, c[i].other,
			    (unsigned long long)c[i].count,
			    (unsigned long long)c[i].inferred);
	}
	free(c);
}

/* Find the top entry for (dir, code, enh); fail when absent. */
static const struct agg_top *
find_top(const struct agg_top *t, size_t n, int dir, int code, int ec, int es,
    int ed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].dir == dir && t[i].code == code &&
		    t[i].enh.cls == ec && t[i].enh.subject == es &&
		    t[i].enh.detail == ed)
			return &t[i];
	fail_msg("no top entry for %d %d.%d.%d dir %d", code, ec, es, ed, dir);
	return NULL;
}

/* The peer (name, count) list must be exactly WANT, in order. */
struct want_peer {
	const char *name;
	uint64_t count;
};

static void
check_peers(const struct agg_peer *p, size_t n, const struct want_peer *w,
    size_t nw)
{
	size_t i;

	assert_int_equal(n, nw);
	for (i = 0; i < n; i++) {
		if (p[i].len != strlen(w[i].name) ||
		    memcmp(p[i].name, w[i].name, p[i].len) != 0 ||
		    p[i].count != w[i].count)
			fail_msg(
			    "peer %zu: got \"%.*s\" %llu, want \"%s\" %llu", i,
			    (int)p[i].len, p[i].name,
			    (unsigned long long)p[i].count, w[i].name,
			    (unsigned long long)w[i].count);
	}
}

static void
agg_new__fresh__everything_zero_and_no_span(void **state)
{
	struct agg *a = agg_new();
	const struct agg_counts *c = agg_counts_const(a);
	struct agg_cell *cells;
	struct agg_top *top;
	size_t n = 99;
	int k;

	(void)state;
	assert_int_equal(c->lines, 0);
	for (k = 0; k < AGG_NKINDS; k++)
		assert_int_equal(c->kind[k], 0);
	assert_int_equal(c->other_cells, 0);
	assert_int_equal(c->other_peers, 0);
	assert_int_equal(c->inferred, 0);
	assert_true(c->first > c->last);
	cells = agg_cells(a, &n);
	assert_int_equal(n, 0);
	free(cells);
	n = 99;
	top = agg_top(a, 10, &n);
	assert_int_equal(n, 0);
	free(top);
	n = 99;
	agg_samples(a, &n);
	assert_int_equal(n, 0);
	agg_free(a);
}

static void
agg_free__null__ignored(void **state)
{
	(void)state;
	agg_free(NULL);
}

static void
agg_line__each_kind__counted_per_kind_and_mta(void **state)
{
	struct agg *a = agg_new();
	const struct agg_counts *c;

	(void)state;
	agg_line(a, AGG_EVENT, EVENT_POSTFIX);
	agg_line(a, AGG_EVENT, EVENT_EXIM);
	agg_line(a, AGG_EVENT, EVENT_POSTFIX);
	agg_line(a, AGG_NOREPLY, EVENT_SENDMAIL);
	agg_line(a, AGG_UNPARSED, EVENT_EXIM);
	agg_line(a, AGG_SKIP_OTHER, -1);
	agg_line(a, AGG_SKIP_OTHER, -1);
	agg_line(a, AGG_SKIP_NOHDR, -1);
	agg_line(a, AGG_SKIP_MARKER, -1);
	agg_line(a, AGG_SKIP_MARKER, EVENT_NMTA);
	c = agg_counts_const(a);
	assert_int_equal(c->lines, 10);
	assert_int_equal(c->kind[AGG_EVENT], 3);
	assert_int_equal(c->kind[AGG_NOREPLY], 1);
	assert_int_equal(c->kind[AGG_UNPARSED], 1);
	assert_int_equal(c->kind[AGG_SKIP_OTHER], 2);
	assert_int_equal(c->kind[AGG_SKIP_NOHDR], 1);
	assert_int_equal(c->kind[AGG_SKIP_MARKER], 2);
	assert_int_equal(c->mail[EVENT_POSTFIX], 2);
	assert_int_equal(c->mail[EVENT_EXIM], 2);
	assert_int_equal(c->mail[EVENT_SENDMAIL], 1);
	agg_free(a);
}

/* The window's kinds are skipped lines, kept apart and merged. */
static void
agg_skipped__every_skip_kind__summed_and_merged(void **state)
{
	struct agg *a = agg_new(), *b = agg_new();
	const struct agg_counts *c;

	(void)state;
	agg_line(a, AGG_EVENT, EVENT_POSTFIX);
	agg_line(a, AGG_SKIP_OTHER, -1);
	agg_line(a, AGG_SKIP_NOHDR, -1);
	agg_line(a, AGG_SKIP_MARKER, -1);
	agg_line(a, AGG_SKIP_WINDOW, -1);
	agg_line(a, AGG_SKIP_WINDOW, -1);
	agg_line(a, AGG_SKIP_NOTIME, -1);
	c = agg_counts_const(a);
	assert_int_equal(agg_skipped(c), 6);
	assert_int_equal(c->kind[AGG_SKIP_WINDOW], 2);
	assert_int_equal(c->lines, c->kind[AGG_EVENT] + agg_skipped(c));
	agg_line(b, AGG_SKIP_WINDOW, -1);
	agg_merge(b, a, 1);
	c = agg_counts_const(b);
	assert_int_equal(c->kind[AGG_SKIP_WINDOW], 3);
	assert_int_equal(c->kind[AGG_SKIP_NOTIME], 1);
	assert_int_equal(agg_skipped(c), 7);
	assert_int_equal(c->lines, 8);
	agg_free(a);
	agg_free(b);
}

static void
agg_counts__written_through_mutable__seen_through_const(void **state)
{
	struct agg *a = agg_new();

	(void)state;
	agg_counts(a)->overlong = 3;
	agg_counts(a)->bytes = 12345;
	agg_counts(a)->limit_hits = 2;
	assert_int_equal(agg_counts_const(a)->overlong, 3);
	assert_int_equal(agg_counts_const(a)->bytes, 12345);
	assert_int_equal(agg_counts_const(a)->limit_hits, 2);
	agg_free(a);
}

static void
agg_cells__events_in_any_order__sorted_with_counts(void **state)
{
	static const struct want_cell want[] = {
	    {EVENT_IN, EVENT_POSTFIX, 2, 250, 2, 0, 0, EVENT_STAGE_EOM, 0, 1,
		0},
	    {EVENT_IN, EVENT_POSTFIX, 4, 450, 4, 7, 1, EVENT_STAGE_RCPT, 0, 1,
		0},
	    {EVENT_IN, EVENT_POSTFIX, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT, 0, 3,
		0},
	    {EVENT_IN, EVENT_POSTFIX, 5, 554, 0, 0, 0, EVENT_STAGE_NONE, 0, 1,
		0},
	    {EVENT_IN, EVENT_POSTFIX, 5, 554, 5, 7, 1, EVENT_STAGE_RCPT, 0, 2,
		0},
	    {EVENT_IN, EVENT_EXIM, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT, 0, 1, 0},
	    {EVENT_OUT, EVENT_POSTFIX, 2, 250, 2, 0, 0, EVENT_STAGE_EOM, 0, 2,
		0},
	    {EVENT_OUT, EVENT_POSTFIX, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT, 0, 1,
		0},
	    {EVENT_OUT, EVENT_POSTFIX, 5, 550, 5, 1, 1, EVENT_STAGE_EOM, 0, 1,
		0},
	    {EVENT_OUT, EVENT_SENDMAIL, 4, 421, 4, 4, 2, EVENT_STAGE_CONNECT, 0,
		1, 0},
	};
	struct agg *a = agg_new();

	(void)state;
	add(a,
	    ev(EVENT_SENDMAIL, EVENT_OUT, 4, 421, 4, 4, 2, EVENT_STAGE_CONNECT,
		"h", NULL),
	    1);
	add(a,
	    ev(EVENT_EXIM, EVENT_IN, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT, NULL,
		"d"),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, EVENT_STAGE_EOM, NULL,
		NULL),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 5, 7, 1, EVENT_STAGE_RCPT, NULL,
		NULL),
	    2);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT, NULL,
		NULL),
	    3);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 2, 250, 2, 0, 0, EVENT_STAGE_EOM, NULL,
		NULL),
	    2);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 0, 0, 0, EVENT_STAGE_NONE, NULL,
		NULL),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 4, 450, 4, 7, 1, EVENT_STAGE_RCPT, NULL,
		NULL),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT,
		NULL, NULL),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 2, 250, 2, 0, 0, EVENT_STAGE_EOM, NULL,
		NULL),
	    1);
	check_cells(a, want, NELEM(want));
	assert_int_equal(agg_counts_const(a)->other_cells, 0);
	agg_free(a);
}

static void
agg_event__inferred__counted_in_cell_and_total(void **state)
{
	static const struct want_cell want[] = {
	    {EVENT_OUT, EVENT_POSTFIX, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT, 0, 3,
		2},
	};
	struct agg *a = agg_new();
	struct event e = ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1,
	    EVENT_STAGE_RCPT, NULL, NULL);
	struct agg_top *t;
	size_t n;

	(void)state;
	agg_event(a, &e);
	e.inferred = 1;
	agg_event(a, &e);
	agg_event(a, &e);
	check_cells(a, want, NELEM(want));
	assert_int_equal(agg_counts_const(a)->inferred, 2);
	t = agg_top(a, 10, &n);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].count, 3);
	assert_int_equal(t[0].inferred, 2);
	free(t);
	agg_free(a);
}

static void
agg_top__postfix_and_exim_same_code__summed_by_mta_split(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	size_t n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT,
		NULL, NULL),
	    3);
	add(a,
	    ev(EVENT_EXIM, EVENT_OUT, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT, NULL,
		NULL),
	    2);
	add(a,
	    ev(EVENT_SENDMAIL, EVENT_OUT, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT,
		NULL, NULL),
	    1);
	/* same code, other direction: a group of its own */
	add(a,
	    ev(EVENT_EXIM, EVENT_IN, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT, NULL,
		NULL),
	    4);
	t = agg_top(a, 10, &n);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].dir, EVENT_OUT);
	assert_int_equal(t[0].cls, 5);
	assert_int_equal(t[0].code, 550);
	assert_int_equal(t[0].enh.cls, 5);
	assert_int_equal(t[0].enh.subject, 1);
	assert_int_equal(t[0].enh.detail, 1);
	assert_int_equal(t[0].count, 6);
	assert_int_equal(t[0].by_mta[EVENT_POSTFIX], 3);
	assert_int_equal(t[0].by_mta[EVENT_EXIM], 2);
	assert_int_equal(t[0].by_mta[EVENT_SENDMAIL], 1);
	assert_int_equal(t[0].stage, EVENT_STAGE_RCPT);
	assert_int_equal(t[1].dir, EVENT_IN);
	assert_int_equal(t[1].count, 4);
	assert_int_equal(t[1].by_mta[EVENT_POSTFIX], 0);
	assert_int_equal(t[1].by_mta[EVENT_EXIM], 4);
	free(t);
	agg_free(a);
}

static void
agg_top__ties__count_then_class_code_enh_dir(void **state)
{
	static const struct {
		int dir, code, ec, es, ed;
		uint64_t count;
	} want[] = {
	    {EVENT_OUT, 451, 4, 3, 0, 5}, /* most frequent first */
	    {EVENT_IN, 550, 0, 0, 0, 2},  /* class 5 before 4 */
	    {EVENT_IN, 550, 5, 1, 1, 2},  /* no enh before enh */
	    {EVENT_OUT, 550, 5, 1, 1, 2}, /* inbound before out */
	    {EVENT_IN, 550, 5, 7, 1, 2},  /* enh numerically */
	    {EVENT_IN, 554, 5, 7, 1, 2},  /* code numerically */
	    {EVENT_IN, 421, 4, 4, 2, 2},
	    {EVENT_IN, 450, 4, 7, 1, 2},
	    {EVENT_OUT, 450, 4, 7, 1, 1},
	};
	struct agg *a = agg_new();
	struct agg_top *t;
	size_t n, i;

	(void)state;
	add(a, ev(EVENT_POSTFIX, EVENT_OUT, 4, 450, 4, 7, 1, 0, NULL, NULL), 1);
	add(a, ev(EVENT_POSTFIX, EVENT_IN, 4, 450, 4, 7, 1, 0, NULL, NULL), 2);
	add(a, ev(EVENT_POSTFIX, EVENT_IN, 4, 421, 4, 4, 2, 0, NULL, NULL), 2);
	add(a, ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 5, 7, 1, 0, NULL, NULL), 2);
	add(a, ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 5, 7, 1, 0, NULL, NULL), 2);
	add(a, ev(EVENT_EXIM, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL, NULL), 2);
	add(a, ev(EVENT_EXIM, EVENT_IN, 5, 550, 5, 1, 1, 0, NULL, NULL), 2);
	add(a, ev(EVENT_EXIM, EVENT_IN, 5, 550, 0, 0, 0, 0, NULL, NULL), 2);
	add(a, ev(EVENT_SENDMAIL, EVENT_OUT, 4, 451, 4, 3, 0, 0, NULL, NULL),
	    5);
	t = agg_top(a, 100, &n);
	assert_int_equal(n, NELEM(want));
	for (i = 0; i < n; i++) {
		if (t[i].dir != want[i].dir || t[i].code != want[i].code ||
		    t[i].enh.cls != want[i].ec ||
		    t[i].enh.subject != want[i].es ||
		    t[i].enh.detail != want[i].ed ||
		    t[i].count != want[i].count)
			fail_msg("top %zu: got dir %d %d %d.%d.%d count %llu",
			    i, t[i].dir, t[i].code, t[i].enh.cls,
			    t[i].enh.subject, t[i].enh.detail,
			    (unsigned long long)t[i].count);
	}
	free(t);
	agg_free(a);
}

static void
agg_top__max_2_of_4__n_2_most_frequent(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	size_t n;

	(void)state;
	add(a, ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 0, 0, 0, 0, NULL, NULL), 1);
	add(a, ev(EVENT_POSTFIX, EVENT_IN, 5, 551, 0, 0, 0, 0, NULL, NULL), 4);
	add(a, ev(EVENT_POSTFIX, EVENT_IN, 5, 552, 0, 0, 0, 0, NULL, NULL), 3);
	add(a, ev(EVENT_POSTFIX, EVENT_IN, 5, 553, 0, 0, 0, 0, NULL, NULL), 2);
	t = agg_top(a, 2, &n);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].code, 551);
	assert_int_equal(t[1].code, 552);
	free(t);
	t = agg_top(a, 0, &n);
	assert_int_equal(n, 0);
	free(t);
	agg_free(a);
}

static void
agg_top__stages_across_mtas__most_frequent_stage(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	size_t n;

	(void)state;
	/* RCPT 2 (postfix) + 2 (exim) beats DATA 3 and NONE 3 */
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 7, 1, EVENT_STAGE_RCPT,
		NULL, NULL),
	    2);
	add(a,
	    ev(EVENT_EXIM, EVENT_OUT, 5, 550, 5, 7, 1, EVENT_STAGE_RCPT, NULL,
		NULL),
	    2);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 7, 1, EVENT_STAGE_DATA,
		NULL, NULL),
	    3);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 7, 1, EVENT_STAGE_NONE,
		NULL, NULL),
	    3);
	t = agg_top(a, 10, &n);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].count, 10);
	assert_int_equal(t[0].stage, EVENT_STAGE_RCPT);
	free(t);
	agg_free(a);
}

static void
agg_top__stage_tie__earliest_stage(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	size_t n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 552, 5, 3, 4, EVENT_STAGE_EOM, NULL,
		NULL),
	    2);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 552, 5, 3, 4, EVENT_STAGE_MAIL,
		NULL, NULL),
	    2);
	t = agg_top(a, 10, &n);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].stage, EVENT_STAGE_MAIL);
	free(t);
	agg_free(a);
}

static void
agg_top__only_stage_none__stage_none(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	size_t n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 4, 421, 4, 4, 2, EVENT_STAGE_NONE,
		NULL, NULL),
	    2);
	t = agg_top(a, 10, &n);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].stage, EVENT_STAGE_NONE);
	free(t);
	agg_free(a);
}

static void
agg_top__successes_and_failures__only_class_4_and_5(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	size_t n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 2, 250, 2, 0, 0, EVENT_STAGE_EOM, NULL,
		NULL),
	    50);
	add(a, ev(EVENT_POSTFIX, EVENT_OUT, 4, 451, 4, 3, 0, 0, NULL, NULL), 2);
	add(a, ev(EVENT_POSTFIX, EVENT_OUT, 5, 554, 5, 7, 1, 0, NULL, NULL), 1);
	t = agg_top(a, 10, &n);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].cls, 4);
	assert_int_equal(t[0].code, 451);
	assert_int_equal(t[1].cls, 5);
	assert_int_equal(t[1].code, 554);
	free(t);
	agg_free(a);
}

/* The only top entry of A (which must have exactly one). */
static struct agg_top *
only_top(const struct agg *a)
{
	size_t n;
	struct agg_top *t = agg_top(a, 10, &n);

	assert_int_equal(n, 1);
	return t;
}

static void
agg_peers__mixed_case_names__merged_lower_case(void **state)
{
	static const struct want_peer want[] = {{"example.net", 3},
	    {"example.org", 1}};
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	size_t n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL,
		"Example.NET"),
	    1);
	add(a,
	    ev(EVENT_EXIM, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL, "example.net"),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL,
		"EXAMPLE.net"),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL,
		"example.ORG"),
	    1);
	t = only_top(a);
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 10, &n, NULL);
	check_peers(p, n, want, NELEM(want));
	free(p);
	free(t);
	agg_free(a);
}

static void
agg_peers__domain_and_host__kinds_kept_apart(void **state)
{
	static const struct want_peer domains[] = {{"example.com", 2}};
	static const struct want_peer hosts[] = {{"mx.example.com", 1},
	    {"mx2.example.com", 1}};
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	size_t n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 4, 450, 4, 2, 0, 0, "MX.example.com",
		"example.com"),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 4, 450, 4, 2, 0, 0, "mx2.example.com",
		"example.com"),
	    1);
	t = only_top(a);
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 10, &n, NULL);
	check_peers(p, n, domains, NELEM(domains));
	free(p);
	p = agg_peers(a, &t[0], AGG_PEER_HOST, 10, &n, NULL);
	check_peers(p, n, hosts, NELEM(hosts));
	free(p);
	free(t);
	agg_free(a);
}

static void
agg_peers__counts_and_names__count_desc_then_name(void **state)
{
	static const struct want_peer want[] = {{"zz.example", 3},
	    {"a.example", 2}, {"b.example", 2}, {"b.example.net", 2},
	    {"c.example", 1}};
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	size_t n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 5, 7, 1, 0, NULL, "c.example"),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 5, 7, 1, 0, NULL,
		"b.example.net"),
	    2);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 5, 7, 1, 0, NULL, "b.example"),
	    2);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 5, 7, 1, 0, NULL, "zz.example"),
	    3);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 5, 7, 1, 0, NULL, "a.example"),
	    2);
	t = only_top(a);
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 10, &n, NULL);
	check_peers(p, n, want, NELEM(want));
	free(p);
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 2, &n, NULL);
	check_peers(p, n, want, 2);
	free(p);
	free(t);
	agg_free(a);
}

static void
agg_peers__two_failures__each_sees_only_its_own(void **state)
{
	static const struct want_peer for550[] = {{"one.example", 1}};
	static const struct want_peer for451[] = {{"two.example", 2}};
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	size_t nt, n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL,
		"one.example"),
	    1);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 4, 451, 4, 3, 0, 0, NULL,
		"two.example"),
	    2);
	t = agg_top(a, 10, &nt);
	assert_int_equal(nt, 2);
	p = agg_peers(a, find_top(t, nt, EVENT_OUT, 550, 5, 1, 1),
	    AGG_PEER_DOMAIN, 10, &n, NULL);
	check_peers(p, n, for550, NELEM(for550));
	free(p);
	p = agg_peers(a, find_top(t, nt, EVENT_OUT, 451, 4, 3, 0),
	    AGG_PEER_DOMAIN, 10, &n, NULL);
	check_peers(p, n, for451, NELEM(for451));
	free(p);
	free(t);
	agg_free(a);
}

static void
agg_peers__success_events__no_peers_kept(void **state)
{
	struct agg *a = agg_new();
	struct agg_top t;
	struct agg_peer *p;
	size_t n = 99;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 2, 250, 2, 0, 0, EVENT_STAGE_EOM,
		"mx.example", "example"),
	    3);
	memset(&t, 0, sizeof(t));
	t.dir = EVENT_OUT;
	t.cls = 2;
	t.code = 250;
	t.enh.cls = 2;
	p = agg_peers(a, &t, AGG_PEER_DOMAIN, 10, &n, NULL);
	assert_int_equal(n, 0);
	free(p);
	agg_free(a);
}

static void
agg_peers__caller_buffer_overwritten__name_kept(void **state)
{
	static const struct want_peer want[] = {{"kept.example", 1}};
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	char buf[32];
	size_t n;

	(void)state;
	strcpy(buf, "KEPT.example");
	add(a, ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL, buf), 1);
	memset(buf, 'Z', sizeof(buf) - 1);
	t = only_top(a);
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 10, &n, NULL);
	check_peers(p, n, want, NELEM(want));
	free(p);
	free(t);
	agg_free(a);
}

static void
agg_peers__name_of_300_bytes__truncated_to_255(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	char name[301];
	size_t n;

	(void)state;
	memset(name, 'h', 300);
	name[300] = '\0';
	add(a, ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, name, NULL), 1);
	name[0] = 'H'; /* differs only in case: the same peer */
	add(a, ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, name, NULL), 1);
	t = only_top(a);
	p = agg_peers(a, &t[0], AGG_PEER_HOST, 10, &n, NULL);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].len, 255);
	assert_int_equal(p[0].count, 2);
	assert_int_equal(p[0].name[0], 'h');
	free(p);
	free(t);
	agg_free(a);
}

/* Peers of the one failure of A and B, all of them, are the same. */
static void
assert_same_peers(struct agg *a, struct agg *b, enum agg_peer_kind kind)
{
	struct agg_top *ta = only_top(a), *tb = only_top(b);
	struct agg_peer *pa, *pb;
	unsigned la, lb;
	size_t na, nb, i;

	pa = agg_peers(a, &ta[0], kind, (size_t)-1, &na, &la);
	pb = agg_peers(b, &tb[0], kind, (size_t)-1, &nb, &lb);
	assert_int_equal(na, nb);
	assert_int_equal(la, lb);
	for (i = 0; i < na; i++) {
		assert_int_equal(pa[i].len, pb[i].len);
		assert_memory_equal(pa[i].name, pb[i].name, pa[i].len);
		assert_int_equal(pa[i].count, pb[i].count);
	}
	assert_int_equal(agg_counts_const(a)->other_peers,
	    agg_counts_const(b)->other_peers);
	free(pa);
	free(pb);
	free(ta);
	free(tb);
}

/* Every cell of A and B, "other" rows included, is the same. */
static void
assert_same_cells(struct agg *a, struct agg *b)
{
	struct agg_cell *ca, *cb;
	size_t na, nb;

	ca = agg_cells(a, &na);
	cb = agg_cells(b, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(ca, cb, na * sizeof(*ca));
	assert_int_equal(agg_counts_const(a)->other_cells,
	    agg_counts_const(b)->other_cells);
	free(ca);
	free(cb);
}

#define MANY_PEERS (AGG_MAX_GROUP_PEERS * 3)

/* Domain I of the sampling tests: d<I>.example, seen (I % 3) + 1 times. */
static void
add_domain(struct agg *a, size_t i)
{
	char name[32];

	snprintf(name, sizeof(name), "d%06zu.Example", i);
	add(a, ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL, name),
	    (int)(i % 3) + 1);
}

static void
agg_event__more_peers_than_group_cap__sample_exact_counts_bounded(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	uint64_t kept = 0, total = 0;
	unsigned level;
	size_t i, n;

	(void)state;
	for (i = 0; i < MANY_PEERS; i++) {
		add_domain(a, i);
		total += i % 3 + 1;
	}
	t = only_top(a);
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, (size_t)-1, &n, &level);
	/* three times the cap: the bound was halved twice or so */
	assert_true(level >= 1);
	assert_true(n <= AGG_MAX_GROUP_PEERS);
	assert_true(n >= AGG_MAX_GROUP_PEERS / 4);
	for (i = 0; i < n; i++) {
		unsigned long k;

		/* a kept peer's count is exact: (k % 3) + 1 */
		assert_int_equal(sscanf(p[i].name, "d%06lu", &k), 1);
		assert_int_equal(p[i].count, k % 3 + 1);
		kept += p[i].count;
	}
	/* nothing lost: what is not kept is "other" */
	assert_int_equal(kept + agg_counts_const(a)->other_peers, total);
	free(p);
	free(t);
	agg_free(a);
}

/* A few peers of many: the first of the whole list, in its order, for
 * every MAX (counts tie often: the name decides). */
static void
agg_peers__few_of_many__first_of_the_whole_list(void **state)
{
	static const size_t maxes[] = {0, 1, 2, 5, 63, 64, 65, 299, 300, 301};
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *all, *p;
	size_t i, k, n, nall;
	char name[32];

	(void)state;
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "d%03zu.example", (i * 7) % 300);
		add(a,
		    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL,
			name),
		    (int)(i * 13 % 9) + 1);
	}
	t = only_top(a);
	all = agg_peers(a, &t[0], AGG_PEER_DOMAIN, (size_t)-1, &nall, NULL);
	assert_int_equal(nall, 300);
	for (k = 0; k < sizeof(maxes) / sizeof(*maxes); k++) {
		p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, maxes[k], &n, NULL);
		assert_int_equal(n, maxes[k] < nall ? maxes[k] : nall);
		for (i = 0; i < n; i++) {
			assert_int_equal(p[i].count, all[i].count);
			assert_int_equal(p[i].len, all[i].len);
			assert_memory_equal(p[i].name, all[i].name, p[i].len);
		}
		free(p);
	}
	for (i = 1; i < nall; i++) /* count first, then name */
		assert_true(all[i - 1].count > all[i].count ||
		    (all[i - 1].count == all[i].count &&
			memcmp(all[i - 1].name, all[i].name, all[i].len) < 0));
	free(all);
	free(t);
	agg_free(a);
}

static void
agg_event__sampled_peers__same_in_any_order(void **state)
{
	struct agg *fwd = agg_new(), *rev = agg_new();
	size_t i;

	(void)state;
	for (i = 0; i < MANY_PEERS; i++)
		add_domain(fwd, i);
	for (i = MANY_PEERS; i-- > 0;)
		add_domain(rev, i);
	assert_same_peers(fwd, rev, AGG_PEER_DOMAIN);
	assert_same_cells(fwd, rev);
	agg_free(fwd);
	agg_free(rev);
}

static void
agg_merge__sampled_halves__same_as_one_pass(void **state)
{
	struct agg *one = agg_new(), *h1 = agg_new(), *h2 = agg_new();
	size_t i;

	(void)state;
	/* the halves share keys: odd ones are seen in both */
	for (i = 0; i < MANY_PEERS; i++) {
		add_domain(one, i);
		add_domain(i < MANY_PEERS / 2 ? h1 : h2, i);
		if (i % 2) {
			add_domain(one, i);
			add_domain(i < MANY_PEERS / 2 ? h2 : h1, i);
		}
	}
	agg_merge(h1, h2, 0);
	assert_same_peers(one, h1, AGG_PEER_DOMAIN);
	agg_free(one);
	agg_free(h1);
	agg_free(h2);
}

static void
agg_merge__two_large_tables__few_probes_per_key(void **state)
{
	struct agg *h1 = agg_new(), *h2 = agg_new();
	size_t i, keys = 20000;
	uint64_t before;

	(void)state;
	/* caps high enough that every peer is kept: the halves are plain
	 * tables of 10,000 keys each, all different */
	agg_limit_peers(h1, keys * 32);
	agg_limit_peers(h2, keys * 32);
	for (i = 0; i < keys; i++)
		add_domain(i < keys / 2 ? h1 : h2, i);
	before = agg_probes(h1);
	agg_merge(h1, h2, 0);
	assert_int_equal(agg_counts_const(h1)->other_peers, 0);
	/* copied in slot order, the keys piled up in one run: over 100
	 * probes per key; a few per key is what a hash table should take */
	assert_true(agg_probes(h1) - before < keys / 2 * 4);
	agg_free(h1);
	agg_free(h2);
}

static void
agg_event__one_failure_floods_peers__other_failure_keeps_all(void **state)
{
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	char name[32];
	unsigned level;
	size_t i, n;

	(void)state;
	for (i = 0; i < MANY_PEERS; i++) {
		snprintf(name, sizeof(name), "client%zu.example", i);
		add(a,
		    ev(EVENT_POSTFIX, EVENT_IN, 5, 554, 5, 7, 1,
			EVENT_STAGE_RCPT, name, NULL),
		    1);
		if (i % 500 == 0) {
			snprintf(name, sizeof(name), "mx%zu.example", i);
			add(a,
			    ev(EVENT_POSTFIX, EVENT_OUT, 4, 451, 4, 3, 0,
				EVENT_STAGE_RCPT, name, NULL),
			    1);
		}
	}
	t = agg_top(a, 2, &n);
	assert_int_equal(n, 2);
	assert_int_equal(t[1].code, 451);
	p = agg_peers(a, &t[1], AGG_PEER_HOST, (size_t)-1, &n, &level);
	assert_int_equal(level, 0);
	assert_int_equal(n, (MANY_PEERS + 499) / 500);
	free(p);
	p = agg_peers(a, &t[0], AGG_PEER_HOST, (size_t)-1, &n, &level);
	assert_true(level > 0);
	free(p);
	free(t);
	agg_free(a);
}

static void
agg_event__more_peers_than_table_cap__bounded_and_order_free(void **state)
{
	struct agg *fwd = agg_new(), *rev = agg_new(), *h1 = agg_new(),
		   *h2 = agg_new(), *m;
	const size_t groups = AGG_MAX_PEERS / (AGG_MAX_GROUP_PEERS / 2) + 4;
	const size_t per = AGG_MAX_GROUP_PEERS / 2;
	struct agg_top *t;
	struct agg_peer *p;
	uint64_t kept = 0;
	char name[32];
	size_t g, i, n, nt;

	(void)state;
	/* many failures just under the group cap: the table cap binds */
	for (g = 0; g < groups; g++)
		for (i = 0; i < per; i++) {
			snprintf(name, sizeof(name), "h%zu.example", i);
			add(fwd,
			    ev(EVENT_POSTFIX, EVENT_OUT, 4, 421, 4, 4, (int)g,
				0, name, NULL),
			    1);
			add(h1,
			    ev(EVENT_POSTFIX, EVENT_OUT, 4, 421, 4, 4, (int)g,
				0, name, NULL),
			    1);
			snprintf(name, sizeof(name), "h%zu.example",
			    per - 1 - i);
			add(rev,
			    ev(EVENT_POSTFIX, EVENT_OUT, 4, 421, 4, 4,
				(int)(groups - 1 - g), 0, name, NULL),
			    1);
		}
	t = agg_top(fwd, (size_t)-1, &nt);
	assert_int_equal(nt, groups);
	for (g = 0; g < nt; g++) {
		p = agg_peers(fwd, &t[g], AGG_PEER_HOST, (size_t)-1, &n, NULL);
		for (i = 0; i < n; i++)
			kept += p[i].count;
		free(p);
	}
	free(t);
	assert_true(kept <= AGG_MAX_PEERS);
	assert_true(kept > 0);
	assert_int_equal(kept + agg_counts_const(fwd)->other_peers,
	    groups * per);
	assert_int_equal(agg_counts_const(fwd)->other_peers,
	    agg_counts_const(rev)->other_peers);
	/* a second part with new small failures: merged into an empty
	 * table after the first, it must be held to the first's levels */
	for (i = 0; i < 200; i++) {
		struct event e;

		snprintf(name, sizeof(name), "late%zu.example", i);
		e = ev(EVENT_EXIM, EVENT_IN, 5, 550, 5, 7, (int)(i % 20), 0,
		    name, NULL);
		add(fwd, e, 1);
		add(h2, e, 1);
	}
	m = agg_new();
	agg_merge(m, h1, 0);
	agg_merge(m, h2, 0);
	assert_int_equal(agg_counts_const(fwd)->other_peers,
	    agg_counts_const(m)->other_peers);
	agg_free(fwd);
	agg_free(rev);
	agg_free(h1);
	agg_free(h2);
	agg_free(m);
}

static void
agg_event__more_than_max_cells__other_rows_bounded_order_free(void **state)
{
	const size_t many = AGG_MAX_CELLS * 2;
	struct agg *fwd = agg_new(), *rev = agg_new(), *h1 = agg_new(),
		   *h2 = agg_new();
	struct agg_cell *c;
	uint64_t sum = 0, other = 0;
	size_t i, n;

	(void)state;
	for (i = 0; i < many; i++) {
		struct event e =
		    ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 5, (int)(i / 1000),
			(int)(i % 1000), EVENT_STAGE_RCPT, NULL, NULL);
		struct event r = ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 5,
		    (int)((many - 1 - i) / 1000), (int)((many - 1 - i) % 1000),
		    EVENT_STAGE_RCPT, NULL, NULL);

		add(fwd, e, 1);
		add(rev, r, 1);
		add(i % 2 ? h1 : h2, e, 1);
	}
	/* a second "other" row of its own (dir, MTA, class) */
	add(fwd, ev(EVENT_EXIM, EVENT_OUT, 4, 451, 4, 3, 0, 0, NULL, NULL), 2);
	add(rev, ev(EVENT_EXIM, EVENT_OUT, 4, 451, 4, 3, 0, 0, NULL, NULL), 2);
	add(h2, ev(EVENT_EXIM, EVENT_OUT, 4, 451, 4, 3, 0, 0, NULL, NULL), 2);
	c = agg_cells(fwd, &n);
	assert_true(n <= AGG_MAX_CELLS + 1);
	for (i = 0; i < n; i++) {
		sum += c[i].count;
		if (c[i].other) {
			other += c[i].count;
			assert_int_equal(c[i].code, 0);
			assert_int_equal(c[i].enh.cls, 0);
		}
	}
	/* every event is in a row; the folded ones in "other" rows */
	assert_int_equal(sum, many + 2);
	assert_int_equal(other, agg_counts_const(fwd)->other_cells);
	assert_true(other >= many - AGG_MAX_CELLS);
	/* postfix inbound class 5: its "other" row sorts after its cells */
	assert_int_equal(c[n - 2].other, 1);
	assert_int_equal(c[n - 2].mta, EVENT_POSTFIX);
	assert_int_equal(c[n - 1].mta, EVENT_EXIM);
	free(c);
	assert_same_cells(fwd, rev);
	agg_merge(h1, h2, 0);
	assert_same_cells(fwd, h1);
	agg_free(fwd);
	agg_free(rev);
	agg_free(h1);
	agg_free(h2);
}

static void
agg_destinations__domains_over_failures__grouped_most_failures_first(
    void **state)
{
	struct agg *a = agg_new();
	struct agg_dest *d;
	size_t n;

	(void)state;
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 4, 421, 4, 7, 0, 0, "mx", "Gmail.com"),
	    5);
	add(a, ev(EVENT_EXIM, EVENT_OUT, 5, 550, 5, 1, 1, 0, "mx", "gmail.com"),
	    2);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL, "b.example"),
	    3);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 4, 451, 4, 3, 0, 0, NULL, "b.example"),
	    4);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 552, 5, 2, 2, 0, NULL, "b.example"),
	    1);
	/* successes and inbound failures are not destinations */
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 2, 250, 2, 0, 0, 0, NULL, "c.example"),
	    9);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 5, 1, 1, 0, NULL, "d.example"),
	    9);
	d = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, 10, &n);
	assert_int_equal(n, 2);
	/* tie at 8: by name */
	assert_memory_equal(d[0].name, "b.example", 9);
	assert_int_equal(d[0].count, 8);
	assert_int_equal(d[0].by_class[4], 4);
	assert_int_equal(d[0].by_class[5], 4);
	assert_int_equal(d[0].ncodes, 3);
	assert_int_equal(d[0].nfailures, 3);
	assert_int_equal(d[0].codes[0].code, 451);
	assert_int_equal(d[0].codes[1].code, 550);
	assert_int_equal(d[0].codes[2].code, 552);
	assert_memory_equal(d[1].name, "gmail.com", 9);
	assert_int_equal(d[1].count, 7);
	assert_int_equal(d[1].codes[0].code, 421);
	assert_int_equal(d[1].codes[0].count, 5);
	assert_int_equal(d[1].codes[1].enh.detail, 1);
	free(d);
	d = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, 1, &n);
	assert_int_equal(n, 1);
	free(d);
	d = agg_destinations(a, EVENT_IN, AGG_PEER_DOMAIN, 10, &n);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].count, 9);
	free(d);
	agg_free(a);
}

static void
agg_time__several_times__span_min_to_max(void **state)
{
	struct agg *a = agg_new();
	const struct agg_counts *c = agg_counts_const(a);

	(void)state;
	agg_time(a, 1795341601);
	assert_int_equal(c->first, 1795341601);
	assert_int_equal(c->last, 1795341601);
	agg_time(a, 1795338001);
	agg_time(a, 1795392000);
	agg_time(a, 1795340000);
	assert_int_equal(c->first, 1795338001);
	assert_int_equal(c->last, 1795392000);
	agg_free(a);
}

static void
agg_time__first_time_zero__span_zero_to_zero(void **state)
{
	struct agg *a = agg_new();
	const struct agg_counts *c = agg_counts_const(a);

	(void)state;
	agg_time(a, 0);
	assert_int_equal(c->first, 0);
	assert_int_equal(c->last, 0);
	agg_time(a, 5);
	assert_int_equal(c->first, 0);
	assert_int_equal(c->last, 5);
	agg_free(a);
}

static void
agg_sample__more_than_max__first_max_kept(void **state)
{
	struct agg *a = agg_new();
	const struct agg_sample *s;
	char name[32], line[32];
	size_t i, n;

	(void)state;
	for (i = 0; i < AGG_MAX_SAMPLES + 5; i++) {
		snprintf(name, sizeof(name), "mail.log");
		snprintf(line, sizeof(line), "unparsed %zu", i);
		agg_sample(a, name, i + 1, line, strlen(line));
	}
	/* the caller's buffers are reused: the samples are copies */
	memset(name, 0, sizeof(name));
	memset(line, 0, sizeof(line));
	s = agg_samples(a, &n);
	assert_int_equal(n, AGG_MAX_SAMPLES);
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "unparsed %zu", i);
		assert_string_equal(s[i].name, "mail.log");
		assert_int_equal(s[i].lineno, i + 1);
		assert_int_equal(s[i].len, strlen(line));
		assert_string_equal(s[i].text, line);
	}
	agg_free(a);
}

static void
agg_sample__long_line__truncated_to_sample_len(void **state)
{
	struct agg *a = agg_new();
	const struct agg_sample *s;
	char *line = malloc(AGG_SAMPLE_LEN * 3);
	size_t i, n;

	(void)state;
	assert_non_null(line);
	for (i = 0; i < AGG_SAMPLE_LEN * 3; i++)
		line[i] = (char)('a' + i % 26);
	agg_sample(a, "f", 1, line, AGG_SAMPLE_LEN * 3);
	agg_sample(a, "f", 2, line, AGG_SAMPLE_LEN);
	agg_sample(a, "f", 3, "a\0b", 3);
	s = agg_samples(a, &n);
	assert_int_equal(n, 3);
	assert_int_equal(s[0].len, AGG_SAMPLE_LEN);
	assert_memory_equal(s[0].text, line, AGG_SAMPLE_LEN);
	assert_int_equal(s[0].text[AGG_SAMPLE_LEN], '\0');
	assert_int_equal(s[1].len, AGG_SAMPLE_LEN);
	assert_int_equal(s[2].len, 3);
	assert_memory_equal(s[2].text, "a\0b", 3);
	free(line);
	agg_free(a);
}

/* The histogram as text: "step;start:a/b/c;..." for comparisons. */
static char *
hours_str(const struct agg *a)
{
	const struct agg_bucket *b;
	int64_t step;
	size_t n, i, len = 0, cap = 64;
	char *s = malloc(cap);

	assert_non_null(s);
	b = agg_hours(a, &n, &step);
	len += (size_t)snprintf(s, cap, "%lld", (long long)step);
	for (i = 0; i < n; i++) {
		char one[128];
		int k = snprintf(one, sizeof(one), ";%lld:%llu/%llu/%llu",
		    (long long)b[i].start, (unsigned long long)b[i].n[0],
		    (unsigned long long)b[i].n[1],
		    (unsigned long long)b[i].n[2]);

		while (len + (size_t)k + 1 > cap) {
			cap *= 2;
			s = realloc(s, cap);
			assert_non_null(s);
		}
		memcpy(s + len, one, (size_t)k + 1);
		len += (size_t)k;
	}
	return s;
}

/* Sum of every bucket, all classes. */
static uint64_t
hours_total(const struct agg *a)
{
	const struct agg_bucket *b;
	int64_t step;
	uint64_t sum = 0;
	size_t n, i;

	b = agg_hours(a, &n, &step);
	for (i = 0; i < n; i++)
		sum += b[i].n[0] + b[i].n[1] + b[i].n[2];
	return sum;
}

#define T0 ((time_t)1795341600) /* 2026-11-22T10:00:00Z, a day's start */

static void
agg_hour__one_hour__one_bucket_by_class(void **state)
{
	struct agg *a = agg_new();
	char *s;

	(void)state;
	s = hours_str(a);
	assert_string_equal(s, "3600");
	free(s);
	agg_hour(a, T0, 2);
	agg_hour(a, T0 + 3599, 2);
	agg_hour(a, T0 + 60, 4);
	agg_hour(a, T0 + 61, 5);
	agg_hour(a, T0 + 62, 3); /* no such class of event: not counted */
	s = hours_str(a);
	assert_string_equal(s, "3600;1795341600:2/1/1");
	free(s);
	agg_free(a);
}

static void
agg_peer_rows__two_failures__every_peer_with_its_key_sorted(void **state)
{
	struct agg *a = agg_new();
	struct event e;
	struct agg_peer_row *p;
	size_t n;

	(void)state;
	e = ev(EVENT_EXIM, EVENT_OUT, 4, 451, 4, 7, 1, 0, "MX.B.example",
	    "b.example");
	e.sig = 3;
	add(a, e, 2);
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 5, 1, 1, 0, "h.example",
		"a.example"),
	    1);
	add(a, ev(EVENT_POSTFIX, EVENT_OUT, 2, 250, 2, 0, 0, 0, "ok", "ok"), 1);
	p = agg_peer_rows(a, &n);
	assert_int_equal(n, 4);
	/* inbound first; in one failure, domains before hosts */
	assert_int_equal(p[0].dir, EVENT_IN);
	assert_int_equal(p[0].kind, AGG_PEER_DOMAIN);
	assert_memory_equal(p[0].name, "a.example", 9);
	assert_int_equal(p[1].kind, AGG_PEER_HOST);
	assert_int_equal(p[2].dir, EVENT_OUT);
	assert_int_equal(p[2].cls, 4);
	assert_int_equal(p[2].code, 451);
	assert_int_equal(p[2].enh.subject, 7);
	assert_int_equal(p[2].sig, 3);
	assert_int_equal(p[2].count, 2);
	assert_int_equal(p[3].kind, AGG_PEER_HOST);
	assert_int_equal(p[3].len, 12);
	assert_memory_equal(p[3].name, "mx.b.example", 12);
	assert_int_equal(p[0].sig, 0); /* ev() leaves signature 0 */
	free(p);
	agg_free(a);
}

/* Names alike in their first eight bytes, or one the start of another:
 * byte order, then the shorter first, whatever order they came in. */
static void
agg_peer_rows__names_alike_at_the_start__byte_order_then_length(void **state)
{
	static const char *const sorted[] = {"mail", "mail.ex", "mail.exa",
	    "mail.example", "mail.exb", "unknown[10.0.0.10]",
	    "unknown[10.0.0.2]", "unknown[10.0.0.2]x", "unknown[9.9.9.9]",
	    "unknown\xc3\xa9"};
	const size_t count = sizeof(sorted) / sizeof(*sorted);
	struct agg *a = agg_new();
	struct agg_peer_row *p;
	size_t n, i;

	(void)state;
	for (i = 0; i < count; i++) /* every third, from the end */
		add(a,
		    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL,
			sorted[(count - 1 - i * 3 % count)]),
		    1);
	p = agg_peer_rows(a, &n);
	assert_int_equal(n, count);
	for (i = 0; i < n; i++) {
		assert_int_equal(p[i].len, strlen(sorted[i]));
		assert_memory_equal(p[i].name, sorted[i], p[i].len);
	}
	free(p);
	agg_free(a);
}

/* Whether peer row A comes before B by the order agg_peer_rows()
 * promises, field by field; 0 for the same key. */
static int
row_cmp(const struct agg_peer_row *a, const struct agg_peer_row *b)
{
	const int fa[] = {a->dir, a->cls, a->code, a->enh.cls, a->enh.subject,
	    a->enh.detail, a->sig, a->kind};
	const int fb[] = {b->dir, b->cls, b->code, b->enh.cls, b->enh.subject,
	    b->enh.detail, b->sig, b->kind};
	size_t i, m = a->len < b->len ? a->len : b->len;
	int r;

	for (i = 0; i < sizeof(fa) / sizeof(fa[0]); i++)
		if (fa[i] != fb[i])
			return fa[i] < fb[i] ? -1 : 1;
	if ((r = memcmp(a->name, b->name, m)) != 0)
		return r;
	return a->len < b->len ? -1 : a->len > b->len;
}

/*
 * Thousands of peer rows come back in order, each key once: names of
 * every length up to 40 that share their first 8 or 16 bytes or all but
 * the last ("unknown[10.0.0.1", a name and its prefix), spread over a few
 * failures and both kinds, added in no order.
 */
static void
agg_peer_rows__thousands_alike__in_order_each_once(void **state)
{
	static const char *const starts[] = {"", "unknown[", "unknown[10.0.0.",
	    "mx.example.org", "mx.example.org.", "\xc3\xa9t\xc3\xa9"};
	static const char alphabet[] = "u[1.0]9a\xc3";
	struct agg *a = agg_new();
	struct agg_peer_row r, *p;
	char names[3000][48];
	unsigned seed = 11;
	size_t n, i, k, len;

	(void)state;
	for (i = 0; i < 3000; i++) {
		memset(&r, 0, sizeof(r));
		seed = seed * 1103515245u + 12345u;
		r.dir = (int)(seed >> 16) % 2;
		r.cls = 4 + (int)(seed >> 18) % 2;
		r.code = r.cls * 100 + 50 + (int)(seed >> 20) % 2;
		r.enh.cls = r.cls;
		r.enh.subject = (int)(seed >> 22) % 3;
		r.enh.detail = (int)(seed >> 24) % 2;
		r.sig = (int)(seed >> 26) % 3 - 1;
		r.kind = (int)(seed >> 28) % 2;
		strcpy(names[i], starts[(seed >> 12) % 6]);
		len = strlen(names[i]);
		for (k = (seed >> 8) % 8; k > 0 && len < 40; k--) {
			seed = seed * 1103515245u + 12345u;
			names[i][len++] =
			    alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		r.name = names[i];
		r.len = len;
		r.count = 1;
		agg_add_peer(a, &r);
	}
	p = agg_peer_rows(a, &n);
	assert_true(n > 1000);
	for (i = 1; i < n; i++)
		if (row_cmp(&p[i - 1], &p[i]) >= 0)
			fail_msg("rows %zu and %zu out of order: %.*s, %.*s",
			    i - 1, i, (int)p[i - 1].len, p[i - 1].name,
			    (int)p[i].len, p[i].name);
	free(p);
	agg_free(a);
}

/* What agg_cells() and agg_peer_rows() give back, fed to another
 * aggregator with agg_add_cell() and agg_add_peer(), counts the same. */
static void
agg_add_cell_peer__tables_of_another__same_tables(void **state)
{
	struct agg *a = agg_new(), *b = agg_new();
	struct agg_cell *ca, *cb;
	struct agg_peer_row *pa, *pb;
	struct event e;
	size_t na, nb, i;

	(void)state;
	e = ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, EVENT_STAGE_RCPT,
	    "mx.example", "example.org");
	e.inferred = 1;
	add(a, e, 3);
	e.sig = 7;
	add(a, e, 1);
	add(a,
	    ev(EVENT_SENDMAIL, EVENT_IN, 4, 0, 4, 4, 1, EVENT_STAGE_CONNECT,
		"c.example", NULL),
	    2);
	ca = agg_cells(a, &na);
	for (i = 0; i < na; i++)
		agg_add_cell(b, &ca[i]);
	pa = agg_peer_rows(a, &na);
	for (i = 0; i < na; i++)
		agg_add_peer(b, &pa[i]);
	free(ca);
	ca = agg_cells(a, &na);
	cb = agg_cells(b, &nb);
	assert_int_equal(na, 3);
	assert_int_equal(nb, na);
	assert_memory_equal(ca, cb, na * sizeof(*ca));
	free(pa);
	pa = agg_peer_rows(a, &na);
	pb = agg_peer_rows(b, &nb);
	assert_int_equal(na, 5);
	assert_int_equal(nb, na);
	for (i = 0; i < na; i++) {
		assert_int_equal(pa[i].count, pb[i].count);
		assert_int_equal(pa[i].sig, pb[i].sig);
		assert_int_equal(pa[i].kind, pb[i].kind);
		assert_int_equal(pa[i].len, pb[i].len);
		assert_memory_equal(pa[i].name, pb[i].name, pa[i].len);
	}
	/* the totals are the caller's: nothing was counted there */
	assert_int_equal(agg_counts_const(b)->inferred, 0);
	assert_int_equal(agg_counts_const(b)->lines, 0);
	free(ca);
	free(cb);
	free(pa);
	free(pb);
	agg_free(a);
	agg_free(b);
}

static void
agg_add_peer__upper_case_and_long_name__lower_cased_and_cut(void **state)
{
	struct agg *a = agg_new();
	struct agg_peer_row r;
	struct agg_peer_row *p;
	char name[300];
	size_t n;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(name, 'X', sizeof(name));
	r.dir = EVENT_OUT;
	r.cls = 5;
	r.sig = -1;
	r.name = name;
	r.len = sizeof(name);
	r.count = 4;
	agg_add_peer(a, &r);
	agg_add_peer(a, &r);
	p = agg_peer_rows(a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].len, 255);
	assert_int_equal(p[0].name[0], 'x');
	assert_int_equal(p[0].count, 8);
	free(p);
	agg_free(a);
}

static void
agg_hour__hours_out_of_order__sorted_buckets(void **state)
{
	struct agg *a = agg_new();
	char *s;

	(void)state;
	agg_hour(a, T0 + 2 * 3600 + 5, 5);
	agg_hour(a, T0 + 10, 2);
	agg_hour(a, T0 + 3600, 4);
	agg_hour(a, T0 + 2 * 3600, 2);
	agg_hour(a, T0 + 11, 2);
	s = hours_str(a);
	assert_string_equal(s,
	    "3600;1795341600:2/0/0;1795345200:0/1/0;"
	    "1795348800:1/0/1");
	free(s);
	agg_free(a);
}

static void
agg_hour__negative_time__bucket_below_it(void **state)
{
	struct agg *a = agg_new();
	char *s;

	(void)state;
	agg_hour(a, -1, 2);
	agg_hour(a, -3600, 2);
	agg_hour(a, -3601, 4);
	agg_hour(a, 0, 5);
	s = hours_str(a);
	assert_string_equal(s, "3600;-7200:0/1/0;-3600:2/0/0;0:0/0/1");
	free(s);
	agg_free(a);
}

static void
agg_hour__one_hour_past_cap__buckets_two_hours_wide(void **state)
{
	struct agg *a = agg_new();
	const struct agg_bucket *b;
	int64_t step;
	size_t n, i;

	(void)state;
	for (i = 0; i < AGG_MAX_HOURS; i++)
		agg_hour(a, T0 + (time_t)i * 3600, 2);
	b = agg_hours(a, &n, &step);
	assert_int_equal(n, AGG_MAX_HOURS);
	assert_int_equal(step, 3600);
	agg_hour(a, T0 + (time_t)AGG_MAX_HOURS * 3600, 5);
	b = agg_hours(a, &n, &step);
	assert_int_equal(step, 7200);
	assert_int_equal(n, AGG_MAX_HOURS / 2 + 1);
	for (i = 0; i < n; i++)
		assert_int_equal(b[i].start, T0 + (time_t)i * 7200);
	assert_int_equal(b[0].n[0], 2);
	assert_int_equal(b[n - 1].n[0], 0);
	assert_int_equal(b[n - 1].n[2], 1);
	assert_int_equal(hours_total(a), AGG_MAX_HOURS + 1);
	agg_free(a);
}

static void
agg_hour__times_spread_over_centuries__bounded_nothing_lost(void **state)
{
	struct agg *a = agg_new();
	const struct agg_bucket *b;
	int64_t step;
	size_t n, i;

	(void)state;
	/* hostile times: far apart, far in the past and future, extremes */
	for (i = 0; i < 20000; i++)
		agg_hour(a, (time_t)((i * 7919) % 20000) * 1000003 - 9000000000,
		    i % 2 ? 4 : 5);
	agg_hour(a, (time_t)INT64_MAX, 2);
	agg_hour(a, (time_t)INT64_MIN, 2);
	b = agg_hours(a, &n, &step);
	assert_true(n <= AGG_MAX_HOURS);
	assert_true(step > 3600);
	assert_int_equal(step % 3600, 0);
	for (i = 1; i < n; i++)
		assert_true(b[i - 1].start < b[i].start);
	assert_int_equal(hours_total(a), 20002);
	agg_free(a);
}

/* A pseudo-random time in a span of SPAN hours; deterministic. */
static time_t
some_time(unsigned *seed, unsigned span)
{
	*seed = *seed * 1103515245u + 12345u;
	return T0 + (time_t)((*seed >> 8) % (span * 3600u));
}

static void
agg_hour__same_events_any_order__same_histogram(void **state)
{
	struct agg *fwd = agg_new(), *rev = agg_new();
	time_t t[6000];
	unsigned seed = 1;
	char *s1, *s2;
	size_t i;

	(void)state;
	for (i = 0; i < 6000; i++)
		t[i] = some_time(&seed, 5000); /* more hours than the cap */
	for (i = 0; i < 6000; i++)
		agg_hour(fwd, t[i], 2 + (int)(i % 3 ? 0 : 2));
	for (i = 6000; i-- > 0;)
		agg_hour(rev, t[i], 2 + (int)(i % 3 ? 0 : 2));
	s1 = hours_str(fwd);
	s2 = hours_str(rev);
	assert_string_equal(s1, s2);
	assert_int_equal(hours_total(fwd), 6000);
	free(s1);
	free(s2);
	agg_free(fwd);
	agg_free(rev);
}

/* Events 0..N-1 of a seeded series, CUT of them in the first aggregate
 * and the rest in a second, merged: the same as all in one. SPAN hours. */
static void
check_hours_merge(unsigned span, size_t n, size_t cut)
{
	struct agg *whole = agg_new(), *p1 = agg_new(), *p2 = agg_new();
	unsigned seed = 7;
	char *s1, *s2;
	size_t i;

	for (i = 0; i < n; i++) {
		time_t t = some_time(&seed, i < cut ? span / 4 + 1 : span);
		int cls = i % 5 == 0 ? 5 : i % 7 == 0 ? 4 : 2;

		agg_hour(whole, t, cls);
		agg_hour(i < cut ? p1 : p2, t, cls);
	}
	agg_merge(p1, p2, 0);
	s1 = hours_str(whole);
	s2 = hours_str(p1);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
	agg_free(whole);
	agg_free(p1);
	agg_free(p2);
}

static void
agg_merge__hours_within_cap__same_as_one_aggregate(void **state)
{
	(void)state;
	check_hours_merge(48, 500, 200);
}

static void
agg_merge__hours_widened_in_one_part__same_as_one_aggregate(void **state)
{
	(void)state;
	/* the second part alone needs wider buckets than the first */
	check_hours_merge(4 * AGG_MAX_HOURS, 20000, 3000);
	/* and the other way round: the first part is the wide one */
	check_hours_merge(3 * AGG_MAX_HOURS, 20000, 19000);
}

static void
agg_merge__hours_only_together_past_cap__widened(void **state)
{
	struct agg *p1 = agg_new(), *p2 = agg_new();
	const struct agg_bucket *b;
	int64_t step;
	size_t n, i;

	(void)state;
	/* each half fits hour by hour; together they do not */
	for (i = 0; i < AGG_MAX_HOURS; i++)
		agg_hour(p1, T0 + (time_t)i * 3600, 2);
	for (i = AGG_MAX_HOURS; i < AGG_MAX_HOURS + 10; i++)
		agg_hour(p2, T0 + (time_t)i * 3600, 4);
	agg_merge(p1, p2, 0);
	b = agg_hours(p1, &n, &step);
	assert_int_equal(step, 7200);
	assert_int_equal(n, AGG_MAX_HOURS / 2 + 5);
	assert_int_equal(b[n - 1].n[1], 2);
	assert_int_equal(hours_total(p1), AGG_MAX_HOURS + 10);
	agg_free(p1);
	agg_free(p2);
}

static void
agg_add_cell__past_the_cap__folded_into_other_row(void **state)
{
	struct agg *a = agg_new();
	struct agg_cell c, *v;
	size_t i, n;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.dir = EVENT_IN;
	c.cls = 5;
	c.code = 550;
	c.sig = -1;
	c.count = 2;
	c.inferred = 1;
	for (i = 0; i < AGG_MAX_CELLS + 1; i++) {
		c.enh.cls = 5;
		c.enh.subject = (int)(i / 1000);
		c.enh.detail = (int)(i % 1000);
		agg_add_cell(a, &c);
	}
	/* past the cap a sample of the cells folds; nothing is lost */
	assert_true(agg_counts_const(a)->other_cells >= 2);
	/* an "other" row from elsewhere always gets in */
	memset(&c, 0, sizeof(c));
	c.mta = EVENT_EXIM;
	c.cls = 4;
	c.other = 1;
	c.sig = -1;
	c.count = 5;
	agg_add_cell(a, &c);
	v = agg_cells(a, &n);
	assert_true(n <= AGG_MAX_CELLS + 2);
	{
		uint64_t sum = 0;

		for (i = 0; i < n; i++)
			sum += v[i].count;
		assert_int_equal(sum, 2 * (AGG_MAX_CELLS + 1) + 5);
	}
	assert_int_equal(v[n - 2].other, 1);
	assert_int_equal(v[n - 2].count, agg_counts_const(a)->other_cells);
	assert_int_equal(v[n - 1].other, 1);
	assert_int_equal(v[n - 1].mta, EVENT_EXIM);
	assert_int_equal(v[n - 1].count, 5);
	free(v);
	agg_free(a);
}

/* Counts past 2^32 in every table: a cell, its peers, a bucket of the
 * histogram, the line totals. Two such aggregators merged must add up in
 * 64 bits (a 32-bit field anywhere on the way would wrap), and the JSON
 * report must print the sums whole. */
#define BIG ((uint64_t)5000000000u) /* > 2^32 */

static struct agg *
big_agg(void)
{
	struct agg *a = agg_new();
	struct agg_counts *c = agg_counts(a);
	struct agg_cell cell;
	struct agg_peer_row p;
	const uint64_t h[3] = {0, BIG, BIG};

	memset(&cell, 0, sizeof(cell));
	cell.dir = EVENT_OUT;
	cell.mta = EVENT_POSTFIX;
	cell.cls = 5;
	cell.code = 550;
	cell.enh.cls = 5;
	cell.enh.subject = 1;
	cell.enh.detail = 1;
	cell.stage = EVENT_STAGE_RCPT;
	cell.sig = -1;
	cell.count = BIG;
	cell.inferred = BIG - 1;
	agg_add_cell(a, &cell);
	memset(&p, 0, sizeof(p));
	p.dir = EVENT_OUT;
	p.cls = 5;
	p.code = 550;
	p.enh = cell.enh;
	p.sig = -1;
	p.kind = AGG_PEER_DOMAIN;
	p.name = "example.org";
	p.len = strlen(p.name);
	p.count = BIG;
	agg_add_peer(a, &p);
	agg_add_hour(a, 1795392000, AGG_HOUR, h);
	/* the totals are the caller's (as smtplog merge sets them) */
	c->lines = 2 * BIG;
	c->kind[AGG_EVENT] = BIG;
	c->kind[AGG_NOREPLY] = BIG;
	c->mail[EVENT_POSTFIX] = 2 * BIG;
	c->bytes = 300 * BIG;
	c->inferred = BIG - 1;
	return a;
}

static void
agg_merge__counts_past_2_32__64_bit_sums_in_tables_and_json(void **state)
{
	struct agg *a = big_agg(), *b = big_agg();
	const struct agg_counts *c;
	struct report_opts o = {.top = 5, .peers = 5, .ninputs = 2};
	struct agg_cell *cells;
	struct agg_top *top;
	struct agg_peer *peers;
	struct agg_dest *d;
	const struct agg_bucket *hb;
	int64_t step;
	size_t n;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	agg_merge(a, b, agg_counts_const(a)->lines);
	c = agg_counts_const(a);
	assert_true(c->lines == 4 * BIG);
	assert_true(c->kind[AGG_EVENT] + c->kind[AGG_NOREPLY] == c->lines);
	assert_true(c->mail[EVENT_POSTFIX] == 4 * BIG);
	assert_true(c->bytes == 600 * BIG);
	cells = agg_cells(a, &n);
	assert_int_equal(n, 1);
	assert_true(cells[0].count == 2 * BIG);
	assert_true(cells[0].inferred == 2 * BIG - 2);
	free(cells);
	top = agg_top(a, 5, &n);
	assert_int_equal(n, 1);
	assert_true(top[0].count == 2 * BIG);
	assert_true(top[0].by_mta[EVENT_POSTFIX] == 2 * BIG);
	peers = agg_peers(a, &top[0], AGG_PEER_DOMAIN, 5, &n, NULL);
	assert_int_equal(n, 1);
	assert_true(peers[0].count == 2 * BIG);
	free(peers);
	free(top);
	d = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, 5, &n);
	assert_int_equal(n, 1);
	assert_true(d[0].count == 2 * BIG);
	assert_true(d[0].by_class[5] == 2 * BIG);
	free(d);
	hb = agg_hours(a, &n, &step);
	assert_int_equal(n, 1);
	assert_true(hb[0].n[1] == 2 * BIG && hb[0].n[2] == 2 * BIG);

	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(report_json(fp, a, &o), 0);
	fclose(fp);
	/* 4 * BIG = 20000000000, 2 * BIG = 10000000000 */
	assert_non_null(strstr(buf, "\"lines\": 20000000000,"));
	assert_non_null(strstr(buf, "\"events\": 10000000000,"));
	assert_non_null(strstr(buf, "\"noreply\": 10000000000,"));
	assert_non_null(strstr(buf, "\"bytes\": 3000000000000,"));
	assert_non_null(strstr(buf,
	    "\"accounting\": {\"lines\": 20000000000, "
	    "\"sum\": 20000000000, \"balanced\": true}"));
	assert_non_null(strstr(buf, "\"by_code\": {\"550\": 10000000000}"));
	assert_non_null(strstr(buf,
	    "\"domains\": [{\"name\": \"example.org\", "
	    "\"count\": 10000000000}]"));
	assert_non_null(
	    strstr(buf, "\"4xx\": 10000000000, \"5xx\": 10000000000}"));
	assert_non_null(strstr(buf,
	    "\"other\": false, \"count\": 10000000000, "
	    "\"inferred\": 9999999998}"));
	free(buf);
	agg_free(a);
	agg_free(b);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(agg_new__fresh__everything_zero_and_no_span),
	    cmocka_unit_test(agg_free__null__ignored),
	    cmocka_unit_test(agg_line__each_kind__counted_per_kind_and_mta),
	    cmocka_unit_test(agg_skipped__every_skip_kind__summed_and_merged),
	    cmocka_unit_test(
		agg_counts__written_through_mutable__seen_through_const),
	    cmocka_unit_test(
		agg_cells__events_in_any_order__sorted_with_counts),
	    cmocka_unit_test(agg_event__inferred__counted_in_cell_and_total),
	    cmocka_unit_test(
		agg_top__postfix_and_exim_same_code__summed_by_mta_split),
	    cmocka_unit_test(agg_top__ties__count_then_class_code_enh_dir),
	    cmocka_unit_test(agg_top__max_2_of_4__n_2_most_frequent),
	    cmocka_unit_test(agg_top__stages_across_mtas__most_frequent_stage),
	    cmocka_unit_test(agg_top__stage_tie__earliest_stage),
	    cmocka_unit_test(agg_top__only_stage_none__stage_none),
	    cmocka_unit_test(
		agg_top__successes_and_failures__only_class_4_and_5),
	    cmocka_unit_test(agg_peers__mixed_case_names__merged_lower_case),
	    cmocka_unit_test(agg_peers__domain_and_host__kinds_kept_apart),
	    cmocka_unit_test(agg_peers__counts_and_names__count_desc_then_name),
	    cmocka_unit_test(agg_peers__two_failures__each_sees_only_its_own),
	    cmocka_unit_test(agg_peers__success_events__no_peers_kept),
	    cmocka_unit_test(agg_peers__caller_buffer_overwritten__name_kept),
	    cmocka_unit_test(agg_peers__name_of_300_bytes__truncated_to_255),
	    cmocka_unit_test(
		agg_event__more_peers_than_group_cap__sample_exact_counts_bounded),
	    cmocka_unit_test(agg_peers__few_of_many__first_of_the_whole_list),
	    cmocka_unit_test(agg_event__sampled_peers__same_in_any_order),
	    cmocka_unit_test(
		agg_destinations__domains_over_failures__grouped_most_failures_first),
	    cmocka_unit_test(agg_merge__sampled_halves__same_as_one_pass),
	    cmocka_unit_test(agg_merge__two_large_tables__few_probes_per_key),
	    cmocka_unit_test(
		agg_event__one_failure_floods_peers__other_failure_keeps_all),
	    cmocka_unit_test(
		agg_event__more_peers_than_table_cap__bounded_and_order_free),
	    cmocka_unit_test(
		agg_event__more_than_max_cells__other_rows_bounded_order_free),
	    cmocka_unit_test(agg_time__several_times__span_min_to_max),
	    cmocka_unit_test(agg_time__first_time_zero__span_zero_to_zero),
	    cmocka_unit_test(agg_sample__more_than_max__first_max_kept),
	    cmocka_unit_test(agg_sample__long_line__truncated_to_sample_len),
	    cmocka_unit_test(agg_hour__one_hour__one_bucket_by_class),
	    cmocka_unit_test(agg_hour__hours_out_of_order__sorted_buckets),
	    cmocka_unit_test(agg_hour__negative_time__bucket_below_it),
	    cmocka_unit_test(
		agg_hour__one_hour_past_cap__buckets_two_hours_wide),
	    cmocka_unit_test(
		agg_hour__times_spread_over_centuries__bounded_nothing_lost),
	    cmocka_unit_test(agg_hour__same_events_any_order__same_histogram),
	    cmocka_unit_test(
		agg_merge__hours_within_cap__same_as_one_aggregate),
	    cmocka_unit_test(
		agg_merge__hours_widened_in_one_part__same_as_one_aggregate),
	    cmocka_unit_test(agg_merge__hours_only_together_past_cap__widened),
	    cmocka_unit_test(
		agg_peer_rows__two_failures__every_peer_with_its_key_sorted),
	    cmocka_unit_test(
		agg_peer_rows__names_alike_at_the_start__byte_order_then_length),
	    cmocka_unit_test(
		agg_peer_rows__thousands_alike__in_order_each_once),
	    cmocka_unit_test(agg_add_cell_peer__tables_of_another__same_tables),
	    cmocka_unit_test(
		agg_add_peer__upper_case_and_long_name__lower_cased_and_cut),
	    cmocka_unit_test(agg_add_cell__past_the_cap__folded_into_other_row),
	    cmocka_unit_test(
		agg_merge__counts_past_2_32__64_bit_sums_in_tables_and_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
