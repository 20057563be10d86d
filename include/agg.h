/*
 * agg.h - count events and lines: by class, code, enhanced code,
 * direction, MTA and peer.
 *
 *   agg_new() / agg_free(a)
 *   agg_limit_peers(a, max)     another cap on peers than AGG_MAX_PEERS
 *   agg_event(a, ev)            count one event (copies what it keeps)
 *   agg_line(a, kind, mta)      count one line by what became of it
 *   agg_skipped(c)              lines of all the skipped kinds
 *   agg_time(a, t)              widen the time span
 *   agg_hour(a, t, cls)         count one event of class CLS at time T in
 *                               the histogram of events per hour
 *   agg_hours(a, &n, &step)     that histogram, oldest bucket first
 *   agg_sample(a, name, lineno, line, n)   keep an unparsed line as a sample
 *   agg_merge(dst, src, lines)  add src to dst (src's lines come after
 *                               LINES lines of dst's input)
 *   agg_cells(a, &n)            every (dir, mta, class, code, enh, stage)
 *                               count
 *   agg_top(a, max, &n)         the most frequent failures
 *   agg_destinations(a, dir, kind, max, &n)   failing domains or hosts,
 *                               each with its failures
 *   agg_peers(a, top, kind, max, &n, &level)   the peers most hit by one
 *                               failure, and how they were sampled
 *   agg_peer_rows(a, &n)        every peer count with its whole key
 *   agg_add_cell(a, cell)       count a cell read from elsewhere (merge)
 *   agg_add_peer(a, row)        count a peer read from elsewhere (merge)
 *
 * Tables are bounded: past AGG_MAX_CELLS cells, AGG_MAX_PEERS peers, or
 * AGG_MAX_GROUP_PEERS peers of one failure, a sample of the keys is kept,
 * chosen by a hash of the key so that the result does not depend on the
 * order of the input (see agg.c); the counts of the others go to "other"
 * counters and rows. Memory does not grow with hostile input. The
 * histogram keeps at most AGG_MAX_HOURS buckets: when the events span
 * more hours than that, its buckets widen (2, 4, 8 ... hours) until they
 * fit. Arrays returned by agg_cells/agg_top/agg_peers/agg_destinations
 * belong to the caller (free()); strings inside them, and the array of
 * agg_hours(), belong to the aggregator.
 */
#ifndef SMTPLOG_AGG_H
#define SMTPLOG_AGG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "event.h"

#define AGG_MAX_CELLS 20000
#define AGG_MAX_PEERS 65536
#define AGG_MAX_GROUP_PEERS 4096
#define AGG_MAX_SAMPLES 10
#define AGG_SAMPLE_LEN 400
#define AGG_MAX_HOURS 2048 /* buckets of the events-per-hour histogram */
#define AGG_HOUR 3600      /* seconds in the narrowest bucket */

enum agg_line_kind {
	AGG_EVENT = 0,   /* a line that became an event */
	AGG_NOREPLY,     /* a mail line without a reply */
	AGG_UNPARSED,    /* a mail line with a reply no rule understood */
	AGG_SKIP_OTHER,  /* a line of another program */
	AGG_SKIP_NOHDR,  /* no header recognised */
	AGG_SKIP_MARKER, /* a journalctl "-- ... --" line */
	AGG_SKIP_WINDOW, /* outside the time window (--since, --until) */
	AGG_SKIP_NOTIME, /* no usable time while a window is set */
	AGG_NKINDS
};

struct agg_counts {
	uint64_t lines; /* every line read */
	uint64_t kind[AGG_NKINDS];
	uint64_t overlong; /* lines past the length limit */
	uint64_t bytes;
	uint64_t inferred;         /* events whose code was inferred */
	uint64_t mail[EVENT_NMTA]; /* mail lines per MTA */
	uint64_t other_cells;      /* events folded into "other" */
	uint64_t other_peers;
	uint64_t limit_hits; /* PCRE2 match limit hits */
	time_t first, last;  /* time span; first > last: none */
};

struct agg_cell {
	int dir, mta, cls, code; /* code 0: none */
	struct event_enh enh;
	int other; /* the overflow row */
	int stage; /* enum event_stage */
	int sig;   /* provider signature, -1: none */
	uint64_t count, inferred;
};

struct agg_top {
	int dir, cls, code;
	struct event_enh enh;
	uint64_t count, inferred;
	uint64_t by_mta[EVENT_NMTA];
	int stage; /* most frequent stage */
	int sig;   /* provider signature, -1: none */
};

enum agg_peer_kind { AGG_PEER_DOMAIN = 0, AGG_PEER_HOST };

struct agg_peer {
	const char *name;
	size_t len;
	uint64_t count;
};

/* One failing destination (agg_destinations): a remote domain or host and
 * the failures it gave, most frequent first. */
#define AGG_DEST_CODES 5
struct agg_dest_code {
	int cls, code; /* code 0: none */
	struct event_enh enh;
	int sig; /* provider signature, -1: none */
	uint64_t count;
};

struct agg_dest {
	const char *name;
	size_t len;
	uint64_t count;       /* failures, all codes */
	uint64_t by_class[6]; /* [4] and [5] */
	struct agg_dest_code codes[AGG_DEST_CODES];
	size_t ncodes;    /* codes listed; more may exist */
	size_t nfailures; /* distinct failures it gave */
};

/* One bucket of the histogram: events by class from START (seconds
 * since the epoch, a multiple of the bucket width) for one width. */
struct agg_bucket {
	int64_t start;
	uint64_t n[3]; /* 2xx, 4xx, 5xx */
};

/* One peer count with the key of the failure it belongs to. */
struct agg_peer_row {
	int dir, cls, code; /* code 0: none */
	struct event_enh enh;
	int sig;  /* provider signature, -1: none */
	int kind; /* enum agg_peer_kind */
	const char *name;
	size_t len; /* lower case, at most 255 bytes */
	uint64_t count;
};

struct agg_sample {
	char *name;      /* input name */
	uint64_t lineno; /* line number in that input */
	char *text;
	size_t len;
};

struct agg;

struct agg *agg_new(void);
void agg_free(struct agg *a);
/* Before the first event: keep at most MAX peers (--max-peers), and
 * MAX / 16 of one failure. */
void agg_limit_peers(struct agg *a, size_t max);
void agg_event(struct agg *a, const struct event *ev);
void agg_line(struct agg *a, enum agg_line_kind kind, int mta);
void agg_time(struct agg *a, time_t t);
void agg_sample(struct agg *a, const char *name, uint64_t lineno,
    const char *line, size_t len);
/* Count one event of class CLS (2, 4 or 5; others are not counted) in
 * the bucket of time T. */
void agg_hour(struct agg *a, time_t t, int cls);
/* The non-empty buckets, oldest first; *STEP is their width in seconds
 * (AGG_HOUR times a power of two). Valid until the next change of A. */
const struct agg_bucket *
agg_hours(const struct agg *a, size_t *n, int64_t *step);
/* Add a bucket read from elsewhere (merge): N events by class from START,
 * in buckets of STEP seconds; this histogram widens to STEP first. */
void
agg_add_hour(struct agg *a, int64_t start, int64_t step, const uint64_t n[3]);
/* Add everything SRC counted to DST, as if DST had read SRC's input after
 * its own: SRC's sample line numbers are shifted by LINE_OFFSET. Caps
 * apply as in agg_event(). */
void agg_merge(struct agg *dst, const struct agg *src, uint64_t line_offset);
/* Occupied slots the tables of A have passed over while adding keys, all
 * along: what it costs to find a key's place (for tests). */
uint64_t agg_probes(const struct agg *a);
/* Whether A has counted nothing yet (a merge into it is a copy). */
int agg_is_empty(const struct agg *a);
struct agg_counts *agg_counts(struct agg *a);
/* Lines of every skipped kind (AGG_SKIP_*): the "skipped" of the
 * accounting lines = events + noreply + unparsed + skipped + overlong. */
uint64_t agg_skipped(const struct agg_counts *c);
const struct agg_counts *agg_counts_const(const struct agg *a);
const struct agg_sample *agg_samples(const struct agg *a, size_t *n);

/* Sorted by dir, mta, class, code, enhanced code. */
struct agg_cell *agg_cells(const struct agg *a, size_t *n);
/* Failures (class 4 and 5) grouped by dir, code and enhanced code, most
 * frequent first (ties: by class, code, enh, dir). */
struct agg_top *agg_top(const struct agg *a, size_t max, size_t *n);
/* The domains (or hosts) of direction DIR that failed most, most failures
 * first (ties: by name), at most MAX. Built from the peers of every
 * failure, so a peer left out of a sampled failure (see --max-peers) is
 * missing from that failure's count here too. */
struct agg_dest *agg_destinations(const struct agg *a, int dir,
    enum agg_peer_kind kind, size_t max, size_t *n);
/* Most frequent first (ties: by name). When LEVEL is not NULL it is set to
 * the sampling level of the list: 0 when every peer of the failure is in
 * it, L when only those with a rank below 2^(64-L) are, about 1 in 2^L of
 * the distinct peers (the counts of those listed are still exact). */
struct agg_peer *agg_peers(const struct agg *a, const struct agg_top *t,
    enum agg_peer_kind kind, size_t max, size_t *n, unsigned *level);

/* Every peer, sorted by dir, class, code, enhanced code, signature,
 * kind and name. */
struct agg_peer_row *agg_peer_rows(const struct agg *a, size_t *n);

/* Count C->count events (C->inferred of them inferred) in the cell C
 * describes, as agg_merge() would: caps apply; an "other" row (C->other)
 * is added to that row. The totals of agg_counts() are left to the
 * caller. */
void agg_add_cell(struct agg *a, const struct agg_cell *c);
/* Count P->count hits of peer P (its name is lower-cased and cut at 255
 * bytes as agg_event() does); past the cap they go to other_peers. */
void agg_add_peer(struct agg *a, const struct agg_peer_row *p);

#endif
