/*
 * agg.h - count events and lines: by class, code, enhanced code,
 * direction, MTA and peer.
 *
 *   agg_new() / agg_free(a)
 *   agg_event(a, ev)            count one event (copies what it keeps)
 *   agg_line(a, kind, mta)      count one line by what became of it
 *   agg_time(a, t)              widen the time span
 *   agg_sample(a, name, lineno, line, n)   keep an unparsed line as a sample
 *   agg_merge(dst, src, lines)  add src to dst (src's lines come after
 *                               LINES lines of dst's input)
 *   agg_cells(a, &n)            every (dir, mta, class, code, enh, stage)
 *                               count
 *   agg_top(a, max, &n)         the most frequent failures
 *   agg_peers(a, top, kind, max, &n)   the peers most hit by one failure
 *   agg_peer_rows(a, &n)        every peer count with its whole key
 *   agg_add_cell(a, cell)       count a cell read from elsewhere (merge)
 *   agg_add_peer(a, row)        count a peer read from elsewhere (merge)
 *
 * Tables are bounded: past AGG_MAX_CELLS or AGG_MAX_PEERS distinct keys,
 * new keys are counted in an "other" row, so memory does not grow with
 * hostile input. Arrays returned by agg_cells/agg_top/agg_peers/
 * agg_peer_rows belong to the caller (free()); strings inside them belong
 * to the aggregator.
 */
#ifndef SMTPLOG_AGG_H
#define SMTPLOG_AGG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "event.h"

#define AGG_MAX_CELLS 20000
#define AGG_MAX_PEERS 100000
#define AGG_MAX_SAMPLES 10
#define AGG_SAMPLE_LEN 400

enum agg_line_kind {
	AGG_EVENT = 0,   /* a line that became an event */
	AGG_NOREPLY,     /* a mail line without a reply */
	AGG_UNPARSED,    /* a mail line with a reply no rule understood */
	AGG_SKIP_OTHER,  /* a line of another program */
	AGG_SKIP_NOHDR,  /* no header recognised */
	AGG_SKIP_MARKER, /* a journalctl "-- ... --" line */
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
void agg_event(struct agg *a, const struct event *ev);
void agg_line(struct agg *a, enum agg_line_kind kind, int mta);
void agg_time(struct agg *a, time_t t);
void agg_sample(struct agg *a, const char *name, uint64_t lineno,
    const char *line, size_t len);
/* Add everything SRC counted to DST, as if DST had read SRC's input after
 * its own: SRC's sample line numbers are shifted by LINE_OFFSET. Caps
 * apply as in agg_event(). */
void agg_merge(struct agg *dst, const struct agg *src, uint64_t line_offset);
struct agg_counts *agg_counts(struct agg *a);
const struct agg_counts *agg_counts_const(const struct agg *a);
const struct agg_sample *agg_samples(const struct agg *a, size_t *n);

/* Sorted by dir, mta, class, code, enhanced code. */
struct agg_cell *agg_cells(const struct agg *a, size_t *n);
/* Failures (class 4 and 5) grouped by dir, code and enhanced code, most
 * frequent first (ties: by class, code, enh, dir). */
struct agg_top *agg_top(const struct agg *a, size_t max, size_t *n);
/* Most frequent first (ties: by name). */
struct agg_peer *agg_peers(const struct agg *a, const struct agg_top *t,
    enum agg_peer_kind kind, size_t max, size_t *n);
/* Every peer, sorted by dir, class, code, enhanced code, signature,
 * kind and name. */
struct agg_peer_row *agg_peer_rows(const struct agg *a, size_t *n);

/* Count C->count events (C->inferred of them inferred) in the cell C
 * describes, as agg_merge() would: caps apply, the "other" row (C->other)
 * always gets in. The totals of agg_counts() are left to the caller. */
void agg_add_cell(struct agg *a, const struct agg_cell *c);
/* Count P->count hits of peer P (its name is lower-cased and cut at 255
 * bytes as agg_event() does); past the cap they go to other_peers. */
void agg_add_peer(struct agg *a, const struct agg_peer_row *p);

#endif
