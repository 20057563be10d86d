/*
 * report_json.c - the whole summary as one JSON object, for scripts.
 *
 * Key names and nesting are a stable interface, documented in smtplog(1)
 * under "JSON OUTPUT"; add keys, never rename them. Objects keyed by code
 * are sorted by code, so two runs over the same input give the same bytes.
 *
 * "cells" and "peers" hold the aggregator's whole tables, keyed by names
 * (signatures by id), so that "smtplog merge" can rebuild the counts from
 * summaries written elsewhere. A string from a log that a JSON reader
 * would not get back byte for byte (invalid UTF-8) has a "<key>_hex"
 * twin. With report_opts.compact the document is written on one line.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kb.h"
#include "report.h"
#include "run.h"
#include "util.h"

/* The count of a row in one column: a direction, an MTA or the total. */
enum json_col { JC_TOTAL, JC_IN, JC_OUT, JC_MTA0 };

static uint64_t
json_col(const struct report_row *r, int col)
{
	if (col == JC_TOTAL)
		return r->total;
	if (col == JC_IN)
		return r->dir[EVENT_IN];
	if (col == JC_OUT)
		return r->dir[EVENT_OUT];
	return r->mta[col - JC_MTA0];
}

/* One {"key": count, ...} object of a view, for one column. */
static void
json_view(FILE *fp, const struct report_row *rows, size_t n, enum report_by by,
    int col)
{
	size_t i;
	int first = 1;
	char buf[16];

	fputc('{', fp);
	for (i = 0; i < n; i++) {
		uint64_t v = json_col(&rows[i], col);

		if (v == 0)
			continue;
		if (by == REPORT_BY_CLASS)
			snprintf(buf, sizeof(buf), "%d", rows[i].cls);
		else if (by == REPORT_BY_CODE)
			snprintf(buf, sizeof(buf), "%d", rows[i].code);
		else
			event_enh_str(&rows[i].enh, buf, sizeof(buf));
		fprintf(fp, "%s\"%s\": %" PRIu64, first ? "" : ", ", buf, v);
		first = 0;
	}
	fputc('}', fp);
}

/* "events", "by_class", "by_code", "by_enhanced" of one column. */
static void
json_block(FILE *fp, struct report_row *const rows[3], const size_t n[3],
    int col, const char *indent)
{
	uint64_t events = 0;
	size_t i;

	for (i = 0; i < n[0]; i++)
		events += json_col(&rows[0][i], col);
	fprintf(fp, "{\n%s  \"events\": %" PRIu64 ",\n", indent, events);
	fprintf(fp, "%s  \"by_class\": ", indent);
	json_view(fp, rows[0], n[0], REPORT_BY_CLASS, col);
	fprintf(fp, ",\n%s  \"by_code\": ", indent);
	json_view(fp, rows[1], n[1], REPORT_BY_CODE, col);
	fprintf(fp, ",\n%s  \"by_enhanced\": ", indent);
	json_view(fp, rows[2], n[2], REPORT_BY_ENH, col);
	fprintf(fp, "\n%s}", indent);
}

/* A list of peers, "KEY": [{"name": ..., "count": N}, ...], and
 * "KEY_sampling": 2^level, 1 when every peer was kept. */
static void
json_peers(FILE *fp, const struct agg *a, const struct agg_top *t,
    enum agg_peer_kind kind, const char *key, size_t max)
{
	struct agg_peer *p;
	unsigned level;
	size_t n, i;

	fprintf(fp, ",\n     \"%s\": ", key);

	p = agg_peers(a, t, kind, max, &n, &level);
	fputc('[', fp);
	for (i = 0; i < n; i++) {
		fprintf(fp, "%s{\"name\": ", i ? ", " : "");
		util_put_json_text(fp, p[i].name, p[i].len);
		fputs(", \"count\": ", fp);
		util_put_u64(fp, p[i].count);
		fputc('}', fp);
	}
	fputc(']', fp);
	free(p);
	fprintf(fp, ", \"%s_sampling\": %" PRIu64, key, (uint64_t)1 << level);
}

/* "by_hour": the events-per-hour histogram, non-empty buckets only. */
static void
json_hours(FILE *fp, const struct agg *a)
{
	const struct agg_bucket *b;
	int64_t step;
	size_t n, i;
	char t[32];

	b = agg_hours(a, &n, &step);
	fprintf(fp, "  \"by_hour\": {\"step\": %" PRId64 ", \"buckets\": [",
	    step);
	for (i = 0; i < n; i++) {
		report_time(t, sizeof(t), (time_t)b[i].start);
		fprintf(fp,
		    "%s\n    {\"start\": \"%s\", \"2xx\": %" PRIu64
		    ", \"4xx\": %" PRIu64 ", \"5xx\": %" PRIu64 "}",
		    i ? "," : "", t, b[i].n[0], b[i].n[1], b[i].n[2]);
	}
	fputs(n ? "\n  ]},\n" : "]},\n", fp);
}

/* LEN bytes as lower-case hex digits, inside a JSON string. */
static void
json_hex(FILE *fp, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		fprintf(fp, "%02x", (unsigned char)s[i]);
}

/* The value of "KEY": of log bytes, and "KEY_hex" when they do not read
 * back. */
static void
json_bytes_value(FILE *fp, const char *key, const char *s, size_t len)
{
	util_put_json_text(fp, s, len);
	/* the raw bytes would show what --redact hides */
	if (util_json_exact(s, len) || util_redacting())
		return;
	fprintf(fp, ", \"%s_hex\": \"", key);
	json_hex(fp, s, len);
	fputc('"', fp);
}

/* "KEY": "..." of log bytes, and "KEY_hex" when they do not read back. */
static void
json_bytes(FILE *fp, const char *key, const char *s, size_t len)
{
	fputc('"', fp);
	fputs(key, fp);
	fputs("\": ", fp);
	json_bytes_value(fp, key, s, len);
}

/* The keys a cell and a peer row share: direction, class, codes. */
static void
json_key(FILE *fp, int dir, int cls, int code, const struct event_enh *enh)
{
	char buf[16];

	fputs("{\"direction\": ", fp);
	util_put_json_str(fp, event_dir_name(dir), strlen(event_dir_name(dir)));
	fputs(", \"class\": ", fp);
	util_put_int(fp, cls);
	fputs(", \"code\": ", fp);
	if (code) {
		fputc('"', fp);
		util_put_int(fp, code);
		fputc('"', fp);
	} else
		fputs("null", fp);
	fputs(", \"enhanced\": ", fp);
	event_enh_str(enh, buf, sizeof(buf));
	util_put_json_str(fp, enh->cls ? buf : NULL, strlen(buf));
}

/* A signature by its id (stable across pattern versions), or null. */
static void
json_sig_id(FILE *fp, const struct report_opts *o, int sig)
{
	const struct sig_entry *e = sig_get(o->sigs, sig);

	util_put_json_str(fp, e ? e->id : NULL, e ? strlen(e->id) : 0);
}

/* "cells": every count of the aggregator with its whole key. */
static void
json_cells(FILE *fp, const struct agg_cell *cells, size_t n,
    const struct report_opts *o)
{
	const struct agg_cell *c;
	size_t i;

	fputs("  \"cells\": [", fp);
	for (i = 0; i < n; i++) {
		c = &cells[i];
		fputs(i ? ",\n    " : "\n    ", fp);
		json_key(fp, c->dir, c->cls, c->code, &c->enh);
		fprintf(fp,
		    ", \"mta\": \"%s\", \"stage\": ", event_mta_name(c->mta));
		util_put_json_str(fp,
		    c->stage ? event_stage_name(c->stage) : NULL,
		    strlen(event_stage_name(c->stage)));
		fputs(", \"signature\": ", fp);
		json_sig_id(fp, o, c->sig);
		fprintf(fp,
		    ", \"other\": %s, \"count\": %" PRIu64
		    ", \"inferred\": %" PRIu64 "}",
		    c->other ? "true" : "false", c->count, c->inferred);
	}
	fputs(n ? "\n  ],\n" : "],\n", fp);
}

/* What a peer row says before its name's value: its failure and kind. */
static void
json_peer_head(FILE *fp, const struct agg_peer_row *p,
    const struct report_opts *o)
{
	json_key(fp, p->dir, p->cls, p->code, &p->enh);
	fputs(", \"signature\": ", fp);
	json_sig_id(fp, o, p->sig);
	fputs(p->kind == AGG_PEER_HOST ? ", \"kind\": \"host\", \"name\": "
				       : ", \"kind\": \"domain\", \"name\": ",
	    fp);
}

/* json_peer_head() of P as a string (LEN bytes), or NULL when there is
 * no memory for it. */
static char *
json_peer_head_str(const struct agg_peer_row *p, const struct report_opts *o,
    size_t *len)
{
	char *buf = NULL;
	FILE *mem = open_memstream(&buf, len);

	if (mem == NULL)
		return NULL;
	json_peer_head(mem, p, o);
	if (fclose(mem) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int
json_same_failure(const struct agg_peer_row *a, const struct agg_peer_row *b)
{
	return a->dir == b->dir && a->cls == b->cls && a->code == b->code &&
	    event_enh_cmp(&a->enh, &b->enh) == 0 && a->sig == b->sig &&
	    a->kind == b->kind;
}

/* Whether peer name S (LEN bytes) is written as it is, quoted: nothing to
 * escape and nothing to redact. */
static int
json_name_plain(const char *s, size_t len)
{
	return util_json_plain(s, len) &&
	    !(util_redacting() && memchr(s, '@', len) != NULL);
}

/*
 * "peers": every domain and host counted for a failure. The rows come
 * sorted by failure, and a failure has many: its part of the row is
 * written once into HEAD and copied (19,000 rows of the bench log took
 * 20 stdio calls each). A row whose name needs no escape is put together
 * in ROW and written at once.
 */
static void
json_peer_rows(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	struct agg_peer_row *p;
	size_t n, i, headlen = 0;
	char *head = NULL;
	static const char count_key[] = ", \"count\": ";
	char tail[40]; /* ", \"count\": N}", written from the end */
	char row[1024];
	size_t t, k, r;
	uint64_t v;

	p = agg_peer_rows(a, &n);
	fputs("  \"peers\": [", fp);
	for (i = 0; i < n; i++) {
		const char *sep = i ? ",\n    " : "\n    ";

		if (i == 0 || !json_same_failure(&p[i - 1], &p[i])) {
			free(head);
			head = json_peer_head_str(&p[i], o, &headlen);
		}
		t = sizeof(tail);
		tail[--t] = '}';
		v = p[i].count;
		do { /* by hand: snprintf() cost as much as the rest */
			tail[--t] = (char)('0' + v % 10);
			v /= 10;
		} while (v != 0);
		for (k = sizeof(count_key) - 1; k-- > 0;)
			tail[--t] = count_key[k];
		if (head != NULL &&
		    strlen(sep) + headlen + p[i].len + 2 + sizeof(tail) - t <=
			sizeof(row) &&
		    json_name_plain(p[i].name, p[i].len)) {
			r = strlen(sep);
			memcpy(row, sep, r);
			memcpy(row + r, head, headlen);
			r += headlen;
			row[r++] = '"';
			memcpy(row + r, p[i].name, p[i].len);
			r += p[i].len;
			row[r++] = '"';
			memcpy(row + r, tail + t, sizeof(tail) - t);
			r += sizeof(tail) - t;
			fwrite(row, 1, r, fp);
			continue;
		}
		fputs(sep, fp);
		if (head != NULL)
			fwrite(head, 1, headlen, fp);
		else
			json_peer_head(fp, &p[i], o);
		json_bytes_value(fp, "name", p[i].name, p[i].len);
		fwrite(tail + t, 1, sizeof(tail) - t, fp);
	}
	fputs(n ? "\n  ],\n" : "],\n", fp);
	free(head);
	free(p);
}

/* One element of "top". */
static void
json_top(FILE *fp, const struct agg *a, const struct agg_top *t,
    const struct report_opts *o)
{
	const struct sig_entry *sig = report_sig(o, t);
	const char *title, *expl, *advice;
	struct kb_advice adv;
	char code[8], enh[16];
	int m, first = 1;

	kb_explain(t->code, &t->enh, t->dir, t->stage, &adv);
	snprintf(code, sizeof(code), "%d", t->code);
	event_enh_str(&t->enh, enh, sizeof(enh));
	fputs("    {\"direction\": ", fp);
	util_put_json_str(fp, event_dir_name(t->dir),
	    strlen(event_dir_name(t->dir)));
	fprintf(fp, ", \"class\": %d, \"code\": ", t->cls);
	util_put_json_str(fp, t->code ? code : NULL, strlen(code));
	fputs(", \"enhanced\": ", fp);
	util_put_json_str(fp, t->enh.cls ? enh : NULL, strlen(enh));
	fprintf(fp, ", \"count\": %" PRIu64 ", \"inferred\": %" PRIu64,
	    t->count, t->inferred);
	fputs(",\n     \"stage\": ", fp);
	util_put_json_str(fp, t->stage ? event_stage_name(t->stage) : NULL,
	    strlen(event_stage_name(t->stage)));
	fputs(", \"by_mta\": {", fp);
	for (m = 0; m < EVENT_NMTA; m++) {
		if (t->by_mta[m] == 0)
			continue;
		fprintf(fp, "%s\"%s\": %" PRIu64, first ? "" : ", ",
		    event_mta_name(m), t->by_mta[m]);
		first = 0;
	}
	/* a provider signature, when one matched, says more than the code */
	title = sig ? _(sig->title) : adv.title;
	expl = sig ? _(sig->explanation) : adv.explanation;
	advice = sig ? _(sig->advice) : adv.advice;
	fputs("},\n     \"source\": ", fp);
	fputs(sig ? "\"signature\"" : "\"code\"", fp);
	fputs(", \"signature\": ", fp);
	if (sig != NULL) {
		fputs("{\"id\": ", fp);
		util_put_json_str(fp, sig->id, strlen(sig->id));
		fputs(", \"provider\": ", fp);
		util_put_json_str(fp, sig->provider, strlen(sig->provider));
		fputs(", \"url\": ", fp);
		util_put_json_str(fp, sig->url[0] ? sig->url : NULL,
		    strlen(sig->url));
		fputc('}', fp);
	} else
		fputs("null", fp);
	fputs(",\n     \"code_title\": ", fp);
	util_put_json_str(fp, adv.title, strlen(adv.title));
	fputs(",\n     \"title\": ", fp);
	util_put_json_str(fp, title, strlen(title));
	fputs(",\n     \"explanation\": ", fp);
	util_put_json_str(fp, expl, strlen(expl));
	fputs(",\n     \"when\": ", fp);
	util_put_json_str(fp, adv.when, strlen(adv.when));
	fputs(",\n     \"advice\": ", fp);
	util_put_json_str(fp, advice, strlen(advice));
	json_peers(fp, a, t, AGG_PEER_DOMAIN, "domains", o->peers);
	json_peers(fp, a, t, AGG_PEER_HOST, "hosts", o->peers);
	fputs("}", fp);
}

/* "destinations": the outbound recipient domains with most failures. */
static void
json_destinations(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	const struct sig_entry *sig;
	struct kb_advice adv;
	struct agg_dest *d;
	char code[8], enh[16];
	size_t n, i, k;

	d = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, o->top, &n);
	fputs("  \"destinations\": [", fp);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n    {\"domain\": " : "\n    {\"domain\": ", fp);
		util_put_json_str(fp, d[i].name, d[i].len);
		fprintf(fp,
		    ", \"count\": %" PRIu64 ", \"by_class\": {\"4\": %" PRIu64
		    ", \"5\": %" PRIu64
		    "}, \"failures\": %zu,\n     \"codes\": [",
		    d[i].count, d[i].by_class[4], d[i].by_class[5],
		    d[i].nfailures);
		for (k = 0; k < d[i].ncodes; k++) {
			const struct agg_dest_code *c = &d[i].codes[k];
			snprintf(code, sizeof(code), "%d", c->code);
			event_enh_str(&c->enh, enh, sizeof(enh));
			fprintf(fp,
			    "%s{\"class\": %d, \"code\": ", k ? ", " : "",
			    c->cls);
			util_put_json_str(fp, c->code ? code : NULL,
			    strlen(code));
			fputs(", \"enhanced\": ", fp);
			util_put_json_str(fp, c->enh.cls ? enh : NULL,
			    strlen(enh));
			fputs(", \"signature\": ", fp);
			json_sig_id(fp, o, c->sig);
			fprintf(fp, ", \"count\": %" PRIu64 "}", c->count);
		}
		report_dest_advice(o, &d[i], &sig, &adv);
		fputs("],\n     \"advice\": ", fp);
		if (sig != NULL)
			util_put_json_str(fp, _(sig->advice),
			    strlen(_(sig->advice)));
		else
			util_put_json_str(fp, adv.advice, strlen(adv.advice));
		fputc('}', fp);
	}
	fputs(n ? "\n  ],\n" : "],\n", fp);
	free(d);
}

/* "window": {"since": "...", "until": null}, or null without one. */
static void
json_window(FILE *fp, const struct run_window *w)
{
	char t[32];

	if (w == NULL || (!w->has_since && !w->has_until)) {
		fputs("  \"window\": null,\n", fp);
		return;
	}
	fputs("  \"window\": {\"since\": ", fp);
	if (w->has_since) {
		report_time(t, sizeof(t), w->since);
		fprintf(fp, "\"%s\"", t);
	} else
		fputs("null", fp);
	fputs(", \"until\": ", fp);
	if (w->has_until) {
		report_time(t, sizeof(t), w->until);
		fprintf(fp, "\"%s\"", t);
	} else
		fputs("null", fp);
	fputs("},\n", fp);
}

/* "thresholds": the --fail-on rules, only when there are some. */
static void
json_thresholds(FILE *fp, const struct report_opts *o)
{
	char rule[96], num[32];
	size_t i;

	if (o->nrules == 0)
		return;
	fputs("  \"thresholds\": [", fp);
	for (i = 0; i < o->nrules; i++) {
		const struct rule *r = &o->rules[i];
		const struct rule_result *res = &o->results[i];

		fputs(i ? ",\n    {\"rule\": " : "\n    {\"rule\": ", fp);
		rule_str(r, rule, sizeof(rule));
		util_put_json_str(fp, rule, strlen(rule));
		fprintf(fp, ", \"value\": %s",
		    res->measured ? rule_num(res->value, num, sizeof(num))
				  : "null");
		fprintf(fp, ", \"limit\": %s",
		    rule_num(r->limit, num, sizeof(num)));
		fprintf(fp,
		    ", \"unit\": \"%s\", \"count\": %" PRIu64
		    ", \"total\": %" PRIu64 ", \"fired\": %s}",
		    r->pct ? "percent" : "events", res->count, res->total,
		    res->fired ? "true" : "false");
	}
	fputs("\n  ],\n", fp);
}

/* The document, indented, one key or element per line. */
static int
json_emit(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	const struct agg_counts *c = agg_counts_const(a);
	const struct agg_sample *s;
	struct agg_cell *cells;
	struct report_row *rows[3];
	struct agg_top *top;
	size_t ncells, n[3], ntop, ns, i;
	uint64_t skipped, no_code = 0, sum;
	char t0[32], t1[32];
	int m;

	cells = agg_cells(a, &ncells);
	rows[0] = report_rows(cells, ncells, REPORT_BY_CLASS, &n[0]);
	rows[1] = report_rows(cells, ncells, REPORT_BY_CODE, &n[1]);
	rows[2] = report_rows(cells, ncells, REPORT_BY_ENH, &n[2]);
	for (i = 0; i < ncells; i++)
		if (cells[i].code == 0)
			no_code += cells[i].count;
	skipped = agg_skipped(c);
	sum = c->kind[AGG_EVENT] + c->kind[AGG_NOREPLY] +
	    c->kind[AGG_UNPARSED] + skipped + c->overlong;

	fputs("{\n  \"schema\": 1,\n", fp);
	json_thresholds(fp, o);
	fprintf(fp, "  \"inputs\": %d,\n", o->ninputs);
	fprintf(fp, "  \"lines\": %" PRIu64 ",\n", c->lines);
	fprintf(fp, "  \"bytes\": %" PRIu64 ",\n", c->bytes);
	fprintf(fp, "  \"events\": %" PRIu64 ",\n", c->kind[AGG_EVENT]);
	fprintf(fp, "  \"noreply\": %" PRIu64 ",\n", c->kind[AGG_NOREPLY]);
	fprintf(fp, "  \"unparsed\": %" PRIu64 ",\n", c->kind[AGG_UNPARSED]);
	fprintf(fp, "  \"skipped\": %" PRIu64 ",\n", skipped);
	fprintf(fp,
	    "  \"skipped_detail\": {\"other_program\": %" PRIu64
	    ", \"no_header\": %" PRIu64 ", \"journal_marker\": %" PRIu64
	    ", \"outside_window\": %" PRIu64 ", \"no_time\": %" PRIu64 "},\n",
	    c->kind[AGG_SKIP_OTHER], c->kind[AGG_SKIP_NOHDR],
	    c->kind[AGG_SKIP_MARKER], c->kind[AGG_SKIP_WINDOW],
	    c->kind[AGG_SKIP_NOTIME]);
	fprintf(fp, "  \"overlong\": %" PRIu64 ",\n", c->overlong);
	fprintf(fp,
	    "  \"accounting\": {\"lines\": %" PRIu64 ", \"sum\": %" PRIu64
	    ", \"balanced\": %s},\n",
	    c->lines, sum, sum == c->lines ? "true" : "false");
	fprintf(fp, "  \"inferred\": %" PRIu64 ",\n", c->inferred);
	fprintf(fp, "  \"no_code\": %" PRIu64 ",\n", no_code);
	fprintf(fp,
	    "  \"other_rows\": {\"events\": %" PRIu64 ", \"peers\": %" PRIu64
	    "},\n",
	    c->other_cells, c->other_peers);
	fprintf(fp, "  \"match_limit_hits\": %" PRIu64 ",\n", c->limit_hits);
	fputs("  \"mail_lines\": {", fp);
	for (m = 0; m < EVENT_NMTA; m++)
		fprintf(fp, "%s\"%s\": %" PRIu64, m ? ", " : "",
		    event_mta_name(m), c->mail[m]);
	fputs("},\n", fp);
	if (c->first <= c->last) {
		report_time(t0, sizeof(t0), c->first);
		report_time(t1, sizeof(t1), c->last);
		fprintf(fp,
		    "  \"time\": {\"first\": \"%s\", \"last\": \"%s\"},\n", t0,
		    t1);
	} else
		fputs("  \"time\": null,\n", fp);
	json_hours(fp, a);
	json_window(fp, o->win);
	fputs("  \"by_class\": ", fp);
	json_view(fp, rows[0], n[0], REPORT_BY_CLASS, JC_TOTAL);
	fputs(",\n  \"by_code\": ", fp);
	json_view(fp, rows[1], n[1], REPORT_BY_CODE, JC_TOTAL);
	fputs(",\n  \"by_enhanced\": ", fp);
	json_view(fp, rows[2], n[2], REPORT_BY_ENH, JC_TOTAL);
	fputs(",\n  \"inbound\": ", fp);
	json_block(fp, rows, n, JC_IN, "  ");
	fputs(",\n  \"outbound\": ", fp);
	json_block(fp, rows, n, JC_OUT, "  ");
	fputs(",\n  \"by_mta\": {", fp);
	for (m = 0; m < EVENT_NMTA; m++) {
		fprintf(fp, "%s\n    \"%s\": ", m ? "," : "",
		    event_mta_name(m));
		json_block(fp, rows, n, JC_MTA0 + m, "    ");
	}
	fputs("\n  },\n  \"top\": [", fp);
	top = agg_top(a, o->top, &ntop);
	for (i = 0; i < ntop; i++) {
		fputs(i ? ",\n" : "\n", fp);
		json_top(fp, a, &top[i], o);
	}
	fputs(ntop ? "\n  ],\n" : "],\n", fp);
	free(top);
	json_destinations(fp, a, o);
	json_cells(fp, cells, ncells, o);
	json_peer_rows(fp, a, o);
	fputs("  \"unparsed_samples\": [", fp);
	s = agg_samples(a, &ns);
	for (i = 0; i < ns; i++) {
		fputs(i ? ",\n    {\"where\": " : "\n    {\"where\": ", fp);
		fputc('"', fp);
		util_put_json(fp, s[i].name, strlen(s[i].name));
		fprintf(fp, ":%" PRIu64 "\"", s[i].lineno);
		if (!util_json_exact(s[i].name, strlen(s[i].name)) &&
		    !util_redacting()) {
			fputs(", \"where_hex\": \"", fp);
			json_hex(fp, s[i].name, strlen(s[i].name));
			snprintf(t0, sizeof(t0), ":%" PRIu64, s[i].lineno);
			json_hex(fp, t0, strlen(t0));
			fputc('"', fp);
		}
		fputs(", ", fp);
		json_bytes(fp, "line", s[i].text, s[i].len);
		fputc('}', fp);
	}
	fputs(ns ? "\n  ]\n}\n" : "]\n}\n", fp);
	for (i = 0; i < 3; i++)
		free(rows[i]);
	free(cells);
	return ferror(fp) ? -1 : 0;
}

/*
 * One line: the indented document without its newlines and the blanks
 * that follow them. Strings never hold a raw newline (util_put_json()
 * escapes it), so every newline dropped is layout.
 */
static int
json_compact(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *mem;
	int rc;

	if ((mem = open_memstream(&buf, &len)) == NULL)
		return -1;
	rc = json_emit(mem, a, o);
	if (fclose(mem) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < len; i++) {
		if (buf[i] != '\n') {
			fputc(buf[i], fp);
			continue;
		}
		while (i + 1 < len && buf[i + 1] == ' ')
			i++;
	}
	if (rc == 0)
		fputc('\n', fp);
	free(buf);
	return rc < 0 || ferror(fp) ? -1 : 0;
}

int
report_json(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	return o->compact ? json_compact(fp, a, o) : json_emit(fp, a, o);
}
