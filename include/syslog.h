/*
 * syslog.h - recognise the header of a log line: time, host, program, pid.
 *
 *   syslog_parse(line, len, &hdr)   fill hdr; returns its format
 *   syslog_time(&hdr, ctx)          seconds since the epoch (UTC)
 *
 * Formats, detected per line: classic BSD syslog ("Nov 22 10:00:01",
 * also journalctl short/short-precise), RFC 3339 (rsyslog, journalctl
 * short-iso), journalctl short-full and short-unix, Exim's own mainlog and
 * rejectlog ("2026-11-22 10:00:01 [pid] ..."), and journalctl's "-- ... --"
 * marker lines. All pointers in the header point into the line.
 */
#ifndef SMTPLOG_SYSLOG_H
#define SMTPLOG_SYSLOG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum syslog_fmt {
	SYSLOG_NONE = 0, /* no header recognised */
	SYSLOG_MARKER,   /* journalctl "-- Boot ... --" and friends */
	SYSLOG_BSD,      /* Mmm dd hh:mm:ss[.ffffff] host prog[pid]: */
	SYSLOG_RFC3339,  /* YYYY-MM-DDThh:mm:ss[.f](Z|+hh:mm|+hhmm) host ... */
	SYSLOG_FULL,     /* Www YYYY-MM-DD hh:mm:ss TZ host ... */
	SYSLOG_UNIX,     /* 1732269601.123456 host ... */
	SYSLOG_EXIM,     /* YYYY-MM-DD hh:mm:ss[.fff] [+hhmm] [[pid]] msg */
	SYSLOG_ISO,      /* YYYY-MM-DD hh:mm:ss host prog[pid]: (syslog-ng) */
	SYSLOG_JSON      /* a journal entry (journal.h): unix_time, UTC */
};

struct syslog_hdr {
	enum syslog_fmt fmt;
	/* broken-down time as written; year 0 when the line has none */
	int year, mon, mday, hour, min, sec;
	int has_offset; /* utc_offset is valid (seconds east of UTC) */
	int utc_offset;
	int64_t unix_time; /* SYSLOG_UNIX only */
	const char *host;
	size_t hostlen; /* empty for SYSLOG_EXIM */
	const char *prog;
	size_t proglen; /* "exim" for SYSLOG_EXIM */
	const char *pid;
	size_t pidlen;
	const char *msg;
	size_t msglen;
};

enum syslog_fmt
syslog_parse(const char *line, size_t len, struct syslog_hdr *hdr);
/* Drop what some writers put between the tag and the message (Solaris'
 * "[ID n facility.level] ", Exim's own time and pid): syslog_parse() does
 * it; a header made another way calls it itself. */
void syslog_strip_inner(struct syslog_hdr *h);

/* Context for turning header times into epoch seconds. NOW is the
 * reference for year-less lines: such a line gets NOW's year, or the year
 * before when that would put it more than a day in NOW's future. */
struct syslog_clock {
	time_t now;
	int now_year;  /* local year of now, for year-less lines */
	int cache_key; /* internal: last local hour converted */
	time_t cache_val;
	/* internal: the last header converted (its time fields), its answer */
	uint64_t memo[4];
	time_t memo_t;
	int memo_rc, memo_ok;
};

void syslog_clock_init(struct syslog_clock *c, time_t now);
/* Returns 0 and sets *t, or -1 when the header has no valid time. */
int syslog_time(const struct syslog_hdr *h, struct syslog_clock *c, time_t *t);

/* Length of a "docker compose logs" prefix ("smtp_1  | ") at S, or 0. */
size_t syslog_compose_prefix(const char *s, size_t len);

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t syslog_days_from_civil(int y, int m, int d);

#endif
