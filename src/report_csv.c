/*
 * report_csv.c - the counts as CSV, one row per count cell, for
 * spreadsheets and scripts.
 *
 *   report_csv(fp, a, o)           the whole table: a header row, then the
 *                                  aggregator's cells in agg_cells() order
 *   report_csv_field(fp, s, len)   one field, quoted when it needs it
 *
 * The format is RFC 4180 with one deliberate difference: records end in
 * LF, not CRLF, so that cut, awk and sort see clean last fields;
 * spreadsheets read both. Column names are a stable interface, documented
 * in smtplog(1) under "CSV OUTPUT". Every text field goes through
 * report_csv_field(): control characters and invalid UTF-8 become \xHH as
 * in the text report, and a field that a spreadsheet would take for a
 * formula is defused with a leading apostrophe.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/* A spreadsheet evaluates a cell that starts with one of these. */
static int
csv_formula_start(const char *s, size_t len)
{
	return len > 0 &&
	    (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
}

void
report_csv_field(FILE *fp, const char *s, size_t len)
{
	int quote = csv_formula_start(s, len);
	size_t i, start;

	/* util_put_text() turns CR and LF into \xHH, so only the separator
	 * and the quote itself call for quoting */
	for (i = 0; i < len && !quote; i++)
		if (s[i] == ',' || s[i] == '"')
			quote = 1;
	if (!quote) {
		util_put_text(fp, s, len);
		return;
	}
	fputc('"', fp);
	if (csv_formula_start(s, len))
		fputc('\'', fp);
	for (i = 0, start = 0; i <= len; i++) {
		if (i < len && s[i] != '"')
			continue;
		util_put_text(fp, s + start, i - start);
		if (i < len)
			fputs("\"\"", fp);
		start = i + 1;
	}
	fputc('"', fp);
}

/* A NUL-terminated string as a field. */
static void
csv_str(FILE *fp, const char *s)
{
	report_csv_field(fp, s, strlen(s));
}

/* The id of signature SIG, or "" when there is none. */
static const char *
csv_sig(const struct report_opts *o, int sig)
{
	const struct sig_entry *e = sig_get(o->sigs, sig);

	return e ? e->id : "";
}

/* The failing destinations, after the cells: one row per outbound
 * recipient domain (--top of them) and failure, with the domain in the
 * last column; mta, stage and inferred are empty. */
static void
csv_destinations(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	struct agg_dest *d;
	char buf[16];
	size_t n, i, k;

	d = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, o->top, &n);
	for (i = 0; i < n; i++)
		for (k = 0; k < d[i].ncodes; k++) {
			const struct agg_dest_code *c = &d[i].codes[k];
			csv_str(fp, event_dir_name(EVENT_OUT));
			snprintf(buf, sizeof(buf), "%dxx", c->cls);
			fputs(",,", fp);
			csv_str(fp, buf);
			fputc(',', fp);
			if (c->code)
				fprintf(fp, "%d", c->code);
			fputc(',', fp);
			csv_str(fp, event_enh_str(&c->enh, buf, sizeof(buf)));
			fputs(",,", fp);
			csv_str(fp, csv_sig(o, c->sig));
			fprintf(fp, ",%" PRIu64 ",,", c->count);
			report_csv_field(fp, d[i].name, d[i].len);
			fputc('\n', fp);
		}
	free(d);
}

int
report_csv(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	struct agg_cell *cells;
	size_t n, i;
	char buf[16];

	fputs("direction,mta,class,code,enhanced,stage,signature,count,"
	      "inferred,domain\n",
	    fp);
	cells = agg_cells(a, &n);
	for (i = 0; i < n; i++) {
		const struct agg_cell *c = &cells[i];

		csv_str(fp, event_dir_name(c->dir));
		fputc(',', fp);
		csv_str(fp, event_mta_name(c->mta));
		fputc(',', fp);
		snprintf(buf, sizeof(buf), "%dxx", c->cls);
		csv_str(fp, buf);
		fputc(',', fp);
		/* the overflow row says so where its codes would be */
		if (c->other)
			snprintf(buf, sizeof(buf), "other");
		else if (c->code != 0)
			snprintf(buf, sizeof(buf), "%d", c->code);
		else
			buf[0] = '\0';
		csv_str(fp, buf);
		fputc(',', fp);
		if (c->other)
			snprintf(buf, sizeof(buf), "other");
		else
			event_enh_str(&c->enh, buf, sizeof(buf));
		csv_str(fp, buf);
		fputc(',', fp);
		csv_str(fp, event_stage_name(c->stage));
		fputc(',', fp);
		csv_str(fp, csv_sig(o, c->sig));
		fprintf(fp, ",%" PRIu64 ",%" PRIu64 ",\n", c->count,
		    c->inferred);
	}
	free(cells);
	csv_destinations(fp, a, o);
	return ferror(fp) ? -1 : 0;
}
