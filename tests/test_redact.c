/*
 * test_redact.c - unit tests for redact.c and the redacting writers of
 * util.c (--redact).
 *
 * Each case is a piece of log text and what --redact must make of it,
 * through util_put_text() (so the escaping still applies around the
 * token): angle addresses, bare ones, user+tag, quoted local parts with
 * blanks, quotes and "@" inside, the null sender <>, encoded words,
 * addresses at the start and end of the line, several on a line, log keys
 * kept (sasl_username=), SRS and BATV forms, UTF-8 local parts, no "@",
 * a lone "@", hostile runs of quotes. Then the JSON writers, the
 * program's own text (never redacted), redaction off, and the spans
 * redact_find() reports.
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

#include "redact.h"
#include "util.h"

#define LIT(s) s, sizeof(s) - 1

typedef void (*put_fn)(FILE *, const char *, size_t);

/* What PUT writes for LEN bytes of S (caller frees). */
static char *
capture(put_fn put, const char *s, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	put(fp, s, len);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

struct red_case {
	const char *in;
	size_t len;
	const char *out;
};

static int
redact_on(void **state)
{
	(void)state;
	util_set_redact(1);
	return 0;
}

static int
redact_off(void **state)
{
	(void)state;
	util_set_redact(0);
	return 0;
}

static void
run_text_case(void **state)
{
	const struct red_case *c = *state;
	char *got = capture(util_put_text, c->in, c->len);

	assert_string_equal(got, c->out);
	free(got);
}

static struct red_case r_angle = {LIT("to=<jane.doe@example.com>,"),
    "to=<*@example.com>,"};
static struct red_case r_tag = {LIT("to=<user+tag@example.com>"),
    "to=<*@example.com>"};
static struct red_case r_null = {LIT("from=<> to=<bob@example.org>"),
    "from=<> to=<*@example.org>"};
static struct red_case r_quoted = {LIT("to=<\"john doe\"@example.com>"),
    "to=<*@example.com>"};
static struct red_case r_quoted_at = {LIT("<\"a@b\"@example.com>"),
    "<*@example.com>"};
static struct red_case r_quoted_esc = {LIT("<\"a\\\"b c\"@example.com>"),
    "<*@example.com>"};
static struct red_case r_quoted_unclosed = {LIT("x \"bob@example.com"),
    "x \"*@example.com"};
static struct red_case r_quoted_word = {LIT("said \"hi\" to ann@ex.org"),
    "said \"hi\" to *@ex.org"};
static struct red_case r_start = {LIT("ann@example.com rejected"),
    "*@example.com rejected"};
static struct red_case r_end = {LIT("rejected ann@example.com"),
    "rejected *@example.com"};
static struct red_case r_only = {LIT("ann@example.com"), "*@example.com"};
static struct red_case r_no_domain = {LIT("RCPT from ann@"), "RCPT from *@"};
static struct red_case r_no_at = {LIT("no address here (example.com)"),
    "no address here (example.com)"};
static struct red_case r_lone_at = {LIT("a @ b, @, <@>"), "a @ b, @, <@>"};
static struct red_case r_two = {LIT("from=<a@x.org> to=<b.c@y.net>"),
    "from=<*@x.org> to=<*@y.net>"};
static struct red_case r_exim =
    {LIT("1tEq9X-0001aB-Cd => jane@example.com R=dnslookup T=remote_smtp"),
	"1tEq9X-0001aB-Cd => *@example.com R=dnslookup T=remote_smtp"};
static struct red_case r_exim_auth = {LIT("A=dovecot_plain:jane@example.com"),
    "A=dovecot_plain:*@example.com"};
static struct red_case r_sasl = {LIT("sasl_username=jane@example.com"),
    "sasl_username=*@example.com"};
static struct red_case r_batv_angle =
    {LIT("from=<prvs=0123456789=jane@example.com>"), "from=<*@example.com>"};
static struct red_case r_batv_bare = {LIT("<= prvs=0123456789=jane@ex.com"),
    "<= prvs=*@ex.com"};
static struct red_case r_srs = {LIT("<SRS0=HHH=TT=orig.example=jane@fwd.net>"),
    "<*@fwd.net>"};
static struct red_case r_encoded =
    {LIT("=?utf-8?q?J=C3=B6rg?= <joerg@example.de>"),
	"=?utf-8?q?J=C3=B6rg?= <*@example.de>"};
static struct red_case r_encoded_local = {LIT("<=?utf-8?q?x?=@example.de>"),
    "<*@example.de>"};
static struct red_case r_utf8 = {LIT("to=<j\xc3\xb6rg@example.de>"),
    "to=<*@example.de>"};
static struct red_case r_single_quotes = {LIT("550 'ann@example.com' unknown"),
    "550 '*@example.com' unknown"};
static struct red_case r_apostrophe = {LIT("to=<o'brien@example.ie>"),
    "to=<*@example.ie>"};
static struct red_case r_percent = {LIT("<user%host@relay.example>"),
    "<*@relay.example>"};
static struct red_case r_route = {LIT("<@a.example,@b.example:ann@c.example>"),
    "<@a.example,@b.example:*@c.example>"};
static struct red_case r_double_at = {LIT("a@b@c.example"), "*@*@c.example"};
static struct red_case r_msgid = {LIT("message-id=<20261122.ab12@mail.ex>"),
    "message-id=<*@mail.ex>"};
/* the escaping still applies to what is kept, and the token is literal */
static struct red_case r_escape = {LIT("\x1b[31m<ann@ex.org>\x07"),
    "\\x1b[31m<*@ex.org>\\x07"};
static struct red_case r_ctl_in_local = {LIT("<a\x01"
					     "b@ex.org>"),
    "<a\\x01*@ex.org>"};
static struct red_case r_empty = {LIT(""), ""};
/* LEN bounds the text: the address past it is not read */
static struct red_case r_len_bound = {"ab@x.org", 2, "ab"};

static void
run_json_case(void **state)
{
	const struct red_case *c = *state;
	char *got = capture(util_put_json_text, c->in, c->len);

	assert_string_equal(got, c->out);
	free(got);
}

static struct red_case j_angle = {LIT("to=<ann@example.com>"),
    "\"to=<*@example.com>\""};
static struct red_case j_quoted = {LIT("<\"j d\"@example.com>"),
    "\"<*@example.com>\""};
static struct red_case j_ctl = {LIT("\x1b<ann@ex.org>"),
    "\"\\u001b<*@ex.org>\""};

static void
util_put_json__contents__redacted(void **state)
{
	char *got = capture(util_put_json, LIT("ann@ex.org.log:12"));

	(void)state;
	assert_string_equal(got, "*@ex.org.log:12");
	free(got);
}

static void
util_put_json_str__own_text__never_redacted(void **state)
{
	char *got =
	    capture(util_put_json_str, LIT("write to delist@example.com"));

	(void)state;
	assert_string_equal(got, "\"write to delist@example.com\"");
	free(got);
}

static void
util_put_text__redaction_off__unchanged(void **state)
{
	char *got;

	(void)state;
	util_set_redact(0);
	got = capture(util_put_text, LIT("to=<ann@example.com>"));
	assert_string_equal(got, "to=<ann@example.com>");
	free(got);
}

/* One redact_find() case: the span found from FROM, or none. */
struct find_case {
	const char *s;
	size_t from;
	int found;
	size_t start, end;
};

static void
run_find_case(void **state)
{
	const struct find_case *c = *state;
	size_t start = 99, end = 99;

	assert_int_equal(redact_find(c->s, strlen(c->s), c->from, &start, &end),
	    c->found);
	if (c->found) {
		assert_int_equal(start, c->start);
		assert_int_equal(end, c->end);
	}
}

static struct find_case f_angle = {"<ab@c>", 0, 1, 1, 3};
static struct find_case f_from = {"<ab@c> <de@f>", 3, 1, 8, 10};
static struct find_case f_from_mid = {"abc@d", 2, 1, 2, 3};
static struct find_case f_quoted = {"x \"a b\"@c", 0, 1, 2, 7};
static struct find_case f_none = {"no at sign", 0, 0, 0, 0};
static struct find_case f_null = {"from=<>", 0, 0, 0, 0};
static struct find_case f_key_only = {"helo=@x", 0, 0, 0, 0};
static struct find_case f_key_kept = {"k=v@x", 0, 1, 2, 3};

/* A line of quotes and "@" signs: every span found, and the scan ends. */
static void
redact_find__hostile_quotes__terminates(void **state)
{
	size_t n = 60000, i, from = 0, start, end, found = 0;
	char *s = malloc(n);

	(void)state;
	assert_non_null(s);
	for (i = 0; i < n; i++)
		s[i] = i % 3 == 2 ? '@' : '"';
	while (redact_find(s, n, from, &start, &end)) {
		assert_true(start >= from);
		assert_true(end > start);
		assert_true(s[end] == '@');
		from = end;
		found++;
	}
	/* each '"@' closes the quote opened by the '"' before it */
	assert_true(found > 0);
	free(s);
}

#define TEXT(name, c)                                                          \
	{                                                                      \
#name, run_text_case, redact_on, redact_off, &(c)              \
	}
#define JSON(name, c)                                                          \
	{                                                                      \
#name, run_json_case, redact_on, redact_off, &(c)              \
	}
#define FIND(name, c)                                                          \
	{                                                                      \
#name, run_find_case, NULL, NULL, &(c)                         \
	}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    TEXT(util_put_text__angle_address__local_part_hidden, r_angle),
	    TEXT(util_put_text__user_plus_tag__hidden, r_tag),
	    TEXT(util_put_text__null_sender__kept, r_null),
	    TEXT(util_put_text__quoted_with_blank__hidden, r_quoted),
	    TEXT(util_put_text__quoted_with_at__hidden_whole, r_quoted_at),
	    TEXT(util_put_text__quoted_with_escaped_quote__hidden,
		r_quoted_esc),
	    TEXT(util_put_text__unclosed_quote__unquoted_part_hidden,
		r_quoted_unclosed),
	    TEXT(util_put_text__quoted_word_before__kept, r_quoted_word),
	    TEXT(util_put_text__address_at_line_start__hidden, r_start),
	    TEXT(util_put_text__address_at_line_end__hidden, r_end),
	    TEXT(util_put_text__address_alone__hidden, r_only),
	    TEXT(util_put_text__no_domain__hidden, r_no_domain),
	    TEXT(util_put_text__no_at__unchanged, r_no_at),
	    TEXT(util_put_text__lone_at_signs__unchanged, r_lone_at),
	    TEXT(util_put_text__two_addresses__both_hidden, r_two),
	    TEXT(util_put_text__exim_delivery__hidden, r_exim),
	    TEXT(util_put_text__exim_authenticator__hidden, r_exim_auth),
	    TEXT(util_put_text__sasl_username__key_kept, r_sasl),
	    TEXT(util_put_text__batv_in_angle__hidden_whole, r_batv_angle),
	    TEXT(util_put_text__batv_bare__tag_kept, r_batv_bare),
	    TEXT(util_put_text__srs__hidden_whole, r_srs),
	    TEXT(util_put_text__encoded_word_name__kept, r_encoded),
	    TEXT(util_put_text__encoded_word_local_part__hidden,
		r_encoded_local),
	    TEXT(util_put_text__utf8_local_part__hidden, r_utf8),
	    TEXT(util_put_text__single_quoted_address__quotes_kept,
		r_single_quotes),
	    TEXT(util_put_text__apostrophe_in_local_part__hidden, r_apostrophe),
	    TEXT(util_put_text__percent_hack__hidden, r_percent),
	    TEXT(util_put_text__source_route__last_local_part_hidden, r_route),
	    TEXT(util_put_text__two_at_signs__both_hidden, r_double_at),
	    TEXT(util_put_text__message_id__left_part_hidden, r_msgid),
	    TEXT(util_put_text__controls_around__escaped, r_escape),
	    TEXT(util_put_text__control_in_local_part__escaped_rest_hidden,
		r_ctl_in_local),
	    TEXT(util_put_text__empty__empty, r_empty),
	    TEXT(util_put_text__len_bound__not_read_past, r_len_bound),
	    JSON(util_put_json_text__angle__hidden_and_quoted, j_angle),
	    JSON(util_put_json_text__quoted_local_part__hidden, j_quoted),
	    JSON(util_put_json_text__control__escaped_and_hidden, j_ctl),
	    cmocka_unit_test_setup_teardown(util_put_json__contents__redacted,
		redact_on, redact_off),
	    cmocka_unit_test_setup_teardown(
		util_put_json_str__own_text__never_redacted, redact_on,
		redact_off),
	    cmocka_unit_test(util_put_text__redaction_off__unchanged),
	    FIND(redact_find__angle__span_of_local_part, f_angle),
	    FIND(redact_find__from_past_first__second_span, f_from),
	    FIND(redact_find__from_inside_run__not_before_from, f_from_mid),
	    FIND(redact_find__quoted__span_includes_quotes, f_quoted),
	    FIND(redact_find__no_at__none, f_none),
	    FIND(redact_find__null_sender__none, f_null),
	    FIND(redact_find__key_and_empty_local__none, f_key_only),
	    FIND(redact_find__key_value__value_only, f_key_kept),
	    cmocka_unit_test(redact_find__hostile_quotes__terminates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
