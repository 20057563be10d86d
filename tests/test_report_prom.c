/*
 * test_report_prom.c - the Prometheus reporter: label value escaping of
 * hostile bytes, the series of a hand-built aggregate (cells of one
 * series summed across stages and signatures), the line accounting, the
 * shape rules of the text format (HELP and TYPE once before a family's
 * samples, families contiguous, no duplicate series), the overflow row,
 * an empty run and a failed write.
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

/* One label value as report_prom_label() writes it, in a string to free. */
static char *
label(const char *s, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	report_prom_label(fp, s, len);
	fclose(fp);
	return buf;
}

static void
assert_label(const char *in, size_t len, const char *want)
{
	char *got = label(in, len);

	assert_string_equal(got, want);
	free(got);
}

/* IN is a string literal, NUL bytes and all. */
#define LABEL_IS(in, want) assert_label(in, sizeof(in) - 1, want)

/* What the format allows between a label value's quotes: no raw quote or
 * newline, and a backslash only before \, " or n. */
static int
valid_value(const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\n')
			return 0;
		if (*s == '\\') {
			s++;
			if (*s != '\\' && *s != '"' && *s != 'n')
				return 0;
		}
	}
	return 1;
}

static void
report_prom_label__plain__unchanged(void **state)
{
	(void)state;
	LABEL_IS("outbound", "outbound");
	LABEL_IS("5.1.1", "5.1.1");
	LABEL_IS("", "");
	LABEL_IS("\xd0\xbf\xd0\xbe\xd1\x87\xd1\x82\xd0\xb0",
	    "\xd0\xbf\xd0\xbe\xd1\x87\xd1\x82\xd0\xb0");
}

static void
report_prom_label__quote_backslash_newline__escaped(void **state)
{
	(void)state;
	LABEL_IS("say \"hi\"", "say \\\"hi\\\"");
	/* a backslash is "\\" in the text rendering: both escaped */
	LABEL_IS("a\\b", "a\\\\\\\\b");
	/* a newline is rendered \x0a: never a raw line break */
	LABEL_IS("a\nb", "a\\\\x0ab");
	LABEL_IS("\"}\n evil_total 1e9\n",
	    "\\\"}\\\\x0a evil_total 1e9\\\\x0a");
}

static void
report_prom_label__control_and_bad_utf8__rendered_as_text(void **state)
{
	(void)state;
	LABEL_IS("evil\033]0;owned\007", "evil\\\\x1b]0;owned\\\\x07");
	LABEL_IS("bad\xff", "bad\\\\xff");
	LABEL_IS("nul\0", "nul\\\\x00");
	LABEL_IS("\xc2\x9b"
		 "1m",
	    "\\\\xc2\\\\x9b1m");                           /* C1 CSI */
	LABEL_IS("\xed\xa0\x80", "\\\\xed\\\\xa0\\\\x80"); /* a surrogate */
}

/* Every byte alone, and after a backslash, gives a value that parses. */
static void
report_prom_label__every_byte__valid_value(void **state)
{
	char in[2], *out;
	int b;

	(void)state;
	for (b = 0; b < 256; b++) {
		in[0] = (char)b;
		out = label(in, 1);
		assert_true(valid_value(out));
		free(out);
		in[0] = '\\';
		in[1] = (char)b;
		out = label(in, 2);
		assert_true(valid_value(out));
		free(out);
	}
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
	for (i = 0; i < count; i++) {
		agg_event(a, &ev);
		agg_line(a, AGG_EVENT, mta);
	}
}

/* Occurrences of NEEDLE in S. */
static int
count(const char *s, const char *needle)
{
	int n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* Run the reporter into a string the caller frees. */
static char *
render(const struct agg *a)
{
	struct report_opts o = {.top = 10,
	    .peers = 5,
	    .color = 0,
	    .ninputs = 2,
	    .sigs = NULL};
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	assert_int_equal(report_prom(fp, a, &o), 0);
	fclose(fp);
	return buf;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rules of the text format a scraper enforces, checked line by line:
 * a family's HELP and TYPE come once, before its samples; its samples are
 * contiguous; no series appears twice. */
static void
assert_well_formed(const char *text)
{
	char *copy = strdup(text), *line, *save = NULL, **series = NULL;
	static char seen[64][64];
	char fam[64] = "";
	size_t nseen = 0, nseries = 0, i;

	assert_non_null(copy);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t len;

		if (strncmp(line, "# HELP ", 7) == 0) {
			len = strcspn(line + 7, " ");
			assert_true(len > 0 && len < sizeof(fam));
			memcpy(fam, line + 7, len);
			fam[len] = '\0';
			for (i = 0; i < nseen; i++)
				assert_string_not_equal(seen[i], fam);
			assert_true(nseen < 64);
			strcpy(seen[nseen++], fam);
			continue;
		}
		if (strncmp(line, "# TYPE ", 7) == 0) {
			assert_int_equal(strncmp(line + 7, fam, strlen(fam)),
			    0);
			assert_int_equal(line[7 + strlen(fam)], ' ');
			continue;
		}
		/* a sample: of the family just declared */
		len = strcspn(line, "{ ");
		assert_int_equal(len, strlen(fam));
		assert_int_equal(strncmp(line, fam, len), 0);
		series = realloc(series, (nseries + 1) * sizeof(*series));
		assert_non_null(series);
		series[nseries++] = strndup(line, strcspn(line, " "));
	}
	qsort(series, nseries, sizeof(*series), cmp_str);
	for (i = 0; i < nseries; i++) {
		if (i > 0)
			assert_string_not_equal(series[i - 1], series[i]);
	}
	for (i = 0; i < nseries; i++)
		free(series[i]);
	free(series);
	free(copy);
}

static void
report_prom__sample__series_summed_and_accounted(void **state)
{
	struct agg *a = agg_new();
	char *s;

	(void)state;
	add(a, 10, EVENT_POSTFIX, EVENT_OUT, 250, 2, 0, 0, EVENT_STAGE_EOM, -1,
	    0);
	/* one series from three cells: two stages, two signatures */
	add(a, 4, EVENT_POSTFIX, EVENT_OUT, 550, 5, 1, 1, EVENT_STAGE_RCPT, -1,
	    0);
	add(a, 1, EVENT_POSTFIX, EVENT_OUT, 550, 5, 1, 1, EVENT_STAGE_DATA, -1,
	    1);
	add(a, 2, EVENT_POSTFIX, EVENT_OUT, 550, 5, 1, 1, EVENT_STAGE_RCPT, 3,
	    0);
	add(a, 3, EVENT_EXIM, EVENT_IN, 554, 5, 7, 1, EVENT_STAGE_RCPT, -1, 0);
	add(a, 2, EVENT_SENDMAIL, EVENT_OUT, 0, 4, 4, 1, EVENT_STAGE_NONE, -1,
	    2);
	agg_line(a, AGG_NOREPLY, EVENT_POSTFIX);
	agg_line(a, AGG_UNPARSED, EVENT_EXIM);
	agg_line(a, AGG_SKIP_OTHER, -1);
	agg_line(a, AGG_SKIP_NOHDR, -1);
	agg_line(a, AGG_SKIP_NOHDR, -1);
	agg_line(a, AGG_SKIP_MARKER, -1);
	agg_counts(a)->bytes = 4096;
	agg_time(a, 1795373725);
	agg_time(a, 1795373743);
	s = render(a);
	assert_well_formed(s);
	assert_non_null(strstr(s,
	    "# TYPE smtplog_replies_total counter\n"
	    "smtplog_replies_total{direction=\"inbound\","
	    "mta=\"exim\",class=\"5xx\",code=\"554\","
	    "enhanced=\"5.7.1\"} 3\n"));
	assert_non_null(strstr(s,
	    "smtplog_replies_total{direction="
	    "\"outbound\",mta=\"postfix\",class=\"5xx\","
	    "code=\"550\",enhanced=\"5.1.1\"} 7\n"));
	assert_non_null(strstr(s,
	    "smtplog_replies_inferred_total{direction="
	    "\"outbound\",mta=\"postfix\",class=\"5xx\","
	    "code=\"550\",enhanced=\"5.1.1\"} 1\n"));
	/* no basic code: an empty label value */
	assert_non_null(strstr(s,
	    "smtplog_replies_total{direction="
	    "\"outbound\",mta=\"sendmail\",class=\"4xx\","
	    "code=\"\",enhanced=\"4.4.1\"} 2\n"));
	assert_non_null(strstr(s,
	    "smtplog_replies_inferred_total{direction="
	    "\"outbound\",mta=\"sendmail\",class=\"4xx\","
	    "code=\"\",enhanced=\"4.4.1\"} 2\n"));
	/* the kinds add up to every line: 22 + 1 + 1 + 1 + 2 + 1 + 0 = 28 */
	assert_non_null(strstr(s,
	    "# TYPE smtplog_lines_total counter\n"
	    "smtplog_lines_total{kind=\"event\"} 22\n"
	    "smtplog_lines_total{kind=\"noreply\"} 1\n"
	    "smtplog_lines_total{kind=\"unparsed\"} 1\n"
	    "smtplog_lines_total{kind=\"other_program\"}"
	    " 1\n"
	    "smtplog_lines_total{kind=\"no_header\"} 2\n"
	    "smtplog_lines_total{kind=\"journal_marker\"}"
	    " 1\n"
	    "smtplog_lines_total{kind=\"outside_window\"} 0\n"
	    "smtplog_lines_total{kind=\"no_time\"} 0\n"
	    "smtplog_lines_total{kind=\"overlong\"} 0\n"));
	assert_int_equal(agg_counts(a)->lines, 28);
	assert_non_null(strstr(s, "\nsmtplog_bytes_total 4096\n"));
	assert_non_null(strstr(s, "\nsmtplog_inputs 2\n"));
	assert_non_null(
	    strstr(s, "\nsmtplog_mail_lines_total{mta=\"exim\"} 4\n"));
	assert_non_null(strstr(s,
	    "\nsmtplog_build_info{version=\"" PACKAGE_VERSION "\"} 1\n"));
	assert_non_null(strstr(s, "\nsmtplog_folded_events_total 0\n"));
	assert_non_null(
	    strstr(s, "\nsmtplog_log_first_timestamp_seconds 1795373725\n"));
	assert_non_null(
	    strstr(s, "\nsmtplog_log_last_timestamp_seconds 1795373743\n"));
	/* 4 series, each with a count and an inferred count */
	assert_int_equal(count(s, "\nsmtplog_replies_total{"), 4);
	assert_int_equal(count(s, "\nsmtplog_replies_inferred_total{"), 4);
	free(s);
	agg_free(a);
}

static void
report_prom__empty__families_without_time(void **state)
{
	struct agg *a = agg_new();
	char *s = render(a);

	(void)state;
	assert_well_formed(s);
	assert_non_null(strstr(s,
	    "# TYPE smtplog_replies_total counter\n"
	    "# HELP smtplog_replies_inferred_total "));
	assert_non_null(strstr(s, "smtplog_lines_total{kind=\"event\"} 0\n"));
	assert_null(strstr(s, "timestamp_seconds"));
	assert_int_equal(s[strlen(s) - 1], '\n');
	free(s);
	agg_free(a);
}

/* Past the cell cap, the overflow row is its own series, code "other". */
static void
report_prom__past_cap__other_series(void **state)
{
	struct agg *a = agg_new();
	struct event ev;
	char *s, want[160];
	int i;

	(void)state;
	/* a failure without any code, in the table before the cap: it must
	 * stay apart from the overflow row, whose codes are zero too */
	memset(&ev, 0, sizeof(ev));
	ev.mta = EVENT_EXIM;
	ev.dir = EVENT_IN;
	ev.cls = 5;
	ev.sig = -1;
	agg_event(a, &ev);
	agg_event(a, &ev);
	/* 20005 more keys: past the cap a sample folds */
	for (i = 0; i < AGG_MAX_CELLS + 5; i++)
		add(a, 1, EVENT_EXIM, EVENT_IN, 550, 5, i / 1000, i % 1000,
		    EVENT_STAGE_RCPT, -1, 0);
	s = render(a);
	assert_well_formed(s);
	assert_true(agg_counts_const(a)->other_cells >= 6);
	snprintf(want, sizeof(want),
	    "smtplog_replies_total{direction=\"inbound\","
	    "mta=\"exim\",class=\"5xx\",code=\"other\","
	    "enhanced=\"other\"} %llu\n",
	    (unsigned long long)agg_counts_const(a)->other_cells);
	assert_non_null(strstr(s, want));
	/* the codeless cell, when the sample kept it, is a series apart */
	{
		struct agg_cell *c;
		size_t nc, k;
		int kept = 0;

		c = agg_cells(a, &nc);
		for (k = 0; k < nc; k++)
			if (!c[k].other && c[k].code == 0 && c[k].enh.cls == 0)
				kept = 1;
		free(c);
		if (kept)
			assert_non_null(strstr(s,
			    "smtplog_replies_total{direction=\"inbound\","
			    "mta=\"exim\",class=\"5xx\",code=\"\","
			    "enhanced=\"\"} 2\n"));
	}
	snprintf(want, sizeof(want), "\nsmtplog_folded_events_total %llu\n",
	    (unsigned long long)agg_counts_const(a)->other_cells);
	assert_non_null(strstr(s, want));
	free(s);
	agg_free(a);
}

static void
report_prom__write_fails__returns_error(void **state)
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
	assert_int_equal(report_prom(fp, a, &o), -1);
	fclose(fp);
	agg_free(a);
}

static void
report_find__prometheus__table_lookup(void **state)
{
	(void)state;
	assert_ptr_equal(report_find("prometheus")->emit, report_prom);
	assert_null(report_find("prom"));
	assert_string_equal(report_names(),
	    "text, json, html, csv, prometheus");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(report_prom_label__plain__unchanged),
	    cmocka_unit_test(
		report_prom_label__quote_backslash_newline__escaped),
	    cmocka_unit_test(
		report_prom_label__control_and_bad_utf8__rendered_as_text),
	    cmocka_unit_test(report_prom_label__every_byte__valid_value),
	    cmocka_unit_test(report_prom__sample__series_summed_and_accounted),
	    cmocka_unit_test(report_prom__empty__families_without_time),
	    cmocka_unit_test(report_prom__past_cap__other_series),
	    cmocka_unit_test(report_prom__write_fails__returns_error),
	    cmocka_unit_test(report_find__prometheus__table_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
