/*
 * when.c - time windows, and the year of year-less syslog timestamps.
 *
 * when_parse() reads the TIME of --since and --until: dates and times are
 * local (mktime(3) with the DST flag left to the C library, so "today" is
 * the local midnight also on the day clocks change), relative times count
 * back from the NOW given by the caller, so tests can fix it.
 *
 * The year of a classic syslog stamp is followed from stamp to stamp (see
 * when.h). The rule looks at two consecutive days only, so the stamps of a
 * file can be followed in pieces (when_span_*) and joined afterwards with
 * the same result as one pass over the whole file: what -j needs.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "syslog.h"
#include "when.h"

static const char when_months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
/* days before each month, and days of each month, in a leap year */
static const int when_cum[12] = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274,
    305, 335};
static const int when_mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
    31};

static int
when_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* N digits at S as a number, or -1. */
static int
when_num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!when_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
when_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
when_fail(const char *s, char *err, size_t errlen)
{
	snprintf(err, errlen,
	    _("cannot read '%s' (expected YYYY-MM-DD[ HH:MM[:SS]], today, "
	      "yesterday, now or -N[smhd])"),
	    s);
	return -1;
}

/* A local date and time in epoch seconds. */
static time_t
when_local(int y, int mon, int mday, int hour, int min, int sec)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = mday; /* may be 0: mktime goes back a month */
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The local midnight DAYS days after the day of NOW (negative: before). */
static time_t
when_midnight(time_t now, int days)
{
	struct tm tm;

	localtime_r(&now, &tm);
	return when_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + days,
	    0, 0, 0);
}

/* "-N" and a unit: NOW minus that long. */
static int
when_relative(const char *s, time_t now, time_t *t)
{
	size_t i = 1;
	int64_t n = 0, unit;

	while (i < 10 && when_digit(s[i]))
		n = n * 10 + (s[i++] - '0');
	if (i == 1)
		return -1;
	switch (s[i]) {
	case 's':
		unit = 1;
		break;
	case 'm':
		unit = 60;
		break;
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	default:
		return -1;
	}
	if (s[i + 1] != '\0')
		return -1;
	*t = now - (time_t)(n * unit);
	return 0;
}

/* An offset "Z", "+hh:mm" or "+hhmm" that ends S, in seconds east. */
static int
when_offset(const char *s, int *off)
{
	int hh, mm, sign;

	if (s[0] == 'Z' && s[1] == '\0') {
		*off = 0;
		return 0;
	}
	if (s[0] != '+' && s[0] != '-')
		return -1;
	sign = s[0] == '-' ? -1 : 1;
	hh = when_num(s + 1, 2);
	if (s[3] == ':')
		s++;
	mm = when_num(s + 3, 2);
	if (hh < 0 || mm < 0 || hh > 23 || mm > 59 || s[5] != '\0')
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	return 0;
}

/* "YYYY-MM-DD[( |T)HH:MM[:SS][offset]]" */
static int
when_date(const char *s, time_t *t)
{
	int y, mon, mday, hour = 0, min = 0, sec = 0, off = 0, has_off = 0;
	size_t i = 10;

	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = when_num(s, 4);
	mon = when_num(s + 5, 2);
	mday = when_num(s + 8, 2);
	if (y < 0 || mon < 1 || mon > 12 || mday < 1 ||
	    mday > when_mdays[mon - 1] ||
	    (mon == 2 && mday == 29 && !when_leap(y)))
		return -1;
	if (s[i] == ' ' || s[i] == 'T') {
		hour = when_num(s + i + 1, 2);
		if (hour < 0 || s[i + 3] != ':')
			return -1;
		min = when_num(s + i + 4, 2);
		i += 6;
		if (min < 0)
			return -1;
		if (s[i] == ':') {
			if ((sec = when_num(s + i + 1, 2)) < 0)
				return -1;
			i += 3;
		}
		if (hour > 23 || min > 59 || sec > 59)
			return -1;
		if (s[i] != '\0') {
			if (when_offset(s + i, &off) < 0)
				return -1;
			has_off = 1;
		}
	} else if (s[i] != '\0')
		return -1;
	if (has_off)
		*t = (time_t)(syslog_days_from_civil(y, mon, mday) * 86400 +
		    hour * 3600 + min * 60 + sec - off);
	else
		*t = when_local(y, mon, mday, hour, min, sec);
	return 0;
}

int
when_parse(const char *s, time_t now, time_t *t, char *err, size_t errlen)
{
	int rc;

	if (strcmp(s, "now") == 0) {
		*t = now;
		rc = 0;
	} else if (strcmp(s, "today") == 0) {
		*t = when_midnight(now, 0);
		rc = 0;
	} else if (strcmp(s, "yesterday") == 0) {
		*t = when_midnight(now, -1);
		rc = 0;
	} else if (s[0] == '-')
		rc = when_relative(s, now, t);
	else
		rc = when_date(s, t);
	return rc == 0 ? 0 : when_fail(s, err, errlen);
}

int
when_yday_of(int mon, int mday)
{
	if (mon < 1 || mon > 12 || mday < 1 || mday > when_mdays[mon - 1])
		return -1;
	return when_cum[mon - 1] + mday - 1;
}

/* "Mmm dd hh:mm:ss" (day one or two digits, maybe space-padded) at S. */
static int
when_stamp(const char *s, size_t len)
{
	const char *m;
	size_t i = 4;
	int mon, mday;

	if (len < 15 || s[3] != ' ')
		return -1;
	for (m = when_months; *m; m += 3)
		if (m[0] == s[0] && m[1] == s[1] && m[2] == s[2])
			break;
	if (*m == '\0')
		return -1;
	mon = (int)(m - when_months) / 3 + 1;
	if (s[i] == ' ')
		i++;
	if (!when_digit(s[i]))
		return -1;
	mday = s[i++] - '0';
	if (when_digit(s[i]))
		mday = mday * 10 + (s[i++] - '0');
	if (s[i] != ' ' || i + 9 > len || when_num(s + i + 1, 2) < 0 ||
	    s[i + 3] != ':' || when_num(s + i + 4, 2) < 0 || s[i + 6] != ':' ||
	    when_num(s + i + 7, 2) < 0)
		return -1;
	return when_yday_of(mon, mday);
}

int
when_yday_at(const char *line, size_t len, size_t *at)
{
	size_t skip = 0;
	int d;

	d = when_stamp(line, len);
	if (d < 0 && (skip = syslog_compose_prefix(line, len)) > 0)
		d = when_stamp(line + skip, len - skip);
	if (at != NULL)
		*at = skip;
	return d;
}

int
when_yday(const char *line, size_t len)
{
	return when_yday_at(line, len, NULL);
}

/*
 * A classic header is exactly a when_yday() stamp followed by the rest;
 * the other formats start with a digit or a weekday, which no stamp
 * does; a line without a header may still start with a stamp.
 */
int
when_yday_hdr(int fmt, const struct syslog_hdr *h, const char *line, size_t len)
{
	if (fmt == SYSLOG_BSD)
		return when_yday_of(h->mon, h->mday);
	if (fmt == SYSLOG_NONE)
		return when_yday(line, len);
	return -1;
}

/* Years from the stamp of day PREV to the next one of day D: -1, 0, 1. */
static int
when_step(int prev, int d)
{
	int delta = d - prev;

	if (delta < -WHEN_HALF_YEAR)
		return 1;
	if (delta > WHEN_HALF_YEAR)
		return -1;
	return 0;
}

void
when_span_add(struct when_span *s, int yday)
{
	if (s->n++ == 0) {
		s->first = s->last = yday;
		s->years = 0;
		return;
	}
	s->years += when_step(s->last, yday);
	s->last = yday;
}

void
when_span_join(struct when_span *a, const struct when_span *b)
{
	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	a->years += when_step(a->last, b->first) + b->years;
	a->last = b->last;
	a->n += b->n;
}

/* Days since 1970-01-01 of day YDAY of year Y (Feb 29 of a common year
 * is its Mar 1). */
static int64_t
when_days(int y, int yday)
{
	return syslog_days_from_civil(y, 1, 1) + yday -
	    (yday >= 60 && !when_leap(y));
}

/* The latest year that does not put day YDAY after the limit. */
static int
when_anchor(const struct when_years *y, int yday)
{
	int year = y->ref_year + 1;

	while (when_days(year, yday) > y->limit)
		year--;
	return year;
}

void
when_years_stream(struct when_years *y, time_t ref)
{
	struct tm tm;

	memset(y, 0, sizeof(*y));
	localtime_r(&ref, &tm);
	y->ref_year = tm.tm_year + 1900;
	y->limit =
	    syslog_days_from_civil(y->ref_year, tm.tm_mon + 1, tm.tm_mday) + 1;
	y->last = -1;
}

void
when_years_file(struct when_years *y, time_t ref, const struct when_span *all,
    const struct when_span *before)
{
	when_years_stream(y, ref);
	if (all->n == 0)
		return;
	y->known = 1;
	y->year = when_anchor(y, all->last) - all->years;
	if (before->n > 0) {
		y->year += before->years;
		y->last = before->last;
	}
}

int
when_years_same(const struct when_years *a, const struct when_years *b)
{
	return a->year == b->year && a->last == b->last &&
	    a->known == b->known && a->ref_year == b->ref_year &&
	    a->limit == b->limit && a->late == b->late &&
	    a->last_late == b->last_late;
}

int
when_years_line(struct when_years *y, int yday)
{
	int year;

	/* the day of the last stamp (most lines): the same year, and the
	 * same side of the limit */
	if (yday == y->last) {
		if (y->last_late) {
			y->late++;
			return y->year - 1;
		}
		return y->year;
	}
	if (y->last >= 0)
		y->year += when_step(y->last, yday);
	else if (!y->known)
		y->year = when_anchor(y, yday);
	y->last = yday;
	year = y->year;
	y->last_late = when_days(year, yday) > y->limit;
	if (y->last_late) {
		year--;
		y->late++;
	}
	return year;
}
