/*
 * journal.c - journal entries as syslog headers: the lines of
 * "journalctl -o json" and "-o json-seq", taken apart with json-c.
 *
 * A decoder owns one json-c tokener, reset for every line (json-c still
 * allocates the objects of each line; journal_json() frees them once the
 * entry is rendered), a scratch buffer for values that are not plain
 * strings (byte arrays, numbers) and the buffer the entry is rendered
 * into. A line is
 * at most SCAN_MAX_LINE bytes, so neither buffer can overflow; the checks
 * are there all the same. Nothing here prints: a broken line is reported
 * to the caller, which counts it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "journal.h"
#include "util.h"

/* An entry nests three deep (object, several values, bytes); a line
 * nested deeper than this is not an entry. */
#define JOURNAL_DEPTH 8

struct journal_dec {
	struct json_tokener *tok;
	char *raw; /* byte arrays and numbers of the current line */
	size_t rawlen;
	char *text; /* the rendered entry */
	/* the object of the last line: E's strings point into it */
	struct json_object *obj;
};

static const char *const journal_names[JOURNAL_NFIELDS] = {
    "MESSAGE",
    "SYSLOG_IDENTIFIER",
    "_COMM",
    "_PID",
    "SYSLOG_PID",
    "_HOSTNAME",
};

const char *
journal_field_name(int field)
{
	return field >= 0 && field < JOURNAL_NFIELDS ? journal_names[field]
						     : NULL;
}

struct journal_dec *
journal_dec_new(void)
{
	struct journal_dec *d = xcalloc(1, sizeof(*d));

	if ((d->tok = json_tokener_new_ex(JOURNAL_DEPTH)) == NULL)
		util_fatal("out of memory");
	json_tokener_set_flags(d->tok, JSON_TOKENER_STRICT);
	d->raw = xmalloc(JOURNAL_MAX);
	d->text = xmalloc(JOURNAL_MAX);
	return d;
}

void
journal_dec_free(struct journal_dec *d)
{
	if (d == NULL)
		return;
	json_object_put(d->obj);
	json_tokener_free(d->tok);
	free(d->raw);
	free(d->text);
	free(d);
}

/* Room for N more bytes in the scratch buffer, or NULL. */
static char *
journal_raw(struct journal_dec *d, size_t n)
{
	char *p;

	if (n > JOURNAL_MAX - d->rawlen)
		return NULL;
	p = d->raw + d->rawlen;
	d->rawlen += n;
	return p;
}

/*
 * The bytes of value V: a string; an array of byte values (journald
 * writes a value that is not valid UTF-8 so); an array of several values,
 * of which the first counts; or an integer, written in decimal. 0 with *S
 * set, or -1 for null and anything else, which count as absent.
 */
static int
journal_value(struct journal_dec *d, struct json_object *v, int multi,
    const char **s, size_t *n)
{
	size_t i, k;
	char *p;

	switch (json_object_get_type(v)) {
	case json_type_string:
		*s = json_object_get_string(v);
		*n = (size_t)json_object_get_string_len(v);
		return 0;
	case json_type_int: {
		char num[32];
		int w = snprintf(num, sizeof(num), "%" PRId64,
		    json_object_get_int64(v));

		if (w <= 0 || (p = journal_raw(d, (size_t)w)) == NULL)
			return -1;
		memcpy(p, num, (size_t)w);
		*s = p;
		*n = (size_t)w;
		return 0;
	}
	case json_type_array:
		k = json_object_array_length(v);
		if (k == 0)
			break;
		/* several values: the first, unless it is itself several */
		if (json_object_get_type(json_object_array_get_idx(v, 0)) !=
		    json_type_int)
			return multi
			    ? journal_value(d, json_object_array_get_idx(v, 0),
				  0, s, n)
			    : -1;
		if ((p = journal_raw(d, k)) == NULL)
			return -1;
		for (i = 0; i < k; i++) {
			struct json_object *b = json_object_array_get_idx(v, i);
			int64_t x;

			if (!json_object_is_type(b, json_type_int))
				return -1;
			x = json_object_get_int64(b);
			if (x < 0 || x > 255)
				return -1;
			p[i] = (char)x;
		}
		*s = p;
		*n = k;
		return 0;
	default:
		break;
	}
	return -1;
}

/*
 * __REALTIME_TIMESTAMP: decimal microseconds since the epoch, as a string
 * (as journalctl writes it) or a number. 0, or -1 when it is missing, not
 * a number, or past JOURNAL_MAX_USEC (it would overflow or mean nothing).
 */
static int
journal_usec(struct json_object *v, uint64_t *usec)
{
	const char *s;
	uint64_t x = 0;
	int i, n;

	if (json_object_is_type(v, json_type_int)) {
		int64_t y = json_object_get_int64(v);

		/* json-c stops at INT64_MAX: such values are out of range */
		if (y < 0 || (uint64_t)y > JOURNAL_MAX_USEC)
			return -1;
		*usec = (uint64_t)y;
		return 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return -1;
	s = json_object_get_string(v);
	n = json_object_get_string_len(v);
	if (n < 1 || n > 18) /* JOURNAL_MAX_USEC has 18 digits */
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > JOURNAL_MAX_USEC)
		return -1;
	*usec = x;
	return 0;
}

/* Copy the fields of the entry in object O into E (strings into D). */
static void
journal_fields_of(struct journal_dec *d, struct json_object *o,
    struct journal_entry *e)
{
	struct json_object *v;
	int f;

	for (f = 0; f < JOURNAL_NFIELDS; f++)
		if (json_object_object_get_ex(o, journal_names[f], &v) &&
		    journal_value(d, v, 1, &e->v[f], &e->n[f]) < 0)
			e->v[f] = NULL;
	if (json_object_object_get_ex(o, "__REALTIME_TIMESTAMP", &v) &&
	    journal_usec(v, &e->usec) == 0)
		e->has_usec = 1;
}

int
journal_json_fields(struct journal_dec *d, const char *line, size_t len,
    struct journal_entry *e)
{
	struct json_object *o;
	size_t end;

	memset(e, 0, sizeof(*e));
	d->rawlen = 0;
	json_object_put(d->obj);
	d->obj = NULL;
	if (len > 0 && line[0] == JOURNAL_RS) {
		line++;
		len--;
	}
	if (len == 0 || len > SCAN_MAX_LINE)
		return -1;
	json_tokener_reset(d->tok);
	o = json_tokener_parse_ex(d->tok, line, (int)len);
	if (o == NULL)
		return -1;
	/* one object and nothing after it but blanks (a NUL is not blank) */
	end = json_tokener_get_parse_end(d->tok);
	while (end < len &&
	    (line[end] == ' ' || line[end] == '\t' || line[end] == '\r' ||
		line[end] == '\n'))
		end++;
	if (end != len || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "MESSAGE", NULL)) {
		json_object_put(o);
		return -1;
	}
	journal_fields_of(d, o, e);
	d->obj = o; /* until the next line, or journal_json() is done */
	return 0;
}

/* Append N bytes of S at *AT in D's text; -1 when it would not fit. */
static int
journal_put(struct journal_dec *d, size_t *at, const char *s, size_t n)
{
	if (n > JOURNAL_MAX - *at)
		return -1;
	if (n == 0)
		return 0;
	memcpy(d->text + *at, s, n);
	*at += n;
	return 0;
}

int
journal_hdr(struct journal_dec *d, const struct journal_entry *e,
    struct syslog_hdr *h, const char **text, size_t *len)
{
	const char *prog = e->v[JOURNAL_IDENT], *pid = e->v[JOURNAL_PID];
	size_t proglen = e->n[JOURNAL_IDENT], pidlen = e->n[JOURNAL_PID];
	size_t at = 0, p0 = 0, h0 = 0, i0 = 0;
	char stamp[40];
	struct tm tm;
	time_t sec;

	memset(h, 0, sizeof(*h));
	if (prog == NULL || proglen == 0) {
		prog = e->v[JOURNAL_COMM];
		proglen = prog ? e->n[JOURNAL_COMM] : 0;
	}
	if (pid == NULL || pidlen == 0) {
		pid = e->v[JOURNAL_SYSLOG_PID];
		pidlen = pid ? e->n[JOURNAL_SYSLOG_PID] : 0;
	}
	if (e->has_usec && e->usec <= JOURNAL_MAX_USEC) {
		sec = (time_t)(e->usec / 1000000);
		if (gmtime_r(&sec, &tm) != NULL) {
			h->has_offset = 1;
			h->unix_time = (int64_t)sec;
			h->year = tm.tm_year + 1900;
			h->mon = tm.tm_mon + 1;
			h->mday = tm.tm_mday;
			h->hour = tm.tm_hour;
			h->min = tm.tm_min;
			h->sec = tm.tm_sec;
			at = (size_t)snprintf(stamp, sizeof(stamp),
			    "%04d-%02d-%02dT%02d:%02d:%02d.%06u+00:00 ",
			    h->year, h->mon, h->mday, h->hour, h->min, h->sec,
			    (unsigned)(e->usec % 1000000));
			memcpy(d->text, stamp, at);
		}
	}
	if (e->v[JOURNAL_HOST] != NULL && e->n[JOURNAL_HOST] > 0) {
		h0 = at;
		if (journal_put(d, &at, e->v[JOURNAL_HOST],
			e->n[JOURNAL_HOST]) < 0 ||
		    journal_put(d, &at, " ", 1) < 0)
			return -1;
		h->hostlen = e->n[JOURNAL_HOST];
	}
	if (proglen > 0) {
		i0 = at;
		if (journal_put(d, &at, prog, proglen) < 0)
			return -1;
		h->proglen = proglen;
		if (pidlen > 0) {
			if (journal_put(d, &at, "[", 1) < 0)
				return -1;
			p0 = at;
			if (journal_put(d, &at, pid, pidlen) < 0 ||
			    journal_put(d, &at, "]", 1) < 0)
				return -1;
			h->pidlen = pidlen;
		}
		if (journal_put(d, &at, ": ", 2) < 0)
			return -1;
	}
	h->msglen = e->v[JOURNAL_MESSAGE] ? e->n[JOURNAL_MESSAGE] : 0;
	if (journal_put(d, &at, e->v[JOURNAL_MESSAGE], h->msglen) < 0)
		return -1;
	/* the pointers only now: the text is complete */
	h->host = d->text + h0;
	h->prog = d->text + i0;
	h->pid = d->text + p0;
	h->msg = d->text + at - h->msglen;
	h->fmt = SYSLOG_JSON;
	syslog_strip_inner(h);
	*text = d->text;
	*len = at;
	return 0;
}

enum syslog_fmt
journal_json(struct journal_dec *d, const char *line, size_t len,
    struct syslog_hdr *h, const char **text, size_t *tlen)
{
	struct journal_entry e;
	enum syslog_fmt f = SYSLOG_NONE;
	const char *t;
	size_t n;

	if (journal_json_fields(d, line, len, &e) == 0 &&
	    journal_hdr(d, &e, h, &t, &n) == 0) {
		*text = t;
		*tlen = n;
		f = SYSLOG_JSON;
	} else
		memset(h, 0, sizeof(*h));
	/* everything is in D's text now */
	json_object_put(d->obj);
	d->obj = NULL;
	return f;
}
