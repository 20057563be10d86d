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

static const struct report_format report_formats[] = {
	{ "text", report_text },
	{ "json", report_json },
	{ NULL, NULL }
};

const struct report_format *
report_find(const char *name)
{
	const struct report_format *f;

	for (f = report_formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const char *
report_names(void)
{
	return "text, json";
}

/* Whether a cell has the key of view BY, and if so whether it equals ROW. */
static int
report_same(const struct report_row *row, const struct agg_cell *c,
            enum report_by by)
{
	switch (by) {
	case REPORT_BY_CLASS:
		return row->cls == c->cls;
	case REPORT_BY_CODE:
		return row->code == c->code;
	default:
		return row->enh.cls == c->enh.cls &&
		    row->enh.subject == c->enh.subject &&
		    row->enh.detail == c->enh.detail;
	}
}

static int
report_row_cmp(const void *pa, const void *pb)
{
	const struct report_row *a = pa, *b = pb;

	if (a->cls != b->cls)
		return a->cls - b->cls;
	if (a->code != b->code)
		return a->code - b->code;
	if (a->enh.cls != b->enh.cls)
		return a->enh.cls - b->enh.cls;
	if (a->enh.subject != b->enh.subject)
		return a->enh.subject - b->enh.subject;
	return a->enh.detail - b->enh.detail;
}

struct report_row *
report_rows(const struct agg_cell *cells, size_t n, enum report_by by,
            size_t *nrows)
{
	struct report_row *rows = xcalloc(n + 1, sizeof(*rows));
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		const struct agg_cell *c = &cells[i];

		if (by == REPORT_BY_CODE && (c->code == 0 || c->other))
			continue;
		if (by == REPORT_BY_ENH && (c->enh.cls == 0 || c->other))
			continue;
		for (j = 0; j < k; j++)
			if (report_same(&rows[j], c, by))
				break;
		if (j == k) {
			rows[k].cls = by == REPORT_BY_ENH ? c->enh.cls : c->cls;
			if (by == REPORT_BY_CODE)
				rows[k].code = c->code;
			if (by == REPORT_BY_ENH)
				rows[k].enh = c->enh;
			k++;
		}
		rows[j].dir[c->dir] += c->count;
		rows[j].mta[c->mta] += c->count;
		rows[j].total += c->count;
	}
	qsort(rows, k, sizeof(*rows), report_row_cmp);
	*nrows = k;
	return rows;
}

void
report_time(char *buf, size_t n, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
