/*
 * test_merge.c - unit tests for merge.c: JSON summaries back into counts.
 *
 * A hand-built aggregate is written with report_json() and read back with
 * merge_text(): the cells, peers, totals, time span and samples must come
 * back equal (samples named after the summary), twice must count twice,
 * invalid UTF-8 comes back through its hex twin, and signatures are
 * matched by id whatever their index. Refused, with their message and
 * nothing added: text that is not JSON, JSON that is not a summary, a
 * cut summary, text after it, another schema, a summary without cells,
 * cells that do not add up, an unbalanced accounting, and every kind of
 * bad value in a cell or a peer. merge_path() of a missing file.
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
#include "merge.h"
#include "report.h"
#include "sig.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A signatures file of the ids given, in that order. */
static struct sig_set *
sigs_of(const char *const *ids, size_t n)
{
	struct sig_set *set = sig_new();
	char path[] = "/tmp/test_merge.XXXXXX", err[256];
	FILE *fp;
	size_t i;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	for (i = 0; i < n; i++)
		fprintf(fp,
		    "[%s]\nprovider = P\nmatch = %s\ntitle = T\n"
		    "explanation = E.\nadvice = A.\n\n",
		    ids[i], ids[i]);
	fclose(fp);
	assert_int_equal(sig_load_file(set, path, err, sizeof(err)), 0);
	unlink(path);
	return set;
}

/* Count N events of one shape, each from a line. */
static void
add(struct agg *a, int n, int mta, int dir, int code, int ec, int es, int ed,
    int stage, int sig, const char *domain, const char *host)
{
	struct event ev;

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
	ev.inferred = code == 0;
	ev.domain = domain;
	ev.domainlen = domain ? strlen(domain) : 0;
	ev.host = host;
	ev.hostlen = host ? strlen(host) : 0;
	while (n-- > 0) {
		agg_event(a, &ev);
		agg_line(a, AGG_EVENT, mta);
	}
}

/* An aggregate with every kind of count; signature 1 of the set used. */
static struct agg *
sample(void)
{
	struct agg *a = agg_new();
	struct agg_counts *c = agg_counts(a);

	add(a, 7, EVENT_POSTFIX, EVENT_OUT, 250, 2, 0, 0, EVENT_STAGE_NONE, -1,
	    "example.net", NULL);
	add(a, 3, EVENT_POSTFIX, EVENT_OUT, 550, 5, 1, 1, EVENT_STAGE_RCPT, -1,
	    "Example.ORG", "mx.example.org[192.0.2.1]");
	add(a, 2, EVENT_EXIM, EVENT_IN, 451, 4, 7, 1, EVENT_STAGE_RCPT, 1,
	    "caf\xe9.example", "h\x1b[31m");
	add(a, 1, EVENT_SENDMAIL, EVENT_OUT, 0, 4, 4, 1, EVENT_STAGE_CONNECT,
	    -1, "down.example", NULL);
	agg_line(a, AGG_NOREPLY, EVENT_POSTFIX);
	agg_line(a, AGG_UNPARSED, EVENT_EXIM);
	agg_sample(a, "mail.log", 12, "odd \x80 line", 10);
	agg_line(a, AGG_SKIP_OTHER, -1);
	agg_line(a, AGG_SKIP_NOHDR, -1);
	agg_line(a, AGG_SKIP_MARKER, -1);
	c->overlong = 2;
	c->lines += 2;
	c->bytes = 12345;
	c->limit_hits = 1;
	agg_time(a, 1795341601);
	agg_time(a, 1795392000);
	return a;
}

/* The JSON summary of A, as "smtplog -f json" writes it. */
static char *
summary(const struct agg *a, const struct sig_set *sigs, int ninputs)
{
	struct report_opts o = {.top = 10,
	    .peers = 5,
	    .ninputs = ninputs,
	    .sigs = sigs};
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	assert_int_equal(report_json(fp, a, &o), 0);
	fclose(fp);
	return buf;
}

/* A's and B's cells and peers are the same. */
static void
same_tables(const struct agg *a, const struct agg *b, uint64_t times)
{
	struct agg_cell *ca, *cb;
	struct agg_peer_row *pa, *pb;
	size_t na, nb, i;

	ca = agg_cells(a, &na);
	cb = agg_cells(b, &nb);
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		ca[i].count *= times;
		ca[i].inferred *= times;
	}
	assert_memory_equal(ca, cb, na * sizeof(*ca));
	free(ca);
	free(cb);
	pa = agg_peer_rows(a, &na);
	pb = agg_peer_rows(b, &nb);
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_int_equal(pa[i].dir, pb[i].dir);
		assert_int_equal(pa[i].cls, pb[i].cls);
		assert_int_equal(pa[i].code, pb[i].code);
		assert_int_equal(pa[i].sig, pb[i].sig);
		assert_int_equal(pa[i].kind, pb[i].kind);
		assert_int_equal(pa[i].len, pb[i].len);
		assert_memory_equal(pa[i].name, pb[i].name, pa[i].len);
		assert_int_equal(pa[i].count * times, pb[i].count);
	}
	free(pa);
	free(pb);
}

static const char *const ids[] = {"first-sig", "second-sig"};

static void
merge_text__own_summary__same_counts_back(void **state)
{
	struct sig_set *sigs = sigs_of(ids, 2);
	struct agg *a = sample(), *b = agg_new();
	const struct agg_counts *ca = agg_counts_const(a),
				*cb = agg_counts_const(b);
	const struct agg_sample *s;
	char *text = summary(a, sigs, 3), err[256];
	size_t n;
	int inputs = 0;

	(void)state;
	assert_int_equal(merge_text(b, sigs, "mx1.json", text, strlen(text),
			     &inputs, err, sizeof(err)),
	    MERGE_OK);
	assert_int_equal(inputs, 3);
	same_tables(a, b, 1);
	assert_memory_equal(ca, cb, sizeof(*ca));
	s = agg_samples(b, &n);
	assert_int_equal(n, 1);
	assert_string_equal(s[0].name, "mx1.json:mail.log");
	assert_int_equal(s[0].lineno, 12);
	assert_int_equal(s[0].len, 10);
	assert_memory_equal(s[0].text, "odd \x80 line", 10);
	free(text);
	agg_free(a);
	agg_free(b);
	sig_free(sigs);
}

static void
merge_text__twice__counted_twice(void **state)
{
	struct sig_set *sigs = sigs_of(ids, 2);
	struct agg *a = sample(), *b = agg_new();
	const struct agg_counts *cb = agg_counts_const(b);
	char *text = summary(a, sigs, 1), err[256];
	size_t n;
	int inputs = 0;

	(void)state;
	assert_int_equal(merge_text(b, sigs, "a", text, strlen(text), &inputs,
			     err, sizeof(err)),
	    MERGE_OK);
	assert_int_equal(merge_text(b, sigs, "b", text, strlen(text), &inputs,
			     err, sizeof(err)),
	    MERGE_OK);
	assert_int_equal(inputs, 2);
	same_tables(a, b, 2);
	assert_int_equal(cb->lines, 2 * agg_counts_const(a)->lines);
	assert_int_equal(cb->kind[AGG_EVENT], 26);
	assert_int_equal(cb->inferred, 2);
	assert_int_equal(cb->limit_hits, 2);
	assert_int_equal(cb->first, 1795341601);
	assert_int_equal(cb->last, 1795392000);
	agg_samples(b, &n);
	assert_int_equal(n, 2);
	assert_string_equal(agg_samples(b, &n)[1].name, "b:mail.log");
	free(text);
	agg_free(a);
	agg_free(b);
	sig_free(sigs);
}

/* Lines outside a --since/--until window, or without a usable time, are
 * part of the accounting a summary written with a window balances. */
static void
merge_text__window_skips__balance_and_come_back(void **state)
{
	struct agg *a = sample(), *b = agg_new();
	const struct agg_counts *cb = agg_counts_const(b);
	char *text, err[256];
	int inputs = 0;

	(void)state;
	agg_line(a, AGG_SKIP_WINDOW, -1);
	agg_line(a, AGG_SKIP_WINDOW, -1);
	agg_line(a, AGG_SKIP_NOTIME, -1);
	text = summary(a, NULL, 1);
	assert_int_equal(merge_text(b, NULL, "w", text, strlen(text), &inputs,
			     err, sizeof(err)),
	    MERGE_OK);
	assert_int_equal(cb->kind[AGG_SKIP_WINDOW], 2);
	assert_int_equal(cb->kind[AGG_SKIP_NOTIME], 1);
	assert_int_equal(cb->lines, agg_counts_const(a)->lines);
	free(text);
	agg_free(a);
	agg_free(b);
}

/* Written where "second-sig" was signature 1, read where it is 0; an id
 * the reader lacks is counted without a signature. */
static void
merge_text__signature_ids__matched_by_id_not_index(void **state)
{
	static const char *const other[] = {"second-sig"};
	struct sig_set *w = sigs_of(ids, 2), *r = sigs_of(other, 1);
	struct agg *a = sample(), *b = agg_new(), *c = agg_new();
	struct agg_cell *cells;
	char *text = summary(a, w, 1), err[256];
	size_t n, i, withsig = 0;
	int inputs = 0;

	(void)state;
	assert_non_null(strstr(text, "\"signature\": \"second-sig\""));
	assert_int_equal(merge_text(b, r, "x", text, strlen(text), &inputs, err,
			     sizeof(err)),
	    MERGE_OK);
	cells = agg_cells(b, &n);
	for (i = 0; i < n; i++)
		if (cells[i].code == 451) {
			assert_int_equal(cells[i].sig, 0);
			withsig++;
		} else
			assert_int_equal(cells[i].sig, -1);
	assert_int_equal(withsig, 1);
	free(cells);
	/* no signatures at all: the events are all still there */
	assert_int_equal(merge_text(c, NULL, "x", text, strlen(text), &inputs,
			     err, sizeof(err)),
	    MERGE_OK);
	cells = agg_cells(c, &n);
	for (i = 0; i < n; i++)
		assert_int_equal(cells[i].sig, -1);
	free(cells);
	assert_int_equal(agg_counts_const(c)->kind[AGG_EVENT], 13);
	free(text);
	agg_free(a);
	agg_free(b);
	agg_free(c);
	sig_free(w);
	sig_free(r);
}

/* A refused text: its message, and nothing added. */
struct bad {
	const char *from, *to; /* change of a good summary; NULL: TEXT */
	const char *text;
	enum merge_status status;
	const char *err;
};

static const struct bad bad_cases[] = {
    {NULL, NULL, "Nov 22 10:00:01 mail postfix/smtp[1]: x\n", MERGE_INVALID,
	"x.json: not a smtplog JSON summary"},
    {NULL, NULL, "", MERGE_INVALID, "x.json: not a smtplog JSON summary"},
    {NULL, NULL, "[1, 2]", MERGE_INVALID, "x.json: not a smtplog JSON summary"},
    {NULL, NULL, "{\"schema\": 1, \"lines\": 3}", MERGE_INVALID,
	"x.json: not a smtplog JSON summary"},
    {NULL, NULL, "{\"name\": \"package.json\"}", MERGE_INVALID,
	"x.json: not a smtplog JSON summary"},
    {NULL, NULL, "{\"schema\": 1, \"accounting\": {", MERGE_INVALID,
	"x.json: the JSON ends too early (a cut summary?)"},
    {"\n}\n", "\n}\n{}", NULL, MERGE_INVALID,
	"x.json: text after the end of the JSON summary"},
    {"\"schema\": 1,", "\"schema\": 2,", NULL, MERGE_INVALID,
	"x.json: JSON summary schema 2 is not the one this smtplog reads (1)"},
    {"\"cells\":", "\"cellz\":", NULL, MERGE_INVALID,
	"x.json: summary without \"cells\": written by an older smtplog; "
	"write it again with this one"},
    {"\"events\": 13,", "\"events\": 14,", NULL, MERGE_INVALID,
	"x.json: the cells count 13 events, not 14"},
    {"\"noreply\": 1,", "\"noreply\": 2,", NULL, MERGE_INVALID,
	"x.json: the accounting does not balance (20 lines, 21 accounted "
	"for)"},
    {"\"lines\": 20,", "\"lines\": -20,", NULL, MERGE_INVALID,
	"x.json: \"lines\" is not a count"},
    {"\"journal_marker\": 1", "\"journal_marker\": \"1\"", NULL, MERGE_INVALID,
	"x.json: skipped_detail: \"journal_marker\" is not a "
	"count"},
    {"\"sendmail\": 1}", "\"smail\": 1}", NULL, MERGE_INVALID,
	"x.json: mail_lines: \"sendmail\" is not a count"},
    {"\"first\": \"2026-11-22T10:00:01Z\"", "\"first\": \"yesterday\"", NULL,
	MERGE_INVALID, "x.json: bad \"time\""},
    {"{\"direction\": \"inbound\", \"class\": 4, \"code\": \"451\", "
     "\"enhanced\": \"4.7.1\", \"mta\"",
	"{\"direction\": \"sideways\", \"class\": 4, \"code\": \"451\", "
	"\"enhanced\": \"4.7.1\", \"mta\"",
	NULL, MERGE_INVALID, "x.json: cells[0]: bad \"direction\""},
    {"\"mta\": \"exim\"", "\"mta\": \"qmail\"", NULL, MERGE_INVALID,
	"x.json: cells[0]: bad \"mta\""},
    {"\"mta\": \"exim\", \"stage\": \"RCPT\"",
	"\"mta\": \"exim\", \"stage\": \"LUNCH\"", NULL, MERGE_INVALID,
	"x.json: cells[0]: bad \"stage\""},
    {"\"class\": 4, \"code\": \"451\", \"enhanced\": \"4.7.1\", \"mta\"",
	"\"class\": 4, \"code\": \"451\", \"enhanced\": \"4.7.1234\", "
	"\"mta\"",
	NULL, MERGE_INVALID, "x.json: cells[0]: bad \"enhanced\""},
    {"\"class\": 4, \"code\": \"451\", \"enhanced\": \"4.7.1\", \"mta\"",
	"\"class\": 4, \"code\": \"45x\", \"enhanced\": \"4.7.1\", \"mta\"",
	NULL, MERGE_INVALID, "x.json: cells[0]: bad \"code\""},
    {"\"class\": 4, \"code\": \"451\", \"enhanced\": \"4.7.1\", \"mta\"",
	"\"class\": 9, \"code\": \"451\", \"enhanced\": \"4.7.1\", \"mta\"",
	NULL, MERGE_INVALID, "x.json: cells[0]: bad \"class\""},
    {"\"other\": false, \"count\": 2, \"inferred\": 0",
	"\"other\": 0, \"count\": 2, \"inferred\": 0", NULL, MERGE_INVALID,
	"x.json: cells[0]: bad \"other\""},
    {"\"other\": false, \"count\": 2, \"inferred\": 0",
	"\"other\": false, \"count\": 2, \"inferred\": 3", NULL, MERGE_INVALID,
	"x.json: cells[0]: more inferred than counted"},
    {"\"kind\": \"domain\", \"name\": \"caf",
	"\"kind\": \"mx\", \"name\": \"caf", NULL, MERGE_INVALID,
	"x.json: peers[0]: bad \"kind\""},
    {"\"name_hex\": \"636166e9", "\"name_hex\": \"63616Xe9", NULL,
	MERGE_INVALID, "x.json: peers[0]: \"name_hex\" is not hex digits"},
    {"\"domain\", \"name\": \"caf\\u00e9.example\"", "\"domain\", \"name\": 7",
	NULL, MERGE_INVALID, "x.json: peers[0]: \"name\" is not a string"},
    {"{\"where\": \"mail.log:12\"", "{\"where\": \"mail.log\"", NULL,
	MERGE_INVALID, "x.json: unparsed_samples[0]: bad \"where\""},
    {"\"peers\": [", "\"peers\": 5, \"peerz\": [", NULL, MERGE_INVALID,
	"x.json: no \"peers\" array"},
};

/* Replace the first FROM in TEXT by TO; the caller frees. */
static char *
subst(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	size_t n = strlen(text) - strlen(from) + strlen(to);
	char *s;

	assert_non_null(p);
	s = malloc(n + 1);
	assert_non_null(s);
	memcpy(s, text, (size_t)(p - text));
	strcpy(s + (p - text), to);
	strcat(s, p + strlen(from));
	return s;
}

static void
merge_text__bad_summaries__refused_with_message_nothing_added(void **state)
{
	struct agg *a = sample(), *b = agg_new();
	char *good = summary(a, NULL, 1), *text, err[256];
	size_t i;
	int inputs;

	(void)state;
	/* the changes below must apply to this summary */
	assert_non_null(strstr(good, "\"lines\": 20,"));
	for (i = 0; i < NELEM(bad_cases); i++) {
		const struct bad *c = &bad_cases[i];

		text = c->text ? strdup(c->text) : subst(good, c->from, c->to);
		inputs = 0;
		err[0] = '\0';
		if (merge_text(b, NULL, "x.json", text, strlen(text), &inputs,
			err, sizeof(err)) != c->status ||
		    strcmp(err, c->err) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, err,
			    c->err);
		assert_int_equal(inputs, 0);
		assert_int_equal(agg_counts_const(b)->lines, 0);
		free(text);
	}
	free(good);
	agg_free(a);
	agg_free(b);
}

static void
merge_path__missing_file__unreadable_with_strerror(void **state)
{
	struct agg *b = agg_new();
	char err[256];
	int inputs = 0;

	(void)state;
	assert_int_equal(merge_path(b, NULL, "/nonexistent/x.json", &inputs,
			     err, sizeof(err)),
	    MERGE_UNREADABLE);
	assert_string_equal(err,
	    "/nonexistent/x.json: No such file or directory");
	agg_free(b);
}

static void
merge_path__file__read_whole(void **state)
{
	struct sig_set *sigs = sigs_of(ids, 2);
	struct agg *a = sample(), *b = agg_new();
	char path[] = "/tmp/test_merge.XXXXXX", *text = summary(a, sigs, 4);
	char err[256];
	int fd = mkstemp(path), inputs = 0;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(merge_path(b, sigs, path, &inputs, err, sizeof(err)),
	    MERGE_OK);
	unlink(path);
	assert_int_equal(inputs, 4);
	same_tables(a, b, 1);
	free(text);
	agg_free(a);
	agg_free(b);
	sig_free(sigs);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(merge_text__own_summary__same_counts_back),
	    cmocka_unit_test(merge_text__twice__counted_twice),
	    cmocka_unit_test(merge_text__window_skips__balance_and_come_back),
	    cmocka_unit_test(
		merge_text__signature_ids__matched_by_id_not_index),
	    cmocka_unit_test(
		merge_text__bad_summaries__refused_with_message_nothing_added),
	    cmocka_unit_test(
		merge_path__missing_file__unreadable_with_strerror),
	    cmocka_unit_test(merge_path__file__read_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
