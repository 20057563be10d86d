/*
 * test_report.c - the text and JSON reporters over a hand-built
 * aggregate: the format table, summed views, the sections and keys each
 * report must have, the time window stated and its lines accounted,
 * top-failure order and advice, and escaping of text that came from a
 * log; the JSON "cells" and "peers" tables, the hex twin
 * of bytes JSON cannot carry, and the one-line (compact) JSON.
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
#include "run.h"

/* Add COUNT events of one shape. */
static void
add(struct agg *a, int count, int mta, int dir, int code, int ec, int es,
    int ed, const char *domain, const char *host)
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
	ev.stage = EVENT_STAGE_RCPT;
	ev.domain = domain;
	ev.domainlen = domain ? strlen(domain) : 0;
	ev.host = host;
	ev.hostlen = host ? strlen(host) : 0;
	for (i = 0; i < count; i++) {
		agg_event(a, &ev);
		agg_line(a, AGG_EVENT, mta);
	}
}

/* A small aggregate: 10 sent, 6 outbound 550 5.1.1, 3 inbound 554 5.7.1,
 * 2 deferrals without a basic code, one line of every other kind. */
static struct agg *
sample(void)
{
	struct agg *a = agg_new();

	add(a, 10, EVENT_POSTFIX, EVENT_OUT, 250, 2, 0, 0, "example.net", NULL);
	add(a, 4, EVENT_POSTFIX, EVENT_OUT, 550, 5, 1, 1, "Example.ORG",
	    "mx.example.org[192.0.2.1]");
	add(a, 2, EVENT_EXIM, EVENT_OUT, 550, 5, 1, 1, "example.org", NULL);
	add(a, 3, EVENT_POSTFIX, EVENT_IN, 554, 5, 7, 1, "mail.example",
	    "evil\033[31m[192.0.2.66]");
	add(a, 2, EVENT_SENDMAIL, EVENT_OUT, 0, 4, 4, 1, "down.example", NULL);
	agg_line(a, AGG_NOREPLY, EVENT_POSTFIX);
	agg_line(a, AGG_UNPARSED, EVENT_POSTFIX);
	agg_sample(a, "mail.log", 7, "odd \033 line", 10);
	agg_line(a, AGG_SKIP_OTHER, -1);
	agg_line(a, AGG_SKIP_NOHDR, -1);
	agg_line(a, AGG_SKIP_MARKER, -1);
	return a;
}

/* Run a reporter into a string the caller frees. */
static char *
render(int (*emit)(FILE *, const struct agg *, const struct report_opts *),
    const struct agg *a, size_t top)
{
	struct report_opts o = {.top = top, .peers = 5, .ninputs = 2};
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	assert_int_equal(emit(fp, a, &o), 0);
	fclose(fp);
	return buf;
}

static void
report_find__known_and_unknown__table_lookup(void **state)
{
	assert_ptr_equal(report_find("text")->emit, report_text);
	assert_ptr_equal(report_find("json")->emit, report_json);
	assert_null(report_find("yaml"));
	assert_null(report_find(""));
}

static void
report_rows__by_code__sums_across_mta_and_direction(void **state)
{
	struct agg *a = sample();
	struct agg_cell *cells;
	struct report_row *rows;
	size_t nc, nr;

	cells = agg_cells(a, &nc);
	rows = report_rows(cells, nc, REPORT_BY_CODE, &nr);
	/* 250, 550, 554; the deferrals have no basic code */
	assert_int_equal(nr, 3);
	assert_int_equal(rows[1].code, 550);
	assert_int_equal(rows[1].total, 6);
	assert_int_equal(rows[1].dir[EVENT_OUT], 6);
	assert_int_equal(rows[1].mta[EVENT_POSTFIX], 4);
	assert_int_equal(rows[1].mta[EVENT_EXIM], 2);
	free(rows);
	rows = report_rows(cells, nc, REPORT_BY_CLASS, &nr);
	assert_int_equal(nr, 3);
	assert_int_equal(rows[0].cls, 2);
	assert_int_equal(rows[1].cls, 4);
	assert_int_equal(rows[1].total, 2);
	assert_int_equal(rows[2].total, 9);
	free(rows);
	rows = report_rows(cells, nc, REPORT_BY_ENH, &nr);
	assert_int_equal(nr, 4); /* 2.0.0 4.4.1 5.1.1 5.7.1 */
	assert_int_equal(rows[1].enh.cls, 4);
	assert_int_equal(rows[1].enh.subject, 4);
	free(rows);
	free(cells);
	agg_free(a);
}

static void
report_text__sample__has_every_section(void **state)
{
	struct agg *a = sample();
	char *s = render(report_text, a, 10);

	assert_non_null(strstr(s, "smtplog report"));
	assert_non_null(strstr(s, "  lines read          26 (0 bytes)"));
	assert_non_null(strstr(s, "  events              21"));
	assert_non_null(strstr(s, "  unparsed            1"));
	assert_non_null(strstr(s,
	    "  skipped             3  (other programs 1,"
	    " no header 1, journal markers 1)"));
	assert_non_null(strstr(s, "Replies by class"));
	assert_non_null(strstr(s, "5xx Permanent Negative Completion"));
	assert_non_null(strstr(s, "Basic reply codes"));
	assert_non_null(strstr(s, "Enhanced status codes"));
	assert_non_null(strstr(s, "Top failures"));
	assert_non_null(strstr(s, "Unparsed lines (first samples)"));
	/* the most frequent failure first, with its advice and peers */
	assert_non_null(strstr(s,
	    "  1. 550 5.1.1  outbound, 6 events, "
	    "postfix 4, exim 2, at RCPT\n"));
	assert_non_null(strstr(s, "  2. 554 5.7.1  inbound, 3 events"));
	assert_non_null(strstr(s, "  3. 4.4.1  outbound, 2 events"));
	assert_non_null(strstr(s, "How to fix:"));
	assert_non_null(strstr(s, "Domains: example.org (6)"));
	free(s);
	agg_free(a);
}

static void
report_text__log_text__escaped(void **state)
{
	struct agg *a = sample();
	char *s = render(report_text, a, 10);

	assert_null(strchr(s, '\033'));
	assert_non_null(strstr(s, "evil\\x1b[31m[192.0.2.66] (3)"));
	assert_non_null(strstr(s, "mail.log:7: odd \\x1b line"));
	free(s);
	agg_free(a);
}

static void
report_text__top_limit__respected(void **state)
{
	struct agg *a = sample();
	char *s = render(report_text, a, 1);

	assert_non_null(strstr(s, "  1. 550 5.1.1"));
	assert_null(strstr(s, "  2. "));
	free(s);
	agg_free(a);
}

static void
report_json__sample__schema_keys_and_values(void **state)
{
	struct agg *a = sample();
	char *s = render(report_json, a, 10);

	assert_non_null(strstr(s, "\"schema\": 1,"));
	assert_non_null(strstr(s, "\"lines\": 26,"));
	assert_non_null(strstr(s, "\"events\": 21,"));
	assert_non_null(strstr(s, "\"noreply\": 1,"));
	assert_non_null(strstr(s, "\"unparsed\": 1,"));
	assert_non_null(strstr(s, "\"skipped\": 3,"));
	assert_non_null(strstr(s,
	    "\"accounting\": {\"lines\": 26, \"sum\": 26, "
	    "\"balanced\": true}"));
	assert_non_null(
	    strstr(s, "\"by_class\": {\"2\": 10, \"4\": 2, \"5\": 9}"));
	assert_non_null(strstr(s,
	    "\"by_code\": {\"250\": 10, \"550\": 6, "
	    "\"554\": 3}"));
	assert_non_null(strstr(s,
	    "\"by_enhanced\": {\"2.0.0\": 10, \"4.4.1\": 2,"
	    " \"5.1.1\": 6, \"5.7.1\": 3}"));
	assert_non_null(strstr(s, "\"inbound\": {\n    \"events\": 3,"));
	assert_non_null(strstr(s, "\"outbound\": {\n    \"events\": 18,"));
	assert_non_null(strstr(s, "\"no_code\": 2,"));
	assert_non_null(strstr(s,
	    "{\"direction\": \"outbound\", \"class\": 5, "
	    "\"code\": \"550\", \"enhanced\": \"5.1.1\", \"count\": 6"));
	assert_non_null(strstr(s, "\"code\": null, \"enhanced\": \"4.4.1\""));
	assert_non_null(strstr(s, "\"advice\": \""));
	assert_non_null(strstr(s,
	    "\"domains\": [{\"name\": \"example.org\", "
	    "\"count\": 6}]"));
	/* log bytes are escaped as JSON, never raw */
	assert_null(strchr(s, '\033'));
	assert_non_null(strstr(s, "evil\\u001b[31m[192.0.2.66]"));
	free(s);
	agg_free(a);
}

/* A window: both reports state it and count the lines outside it. */
static void
report_text_json__window__stated_and_accounted(void **state)
{
	struct run_window w = {1795219200, 1795305600, 1, 1};
	struct report_opts o = {.top = 10, .peers = 5, .ninputs = 1, .win = &w};
	struct agg *a = sample();
	char *s = NULL;
	size_t n = 0;
	FILE *fp;

	(void)state;
	agg_line(a, AGG_SKIP_WINDOW, -1);
	agg_line(a, AGG_SKIP_WINDOW, -1);
	agg_line(a, AGG_SKIP_NOTIME, -1);
	fp = open_memstream(&s, &n);
	assert_int_equal(report_text(fp, a, &o), 0);
	fclose(fp);
	assert_non_null(strstr(s,
	    "  time window         2026-11-21 00:00:00 +0000 to "
	    "2026-11-22 00:00:00 +0000\n"));
	assert_non_null(strstr(s, "  skipped             6  (other programs"));
	assert_non_null(strstr(s, "    outside window    2  "));
	assert_non_null(strstr(s, "    no usable time    1  "));
	free(s);
	s = NULL;
	w.has_since = 0;
	fp = open_memstream(&s, &n);
	assert_int_equal(report_json(fp, a, &o), 0);
	fclose(fp);
	assert_non_null(strstr(s,
	    "\"window\": {\"since\": null, \"until\": "
	    "\"2026-11-22T00:00:00Z\"},"));
	assert_non_null(strstr(s, "\"skipped\": 6,"));
	assert_non_null(strstr(s, "\"outside_window\": 2, \"no_time\": 1}"));
	assert_non_null(strstr(s,
	    "\"accounting\": {\"lines\": 29, \"sum\": 29, "
	    "\"balanced\": true}"));
	free(s);
	agg_free(a);
}

static void
report_json__empty__valid_shape(void **state)
{
	struct agg *a = agg_new();
	char *s = render(report_json, a, 10);

	assert_non_null(strstr(s, "\"time\": null,"));
	assert_non_null(strstr(s, "\"window\": null,"));
	assert_non_null(strstr(s, "\"top\": [],"));
	assert_non_null(strstr(s, "\"unparsed_samples\": []\n}\n"));
	assert_non_null(strstr(s, "\"by_code\": {},"));
	free(s);
	agg_free(a);
}

/* A top failure with a provider signature is explained by it. */
static void
report_text_json__signature_row__explained_by_signature(void **state)
{
	static const char text[] =
	    "[yahoo-test]\nprovider = Yahoo\nmatch = \\[TSS04\\]\n"
	    "title = Yahoo defers for volume\n"
	    "explanation = Yahoo defers this IP for volume or complaints.\n"
	    "advice = Let the queue retry slowly.\n"
	    "url = https://postmaster.example/codes\n";
	struct report_opts o = {.top = 10, .peers = 5, .ninputs = 1};
	struct sig_set *sigs = sig_new();
	struct agg *a = agg_new();
	struct event ev;
	char path[] = "/tmp/smtplog-sig-XXXXXX", err[256], *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1),
	    (ssize_t)(sizeof(text) - 1));
	close(fd);
	assert_int_equal(sig_load_file(sigs, path, err, sizeof(err)), 0);
	unlink(path);
	memset(&ev, 0, sizeof(ev));
	ev.dir = EVENT_OUT;
	ev.cls = 4;
	ev.code = 421;
	ev.enh.cls = 4;
	ev.enh.subject = 7;
	ev.sig = 0;
	agg_event(a, &ev);
	o.sigs = sigs;
	fp = open_memstream(&buf, &len);
	assert_int_equal(report_text(fp, a, &o), 0);
	fclose(fp);
	assert_non_null(strstr(buf, "     Yahoo defers for volume\n"));
	assert_non_null(strstr(buf, "     Signature: Yahoo (yahoo-test)\n"));
	assert_non_null(strstr(buf, "How to fix: Let the queue retry slowly."));
	assert_non_null(strstr(buf, "See: https://postmaster.example/codes"));
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	assert_int_equal(report_json(fp, a, &o), 0);
	fclose(fp);
	assert_non_null(strstr(buf,
	    "\"source\": \"signature\", \"signature\": "
	    "{\"id\": \"yahoo-test\", \"provider\": "
	    "\"Yahoo\""));
	assert_non_null(strstr(buf,
	    "\"advice\": \"Let the queue retry "
	    "slowly.\""));
	free(buf);
	agg_free(a);
	sig_free(sigs);
}

/* "cells" and "peers": the whole tables, keyed by names. */
static void
report_json__sample__cells_and_peers_with_whole_keys(void **state)
{
	struct agg *a = sample();
	char *s = render(report_json, a, 1);

	(void)state;
	assert_non_null(strstr(s,
	    "  \"cells\": [\n    {\"direction\": \"inbound\", \"class\": 5, "
	    "\"code\": \"554\", \"enhanced\": \"5.7.1\", \"mta\": "
	    "\"postfix\", \"stage\": \"RCPT\", \"signature\": null, "
	    "\"other\": false, \"count\": 3, \"inferred\": 0},\n"));
	assert_non_null(strstr(s,
	    "{\"direction\": \"outbound\", \"class\": 4, \"code\": null, "
	    "\"enhanced\": \"4.4.1\", \"mta\": \"sendmail\""));
	/* every peer, not only the --peers first of the --top failures */
	assert_non_null(strstr(s,
	    "{\"direction\": \"outbound\", \"class\": 4, \"code\": null, "
	    "\"enhanced\": \"4.4.1\", \"signature\": null, \"kind\": "
	    "\"domain\", \"name\": \"down.example\", \"count\": 2}"));
	assert_non_null(strstr(s,
	    "\"kind\": \"host\", \"name\": "
	    "\"evil\\u001b[31m[192.0.2.66]\", \"count\": 3}"));
	/* before the samples, which stay last */
	assert_true(strstr(s, "\"peers\": [") < strstr(s, "\"unparsed_"));
	assert_null(strstr(s, "_hex"));
	free(s);
	agg_free(a);
}

/* Bytes that JSON cannot give back as they were get a hex twin. */
static void
report_json__invalid_utf8__hex_twin(void **state)
{
	struct agg *a = agg_new();
	char *s;

	(void)state;
	add(a, 1, EVENT_POSTFIX, EVENT_OUT, 550, 5, 1, 1, "caf\xe9.example",
	    "ok.example");
	agg_line(a, AGG_UNPARSED, EVENT_POSTFIX);
	agg_sample(a, "m\xffl.log", 3, "x\x80y", 3);
	s = render(report_json, a, 10);
	assert_non_null(strstr(s,
	    "\"name\": \"caf\\u00e9.example\", "
	    "\"name_hex\": \"636166e92e6578616d706c65\""));
	assert_non_null(strstr(s, "\"name\": \"ok.example\", \"count\""));
	assert_non_null(strstr(s,
	    "{\"where\": \"m\\u00ffl.log:3\", "
	    "\"where_hex\": \"6dff6c2e6c6f673a33\", "
	    "\"line\": \"x\\u0080y\", \"line_hex\": \"788079\"}"));
	free(s);
	agg_free(a);
}

/* Compact: the same document on one line. */
static void
report_json__compact__one_line_same_keys(void **state)
{
	struct report_opts o = {.top = 10,
	    .peers = 5,
	    .color = 0,
	    .ninputs = 2,
	    .sigs = NULL,
	    .compact = 1};
	struct agg *a = sample();
	char *wide = render(report_json, a, 10), *buf = NULL, *p;
	size_t n = 0, keys = 0, ckeys = 0;
	FILE *fp = open_memstream(&buf, &n);

	(void)state;
	assert_int_equal(report_json(fp, a, &o), 0);
	fclose(fp);
	assert_non_null(strchr(buf, '\n'));
	assert_true(strchr(buf, '\n') == buf + n - 1);
	assert_ptr_equal(strstr(buf, "{\"schema\": 1,\"inputs\": 2,"), buf);
	assert_non_null(strstr(buf,
	    "\"inbound\": {\"events\": 3,\"by_class\": {\"5\": 3},"));
	assert_non_null(strstr(buf, "evil\\u001b[31m[192.0.2.66]"));
	assert_non_null(strstr(buf, "\"unparsed_samples\": [{\"where\""));
	assert_int_equal(strcmp(buf + n - 3, "]}\n"), 0);
	/* nothing but layout was taken out */
	for (p = wide; (p = strchr(p, ':')) != NULL; p++)
		keys++;
	for (p = buf; (p = strchr(p, ':')) != NULL; p++)
		ckeys++;
	assert_int_equal(keys, ckeys);
	free(buf);
	free(wide);
	agg_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(report_find__known_and_unknown__table_lookup),
	    cmocka_unit_test(
		report_rows__by_code__sums_across_mta_and_direction),
	    cmocka_unit_test(report_text__sample__has_every_section),
	    cmocka_unit_test(report_text__log_text__escaped),
	    cmocka_unit_test(report_text__top_limit__respected),
	    cmocka_unit_test(report_json__sample__schema_keys_and_values),
	    cmocka_unit_test(report_json__empty__valid_shape),
	    cmocka_unit_test(report_text_json__window__stated_and_accounted),
	    cmocka_unit_test(
		report_json__sample__cells_and_peers_with_whole_keys),
	    cmocka_unit_test(report_json__invalid_utf8__hex_twin),
	    cmocka_unit_test(report_json__compact__one_line_same_keys),
	    cmocka_unit_test(
		report_text_json__signature_row__explained_by_signature),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
