/*
 * report_prom.c - the counts in the Prometheus text exposition format,
 * for node_exporter's textfile collector.
 *
 *   report_prom(fp, a, o)            every metric family, HELP and TYPE
 *                                    first, families in a fixed order
 *   report_prom_label(fp, s, len)    one label value, between its quotes
 *
 * Counters hold totals over the inputs of one run; a rotated log shows as
 * a counter reset, which rate() and increase() expect. Metric and label
 * names are a stable interface, documented in smtplog(1) under
 * "PROMETHEUS OUTPUT". HELP texts are not translated: they are metadata
 * of an interface, and a scrape should not change with the locale.
 *
 * A label value is the text-report rendering of its bytes (util_put_text:
 * control characters and invalid UTF-8 as \xHH, a backslash as \\), then
 * written with the format's own escapes, so nothing from a log reaches the
 * file raw and every value parses.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

void
report_prom_label(FILE *fp, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] == '\\') {
			/* the rendering "\\", each backslash escaped */
			fputs("\\\\\\\\", fp);
			i++;
		} else if (p[i] == '"') {
			fputs("\\\"", fp);
			i++;
		} else if (p[i] >= 0x20 && p[i] < 0x7f) {
			fputc(p[i], fp);
			i++;
		} else if (p[i] >= 0x80 &&
		    (n = util_utf8_len(p + i, len - i)) != 0) {
			fwrite(p + i, 1, n, fp);
			i += n;
		} else {
			/* "\xHH" as text: its backslash escaped; a newline
			 * lands here too, so no value spans two lines */
			fprintf(fp, "\\\\x%02x", p[i]);
			i++;
		}
	}
}

/* "# HELP" and "# TYPE" of one family; HELP is our own one-line text. */
static void
prom_family(FILE *fp, const char *name, const char *type, const char *help)
{
	fprintf(fp, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* NAME{LABEL="VALUE"} V: one sample with one label. */
static void
prom_sample1(FILE *fp, const char *name, const char *label, const char *value,
    uint64_t v)
{
	fprintf(fp, "%s{%s=\"", name, label);
	report_prom_label(fp, value, strlen(value));
	fprintf(fp, "\"} %" PRIu64 "\n", v);
}

/* Cells that fall in the same series: everything but stage and signature,
 * which agg_cells() sorts last, so a series' cells are adjacent. */
static int
prom_same(const struct agg_cell *a, const struct agg_cell *b)
{
	return a->dir == b->dir && a->mta == b->mta && a->cls == b->cls &&
	    a->other == b->other && a->code == b->code &&
	    event_enh_cmp(&a->enh, &b->enh) == 0;
}

/* The labels of a series; the overflow row has code and enhanced "other". */
static void
prom_labels(FILE *fp, const struct agg_cell *c)
{
	char buf[16];

	fputs("{direction=\"", fp);
	report_prom_label(fp, event_dir_name(c->dir),
	    strlen(event_dir_name(c->dir)));
	fputs("\",mta=\"", fp);
	report_prom_label(fp, event_mta_name(c->mta),
	    strlen(event_mta_name(c->mta)));
	snprintf(buf, sizeof(buf), "%dxx", c->cls);
	fprintf(fp, "\",class=\"%s\",code=\"", buf);
	if (c->other)
		snprintf(buf, sizeof(buf), "other");
	else if (c->code != 0)
		snprintf(buf, sizeof(buf), "%d", c->code);
	else
		buf[0] = '\0';
	report_prom_label(fp, buf, strlen(buf));
	fputs("\",enhanced=\"", fp);
	if (c->other)
		snprintf(buf, sizeof(buf), "other");
	else
		event_enh_str(&c->enh, buf, sizeof(buf));
	report_prom_label(fp, buf, strlen(buf));
	fputs("\"}", fp);
}

/* One series per (direction, MTA, class, code, enhanced code): the count,
 * or with INFERRED the inferred count, summed over stages and signatures. */
static void
prom_replies(FILE *fp, const struct agg_cell *cells, size_t n, int inferred)
{
	size_t i, j;

	for (i = 0; i < n; i = j) {
		uint64_t v = 0;

		for (j = i; j < n && prom_same(&cells[i], &cells[j]); j++)
			v += inferred ? cells[j].inferred : cells[j].count;
		fputs(inferred ? "smtplog_replies_inferred_total"
			       : "smtplog_replies_total",
		    fp);
		prom_labels(fp, &cells[i]);
		fprintf(fp, " %" PRIu64 "\n", v);
	}
}

/* The failing destinations (outbound recipient domains with the most
 * failures, --top of them): one series per domain and failure. Bounded
 * by --top, so a scrape's cardinality stays small. */
static void
prom_destinations(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	struct agg_dest *d;
	char buf[16];
	size_t n, i, k;

	d = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, o->top, &n);
	prom_family(fp, "smtplog_destination_failures_total", "counter",
	    "Failures of the outbound recipient domains that failed most, "
	    "by domain, class, basic and enhanced code (their five most "
	    "frequent).");
	for (i = 0; i < n; i++)
		for (k = 0; k < d[i].ncodes; k++) {
			const struct agg_dest_code *c = &d[i].codes[k];
			uint64_t v = 0;
			size_t j;

			/* one series per code: signatures summed */
			for (j = 0; j < d[i].ncodes; j++) {
				const struct agg_dest_code *x = &d[i].codes[j];

				if (x->cls != c->cls || x->code != c->code ||
				    event_enh_cmp(&x->enh, &c->enh) != 0)
					continue;
				if (j < k)
					break;
				v += x->count;
			}
			if (j < k)
				continue; /* written with an earlier one */
			fputs("smtplog_destination_failures_total{domain=\"",
			    fp);
			report_prom_label(fp, d[i].name, d[i].len);
			fprintf(fp, "\",class=\"%dxx\",code=\"", c->cls);
			if (c->code)
				fprintf(fp, "%d", c->code);
			fputs("\",enhanced=\"", fp);
			fputs(event_enh_str(&c->enh, buf, sizeof(buf)), fp);
			fprintf(fp, "\"} %" PRIu64 "\n", v);
		}
	free(d);
}

int
report_prom(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	static const struct {
		const char *name;
		int kind; /* enum agg_line_kind; -1: overlong */
	} kinds[] = {{"event", AGG_EVENT}, {"noreply", AGG_NOREPLY},
	    {"unparsed", AGG_UNPARSED}, {"other_program", AGG_SKIP_OTHER},
	    {"no_header", AGG_SKIP_NOHDR}, {"journal_marker", AGG_SKIP_MARKER},
	    {"outside_window", AGG_SKIP_WINDOW}, {"no_time", AGG_SKIP_NOTIME},
	    {"overlong", -1}};
	const struct agg_counts *c = agg_counts_const(a);
	struct agg_cell *cells;
	size_t n, i;
	int m;

	prom_family(fp, "smtplog_build_info", "gauge",
	    "The smtplog that wrote these metrics; always 1.");
	prom_sample1(fp, "smtplog_build_info", "version", PACKAGE_VERSION, 1);
	prom_family(fp, "smtplog_inputs", "gauge",
	    "Inputs (files, stdin) read.");
	fprintf(fp, "smtplog_inputs %d\n", o->ninputs);
	prom_family(fp, "smtplog_lines_total", "counter",
	    "Lines read, by what became of them; the kinds add up to every "
	    "line.");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		prom_sample1(fp, "smtplog_lines_total", "kind", kinds[i].name,
		    kinds[i].kind < 0 ? c->overlong : c->kind[kinds[i].kind]);
	prom_family(fp, "smtplog_bytes_total", "counter", "Bytes read.");
	fprintf(fp, "smtplog_bytes_total %" PRIu64 "\n", c->bytes);
	prom_family(fp, "smtplog_mail_lines_total", "counter",
	    "Lines of each MTA's programs.");
	for (m = 0; m < EVENT_NMTA; m++)
		prom_sample1(fp, "smtplog_mail_lines_total", "mta",
		    event_mta_name(m), c->mail[m]);

	cells = agg_cells(a, &n);
	prom_family(fp, "smtplog_replies_total", "counter",
	    "SMTP replies and delivery outcomes, by direction, MTA, class, "
	    "basic and enhanced code.");
	prom_replies(fp, cells, n, 0);
	prom_family(fp, "smtplog_replies_inferred_total", "counter",
	    "Replies of smtplog_replies_total whose code was inferred, not "
	    "logged.");
	prom_replies(fp, cells, n, 1);
	free(cells);

	prom_destinations(fp, a, o);
	prom_family(fp, "smtplog_folded_events_total", "counter",
	    "Events counted in an \"other\" row past the table cap.");
	fprintf(fp, "smtplog_folded_events_total %" PRIu64 "\n",
	    c->other_cells);
	prom_family(fp, "smtplog_folded_peers_total", "counter",
	    "Domain and host counts folded past the peer table cap.");
	fprintf(fp, "smtplog_folded_peers_total %" PRIu64 "\n", c->other_peers);
	prom_family(fp, "smtplog_match_limit_hits_total", "counter",
	    "Lines on which a pattern reached the PCRE2 match or depth "
	    "limit.");
	fprintf(fp, "smtplog_match_limit_hits_total %" PRIu64 "\n",
	    c->limit_hits);
	if (c->first <= c->last) {
		prom_family(fp, "smtplog_log_first_timestamp_seconds", "gauge",
		    "Time of the earliest dated line, in seconds since the "
		    "epoch.");
		fprintf(fp, "smtplog_log_first_timestamp_seconds %lld\n",
		    (long long)c->first);
		prom_family(fp, "smtplog_log_last_timestamp_seconds", "gauge",
		    "Time of the latest dated line, in seconds since the "
		    "epoch.");
		fprintf(fp, "smtplog_log_last_timestamp_seconds %lld\n",
		    (long long)c->last);
	}
	return ferror(fp) ? -1 : 0;
}
