/*
 * syslog.c - recognise the header of a log line: time, host, program, pid.
 *
 * syslog_parse() never allocates and never reads past LEN: every field it
 * returns points into the caller's line. The format is decided from the
 * first bytes (a month name, a weekday, a digit, "-- "), then checked
 * strictly; a line that fails the check is SYSLOG_NONE. An impossible
 * date (Feb 30, 25:61:00) keeps its format but syslog_time() refuses it.
 *
 * Times are converted lazily by syslog_time(), only for lines that need
 * one: lines with an offset by arithmetic, year-less local lines through
 * mktime(3) cached per hour.
 *
 * Busy logs write many lines a second, so both steps remember their last
 * answer: syslog_parse() the fields of the last classic stamp and of the
 * last ISO date and time read on the thread (syslog_bsd_memo,
 * syslog_iso_memo), syslog_time() the time of the last fields in the
 * caller's clock. Neither memo changes an answer (test_syslog reads
 * each line after every other one).
 */
#include "config.h"

#include <string.h>

#include "syslog.h"
#include "util.h"

static const char syslog_months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
static const char syslog_wdays[] = "MonTueWedThuFriSatSun";

/* "YYYY-MM-DDThh:mm:ss": the bytes of an ISO date and time */
#define SYSLOG_ISO_LEN 19

/* Parse exactly N digits at S. -1 when any is not a digit. */
static int
syslog_num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "hh:mm:ss" at P (8 bytes available checked by caller). */
static int
syslog_hms(const char *p, struct syslog_hdr *h)
{
	if (p[2] != ':' || p[5] != ':')
		return -1;
	h->hour = syslog_num(p, 2);
	h->min = syslog_num(p + 3, 2);
	h->sec = syslog_num(p + 6, 2);
	return h->hour < 0 || h->min < 0 || h->sec < 0 ? -1 : 0;
}

/* "YYYY-MM-DD" at P (10 bytes available checked by caller). */
static int
syslog_ymd(const char *p, struct syslog_hdr *h)
{
	if (p[4] != '-' || p[7] != '-')
		return -1;
	h->year = syslog_num(p, 4);
	h->mon = syslog_num(p + 5, 2);
	h->mday = syslog_num(p + 8, 2);
	return h->year < 0 || h->mon < 0 || h->mday < 0 ? -1 : 0;
}

/* Skip ".digits" at *I; returns 0 (always: the fraction is optional). */
static void
syslog_frac(const char *s, size_t len, size_t *i)
{
	if (*i < len && s[*i] == '.') {
		size_t j = *i + 1;

		while (j < len && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j > *i + 1)
			*i = j;
	}
}

/*
 * A numeric UTC offset "Z", "+hh:mm", "+hhmm" or "+hh" (what strftime's %Z
 * prints for zones without an abbreviation) at *I. -1 if none, and *I is
 * left alone.
 */
static int
syslog_offset(const char *s, size_t len, size_t *i, struct syslog_hdr *h)
{
	size_t j = *i;
	int hh, mm = 0, sign;

	if (j < len && s[j] == 'Z') {
		(*i)++;
		h->has_offset = 1;
		h->utc_offset = 0;
		return 0;
	}
	if (j + 3 > len || (s[j] != '+' && s[j] != '-'))
		return -1;
	sign = s[j] == '-' ? -1 : 1;
	hh = syslog_num(s + j + 1, 2);
	j += 3;
	if (j + 3 <= len && s[j] == ':') {
		mm = syslog_num(s + j + 1, 2);
		j += 3;
	} else if (j + 2 <= len && s[j] >= '0' && s[j] <= '9') {
		mm = syslog_num(s + j, 2);
		j += 2;
	} else if (j < len && s[j] != ' ')
		return -1;
	if (hh < 0 || mm < 0 || hh > 23 || mm > 59)
		return -1;
	*i = j;
	h->has_offset = 1;
	h->utc_offset = sign * (hh * 3600 + mm * 60);
	return 0;
}

/*
 * After the time: "host tag: msg" (or "tag: msg" when a relay dropped the
 * host). The tag is "prog[pid]" or "prog". Returns the format on success,
 * SYSLOG_NONE when there is no tag.
 */
static enum syslog_fmt
syslog_rest(const char *s, size_t len, size_t i, struct syslog_hdr *h,
    enum syslog_fmt fmt)
{
	size_t t0, t1, p0, p1, colon;
	const char *sp;

	if (i >= len || s[i] != ' ')
		return SYSLOG_NONE;
	while (i < len && s[i] == ' ')
		i++;
	/* first word: host, or the tag itself */
	sp = util_chr(s + i, len - i, ' ');
	if (sp == NULL)
		return SYSLOG_NONE;
	t0 = i;
	t1 = (size_t)(sp - s);
	if (!(t1 > t0 && s[t1 - 1] == ':')) {
		h->host = s + t0;
		h->hostlen = t1 - t0;
		i = t1 + 1;
		sp = util_chr(s + i, len - i, ' ');
		t0 = i;
		t1 = sp ? (size_t)(sp - s) : len;
	}
	/* the tag ends with ':' */
	if (t1 <= t0 + 1 || s[t1 - 1] != ':')
		return SYSLOG_NONE;
	t1--;
	colon = t1;
	p0 = p1 = t1;
	if (s[t1 - 1] == ']') {
		const char *lb = util_chr(s + t0, t1 - t0, '[');

		if (lb != NULL) {
			p0 = (size_t)(lb - s) + 1;
			p1 = t1 - 1;
			t1 = (size_t)(lb - s);
		}
	}
	if (t1 == t0)
		return SYSLOG_NONE;
	h->prog = s + t0;
	h->proglen = t1 - t0;
	h->pid = s + p0;
	h->pidlen = p1 - p0;
	i = colon + 1;
	if (i < len && s[i] == ' ')
		i++;
	h->msg = s + i;
	h->msglen = len > i ? len - i : 0;
	h->fmt = fmt;
	return fmt;
}

/*
 * The month of the three bytes at S, or 0. (s[1] + s[2]) & 31 differs
 * for the twelve names: a look in a table, and one comparison.
 */
static int
syslog_month(const char *s)
{
	/* by (s[1] + s[2]) & 31: Jul at 1, Apr at 2, ... */
	static const unsigned char by_hash[32] = {0, 7, 4, 6, 0, 11, 0, 2, 12,
	    0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 9, 0, 10, 0, 0, 5, 0, 8, 0, 0,
	    0};
	int m = by_hash[((unsigned char)s[1] + (unsigned char)s[2]) & 31];

	return m > 0 && memcmp(syslog_months + (m - 1) * 3, s, 3) == 0 ? m : 0;
}

/*
 * The stamp of the last classic line read on this thread ("Nov 22
 * 10:00:01", its first STAMP bytes) and its fields: most lines share the
 * stamp of the one before, and skip its parse. Only bytes of the stamp
 * decide its parse, so the memo answers as the parse would.
 */
static _Thread_local struct {
	char key[16];
	size_t stamp; /* 0: none yet */
	int mon, mday, hour, min, sec;
} syslog_bsd_memo;

/* "Nov 22 10:00:01[.ffffff] host tag: msg" */
static enum syslog_fmt
syslog_bsd(const char *s, size_t len, struct syslog_hdr *h)
{
	size_t i, stamp = syslog_bsd_memo.stamp;

	if (len < 16 || s[3] != ' ')
		return SYSLOG_NONE;
	if (stamp > 0 && util_memeq(s, syslog_bsd_memo.key, stamp)) {
		h->mon = syslog_bsd_memo.mon;
		h->mday = syslog_bsd_memo.mday;
		h->hour = syslog_bsd_memo.hour;
		h->min = syslog_bsd_memo.min;
		h->sec = syslog_bsd_memo.sec;
		i = stamp;
		goto rest;
	}
	if ((h->mon = syslog_month(s)) == 0)
		return SYSLOG_NONE;
	i = 4;
	if (s[i] == ' ')
		i++;
	if (s[i] < '0' || s[i] > '9')
		return SYSLOG_NONE;
	h->mday = s[i++] - '0';
	if (s[i] >= '0' && s[i] <= '9')
		h->mday = h->mday * 10 + (s[i++] - '0');
	if (s[i++] != ' ' || i + 8 > len || syslog_hms(s + i, h) < 0)
		return SYSLOG_NONE;
	i += 8;
	memcpy(syslog_bsd_memo.key, s, i); /* i <= 16: "Mmm  d hh:mm:ss" */
	syslog_bsd_memo.stamp = i;
	syslog_bsd_memo.mon = h->mon;
	syslog_bsd_memo.mday = h->mday;
	syslog_bsd_memo.hour = h->hour;
	syslog_bsd_memo.min = h->min;
	syslog_bsd_memo.sec = h->sec;
rest:
	syslog_frac(s, len, &i);
	h->year = 0;
	return syslog_rest(s, len, i, h, SYSLOG_BSD);
}

/*
 * The date and time of the last ISO stamp read on this thread: its first
 * 19 bytes ("2026-11-22T10:00:01" or with a space) and their fields. The
 * fraction after them differs from line to line, the seconds seldom.
 */
static _Thread_local struct {
	char key[SYSLOG_ISO_LEN];
	int ok; /* 0: none yet */
	int year, mon, mday, hour, min, sec;
} syslog_iso_memo;

/*
 * "YYYY-MM-DD?hh:mm:ss" at S (SYSLOG_ISO_LEN bytes there, the caller
 * checks the separator ?): the fields into H, or -1. Only those bytes
 * decide the answer, so the memo gives what the parse would.
 */
static int
syslog_iso_fields(const char *s, struct syslog_hdr *h)
{
	/* 19 bytes as the first 16 and the last 8 */
	if (syslog_iso_memo.ok && util_memeq(s, syslog_iso_memo.key, 16) &&
	    util_memeq(s + SYSLOG_ISO_LEN - 8,
		syslog_iso_memo.key + SYSLOG_ISO_LEN - 8, 8)) {
		h->year = syslog_iso_memo.year;
		h->mon = syslog_iso_memo.mon;
		h->mday = syslog_iso_memo.mday;
		h->hour = syslog_iso_memo.hour;
		h->min = syslog_iso_memo.min;
		h->sec = syslog_iso_memo.sec;
		return 0;
	}
	if (syslog_ymd(s, h) < 0 || syslog_hms(s + 11, h) < 0)
		return -1;
	memcpy(syslog_iso_memo.key, s, SYSLOG_ISO_LEN);
	syslog_iso_memo.ok = 1;
	syslog_iso_memo.year = h->year;
	syslog_iso_memo.mon = h->mon;
	syslog_iso_memo.mday = h->mday;
	syslog_iso_memo.hour = h->hour;
	syslog_iso_memo.min = h->min;
	syslog_iso_memo.sec = h->sec;
	return 0;
}

/* "Sun 2026-11-22 10:00:01 UTC host tag: msg" (journalctl short-full) */
static enum syslog_fmt
syslog_full(const char *s, size_t len, struct syslog_hdr *h)
{
	const char *w;
	size_t i;

	if (len < 25 || s[3] != ' ')
		return SYSLOG_NONE;
	for (w = syslog_wdays; *w; w += 3)
		if (memcmp(w, s, 3) == 0)
			break;
	if (*w == '\0' || syslog_ymd(s + 4, h) < 0 || s[14] != ' ' ||
	    syslog_hms(s + 15, h) < 0)
		return SYSLOG_NONE;
	i = 23;
	syslog_frac(s, len, &i);
	if (i >= len || s[i] != ' ')
		return SYSLOG_NONE;
	i++;
	/* time zone: an abbreviation or a numeric offset */
	if (syslog_offset(s, len, &i, h) < 0) {
		size_t z = i;

		while (i < len && s[i] >= 'A' && s[i] <= 'Z')
			i++;
		if (i == z)
			return SYSLOG_NONE;
		if ((i - z == 3 &&
			(memcmp(s + z, "UTC", 3) == 0 ||
			    memcmp(s + z, "GMT", 3) == 0))) {
			h->has_offset = 1;
			h->utc_offset = 0;
		}
	}
	return syslog_rest(s, len, i, h, SYSLOG_FULL);
}

/* "2026-11-22T10:00:01[.f](Z|+hh:mm|+hhmm) host tag: msg" */
static enum syslog_fmt
syslog_rfc3339(const char *s, size_t len, struct syslog_hdr *h)
{
	size_t i = 19;

	if (len < 21 || s[10] != 'T' || syslog_iso_fields(s, h) < 0)
		return SYSLOG_NONE;
	syslog_frac(s, len, &i);
	if (syslog_offset(s, len, &i, h) < 0)
		return SYSLOG_NONE;
	return syslog_rest(s, len, i, h, SYSLOG_RFC3339);
}

/*
 * Whether S starts "host prog[pid]: ": a syslog header written after an
 * ISO date with a space (some syslog-ng and container templates), which
 * Exim's own log lines never look like.
 */
static int
syslog_tagged(const char *s, size_t len)
{
	const char *sp = memchr(s, ' ', len), *p, *end;

	if (sp == NULL || sp == s)
		return 0;
	end = s + len;
	for (p = sp + 1; p < end && *p != ' ' && *p != '['; p++)
		;
	if (p == sp + 1 || p >= end || *p != '[')
		return 0;
	for (p++; p < end && *p >= '0' && *p <= '9'; p++)
		;
	return p + 1 < end && p[0] == ']' && p[1] == ':';
}

/* Exim's own log: "2026-11-22 10:00:01[.fff] [+hhmm] [[pid]] msg" */
static enum syslog_fmt
syslog_exim(const char *s, size_t len, struct syslog_hdr *h)
{
	size_t i = 19, p0;

	if (len < 20 || s[10] != ' ' || syslog_iso_fields(s, h) < 0)
		return SYSLOG_NONE;
	syslog_frac(s, len, &i);
	if (i < len && s[i] == ' ' && i + 1 < len &&
	    (s[i + 1] == '+' || s[i + 1] == '-')) {
		size_t j = i + 1;

		if (syslog_offset(s, len, &j, h) == 0)
			i = j;
	}
	if (i >= len || s[i] != ' ')
		return SYSLOG_NONE;
	if (syslog_tagged(s + i + 1, len - i - 1))
		return syslog_rest(s, len, i, h, SYSLOG_ISO);
	i++;
	h->pid = s + i;
	h->pidlen = 0;
	if (i < len && s[i] == '[') {
		p0 = i + 1;
		while (i < len && s[i] != ']')
			i++;
		if (i < len) {
			h->pid = s + p0;
			h->pidlen = i - p0;
			i++;
			if (i < len && s[i] == ' ')
				i++;
		}
	}
	h->host = s;
	h->hostlen = 0;
	h->prog = "exim";
	h->proglen = 4;
	h->msg = s + i;
	h->msglen = len - i;
	h->fmt = SYSLOG_EXIM;
	return SYSLOG_EXIM;
}

/* "1732269601.123456 host tag: msg" (journalctl short-unix) */
static enum syslog_fmt
syslog_unix(const char *s, size_t len, struct syslog_hdr *h)
{
	size_t i = 0;
	int64_t v = 0;

	while (i < len && i < 12 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	if (i < 9 || i >= len || (s[i] != '.' && s[i] != ' '))
		return SYSLOG_NONE;
	syslog_frac(s, len, &i);
	h->unix_time = v;
	h->has_offset = 1;
	return syslog_rest(s, len, i, h, SYSLOG_UNIX);
}

/*
 * Remove what some writers put between the tag and the message, so the
 * patterns see the same text everywhere: Solaris' "[ID 197553 mail.info] ",
 * and Exim's own timestamp and "[pid] " when it logs through syslog
 * ("exim[12]: 2026-11-22 10:00:01 [12] 1tEq9X-... => ...").
 */
void
syslog_strip_inner(struct syslog_hdr *h)
{
	const char *m = h->msg;
	size_t n = h->msglen, i;

	if (n > 4 && memcmp(m, "[ID ", 4) == 0) {
		const char *rb = memchr(m, ']', n);

		if (rb != NULL && (size_t)(rb - m) + 2 <= n && rb[1] == ' ') {
			h->msg = rb + 2;
			h->msglen = n - (size_t)(rb - m) - 2;
		}
		return;
	}
	if (h->proglen < 4 || memcmp(h->prog, "exim", 4) != 0)
		return;
	if (n >= 20 && m[4] == '-' && m[7] == '-' && m[10] == ' ' &&
	    m[13] == ':' && m[16] == ':' && syslog_num(m, 4) >= 0) {
		i = 19;
		syslog_frac(m, n, &i);
		if (i < n && m[i] == ' ') {
			m += i + 1;
			n -= i + 1;
		}
	}
	if (n > 2 && m[0] == '[') {
		for (i = 1; i < n && m[i] >= '0' && m[i] <= '9'; i++)
			;
		if (i > 1 && i + 1 < n && m[i] == ']' && m[i + 1] == ' ') {
			m += i + 2;
			n -= i + 2;
		}
	}
	h->msg = m;
	h->msglen = n;
}

/*
 * Length of a "docker compose logs" prefix ("smtp_1       | ",
 * "postfix-mailcow-1  | "), or 0: a service name, blanks, "| ".
 */
size_t
syslog_compose_prefix(const char *s, size_t len)
{
	size_t i = 0;

	/* most lines have no "|" near the start: one quick look for it */
	if (memchr(s, '|', len < 130 ? len : 130) == NULL)
		return 0;
	while (i < len && i < 64 && s[i] != ' ' && s[i] != '|')
		i++;
	if (i == 0)
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i + 2 <= len && s[i] == '|' && s[i + 1] == ' ')
		return i + 2;
	return 0;
}

static enum syslog_fmt
syslog_parse1(const char *s, size_t len, struct syslog_hdr *h);

enum syslog_fmt
syslog_parse(const char *s, size_t len, struct syslog_hdr *h)
{
	enum syslog_fmt f = syslog_parse1(s, len, h);
	size_t skip;

	if (f == SYSLOG_NONE && (skip = syslog_compose_prefix(s, len)) > 0)
		f = syslog_parse1(s + skip, len - skip, h);
	return f;
}

/* Parse one header at the very start of S. */
static enum syslog_fmt
syslog_parse1(const char *s, size_t len, struct syslog_hdr *h)
{
	enum syslog_fmt f = SYSLOG_NONE;

	memset(h, 0, sizeof(*h));
	if (len >= 3 && s[0] == '-' && s[1] == '-' && s[2] == ' ') {
		h->fmt = SYSLOG_MARKER;
		return SYSLOG_MARKER;
	}
	if (len < 16)
		return SYSLOG_NONE;
	if (s[0] >= 'A' && s[0] <= 'Z') {
		f = s[4] >= '0' && s[4] <= '9' && s[8] == '-'
		    ? syslog_full(s, len, h)
		    : syslog_bsd(s, len, h);
	} else if (s[0] >= '0' && s[0] <= '9') {
		if (s[4] == '-' && s[10] == 'T')
			f = syslog_rfc3339(s, len, h);
		else if (s[4] == '-' && s[10] == ' ')
			f = syslog_exim(s, len, h);
		else
			f = syslog_unix(s, len, h);
	}
	if (f == SYSLOG_NONE)
		memset(h, 0, sizeof(*h));
	else if (f != SYSLOG_EXIM)
		syslog_strip_inner(h);
	return f;
}

int64_t
syslog_days_from_civil(int y, int m, int d)
{
	/* H. Hinnant's algorithm: exact for the proleptic Gregorian calendar */
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
syslog_clock_init(struct syslog_clock *c, time_t now)
{
	struct tm tm;

	c->now = now;
	localtime_r(&now, &tm);
	c->now_year = tm.tm_year + 1900;
	c->cache_key = -1;
	c->cache_val = 0;
	c->memo_ok = 0;
	c->memo_t = 0;
}

/* Whether the broken-down date and time can exist. */
static int
syslog_valid(int y, int mon, int mday, int hour, int min, int sec)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (mon < 1 || mon > 12 || mday < 1 || mday > mdays[mon - 1] ||
	    hour > 23 || min > 59 || sec > 60)
		return 0;
	return !(mon == 2 && mday == 29 && !leap);
}

/* Local time of the start of an hour, cached: mktime is slow. */
static time_t
syslog_local_hour(struct syslog_clock *c, int y, int mon, int mday, int hour)
{
	int key = ((y * 13 + mon) * 32 + mday) * 24 + hour;
	struct tm tm;

	if (key == c->cache_key)
		return c->cache_val;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = mday;
	tm.tm_hour = hour;
	tm.tm_isdst = -1;
	c->cache_key = key;
	c->cache_val = mktime(&tm);
	return c->cache_val;
}

static int
syslog_time1(const struct syslog_hdr *h, struct syslog_clock *c, time_t *t);

/* A word of two ints, for the memo's key. */
static uint64_t
syslog_word(int a, int b)
{
	return (uint64_t)(uint32_t)a << 32 | (uint32_t)b;
}

/*
 * Lines come many to a second: the answer for the same time fields as the
 * last header's is the last answer (the clock's now does not change).
 */
int
syslog_time(const struct syslog_hdr *h, struct syslog_clock *c, time_t *t)
{
	uint64_t k[4];

	/* (the answer of the other formats is not from the fields alone) */
	if (h->fmt == SYSLOG_UNIX || h->fmt == SYSLOG_JSON ||
	    h->fmt == SYSLOG_NONE || h->fmt == SYSLOG_MARKER)
		return syslog_time1(h, c, t);
	k[0] = syslog_word(h->year, h->mon);
	k[1] = syslog_word(h->mday, h->hour);
	k[2] = syslog_word(h->min, h->sec);
	k[3] = syslog_word(h->has_offset, h->utc_offset);
	if (!c->memo_ok || memcmp(k, c->memo, sizeof(k)) != 0) {
		c->memo_rc = syslog_time1(h, c, &c->memo_t);
		memcpy(c->memo, k, sizeof(k));
		c->memo_ok = 1;
	}
	if (c->memo_rc == 0) /* *t is left alone on failure, as before */
		*t = c->memo_t;
	return c->memo_rc;
}

static int
syslog_time1(const struct syslog_hdr *h, struct syslog_clock *c, time_t *t)
{
	int y = h->year;
	time_t v;

	if (h->fmt == SYSLOG_UNIX) {
		*t = (time_t)h->unix_time;
		return 0;
	}
	if (h->fmt == SYSLOG_JSON) {
		/* has_offset: the entry had a usable timestamp */
		*t = (time_t)h->unix_time;
		return h->has_offset ? 0 : -1;
	}
	if (h->fmt == SYSLOG_NONE || h->fmt == SYSLOG_MARKER)
		return -1;
	if (y == 0) {
		y = c->now_year;
		/* Feb 29 in a year-less line: try the years before */
		if (h->mon == 2 && h->mday == 29)
			while (!syslog_valid(y, 2, 29, 0, 0, 0))
				y--;
	}
	if (!syslog_valid(y, h->mon, h->mday, h->hour, h->min, h->sec))
		return -1;
	if (h->has_offset) {
		*t = (time_t)(syslog_days_from_civil(y, h->mon, h->mday) *
			86400 +
		    h->hour * 3600 + h->min * 60 + h->sec - h->utc_offset);
		return 0;
	}
	v = syslog_local_hour(c, y, h->mon, h->mday, h->hour) + h->min * 60 +
	    h->sec;
	if (h->year == 0 && v > c->now + 86400) {
		/* a year-less line from "the future" is from last year */
		y--;
		/* (or, for Feb 29, from the leap year before that) */
		if (h->mon == 2 && h->mday == 29)
			while (!syslog_valid(y, 2, 29, 0, 0, 0))
				y--;
		if (!syslog_valid(y, h->mon, h->mday, h->hour, h->min, h->sec))
			return -1;
		v = syslog_local_hour(c, y, h->mon, h->mday, h->hour) +
		    h->min * 60 + h->sec;
	}
	*t = v;
	return 0;
}
