/*
 * when.h - time windows, and the year of year-less syslog timestamps.
 *
 *   when_parse(s, now, &t, err, n)   a --since/--until TIME in epoch seconds
 *   when_yday(line, len)             day of a "Nov 22 10:00:01" stamp, or -1
 *   when_span_add(&s, yday)          follow the stamps of a byte range
 *   when_span_join(&a, &b)           A becomes A followed by B
 *   when_years_stream(&y, ref)       years of a stream: the first stamp is
 *                                    placed by REF, the others follow it
 *   when_years_file(&y, ref, &all, &before)   years of a piece of a file
 *                                    whose stamps were read once before
 *   when_years_line(&y, yday)        the year of the next stamp
 *
 * Classic syslog stamps carry no year. Lines are in time order, so each
 * stamp is placed within half a year of the stamp before it: a jump back
 * of more than half a year is a New Year, a jump forward of more than
 * half a year is a line from just before a New Year written late. The
 * year itself is fixed by a reference time that the stamps may not pass
 * by more than a day: for a stream its first stamp is placed by REF (now),
 * for a regular file its LAST stamp is placed by REF (its modification
 * time), with the New Years in the file counted (when_span_*: by a first
 * pass, or guessed and then checked, run.c). A stamp that would still land more than a day after REF
 * is put a year earlier and counted in y.late: a line of a wrong clock,
 * or, when the last stamp of a stream is one (y.last_late), a stream
 * that spans more than a year, whose older stamps were placed a year
 * late.
 *
 * Days are counted in a leap-year calendar (0 = Jan 1, 59 = Feb 29, 365 =
 * Dec 31) so that the rule needs no year. Nothing here allocates.
 */
#ifndef SMTPLOG_WHEN_H
#define SMTPLOG_WHEN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Stamps further apart than this many days are a year apart. */
#define WHEN_HALF_YEAR 183

/*
 * Parse TIME: "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" (or with a T), with an
 * optional "Z" or "+hh:mm" offset, "today", "yesterday" (local midnights),
 * "now", or "-N" followed by s, m, h or d (that long before NOW). Times
 * without an offset are local (TZ). 0 and *T set, or -1 with "cannot read
 * 'TIME' (expected ...)" in ERR.
 */
int when_parse(const char *s, time_t now, time_t *t, char *err, size_t errlen);

/* The day (0-365) of a classic syslog stamp "Mmm dd hh:mm:ss" at the start
 * of LINE (or after a "docker compose logs" prefix), or -1. */
int when_yday(const char *line, size_t len);
/* The same, and where in LINE the stamp was read (*AT: 0, or after a
 * "docker compose logs" prefix). */
int when_yday_at(const char *line, size_t len, size_t *at);
/*
 * when_yday() of LINE, from the header syslog_parse() made of it (format
 * FMT, H): no second look at the stamp of a classic header.
 */
struct syslog_hdr;
int when_yday_hdr(int fmt, const struct syslog_hdr *h, const char *line,
    size_t len);
/* The day (0-365) of a month and day, or -1 when there is no such day. */
int when_yday_of(int mon, int mday);

/* The stamps of a byte range, followed without knowing the year. */
struct when_span {
	uint64_t n;      /* stamps seen */
	int first, last; /* days of the first and the last (when n > 0) */
	int years;       /* New Years from the first stamp to the last */
};

void when_span_add(struct when_span *s, int yday);
void when_span_join(struct when_span *a, const struct when_span *b);

/* The year of each stamp of one input. */
struct when_years {
	int year;      /* the year of the last stamp, as followed */
	int last;      /* its day; -1: no stamp yet */
	int known;     /* the year of the first stamp is known (a file) */
	int ref_year;  /* local year of the reference */
	int64_t limit; /* no stamp after this day (days since 1970-01-01) */
	uint64_t late; /* stamps put a year earlier than followed */
	int last_late; /* the last stamp was one of them */
};

void when_years_stream(struct when_years *y, time_t ref);
/* A piece of a file whose stamps are ALL and that starts after the stamps
 * BEFORE (both from when_span_*; BEFORE empty for the first piece). When
 * the file had no stamp, the same as when_years_stream(). */
void when_years_file(struct when_years *y, time_t ref,
    const struct when_span *all, const struct when_span *before);
int when_years_line(struct when_years *y, int yday);
/* Whether A and B would give every following stamp the same year. */
int when_years_same(const struct when_years *a, const struct when_years *b);

#endif
