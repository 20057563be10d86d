/*
 * report.h - print the counts: text, JSON, HTML, CSV or Prometheus
 * metrics, chosen from a table by name.
 *
 *   report_find("json")         the reporter of a format, or NULL
 *   report_rows(cells, n, by, &rows)   cells summed by class, code or enh
 *
 * A reporter writes to the FILE it is given and returns 0, or -1 when the
 * write failed. Everything taken from a log goes through util_put_text()
 * or util_put_json(); nothing from a log reaches the output raw.
 */
#ifndef SMTPLOG_REPORT_H
#define SMTPLOG_REPORT_H

#include <stdio.h>

#include "agg.h"
#include "kb.h"
#include "rule.h"
#include "sig.h"

struct run_window; /* run.h */

struct report_opts {
	size_t top;                 /* failures explained (--top) */
	size_t peers;               /* domains/hosts listed per failure */
	int color;                  /* ANSI colour in text output */
	int ninputs;                /* number of inputs read */
	const struct sig_set *sigs; /* signatures of the run, or NULL */
	/* the --since/--until window, or NULL: none */
	const struct run_window *win;
	/* --fail-on: the rules and what they measured (NRULES of each) */
	const struct rule *rules;
	const struct rule_result *results;
	size_t nrules;
	int compact; /* JSON on one line (--follow) */
};

struct report_format {
	const char *name;
	int (*emit)(FILE *fp, const struct agg *a, const struct report_opts *o);
};

const struct report_format *report_find(const char *name);
/* "text, json, ...": the names, for --help and error messages. */
const char *report_names(void);

enum report_by { REPORT_BY_CLASS, REPORT_BY_CODE, REPORT_BY_ENH };

/* One row of a summed view: a class, a basic code or an enhanced code. */
struct report_row {
	int cls;
	int code;             /* REPORT_BY_CODE */
	struct event_enh enh; /* REPORT_BY_ENH */
	uint64_t dir[EVENT_NDIR];
	uint64_t mta[EVENT_NMTA];
	uint64_t total;
};

/* Rows sorted by key; cells without the key (no code, no enhanced code,
 * "other" rows) are left out of the code and enhanced views. The caller
 * frees the array. */
struct report_row *report_rows(const struct agg_cell *cells, size_t n,
    enum report_by by, size_t *nrows);

/* Text reports wrap paragraphs at this many columns. */
#define REPORT_WIDTH 76

/* Columns a UTF-8 string takes: its code points, not its bytes. */
int report_width(const char *s, size_t n);
/* Print S padded with blanks to WIDTH columns, on the left when RIGHT
 * (numbers and headings of number columns), else on the right. */
void report_pad(FILE *fp, const char *s, int width, int right);
/* Print LABEL and the paragraph S, wrapped at REPORT_WIDTH columns
 * (counted in UTF-8 code points), INDENT spaces in; continuation lines
 * are two further in after a label. S is static or translated text,
 * never log text. */
void report_wrap(FILE *fp, const char *label, const char *s, int indent);

/* The provider signature of a top failure, or NULL. */
const struct sig_entry *
report_sig(const struct report_opts *o, const struct agg_top *t);

/* The advice for a failing destination: its most frequent failure's, from
 * the signature when it has one (then *SIG is set), else from the
 * knowledge base for a remote server's reply (outbound). */
void report_dest_advice(const struct report_opts *o, const struct agg_dest *d,
    const struct sig_entry **sig, struct kb_advice *adv);
/* "421 4.7.0" / "4xx" for a failure of a destination, in BUF. */
const char *
report_dest_code(const struct agg_dest_code *c, char *buf, size_t n);

/* "2026-11-22T10:00:01Z" */
void report_time(char *buf, size_t n, time_t t);
/* The MTAs that have mail lines, as a mask (bit per enum event_mta): the
 * table columns the text and HTML reports show. */
int report_mtas(const struct agg_counts *c);

int report_text(FILE *fp, const struct agg *a, const struct report_opts *o);
int report_json(FILE *fp, const struct agg *a, const struct report_opts *o);
/* One self-contained HTML page with inline SVG charts (report_html.c). */
int report_html(FILE *fp, const struct agg *a, const struct report_opts *o);
/* The language tag of the report ("fr"), for <html lang>: the language
 * of the message catalog in use, "en" without one. */
void report_html_lang(char *buf, size_t n);
int report_csv(FILE *fp, const struct agg *a, const struct report_opts *o);
int report_prom(FILE *fp, const struct agg *a, const struct report_opts *o);

/* One CSV field (RFC 4180): rendered as util_put_text() does, quoted when
 * it holds a comma or a double quote, and a field starting with = + - @
 * quoted with a leading apostrophe so no spreadsheet runs it. */
void report_csv_field(FILE *fp, const char *s, size_t len);
/* One Prometheus label value without its quotes: the util_put_text()
 * rendering with backslash and double quote escaped; never a raw newline. */
void report_prom_label(FILE *fp, const char *s, size_t len);

#endif
