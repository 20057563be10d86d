/*
 * test_syslog.c - unit tests for syslog.c.
 *
 * syslog_parse(): one table case per header form with every field checked
 * (format, broken-down time, offset, host, program, pid, message): BSD
 * (one-digit and zero-padded days, fractions), RFC 3339 (Z, +hh:mm,
 * +hhmm, negative), journalctl short-full and short-unix, journal markers,
 * Exim's own log (pid, milliseconds, offset), the ISO-space syslog form,
 * Exim and Solaris prefixes stripped from the message, docker compose
 * prefixes, tags without pid or host, and lines that are no header.
 * syslog_time(): offsets, year-less lines against a fixed NOW (year
 * rollover, the one-day future limit, Feb 29), refused impossible dates,
 * the per-hour cache, a non-UTC TZ. syslog_days_from_civil().
 * The program runs with TZ=UTC (set in main).
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
#include <time.h>

#include "syslog.h"

/* One syslog_parse() case: the line and every field expected. */
struct parse_case {
	const char *line;
	enum syslog_fmt fmt;
	int year, mon, mday, hour, min, sec;
	int has_offset, utc_offset;
	int64_t unix_time;
	const char *host, *prog, *pid, *msg;
};

/* A field (P, N) must read WANT; non-empty fields point into the line. */
static void
check_field(const char *what, const char *line, size_t len, const char *p,
    size_t n, const char *want)
{
	if (n != strlen(want) || (n > 0 && memcmp(p, want, n) != 0))
		fail_msg("%s: got \"%.*s\" (%zu), want \"%s\"", what,
		    p ? (int)n : 0, p ? p : "", n, want);
	if (n > 0 && (p < line || p + n > line + len))
		fail_msg("%s: points outside the line", what);
}

static void
run_parse_case(void **state)
{
	const struct parse_case *c = *state;
	size_t len = strlen(c->line);
	struct syslog_hdr h;

	memset(&h, 0x5a, sizeof(h));
	assert_int_equal(syslog_parse(c->line, len, &h), c->fmt);
	assert_int_equal(h.fmt, c->fmt);
	assert_int_equal(h.year, c->year);
	assert_int_equal(h.mon, c->mon);
	assert_int_equal(h.mday, c->mday);
	assert_int_equal(h.hour, c->hour);
	assert_int_equal(h.min, c->min);
	assert_int_equal(h.sec, c->sec);
	assert_int_equal(h.has_offset, c->has_offset);
	assert_int_equal(h.utc_offset, c->utc_offset);
	assert_int_equal(h.unix_time, c->unix_time);
	check_field("host", c->line, len, h.host, h.hostlen, c->host);
	if (c->fmt == SYSLOG_EXIM)
		assert_memory_equal(h.prog, "exim", 4);
	check_field("prog", c->fmt == SYSLOG_EXIM ? h.prog : c->line,
	    c->fmt == SYSLOG_EXIM ? h.proglen : len, h.prog, h.proglen,
	    c->prog);
	check_field("pid", c->line, len, h.pid, h.pidlen, c->pid);
	check_field("msg", c->line, len, h.msg, h.msglen, c->msg);
}

#define MSG_EXIM_DELIVERY "1tEq9X-0001aB-Cd => a@b R=dnslookup T=remote_smtp"

static struct parse_case p_bsd = {"Nov 22 10:00:01 mail postfix/smtp[123]: msg",
    SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "postfix/smtp", "123",
    "msg"};
static struct parse_case p_bsd_day_2sp =
    {"Nov  2 03:04:05 mail postfix/smtp[123]: x", SYSLOG_BSD, 0, 11, 2, 3, 4, 5,
	0, 0, 0, "mail", "postfix/smtp", "123", "x"};
static struct parse_case p_bsd_day_1sp =
    {"Nov 2 03:04:05 mail postfix/smtp[123]: x", SYSLOG_BSD, 0, 11, 2, 3, 4, 5,
	0, 0, 0, "mail", "postfix/smtp", "123", "x"};
static struct parse_case p_bsd_day_zero =
    {"Nov 02 03:04:05 mail postfix/qmgr[9]: x", SYSLOG_BSD, 0, 11, 2, 3, 4, 5,
	0, 0, 0, "mail", "postfix/qmgr", "9", "x"};
static struct parse_case p_bsd_jan =
    {"Jan 31 23:59:59 mx postfix/smtpd[7]: connect from x[192.0.2.1]",
	SYSLOG_BSD, 0, 1, 31, 23, 59, 59, 0, 0, 0, "mx", "postfix/smtpd", "7",
	"connect from x[192.0.2.1]"};
static struct parse_case p_bsd_dec = {"Dec  9 00:00:00 mx postfix/smtpd[7]: y",
    SYSLOG_BSD, 0, 12, 9, 0, 0, 0, 0, 0, 0, "mx", "postfix/smtpd", "7", "y"};
static struct parse_case p_bsd_precise =
    {"Nov 22 10:00:01.123456 mail postfix/smtp[123]: msg", SYSLOG_BSD, 0, 11,
	22, 10, 0, 1, 0, 0, 0, "mail", "postfix/smtp", "123", "msg"};
static struct parse_case p_bsd_colons_in_msg =
    {"Nov 22 10:00:01 mail postfix/smtpd[345]: NOQUEUE: reject: RCPT "
     "from x[192.0.2.1]: 554 5.7.1 <a@b>: Relay access denied",
	SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "postfix/smtpd",
	"345",
	"NOQUEUE: reject: RCPT from x[192.0.2.1]: 554 5.7.1 <a@b>: Relay "
	"access denied"};
static struct parse_case p_bsd_no_pid = {"Nov 22 10:00:01 mail postfix/smtp: x",
    SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "postfix/smtp", "", "x"};
static struct parse_case p_bsd_no_host = {"Nov 22 10:00:01 postfix/smtp[1]: x",
    SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "", "postfix/smtp", "1", "x"};
static struct parse_case p_bsd_empty_msg =
    {"Nov 22 10:00:01 mail postfix/smtp[1]:", SYSLOG_BSD, 0, 11, 22, 10, 0, 1,
	0, 0, 0, "mail", "postfix/smtp", "1", ""};
static struct parse_case p_sendmail =
    {"Nov 22 10:00:01 mail sm-mta[42]: 5AMA01x1000042: to=<a@b>, "
     "stat=Sent",
	SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "sm-mta", "42",
	"5AMA01x1000042: to=<a@b>, stat=Sent"};
static struct parse_case p_solaris =
    {"Nov 22 10:00:01 mail sendmail[4242]: [ID 801593 mail.info] "
     "5AMA01x1: to=<a@b>, stat=Sent",
	SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "sendmail", "4242",
	"5AMA01x1: to=<a@b>, stat=Sent"};
static struct parse_case p_solaris_postfix =
    {"Nov 22 10:00:01 mail postfix/smtp[1]: [ID 197553 mail.info] "
     "ABC: to=<a@b>, status=sent",
	SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "postfix/smtp", "1",
	"ABC: to=<a@b>, status=sent"};
static struct parse_case p_exim_via_syslog =
    {"Nov 22 10:00:01 mail exim[12]: 2026-11-22 10:00:01 [12] "
     "1tEq9X-0001aB-Cd => a@b",
	SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "exim", "12",
	"1tEq9X-0001aB-Cd => a@b"};
static struct parse_case p_exim_via_syslog_nopid =
    {"Nov 22 10:00:01 mail exim[12]: 2026-11-22 10:00:01.250 "
     "1tEq9X-0001aB-Cd Completed",
	SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "exim", "12",
	"1tEq9X-0001aB-Cd Completed"};
static struct parse_case p_exim4_via_syslog =
    {"Nov 22 10:00:01 mail exim4[12]: [12] 1tEq9X-0001aB-Cd Completed",
	SYSLOG_BSD, 0, 11, 22, 10, 0, 1, 0, 0, 0, "mail", "exim4", "12",
	"1tEq9X-0001aB-Cd Completed"};
static struct parse_case p_compose =
    {"smtp_1       | Nov 17 13:36:09 mail postfix/smtpd[345]: x", SYSLOG_BSD, 0,
	11, 17, 13, 36, 9, 0, 0, 0, "mail", "postfix/smtpd", "345", "x"};
static struct parse_case p_compose_rfc3339 =
    {"postfix-mailcow-1  | 2026-11-22T10:00:01+00:00 mail "
     "postfix/smtpd[345]: x",
	SYSLOG_RFC3339, 2026, 11, 22, 10, 0, 1, 1, 0, 0, "mail",
	"postfix/smtpd", "345", "x"};
static struct parse_case p_rfc3339_frac_colon =
    {"2026-11-22T10:00:01.123456+01:00 mail postfix/smtp[123]: msg",
	SYSLOG_RFC3339, 2026, 11, 22, 10, 0, 1, 1, 3600, 0, "mail",
	"postfix/smtp", "123", "msg"};
static struct parse_case p_rfc3339_z =
    {"2026-11-22T10:00:01Z mail postfix/smtp[123]: msg", SYSLOG_RFC3339, 2026,
	11, 22, 10, 0, 1, 1, 0, 0, "mail", "postfix/smtp", "123", "msg"};
static struct parse_case p_rfc3339_frac_z =
    {"2026-11-22T10:00:01.5Z mail postfix/smtp[123]: msg", SYSLOG_RFC3339, 2026,
	11, 22, 10, 0, 1, 1, 0, 0, "mail", "postfix/smtp", "123", "msg"};
static struct parse_case p_rfc3339_hhmm =
    {"2026-11-22T10:00:01+0100 mail postfix/smtp[123]: msg", SYSLOG_RFC3339,
	2026, 11, 22, 10, 0, 1, 1, 3600, 0, "mail", "postfix/smtp", "123",
	"msg"};
static struct parse_case p_rfc3339_nofrac =
    {"2026-11-22T10:00:01+01:00 mail postfix/smtp[123]: msg", SYSLOG_RFC3339,
	2026, 11, 22, 10, 0, 1, 1, 3600, 0, "mail", "postfix/smtp", "123",
	"msg"};
static struct parse_case p_rfc3339_negative =
    {"2026-11-22T10:00:01.000-05:00 mail postfix/smtp[123]: msg",
	SYSLOG_RFC3339, 2026, 11, 22, 10, 0, 1, 1, -18000, 0, "mail",
	"postfix/smtp", "123", "msg"};
static struct parse_case p_rfc3339_half_hour =
    {"2026-11-22T10:00:01-0330 mail postfix/smtp[123]: msg", SYSLOG_RFC3339,
	2026, 11, 22, 10, 0, 1, 1, -12600, 0, "mail", "postfix/smtp", "123",
	"msg"};
static struct parse_case p_rfc3339_india =
    {"2026-11-22T10:00:01+05:30 mail postfix/smtp[123]: msg", SYSLOG_RFC3339,
	2026, 11, 22, 10, 0, 1, 1, 19800, 0, "mail", "postfix/smtp", "123",
	"msg"};
static struct parse_case p_full_utc =
    {"Sun 2026-11-22 10:00:01 UTC mail postfix/smtp[1]: x", SYSLOG_FULL, 2026,
	11, 22, 10, 0, 1, 1, 0, 0, "mail", "postfix/smtp", "1", "x"};
static struct parse_case p_full_cet =
    {"Sun 2026-11-22 10:00:01 CET mail postfix/smtp[1]: x", SYSLOG_FULL, 2026,
	11, 22, 10, 0, 1, 0, 0, 0, "mail", "postfix/smtp", "1", "x"};
static struct parse_case p_full_gmt =
    {"Mon 2026-11-23 00:00:00 GMT mail postfix/smtp[1]: x", SYSLOG_FULL, 2026,
	11, 23, 0, 0, 0, 1, 0, 0, "mail", "postfix/smtp", "1", "x"};
static struct parse_case p_full_numeric_zone =
    {"Sun 2026-11-22 10:00:01 +0100 mail postfix/smtp[1]: x", SYSLOG_FULL, 2026,
	11, 22, 10, 0, 1, 1, 3600, 0, "mail", "postfix/smtp", "1", "x"};
/* zones without a letter abbreviation print as "+03" (Europe/Istanbul) */
static struct parse_case p_full_hour_zone =
    {"Sun 2026-11-22 10:00:01 +03 mail postfix/smtp[1]: x", SYSLOG_FULL, 2026,
	11, 22, 10, 0, 1, 1, 10800, 0, "mail", "postfix/smtp", "1", "x"};
static struct parse_case p_full_hour_zone_west =
    {"Sun 2026-11-22 10:00:01 -03 mail postfix/smtp[1]: x", SYSLOG_FULL, 2026,
	11, 22, 10, 0, 1, 1, -10800, 0, "mail", "postfix/smtp", "1", "x"};
static struct parse_case p_unix = {"1763805601.123456 mail postfix/smtp[1]: x",
    SYSLOG_UNIX, 0, 0, 0, 0, 0, 0, 1, 0, 1763805601, "mail", "postfix/smtp",
    "1", "x"};
static struct parse_case p_unix_nofrac = {"1763805601 mail postfix/smtp[1]: x",
    SYSLOG_UNIX, 0, 0, 0, 0, 0, 0, 1, 0, 1763805601, "mail", "postfix/smtp",
    "1", "x"};
static struct parse_case p_marker_boot =
    {"-- Boot 5f3c0a1b2c3d4e5f6a7b8c9d0e1f2a3b --", SYSLOG_MARKER, 0, 0, 0, 0,
	0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_marker_noentries = {"-- No entries --",
    SYSLOG_MARKER, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_marker_begin =
    {"-- Logs begin at Sun 2026-11-22 10:00:01 UTC, end at Sun "
     "2026-11-22 11:00:01 UTC. --",
	SYSLOG_MARKER, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_exim = {"2026-11-22 10:00:01 " MSG_EXIM_DELIVERY,
    SYSLOG_EXIM, 2026, 11, 22, 10, 0, 1, 0, 0, 0, "", "exim", "",
    MSG_EXIM_DELIVERY};
static struct parse_case p_exim_pid =
    {"2026-11-22 10:00:01 [1234] " MSG_EXIM_DELIVERY, SYSLOG_EXIM, 2026, 11, 22,
	10, 0, 1, 0, 0, 0, "", "exim", "1234", MSG_EXIM_DELIVERY};
static struct parse_case p_exim_ms =
    {"2026-11-22 10:00:01.123 [1234] " MSG_EXIM_DELIVERY, SYSLOG_EXIM, 2026, 11,
	22, 10, 0, 1, 0, 0, 0, "", "exim", "1234", MSG_EXIM_DELIVERY};
static struct parse_case p_exim_offset =
    {"2026-11-22 10:00:01 +0100 [1234] " MSG_EXIM_DELIVERY, SYSLOG_EXIM, 2026,
	11, 22, 10, 0, 1, 1, 3600, 0, "", "exim", "1234", MSG_EXIM_DELIVERY};
static struct parse_case p_exim_ms_offset =
    {"2026-11-22 10:00:01.123 -0500 1tEq9X-0001aB-Cd Completed", SYSLOG_EXIM,
	2026, 11, 22, 10, 0, 1, 1, -18000, 0, "", "exim", "",
	"1tEq9X-0001aB-Cd Completed"};
static struct parse_case p_exim_reject =
    {"2026-11-22 10:00:01 H=(x) [192.0.2.1] F=<a@b> rejected RCPT <c@d>: "
     "relay not permitted",
	SYSLOG_EXIM, 2026, 11, 22, 10, 0, 1, 0, 0, 0, "", "exim", "",
	"H=(x) [192.0.2.1] F=<a@b> rejected RCPT <c@d>: relay not permitted"};
static struct parse_case p_iso =
    {"2019-10-22 03:39:17 mx1.example exim[29786]: dovecot_login "
     "authenticator failed for (User) [192.0.2.1]: 535 Incorrect "
     "authentication data",
	SYSLOG_ISO, 2019, 10, 22, 3, 39, 17, 0, 0, 0, "mx1.example", "exim",
	"29786",
	"dovecot_login authenticator failed for (User) [192.0.2.1]: 535 "
	"Incorrect authentication data"};
static struct parse_case p_iso_postfix =
    {"2026-11-22 10:00:01 mx postfix/smtp[9]: ABC: to=<a@b>, status=sent",
	SYSLOG_ISO, 2026, 11, 22, 10, 0, 1, 0, 0, 0, "mx", "postfix/smtp", "9",
	"ABC: to=<a@b>, status=sent"};
/* an impossible date keeps its format; syslog_time() refuses it */
static struct parse_case p_feb30 = {"Feb 30 10:00:01 mail postfix/smtp[1]: x",
    SYSLOG_BSD, 0, 2, 30, 10, 0, 1, 0, 0, 0, "mail", "postfix/smtp", "1", "x"};
static struct parse_case p_hour25 = {"Nov 22 25:61:00 mail postfix/smtp[1]: x",
    SYSLOG_BSD, 0, 11, 22, 25, 61, 0, 0, 0, 0, "mail", "postfix/smtp", "1",
    "x"};
static struct parse_case p_none_text = {"hello world", SYSLOG_NONE, 0, 0, 0, 0,
    0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_empty = {"", SYSLOG_NONE, 0, 0, 0, 0, 0, 0, 0,
    0, 0, "", "", "", ""};
static struct parse_case p_none_month = {"Foo 22 10:00:01 x y: z", SYSLOG_NONE,
    0, 0, 0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_truncated = {"Nov 22 10:0", SYSLOG_NONE, 0, 0,
    0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_time_only = {"Nov 22 10:00:01 ", SYSLOG_NONE, 0,
    0, 0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_no_tag = {"Nov 22 10:00:01 mail", SYSLOG_NONE,
    0, 0, 0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_tag_no_colon =
    {"Nov 22 10:00:01 mail postfix hello", SYSLOG_NONE, 0, 0, 0, 0, 0, 0, 0, 0,
	0, "", "", "", ""};
static struct parse_case p_none_bad_time =
    {"Nov 22 1a:00:01 mail postfix/smtp[1]: x", SYSLOG_NONE, 0, 0, 0, 0, 0, 0,
	0, 0, 0, "", "", "", ""};
static struct parse_case p_none_rfc3339_no_zone =
    {"2026-11-22T10:00:01 mail postfix/smtp[1]: x", SYSLOG_NONE, 0, 0, 0, 0, 0,
	0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_short_number = {"12345 mail postfix/smtp[1]: x",
    SYSLOG_NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_exim_no_msg = {"2026-11-22 10:00:01",
    SYSLOG_NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_full_bad_day =
    {"Xyz 2026-11-22 10:00:01 UTC mail postfix/smtp[1]: x", SYSLOG_NONE, 0, 0,
	0, 0, 0, 0, 0, 0, 0, "", "", "", ""};
static struct parse_case p_none_lowercase_month =
    {"nov 22 10:00:01 mail postfix/smtp[1]: x", SYSLOG_NONE, 0, 0, 0, 0, 0, 0,
	0, 0, 0, "", "", "", ""};
static struct parse_case p_none_pipe_not_compose = {"a | b c d e f g h i j k",
    SYSLOG_NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "", "", ""};

/* Parse LINE (which must have a header) and convert it with NOW. */
static int
line_time(const char *line, time_t now, time_t *t)
{
	struct syslog_hdr h;
	struct syslog_clock c;

	syslog_clock_init(&c, now);
	if (syslog_parse(line, strlen(line), &h) == SYSLOG_NONE)
		fail_msg("no header in \"%s\"", line);
	return syslog_time(&h, &c, t);
}

/* One syslog_time() case: line, NOW, result and epoch expected. */
struct time_case {
	const char *line;
	time_t now;
	int ret;
	time_t want;
};

static void
run_time_case(void **state)
{
	const struct time_case *c = *state;
	time_t t = 12345;

	assert_int_equal(line_time(c->line, c->now, &t), c->ret);
	if (c->ret == 0)
		assert_int_equal(t, c->want);
}

/* Reference instants (UTC), checked with date -u -d ... +%s. */
#define T_2026_11_22_100001 1795341601 /* 2026-11-22T10:00:01Z */
#define T_2026_11_22_120000 1795348800
#define T_2026_11_23_000000 1795392000
#define T_2026_12_31_120000 1798718400
#define T_2027_01_01_001000 1798762200
#define T_2028_01_15_000000 1831507200
#define T_2028_03_10_000000 1836259200
#define NOW_ANY T_2026_11_23_000000

static struct time_case t_rfc_plus1 =
    {"2026-11-22T10:00:01+01:00 mail postfix/smtp[1]: x", NOW_ANY, 0,
	1795338001};
static struct time_case t_rfc_plus1_hhmm_frac =
    {"2026-11-22T10:00:01.999999+0100 mail postfix/smtp[1]: x", NOW_ANY, 0,
	1795338001};
static struct time_case t_rfc_z =
    {"2026-11-22T10:00:01Z mail postfix/smtp[1]: x", NOW_ANY, 0,
	T_2026_11_22_100001};
static struct time_case t_rfc_minus5 =
    {"2026-11-22T10:00:01-05:00 mail postfix/smtp[1]: x", NOW_ANY, 0,
	1795359601};
static struct time_case t_rfc_plus0530 =
    {"2026-11-22T10:00:01+05:30 mail postfix/smtp[1]: x", NOW_ANY, 0,
	1795321801};
/* an offset line is not subject to the future rule: NOW is irrelevant */
static struct time_case t_rfc_future =
    {"2026-11-22T10:00:01Z mail postfix/smtp[1]: x", 0, 0, T_2026_11_22_100001};
static struct time_case t_rfc_leap_day =
    {"2024-02-29T12:00:00Z mail postfix/smtp[1]: x", NOW_ANY, 0, 1709208000};
static struct time_case t_rfc_epoch =
    {"1970-01-01T00:00:00Z mail postfix/smtp[1]: x", NOW_ANY, 0, 0};
static struct time_case t_exim_offset =
    {"2026-11-22 10:00:01 +0100 [1] 1tEq9X-0001aB-Cd Completed", NOW_ANY, 0,
	1795338001};
static struct time_case t_exim_local =
    {"2026-11-22 10:00:01 [1] 1tEq9X-0001aB-Cd Completed", NOW_ANY, 0,
	T_2026_11_22_100001};
static struct time_case t_iso_local =
    {"2019-10-22 03:39:17 mx1.example exim[29786]: x", NOW_ANY, 0, 1571715557};
static struct time_case t_full_utc =
    {"Sun 2026-11-22 10:00:01 UTC mail postfix/smtp[1]: x", NOW_ANY, 0,
	T_2026_11_22_100001};
static struct time_case t_full_cet_local =
    {"Sun 2026-11-22 10:00:01 CET mail postfix/smtp[1]: x", NOW_ANY, 0,
	T_2026_11_22_100001};
static struct time_case t_full_plus03 =
    {"Sun 2026-11-22 13:00:01 +03 mail postfix/smtp[1]: x", NOW_ANY, 0,
	T_2026_11_22_100001};
static struct time_case t_unix = {"1763805601.123456 mail postfix/smtp[1]: x",
    NOW_ANY, 0, 1763805601};
static struct time_case t_bsd_same_year =
    {"Nov 22 10:00:01 mail postfix/smtp[1]: x", T_2026_11_23_000000, 0,
	T_2026_11_22_100001};
static struct time_case t_bsd_precise =
    {"Nov 22 10:00:01.999 mail postfix/smtp[1]: x", T_2026_11_23_000000, 0,
	T_2026_11_22_100001};
static struct time_case t_bsd_new_year =
    {"Dec 31 23:59:59 mail postfix/smtp[1]: x", T_2027_01_01_001000, 0,
	1798761599};
static struct time_case t_bsd_jan1_on_dec31 =
    {"Jan  1 00:00:00 mail postfix/smtp[1]: x", T_2026_12_31_120000, 0,
	1767225600};
/* 22 hours ahead of NOW: within a day, so NOW's year */
static struct time_case t_bsd_22h_ahead =
    {"Nov 23 10:00:01 mail postfix/smtp[1]: x", T_2026_11_22_120000, 0,
	1795428001};
/* 46 hours ahead: more than a day in the future, so the year before */
static struct time_case t_bsd_46h_ahead =
    {"Nov 24 10:00:01 mail postfix/smtp[1]: x", T_2026_11_22_120000, 0,
	1763978401};
static struct time_case t_bsd_feb29_after =
    {"Feb 29 12:00:00 mail postfix/smtp[1]: x", T_2026_11_23_000000, 0,
	1709208000};
static struct time_case t_bsd_feb29_leap_now =
    {"Feb 29 12:00:00 mail postfix/smtp[1]: x", T_2028_03_10_000000, 0,
	1835438400};
/* in a leap year before Feb 29: the leap day before, 2024 */
static struct time_case t_bsd_feb29_leap_before =
    {"Feb 29 12:00:00 mail postfix/smtp[1]: x", T_2028_01_15_000000, 0,
	1709208000};
static struct time_case t_bsd_feb30 =
    {"Feb 30 10:00:01 mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_bsd_apr31 =
    {"Apr 31 10:00:01 mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_bsd_hour25 =
    {"Nov 22 25:61:00 mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_bsd_hour24 =
    {"Nov 22 24:00:00 mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_bsd_min60 =
    {"Nov 22 23:60:00 mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_bsd_sec61 =
    {"Nov 22 23:59:61 mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_bsd_day0 = {"Nov 0 10:00:01 mail postfix/smtp[1]: x",
    NOW_ANY, -1, 0};
static struct time_case t_rfc_feb29_2025 =
    {"2025-02-29T00:00:00Z mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_rfc_feb29_1900 =
    {"1900-02-29T00:00:00Z mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_rfc_feb29_2000 =
    {"2000-02-29T00:00:00Z mail postfix/smtp[1]: x", NOW_ANY, 0, 951782400};
static struct time_case t_rfc_month13 =
    {"2026-13-01T00:00:00Z mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_rfc_month0 =
    {"2026-00-10T00:00:00Z mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_rfc_day0 =
    {"2026-11-00T00:00:00Z mail postfix/smtp[1]: x", NOW_ANY, -1, 0};
static struct time_case t_exim_sec61 =
    {"2026-11-22 10:00:61 1tEq9X-0001aB-Cd Completed", NOW_ANY, -1, 0};

static void
syslog_time__marker__minus_1(void **state)
{
	struct syslog_hdr h;
	struct syslog_clock c;
	time_t t = 7;

	(void)state;
	syslog_clock_init(&c, NOW_ANY);
	assert_int_equal(syslog_parse("-- No entries --", 16, &h),
	    SYSLOG_MARKER);
	assert_int_equal(syslog_time(&h, &c, &t), -1);
	assert_int_equal(t, 7);
}

static void
syslog_time__no_header__minus_1(void **state)
{
	struct syslog_hdr h;
	struct syslog_clock c;
	time_t t = 7;

	(void)state;
	syslog_clock_init(&c, NOW_ANY);
	assert_int_equal(syslog_parse("hello world", 11, &h), SYSLOG_NONE);
	assert_int_equal(syslog_time(&h, &c, &t), -1);
	assert_int_equal(t, 7);
}

/* The per-hour cache must not leak one line's time into another's. */
static void
syslog_time__one_clock_many_lines__each_converted_exactly(void **state)
{
	static const struct {
		const char *line;
		time_t want;
	} seq[] = {
	    {"Nov 22 10:00:01 m p[1]: x", 1795341601},
	    {"Nov 22 10:59:59 m p[1]: x", 1795345199},
	    {"Nov 22 11:00:00 m p[1]: x", 1795345200},
	    {"Nov 22 10:30:00 m p[1]: x", 1795343400},
	    {"Nov 21 10:30:00 m p[1]: x", 1795257000},
	    {"2026-11-22T10:30:00+01:00 m p[1]: x", 1795339800},
	    {"Nov 22 10:30:00 m p[1]: x", 1795343400},
	    {"Nov 24 10:30:00 m p[1]: x", 1763980200},
	    {"Nov 22 10:30:00 m p[1]: x", 1795343400},
	};
	struct syslog_clock c;
	struct syslog_hdr h;
	time_t t;
	size_t i;

	(void)state;
	syslog_clock_init(&c, T_2026_11_22_120000);
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		assert_int_not_equal(syslog_parse(seq[i].line,
					 strlen(seq[i].line), &h),
		    SYSLOG_NONE);
		assert_int_equal(syslog_time(&h, &c, &t), 0);
		if (t != seq[i].want)
			fail_msg("%s: got %lld, want %lld", seq[i].line,
			    (long long)t, (long long)seq[i].want);
	}
}

/*
 * The last answer is kept for the next header with the same fields: a
 * header without a time, an impossible date and an offset that differs
 * must each get their own answer.
 */
static void
syslog_time__same_fields_in_a_row__each_answer_its_own(void **state)
{
	static const char feb30[] = "Feb 30 10:00:01 m p[1]: x";
	static const char ok[] = "Nov 22 10:00:01 m p[1]: x";
	static const char utc[] = "2026-11-22T10:00:01Z m p[1]: x";
	static const char cet[] = "2026-11-22T10:00:01+01:00 m p[1]: x";
	struct syslog_clock c;
	struct syslog_hdr h, none;
	time_t t = 7;

	(void)state;
	syslog_clock_init(&c, T_2026_11_22_120000);
	assert_int_equal(syslog_parse(ok, strlen(ok), &h), SYSLOG_BSD);
	assert_int_equal(syslog_time(&h, &c, &t), 0);
	assert_int_equal(t, 1795341601);
	/* the same fields, but no header: no time */
	none = h;
	none.fmt = SYSLOG_NONE;
	t = 7;
	assert_int_equal(syslog_time(&none, &c, &t), -1);
	assert_int_equal(t, 7);
	assert_int_equal(syslog_time(&h, &c, &t), 0);
	assert_int_equal(t, 1795341601);
	/* no time twice, then a good one */
	assert_int_equal(syslog_parse(feb30, strlen(feb30), &h), SYSLOG_BSD);
	t = 7;
	assert_int_equal(syslog_time(&h, &c, &t), -1);
	assert_int_equal(syslog_time(&h, &c, &t), -1);
	assert_int_equal(t, 7);
	assert_int_equal(syslog_parse(ok, strlen(ok), &h), SYSLOG_BSD);
	assert_int_equal(syslog_time(&h, &c, &t), 0);
	assert_int_equal(t, 1795341601);
	/* the same time of day at two offsets */
	assert_int_equal(syslog_parse(utc, strlen(utc), &h), SYSLOG_RFC3339);
	assert_int_equal(syslog_time(&h, &c, &t), 0);
	assert_int_equal(t, T_2026_11_22_100001);
	assert_int_equal(syslog_parse(cet, strlen(cet), &h), SYSLOG_RFC3339);
	assert_int_equal(syslog_time(&h, &c, &t), 0);
	assert_int_equal(t, T_2026_11_22_100001 - 3600);
}

/* Every three-letter start of a classic line: a month by its name, and
 * nothing else. */
static void
syslog_parse__every_three_letters__only_month_names(void **state)
{
	static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char line[] = "Xxx 22 10:00:01 m p[1]: x";
	struct syslog_hdr h;
	const char *at;
	int a, b, c, want;

	(void)state;
	for (a = '!'; a <= '~'; a++)
		for (b = '!'; b <= '~'; b++)
			for (c = '!'; c <= '~'; c++) {
				line[0] = (char)a;
				line[1] = (char)b;
				line[2] = (char)c;
				want = 0;
				for (at = names; *at; at += 3)
					if (memcmp(at, line, 3) == 0)
						want =
						    (int)(at - names) / 3 + 1;
				if (want == 0) {
					if (syslog_parse(line, strlen(line),
						&h) != SYSLOG_NONE)
						fail_msg("%.3s: a month", line);
					continue;
				}
				assert_int_equal(syslog_parse(line,
						     strlen(line), &h),
				    SYSLOG_BSD);
				assert_int_equal(h.mon, want);
			}
}

/* Each of H and W, as offsets into their lines, are the same. */
static void
assert_same_hdr(const struct syslog_hdr *h, const char *hl,
    const struct syslog_hdr *w, const char *wl, const char *what)
{
	if (h->fmt != w->fmt || h->year != w->year || h->mon != w->mon ||
	    h->mday != w->mday || h->hour != w->hour || h->min != w->min ||
	    h->sec != w->sec || h->has_offset != w->has_offset ||
	    h->utc_offset != w->utc_offset || h->hostlen != w->hostlen ||
	    h->proglen != w->proglen || h->pidlen != w->pidlen ||
	    h->msglen != w->msglen || (h->msg != NULL) != (w->msg != NULL) ||
	    (h->msg != NULL && h->msg - hl != w->msg - wl) ||
	    (h->prog != NULL && h->prog - hl != w->prog - wl))
		fail_msg("%s: parsed differently after another line", what);
}

/*
 * A classic stamp, and an ISO date and time, is parsed once for the lines
 * that share it: each line, read after each other one (same stamp, one
 * byte off, padded day, fraction, broken time, RFC 3339 against Exim's
 * own), is parsed as when read alone.
 */
static void
syslog_parse__after_any_other_line__parsed_as_alone(void **state)
{
	static const char *const lines[] = {
	    "Nov 22 10:00:01 mail postfix/smtpd[7]: connect from x",
	    "Nov 22 10:00:01 other prog: y",
	    "Nov 22 10:00:02 mail postfix/smtpd[7]: connect from x",
	    "Nov 22 10:00:0x mail postfix/smtpd[7]: connect from x",
	    "Nov 22 10:00:01.25 mail postfix/smtpd[7]: z",
	    "Nov 22 10:00:01mail postfix/smtpd[7]: z",
	    "Nov  2 10:00:01 mail postfix/smtpd[7]: connect from x",
	    "Nov 2 10:00:01 mail postfix/smtpd[7]: connect from x",
	    "Nov  22 10:00:01 mail postfix/smtpd[7]: connect from x",
	    "Nov 22 10:00:01 ",
	    "Nov 22 10:00:01 tag-only:",
	    "Dec 22 10:00:01 mail postfix/smtpd[7]: connect from x",
	    "2026-11-22T10:00:01Z mail postfix/smtpd[7]: x",
	    "2026-11-22T10:00:01.5+01:00 mail postfix/smtpd[7]: x",
	    "2026-11-22T10:00:02.5+01:00 mail postfix/smtpd[7]: x",
	    "2026-11-22T10:00:0x.5+01:00 mail postfix/smtpd[7]: x",
	    "2026-11-22T10:00:01 mail postfix/smtpd[7]: no offset",
	    "2026-11-23T10:00:01Z mail postfix/smtpd[7]: x",
	    "2026-11-22 10:00:01 1tEq9X-0001ab-Cd => a@b R=r T=t",
	    "2026-11-22 10:00:01.123 [42] 1tEq9X-0001ab-Cd <= c@d",
	    "2026-11-22 10:00:01 +0100 1tEq9X-0001ab-Cd Completed",
	    "2026-12-22 10:00:01 1tEq9X-0001ab-Cd Completed",
	    "2026-11-22 1O:00:01 1tEq9X-0001ab-Cd Completed",
	    "2026-11-22 10:00:01 mail postfix/smtpd[7]: iso, tagged",
	};
	static const char reset[] = "Jan  1 00:00:00 r r: r";
	const size_t n = sizeof(lines) / sizeof(lines[0]);
	struct syslog_hdr alone[sizeof(lines) / sizeof(lines[0])], h;
	size_t i, j;

	(void)state;
	for (i = 0; i < n; i++) {
		(void)syslog_parse(reset, strlen(reset), &h);
		(void)syslog_parse(lines[i], strlen(lines[i]), &alone[i]);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			(void)syslog_parse(lines[j], strlen(lines[j]), &h);
			(void)syslog_parse(lines[i], strlen(lines[i]), &h);
			assert_same_hdr(&h, lines[i], &alone[i], lines[i],
			    lines[i]);
		}
}

/* Year-less lines are local time: in CET/CEST they are 1 or 2 h ahead. */
static void
syslog_time__local_tz_cet__winter_and_summer_offsets(void **state)
{
	time_t t;

	(void)state;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	assert_int_equal(line_time("Nov 22 10:00:01 m p[1]: x",
			     T_2026_11_23_000000, &t),
	    0);
	assert_int_equal(t, 1795338001);
	assert_int_equal(line_time("Jul 22 10:00:01 m p[1]: x",
			     T_2026_11_23_000000, &t),
	    0);
	assert_int_equal(t, 1784707201);
	/* an explicit offset ignores TZ */
	assert_int_equal(line_time("2026-11-22T10:00:01Z m p[1]: x",
			     T_2026_11_23_000000, &t),
	    0);
	assert_int_equal(t, T_2026_11_22_100001);
	setenv("TZ", "UTC", 1);
	tzset();
}

/* One syslog_days_from_civil() case. */
struct days_case {
	int y, m, d;
	int64_t want;
};

static void
run_days_case(void **state)
{
	const struct days_case *c = *state;

	assert_int_equal(syslog_days_from_civil(c->y, c->m, c->d), c->want);
}

static struct days_case d_epoch = {1970, 1, 1, 0};
static struct days_case d_before_epoch = {1969, 12, 31, -1};
static struct days_case d_2000_02_29 = {2000, 2, 29, 11016};
static struct days_case d_2000_03_01 = {2000, 3, 1, 11017};
static struct days_case d_2026_11_22 = {2026, 11, 22, 20779};
static struct days_case d_2100_03_01 = {2100, 3, 1, 47541};
static struct days_case d_1600_01_01 = {1600, 1, 1, -135140};

static int
setup_utc(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

#define PARSE(name, c)                                                         \
	{                                                                      \
#name, run_parse_case, NULL, NULL, &(c)                        \
	}
#define TIME(name, c)                                                          \
	{                                                                      \
#name, run_time_case, setup_utc, NULL, &(c)                    \
	}
#define DAYS(name, c)                                                          \
	{                                                                      \
#name, run_days_case, NULL, NULL, &(c)                         \
	}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    PARSE(syslog_parse__classic_bsd__all_fields, p_bsd),
	    PARSE(syslog_parse__one_digit_day_two_spaces__mday_2,
		p_bsd_day_2sp),
	    PARSE(syslog_parse__one_digit_day_one_space__mday_2, p_bsd_day_1sp),
	    PARSE(syslog_parse__zero_padded_day__mday_2, p_bsd_day_zero),
	    PARSE(syslog_parse__january__mon_1, p_bsd_jan),
	    PARSE(syslog_parse__december_midnight__mon_12_zero_time, p_bsd_dec),
	    PARSE(syslog_parse__short_precise_fraction__sec_1_bsd,
		p_bsd_precise),
	    PARSE(syslog_parse__colons_in_message__message_whole,
		p_bsd_colons_in_msg),
	    PARSE(syslog_parse__tag_without_pid__pid_empty, p_bsd_no_pid),
	    PARSE(syslog_parse__tag_without_host__host_empty, p_bsd_no_host),
	    PARSE(syslog_parse__nothing_after_tag__msg_empty, p_bsd_empty_msg),
	    PARSE(syslog_parse__sendmail_sm_mta__prog_sm_mta, p_sendmail),
	    PARSE(syslog_parse__solaris_id_prefix__stripped_from_msg,
		p_solaris),
	    PARSE(syslog_parse__solaris_id_prefix_postfix__stripped,
		p_solaris_postfix),
	    PARSE(syslog_parse__exim_via_syslog__inner_time_and_pid_stripped,
		p_exim_via_syslog),
	    PARSE(syslog_parse__exim_via_syslog_ms_no_pid__inner_time_stripped,
		p_exim_via_syslog_nopid),
	    PARSE(syslog_parse__exim4_via_syslog_pid_only__pid_stripped,
		p_exim4_via_syslog),
	    PARSE(syslog_parse__docker_compose_prefix__bsd_after_prefix,
		p_compose),
	    PARSE(syslog_parse__docker_compose_prefix__rfc3339_after_prefix,
		p_compose_rfc3339),
	    PARSE(syslog_parse__rfc3339_fraction_colon_offset__utc_offset_3600,
		p_rfc3339_frac_colon),
	    PARSE(syslog_parse__rfc3339_z__utc_offset_0, p_rfc3339_z),
	    PARSE(syslog_parse__rfc3339_fraction_z__utc_offset_0,
		p_rfc3339_frac_z),
	    PARSE(syslog_parse__rfc3339_hhmm_offset__utc_offset_3600,
		p_rfc3339_hhmm),
	    PARSE(syslog_parse__rfc3339_no_fraction__utc_offset_3600,
		p_rfc3339_nofrac),
	    PARSE(syslog_parse__rfc3339_minus_0500__utc_offset_minus_18000,
		p_rfc3339_negative),
	    PARSE(syslog_parse__rfc3339_minus_0330__utc_offset_minus_12600,
		p_rfc3339_half_hour),
	    PARSE(syslog_parse__rfc3339_plus_0530__utc_offset_19800,
		p_rfc3339_india),
	    PARSE(syslog_parse__short_full_utc__full_offset_0, p_full_utc),
	    PARSE(syslog_parse__short_full_cet__full_no_offset, p_full_cet),
	    PARSE(syslog_parse__short_full_gmt__full_offset_0, p_full_gmt),
	    PARSE(syslog_parse__short_full_numeric_zone__utc_offset_3600,
		p_full_numeric_zone),
	    PARSE(syslog_parse__short_full_plus03_zone__utc_offset_10800,
		p_full_hour_zone),
	    PARSE(syslog_parse__short_full_minus03_zone__utc_offset_minus_10800,
		p_full_hour_zone_west),
	    PARSE(syslog_parse__short_unix__unix_time_set, p_unix),
	    PARSE(syslog_parse__short_unix_no_fraction__unix_time_set,
		p_unix_nofrac),
	    PARSE(syslog_parse__journal_boot_marker__marker, p_marker_boot),
	    PARSE(syslog_parse__journal_no_entries__marker, p_marker_noentries),
	    PARSE(syslog_parse__journal_logs_begin__marker, p_marker_begin),
	    PARSE(syslog_parse__exim_mainlog__exim_no_pid, p_exim),
	    PARSE(syslog_parse__exim_mainlog_pid__pid_1234, p_exim_pid),
	    PARSE(syslog_parse__exim_mainlog_milliseconds__pid_1234, p_exim_ms),
	    PARSE(syslog_parse__exim_mainlog_offset__utc_offset_3600,
		p_exim_offset),
	    PARSE(syslog_parse__exim_ms_negative_offset__utc_offset_minus_18000,
		p_exim_ms_offset),
	    PARSE(syslog_parse__exim_rejectlog_bracket_ip__not_a_pid,
		p_exim_reject),
	    PARSE(syslog_parse__iso_space_syslog_exim__iso_host_prog_pid,
		p_iso),
	    PARSE(syslog_parse__iso_space_syslog_postfix__iso, p_iso_postfix),
	    PARSE(syslog_parse__feb_30__bsd_fields_kept, p_feb30),
	    PARSE(syslog_parse__hour_25_min_61__bsd_fields_kept, p_hour25),
	    PARSE(syslog_parse__plain_text__none, p_none_text),
	    PARSE(syslog_parse__empty__none, p_none_empty),
	    PARSE(syslog_parse__unknown_month__none, p_none_month),
	    PARSE(syslog_parse__truncated_time__none, p_none_truncated),
	    PARSE(syslog_parse__time_only__none, p_none_time_only),
	    PARSE(syslog_parse__host_without_tag__none, p_none_no_tag),
	    PARSE(syslog_parse__tag_without_colon__none, p_none_tag_no_colon),
	    PARSE(syslog_parse__letter_in_time__none, p_none_bad_time),
	    PARSE(syslog_parse__rfc3339_without_zone__none,
		p_none_rfc3339_no_zone),
	    PARSE(syslog_parse__five_digit_number__none, p_none_short_number),
	    PARSE(syslog_parse__exim_time_without_message__none,
		p_none_exim_no_msg),
	    PARSE(syslog_parse__unknown_weekday__none, p_none_full_bad_day),
	    PARSE(syslog_parse__lowercase_month__none, p_none_lowercase_month),
	    PARSE(syslog_parse__pipe_without_header_after__none,
		p_none_pipe_not_compose),
	    cmocka_unit_test(
		syslog_time__same_fields_in_a_row__each_answer_its_own),
	    cmocka_unit_test(
		syslog_parse__every_three_letters__only_month_names),
	    cmocka_unit_test(
		syslog_parse__after_any_other_line__parsed_as_alone),
	    TIME(syslog_time__rfc3339_plus_01_00__epoch_1795338001,
		t_rfc_plus1),
	    TIME(syslog_time__rfc3339_plus_0100_fraction__epoch_1795338001,
		t_rfc_plus1_hhmm_frac),
	    TIME(syslog_time__rfc3339_z__epoch_1795341601, t_rfc_z),
	    TIME(syslog_time__rfc3339_minus_05_00__epoch_1795359601,
		t_rfc_minus5),
	    TIME(syslog_time__rfc3339_plus_05_30__epoch_1795321801,
		t_rfc_plus0530),
	    TIME(syslog_time__rfc3339_after_now__not_moved, t_rfc_future),
	    TIME(syslog_time__rfc3339_leap_day__epoch_1709208000,
		t_rfc_leap_day),
	    TIME(syslog_time__rfc3339_epoch__0, t_rfc_epoch),
	    TIME(syslog_time__exim_plus_0100__epoch_1795338001, t_exim_offset),
	    TIME(syslog_time__exim_local_utc__epoch_1795341601, t_exim_local),
	    TIME(syslog_time__iso_local_utc__epoch_1571715557, t_iso_local),
	    TIME(syslog_time__short_full_utc__epoch_1795341601, t_full_utc),
	    TIME(syslog_time__short_full_cet_tz_utc__local_1795341601,
		t_full_cet_local),
	    TIME(syslog_time__short_full_plus03__epoch_1795341601,
		t_full_plus03),
	    TIME(syslog_time__short_unix__seconds_as_logged, t_unix),
	    TIME(syslog_time__bsd_nov22_now_nov23__year_2026, t_bsd_same_year),
	    TIME(syslog_time__bsd_fraction__whole_seconds, t_bsd_precise),
	    TIME(syslog_time__bsd_dec31_now_jan1__previous_year_2026,
		t_bsd_new_year),
	    TIME(syslog_time__bsd_jan1_now_dec31__same_year_2026_01_01,
		t_bsd_jan1_on_dec31),
	    TIME(syslog_time__bsd_22h_ahead_of_now__same_year, t_bsd_22h_ahead),
	    TIME(syslog_time__bsd_46h_ahead_of_now__previous_year,
		t_bsd_46h_ahead),
	    TIME(syslog_time__bsd_feb29_now_2026__leap_year_2024,
		t_bsd_feb29_after),
	    TIME(syslog_time__bsd_feb29_now_2028_march__year_2028,
		t_bsd_feb29_leap_now),
	    TIME(syslog_time__bsd_feb29_now_2028_january__year_2024,
		t_bsd_feb29_leap_before),
	    TIME(syslog_time__bsd_feb30__minus_1, t_bsd_feb30),
	    TIME(syslog_time__bsd_apr31__minus_1, t_bsd_apr31),
	    TIME(syslog_time__bsd_25_61_00__minus_1, t_bsd_hour25),
	    TIME(syslog_time__bsd_hour_24__minus_1, t_bsd_hour24),
	    TIME(syslog_time__bsd_minute_60__minus_1, t_bsd_min60),
	    TIME(syslog_time__bsd_second_61__minus_1, t_bsd_sec61),
	    TIME(syslog_time__bsd_day_0__minus_1, t_bsd_day0),
	    TIME(syslog_time__rfc3339_feb29_2025__minus_1, t_rfc_feb29_2025),
	    TIME(syslog_time__rfc3339_feb29_1900__minus_1, t_rfc_feb29_1900),
	    TIME(syslog_time__rfc3339_feb29_2000__epoch_951782400,
		t_rfc_feb29_2000),
	    TIME(syslog_time__rfc3339_month_13__minus_1, t_rfc_month13),
	    TIME(syslog_time__rfc3339_month_0__minus_1, t_rfc_month0),
	    TIME(syslog_time__rfc3339_day_0__minus_1, t_rfc_day0),
	    TIME(syslog_time__exim_second_61__minus_1, t_exim_sec61),
	    cmocka_unit_test_setup(syslog_time__marker__minus_1, setup_utc),
	    cmocka_unit_test_setup(syslog_time__no_header__minus_1, setup_utc),
	    cmocka_unit_test_setup(
		syslog_time__one_clock_many_lines__each_converted_exactly,
		setup_utc),
	    cmocka_unit_test_setup(
		syslog_time__local_tz_cet__winter_and_summer_offsets,
		setup_utc),
	    DAYS(syslog_days_from_civil__1970_01_01__0, d_epoch),
	    DAYS(syslog_days_from_civil__1969_12_31__minus_1, d_before_epoch),
	    DAYS(syslog_days_from_civil__2000_02_29__11016, d_2000_02_29),
	    DAYS(syslog_days_from_civil__2000_03_01__11017, d_2000_03_01),
	    DAYS(syslog_days_from_civil__2026_11_22__20779, d_2026_11_22),
	    DAYS(syslog_days_from_civil__2100_03_01__47541, d_2100_03_01),
	    DAYS(syslog_days_from_civil__1600_01_01__minus_135140,
		d_1600_01_01),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
