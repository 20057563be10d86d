/*
 * test_report_html.c - the HTML reporter over hand-built aggregates.
 *
 * The format is in the table; the page is a complete, well-formed
 * document (every element closed in order, one <html lang>, a UTF-8
 * charset) that loads nothing from outside and runs no script; it has
 * every section of the text report and three charts, each with a title
 * and a text alternative; log text (domains, hosts, sample lines, input
 * names) with markup, quotes, controls and bad UTF-8 is escaped
 * everywhere, SVG and attributes included, and the page stays valid
 * UTF-8; the time chart keeps its bars bounded over a long span and
 * names the width of a bar; empty input gives notes, not empty charts;
 * report_html_lang() without a catalog.
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

#define T0 ((time_t)1795341600) /* 2026-11-22T10:00:00Z */

/* Add COUNT events of one shape at time T. */
static void
add(struct agg *a, int count, int dir, int code, int ec, int es, int ed,
    const char *domain, const char *host, time_t t)
{
	struct event ev;
	int i;

	memset(&ev, 0, sizeof(ev));
	ev.mta = EVENT_POSTFIX;
	ev.dir = dir;
	ev.code = code;
	ev.enh.cls = ec;
	ev.enh.subject = es;
	ev.enh.detail = ed;
	ev.cls = code ? code / 100 : ec;
	ev.stage = EVENT_STAGE_RCPT;
	ev.sig = -1;
	ev.domain = domain;
	ev.domainlen = domain ? strlen(domain) : 0;
	ev.host = host;
	ev.hostlen = host ? strlen(host) : 0;
	for (i = 0; i < count; i++) {
		agg_event(a, &ev);
		agg_line(a, AGG_EVENT, EVENT_POSTFIX);
		agg_time(a, t);
		agg_hour(a, t, ev.cls);
	}
}

static const char hostile_domain[] =
    "<script>alert(1)</script>\"&'</svg>.example";
static const char hostile_host[] = "mx\"><svg onload=alert(2)>[192.0.2.1]";
static const char hostile_line[] =
    "Nov 22 10:00:01 mail postfix/smtpd[1]: <b>x</b> \x1b[31m \xff\xfe "
    "\0 ]]> </textarea> &amp;";

/* Sent and failed mail over three hours, with hostile names. */
static struct agg *
sample(void)
{
	struct agg *a = agg_new();

	add(a, 10, EVENT_OUT, 250, 2, 0, 0, "example.net", NULL, T0);
	add(a, 4, EVENT_OUT, 550, 5, 1, 1, hostile_domain, hostile_host,
	    T0 + 3600);
	add(a, 3, EVENT_IN, 554, 5, 7, 1, "mail.example", "evil[192.0.2.66]",
	    T0 + 2 * 3600);
	add(a, 2, EVENT_OUT, 0, 4, 4, 1, "down.example", NULL, T0 + 2 * 3600);
	agg_line(a, AGG_NOREPLY, EVENT_POSTFIX);
	agg_line(a, AGG_UNPARSED, EVENT_POSTFIX);
	agg_sample(a, "mail<1>&\".log", 7, hostile_line,
	    sizeof(hostile_line) - 1);
	agg_line(a, AGG_SKIP_OTHER, -1);
	return a;
}

/* The page for A, NUL-terminated; the caller frees it. */
static char *
render(const struct agg *a, size_t *len)
{
	struct report_opts o = {.top = 10,
	    .peers = 5,
	    .color = 0,
	    .ninputs = 1,
	    .sigs = NULL};
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	assert_int_equal(report_html(fp, a, &o), 0);
	assert_int_equal(fclose(fp), 0);
	if (len != NULL)
		*len = n;
	return buf;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* Elements that have no end tag. */
static int
is_void(const char *name, size_t n)
{
	static const char *const v[] = {"meta", "br", "hr", "img", "link",
	    "input"};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (strlen(v[i]) == n && memcmp(v[i], name, n) == 0)
			return 1;
	return 0;
}

/*
 * Check that every element of the page is closed, in order, and that
 * every '<' starts a tag: with all text escaped, the markup is the only
 * place one can be. Fails the test with the first problem.
 */
static void
check_well_formed(const char *html)
{
	const char *stack[64], *p = html, *name;
	size_t len[64], depth = 0, n;
	int closing;

	while ((p = strchr(p, '<')) != NULL) {
		p++;
		if (strncmp(p, "!DOCTYPE html>", 14) == 0)
			continue;
		closing = *p == '/';
		if (closing)
			p++;
		name = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			p++;
		n = (size_t)(p - name);
		if (n == 0)
			fail_msg("a '<' that starts no tag: %.40s", name - 1);
		while (*p != '\0' && *p != '>' && *p != '<')
			p++;
		if (*p != '>')
			fail_msg("unterminated tag <%.*s", (int)n, name);
		if (closing) {
			if (depth == 0 || len[depth - 1] != n ||
			    memcmp(stack[depth - 1], name, n) != 0)
				fail_msg("</%.*s> closes <%.*s>", (int)n, name,
				    depth ? (int)len[depth - 1] : 0,
				    depth ? stack[depth - 1] : "");
			depth--;
		} else if (p[-1] != '/' && !is_void(name, n)) {
			assert_true(depth < 64);
			stack[depth] = name;
			len[depth++] = n;
		}
	}
	if (depth != 0)
		fail_msg("<%.*s> never closed", (int)len[depth - 1],
		    stack[depth - 1]);
}

/* 1 when the N bytes at S are valid UTF-8 without C0/C1 controls
 * other than newline. */
static int
valid_text(const unsigned char *s, size_t n)
{
	size_t i = 0, k, m;

	while (i < n) {
		if (s[i] == '\n' || (s[i] >= 0x20 && s[i] < 0x7f)) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			m = 1;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			m = 2;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			m = 3;
		else
			return 0;
		for (k = 1; k <= m; k++)
			if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
				return 0;
		if (s[i] == 0xc2 && s[i + 1] < 0xa0)
			return 0; /* C1 control */
		i += m + 1;
	}
	return 1;
}

static void
report_find__html__in_table_and_names(void **state)
{
	(void)state;
	assert_ptr_equal(report_find("html")->emit, report_html);
	assert_non_null(strstr(report_names(), "html"));
}

static void
report_html__sample__complete_well_formed_document(void **state)
{
	struct agg *a = sample();
	char *h = render(a, NULL);

	(void)state;
	assert_int_equal(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 32),
	    0);
	assert_non_null(strstr(h, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(h, "<meta name=\"viewport\""));
	assert_non_null(strstr(h, "<title>smtplog report</title>"));
	assert_int_equal(strcmp(h + strlen(h) - 8, "</html>\n"), 0);
	check_well_formed(h);
	free(h);
	agg_free(a);
}

static void
report_html__sample__loads_nothing_runs_nothing(void **state)
{
	struct agg *a = sample();
	char *h = render(a, NULL);

	(void)state;
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<link"));
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "<iframe"));
	assert_null(strstr(h, " src="));
	assert_null(strstr(h, "url("));
	assert_null(strstr(h, "@import"));
	assert_null(strstr(h, "javascript:"));
	/* the SVG namespace is a name, not something fetched */
	assert_int_equal(count(h, "http"),
	    count(h, "http://www.w3.org/2000/svg"));
	free(h);
	agg_free(a);
}

static void
report_html__sample__every_section_of_the_text_report(void **state)
{
	struct agg *a = sample();
	char *h = render(a, NULL);

	(void)state;
	assert_non_null(strstr(h, "<h2>What was read</h2>"));
	assert_non_null(strstr(h, "<td>22 (0 bytes)</td>")); /* lines read */
	assert_non_null(strstr(h, "balanced: lines = events"));
	assert_non_null(strstr(h, "<h2>Replies by class</h2>"));
	assert_non_null(strstr(h, "5xx Permanent Negative Completion"));
	assert_non_null(strstr(h, "<h2>Basic reply codes</h2>"));
	assert_non_null(strstr(h, "<h2>Enhanced status codes</h2>"));
	assert_non_null(strstr(h, "Mailbox unavailable"));
	assert_non_null(strstr(h, "<h2>Top failures</h2>"));
	assert_non_null(strstr(h, "When you see it:"));
	assert_non_null(strstr(h, "How to fix:"));
	assert_non_null(strstr(h, "Domains:"));
	assert_non_null(strstr(h, "Hosts:"));
	assert_non_null(strstr(h, "Unparsed lines (first samples)"));
	assert_non_null(strstr(h, "<h2>Failing destinations</h2>"));
	/* three failures, the most frequent first, and two destinations */
	assert_int_equal(count(h, "<div class=\"fail "), 5);
	assert_true(strstr(h, "1. <span class=\"code c5\">550 5.1.1") <
	    strstr(h, "2. <span class=\"code c5\">554 5.7.1"));
	free(h);
	agg_free(a);
}

static void
report_html__sample__three_charts_with_text_alternatives(void **state)
{
	struct agg *a = sample();
	char *h = render(a, NULL), *p;
	int i;

	(void)state;
	assert_int_equal(count(h, "<svg "), 3);
	assert_int_equal(count(h, "</svg>"), 3);
	p = h;
	for (i = 0; i < 3; i++) {
		p = strstr(p, "<svg ");
		assert_non_null(p);
		/* role, a non-empty label, then a <title> as first child */
		assert_true(strstr(p, "role=\"img\"") < strchr(p, '>'));
		assert_true(strstr(p, "aria-label=\"") < strchr(p, '>'));
		assert_false(
		    strstr(p, "aria-label=\"\"") == strstr(p, "aria-label"));
		assert_int_equal(strncmp(strchr(p, '>'), ">\n<title>", 9), 0);
		p++;
	}
	assert_non_null(strstr(h, "<title>Events over time, by class</title>"));
	assert_non_null(strstr(h, "<title>Most frequent reply codes</title>"));
	assert_non_null(strstr(h, "<title>Failing destinations</title>"));
	/* axis labels, and the three hours of the sample as three bars */
	assert_non_null(strstr(h, "time (UTC), each bar 1 hour"));
	assert_non_null(strstr(h, "number of events (bar length)"));
	assert_non_null(
	    strstr(h, "2026-11-22 10:00 UTC: 10 2xx, 0 4xx, 0 5xx"));
	assert_non_null(strstr(h, "2026-11-22 12:00 UTC: 0 2xx, 2 4xx, 3 5xx"));
	free(h);
	agg_free(a);
}

static void
report_html__hostile_log_text__escaped_everywhere(void **state)
{
	struct agg *a = sample();
	size_t n;
	char *h = render(a, &n);

	(void)state;
	/* nothing from the log became markup */
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<b>x</b>"));
	assert_null(strstr(h, "</textarea"));
	assert_null(strstr(h, "onload=alert(2)>"));
	assert_null(strstr(h, "\"><svg"));
	assert_int_equal(count(h, "</svg>"), 3);
	/* and it is all there, escaped: in the chart label, tooltip and
	 * aria-label, and in the failure's list */
	assert_true(count(h,
			"&lt;script&gt;alert(1)&lt;/script&gt;&quot;"
			"&amp;&#39;&lt;/svg&gt;.example") >= 4);
	assert_true(count(h,
			"mx&quot;&gt;&lt;svg onload=alert(2)&gt;"
			"[192.0.2.1]") >= 1);
	assert_non_null(strstr(h, "mail&lt;1&gt;&amp;&quot;.log:7"));
	assert_non_null(strstr(h,
	    "&lt;b&gt;x&lt;/b&gt; \\x1b[31m \\xff\\xfe "
	    "\\x00 ]]&gt; &lt;/textarea&gt; &amp;amp;"));
	/* no control byte, no NUL, no invalid UTF-8 reached the page */
	assert_int_equal(strlen(h), n);
	assert_true(valid_text((const unsigned char *)h, n));
	check_well_formed(h);
	free(h);
	agg_free(a);
}

static void
report_html__long_span__bars_bounded_and_wider(void **state)
{
	struct agg *a = agg_new();
	char *h, *svg, *end;
	size_t bars;
	int d;

	(void)state;
	/* every hour of 40 days: 960 hours, too many bars for one each */
	for (d = 0; d < 40 * 24; d++)
		add(a, 1, EVENT_OUT, d % 10 ? 250 : 451, 0, 0, 0, "x.example",
		    NULL, T0 + (time_t)d * 3600);
	h = render(a, NULL);
	svg = strstr(h, "<svg ");
	end = strstr(svg, "</svg>");
	*end = '\0';
	bars = count(svg, "<g><title>");
	assert_true(bars >= 40 && bars <= 120);
	assert_non_null(strstr(svg, "time (UTC), each bar 12 hours"));
	/* 8 hours would make 121 bars from 10:00: a bar of 12 hours
	 * holds 12 events, one of them a 451 */
	assert_non_null(
	    strstr(svg, "2026-11-22 12:00 UTC: 11 2xx, 1 4xx, 0 5xx"));
	free(h);
	agg_free(a);
}

static void
report_html__nothing_read__notes_instead_of_charts(void **state)
{
	struct agg *a = agg_new();
	char *h = render(a, NULL);

	(void)state;
	assert_int_equal(count(h, "<svg"), 0);
	assert_non_null(strstr(h, "No event with a time was read."));
	assert_non_null(strstr(h, "No outbound failure names a domain."));
	assert_non_null(strstr(h, "no 4xx or 5xx replies"));
	assert_null(strstr(h, "Unparsed lines"));
	check_well_formed(h);
	free(h);
	agg_free(a);
}

static void
report_html_lang__no_catalog__en_and_bounded(void **state)
{
	char buf[8];

	(void)state;
	report_html_lang(buf, sizeof(buf));
	assert_string_equal(buf, "en");
	report_html_lang(buf, 2);
	assert_string_equal(buf, "e");
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(report_find__html__in_table_and_names),
	    cmocka_unit_test(
		report_html__sample__complete_well_formed_document),
	    cmocka_unit_test(report_html__sample__loads_nothing_runs_nothing),
	    cmocka_unit_test(
		report_html__sample__every_section_of_the_text_report),
	    cmocka_unit_test(
		report_html__sample__three_charts_with_text_alternatives),
	    cmocka_unit_test(report_html__hostile_log_text__escaped_everywhere),
	    cmocka_unit_test(report_html__long_span__bars_bounded_and_wider),
	    cmocka_unit_test(
		report_html__nothing_read__notes_instead_of_charts),
	    cmocka_unit_test(report_html_lang__no_catalog__en_and_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
