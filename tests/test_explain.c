/*
 * test_explain.c - "smtplog explain": parsing code arguments (basic,
 * enhanced, both, malformed), one or two codes, and the content of the
 * text and JSON pages (classes, sections, comparison, unassigned codes).
 * Runs in the C locale: English text.
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

#include "explain.h"

struct parse_case {
	const char *arg;
	int ok, code, ecls, esub, edet;
	const char *err; /* expected message when not ok */
};

static const struct parse_case parse_cases[] = {
    {"550", 1, 550, 0, 0, 0, NULL},
    {"221", 1, 221, 0, 0, 0, NULL},
    {"5.1.1", 1, 0, 5, 1, 1, NULL},
    {"4.7.0", 1, 0, 4, 7, 0, NULL},
    {"550 5.1.1", 1, 550, 5, 1, 1, NULL},
    {"550  5.7.26", 1, 550, 5, 7, 26, NULL},
    {"5.999.999", 1, 0, 5, 999, 999, NULL},
    {"559", 1, 559, 0, 0, 0, NULL},
    /* RFC 5321 4.2: the second digit is 0 to 5 */
    {"599", 0, 0, 0, 0, 0,
	"'599' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"},
    {"abc", 0, 0, 0, 0, 0,
	"'abc' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"},
    {"", 0, 0, 0, 0, 0,
	"'' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"},
    {"650", 0, 0, 0, 0, 0,
	"'650' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"},
    {"5500", 0, 0, 0, 0, 0,
	"'5500' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"},
    {"6.1.1", 0, 0, 0, 0, 0,
	"'6.1.1' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"},
    {"5.1.1234", 0, 0, 0, 0, 0,
	"'5.1.1234' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"},
    {"550 4.2.2", 0, 0, 0, 0, 0,
	"'550 4.2.2': the classes of 550 and 4.2.2 differ"},
    {"550 x", 0, 0, 0, 0, 0,
	"'550 x' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"},
};

static void
explain_parse__table__codes_and_messages(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *t = &parse_cases[i];
		struct explain_code c;
		char err[256] = "";
		int rc = explain_parse(t->arg, &c, err, sizeof(err));

		print_message("arg '%s'\n", t->arg);
		assert_int_equal(rc, t->ok ? 0 : -1);
		if (!t->ok) {
			assert_string_equal(err, t->err);
			continue;
		}
		assert_int_equal(c.code, t->code);
		assert_int_equal(c.enh.cls, t->ecls);
		assert_int_equal(c.enh.subject, t->esub);
		assert_int_equal(c.enh.detail, t->edet);
	}
}

static void
explain_args__two_words_same_class__one_code(void **state)
{
	char *argv[] = {"550", "5.1.1"};
	struct explain_code c[2];
	char err[256];
	int n = 0;

	(void)state;
	assert_int_equal(explain_args(2, argv, c, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].code, 550);
	assert_int_equal(c[0].enh.subject, 1);
}

static void
explain_args__two_codes__comparison(void **state)
{
	char *argv[] = {"221", "501"};
	char *argv2[] = {"421", "5.1.1"};
	struct explain_code c[2];
	char err[256];
	int n = 0;

	(void)state;
	assert_int_equal(explain_args(2, argv, c, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 2);
	assert_int_equal(c[1].code, 501);
	/* a 4xx and a 5.x.x are two codes, not one */
	assert_int_equal(explain_args(2, argv2, c, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 2);
}

static void
explain_args__none_or_three__refused(void **state)
{
	char *argv[] = {"221", "501", "550"};
	struct explain_code c[2];
	char err[256];
	int n = 0;

	(void)state;
	assert_int_equal(explain_args(0, argv, c, &n, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "explain takes one code, or two codes to "
	    "compare");
	assert_int_equal(explain_args(3, argv, c, &n, err, sizeof(err)), -1);
}

/* Collapse every run of blanks and newlines into one blank, so that
 * assertions do not depend on where a paragraph wraps. */
static void
flatten(char *s)
{
	char *w = s;
	int blank = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n') {
			blank = 1;
			continue;
		}
		if (blank && w != s)
			*w++ = ' ';
		blank = 0;
		*w++ = *s;
	}
	*w = '\0';
}

/* Print the page for ARGS into a string the caller frees. */
static char *
page(int argc, char **argv, int json)
{
	struct explain_code c[2];
	char err[256], *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int n;

	assert_int_equal(explain_args(argc, argv, c, &n, err, sizeof(err)), 0);
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(explain_print(fp, c, n, json), 0);
	fclose(fp);
	return buf;
}

static void
explain_print__one_code__class_and_sections(void **state)
{
	char *argv[] = {"553"};
	char *s = page(1, argv, 0);

	(void)state;
	assert_non_null(strstr(s, "SMTP 553: "));
	assert_non_null(
	    strstr(s, "Class: 5xx Permanent Negative Completion\n"));
	assert_non_null(strstr(s, "\nDescription\n"));
	assert_non_null(strstr(s, "\nWhen you see it\n"));
	assert_non_null(strstr(s, "\nHow to fix it\n"));
	assert_non_null(strstr(s, "  If your server sent it: "));
	assert_non_null(strstr(s, "  If a remote server sent it: "));
	assert_null(strstr(s, "No RFC assigns"));
	free(s);
}

static void
explain_print__pair__enhanced_line_and_specific_text(void **state)
{
	char *argv[] = {"550 5.1.1"};
	char *s = page(1, argv, 0);

	(void)state;
	assert_non_null(strstr(s,
	    "SMTP 550 5.1.1: Bad destination mailbox "
	    "address\n"));
	assert_non_null(strstr(s,
	    "Enhanced status code 5.1.1: Permanent "
	    "Failure, Addressing Status\n"));
	free(s);
}

static void
explain_print__two_codes__comparison_sections(void **state)
{
	char *argv[] = {"221", "501"};
	char *s = page(2, argv, 0);

	(void)state;
	assert_non_null(strstr(s, "SMTP 221 Closing connection vs 501 "));
	assert_non_null(strstr(s,
	    "221 (Closing connection) is a 2xx Positive "
	    "Completion response, while 501"));
	assert_non_null(strstr(s, "\nKey differences\n"));
	assert_non_null(strstr(s, "\nWhen to use which\n"));
	assert_non_null(strstr(s, "  - SMTP 221: "));
	assert_non_null(strstr(s, "  - For 501 ("));
	free(s);
}

static void
explain_print__same_class__both_are(void **state)
{
	char *argv[] = {"550", "553"};
	char *s = page(2, argv, 0);

	(void)state;
	flatten(s);
	assert_non_null(strstr(s,
	    "are both 5xx Permanent Negative Completion "
	    "responses."));
	assert_non_null(strstr(s,
	    "Both are 5xx Permanent Negative Completion "
	    "responses."));
	free(s);
}

static void
explain_print__unassigned__class_meaning(void **state)
{
	char *argv[] = {"559"};
	char *argv2[] = {"5.1.99"};
	char *s = page(1, argv, 0);

	(void)state;
	assert_non_null(strstr(s, "No RFC assigns this code"));
	assert_non_null(strstr(s, "Class: 5xx Permanent Negative Completion"));
	free(s);
	s = page(1, argv2, 0);
	/* an unlisted detail gets the meaning of its subject */
	assert_non_null(strstr(s, "Addressing Status"));
	assert_non_null(strstr(s, "No RFC assigns this code"));
	free(s);
}

static void
explain_print__json__keys(void **state)
{
	char *argv[] = {"550 5.7.1"};
	char *argv2[] = {"221", "501"};
	char *s = page(1, argv, 1);

	(void)state;
	assert_non_null(strstr(s,
	    "{\"code\": \"550\", \"enhanced\": \"5.7.1\", "
	    "\"class\": 5, \"assigned\": true"));
	assert_non_null(strstr(s,
	    "\"class_name\": \"5xx Permanent Negative "
	    "Completion\""));
	assert_non_null(strstr(s,
	    "\"subject_name\": \"Security or Policy "
	    "Status\""));
	assert_non_null(strstr(s, "\"fix_inbound\": \""));
	assert_non_null(strstr(s, "\"fix_outbound\": \""));
	assert_int_equal(s[strlen(s) - 1], '\n');
	free(s);
	s = page(2, argv2, 1);
	assert_non_null(strstr(s, "{\"compare\": [{\"code\": \"221\""));
	assert_non_null(strstr(s, "}, {\"code\": \"501\""));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(explain_parse__table__codes_and_messages),
	    cmocka_unit_test(explain_args__two_words_same_class__one_code),
	    cmocka_unit_test(explain_args__two_codes__comparison),
	    cmocka_unit_test(explain_args__none_or_three__refused),
	    cmocka_unit_test(explain_print__one_code__class_and_sections),
	    cmocka_unit_test(
		explain_print__pair__enhanced_line_and_specific_text),
	    cmocka_unit_test(explain_print__two_codes__comparison_sections),
	    cmocka_unit_test(explain_print__same_class__both_are),
	    cmocka_unit_test(explain_print__unassigned__class_meaning),
	    cmocka_unit_test(explain_print__json__keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
