/*
 * test_lit.c - unit tests for lit.c: literals found anywhere in the text
 * (start, end, overlapping), whatever pair they are filed under; one-byte
 * literals, also as the last byte; near misses at the text's end; NUL
 * bytes in the text; every occurrence reported by lit_each(); the
 * 16-byte block scan and the byte scan agree with a plain search on
 * random texts. lit_required(): the literals a regex cannot match
 * without, from runs, groups of alternatives and top-level branches, and
 * none where the scan cannot tell (escapes it does not model, (?x), (?i)
 * in a pattern that minds case, a branch without a literal).
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

#include "lit.h"

static int
any(const struct lit_set *l, const char *s)
{
	return lit_any(l, s, strlen(s));
}

static void
lit_any__postfix_literals__found_where_they_are(void **state)
{
	struct lit_set *l = lit_new();

	(void)state;
	lit_add(l, "status=", 7, 0);
	lit_add(l, "reject", 6, 1);
	lit_add(l, "said:", 5, 2);
	assert_int_equal(lit_count(l), 3);
	assert_true(any(l, "ABC123: to=<a@b>, relay=x, status=sent (ok)"));
	assert_true(any(l, "status="));
	assert_true(any(l, "NOQUEUE: reject: RCPT from x"));
	assert_true(any(l, "x said:"));
	assert_false(any(l, "ABC123: client=x[1.2.3.4]"));
	/* near misses, also cut off by the end of the text */
	assert_false(any(l, "status: sent, stat=x"));
	assert_false(any(l, "rejec"));
	assert_false(any(l, "statu"));
	assert_false(any(l, "sai"));
	assert_false(any(l, ""));
	lit_free(l);
}

static void
lit_any__one_byte_literal__anywhere_even_last(void **state)
{
	struct lit_set *l = lit_new();

	(void)state;
	lit_add(l, "*", 1, 7);
	assert_true(any(l, "*abc"));
	assert_true(any(l, "ab*c"));
	assert_true(any(l, "abc*"));
	assert_true(any(l, "*"));
	assert_false(any(l, "abc"));
	lit_free(l);
}

static void
lit_any__nul_bytes_in_text__scanned_past(void **state)
{
	struct lit_set *l = lit_new();
	const char text[] = "a\0b\0said:\0";

	(void)state;
	lit_add(l, "said:", 5, 0);
	assert_true(lit_any(l, text, sizeof(text) - 1));
	assert_false(lit_any(l, text, 6));
	lit_free(l);
}

struct seen {
	int ids[16];
	int n;
};

static void
note(void *arg, int id)
{
	struct seen *s = arg;

	if (s->n < 16)
		s->ids[s->n++] = id;
}

static void
lit_each__several_literals__every_occurrence_with_its_id(void **state)
{
	struct lit_set *l = lit_new();
	struct seen s;
	const char *t = "550 5.7.1 spamhaus; see spamhaus.org, Spamhaus";

	(void)state;
	memset(&s, 0, sizeof(s));
	lit_add(l, "spamhaus", 8, 3);
	lit_add(l, "5.7.1", 5, 4);
	lit_add(l, "haus.org", 8, 5);
	lit_each(l, t, strlen(t), note, &s);
	/* bytewise: "Spamhaus" is not "spamhaus" */
	assert_int_equal(s.n, 4);
	assert_int_equal(s.ids[0], 4);
	assert_int_equal(s.ids[1], 3);
	assert_int_equal(s.ids[2], 3);
	assert_int_equal(s.ids[3], 5);
	lit_free(l);
}

static void
note_bit(void *arg, int id)
{
	*(unsigned *)arg |= 1u << id;
}

/* LITS[i] with id i; bit i of the result: literal i occurs in T. */
static unsigned
found_by_scan(struct lit_set *l, const char *t, size_t n)
{
	unsigned bits = 0;

	lit_each(l, t, n, note_bit, &bits);
	return bits;
}

static unsigned
found_by_search(const char *const *lits, int nlits, const char *t, size_t n)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < nlits; i++)
		if (memmem(t, n, lits[i], strlen(lits[i])) != NULL)
			bits |= 1u << i;
	return bits;
}

/* Every scan of a set of LITS finds what memmem() finds, on random texts
 * of every length up to 290 bytes over ALPHABET. The texts are also the
 * sample lit_learn() counts: a set scanned by triples is refiled about a
 * tenth of the way through, and found the same before and after. */
static void
random_texts(const char *const *lits, int nlits, const char *alphabet)
{
	struct lit_set *l = lit_new();
	char text[300];
	size_t na = strlen(alphabet);
	unsigned seed = 7, want;
	int i, k, round, blocks;

	for (i = 0; i < nlits; i++)
		lit_add(l, lits[i], strlen(lits[i]), i);
	for (round = 0; round < 20000; round++) {
		size_t n = (size_t)(round % 290);

		for (k = 0; k < (int)n; k++) {
			seed = seed * 1103515245u + 12345u;
			text[k] = alphabet[(seed >> 16) % na];
		}
		/* now and then, a literal at the very end (of short texts
		 * too: they are scanned in a padded block) */
		if (round % 7 == 0 && n >= strlen(lits[round % nlits])) {
			const char *x = lits[round % nlits];

			memcpy(text + n - strlen(x), x, strlen(x));
		}
		lit_learn(l, text, n);
		want = found_by_search(lits, nlits, text, n);
		for (blocks = 0; blocks < 3; blocks++) {
			(void)lit_use_blocks(l, blocks);
			if (found_by_scan(l, text, n) != want)
				fail_msg("round %d, blocks %d: %.*s", round,
				    blocks, (int)n, text);
			assert_int_equal(lit_any(l, text, n), want != 0);
		}
	}
	lit_free(l);
}

static void
lit_each__random_texts__both_scans_find_what_search_finds(void **state)
{
	static const char *const lits[] = {"status=", "reject",
	    "said:", "refused to talk to me", "*", "=>", "5.7.1", "zz",
	    "q=", "(in", "]:", "authentication failed", "j", "said:", "j"};

	(void)state;
	random_texts(lits, (int)(sizeof(lits) / sizeof(lits[0])),
	    "status=rejectaid:fu zq*=>5.71()[]j\n");
}

/* Few literals: compared pair by pair where the CPU has AVX2. A literal
 * added twice is found under both ids (here and in the tests around). */
static void
lit_each__random_texts_few_pairs__scans_find_what_search_finds(void **state)
{
	static const char *const lits[] = {"status=", "reject",
	    "said:", "refused to talk to me", "authentication failed",
	    "s=", "reject"};

	(void)state;
	random_texts(lits, (int)(sizeof(lits) / sizeof(lits[0])),
	    "status=rejectaid:fu hn");
}

/*
 * Many literals of three bytes and more, over more than 16 anchors (the
 * signatures'): the scan by byte triples, against memmem() and the pair
 * scan, on texts made of the literals' own letters.
 */
static void
lit_each__random_texts_many_anchors__triples_find_what_search_finds(
    void **state)
{
	static const char *const lits[] = {"spamhaus", "mailbox full", "quota",
	    "rate limit", "throttl", "helo", "spf", "dkim", "gsmtp",
	    "google.com", "4.7.28", "5.7.26", "(s31", "as(", "user unknown",
	    "relay", "greylist", "xbl.spamhaus.org", "rbl", "ptr", "jvw", "k|z",
	    "[id", "<@>", "#x#", "x-y", "w;w", "~ok", "yes!", "b$b", "helo",
	    "as("};

	(void)state;
	random_texts(lits, (int)(sizeof(lits) / sizeof(lits[0])),
	    "spamhausilbxfqotrlemk yngdc.4758(3)jvw|[]<@>#-;~!$");
}

/*
 * A set scanned by triples learns from its sample texts: a literal filed
 * under a triple the sample is full of moves to the one of it least met,
 * once 64 KiB were counted, and is still found. "spamhaus" is filed under
 * "mha" by default (its rare pair is "mh"); the sample repeats "mhau".
 */
static void
lit_learn__sample_full_of_a_triple__literal_filed_elsewhere(void **state)
{
	static const char *const lits[] = {"spamhaus", "mailbox full", "quota",
	    "rate limit", "throttl", "helo", "spf", "dkim", "gsmtp",
	    "google.com", "4.7.28", "5.7.26", "(s31", "as(", "user unknown",
	    "relay", "greylist", "jvw", "k|z", "[id", "<@>", "#x#", "x-y",
	    "w;w", "~ok", "yes!", "b$b", "rbl", "ptr"};
	const char *sample = "mhau mhau mhau, mhau. ";
	const char *text = "554 5.7.1 listed by spamhaus, see the spam page";
	struct lit_set *l = lit_new();
	size_t learned = 0;
	int i, before;

	(void)state;
	for (i = 0; i < (int)(sizeof(lits) / sizeof(lits[0])); i++)
		lit_add(l, lits[i], strlen(lits[i]), i);
	before = lit_filed_at(l, 0);
	assert_int_equal(before, 3);
	while (learned < 64 * 1024 - strlen(sample)) {
		lit_learn(l, sample, strlen(sample));
		learned += strlen(sample);
	}
	assert_int_equal(lit_filed_at(l, 0), before); /* not yet */
	lit_learn(l, sample, strlen(sample));
	/* "mha" and "hau" are all over the sample, "spa" never: the first
	 * of the least met */
	assert_int_equal(lit_filed_at(l, 0), 0);
	assert_int_equal(found_by_scan(l, text, strlen(text)), 1u);
	assert_int_equal(found_by_scan(l, "spamhaus", 8), 1u);
	assert_int_equal(found_by_scan(l, "spamhau", 7), 0u);
	/* a set of few literals has no triples to file */
	lit_free(l);
	l = lit_new();
	lit_add(l, "spamhaus", 8, 0);
	assert_int_equal(lit_filed_at(l, 0), -1);
	lit_learn(l, sample, strlen(sample));
	assert_int_equal(found_by_scan(l, text, strlen(text)), 1u);
	lit_free(l);
}

/*
 * Anchors side by side, each the second byte of its pair, over more than
 * eight pairs (the block scans): in "mailbox", the "l" of "il" (of "mail
 * e") and the "b" of "lb" (of "mailbox full"). The scan once took the
 * pair at the first anchor as seen and missed "mailbox full"; the fuzzer
 * of the signatures found it, comparing with every pattern tried.
 */
static void
lit_each__second_byte_anchors_side_by_side__both_pairs_seen(void **state)
{
	static const char *const lits[] = {"mailbox full", "over", "overquota",
	    "mail too large", "message big", "mail e", "mail big", "exceeds",
	    "size"};
	struct lit_set *l = lit_new();
	int i, blocks;

	(void)state;
	for (i = 0; i < (int)(sizeof(lits) / sizeof(lits[0])); i++)
		lit_add(l, lits[i], strlen(lits[i]), i);
	for (blocks = 0; blocks < 3; blocks++) {
		(void)lit_use_blocks(l, blocks);
		assert_int_equal(found_by_scan(l, "mailbox full", 12), 1u);
		assert_int_equal(found_by_scan(l, "a mailbox full x", 16), 1u);
	}
	lit_free(l);
	random_texts(lits, (int)(sizeof(lits) / sizeof(lits[0])),
	    "mailbox fuqrtgesz");
}

/* A literal under three bytes added after the triples were built: the
 * set goes back to pairs and still finds everything. */
static void
lit_each__short_literal_after_many__still_found(void **state)
{
	static const char *const lits[] = {"spamhaus", "mailbox full", "quota",
	    "rate limit", "throttl", "too many ", "helo", "ehlo", "spf", "dkim",
	    "dmarc", "gsmtp", "google.com", "4.7.28", "5.7.26", "(s31", "as(",
	    "user unknown", "relay", "jvw", "k|z", "[id", "<@>", "#x#", "x-y",
	    "w;w", "q="};

	(void)state;
	random_texts(lits, (int)(sizeof(lits) / sizeof(lits[0])),
	    "spamhausilbxfqotrlemk yngdc.4758(3)jvw|[]<@>#-;=");
}

/* The literals lit_required() gives for RE, joined by "|", or "-". */
static const char *
required(const char *re, int caseless)
{
	static char out[256];
	char **v = lit_required(re, strlen(re), caseless);
	size_t used = 0;
	int i;

	if (v == NULL)
		return "-";
	out[0] = '\0';
	for (i = 0; v[i] != NULL; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%s",
		    i ? "|" : "", v[i]);
	lit_strv_free(v);
	return out;
}

static void
lit_required__runs_groups_and_branches(void **state)
{
	(void)state;
	/* the longest run of a branch */
	assert_string_equal(required("abc\\d+defgh", 0), "defgh");
	assert_string_equal(required("^\\w+: reject_warning:", 0),
	    ": reject_warning:");
	/* an escaped punctuation byte is itself */
	assert_string_equal(required("said\\: 5\\.7\\.1", 0), "said: 5.7.1");
	/* a class ends the run, also at the top level */
	assert_string_equal(required("[45]\\.7\\.29\\b", 1), ".7.29");
	assert_string_equal(required("[]x]yz", 0), "yz");
	assert_string_equal(required("[^]x]yz", 0), "yz");
	assert_string_equal(required("[[:alpha:]]yz", 0), "yz");
	/* a group of alternatives, when it filters better than the runs */
	assert_string_equal(required("^(?:4\\.7\\.23|[45]\\.7\\.25)\\b", 0),
	    "4.7.23|.7.25");
	/* a group of plain alternatives inside a run: each spelling of it,
	 * with the group once or maybe ("?", lazy, possessive); not past
	 * eight spellings, nor with a group that may repeat or looks around */
	assert_string_equal(required("ab(?:cdef|ghij)", 0), "abcdef|abghij");
	assert_string_equal(required("abcdef(?:x|yz)", 0), "abcdefx|abcdefyz");
	assert_string_equal(required("spamhaus\\.org/(?:query/)?sbl", 1),
	    "spamhaus.org/query/sbl|spamhaus.org/sbl");
	assert_string_equal(required("ab(?:c)??d|xy(?:z)?+w", 0),
	    "abcd|abd|xyzw|xyw");
	assert_string_equal(required("(?<w>Hard|Soft)Fail", 1),
	    "hardfail|softfail");
	assert_string_equal(required("(?:hard|soft)?fail", 0), "fail");
	assert_string_equal(required("(?:a|b|c)(?:d|e|f)xyz", 0),
	    "xyz"); /* 9 spellings */
	assert_string_equal(required("ab(?:cde)+f", 0), "cde");
	assert_string_equal(required("ab(?=cd)cde", 0), "cde");
	assert_string_equal(required("ab(?:c\\d|e)f", 0), "ab");
	/* branches of the whole pattern: one of each */
	assert_string_equal(required("foo|bar", 0), "foo|bar");
	assert_string_equal(required("foo|\\d+", 0), "-");
	/* what may be absent gives nothing */
	assert_string_equal(required("ab?cd", 0), "cd");
	assert_string_equal(required("x(?:abc)?yz", 0), "xabcyz|xyz");
	assert_string_equal(required("x(?:abc)*", 0), "-");
	assert_string_equal(required("x(?:abc){0,2}yz", 0), "yz");
	assert_string_equal(required("(?!abc)def", 0), "def");
	assert_string_equal(required("(?<!abc)de", 0), "de");
	assert_string_equal(required("(?<host>abc)", 0), "abc");
	assert_string_equal(required("(?=.*?(?:gsmtp|google))", 0),
	    "gsmtp|google");
	/* case */
	assert_string_equal(required("AbC", 1), "abc");
	assert_string_equal(required("AbC", 0), "AbC");
	assert_string_equal(required("(?i)abc", 1), "abc");
	assert_string_equal(required("(?i)abc", 0), "-");
	assert_string_equal(required("(?i:abc)d", 0), "-");
	/* syntax the scan does not model */
	assert_string_equal(required("\\x41bc", 0), "-");
	assert_string_equal(required("\\Qa|b\\E", 0), "-");
	assert_string_equal(required("(?x) a b c", 0), "-");
	assert_string_equal(required("a.c", 0), "-");
	/* a verb matches the empty string, whatever its name holds */
	assert_string_equal(required("(*:xbl\\.spamhaus\\.org|cbl)", 1), "-");
	assert_string_equal(
	    required("(?<![\\w-])(*:xbl\\.org)|spamhaus\\.org/xbl", 1), "-");
	assert_string_equal(required("(*MARK:abc)def", 0), "-");
	assert_string_equal(required("(*UTF)abc", 0), "-");
}

/* lit_required_all() for RE: its sets joined by " & ", or "-". */
static const char *
required_all(const char *re, int caseless)
{
	static char out[512];
	char ***v = lit_required_all(re, strlen(re), caseless);
	size_t used = 0;
	int i, k;

	if (v == NULL)
		return "-";
	out[0] = '\0';
	for (k = 0; v[k] != NULL; k++)
		for (i = 0; v[k][i] != NULL; i++)
			used += (size_t)snprintf(out + used, sizeof(out) - used,
			    "%s%s",
			    i       ? "|"
				: k ? " & "
				    : "",
			    v[k][i]);
	lit_strvv_free(v);
	return out;
}

static void
lit_required_all__one_branch__every_set_it_needs(void **state)
{
	(void)state;
	/* the best set first, then every set of three bytes and more */
	assert_string_equal(
	    required_all("\\bSPF\\b.{0,20}\\b(?:hard|soft)?fail", 1),
	    "fail & spf & fail");
	assert_string_equal(
	    required_all("^(?=.*?(?:gsmtp|google\\.com)).*?\\b[45]\\.7\\.28\\b",
		1),
	    ".7.28 & gsmtp|google.com & .7.28");
	/* a two-byte run may be the best, but is no extra set */
	assert_string_equal(required_all("ab\\d+cd", 0), "ab");
	/* a top-level "|": one set, the union */
	assert_string_equal(required_all("foo\\d+barbaz|qux", 0), "barbaz|qux");
	assert_string_equal(required_all("foo|\\d+", 0), "-");
	assert_string_equal(required_all("\\d+", 0), "-");
	/* "|" inside a group or a class is no top-level branch */
	assert_string_equal(required_all("abc(?:x|y)def", 0),
	    "abcxdef|abcydef & abcxdef|abcydef");
	assert_string_equal(required_all("abc(?:x|y)*def", 0),
	    "abc & abc & def");
	assert_string_equal(required_all("abc[|]def", 0), "abc & abc & def");
	assert_string_equal(required_all("abc\\|def", 0), "abc|def & abc|def");
}

/* lit_branches() for RE: the ends of its branches, "1,8,10", or "-". */
static const char *
branches(const char *re, int max)
{
	static char out[128];
	size_t ends[8], used = 0;
	int k, n = lit_branches(re, strlen(re), 1, ends, max);

	assert_true(max <= 8);
	if (n == 0)
		return "-";
	out[0] = '\0';
	for (k = 0; k < n; k++)
		used += (size_t)snprintf(out + used, sizeof(out) - used,
		    "%s%zu", k ? "," : "", ends[k]);
	return out;
}

static void
lit_branches__top_level_bars__split_where_the_regex_is(void **state)
{
	(void)state;
	assert_string_equal(branches("abc", 8), "3");
	assert_string_equal(branches("", 8), "0");
	assert_string_equal(branches("a|b(c|d)|e", 8), "1,8,10");
	assert_string_equal(branches("a|", 8), "1,2");
	/* a "|" in a class or escaped is a byte */
	assert_string_equal(branches("a[|]b|c\\|d", 8), "5,10");
	assert_string_equal(branches("[]|]x|y", 8), "5,7");
	/* groups, lookarounds and option settings read alone */
	assert_string_equal(branches("(?i)foo|bar", 8), "7,11");
	assert_string_equal(branches("(?<n>a)|(?P<m>b)|(?'o'c)", 8), "7,16,24");
	assert_string_equal(branches("(?=x)a|(?!y)b|(?<=z)c|(?<!w)d|(?>e)", 8),
	    "6,13,21,29,35");
	/* one more branch than asked for */
	assert_string_equal(branches("a|b|c", 3), "1,3,5");
	assert_string_equal(branches("a|b|c", 2), "-");
	/* what a branch alone does not hold: calls of groups, conditions,
	 * back references; and what no literal scan models */
	assert_string_equal(branches("(a)|(?1)", 8), "-");
	assert_string_equal(branches("(?<n>a)|(?&n)", 8), "-");
	assert_string_equal(branches("(?P<n>a)|(?P>n)", 8), "-");
	assert_string_equal(branches("(?(1)a|b)|c", 8), "-");
	assert_string_equal(branches("(a)|\\1", 8), "-");
	assert_string_equal(branches("(?x)a | b", 8), "-");
	assert_string_equal(branches("a|(?R)", 8), "-");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(lit_any__postfix_literals__found_where_they_are),
	    cmocka_unit_test(lit_any__one_byte_literal__anywhere_even_last),
	    cmocka_unit_test(lit_any__nul_bytes_in_text__scanned_past),
	    cmocka_unit_test(
		lit_each__several_literals__every_occurrence_with_its_id),
	    cmocka_unit_test(
		lit_each__random_texts__both_scans_find_what_search_finds),
	    cmocka_unit_test(
		lit_each__random_texts_few_pairs__scans_find_what_search_finds),
	    cmocka_unit_test(
		lit_each__random_texts_many_anchors__triples_find_what_search_finds),
	    cmocka_unit_test(lit_each__short_literal_after_many__still_found),
	    cmocka_unit_test(
		lit_learn__sample_full_of_a_triple__literal_filed_elsewhere),
	    cmocka_unit_test(
		lit_each__second_byte_anchors_side_by_side__both_pairs_seen),
	    cmocka_unit_test(lit_required__runs_groups_and_branches),
	    cmocka_unit_test(lit_required_all__one_branch__every_set_it_needs),
	    cmocka_unit_test(
		lit_branches__top_level_bars__split_where_the_regex_is),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
