/*
 * report.c - what the reporters share: the format table and summed views.
 *
 * Reporters are looked up by name in a NULL-terminated table; each one
 * turns the aggregator's cells into its own output. report_rows() sums the
 * cells along one key so that every reporter counts the same way.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

static const struct report_format report_formats[] = {{"text", report_text},
    {"json", report_json}, {"html", report_html}, {"csv", report_csv},
    {"prometheus", report_prom}, {NULL, NULL}};

const struct report_format *
report_find(const char *name)
{
	const struct report_format *f;

	for (f = report_formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Built from the table once, so the list cannot drift from it. */
const char *
report_names(void)
{
	static char names[128];
	const struct report_format *f;
	size_t len = 0;

	if (names[0] == '\0')
		for (f = report_formats; f->name != NULL && len < sizeof(names);
		     f++)
			len += (size_t)snprintf(names + len,
			    sizeof(names) - len, "%s%s",
			    f == report_formats ? "" : ", ", f->name);
	return names;
}

/* The key of a cell in view BY, as a row would hold it. */
static void
report_key(const struct agg_cell *c, enum report_by by, struct report_row *r)
{
	memset(r, 0, sizeof(*r));
	r->cls = by == REPORT_BY_ENH ? c->enh.cls : c->cls;
	if (by == REPORT_BY_CODE)
		r->code = c->code;
	if (by == REPORT_BY_ENH)
		r->enh = c->enh;
}

static int
report_row_cmp(const void *pa, const void *pb)
{
	const struct report_row *a = pa, *b = pb;

	if (a->cls != b->cls)
		return a->cls - b->cls;
	if (a->code != b->code)
		return a->code - b->code;
	return event_enh_cmp(&a->enh, &b->enh);
}

struct report_row *
report_rows(const struct agg_cell *cells, size_t n, enum report_by by,
    size_t *nrows)
{
	struct report_row *rows = xcalloc(n + 1, sizeof(*rows));
	size_t i, j, k = 0;

	/* one row per cell, sorted by key, then runs of equal keys merged */
	for (i = 0; i < n; i++) {
		const struct agg_cell *c = &cells[i];

		if (by == REPORT_BY_CODE && (c->code == 0 || c->other))
			continue;
		if (by == REPORT_BY_ENH && (c->enh.cls == 0 || c->other))
			continue;
		report_key(c, by, &rows[k]);
		rows[k].dir[c->dir] = c->count;
		rows[k].mta[c->mta] = c->count;
		rows[k].total = c->count;
		k++;
	}
	qsort(rows, k, sizeof(*rows), report_row_cmp);
	for (i = 0, j = 0; i < k; i++) {
		if (j > 0 && report_row_cmp(&rows[j - 1], &rows[i]) == 0) {
			int d, m;

			for (d = 0; d < EVENT_NDIR; d++)
				rows[j - 1].dir[d] += rows[i].dir[d];
			for (m = 0; m < EVENT_NMTA; m++)
				rows[j - 1].mta[m] += rows[i].mta[m];
			rows[j - 1].total += rows[i].total;
		} else
			rows[j++] = rows[i];
	}
	*nrows = j;
	return rows;
}

int
report_width(const char *s, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

void
report_pad(FILE *fp, const char *s, int width, int right)
{
	int pad = width - report_width(s, strlen(s));

	if (right && pad > 0)
		fprintf(fp, "%*s", pad, "");
	fputs(s, fp);
	if (!right && pad > 0)
		fprintf(fp, "%*s", pad, "");
}

void
report_wrap(FILE *fp, const char *label, const char *s, int indent)
{
	int col = indent, first = 1;
	int cont = indent + (label[0] != '\0' ? 2 : 0);
	size_t wl;

	fprintf(fp, "%*s%s", indent, "", label);
	col += report_width(label, strlen(label));
	while (*s) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		wl = strcspn(s, " ");
		if (!first && col + 1 + report_width(s, wl) > REPORT_WIDTH) {
			fprintf(fp, "\n%*s", cont, "");
			col = cont;
		} else if (!first || label[0] != '\0') {
			fputc(' ', fp);
			col++;
		}
		fwrite(s, 1, wl, fp);
		col += report_width(s, wl);
		s += wl;
		first = 0;
	}
	fputc('\n', fp);
}

const struct sig_entry *
report_sig(const struct report_opts *o, const struct agg_top *t)
{
	return sig_get(o->sigs, t->sig); /* NULL without, or out of range */
}

void
report_time(char *buf, size_t n, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
report_dest_advice(const struct report_opts *o, const struct agg_dest *d,
    const struct sig_entry **sig, struct kb_advice *adv)
{
	const struct agg_dest_code *c = &d->codes[0];

	*sig = sig_get(o->sigs, c->sig);
	kb_explain(c->code, &c->enh, EVENT_OUT, EVENT_STAGE_NONE, adv);
}

const char *
report_dest_code(const struct agg_dest_code *c, char *buf, size_t n)
{
	char enh[16];

	event_enh_str(&c->enh, enh, sizeof(enh));
	if (c->code && c->enh.cls)
		snprintf(buf, n, "%d %s", c->code, enh);
	else if (c->code)
		snprintf(buf, n, "%d", c->code);
	else if (c->enh.cls)
		snprintf(buf, n, "%s", enh);
	else
		snprintf(buf, n, "%dxx", c->cls);
	return buf;
}

int
report_mtas(const struct agg_counts *c)
{
	int m, mask = 0;

	for (m = 0; m < EVENT_NMTA; m++)
		if (c->mail[m] > 0)
			mask |= 1 << m;
	return mask;
}
