/*
 * test_when.c - unit tests for when.c.
 *
 * when_parse(): every TIME form against a fixed NOW in UTC (dates, times
 * with a space or a T, offsets, today, yesterday, now, -N with each
 * unit), the exact error message, values that must be refused, and local
 * midnights and times in a zone with daylight saving time on the days the
 * clocks change. when_yday() and when_yday_of(): stamp shapes, compose
 * prefixes, impossible days, lines that are no stamp. Years: a stream
 * across New Year, with lines out of order, a line a day ahead, noise
 * lines; a file of 13 months anchored at its end; a rotated file of last
 * year; a leap day; a stream of 13 months (the limit: counted as late);
 * and, on generated logs, that any cut into pieces joined with
 * when_span_join() and seeded with when_years_file() gives the years of
 * one pass, and that those are the true years.
 * The program runs with TZ=UTC unless a case sets another zone.
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

#include "lines.h"
#include "syslog.h"
#include "when.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* 2026-11-22T15:30:00Z */
#define NOW ((time_t)1795361400)

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static int
setup_utc(void **state)
{
	(void)state;
	set_tz("UTC");
	return 0;
}

/* Central European time, with its DST rules, without tzdata. */
static int
setup_cet(void **state)
{
	(void)state;
	set_tz("CET-1CEST,M3.5.0,M10.5.0/3");
	return 0;
}

/* One when_parse() case that must succeed. */
struct parse_ok {
	const char *s;
	time_t now, want;
};

static const struct parse_ok ok_cases[] = {
    {"now", NOW, NOW}, {"today", NOW, 1795305600},
    {"yesterday", NOW, 1795219200}, {"2026-11-21", NOW, 1795219200},
    {"2026-11-21 10:20", NOW, 1795256400},
    {"2026-11-21 10:20:30", NOW, 1795256430},
    {"2026-11-21T10:20:30", NOW, 1795256430},
    {"2026-11-21T10:20:30Z", NOW, 1795256430},
    {"2026-11-21T10:20:30+01:00", NOW, 1795252830},
    {"2026-11-21 10:20-0500", NOW, 1795274400}, {"2024-02-29", NOW, 1709164800},
    {"-24h", NOW, NOW - 86400}, {"-7d", NOW, NOW - 7 * 86400},
    {"-30m", NOW, NOW - 1800}, {"-90s", NOW, NOW - 90}, {"-0s", NOW, NOW},
    {"-999999999d", NOW, NOW - (time_t)999999999 * 86400},
    /* today, at 00:00 on the day of NOW, just after midnight */
    {"today", 1795305600, 1795305600}, {"yesterday", 1795305600, 1795219200},
    /* across a month and a year */
    {"yesterday", 1798761600, 1798675200}, /* 2027-01-01 -> 2026-12-31 */
};

static void
when_parse__every_form__epoch_seconds(void **state)
{
	char err[256];
	size_t i;
	time_t t;

	(void)state;
	for (i = 0; i < NELEM(ok_cases); i++) {
		t = -1;
		if (when_parse(ok_cases[i].s, ok_cases[i].now, &t, err,
			sizeof(err)) != 0)
			fail_msg("'%s': %s", ok_cases[i].s, err);
		if (t != ok_cases[i].want)
			fail_msg("'%s': got %lld, want %lld", ok_cases[i].s,
			    (long long)t, (long long)ok_cases[i].want);
	}
}

static const char *const bad_cases[] = {
    "xyz",
    "",
    "Today",
    "now ",
    "2026-13-01",
    "2026-00-10",
    "2026-02-29",
    "2026-11-31",
    "2026-11-00",
    "2026-11-21 24:00",
    "2026-11-21 10:60",
    "2026-11-21 10:20:60",
    "2026-11-21 10",
    "2026-11-21 10:2",
    "2026-11-21X",
    "2026-11-21 10:20:30 ",
    "2026-11-21T10:20:30+25:00",
    "2026-11-21T10:20:30+01",
    "2026-11-21T10:20:30UTC",
    "26-11-21",
    "2026/11/21",
    "-24",
    "-h",
    "-",
    "-24x",
    "-24hh",
    "+24h",
    "24h",
    "-1234567890d",
};

static void
when_parse__malformed__refused_with_message(void **state)
{
	char err[256];
	size_t i;
	time_t t;

	(void)state;
	for (i = 0; i < NELEM(bad_cases); i++) {
		err[0] = '\0';
		if (when_parse(bad_cases[i], NOW, &t, err, sizeof(err)) != -1)
			fail_msg("'%s' was accepted", bad_cases[i]);
		if (strstr(err, "cannot read '") != err)
			fail_msg("'%s': message '%s'", bad_cases[i], err);
	}
}

static void
when_parse__xyz__exact_message(void **state)
{
	char err[256];
	time_t t;

	(void)state;
	assert_int_equal(when_parse("xyz", NOW, &t, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "cannot read 'xyz' (expected YYYY-MM-DD[ HH:MM[:SS]], today, "
	    "yesterday, now or -N[smhd])");
}

static void
when_parse__long_value__message_cut_not_overflowed(void **state)
{
	char big[600], err[64];
	time_t t;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(when_parse(big, NOW, &t, err, sizeof(err)), -1);
	assert_int_equal(strlen(err), sizeof(err) - 1);
}

/* 2026-03-29: CET to CEST at 02:00, a day of 23 hours. */
static void
when_parse__cet_spring_forward__local_midnights(void **state)
{
	char err[256];
	time_t t;

	(void)state;
	assert_int_equal(when_parse("today", 1774785600, &t, err, sizeof(err)),
	    0);
	assert_int_equal(t, 1774738800); /* 2026-03-29 00:00 CET */
	assert_int_equal(when_parse("yesterday", 1774785600, &t, err,
			     sizeof(err)),
	    0);
	assert_int_equal(t, 1774652400); /* 2026-03-28 00:00 CET */
	assert_int_equal(when_parse("2026-03-30", 1774785600, &t, err,
			     sizeof(err)),
	    0);
	assert_int_equal(t, 1774738800 + 23 * 3600); /* 00:00 CEST */
}

/* 2026-10-25: CEST to CET at 03:00, a day of 25 hours. */
static void
when_parse__cet_fall_back__local_midnights(void **state)
{
	char err[256];
	time_t t;

	(void)state;
	assert_int_equal(when_parse("today", 1792929600, &t, err, sizeof(err)),
	    0);
	assert_int_equal(t, 1792879200); /* 2026-10-25 00:00 CEST */
	assert_int_equal(when_parse("yesterday", 1792929600, &t, err,
			     sizeof(err)),
	    0);
	assert_int_equal(t, 1792792800); /* 2026-10-24 00:00 CEST */
	assert_int_equal(when_parse("2026-10-26", 1792929600, &t, err,
			     sizeof(err)),
	    0);
	assert_int_equal(t, 1792879200 + 25 * 3600); /* 00:00 CET */
}

static void
when_parse__cet_local_time_and_offset__offset_wins(void **state)
{
	char err[256];
	time_t t;

	(void)state;
	assert_int_equal(when_parse("2026-07-01 12:00", NOW, &t, err,
			     sizeof(err)),
	    0);
	assert_int_equal(t, 1782900000); /* 10:00Z in summer */
	assert_int_equal(when_parse("2026-07-01T12:00Z", NOW, &t, err,
			     sizeof(err)),
	    0);
	assert_int_equal(t, 1782900000 + 7200);
}

/* One when_yday() case. */
struct yday_case {
	const char *line;
	int want;
};

static const struct yday_case yday_cases[] = {
    {"Jan  1 00:00:00 mail postfix/smtp[1]: x", 0},
    {"Jan 1 00:00:00 mail postfix/smtp[1]: x", 0},
    {"Jan 01 00:00:00 mail postfix/smtp[1]: x", 0},
    {"Feb 28 10:00:00 mail postfix/smtp[1]: x", 58},
    {"Feb 29 10:00:00 mail postfix/smtp[1]: x", 59},
    {"Mar  1 10:00:00 mail postfix/smtp[1]: x", 60},
    {"Nov 22 10:00:01 mail postfix/smtp[1]: x", 326},
    {"Nov 22 10:00:01.123456 mail postfix/smtp[1]: x", 326},
    {"Dec 31 23:59:59 mail postfix/smtp[1]: x", 365},
    {"Dec 31 23:59:59", 365},
    {"smtp_1       | Nov 22 10:00:01 mail postfix/smtp[1]: x", 326},
    {"Nov 31 10:00:01 mail postfix/smtp[1]: x", -1},
    {"Feb 30 10:00:01 mail postfix/smtp[1]: x", -1},
    {"Nov 00 10:00:01 mail postfix/smtp[1]: x", -1},
    {"Nov 2x 10:00:01 mail postfix/smtp[1]: x", -1},
    {"Nov 22 10:00 mail postfix/smtp[1]: x", -1},
    {"Nov 22 10-00-01 mail postfix/smtp[1]: x", -1},
    {"Nov 123 10:00:01 mail postfix/smtp[1]: x", -1},
    {"nov 22 10:00:01 mail postfix/smtp[1]: x", -1},
    {"Foo 22 10:00:01 mail postfix/smtp[1]: x", -1},
    {"Sun 2026-11-22 10:00:01 UTC mail postfix/smtp[1]: x", -1},
    {"2026-11-22T10:00:01+01:00 mail postfix/smtp[1]: x", -1},
    {"1795384801.123456 mail postfix/smtp[1]: x", -1},
    {"-- Boot 0123456789abcdef --", -1},
    {"Nov", -1},
    {"", -1},
};

static void
when_yday__stamp_shapes__day_or_minus_1(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(yday_cases); i++) {
		int got =
		    when_yday(yday_cases[i].line, strlen(yday_cases[i].line));

		if (got != yday_cases[i].want)
			fail_msg("'%s': got %d, want %d", yday_cases[i].line,
			    got, yday_cases[i].want);
	}
}

/* when_yday_hdr() of LINE is when_yday() of it; 1 when it has a day. */
static long
check_hdr(void *arg, const char *line, size_t len, const char *where)
{
	struct syslog_hdr h;
	enum syslog_fmt f = syslog_parse(line, len, &h);
	int want = when_yday(line, len), got = when_yday_hdr(f, &h, line, len);

	(void)arg;
	if (got != want)
		fail_msg("%s: when_yday_hdr %d, when_yday %d: %.*s", where, got,
		    want, (int)len, line);
	return want >= 0;
}

/*
 * The day taken from the header syslog_parse() made is the day when_yday()
 * reads: on the stamp shapes above, on every sample log line and on the
 * public corpus when it is there.
 */
static void
when_yday_hdr__samples_and_corpus__same_as_when_yday(void **state)
{
	const char *top = getenv("top_srcdir");
	char dir[1100];
	size_t i, at;
	long days;

	(void)state;
	for (i = 0; i < NELEM(yday_cases); i++)
		(void)check_hdr(NULL, yday_cases[i].line,
		    strlen(yday_cases[i].line), "case");
	snprintf(dir, sizeof(dir), "%s/sample-logs", top ? top : "..");
	days = lines_tree(dir, check_hdr, NULL);
	print_message("sample-logs: %ld lines with a day\n", days);
	assert_true(days > 100);
	snprintf(dir, sizeof(dir), "%s/../shared/corpus", top ? top : "..");
	print_message("corpus: %ld lines with a day\n",
	    lines_tree(dir, check_hdr, NULL));
	/* where the stamp was read */
	assert_int_equal(when_yday_at("Nov 22 10:00:01 h p: x", 22, &at), 326);
	assert_int_equal(at, 0);
	assert_int_equal(when_yday_at("web | Nov 22 10:00:01 h p: x", 28, &at),
	    326);
	assert_int_equal(at, 6);
}

static void
when_yday_of__month_ends__leap_calendar(void **state)
{
	(void)state;
	assert_int_equal(when_yday_of(1, 1), 0);
	assert_int_equal(when_yday_of(2, 29), 59);
	assert_int_equal(when_yday_of(12, 31), 365);
	assert_int_equal(when_yday_of(4, 31), -1);
	assert_int_equal(when_yday_of(0, 1), -1);
	assert_int_equal(when_yday_of(13, 1), -1);
	assert_int_equal(when_yday_of(1, 0), -1);
}

/* The day of "Mmm dd". */
static int
day(const char *md)
{
	char line[64];
	int d;

	snprintf(line, sizeof(line), "%s 12:00:00 mail postfix/smtp[1]: x", md);
	d = when_yday(line, strlen(line));
	if (d < 0)
		fail_msg("no day in '%s'", md);
	return d;
}

/* The stamps MDS of an input read as a stream with reference REF must
 * get the years WANT, LATE of them put a year back, the last one of them
 * when LAST_LATE. */
static void
check_stream(time_t ref, const char *const *mds, const int *want, size_t n,
    uint64_t late, int last_late)
{
	struct when_years y;
	size_t i;

	when_years_stream(&y, ref);
	for (i = 0; i < n; i++) {
		int got = when_years_line(&y, day(mds[i]));

		if (got != want[i])
			fail_msg("stamp %zu (%s): got %d, want %d", i, mds[i],
			    got, want[i]);
	}
	assert_int_equal(y.late, late);
	assert_int_equal(y.last_late, last_late);
}

/* The same for a regular file whose pre-pass saw every stamp. */
static void
check_file(time_t ref, const char *const *mds, const int *want, size_t n)
{
	struct when_span all, none;
	struct when_years y;
	size_t i;

	memset(&all, 0, sizeof(all));
	memset(&none, 0, sizeof(none));
	for (i = 0; i < n; i++)
		when_span_add(&all, day(mds[i]));
	when_years_file(&y, ref, &all, &none);
	for (i = 0; i < n; i++) {
		int got = when_years_line(&y, day(mds[i]));

		if (got != want[i])
			fail_msg("stamp %zu (%s): got %d, want %d", i, mds[i],
			    got, want[i]);
	}
	assert_int_equal(y.late, 0);
}

/* Read on 2027-01-02: December is last year. */
static void
when_years__stream_across_new_year__december_last_year(void **state)
{
	static const char *const mds[] = {"Dec 30", "Dec 31", "Jan  1",
	    "Jan  2"};
	static const int want[] = {2026, 2026, 2027, 2027};

	(void)state;
	check_stream(1798891200, mds, want, NELEM(mds), 0, 0);
	check_file(1798891200, mds, want, NELEM(mds));
}

/* Lines of two writers around midnight, out of order. */
static void
when_years__disorder_at_new_year__each_line_its_year(void **state)
{
	static const char *const mds[] = {"Dec 31", "Jan  1", "Dec 31",
	    "Jan  1", "Dec 31", "Jan  2"};
	static const int want[] = {2026, 2027, 2026, 2027, 2026, 2027};

	(void)state;
	check_stream(1798891200, mds, want, NELEM(mds), 0, 0);
	check_file(1798891200, mds, want, NELEM(mds));
}

/* A stamp may be a day ahead of the reference, not two. */
static void
when_years__stream_first_stamp__at_most_a_day_ahead(void **state)
{
	static const char *const tomorrow[] = {"Nov 23"};
	static const char *const later[] = {"Nov 24"};
	static const char *const new_year[] = {"Jan  1"};
	static const int y2026[] = {2026}, y2025[] = {2025}, y2027[] = {2027};

	(void)state;
	check_stream(NOW, tomorrow, y2026, 1, 0, 0);
	check_stream(NOW, later, y2025, 1, 0, 0);
	/* read on Dec 31: a Jan 1 stamp is tomorrow */
	check_stream(1798718400, new_year, y2027, 1, 0, 0);
}

/* Nov 2025 to Nov 2026 in one file, read on 2026-11-22: the Nov 21 of a
 * year ago is not yesterday. */
static void
when_years__file_of_13_months__first_year_from_the_end(void **state)
{
	static const char *const mds[] = {"Nov 20", "Nov 21", "Nov 22",
	    "Dec 31", "Jan  1", "Jun 15", "Oct  1", "Nov 20", "Nov 21",
	    "Nov 22"};
	static const int want[] = {2025, 2025, 2025, 2025, 2026, 2026, 2026,
	    2026, 2026, 2026};

	(void)state;
	check_file(NOW, mds, want, NELEM(mds));
}

/* A stream cannot know: the first stamp is placed by now, and the
 * stamps found after now are counted as late. */
static void
when_years__stream_of_13_months__late_counted(void **state)
{
	static const char *const mds[] = {"Nov 20", "Nov 21", "Nov 22",
	    "Nov 25", "Dec 31", "Jan  1", "Jun 15", "Nov 22"};
	static const int want[] = {2026, 2026, 2026, 2025, 2025, 2026, 2026,
	    2026};

	(void)state;
	check_stream(NOW, mds, want, NELEM(mds), 5, 1);
}

/* The same late day again and again: each one is late; a day back
 * inside the limit is not. */
static void
when_years__same_late_day_repeated__each_counted(void **state)
{
	static const char *const mds[] = {"Nov 20", "Nov 25", "Nov 25",
	    "Nov 25", "Nov 21", "Nov 21"};
	static const int want[] = {2026, 2025, 2025, 2025, 2026, 2026};

	(void)state;
	check_stream(NOW, mds, want, NELEM(mds), 3, 0);
}

/* A file rotated last year, read now with its modification time. */
static void
when_years__rotated_file_of_last_year__its_year(void **state)
{
	static const char *const mds[] = {"Nov 18", "Nov 20", "Nov 25"};
	static const int want[] = {2025, 2025, 2025};

	(void)state;
	check_file(1764072000, mds, want, NELEM(mds)); /* 2025-11-25 */
}

static void
when_years__leap_day__kept_in_the_leap_year(void **state)
{
	static const char *const mds[] = {"Feb 28", "Feb 29", "Mar  1"};
	static const int want[] = {2024, 2024, 2024};

	(void)state;
	check_file(1709294400, mds, want, NELEM(mds)); /* 2024-03-01 */
	check_stream(1709294400, mds, want, NELEM(mds), 0, 0);
}

/* One line of a wrong clock does not move the lines after it. */
static void
when_years__noise_stamp__neighbours_unmoved(void **state)
{
	static const char *const back[] = {"Jun 15", "Dec 31", "Jun 15",
	    "Jun 16"};
	static const int want_back[] = {2026, 2025, 2026, 2026};
	static const char *const ahead[] = {"Nov 20", "Jan  5", "Nov 21"};
	static const int want_ahead[] = {2026, 2026, 2026};

	(void)state;
	check_stream(NOW, back, want_back, NELEM(back), 0, 0);
	/* Jan 5 follows Nov 20 into 2027, after now: put back, counted */
	check_stream(NOW, ahead, want_ahead, NELEM(ahead), 1, 0);
}

static void
when_years__no_stamp_in_the_file__stream_from_reference(void **state)
{
	struct when_span all, none;
	struct when_years y;

	(void)state;
	memset(&all, 0, sizeof(all));
	memset(&none, 0, sizeof(none));
	when_years_file(&y, 1764072000, &all, &none);
	assert_int_equal(y.known, 0);
	assert_int_equal(when_years_line(&y, day("Nov 25")), 2025);
	assert_int_equal(when_years_line(&y, day("Nov 26")), 2025);
}

/* xorshift64*, so the generated logs are the same on every run. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

#define GEN_MAX 3000

/*
 * A log of N stamps from START (days since 1970) on, moving forward by up
 * to STEP days, and now and then a stamp a few hours before the one
 * before it (two writers); the true year and day of each stamp.
 */
static size_t
gen_log(uint64_t *seed, int64_t start, int step, int *yday, int *year)
{
	size_t n = 1000 + rnd(seed) % (GEN_MAX - 1000), i;
	int64_t d = start, shown;

	for (i = 0; i < n; i++) {
		int y, m, md;
		int64_t z, era, doe, yoe, doy, mp;

		d += (int64_t)(rnd(seed) % (uint64_t)(step + 1));
		shown = d - (rnd(seed) % 10 == 0 ? 1 : 0);
		/* civil date of SHOWN (inverse of days_from_civil) */
		z = shown + 719468;
		era = (z >= 0 ? z : z - 146096) / 146097;
		doe = z - era * 146097;
		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
		mp = (5 * doy + 2) / 153;
		md = (int)(doy - (153 * mp + 2) / 5 + 1);
		m = (int)(mp < 10 ? mp + 3 : mp - 9);
		y = (int)(yoe + era * 400 + (m <= 2));
		year[i] = y;
		yday[i] = when_yday_of(m, md);
		assert_true(yday[i] >= 0);
	}
	return n;
}

/* Years of a file read in K pieces cut at random: the years of one pass,
 * and the true years. */
static void
when_years__file_in_pieces__same_as_one_pass(void **state)
{
	static int yday[GEN_MAX], year[GEN_MAX], got1[GEN_MAX];
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	int run, k;

	(void)state;
	for (run = 0; run < 40; run++) {
		/* from 2023-06-01, one to three days a stamp: up to 20 years */
		size_t n = gen_log(&seed, 19509, 1 + run % 3, yday, year), i;
		struct when_span all, none, before, piece[8];
		struct when_years y;
		size_t cut[9];
		time_t ref;
		int npieces = 1 + (int)(rnd(&seed) % 8);

		/* reference: noon of the last stamp's day */
		ref =
		    (time_t)syslog_days_from_civil(year[n - 1], 1, 1) * 86400 +
		    (time_t)yday[n - 1] * 86400 + 43200;
		if (yday[n - 1] >= 60 && year[n - 1] % 4 != 0)
			ref -= 86400;
		memset(&all, 0, sizeof(all));
		memset(&none, 0, sizeof(none));
		for (i = 0; i < n; i++)
			when_span_add(&all, yday[i]);
		when_years_file(&y, ref, &all, &none);
		for (i = 0; i < n; i++) {
			got1[i] = when_years_line(&y, yday[i]);
			if (got1[i] != year[i])
				fail_msg("run %d, stamp %zu: got %d, want %d",
				    run, i, got1[i], year[i]);
		}
		/* cut points, sorted, pieces possibly empty */
		cut[0] = 0;
		cut[npieces] = n;
		for (k = 1; k < npieces; k++)
			cut[k] = rnd(&seed) % (n + 1);
		for (k = 1; k < npieces; k++) {
			int j;

			for (j = k; j > 1 && cut[j - 1] > cut[j]; j--) {
				size_t t = cut[j];

				cut[j] = cut[j - 1];
				cut[j - 1] = t;
			}
		}
		memset(&all, 0, sizeof(all));
		for (k = 0; k < npieces; k++) {
			memset(&piece[k], 0, sizeof(piece[k]));
			for (i = cut[k]; i < cut[k + 1]; i++)
				when_span_add(&piece[k], yday[i]);
			when_span_join(&all, &piece[k]);
		}
		memset(&before, 0, sizeof(before));
		for (k = 0; k < npieces; k++) {
			when_years_file(&y, ref, &all, &before);
			for (i = cut[k]; i < cut[k + 1]; i++)
				if (when_years_line(&y, yday[i]) != got1[i])
					fail_msg("run %d, piece %d, stamp %zu",
					    run, k, i);
			when_span_join(&before, &piece[k]);
		}
	}
}

static void
when_span_join__empty_sides__unchanged(void **state)
{
	struct when_span a, b;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	when_span_add(&b, day("Dec 31"));
	when_span_add(&b, day("Jan  1"));
	when_span_join(&a, &b);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.years, 1);
	assert_int_equal(a.first, 365);
	assert_int_equal(a.last, 0);
	memset(&b, 0, sizeof(b));
	when_span_join(&a, &b);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.years, 1);
	/* a New Year between the pieces is counted by the join */
	when_span_add(&b, day("Dec 31"));
	when_span_join(&b, &a);
	assert_int_equal(b.years, 1);
	assert_int_equal(b.n, 3);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(when_parse__every_form__epoch_seconds,
		setup_utc),
	    cmocka_unit_test_setup(when_parse__malformed__refused_with_message,
		setup_utc),
	    cmocka_unit_test_setup(when_parse__xyz__exact_message, setup_utc),
	    cmocka_unit_test_setup(
		when_parse__long_value__message_cut_not_overflowed, setup_utc),
	    cmocka_unit_test_setup(
		when_parse__cet_spring_forward__local_midnights, setup_cet),
	    cmocka_unit_test_setup(when_parse__cet_fall_back__local_midnights,
		setup_cet),
	    cmocka_unit_test_setup(
		when_parse__cet_local_time_and_offset__offset_wins, setup_cet),
	    cmocka_unit_test(when_yday__stamp_shapes__day_or_minus_1),
	    cmocka_unit_test(when_yday_of__month_ends__leap_calendar),
	    cmocka_unit_test(
		when_yday_hdr__samples_and_corpus__same_as_when_yday),
	    cmocka_unit_test_setup(
		when_years__same_late_day_repeated__each_counted, setup_utc),
	    cmocka_unit_test_setup(
		when_years__stream_across_new_year__december_last_year,
		setup_utc),
	    cmocka_unit_test_setup(
		when_years__disorder_at_new_year__each_line_its_year,
		setup_utc),
	    cmocka_unit_test_setup(
		when_years__stream_first_stamp__at_most_a_day_ahead, setup_utc),
	    cmocka_unit_test_setup(
		when_years__file_of_13_months__first_year_from_the_end,
		setup_utc),
	    cmocka_unit_test_setup(
		when_years__stream_of_13_months__late_counted, setup_utc),
	    cmocka_unit_test_setup(
		when_years__rotated_file_of_last_year__its_year, setup_utc),
	    cmocka_unit_test_setup(when_years__leap_day__kept_in_the_leap_year,
		setup_utc),
	    cmocka_unit_test_setup(when_years__noise_stamp__neighbours_unmoved,
		setup_utc),
	    cmocka_unit_test_setup(
		when_years__no_stamp_in_the_file__stream_from_reference,
		setup_utc),
	    cmocka_unit_test_setup(when_years__file_in_pieces__same_as_one_pass,
		setup_utc),
	    cmocka_unit_test(when_span_join__empty_sides__unchanged),
	};

	set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
