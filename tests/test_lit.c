/*
 * test_lit.c - unit tests for lit.c: literals found anywhere in the text
 * (start, end, overlapping), whatever pair they are filed under; one-byte
 * literals, also as the last byte; near misses at the text's end; NUL
 * bytes in the text; every occurrence reported by lit_each().
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(lit_any__postfix_literals__found_where_they_are),
	    cmocka_unit_test(lit_any__one_byte_literal__anywhere_even_last),
	    cmocka_unit_test(lit_any__nul_bytes_in_text__scanned_past),
	    cmocka_unit_test(
		lit_each__several_literals__every_occurrence_with_its_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
