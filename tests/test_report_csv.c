/*
 * test_report_csv.c - the CSV reporter: field quoting and escaping of
 * hostile values (separators, quotes, line breaks, escape sequences,
 * invalid UTF-8, spreadsheet formulas), the exact table of a hand-built
 * aggregate, signatures, the overflow row, and a failed write.
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
#include <unistd.h>

#include "agg.h"
#include "report.h"

/* One field as report_csv_field() writes it, in a string to free. */
static char *
field(const char *s, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	report_csv_field(fp, s, len);
	fclose(fp);
	return buf;
}

static void
assert_field(const char *in, size_t len, const char *want)
{
	char *got = field(in, len);

	assert_string_equal(got, want);
	free(got);
}

/* IN is a string literal, NUL bytes and all. */
#define FIELD_IS(in, want) assert_field(in, sizeof(in) - 1, want)

static void
report_csv_field__plain__unquoted(void **state)
{
	(void)state;
	FIELD_IS("outbound", "outbound");
	FIELD_IS("5.1.1", "5.1.1");
	FIELD_IS("", "");
	FIELD_IS("caf\xc3\xa9", "caf\xc3\xa9"); /* valid UTF-8 */
}

static void
report_csv_field__comma_and_quote__quoted_and_doubled(void **state)
{
	(void)state;
	FIELD_IS("a,b", "\"a,b\"");
	FIELD_IS("say \"hi\"", "\"say \"\"hi\"\"\"");
	FIELD_IS("\"", "\"\"\"\"");
	FIELD_IS("x\"", "\"x\"\"\"");
}

static void
report_csv_field__formula_start__defused(void **state)
{
	(void)state;
	FIELD_IS("=HYPERLINK(\"http://x\")",
	    "\"'=HYPERLINK(\"\"http://x\"\")\"");
	FIELD_IS("+1+1", "\"'+1+1\"");
	FIELD_IS("-2+3", "\"'-2+3\"");
	FIELD_IS("@SUM(A1)", "\"'@SUM(A1)\"");
	FIELD_IS("=cmd|' /C calc'!A0,x", "\"'=cmd|' /C calc'!A0,x\"");
	/* only at the start does a spreadsheet read a formula */
	FIELD_IS("a=b", "a=b");
	FIELD_IS("user@example.org", "user@example.org");
}

static void
report_csv_field__control_bytes__escaped_never_raw(void **state)
{
	char *s;

	(void)state;
	/* a line break inside a field would start a new record */
	FIELD_IS("a\r\nb", "a\\x0d\\x0ab");
	FIELD_IS("evil\033[31m", "evil\\x1b[31m");
	FIELD_IS("\tx", "\\x09x"); /* a leading tab starts nothing */
	FIELD_IS("bad\xff\xfe", "bad\\xff\\xfe");
	FIELD_IS("nul\0x", "nul\\x00x");
	FIELD_IS("back\\slash", "back\\\\slash");
	/* C1 controls are valid UTF-8 but act on terminals */
	FIELD_IS("\xc2\x9b"
		 "31m",
	    "\\xc2\\x9b31m");
	/* escaped, then quoted: the escapes stay inside the quotes */
	FIELD_IS("=\033,\"\n", "\"'=\\x1b,\"\"\\x0a\"");
	s = field("\033\n\r", 3);
	assert_null(strpbrk(s, "\033\n\r"));
	free(s);
}

/* Run the reporter into a string the caller frees. */
static char *
render(const struct agg *a, const struct sig_set *sigs)
{
	struct report_opts o = {.top = 10,
	    .peers = 5,
	    .color = 0,
	    .ninputs = 1,
	    .sigs = sigs};
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	assert_int_equal(report_csv(fp, a, &o), 0);
	fclose(fp);
	return buf;
}

/* Add COUNT events of one shape. */
static void
add(struct agg *a, int count, int mta, int dir, int code, int ec, int es,
    int ed, int stage, int sig, int inferred)
{
	struct event ev;
	int i;

	memset(&ev, 0, sizeof(ev));
	ev.mta = mta;
	ev.dir = dir;
	ev.code = code;
	ev.enh.cls = ec;
	ev.enh.subject = es;
	ev.enh.detail = ed;
	ev.cls = code ? code / 100 : ec;
	ev.stage = stage;
	ev.sig = sig;
	ev.inferred = inferred;
	ev.domain = "example.org";
	ev.domainlen = strlen(ev.domain);
	for (i = 0; i < count; i++)
		agg_event(a, &ev);
}

static void
report_csv__sample__exact_table(void **state)
{
	struct agg *a = agg_new();
	char *s;

	(void)state;
	add(a, 10, EVENT_POSTFIX, EVENT_OUT, 250, 2, 0, 0, EVENT_STAGE_EOM, -1,
	    0);
	add(a, 4, EVENT_POSTFIX, EVENT_OUT, 550, 5, 1, 1, EVENT_STAGE_RCPT, -1,
	    0);
	add(a, 1, EVENT_POSTFIX, EVENT_OUT, 550, 5, 1, 1, EVENT_STAGE_DATA, -1,
	    0);
	add(a, 2, EVENT_EXIM, EVENT_OUT, 550, 5, 1, 1, EVENT_STAGE_RCPT, -1, 0);
	add(a, 3, EVENT_POSTFIX, EVENT_IN, 554, 5, 7, 1, EVENT_STAGE_RCPT, -1,
	    0);
	add(a, 2, EVENT_SENDMAIL, EVENT_OUT, 0, 4, 4, 1, EVENT_STAGE_NONE, -1,
	    2);
	s = render(a, NULL);
	assert_string_equal(s,
	    "direction,mta,class,code,enhanced,stage,signature,count,"
	    "inferred,domain\n"
	    "inbound,postfix,5xx,554,5.7.1,RCPT,,3,0,\n"
	    "outbound,postfix,2xx,250,2.0.0,END-OF-DATA,,10,0,\n"
	    "outbound,postfix,5xx,550,5.1.1,RCPT,,4,0,\n"
	    "outbound,postfix,5xx,550,5.1.1,DATA,,1,0,\n"
	    "outbound,exim,5xx,550,5.1.1,RCPT,,2,0,\n"
	    "outbound,sendmail,4xx,,4.4.1,,,2,2,\n"
	    /* then the failing destinations, one row per failure */
	    "outbound,,5xx,550,5.1.1,,,7,,example.org\n"
	    "outbound,,4xx,,4.4.1,,,2,,example.org\n");
	free(s);
	agg_free(a);
}

static void
report_csv__empty__header_only(void **state)
{
	struct agg *a = agg_new();
	char *s = render(a, NULL);

	(void)state;
	assert_string_equal(s,
	    "direction,mta,class,code,enhanced,stage,"
	    "signature,count,inferred,domain\n");
	free(s);
	agg_free(a);
}

/* The signature column holds the id of the signature the cell matched. */
static void
report_csv__signature__id_in_its_column(void **state)
{
	static const char text[] = "[yahoo-test]\nprovider = Yahoo\n"
				   "match = \\[TSS04\\]\ntitle = t\n"
				   "explanation = e\nadvice = a\n";
	struct sig_set *sigs = sig_new();
	struct agg *a = agg_new();
	char path[] = "/tmp/smtplog-sig-XXXXXX", err[256], *s;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1),
	    (ssize_t)(sizeof(text) - 1));
	close(fd);
	assert_int_equal(sig_load_file(sigs, path, err, sizeof(err)), 0);
	unlink(path);
	add(a, 3, EVENT_POSTFIX, EVENT_OUT, 421, 4, 7, 0, EVENT_STAGE_RCPT, 0,
	    0);
	add(a, 1, EVENT_POSTFIX, EVENT_OUT, 421, 4, 7, 0, EVENT_STAGE_RCPT, -1,
	    0);
	s = render(a, sigs);
	assert_non_null(strstr(s,
	    "\noutbound,postfix,4xx,421,4.7.0,RCPT,,1,0,\n"
	    "outbound,postfix,4xx,421,4.7.0,RCPT,yahoo-test,3,0,\n"));
	free(s);
	/* without the set, an index means nothing: the column stays empty */
	s = render(a, NULL);
	assert_non_null(
	    strstr(s, "outbound,postfix,4xx,421,4.7.0,RCPT,,3,0,\n"));
	free(s);
	agg_free(a);
	sig_free(sigs);
}

/* Past the cell cap, the overflow row says "other" in its code columns. */
static void
report_csv__past_cap__other_row(void **state)
{
	struct agg *a = agg_new();
	char *s, want[80];
	int i;

	(void)state;
	for (i = 0; i < AGG_MAX_CELLS + 5; i++)
		add(a, 1, EVENT_EXIM, EVENT_IN, 550, 5, i / 1000, i % 1000,
		    EVENT_STAGE_RCPT, -1, 0);
	s = render(a, NULL);
	/* which cells fold is up to the sampling hash; how many is counted */
	assert_true(agg_counts_const(a)->other_cells >= 5);
	snprintf(want, sizeof(want),
	    "\ninbound,exim,5xx,other,other,,,%llu,0,\n",
	    (unsigned long long)agg_counts_const(a)->other_cells);
	assert_non_null(strstr(s, want));
	free(s);
	agg_free(a);
}

static void
report_csv__write_fails__returns_error(void **state)
{
	struct report_opts o = {.top = 10,
	    .peers = 5,
	    .color = 0,
	    .ninputs = 1,
	    .sigs = NULL};
	struct agg *a = agg_new();
	FILE *fp = fopen("/dev/null", "r");

	(void)state;
	assert_non_null(fp);
	add(a, 1, EVENT_POSTFIX, EVENT_OUT, 250, 2, 0, 0, EVENT_STAGE_EOM, -1,
	    0);
	assert_int_equal(report_csv(fp, a, &o), -1);
	fclose(fp);
	agg_free(a);
}

static void
report_find__csv__table_lookup(void **state)
{
	(void)state;
	assert_ptr_equal(report_find("csv")->emit, report_csv);
	assert_null(report_find("CSV"));
	assert_non_null(strstr(report_names(), "csv"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(report_csv_field__plain__unquoted),
	    cmocka_unit_test(
		report_csv_field__comma_and_quote__quoted_and_doubled),
	    cmocka_unit_test(report_csv_field__formula_start__defused),
	    cmocka_unit_test(
		report_csv_field__control_bytes__escaped_never_raw),
	    cmocka_unit_test(report_csv__sample__exact_table),
	    cmocka_unit_test(report_csv__empty__header_only),
	    cmocka_unit_test(report_csv__signature__id_in_its_column),
	    cmocka_unit_test(report_csv__past_cap__other_row),
	    cmocka_unit_test(report_csv__write_fails__returns_error),
	    cmocka_unit_test(report_find__csv__table_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
