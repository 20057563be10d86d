/*
 * journal.h - the systemd journal as input: lines of "journalctl -o json"
 * (or json-seq) in any input, and the journal itself through libsystemd.
 *
 *   journal_dec_new() / journal_dec_free(d)   a decoder and its buffers
 *   journal_json_fields(d, line, n, &e)   a JSON line taken apart
 *   journal_hdr(d, &e, &hdr, &text, &n)   an entry as a syslog header
 *   journal_json(d, line, n, &hdr, &text, &n)   both in one, for run_line
 *   journal_available()                   1 when built with libsystemd
 *   journal_read(&r, &opts)               read the journal into a run
 *
 * An entry becomes the header a syslog line of the same message would
 * give (program SYSLOG_IDENTIFIER, host _HOSTNAME, pid _PID, the time of
 * __REALTIME_TIMESTAMP in UTC), so every pattern applies unchanged. The
 * entry is also rendered as one RFC 3339 syslog line, which is what
 * --trace and the unparsed samples show. Every pointer handed out points
 * into the decoder and lives until its next call. json-c does the JSON.
 */
#ifndef SMTPLOG_JOURNAL_H
#define SMTPLOG_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "run.h"
#include "scan.h"
#include "syslog.h"

/* The record separator that starts each record of journalctl -o json-seq
 * (RFC 7464). */
#define JOURNAL_RS '\x1e'

/* The hot path's test, one byte: could this line be a JSON entry? */
#define JOURNAL_IS_JSON(line, len)                                             \
	((len) > 0 && ((line)[0] == '{' || (line)[0] == JOURNAL_RS))

/* The longest entry rendered: a message of SCAN_MAX_LINE bytes and room
 * for its time, host and tag. Longer entries are counted as overlong. */
#define JOURNAL_MAX (SCAN_MAX_LINE + 1024)

/* The last realtime a header can carry: 9999-12-31T23:59:59.999999Z. */
#define JOURNAL_MAX_USEC UINT64_C(253402300799999999)

/* The journal fields an entry is made of. */
enum journal_field {
	JOURNAL_MESSAGE = 0,
	JOURNAL_IDENT,      /* SYSLOG_IDENTIFIER: the program */
	JOURNAL_COMM,       /* _COMM: the program when there is no identifier */
	JOURNAL_PID,        /* _PID */
	JOURNAL_SYSLOG_PID, /* SYSLOG_PID: the pid when there is no _PID */
	JOURNAL_HOST,       /* _HOSTNAME */
	JOURNAL_NFIELDS
};

struct journal_entry {
	const char *v[JOURNAL_NFIELDS]; /* NULL: absent or null */
	size_t n[JOURNAL_NFIELDS];
	uint64_t usec; /* __REALTIME_TIMESTAMP, when has_usec */
	int has_usec;
};

struct journal_dec;

/* "MESSAGE", "SYSLOG_IDENTIFIER" ... of a field, for the journal API. */
const char *journal_field_name(int field);

struct journal_dec *journal_dec_new(void);
void journal_dec_free(struct journal_dec *d);

/*
 * Take one line of journalctl -o json (a leading RS of json-seq is
 * skipped) apart into E. A value is a string, an array of byte values
 * (journald's form for a value that is not UTF-8), an array of several
 * values (the first is taken), a number, or null (absent). 0, or -1 when
 * the line is not one JSON object with a MESSAGE key.
 */
int journal_json_fields(struct journal_dec *d, const char *line, size_t len,
    struct journal_entry *e);

/*
 * Render entry E into D as "TIME HOST PROG[PID]: MESSAGE" and point H's
 * fields into it (format SYSLOG_JSON; has_offset is set when the entry
 * has a usable time). *TEXT and *LEN are the rendered line. 0, or -1 when
 * it would be longer than JOURNAL_MAX.
 */
int journal_hdr(struct journal_dec *d, const struct journal_entry *e,
    struct syslog_hdr *h, const char **text, size_t *len);

/* journal_json_fields() and journal_hdr(): SYSLOG_JSON, with *TEXT and
 * *TLEN set to the rendered line, or SYSLOG_NONE (broken JSON, not an
 * entry), and then they are left alone. */
enum syslog_fmt journal_json(struct journal_dec *d, const char *line,
    size_t len, struct syslog_hdr *h, const char **text, size_t *tlen);

/* What --journal reads. All arrays may be empty. */
struct journal_opts {
	const char **units; /* --unit: names or globs; none: the mail units */
	size_t nunits;
	const char **dirs; /* --journal-dir: each read in turn */
	size_t ndirs;
	const char **files; /* --journal-file: read together */
	size_t nfiles;
};

/* The units read by default: Postfix, Exim and Sendmail's. */
extern const char *const journal_mail_units[];

/* 1 when this smtplog was built with libsystemd, else 0. */
int journal_available(void);

/*
 * Read the journal (the local one, or O's directories or files) into R:
 * the entries of O's units, or by default those of the mail units and
 * those whose SYSLOG_IDENTIFIER a pattern file claims, inside R's time
 * window. A journal that cannot be opened or read is warned about as
 * "smtplog: NAME: <strerror>" and counted in r->errors; returns -1 then,
 * else 0. Built without libsystemd it warns and returns -1.
 */
int journal_read(struct run *r, const struct journal_opts *o);

#endif
