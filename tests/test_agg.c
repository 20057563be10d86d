/*
 * test_agg.c - unit tests for agg.c.
 *
 * Line counts per kind and MTA; agg_event() cells in their sorted order
 * with counts and inferred counts; agg_top() grouping across MTAs, its
 * order (count, then class, code, enhanced code, direction), its limit,
 * the most frequent stage, failures only; agg_peers() lower-cased merging,
 * domains and hosts apart, order, limit, no peer kept for successes,
 * names copied rather than pointed to; the caps (AGG_MAX_PEERS and
 * AGG_MAX_CELLS) and their "other" counts and rows; agg_time() span;
 * agg_sample() limit and truncation; agg_peer_rows() keys and order;
 * agg_add_cell() and agg_add_peer() rebuilding another aggregator's
 * tables, lower-casing, cutting and capping as agg_event() does.
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
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 10, &n);
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
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 10, &n);
	check_peers(p, n, domains, NELEM(domains));
	free(p);
	p = agg_peers(a, &t[0], AGG_PEER_HOST, 10, &n);
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
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 10, &n);
	check_peers(p, n, want, NELEM(want));
	free(p);
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 2, &n);
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
	    AGG_PEER_DOMAIN, 10, &n);
	check_peers(p, n, for550, NELEM(for550));
	free(p);
	p = agg_peers(a, find_top(t, nt, EVENT_OUT, 451, 4, 3, 0),
	    AGG_PEER_DOMAIN, 10, &n);
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
	p = agg_peers(a, &t, AGG_PEER_DOMAIN, 10, &n);
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
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, 10, &n);
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
	p = agg_peers(a, &t[0], AGG_PEER_HOST, 10, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].len, 255);
	assert_int_equal(p[0].count, 2);
	assert_int_equal(p[0].name[0], 'h');
	free(p);
	free(t);
	agg_free(a);
}

static void
agg_event__more_than_max_peers__other_peers_counted_table_bounded(void **state)
{
	const size_t extra = 25;
	struct agg *a = agg_new();
	struct agg_top *t;
	struct agg_peer *p;
	char name[32];
	size_t i, n;

	(void)state;
	for (i = 0; i < AGG_MAX_PEERS + extra; i++) {
		snprintf(name, sizeof(name), "d%06zu.example", i);
		add(a,
		    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL,
			name),
		    1);
	}
	assert_int_equal(agg_counts_const(a)->other_peers, extra);
	/* a peer already known still counts in its own row */
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, NULL,
		"D000007.example"),
	    1);
	assert_int_equal(agg_counts_const(a)->other_peers, extra);
	/* the cap is shared: a new host is "other" too */
	add(a,
	    ev(EVENT_POSTFIX, EVENT_OUT, 5, 550, 5, 1, 1, 0, "new.host.example",
		NULL),
	    1);
	assert_int_equal(agg_counts_const(a)->other_peers, extra + 1);
	t = only_top(a);
	assert_int_equal(t[0].count, AGG_MAX_PEERS + extra + 2);
	p = agg_peers(a, &t[0], AGG_PEER_DOMAIN, (size_t)-1, &n);
	assert_int_equal(n, AGG_MAX_PEERS);
	assert_int_equal(p[0].count, 2);
	assert_memory_equal(p[0].name, "d000007.example", 15);
	assert_int_equal(p[1].count, 1);
	assert_memory_equal(p[1].name, "d000000.example", 15);
	assert_memory_equal(p[n - 1].name, "d099999.example", 15);
	free(p);
	p = agg_peers(a, &t[0], AGG_PEER_HOST, 10, &n);
	assert_int_equal(n, 0);
	free(p);
	free(t);
	agg_free(a);
}

static void
agg_event__more_than_max_cells__other_row_with_overflow_count(void **state)
{
	const size_t extra = 37;
	struct agg *a = agg_new();
	struct agg_cell *c;
	struct agg_top *t, other;
	struct agg_peer *p;
	size_t i, n;

	(void)state;
	for (i = 0; i < AGG_MAX_CELLS + extra; i++)
		add(a,
		    ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 5, (int)(i / 1000),
			(int)(i % 1000), EVENT_STAGE_RCPT, NULL,
			i >= AGG_MAX_CELLS ? "late.example" : NULL),
		    1);
	assert_int_equal(agg_counts_const(a)->other_cells, extra);
	/* a known cell is still counted in its own row */
	add(a,
	    ev(EVENT_POSTFIX, EVENT_IN, 5, 550, 5, 0, 5, EVENT_STAGE_RCPT, NULL,
		NULL),
	    1);
	/* past the cap, each (dir, MTA, class) gets its own "other" row */
	add(a,
	    ev(EVENT_EXIM, EVENT_OUT, 4, 451, 4, 3, 0, EVENT_STAGE_RCPT, NULL,
		NULL),
	    2);
	assert_int_equal(agg_counts_const(a)->other_cells, extra + 2);
	c = agg_cells(a, &n);
	assert_int_equal(n, AGG_MAX_CELLS + 2);
	assert_int_equal(c[5].enh.detail, 5);
	assert_int_equal(c[5].count, 2);
	/* postfix inbound class 5: the other row sorts after the real ones */
	assert_int_equal(c[n - 2].other, 1);
	assert_int_equal(c[n - 2].dir, EVENT_IN);
	assert_int_equal(c[n - 2].mta, EVENT_POSTFIX);
	assert_int_equal(c[n - 2].cls, 5);
	assert_int_equal(c[n - 2].code, 0);
	assert_int_equal(c[n - 2].enh.cls, 0);
	assert_int_equal(c[n - 2].count, extra);
	assert_int_equal(c[n - 3].other, 0);
	assert_int_equal(c[n - 1].other, 1);
	assert_int_equal(c[n - 1].dir, EVENT_OUT);
	assert_int_equal(c[n - 1].mta, EVENT_EXIM);
	assert_int_equal(c[n - 1].cls, 4);
	assert_int_equal(c[n - 1].count, 2);
	free(c);
	/* "other" rows are no failure of their own */
	t = agg_top(a, 1, &n);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].code, 550);
	assert_int_equal(t[0].enh.detail, 5);
	assert_int_equal(t[0].count, 2);
	free(t);
	/* and the peers of folded events are not kept anywhere */
	memset(&other, 0, sizeof(other));
	other.dir = EVENT_IN;
	other.cls = 5;
	p = agg_peers(a, &other, AGG_PEER_DOMAIN, 10, &n);
	assert_int_equal(n, 0);
	free(p);
	assert_int_equal(agg_counts_const(a)->other_peers, 0);
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
	assert_int_equal(agg_counts_const(a)->other_cells, 2);
	/* an "other" row from elsewhere always gets in */
	memset(&c, 0, sizeof(c));
	c.mta = EVENT_EXIM;
	c.cls = 4;
	c.other = 1;
	c.sig = -1;
	c.count = 5;
	agg_add_cell(a, &c);
	v = agg_cells(a, &n);
	assert_int_equal(n, AGG_MAX_CELLS + 2);
	assert_int_equal(v[n - 2].other, 1);
	assert_int_equal(v[n - 2].count, 2);
	assert_int_equal(v[n - 2].inferred, 1);
	assert_int_equal(v[n - 1].other, 1);
	assert_int_equal(v[n - 1].mta, EVENT_EXIM);
	assert_int_equal(v[n - 1].count, 5);
	free(v);
	agg_free(a);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(agg_new__fresh__everything_zero_and_no_span),
	    cmocka_unit_test(agg_free__null__ignored),
	    cmocka_unit_test(agg_line__each_kind__counted_per_kind_and_mta),
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
		agg_event__more_than_max_peers__other_peers_counted_table_bounded),
	    cmocka_unit_test(
		agg_event__more_than_max_cells__other_row_with_overflow_count),
	    cmocka_unit_test(agg_time__several_times__span_min_to_max),
	    cmocka_unit_test(agg_time__first_time_zero__span_zero_to_zero),
	    cmocka_unit_test(agg_sample__more_than_max__first_max_kept),
	    cmocka_unit_test(agg_sample__long_line__truncated_to_sample_len),
	    cmocka_unit_test(
		agg_peer_rows__two_failures__every_peer_with_its_key_sorted),
	    cmocka_unit_test(agg_add_cell_peer__tables_of_another__same_tables),
	    cmocka_unit_test(
		agg_add_peer__upper_case_and_long_name__lower_cased_and_cut),
	    cmocka_unit_test(agg_add_cell__past_the_cap__folded_into_other_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
