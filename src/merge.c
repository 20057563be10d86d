/*
 * merge.c - rebuild the aggregator from JSON summaries ("smtplog merge").
 *
 * A summary is parsed whole with json-c into a fresh aggregator, checked,
 * and only then added to the caller's (agg_merge), so a bad file adds
 * nothing. What is read: the line accounting and the other totals, the
 * time span, "cells" (every count with its key), "peers" (every domain
 * and host of a failure) and the samples. Everything the report derives
 * (by_class, top, ...) is derived again from those, so the merged report
 * is the one a single run over all the logs would print. Checks: the
 * cells add up to "events", the accounting balances, every key names a
 * known direction, MTA, stage and class; a signature id the merging
 * smtplog does not know is counted without a signature.
 *
 * Strings with a "<key>_hex" twin are taken from the twin: JSON cannot
 * carry invalid UTF-8 back as it was.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json.h>

#include "agg.h"
#include "event.h"
#include "i18n.h"
#include "merge.h"
#include "syslog.h"
#include "util.h"

/* What one summary is being read with, for the helpers. */
struct merge_ctx {
	const char *name;
	const struct sig_set *sigs;
	char *err;
	size_t errlen;
	char **unknown; /* signature ids already warned about */
	size_t nunknown;
};

/* Write "NAME: message" into the error buffer; returns -1. */
static int
merge_fail(struct merge_ctx *m, const char *fmt, ...) UTIL_PRINTF(2, 3);

static int
merge_fail(struct merge_ctx *m, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(m->err, m->errlen, "%s: ", m->name);

	if (n >= 0 && (size_t)n < m->errlen) {
		va_start(ap, fmt);
		vsnprintf(m->err + n, m->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Member KEY of object O, or NULL (absent, or null). */
static struct json_object *
merge_get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/* 1 when object O has the member KEY, null or not (json-c gives a null
 * member as a NULL pointer). */
static int
merge_has(struct json_object *o, const char *key)
{
	return json_object_is_type(o, json_type_object) &&
	    json_object_object_get_ex(o, key, NULL);
}

/* A count: a non-negative integer member KEY of O (WHERE names O). */
static int
merge_count(struct merge_ctx *m, struct json_object *o, const char *where,
    const char *key, uint64_t *out)
{
	struct json_object *v = merge_get(o, key);

	if (v == NULL || !json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) < 0)
		return merge_fail(m, _("%s\"%s\" is not a count"), where, key);
	*out = json_object_get_uint64(v);
	return 0;
}

/* The value of a lower-case hex digit, already checked to be one. */
static int
merge_xdigit(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

/* A string member KEY of O, or NULL when it is null (*LEN 0). -1 when it
 * is neither (or absent). A "KEY_hex" twin wins: it has the bytes, which
 * are decoded into BUF (BUFSIZE bytes) and NUL-terminated there. */
static int
merge_str(struct merge_ctx *m, struct json_object *o, const char *where,
    const char *key, char *buf, size_t bufsize, const char **s, size_t *len)
{
	struct json_object *v = merge_get(o, key), *hex;
	char hkey[64];
	const char *h;
	size_t i, n;

	if (!merge_has(o, key))
		return merge_fail(m, _("%sno \"%s\""), where, key);
	if (v == NULL) {
		*s = NULL;
		*len = 0;
		return 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return merge_fail(m, _("%s\"%s\" is not a string"), where, key);
	*s = json_object_get_string(v);
	*len = (size_t)json_object_get_string_len(v);
	snprintf(hkey, sizeof(hkey), "%s_hex", key);
	if ((hex = merge_get(o, hkey)) == NULL)
		return 0;
	h = json_object_is_type(hex, json_type_string)
	    ? json_object_get_string(hex)
	    : "";
	n = strlen(h);
	/* room for the bytes and a NUL: callers read S as a C string too */
	if (n == 0 || n % 2 != 0 || n / 2 >= bufsize ||
	    strspn(h, "0123456789abcdef") != n)
		return merge_fail(m, _("%s\"%s\" is not hex digits"), where,
		    hkey);
	for (i = 0; i < n / 2; i++)
		buf[i] = (char)(merge_xdigit(h[2 * i]) << 4 |
		    merge_xdigit(h[2 * i + 1]));
	buf[n / 2] = '\0';
	*s = buf;
	*len = n / 2;
	return 0;
}

/* The index of NAME in the table NAMES of N entries, or -1. */
static int
merge_name(const char *name, const char *(*names)(int), int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(name, names(i)) == 0)
			return i;
	return -1;
}

/* The signature of id S (LEN bytes) in the merging smtplog's set, -1 for
 * none. An unknown id is counted without a signature, warned once. */
static int
merge_sig(struct merge_ctx *m, const char *s, size_t len)
{
	int i, n = m->sigs ? sig_count(m->sigs) : 0;
	size_t k;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const char *id = sig_get(m->sigs, i)->id;

		if (strlen(id) == len && memcmp(id, s, len) == 0)
			return i;
	}
	for (k = 0; k < m->nunknown; k++)
		if (strlen(m->unknown[k]) == len &&
		    memcmp(m->unknown[k], s, len) == 0)
			return -1;
	m->unknown = xrealloc(m->unknown, (m->nunknown + 1) * sizeof(char *));
	m->unknown[m->nunknown++] = xstrndup(s, len);
	util_warn(_("%s: signature '%.*s' is not among this smtplog's; its "
		    "events are counted without it"),
	    m->name, (int)(len > 64 ? 64 : len), s);
	return -1;
}

/* The key a cell and a peer row share: direction, class, code, enhanced
 * code and signature. */
static int
merge_key(struct merge_ctx *m, struct json_object *o, const char *where,
    int *dir, int *cls, int *code, struct event_enh *enh, int *sig)
{
	const char *s = NULL;
	char buf[256];
	size_t len;
	uint64_t c = 0;

	if (merge_str(m, o, where, "direction", buf, sizeof(buf), &s, &len) < 0)
		return -1;
	if (s == NULL || (*dir = merge_name(s, event_dir_name, EVENT_NDIR)) < 0)
		return merge_fail(m, _("%sbad \"direction\""), where);
	if (merge_count(m, o, where, "class", &c) < 0)
		return -1;
	if (c < 2 || c > 5)
		return merge_fail(m, _("%sbad \"class\""), where);
	*cls = (int)c;
	if (merge_str(m, o, where, "code", buf, sizeof(buf), &s, &len) < 0)
		return -1;
	*code = 0;
	if (s != NULL &&
	    (len != 3 || strspn(s, "0123456789") != 3 || s[0] == '0'))
		return merge_fail(m, _("%sbad \"code\""), where);
	if (s != NULL)
		*code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	if (merge_str(m, o, where, "enhanced", buf, sizeof(buf), &s, &len) < 0)
		return -1;
	memset(enh, 0, sizeof(*enh));
	if (s != NULL && event_enh_parse(s, len, enh) < 0)
		return merge_fail(m, _("%sbad \"enhanced\""), where);
	if (merge_str(m, o, where, "signature", buf, sizeof(buf), &s, &len) < 0)
		return -1;
	*sig = merge_sig(m, s, len);
	return 0;
}

/* One element of "cells". */
static int
merge_cell(struct merge_ctx *m, struct agg *a, struct json_object *o,
    const char *where, uint64_t *events)
{
	struct json_object *v;
	struct agg_cell c;
	const char *s;
	char buf[64];
	size_t len;

	memset(&c, 0, sizeof(c));
	if (!json_object_is_type(o, json_type_object))
		return merge_fail(m, _("%snot an object"), where);
	if (merge_key(m, o, where, &c.dir, &c.cls, &c.code, &c.enh, &c.sig) < 0)
		return -1;
	if (merge_str(m, o, where, "mta", buf, sizeof(buf), &s, &len) < 0)
		return -1;
	if (s == NULL ||
	    (c.mta = merge_name(s, event_mta_name, EVENT_NMTA)) < 0)
		return merge_fail(m, _("%sbad \"mta\""), where);
	if (merge_str(m, o, where, "stage", buf, sizeof(buf), &s, &len) < 0)
		return -1;
	if (s != NULL &&
	    (c.stage = merge_name(s, event_stage_name, EVENT_NSTAGE)) <= 0)
		return merge_fail(m, _("%sbad \"stage\""), where);
	v = merge_get(o, "other");
	if (v == NULL || !json_object_is_type(v, json_type_boolean))
		return merge_fail(m, _("%sbad \"other\""), where);
	c.other = json_object_get_boolean(v) ? 1 : 0;
	if (merge_count(m, o, where, "count", &c.count) < 0 ||
	    merge_count(m, o, where, "inferred", &c.inferred) < 0)
		return -1;
	if (c.inferred > c.count)
		return merge_fail(m, _("%smore inferred than counted"), where);
	agg_add_cell(a, &c);
	*events += c.count;
	return 0;
}

/* One element of "peers". */
static int
merge_peer(struct merge_ctx *m, struct agg *a, struct json_object *o,
    const char *where)
{
	struct agg_peer_row p;
	char buf[256], kind[16];
	const char *s;
	size_t len;

	memset(&p, 0, sizeof(p));
	if (!json_object_is_type(o, json_type_object))
		return merge_fail(m, _("%snot an object"), where);
	if (merge_key(m, o, where, &p.dir, &p.cls, &p.code, &p.enh, &p.sig) < 0)
		return -1;
	if (merge_str(m, o, where, "kind", kind, sizeof(kind), &s, &len) < 0)
		return -1;
	if (s != NULL && strcmp(s, "domain") == 0)
		p.kind = AGG_PEER_DOMAIN;
	else if (s != NULL && strcmp(s, "host") == 0)
		p.kind = AGG_PEER_HOST;
	else
		return merge_fail(m, _("%sbad \"kind\""), where);
	if (merge_str(m, o, where, "name", buf, sizeof(buf), &p.name, &p.len) <
	    0)
		return -1;
	if (p.name == NULL || p.len == 0)
		return merge_fail(m, _("%sbad \"name\""), where);
	if (merge_count(m, o, where, "count", &p.count) < 0)
		return -1;
	agg_add_peer(a, &p);
	return 0;
}

/* One element of "unparsed_samples": {"where": "FILE:LINE", "line"}. */
static int
merge_sample(struct merge_ctx *m, struct agg *a, struct json_object *o,
    const char *where)
{
	char wbuf[4200], lbuf[AGG_SAMPLE_LEN + 1], *name;
	const char *w, *line, *colon;
	size_t wlen, llen, nlen;
	uint64_t lineno = 0;

	if (!json_object_is_type(o, json_type_object))
		return merge_fail(m, _("%snot an object"), where);
	if (merge_str(m, o, where, "where", wbuf, sizeof(wbuf), &w, &wlen) <
		0 ||
	    merge_str(m, o, where, "line", lbuf, sizeof(lbuf), &line, &llen) <
		0)
		return -1;
	if (w == NULL || line == NULL || wlen > 4096)
		return merge_fail(m, _("%sbad \"where\" or \"line\""), where);
	for (colon = w + wlen; colon > w && colon[-1] != ':'; colon--)
		;
	if (colon == w || colon == w + wlen ||
	    strspn(colon, "0123456789") != (size_t)(w + wlen - colon))
		return merge_fail(m, _("%sbad \"where\""), where);
	lineno = strtoull(colon, NULL, 10);
	/* the summary's name in front: which server the line came from */
	nlen = strlen(m->name) + 1 + (size_t)(colon - 1 - w);
	name = xmalloc(nlen + 1);
	snprintf(name, nlen + 1, "%s:%.*s", m->name, (int)(colon - 1 - w), w);
	agg_sample(a, name, lineno, line, llen);
	free(name);
	return 0;
}

/* The elements of array KEY of the summary, each through FN. */
static int
merge_array(struct merge_ctx *m, struct agg *a, struct json_object *doc,
    const char *key,
    int (*fn)(struct merge_ctx *, struct agg *, struct json_object *,
	const char *, uint64_t *),
    uint64_t *sum)
{
	struct json_object *arr = merge_get(doc, key);
	char where[80];
	size_t i, n;

	if (arr == NULL || !json_object_is_type(arr, json_type_array))
		return merge_fail(m, _("no \"%s\" array"), key);
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		snprintf(where, sizeof(where), "%s[%zu]: ", key, i);
		if (fn(m, a, json_object_array_get_idx(arr, i), where, sum) < 0)
			return -1;
	}
	return 0;
}

/* Adapters to merge_array()'s element function. */
static int
merge_peer_el(struct merge_ctx *m, struct agg *a, struct json_object *o,
    const char *where, uint64_t *unused)
{
	(void)unused;
	return merge_peer(m, a, o, where);
}

static int
merge_sample_el(struct merge_ctx *m, struct agg *a, struct json_object *o,
    const char *where, uint64_t *unused)
{
	(void)unused;
	return merge_sample(m, a, o, where);
}

/* "2026-11-22T10:00:01Z" as written by report_time(). */
static int
merge_time(const char *s, time_t *t)
{
	int y, mo, d, h, mi, se, n = -1;

	/* the widths keep every number far from int's limits, whatever a
	 * hostile summary holds; %n checks that nothing follows */
	if (s == NULL ||
	    /* NOLINTNEXTLINE(cert-err34-c): bounded widths, cannot overflow */
	    sscanf(s, "%6d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &se,
		&n) != 6 ||
	    n < 0 || s[n] != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
		return -1;
	*t = (time_t)(syslog_days_from_civil(y, mo, d) * 86400 + h * 3600 +
	    mi * 60 + se);
	return 0;
}

/* The totals: line accounting, bytes, inferred, other rows, limit hits,
 * mail lines per MTA, time span. */
/* "by_hour" (summaries of older versions have none): the histogram. */
static int
merge_hours(struct merge_ctx *m, struct agg *a, struct json_object *doc)
{
	static const char *const cls[3] = {"2xx", "4xx", "5xx"};
	struct json_object *o, *b, *e;
	int64_t step;
	uint64_t n[3];
	time_t t;
	size_t i, k, len;

	if ((o = merge_get(doc, "by_hour")) == NULL)
		return 0;
	if ((e = merge_get(o, "step")) == NULL ||
	    !json_object_is_type(e, json_type_int) ||
	    (step = json_object_get_int64(e)) < 3600 ||
	    (b = merge_get(o, "buckets")) == NULL ||
	    !json_object_is_type(b, json_type_array))
		return merge_fail(m, _("bad \"by_hour\""));
	len = json_object_array_length(b);
	for (i = 0; i < len; i++) {
		e = json_object_array_get_idx(b, i);
		if (merge_time(json_object_get_string(merge_get(e, "start")),
			&t) < 0)
			return merge_fail(m, _("bad \"by_hour\""));
		for (k = 0; k < 3; k++)
			if (merge_count(m, e, "by_hour: ", cls[k], &n[k]) < 0)
				return -1;
		agg_add_hour(a, (int64_t)t, step, n);
	}
	return 0;
}

static int
merge_totals(struct merge_ctx *m, struct agg *a, struct json_object *doc)
{
	static const char *const skip_keys[] = {"other_program", "no_header",
	    "journal_marker"};
	static const enum agg_line_kind skip_kinds[] = {AGG_SKIP_OTHER,
	    AGG_SKIP_NOHDR, AGG_SKIP_MARKER};
	struct agg_counts *c = agg_counts(a);
	struct json_object *o, *v;
	time_t t0, t1;
	int i;

	if (merge_count(m, doc, "", "lines", &c->lines) < 0 ||
	    merge_count(m, doc, "", "bytes", &c->bytes) < 0 ||
	    merge_count(m, doc, "", "events", &c->kind[AGG_EVENT]) < 0 ||
	    merge_count(m, doc, "", "noreply", &c->kind[AGG_NOREPLY]) < 0 ||
	    merge_count(m, doc, "", "unparsed", &c->kind[AGG_UNPARSED]) < 0 ||
	    merge_count(m, doc, "", "overlong", &c->overlong) < 0 ||
	    merge_count(m, doc, "", "inferred", &c->inferred) < 0 ||
	    merge_count(m, doc, "", "match_limit_hits", &c->limit_hits) < 0)
		return -1;
	o = merge_get(doc, "skipped_detail");
	for (i = 0; i < 3; i++)
		if (merge_count(m, o, "skipped_detail: ", skip_keys[i],
			&c->kind[skip_kinds[i]]) < 0)
			return -1;
	/* the time window's, in summaries written with one */
	if (merge_has(o, "outside_window") &&
	    merge_count(m, o, "skipped_detail: ", "outside_window",
		&c->kind[AGG_SKIP_WINDOW]) < 0)
		return -1;
	if (merge_has(o, "no_time") &&
	    merge_count(m, o, "skipped_detail: ", "no_time",
		&c->kind[AGG_SKIP_NOTIME]) < 0)
		return -1;
	o = merge_get(doc, "other_rows");
	if (merge_count(m, o, "other_rows: ", "events", &c->other_cells) < 0 ||
	    merge_count(m, o, "other_rows: ", "peers", &c->other_peers) < 0)
		return -1;
	o = merge_get(doc, "mail_lines");
	for (i = 0; i < EVENT_NMTA; i++)
		if (merge_count(m, o, "mail_lines: ", event_mta_name(i),
			&c->mail[i]) < 0)
			return -1;
	if (!merge_has(doc, "time"))
		return merge_fail(m, _("no \"time\""));
	if ((o = merge_get(doc, "time")) != NULL) {
		v = merge_get(o, "first");
		if (v == NULL || merge_time(json_object_get_string(v), &t0) < 0)
			return merge_fail(m, _("bad \"time\""));
		v = merge_get(o, "last");
		if (v == NULL || merge_time(json_object_get_string(v), &t1) < 0)
			return merge_fail(m, _("bad \"time\""));
		agg_time(a, t0);
		agg_time(a, t1);
	}
	return merge_hours(m, a, doc);
}

/* Check that DOC is a summary of a schema this smtplog reads. */
static int
merge_schema(struct merge_ctx *m, struct json_object *doc)
{
	struct json_object *v = merge_get(doc, "schema");
	int64_t schema;

	if (v == NULL || !json_object_is_type(v, json_type_int) ||
	    merge_get(doc, "accounting") == NULL)
		return merge_fail(m, _("not a smtplog JSON summary"));
	schema = json_object_get_int64(v);
	if (schema != MERGE_SCHEMA)
		return merge_fail(m,
		    _("JSON summary schema %" PRId64
		      " is not the one this smtplog reads (%d)"),
		    schema, MERGE_SCHEMA);
	if (merge_get(doc, "cells") == NULL)
		return merge_fail(m,
		    _("summary without \"cells\": written by an older "
		      "smtplog; write it again with this one"));
	return 0;
}

/* Read the parsed summary DOC into the fresh aggregator A. */
static int
merge_doc(struct merge_ctx *m, struct agg *a, struct json_object *doc,
    int *inputs)
{
	const struct agg_counts *c = agg_counts(a);
	uint64_t events = 0, n = 0, sum;

	if (merge_schema(m, doc) < 0)
		return -1;
	if (merge_count(m, doc, "", "inputs", &n) < 0)
		return -1;
	if (n > 1000000)
		return merge_fail(m, _("bad \"inputs\""));
	*inputs = (int)n;
	if (merge_totals(m, a, doc) < 0 ||
	    merge_array(m, a, doc, "cells", merge_cell, &events) < 0 ||
	    merge_array(m, a, doc, "peers", merge_peer_el, NULL) < 0 ||
	    merge_array(m, a, doc, "unparsed_samples", merge_sample_el, NULL) <
		0)
		return -1;
	if (events != c->kind[AGG_EVENT])
		return merge_fail(m,
		    _("the cells count %" PRIu64 " events, not %" PRIu64),
		    events, c->kind[AGG_EVENT]);
	/* every skipped kind, the time window's too: the writer counts
	 * them all (agg_skipped) */
	sum = c->kind[AGG_EVENT] + c->kind[AGG_NOREPLY] +
	    c->kind[AGG_UNPARSED] + agg_skipped(c) + c->overlong;
	if (sum != c->lines)
		return merge_fail(m,
		    _("the accounting does not balance (%" PRIu64
		      " lines, %" PRIu64 " accounted for)"),
		    c->lines, sum);
	return 0;
}

enum merge_status
merge_text(struct agg *a, const struct sig_set *sigs, const char *name,
    const char *text, size_t len, int *inputs, char *err, size_t errlen)
{
	struct merge_ctx m = {name, sigs, err, errlen, NULL, 0};
	struct json_tokener *tok;
	struct json_object *doc;
	struct agg *part;
	size_t end, k;
	int n = 0, rc = -1;

	if (len > (size_t)INT32_MAX) {
		merge_fail(&m, _("not a smtplog JSON summary"));
		return MERGE_INVALID;
	}
	tok = json_tokener_new();
	doc = json_tokener_parse_ex(tok, text, (int)len);
	end = json_tokener_get_parse_end(tok);
	for (k = 0; k < len &&
	     (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' ||
		 text[k] == '\n');
	     k++)
		;
	if (doc == NULL && k < len && text[k] == '{' &&
	    json_tokener_get_error(tok) == json_tokener_continue) {
		merge_fail(&m, _("the JSON ends too early (a cut summary?)"));
		goto out;
	}
	if (doc == NULL || !json_object_is_type(doc, json_type_object)) {
		merge_fail(&m, _("not a smtplog JSON summary"));
		goto out;
	}
	while (end < len &&
	    (text[end] == ' ' || text[end] == '\t' || text[end] == '\r' ||
		text[end] == '\n'))
		end++;
	if (end < len) {
		merge_fail(&m, _("text after the end of the JSON summary"));
		goto out;
	}
	part = agg_new();
	rc = merge_doc(&m, part, doc, &n);
	if (rc == 0) {
		agg_merge(a, part, 0);
		*inputs += n;
	}
	agg_free(part);
out:
	json_object_put(doc);
	json_tokener_free(tok);
	for (k = 0; k < m.nunknown; k++)
		free(m.unknown[k]);
	free(m.unknown);
	return rc == 0 ? MERGE_OK : MERGE_INVALID;
}

enum merge_status
merge_path(struct agg *a, const struct sig_set *sigs, const char *path,
    int *inputs, char *err, size_t errlen)
{
	const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
	size_t len = 0, cap = 65536;
	char *buf = NULL;
	enum merge_status st = MERGE_UNREADABLE;
	ssize_t r;
	int fd;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		return MERGE_UNREADABLE;
	}
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap >= MERGE_MAX_BYTES) {
				snprintf(err, errlen,
				    _("%s: larger than %d MiB: not a smtplog "
				      "JSON summary"),
				    name, MERGE_MAX_BYTES >> 20);
				st = MERGE_INVALID;
				goto out;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "%s: %s", name, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	st = merge_text(a, sigs, name, buf, len, inputs, err, errlen);
out:
	if (fd != STDIN_FILENO)
		close(fd);
	free(buf);
	return st;
}
