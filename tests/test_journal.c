/*
 * test_journal.c - journal entries as input: lines of journalctl -o json
 * (and json-seq) taken apart into syslog headers (ordinary lines, byte
 * array messages, null and missing fields, several values, broken JSON,
 * huge numbers), the rendering of an entry and its length limit, the
 * lines counted by a run, and, when this smtplog reads the journal and
 * systemd-journal-remote can write one, which entries --journal reads:
 * the mail units and programs, --unit globs, and the time window.
 * Patterns are read from $top_srcdir/patterns.
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

#include "journal.h"
#include "pat.h"
#include "run.h"
#include "syslog.h"

static struct journal_dec *dec;

static int
setup_dec(void **state)
{
	dec = journal_dec_new();
	return 0;
}

static int
teardown_dec(void **state)
{
	journal_dec_free(dec);
	dec = NULL;
	return 0;
}

/* What journal_json() gave for a line. */
struct got {
	enum syslog_fmt f;
	struct syslog_hdr h;
	char text[1024];
	char prog[256], pid[64], host[256], msg[1024];
	size_t msglen;
	int has_time;
	time_t t;
};

static void
copy(char *dst, size_t n, const char *s, size_t len)
{
	if (len >= n)
		len = n - 1;
	if (len > 0)
		memcpy(dst, s, len);
	dst[len] = '\0';
}

static void
decode(const char *line, size_t len, struct got *g)
{
	const char *text = "unchanged";
	size_t tlen = 9;
	struct syslog_clock clock;

	memset(g, 0, sizeof(*g));
	g->f = journal_json(dec, line, len, &g->h, &text, &tlen);
	copy(g->text, sizeof(g->text), text, tlen);
	if (g->f != SYSLOG_JSON)
		return;
	copy(g->prog, sizeof(g->prog), g->h.prog, g->h.proglen);
	copy(g->pid, sizeof(g->pid), g->h.pid, g->h.pidlen);
	copy(g->host, sizeof(g->host), g->h.host, g->h.hostlen);
	copy(g->msg, sizeof(g->msg), g->h.msg, g->h.msglen);
	g->msglen = g->h.msglen;
	syslog_clock_init(&clock, 0);
	g->has_time = syslog_time(&g->h, &clock, &g->t) == 0;
}

#define DECODE(s, g) decode(s, strlen(s), g)

/* What journalctl -o json printed for a Postfix line. */
static const char line_pf[] =
    "{\"__CURSOR\":\"s=d379b77567864cbf9da74d8c04e5811e;i=1\","
    "\"__REALTIME_TIMESTAMP\":\"1795373728369612\","
    "\"__MONOTONIC_TIMESTAMP\":\"1001000\","
    "\"_BOOT_ID\":\"5f3c0e1ab6a34c8d9e2f71c4d8b09a11\",\"PRIORITY\":\"6\","
    "\"_HOSTNAME\":\"mail\",\"SYSLOG_IDENTIFIER\":\"postfix/smtp\","
    "\"_PID\":\"31151\",\"SYSLOG_PID\":\"31151\","
    "\"_SYSTEMD_UNIT\":\"postfix@-.service\",\"_COMM\":\"smtp\","
    "\"MESSAGE\":\"54CF210245E: to=<ok1@example.net>, "
    "relay=127.0.0.1[127.0.0.1]:2525, delay=0.03, "
    "delays=0.01/0.01/0.01/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
    "queued as 737280001)\"}";

static void
journal_json__journalctl_line__syslog_header(void **state)
{
	struct got g;

	DECODE(line_pf, &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_string_equal(g.prog, "postfix/smtp");
	assert_string_equal(g.pid, "31151");
	assert_string_equal(g.host, "mail");
	assert_string_equal(g.msg,
	    "54CF210245E: to=<ok1@example.net>, "
	    "relay=127.0.0.1[127.0.0.1]:2525, delay=0.03, "
	    "delays=0.01/0.01/0.01/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
	    "queued as 737280001)");
	assert_true(g.has_time);
	assert_int_equal(g.t, 1795373728);
	/* the same line as journalctl -o short-iso-precise, in UTC */
	assert_string_equal(g.text,
	    "2026-11-22T18:55:28.369612+00:00 mail postfix/smtp[31151]: "
	    "54CF210245E: to=<ok1@example.net>, "
	    "relay=127.0.0.1[127.0.0.1]:2525, delay=0.03, "
	    "delays=0.01/0.01/0.01/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
	    "queued as 737280001)");
}

static void
journal_json__json_seq_record__same_header(void **state)
{
	char line[sizeof(line_pf) + 1];
	struct got g;

	line[0] = '\x1e';
	memcpy(line + 1, line_pf, sizeof(line_pf));
	DECODE(line, &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_string_equal(g.prog, "postfix/smtp");
	assert_int_equal(g.t, 1795373728);
}

static void
journal_json__escapes__decoded(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":\"a\\\"b\\\\c\\u00e9\\n\\u0000d\","
	       "\"SYSLOG_IDENTIFIER\":\"x\"}",
	    &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_int_equal(g.msglen, 10);
	assert_memory_equal(g.h.msg, "a\"b\\c\xc3\xa9\n\0d", 10);
}

/* journald writes a value that is not UTF-8 as an array of bytes. */
static void
journal_json__byte_array_message__bytes(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":[98,97,100,32,255,0,32,98,121,116,101],"
	       "\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\",\"_PID\":\"42\","
	       "\"__REALTIME_TIMESTAMP\":\"1795384801123456\"}",
	    &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_int_equal(g.msglen, 11);
	assert_memory_equal(g.h.msg, "bad \xff\0 byte", 11);
	assert_string_equal(g.prog, "postfix/smtpd");
	assert_int_equal(g.t, 1795384801);
}

static void
journal_json__byte_array_identifier__bytes(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":\"m\",\"SYSLOG_IDENTIFIER\":[101,120,105,109]}",
	    &g);
	assert_string_equal(g.prog, "exim");
}

static void
journal_json__byte_out_of_range__field_absent(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":[104,300],\"SYSLOG_IDENTIFIER\":\"x\"}", &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_int_equal(g.msglen, 0);
	DECODE("{\"MESSAGE\":[104,-1],\"SYSLOG_IDENTIFIER\":\"x\"}", &g);
	assert_int_equal(g.msglen, 0);
	DECODE("{\"MESSAGE\":[104,true],\"SYSLOG_IDENTIFIER\":\"x\"}", &g);
	assert_int_equal(g.msglen, 0);
	DECODE("{\"MESSAGE\":[],\"SYSLOG_IDENTIFIER\":\"x\"}", &g);
	assert_int_equal(g.msglen, 0);
}

/* A field logged several times is an array of its values. */
static void
journal_json__several_values__first_taken(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":[\"one\",\"two\"],"
	       "\"SYSLOG_IDENTIFIER\":[\"sm-mta\",\"other\"]}",
	    &g);
	assert_string_equal(g.msg, "one");
	assert_string_equal(g.prog, "sm-mta");
	DECODE("{\"MESSAGE\":[[104,105],\"two\"],\"SYSLOG_IDENTIFIER\":\"x\"}",
	    &g);
	assert_string_equal(g.msg, "hi");
	/* not deeper than that */
	DECODE("{\"MESSAGE\":[[[104]]],\"SYSLOG_IDENTIFIER\":\"x\"}", &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_int_equal(g.msglen, 0);
}

/* journalctl writes null for a field over 4096 bytes (without --all). */
static void
journal_json__null_message__empty_message(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":null,\"SYSLOG_IDENTIFIER\":\"postfix/smtp\","
	       "\"_HOSTNAME\":\"mail\",\"__REALTIME_TIMESTAMP\":\"0\"}",
	    &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_int_equal(g.msglen, 0);
	assert_string_equal(g.prog, "postfix/smtp");
	assert_string_equal(g.text,
	    "1970-01-01T00:00:00.000000+00:00 mail postfix/smtp: ");
}

static void
journal_json__null_identifier_and_pid__comm_and_syslog_pid(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":\"hello\",\"SYSLOG_IDENTIFIER\":null,"
	       "\"_COMM\":\"sendmail\",\"_PID\":null,\"SYSLOG_PID\":\"77\","
	       "\"_HOSTNAME\":null,\"__REALTIME_TIMESTAMP\":null}",
	    &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_string_equal(g.prog, "sendmail");
	assert_string_equal(g.pid, "77");
	assert_int_equal(g.h.hostlen, 0);
	assert_false(g.has_time);
	assert_string_equal(g.text, "sendmail[77]: hello");
}

static void
journal_json__no_program__message_alone(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":\"kernel: something\"}", &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_int_equal(g.h.proglen, 0);
	assert_string_equal(g.text, "kernel: something");
}

static void
journal_json__exim_inner_time__stripped(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":\"2026-11-22 10:00:01 [12] 1tEq9X-0001aB-Cd => "
	       "a@b.example R=dnslookup T=remote_smtp\","
	       "\"SYSLOG_IDENTIFIER\":\"exim\",\"_PID\":\"12\"}",
	    &g);
	assert_string_equal(g.msg,
	    "1tEq9X-0001aB-Cd => a@b.example R=dnslookup T=remote_smtp");
}

/* Not an entry: each is counted as a line without a header. */
static void
journal_json__broken__none_and_text_unchanged(void **state)
{
	static const char *const broken[] = {
	    "{",
	    "{\"MESSAGE\":\"cut off",
	    "{\"MESSAGE\":\"x\"",
	    "{\"MESSAGE\":\"x\"} trailing",
	    "{\"MESSAGE\":\"x\"}{\"MESSAGE\":\"y\"}",
	    "{\"MESSAGE\":\"x\",}",
	    "{'MESSAGE':'x'}",
	    "{\"MESSAGE\":\"bad escape \\q\"}",
	    "{\"MESSAGE\":\"x\", \"A\":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]}",
	    "{\"SYSLOG_IDENTIFIER\":\"postfix/smtp\"}",
	    "{}",
	    "{\"log\":\"a docker line\",\"stream\":\"stdout\"}",
	    "\x1e",
	    "\x1e\x1e{\"MESSAGE\":\"x\"}",
	    "{ not json at all",
	};
	struct got g;
	size_t i;

	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		DECODE(broken[i], &g);
		if (g.f != SYSLOG_NONE)
			fail_msg("taken for an entry: %s", broken[i]);
		assert_string_equal(g.text, "unchanged");
	}
}

static void
journal_json__nul_after_object__none(void **state)
{
	static const char line[] = "{\"MESSAGE\":\"x\"}\0junk";
	struct got g;

	decode(line, sizeof(line) - 1, &g);
	assert_int_equal(g.f, SYSLOG_NONE);
	/* a CR left by a CRLF file is blank */
	DECODE("{\"MESSAGE\":\"x\",\"SYSLOG_IDENTIFIER\":\"y\"}\r", &g);
	assert_int_equal(g.f, SYSLOG_JSON);
}

static void
journal_json__too_long__none(void **state)
{
	size_t n = SCAN_MAX_LINE + 100, i;
	char *line = malloc(n);
	struct got g;

	assert_non_null(line);
	memcpy(line, "{\"MESSAGE\":\"", 12);
	for (i = 12; i < n - 2; i++)
		line[i] = 'a';
	memcpy(line + n - 2, "\"}", 2);
	decode(line, n, &g);
	assert_int_equal(g.f, SYSLOG_NONE);
	free(line);
}

/* Timestamps that cannot be a time are no time; the entry stays. */
static void
journal_json__huge_numbers__no_time(void **state)
{
	static const char *const bad[] = {
	    "\"99999999999999999999\"",
	    "\"18446744073709551616\"",
	    "\"253402300800000000\"", /* year 10000 */
	    "99999999999999999999999",
	    "18446744073709551615",
	    "-1",
	    "\"-1\"",
	    "\"\"",
	    "\"12a\"",
	    "1.5e15",
	    "true",
	    "{}",
	};
	char line[256];
	struct got g;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(line, sizeof(line),
		    "{\"MESSAGE\":\"m\",\"SYSLOG_IDENTIFIER\":\"p\","
		    "\"__REALTIME_TIMESTAMP\":%s}",
		    bad[i]);
		DECODE(line, &g);
		assert_int_equal(g.f, SYSLOG_JSON);
		if (g.has_time)
			fail_msg("a time from %s", bad[i]);
		assert_string_equal(g.text, "p: m");
	}
}

static void
journal_json__last_usable_time__year_9999(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":\"m\",\"SYSLOG_IDENTIFIER\":\"p\","
	       "\"__REALTIME_TIMESTAMP\":\"253402300799999999\"}",
	    &g);
	assert_true(g.has_time);
	assert_int_equal(g.t, (time_t)253402300799LL);
	assert_string_equal(g.text, "9999-12-31T23:59:59.999999+00:00 p: m");
	/* a number rather than a string */
	DECODE("{\"MESSAGE\":\"m\",\"SYSLOG_IDENTIFIER\":\"p\","
	       "\"__REALTIME_TIMESTAMP\":1795384801000000}",
	    &g);
	assert_true(g.has_time);
	assert_int_equal(g.t, 1795384801);
}

static void
journal_json__numbers_as_values__decimal_text(void **state)
{
	struct got g;

	DECODE("{\"MESSAGE\":\"m\",\"SYSLOG_IDENTIFIER\":\"p\","
	       "\"_PID\":99999999999999999999999}",
	    &g);
	assert_string_equal(g.pid, "9223372036854775807");
	DECODE("{\"MESSAGE\":12,\"SYSLOG_IDENTIFIER\":\"p\",\"_PID\":-3}", &g);
	assert_string_equal(g.msg, "12");
	assert_string_equal(g.pid, "-3");
	/* floats, booleans and objects are no value */
	DECODE("{\"MESSAGE\":1.5,\"SYSLOG_IDENTIFIER\":{\"a\":1},"
	       "\"_COMM\":true}",
	    &g);
	assert_int_equal(g.f, SYSLOG_JSON);
	assert_int_equal(g.msglen, 0);
	assert_int_equal(g.h.proglen, 0);
}

/* The reader of the journal hands entries to journal_hdr() directly. */
static void
journal_hdr__longest_message__fits_longer__minus_1(void **state)
{
	struct journal_entry e;
	struct syslog_hdr h;
	const char *text;
	size_t len;
	char *msg = malloc(JOURNAL_MAX + 1);
	char host[300];

	assert_non_null(msg);
	memset(msg, 'm', JOURNAL_MAX + 1);
	memset(host, 'h', sizeof(host));
	memset(&e, 0, sizeof(e));
	e.v[JOURNAL_MESSAGE] = msg;
	e.n[JOURNAL_MESSAGE] = SCAN_MAX_LINE;
	e.v[JOURNAL_HOST] = host;
	e.n[JOURNAL_HOST] = sizeof(host);
	e.v[JOURNAL_IDENT] = "postfix/smtp";
	e.n[JOURNAL_IDENT] = 12;
	e.usec = 1795384801000000;
	e.has_usec = 1;
	assert_int_equal(journal_hdr(dec, &e, &h, &text, &len), 0);
	assert_int_equal(h.msglen, SCAN_MAX_LINE);
	assert_int_equal(h.hostlen, sizeof(host));
	assert_int_equal(len, 33 + sizeof(host) + 1 + 12 + 2 + SCAN_MAX_LINE);
	e.n[JOURNAL_MESSAGE] = JOURNAL_MAX + 1;
	assert_int_equal(journal_hdr(dec, &e, &h, &text, &len), -1);
	free(msg);
}

static void
journal_field_name__fields__journal_names(void **state)
{
	assert_string_equal(journal_field_name(JOURNAL_MESSAGE), "MESSAGE");
	assert_string_equal(journal_field_name(JOURNAL_IDENT),
	    "SYSLOG_IDENTIFIER");
	assert_string_equal(journal_field_name(JOURNAL_HOST), "_HOSTNAME");
	assert_null(journal_field_name(JOURNAL_NFIELDS));
	assert_null(journal_field_name(-1));
}

/* ---- a run over JSON lines ---------------------------------------- */

static struct pat_set *pats;

static int
setup_pats(void **state)
{
	char dir[4096], err[1024];
	const char *top = getenv("top_srcdir");

	snprintf(dir, sizeof(dir), "%s/patterns", top ? top : "..");
	pats = pat_load_dir(dir, err, sizeof(err));
	if (pats == NULL)
		fprintf(stderr, "%s\n", err);
	return pats == NULL ? -1 : 0;
}

static int
teardown_pats(void **state)
{
	pat_free(pats);
	pats = NULL;
	return 0;
}

#define LINE(r, s, n) run_line(r, s, strlen(s), "test", n)

static void
run_line__json_and_syslog_mixed__every_line_counted(void **state)
{
	struct agg_counts *c;
	struct run r;
	uint64_t sum;
	int k;

	run_init(&r, pats, 1795392000);
	LINE(&r, line_pf, 1);
	LINE(&r,
	    "2026-11-22T18:55:28.456235+00:00 mail postfix/smtp[31151]: "
	    "6DB7A10245E: to=<ok2@example.net>, "
	    "relay=127.0.0.1[127.0.0.1]:2525, delay=0.01, delays=0/0/0/0, "
	    "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 737280002)",
	    2);
	LINE(&r, "{\"MESSAGE\":\"broken", 3);
	LINE(&r,
	    "\x1e{\"MESSAGE\":\"(root) CMD (true)\","
	    "\"SYSLOG_IDENTIFIER\":\"CRON\"}",
	    4);
	LINE(&r,
	    "{\"MESSAGE\":\"connect from localhost[127.0.0.1]\","
	    "\"SYSLOG_IDENTIFIER\":\"postfix/smtpd\","
	    "\"__REALTIME_TIMESTAMP\":\"1795384900000000\"}",
	    5);
	c = agg_counts(r.agg);
	assert_int_equal(c->lines, 5);
	assert_int_equal(c->kind[AGG_EVENT], 2);
	assert_int_equal(c->kind[AGG_NOREPLY], 1);
	assert_int_equal(c->kind[AGG_SKIP_NOHDR], 1);
	assert_int_equal(c->kind[AGG_SKIP_OTHER], 1);
	for (sum = c->overlong, k = 0; k < AGG_NKINDS; k++)
		sum += c->kind[k];
	assert_int_equal(sum, c->lines);
	assert_int_equal(c->first, 1795373728);
	assert_int_equal(c->last, 1795384900);
	run_done(&r);
}

static void
run_line__json_unparsed__sample_is_the_entry_as_syslog(void **state)
{
	const struct agg_sample *s;
	const char *want;
	struct run r;
	size_t n;

	run_init(&r, pats, 1795392000);
	LINE(&r,
	    "{\"MESSAGE\":\"A1: to=<a@b>, status=weird (599 zzz)\","
	    "\"SYSLOG_IDENTIFIER\":\"postfix/smtp\",\"_PID\":\"9\","
	    "\"_HOSTNAME\":\"mx\"}",
	    7);
	assert_int_equal(agg_counts(r.agg)->kind[AGG_UNPARSED], 1);
	s = agg_samples(r.agg, &n);
	assert_int_equal(n, 1);
	assert_string_equal(s[0].name, "test");
	assert_int_equal(s[0].lineno, 7);
	want = "mx postfix/smtp[9]: A1: to=<a@b>, status=weird (599 zzz)";
	assert_int_equal(s[0].len, strlen(want));
	assert_memory_equal(s[0].text, want, strlen(want));
	run_done(&r);
}

/* ---- reading the journal -------------------------------------------- */

static char jdir[64] = "";

/* A journal file at PATH made by systemd-journal-remote from an export
 * stream. 0, or -1 when that program is missing or failed. */
static int
make_journal(const char *path, const char *export)
{
	static const char *const tools[] = {
	    "/lib/systemd/systemd-journal-remote",
	    "/usr/lib/systemd/systemd-journal-remote",
	};
	char in[128], cmd[512];
	FILE *fp;
	size_t i;

	snprintf(in, sizeof(in), "%s/in.export", jdir);
	if ((fp = fopen(in, "w")) == NULL)
		return -1;
	fputs(export, fp);
	fclose(fp);
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		if (access(tools[i], X_OK) != 0)
			continue;
		snprintf(cmd, sizeof(cmd), "%s --output=%s - < %s 2>/dev/null",
		    tools[i], path, in);
		return system(cmd) == 0 && access(path, R_OK) == 0 ? 0 : -1;
	}
	return -1;
}

/* One export entry at SEC seconds. */
#define ENTRY(sec, mono, unit, ident, msg)                                     \
	"__REALTIME_TIMESTAMP=" #sec "000000\n"                                \
	"__MONOTONIC_TIMESTAMP=" #mono "\n"                                    \
	"_BOOT_ID=5f3c0e1ab6a34c8d9e2f71c4d8b09a11\n"                          \
	"_HOSTNAME=mail\n" unit "SYSLOG_IDENTIFIER=" ident "\n"                \
	"_PID=10\n"                                                            \
	"MESSAGE=" msg "\n\n"

#define PF_SENT                                                                \
	"A1: to=<a@example.net>, relay=x[192.0.2.1]:25, delay=1, "             \
	"delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)"

static const char export_mixed[] = ENTRY(1795380000, 1001,
    "_SYSTEMD_UNIT=postfix@-.service\n", "postfix/smtp",
    PF_SENT) ENTRY(1795381000, 1002, "_SYSTEMD_UNIT=cron.service\n", "CRON",
    "(root) CMD (true)") ENTRY(1795382000, 1003, "", "postfix/smtp", PF_SENT)
    ENTRY(1795383000, 1004, "_SYSTEMD_UNIT=sendmail.service\n", "sm-mta",
	"A2: to=<b@example.net>, delay=00:00:01, mailer=esmtp, "
	"pri=1, relay=x. [192.0.2.2], dsn=2.0.0, stat=Sent (ok)")
	ENTRY(1795384000, 1005, "_SYSTEMD_UNIT=postfix@-.service\n",
	    "postfix/smtp", PF_SENT);

static char jfile[128];

/* The test journal, in a directory of its own; jfile is "" without it. */
static int
journal_make(void)
{
	strcpy(jdir, "/tmp/smtplog-test-journal.XXXXXX");
	if (mkdtemp(jdir) == NULL)
		return -1;
	snprintf(jfile, sizeof(jfile), "%s/mail.journal", jdir);
	if (make_journal(jfile, export_mixed) < 0)
		jfile[0] = '\0';
	return 0;
}

static void
journal_remove(void)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", jdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", jdir);
}

/* The lines and events a --journal read over the test journal gives. */
static void
read_journal(const char *const *units, size_t nunits, int has_since,
    time_t since, int has_until, time_t until, uint64_t *lines,
    uint64_t *events)
{
	struct journal_opts o;
	const char *files[1];
	struct run r;

	memset(&o, 0, sizeof(o));
	files[0] = jfile;
	o.files = files;
	o.nfiles = 1;
	o.units = (const char **)units;
	o.nunits = nunits;
	run_init(&r, pats, 1795392000);
	r.win.has_since = has_since;
	r.win.since = since;
	r.win.has_until = has_until;
	r.win.until = until;
	assert_int_equal(journal_read(&r, &o), 0);
	assert_int_equal(r.errors, 0);
	*lines = agg_counts(r.agg)->lines;
	*events = agg_counts(r.agg)->kind[AGG_EVENT];
	run_done(&r);
}

/* Built without libsystemd, journal_read() refuses: no line, one error. */
static int
refused(void)
{
	struct journal_opts o;
	const char *files[] = {"any.journal"};
	struct run r;

	if (journal_available())
		return 0;
	memset(&o, 0, sizeof(o));
	o.files = files;
	o.nfiles = 1;
	run_init(&r, pats, 1795392000);
	assert_int_equal(journal_read(&r, &o), -1);
	assert_int_equal(r.errors, 1);
	assert_int_equal(agg_counts(r.agg)->lines, 0);
	run_done(&r);
	return 1;
}

#define NEED_JOURNAL()                                                         \
	do {                                                                   \
		if (refused())                                                 \
			return;                                                \
	} while (0)

static void
journal_read__default__mail_units_and_programs(void **state)
{
	uint64_t lines, events;

	NEED_JOURNAL();
	/* the cron line is left out; the Postfix line without a unit is in */
	read_journal(NULL, 0, 0, 0, 0, 0, &lines, &events);
	assert_int_equal(lines, 4);
	assert_int_equal(events, 4);
}

static void
journal_read__unit_glob__only_that_unit(void **state)
{
	static const char *const pf[] = {"postfix@*"};
	static const char *const sm[] = {"sendmail"};
	static const char *const both[] = {"postfix@-.service", "sendmail"};
	static const char *const none[] = {"nonexistent.service"};
	uint64_t lines, events;

	NEED_JOURNAL();
	read_journal(pf, 1, 0, 0, 0, 0, &lines, &events);
	assert_int_equal(lines, 2);
	read_journal(sm, 1, 0, 0, 0, 0, &lines, &events);
	assert_int_equal(lines, 1);
	assert_int_equal(events, 1);
	read_journal(both, 2, 0, 0, 0, 0, &lines, &events);
	assert_int_equal(lines, 3);
	/* no unit matches: nothing at all, not everything */
	read_journal(none, 1, 0, 0, 0, 0, &lines, &events);
	assert_int_equal(lines, 0);
}

static void
journal_read__window__since_inclusive_until_exclusive(void **state)
{
	uint64_t lines, events;

	NEED_JOURNAL();
	read_journal(NULL, 0, 1, 1795382000, 0, 0, &lines, &events);
	assert_int_equal(lines, 3);
	read_journal(NULL, 0, 0, 0, 1, 1795382000, &lines, &events);
	assert_int_equal(lines, 1);
	read_journal(NULL, 0, 1, 1795380001, 1, 1795384000, &lines, &events);
	assert_int_equal(lines, 2);
	read_journal(NULL, 0, 1, 1795390000, 0, 0, &lines, &events);
	assert_int_equal(lines, 0);
	read_journal(NULL, 0, 1, 0, 1, 1795390000, &lines, &events);
	assert_int_equal(lines, 4);
}

static void
journal_read__missing_file__error_counted(void **state)
{
	struct journal_opts o;
	const char *files[] = {"/nonexistent/x.journal"};
	struct run r;

	memset(&o, 0, sizeof(o));
	o.files = files;
	o.nfiles = 1;
	run_init(&r, pats, 1795392000);
	assert_int_equal(journal_read(&r, &o), -1);
	assert_int_equal(r.errors, 1);
	assert_int_equal(agg_counts(r.agg)->lines, 0);
	run_done(&r);
}

#define DEC(f) cmocka_unit_test_setup_teardown(f, setup_dec, teardown_dec)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    DEC(journal_json__journalctl_line__syslog_header),
	    DEC(journal_json__json_seq_record__same_header),
	    DEC(journal_json__escapes__decoded),
	    DEC(journal_json__byte_array_message__bytes),
	    DEC(journal_json__byte_array_identifier__bytes),
	    DEC(journal_json__byte_out_of_range__field_absent),
	    DEC(journal_json__several_values__first_taken),
	    DEC(journal_json__null_message__empty_message),
	    DEC(journal_json__null_identifier_and_pid__comm_and_syslog_pid),
	    DEC(journal_json__no_program__message_alone),
	    DEC(journal_json__exim_inner_time__stripped),
	    DEC(journal_json__broken__none_and_text_unchanged),
	    DEC(journal_json__nul_after_object__none),
	    DEC(journal_json__too_long__none),
	    DEC(journal_json__huge_numbers__no_time),
	    DEC(journal_json__last_usable_time__year_9999),
	    DEC(journal_json__numbers_as_values__decimal_text),
	    DEC(journal_hdr__longest_message__fits_longer__minus_1),
	    cmocka_unit_test(journal_field_name__fields__journal_names),
	    cmocka_unit_test(
		run_line__json_and_syslog_mixed__every_line_counted),
	    cmocka_unit_test(
		run_line__json_unparsed__sample_is_the_entry_as_syslog),
	    cmocka_unit_test(journal_read__missing_file__error_counted),
	    /* these last: they need the test journal */
	    cmocka_unit_test(journal_read__default__mail_units_and_programs),
	    cmocka_unit_test(journal_read__unit_glob__only_that_unit),
	    cmocka_unit_test(
		journal_read__window__since_inclusive_until_exclusive),
	};
	size_t n = sizeof(tests) / sizeof(tests[0]);
	int rc;

	setenv("TZ", "UTC", 1);
	if (journal_make() < 0)
		return 1;
	/*
	 * With libsystemd but no systemd-journal-remote there is no journal
	 * to read: those tests are left out (tests/journal.sh says SKIP). A
	 * smtplog without libsystemd runs them to check that it refuses.
	 */
	if (journal_available() && jfile[0] == '\0') {
		fprintf(stderr,
		    "# systemd-journal-remote could not write a "
		    "journal: the journal_read tests are left out\n");
		n -= 3;
	}
	/* one group: the patterns are loaded once */
	rc = _cmocka_run_group_tests("journal", tests, n, setup_pats,
	    teardown_pats);
	journal_remove();
	return rc;
}
