/*
 * report_text.c - the readable report: what was read, the class and code
 * tables, and the top failures explained with fix advice.
 *
 * Colour (ANSI SGR) is used only when the caller says so (main decides:
 * a terminal, NO_COLOR unset). Every byte that came from a log is written
 * with util_put_text(), so escape sequences in a HELO name or a reply text
 * are shown as \x1b, never acted on.
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

#define C_BOLD "\033[1m"
#define C_RED "\033[31m"
#define C_YEL "\033[33m"
#define C_GRN "\033[32m"
#define C_DIM "\033[2m"
#define C_OFF "\033[0m"

/* Start and end a coloured span when colour is on. */
static void
txt_on(FILE *fp, const struct report_opts *o, const char *sgr)
{
	if (o->color)
		fputs(sgr, fp);
}

static void
txt_off(FILE *fp, const struct report_opts *o)
{
	if (o->color)
		fputs(C_OFF, fp);
}

static const char *
txt_class_color(int cls)
{
	return cls == 5 ? C_RED : cls == 4 ? C_YEL : C_GRN;
}

static void
txt_heading(FILE *fp, const struct report_opts *o, const char *title)
{
	fputc('\n', fp);
	txt_on(fp, o, C_BOLD);
	fputs(title, fp);
	txt_off(fp, o);
	fputc('\n', fp);
}

/* Percentage of PART in WHOLE with one decimal, as text. */
static void
txt_pct(char *buf, size_t n, uint64_t part, uint64_t whole)
{
	if (whole == 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%",
		    100.0 * (double)part / (double)whole);
}

/* Header of a count table: the key, in, out, each MTA, total, share. */
static void
txt_table_head(FILE *fp, const struct report_opts *o, const char *key, int keyw,
    int mask)
{
	int m;

	txt_on(fp, o, C_DIM);
	fputs("  ", fp);
	report_pad(fp, key, keyw, 0);
	fputc(' ', fp);
	report_pad(fp, _("inbound"), 8, 1);
	fputc(' ', fp);
	report_pad(fp, _("outbound"), 8, 1);
	for (m = 0; m < EVENT_NMTA; m++)
		if (mask & (1 << m))
			fprintf(fp, " %8s", event_mta_name(m));
	fputc(' ', fp);
	report_pad(fp, _("total"), 8, 1);
	fputc(' ', fp);
	report_pad(fp, _("share"), 6, 1);
	fputc('\n', fp);
	txt_off(fp, o);
}

/* One row's counts after its key. */
static void
txt_counts(FILE *fp, const struct report_row *r, int mask, uint64_t events)
{
	char pct[16];
	int m;

	fprintf(fp, " %8" PRIu64 " %8" PRIu64, r->dir[EVENT_IN],
	    r->dir[EVENT_OUT]);
	for (m = 0; m < EVENT_NMTA; m++)
		if (mask & (1 << m))
			fprintf(fp, " %8" PRIu64, r->mta[m]);
	txt_pct(pct, sizeof(pct), r->total, events);
	fprintf(fp, " %8" PRIu64 " %6s", r->total, pct);
}

/* "  label               " : a summary label padded to one column. */
static void
txt_label(FILE *fp, const char *label)
{
	fputs("  ", fp);
	report_pad(fp, label, 20, 0);
}

/* "2026-11-22 10:00:01 +0100": a time of the text report, local. */
static void
txt_time(char *buf, size_t n, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S %z", &tm);
}

/* The --since/--until window, when one was given. */
static void
txt_window(FILE *fp, const struct run_window *w)
{
	char t0[64], t1[64];

	if (w == NULL || (!w->has_since && !w->has_until))
		return;
	txt_label(fp, _("time window"));
	if (w->has_since)
		txt_time(t0, sizeof(t0), w->since);
	if (w->has_until)
		txt_time(t1, sizeof(t1), w->until);
	if (w->has_since && w->has_until)
		fprintf(fp, _("%s to %s\n"), t0, t1);
	else if (w->has_since)
		fprintf(fp, _("from %s\n"), t0);
	else
		fprintf(fp, _("before %s\n"), t1);
}

static void
txt_summary(FILE *fp, const struct agg_counts *c, const struct report_opts *o)
{
	uint64_t skipped = agg_skipped(c);
	char t0[64], t1[64];
	struct tm tm;
	int m, first = 1;

	txt_on(fp, o, C_BOLD);
	fputs(_("smtplog report"), fp);
	txt_off(fp, o);
	fputc('\n', fp);
	txt_label(fp, _("inputs"));
	fprintf(fp, "%d\n", o->ninputs);
	txt_label(fp, _("lines read"));
	fprintf(fp, _("%" PRIu64 " (%" PRIu64 " bytes)\n"), c->lines, c->bytes);
	if (c->first <= c->last) {
		localtime_r(&c->first, &tm);
		strftime(t0, sizeof(t0), "%Y-%m-%d %H:%M:%S %z", &tm);
		localtime_r(&c->last, &tm);
		strftime(t1, sizeof(t1), "%Y-%m-%d %H:%M:%S %z", &tm);
		txt_label(fp, _("time span"));
		fprintf(fp, _("%s to %s\n"), t0, t1);
	}
	txt_window(fp, o->win);
	txt_label(fp, _("mail lines by MTA"));
	for (m = 0; m < EVENT_NMTA; m++) {
		if (c->mail[m] == 0)
			continue;
		fprintf(fp, "%s%s %" PRIu64, first ? "" : ", ",
		    event_mta_name(m), c->mail[m]);
		first = 0;
	}
	fputs(first ? _("none\n") : "\n", fp);
	txt_label(fp, _("events"));
	fprintf(fp, _("%" PRIu64 "  (SMTP replies and delivery outcomes)\n"),
	    c->kind[AGG_EVENT]);
	if (c->inferred) {
		txt_label(fp, _("  code inferred"));
		fprintf(fp,
		    _("%" PRIu64 "  (the MTA did not log the code it sent)\n"),
		    c->inferred);
	}
	txt_label(fp, _("mail, no reply"));
	fprintf(fp, "%" PRIu64 "\n", c->kind[AGG_NOREPLY]);
	txt_label(fp, _("unparsed"));
	fprintf(fp,
	    _("%" PRIu64 "  (mail lines with a reply no pattern understood)\n"),
	    c->kind[AGG_UNPARSED]);
	txt_label(fp, _("skipped"));
	fprintf(fp,
	    _("%" PRIu64 "  (other programs %" PRIu64 ", no header %" PRIu64
	      ", journal markers %" PRIu64 ")\n"),
	    skipped, c->kind[AGG_SKIP_OTHER], c->kind[AGG_SKIP_NOHDR],
	    c->kind[AGG_SKIP_MARKER]);
	/* the window's lines are skipped too, beside the three above */
	if (c->kind[AGG_SKIP_WINDOW] ||
	    (o->win != NULL && (o->win->has_since || o->win->has_until))) {
		txt_label(fp, _("  outside window"));
		fprintf(fp,
		    _("%" PRIu64 "  (lines before or after the time window)\n"),
		    c->kind[AGG_SKIP_WINDOW]);
	}
	if (c->kind[AGG_SKIP_NOTIME]) {
		txt_label(fp, _("  no usable time"));
		fprintf(fp,
		    _("%" PRIu64 "  (an impossible date: not known to be in "
		      "the window)\n"),
		    c->kind[AGG_SKIP_NOTIME]);
	}
	if (c->overlong) {
		txt_label(fp, _("overlong"));
		fprintf(fp,
		    _("%" PRIu64 "  (longer than the line limit, skipped)\n"),
		    c->overlong);
	}
	if (c->limit_hits) {
		txt_label(fp, _("match limit hits"));
		fprintf(fp,
		    _("%" PRIu64
		      "  (a pattern gave up; counted as unparsed)\n"),
		    c->limit_hits);
	}
	if (c->other_cells || c->other_peers) {
		txt_label(fp, _("table caps reached"));
		fprintf(fp,
		    _("%" PRIu64 " events and %" PRIu64
		      " peers counted as \"other\"\n"),
		    c->other_cells, c->other_peers);
	}
}

static void
txt_classes(FILE *fp, const struct report_row *rows, size_t n, int mask,
    uint64_t events, const struct report_opts *o)
{
	size_t i;

	txt_heading(fp, o, _("Replies by class"));
	txt_table_head(fp, o, _("class"), 34, mask);
	for (i = 0; i < n; i++) {
		const char *name = kb_class_name(rows[i].cls);

		fputs("  ", fp);
		txt_on(fp, o, txt_class_color(rows[i].cls));
		report_pad(fp, name ? name : "?", 34, 0);
		txt_off(fp, o);
		txt_counts(fp, &rows[i], mask, events);
		fputc('\n', fp);
	}
}

static void
txt_codes(FILE *fp, const struct report_row *rows, size_t n, enum report_by by,
    int mask, uint64_t events, const struct report_opts *o)
{
	const struct kb_entry *e;
	char key[16];
	size_t i;

	txt_heading(fp, o,
	    by == REPORT_BY_CODE ? _("Basic reply codes")
				 : _("Enhanced status codes"));
	if (n == 0) {
		fputs(_("  none logged\n"), fp);
		return;
	}
	txt_table_head(fp, o, _("code"), 8, mask);
	for (i = 0; i < n; i++) {
		if (by == REPORT_BY_CODE) {
			snprintf(key, sizeof(key), "%d", rows[i].code);
			e = kb_basic(rows[i].code);
		} else {
			event_enh_str(&rows[i].enh, key, sizeof(key));
			e = kb_enhanced(rows[i].enh.subject,
			    rows[i].enh.detail);
		}
		fputs("  ", fp);
		txt_on(fp, o, txt_class_color(rows[i].cls));
		fprintf(fp, "%-8s", key);
		txt_off(fp, o);
		txt_counts(fp, &rows[i], mask, events);
		fprintf(fp, "  %s\n", e ? _(e->title) : _("(unassigned)"));
	}
}

/* A list of peers on one line: "example.net (12), example.org (3)". */
static void
txt_peers(FILE *fp, const struct agg *a, const struct agg_top *t,
    enum agg_peer_kind kind, const char *label, size_t max)
{
	struct agg_peer *p;
	unsigned level;
	size_t n, i;

	p = agg_peers(a, t, kind, max, &n, &level);
	if (n > 0) {
		fprintf(fp, "     %s", label);
		for (i = 0; i < n; i++) {
			fputs(i ? ", " : " ", fp);
			util_put_text(fp, p[i].name, p[i].len);
			fprintf(fp, " (%" PRIu64 ")", p[i].count);
		}
		fputc('\n', fp);
	}
	if (n > 0 && level > 0) {
		char buf[512];

		snprintf(buf, sizeof(buf),
		    _("too many to keep all: about 1 in %" PRIu64
		      " is counted, picked by a hash of the name; counts of "
		      "those shown are exact"),
		    (uint64_t)1 << level);
		report_wrap(fp, "", buf, 7);
	}
	free(p);
}

static void
txt_top(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	const struct sig_entry *sig;
	struct agg_top *top;
	struct kb_advice adv;
	char enh[16], code[8];
	size_t n, i;
	int m;

	top = agg_top(a, o->top, &n);
	txt_heading(fp, o, _("Top failures"));
	if (n == 0)
		fputs(_("  no 4xx or 5xx replies\n"), fp);
	for (i = 0; i < n; i++) {
		const struct agg_top *t = &top[i];

		kb_explain(t->code, &t->enh, t->dir, t->stage, &adv);
		snprintf(code, sizeof(code), "%d", t->code);
		event_enh_str(&t->enh, enh, sizeof(enh));
		fprintf(fp, "\n  %zu. ", i + 1);
		txt_on(fp, o, txt_class_color(t->cls));
		fprintf(fp, "%s%s%s", t->code ? code : "",
		    t->code && t->enh.cls ? " " : "", enh);
		if (!t->code && !t->enh.cls)
			fprintf(fp, _("%dxx (no code logged)"), t->cls);
		txt_off(fp, o);
		/* TRANSLATORS: "inbound" and "outbound" are translated
		   with the column headings of the tables. */
		fprintf(fp, "  %s, ", _(event_dir_name(t->dir)));
		fprintf(fp,
		    P_("%" PRIu64 " event", "%" PRIu64 " events", t->count),
		    t->count);
		for (m = 0; m < EVENT_NMTA; m++)
			if (t->by_mta[m] && t->by_mta[m] != t->count)
				fprintf(fp, ", %s %" PRIu64, event_mta_name(m),
				    t->by_mta[m]);
			else if (t->by_mta[m])
				fprintf(fp, ", %s", event_mta_name(m));
		if (t->stage)
			fprintf(fp, _(", at %s"), event_stage_name(t->stage));
		if (t->inferred)
			fprintf(fp, _(", code inferred for %" PRIu64),
			    t->inferred);
		fputc('\n', fp);
		sig = report_sig(o, t);
		txt_on(fp, o, C_BOLD);
		fprintf(fp, "     %s\n", sig ? _(sig->title) : adv.title);
		txt_off(fp, o);
		if (sig != NULL) {
			/* TRANSLATORS: "Signature: Yahoo (yahoo-tss04)": the
			   explanation comes from a provider or blocklist
			   signature, not from the code alone */
			fprintf(fp, _("     Signature: %s (%s)\n"),
			    sig->provider, sig->id);
			report_wrap(fp, _("Meaning:"), _(sig->explanation), 5);
			report_wrap(fp, _("The code:"), adv.title, 5);
			report_wrap(fp, _("How to fix:"), _(sig->advice), 5);
			if (sig->url[0] != '\0')
				report_wrap(fp, _("See:"), sig->url, 5);
		} else {
			report_wrap(fp, _("Meaning:"), adv.explanation, 5);
			report_wrap(fp, _("When you see it:"), adv.when, 5);
			report_wrap(fp, _("How to fix:"), adv.advice, 5);
		}
		txt_peers(fp, a, t, AGG_PEER_DOMAIN, _("Domains:"), o->peers);
		txt_peers(fp, a, t, AGG_PEER_HOST, _("Hosts:"), o->peers);
	}
	free(top);
}

/* Outbound recipient domains with the most failures, each with its codes
 * and the advice of the most frequent one. */
static void
txt_destinations(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	const struct sig_entry *sig;
	struct kb_advice adv;
	struct agg_dest *d;
	char code[32];
	size_t n, i, k;

	d = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, o->top, &n);
	if (n > 0) {
		txt_heading(fp, o, _("Failing destinations"));
		fputs(_("  outbound, by recipient domain\n"), fp);
	}
	for (i = 0; i < n; i++) {
		fprintf(fp, "\n  %zu. ", i + 1);
		txt_on(fp, o, C_BOLD);
		util_put_text(fp, d[i].name, d[i].len);
		txt_off(fp, o);
		fputs("  ", fp);
		fprintf(fp,
		    P_("%" PRIu64 " failure", "%" PRIu64 " failures",
			d[i].count),
		    d[i].count);
		fprintf(fp, " (4xx %" PRIu64 ", 5xx %" PRIu64 ")\n",
		    d[i].by_class[4], d[i].by_class[5]);
		fputs("     ", fp);
		for (k = 0; k < d[i].ncodes; k++) {
			const struct agg_dest_code *c = &d[i].codes[k];

			fputs(k ? ", " : "", fp);
			txt_on(fp, o, txt_class_color(c->cls));
			fputs(report_dest_code(c, code, sizeof(code)), fp);
			txt_off(fp, o);
			fprintf(fp, " (%" PRIu64 ")", c->count);
		}
		if (d[i].nfailures > d[i].ncodes)
			fprintf(fp, _(", %zu more"),
			    d[i].nfailures - d[i].ncodes);
		fputc('\n', fp);
		report_dest_advice(o, &d[i], &sig, &adv);
		if (sig != NULL) {
			fprintf(fp, _("     Signature: %s (%s)\n"),
			    sig->provider, sig->id);
			report_wrap(fp, _("How to fix:"), _(sig->advice), 5);
		} else {
			report_wrap(fp, _("Meaning:"), adv.title, 5);
			report_wrap(fp, _("How to fix:"), adv.advice, 5);
		}
	}
	free(d);
}

static void
txt_samples(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	const struct agg_sample *s;
	size_t n, i;

	s = agg_samples(a, &n);
	if (n == 0)
		return;
	txt_heading(fp, o, _("Unparsed lines (first samples)"));
	for (i = 0; i < n; i++) {
		fputs("  ", fp);
		util_put_text(fp, s[i].name, strlen(s[i].name));
		fprintf(fp, ":%" PRIu64 ": ", s[i].lineno);
		util_put_text(fp, s[i].text, s[i].len);
		fputc('\n', fp);
	}
}

/* --fail-on: every rule, fired or not, with what it measured. */
static void
txt_thresholds(FILE *fp, const struct report_opts *o)
{
	char rule[96], value[128];
	size_t i, fired = 0;

	if (o->nrules == 0)
		return;
	for (i = 0; i < o->nrules; i++)
		fired += o->results[i].fired != 0;
	txt_on(fp, o, C_BOLD);
	fprintf(fp,
	    P_("Thresholds: %zu of %zu rule fired",
		"Thresholds: %zu of %zu rules fired", o->nrules),
	    fired, o->nrules);
	txt_off(fp, o);
	fputc('\n', fp);
	for (i = 0; i < o->nrules; i++) {
		const struct rule_result *res = &o->results[i];

		fputs("  ", fp);
		txt_on(fp, o, res->fired ? C_RED : C_GRN);
		/* TRANSLATORS: the state of a --fail-on rule, 6 columns */
		report_pad(fp, res->fired ? _("FIRED") : _("ok"), 6, 0);
		txt_off(fp, o);
		fputc(' ', fp);
		report_pad(fp, rule_str(&o->rules[i], rule, sizeof(rule)), 16,
		    0);
		fprintf(fp, " %s\n",
		    rule_value_str(&o->rules[i], res, value, sizeof(value)));
	}
	fputc('\n', fp);
}

int
report_text(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	const struct agg_counts *c = agg_counts_const(a);
	struct agg_cell *cells;
	struct report_row *rows;
	size_t ncells, n;
	int mask = report_mtas(c);

	txt_thresholds(fp, o);
	txt_summary(fp, c, o);
	cells = agg_cells(a, &ncells);
	rows = report_rows(cells, ncells, REPORT_BY_CLASS, &n);
	txt_classes(fp, rows, n, mask, c->kind[AGG_EVENT], o);
	free(rows);
	rows = report_rows(cells, ncells, REPORT_BY_CODE, &n);
	txt_codes(fp, rows, n, REPORT_BY_CODE, mask, c->kind[AGG_EVENT], o);
	free(rows);
	rows = report_rows(cells, ncells, REPORT_BY_ENH, &n);
	txt_codes(fp, rows, n, REPORT_BY_ENH, mask, c->kind[AGG_EVENT], o);
	free(rows);
	free(cells);
	txt_top(fp, a, o);
	txt_destinations(fp, a, o);
	txt_samples(fp, a, o);
	return ferror(fp) ? -1 : 0;
}
