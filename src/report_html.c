/*
 * report_html.c - the report as one self-contained HTML page, for mail.
 *
 *   report_html(fp, a, o)     the page: the text report's content, plus
 *                             three inline SVG charts (events over time
 *                             by class, top codes, top failing domains)
 *   report_html_lang(buf, n)  the language of the report, for <html lang>
 *
 * The page loads nothing: no script, no external style sheet, font or
 * image. Its CSS is one <style> block that degrades to plain tables and
 * prints well; charts are inline SVG with a title, axis labels and a text
 * alternative (aria-label), and every number in them is also in a table.
 *
 * Every byte from a log (domains, hosts, sample lines, input names) and
 * every translated string goes through util_put_html(), in text, in
 * attributes and inside SVG alike; nothing is written raw but this file's
 * own markup. SVG coordinates are integers, so no locale can put a decimal
 * comma into them. Times on the time axis are UTC.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kb.h"
#include "report.h"
#include "util.h"

/* The width of every chart, in SVG user units (CSS pixels at 100%). */
#define HTML_W 640
/* At most this many bars on the time axis: wider steps past it. */
#define HTML_MAX_COLS 120
/* Bars in the code and domain charts. */
#define HTML_MAX_BARS 10
/* Bytes of a domain shown in a chart label (the tooltip has it all). */
#define HTML_LABEL_MAX 56

/* Class colours: the Okabe-Ito palette, told apart with colour blindness
 * too. Fills for bars, darker tones for text on white. */
static const char *const html_fill[3] = {"#009e73", "#e69f00", "#d55e00"};

static const char html_css[] =
    "body{margin:0;background:#fff;color:#1f2328;"
    "font:15px/1.5 -apple-system,'Segoe UI',Roboto,'Noto Sans',"
    "'DejaVu Sans',Helvetica,Arial,sans-serif;overflow-wrap:break-word}\n"
    ".page{max-width:960px;margin:0 auto;padding:12px 16px 32px}\n"
    "h1{font-size:26px;line-height:1.2;margin:12px 0 4px}\n"
    "h2{font-size:19px;margin:32px 0 10px;padding-bottom:4px;"
    "border-bottom:1px solid #d0d7de}\n"
    "h3{font-size:16px;margin:0 0 4px}\n"
    ".sub,.note,.meta{color:#57606a}\n"
    ".sub{margin:0}\n"
    ".note{font-size:13px}\n"
    ".wrap{overflow-x:auto;max-width:100%}\n"
    "table{border-collapse:collapse;font-variant-numeric:tabular-nums}\n"
    "th,td{padding:4px 8px;text-align:left;vertical-align:top;"
    "border-bottom:1px solid #eaeef2}\n"
    "th{font-size:13px;font-weight:600;color:#57606a}\n"
    "th.n,td.n{text-align:right;white-space:nowrap}\n"
    "td.m{min-width:10em}\n"
    "table.kv th{color:#1f2328;font-weight:600;white-space:nowrap}\n"
    ".c2{color:#00704f}.c4{color:#8a5300}.c5{color:#b3261e}\n"
    ".chip{display:inline-block;width:10px;height:10px;border-radius:2px;"
    "margin-right:6px}\n"
    ".k2{background:#009e73}.k4{background:#e69f00}.k5{background:#d55e00}\n"
    ".code{font-weight:700;white-space:nowrap}\n"
    "figure{margin:16px 0 24px;break-inside:avoid}\n"
    "figcaption{font-weight:600;margin-bottom:4px}\n"
    "svg{display:block;width:100%;height:auto;max-width:640px}\n"
    ".fail{border-left:4px solid #d55e00;background:#f6f8fa;"
    "padding:10px 14px;margin:14px 0;break-inside:avoid}\n"
    ".fail.f4{border-left-color:#e69f00}\n"
    ".meta{margin:0 0 6px;font-size:14px}\n"
    "dl{margin:6px 0}\n"
    "dt{font-weight:600;margin-top:6px}\n"
    "dd{margin:0}\n"
    ".peers{margin:6px 0 0;overflow-wrap:anywhere}\n"
    "code,samp{font-family:ui-monospace,'SFMono-Regular','DejaVu Sans Mono',"
    "Menlo,Consolas,monospace;font-size:13px}\n"
    ".samples li{margin:4px 0}\n"
    ".samples samp{display:block;white-space:pre-wrap;"
    "overflow-wrap:anywhere;word-break:break-all;background:#f6f8fa;"
    "padding:4px 6px}\n"
    "footer{margin-top:40px;color:#8c959f;font-size:12px}\n"
    "@media print{body{font-size:10pt}.page{max-width:none;padding:0}"
    "h2{break-after:avoid}.wrap{overflow:visible}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* Write the translated or static string S, escaped. */
static void
html_s(FILE *fp, const char *s)
{
	util_put_html_str(fp, s);
}

/*
 * printf into an escaped string: FMT is translated or static text, the
 * arguments numbers or static text, never log text. Leading blanks and
 * the trailing newline of the text report's messages are dropped, so the
 * same translations serve both reports.
 */
static void html_f(FILE *fp, const char *fmt, ...) UTIL_PRINTF(2, 3);

static void
html_f(FILE *fp, const char *fmt, ...)
{
	char small[256], *heap = NULL, *buf = small;
	va_list ap;
	int n;
	size_t len;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		buf = heap = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	len = (size_t)n;
	while (len > 0 && buf[len - 1] == '\n')
		len--;
	n = 0;
	while ((size_t)n < len && buf[n] == ' ')
		n++;
	util_put_html(fp, buf + n, len - (size_t)n);
	free(heap);
}

/* Index of a class in the histogram and the colour tables. */
static int
html_ci(int cls)
{
	return cls == 5 ? 2 : cls == 4 ? 1 : 0;
}

void
report_html_lang(char *buf, size_t n)
{
	const char *tag = "en";
	size_t len = 2, i;
#if ENABLE_NLS
	/* the catalog in use says which language it is in its header (the
	 * translation of ""), so the page is tagged with the language it
	 * was really written in, not the one asked for */
	static const char *const empty = "";
	const char *hdr = gettext(empty), *p;

	if (hdr != empty && hdr[0] != '\0' &&
	    ((p = strstr(hdr, "\nLanguage: ")) != NULL ||
		strncmp(p = hdr, "Language: ", 10) == 0)) {
		p += p[0] == '\n' ? 11 : 10;
		for (i = 0; i < 16 &&
		     ((p[i] >= 'a' && p[i] <= 'z') ||
			 (p[i] >= 'A' && p[i] <= 'Z') || p[i] == '_' ||
			 p[i] == '-');
		     i++)
			;
		if (i > 0) {
			tag = p;
			len = i;
		}
	}
#endif
	if (len >= n)
		len = n - 1;
	for (i = 0; i < len; i++)
		buf[i] = (char)(tag[i] == '_' ? '-' : tag[i]);
	buf[len] = '\0';
}

/* A number with one decimal, whatever the locale: SVG wants a dot. */
static void
html_pct(FILE *fp, uint64_t part, uint64_t whole)
{
	uint64_t tenths;

	if (whole == 0) {
		fputs("-", fp);
		return;
	}
	tenths = (uint64_t)((1000.0 * (double)part / (double)whole) + 0.5);
	fprintf(fp, "%" PRIu64 ".%" PRIu64 "%%", tenths / 10, tenths % 10);
}

/* ---- summary ----------------------------------------------------------- */

/* One row of the summary table: a label, then the value opened. */
static void
html_kv(FILE *fp, const char *label)
{
	fputs("<tr><th scope=\"row\">", fp);
	html_f(fp, "%s", label);
	fputs("</th><td>", fp);
}

static void
html_summary(FILE *fp, const struct agg_counts *c, const struct report_opts *o)
{
	uint64_t skipped = c->kind[AGG_SKIP_OTHER] + c->kind[AGG_SKIP_NOHDR] +
	    c->kind[AGG_SKIP_MARKER];
	uint64_t sum = c->kind[AGG_EVENT] + c->kind[AGG_NOREPLY] +
	    c->kind[AGG_UNPARSED] + skipped + c->overlong;
	int m, first = 1;

	fputs("<section id=\"summary\">\n<h2>", fp);
	html_s(fp, _("What was read"));
	fputs("</h2>\n<div class=\"wrap\"><table class=\"kv\">\n", fp);
	html_kv(fp, _("inputs"));
	fprintf(fp, "%d</td></tr>\n", o->ninputs);
	html_kv(fp, _("lines read"));
	html_f(fp, _("%" PRIu64 " (%" PRIu64 " bytes)\n"), c->lines, c->bytes);
	fputs("</td></tr>\n", fp);
	html_kv(fp, _("mail lines by MTA"));
	for (m = 0; m < EVENT_NMTA; m++) {
		if (c->mail[m] == 0)
			continue;
		fprintf(fp, "%s%s %" PRIu64, first ? "" : ", ",
		    event_mta_name(m), c->mail[m]);
		first = 0;
	}
	if (first)
		html_f(fp, "%s", _("none\n"));
	fputs("</td></tr>\n", fp);
	html_kv(fp, _("events"));
	html_f(fp, _("%" PRIu64 "  (SMTP replies and delivery outcomes)\n"),
	    c->kind[AGG_EVENT]);
	fputs("</td></tr>\n", fp);
	if (c->inferred) {
		html_kv(fp, _("  code inferred"));
		html_f(fp,
		    _("%" PRIu64 "  (the MTA did not log the code it sent)\n"),
		    c->inferred);
		fputs("</td></tr>\n", fp);
	}
	html_kv(fp, _("mail, no reply"));
	fprintf(fp, "%" PRIu64 "</td></tr>\n", c->kind[AGG_NOREPLY]);
	html_kv(fp, _("unparsed"));
	html_f(fp,
	    _("%" PRIu64 "  (mail lines with a reply no pattern understood)\n"),
	    c->kind[AGG_UNPARSED]);
	fputs("</td></tr>\n", fp);
	html_kv(fp, _("skipped"));
	html_f(fp,
	    _("%" PRIu64 "  (other programs %" PRIu64 ", no header %" PRIu64
	      ", journal markers %" PRIu64 ")\n"),
	    skipped, c->kind[AGG_SKIP_OTHER], c->kind[AGG_SKIP_NOHDR],
	    c->kind[AGG_SKIP_MARKER]);
	fputs("</td></tr>\n", fp);
	html_kv(fp, _("overlong"));
	html_f(fp, _("%" PRIu64 "  (longer than the line limit, skipped)\n"),
	    c->overlong);
	fputs("</td></tr>\n", fp);
	if (c->limit_hits) {
		html_kv(fp, _("match limit hits"));
		html_f(fp,
		    _("%" PRIu64
		      "  (a pattern gave up; counted as unparsed)\n"),
		    c->limit_hits);
		fputs("</td></tr>\n", fp);
	}
	if (c->other_cells || c->other_peers) {
		html_kv(fp, _("table caps reached"));
		html_f(fp,
		    _("%" PRIu64 " events and %" PRIu64
		      " peers counted as \"other\"\n"),
		    c->other_cells, c->other_peers);
		fputs("</td></tr>\n", fp);
	}
	html_kv(fp, _("accounting"));
	fprintf(fp, "<span class=\"%s\">", sum == c->lines ? "c2" : "c5");
	/* TRANSLATORS: the accounting identity of the report: every line
	   read is counted exactly once */
	if (sum == c->lines)
		html_s(fp,
		    _("balanced: lines = events + no reply + unparsed + "
		      "skipped + overlong"));
	else
		html_f(fp,
		    _("NOT balanced: lines = %" PRIu64
		      ", sum of the kinds = %" PRIu64),
		    c->lines, sum);
	fputs("</span></td></tr>\n</table></div>\n</section>\n", fp);
}

/* ---- charts ------------------------------------------------------------ */

/* Floor of T / W, times W: the start of W's bucket around T. */
static int64_t
html_floor(int64_t t, int64_t w)
{
	int64_t q = t / w;

	if (t % w != 0 && t < 0)
		q--;
	return q * w;
}

/* Columns of width W from the bucket of FIRST to that of LAST. */
static int64_t
html_ncols(int64_t first, int64_t last, int64_t w)
{
	return (html_floor(last, w) - html_floor(first, w)) / w + 1;
}

/*
 * The width of a bar on the time axis: the narrowest of a readable ladder
 * (hours, days, weeks) that is a multiple of the histogram's own step and
 * keeps the bars at HTML_MAX_COLS or fewer.
 */
static int64_t
html_time_step(int64_t first, int64_t last, int64_t step)
{
	static const int hours[] = {1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 168, 336,
	    672, 1344};
	int64_t w;
	size_t i;

	for (i = 0; i < sizeof(hours) / sizeof(hours[0]); i++) {
		w = (int64_t)hours[i] * AGG_HOUR;
		if (w % step == 0 &&
		    html_ncols(first, last, w) <= HTML_MAX_COLS)
			return w;
	}
	for (w = step; html_ncols(first, last, w) > HTML_MAX_COLS; w *= 2)
		;
	return w;
}

/* A round step for an axis from 0 to MAX: 1, 2 or 5 times a power of
 * ten, with at most five steps. */
static uint64_t
html_tick(uint64_t max)
{
	static const uint64_t mult[] = {1, 2, 5};
	uint64_t p = 1;
	size_t i;

	for (;;) {
		for (i = 0; i < 3; i++)
			if (mult[i] * p * 5 >= max)
				return mult[i] * p;
		p *= 10;
	}
}

/* "3 hours", "1 day": the width of a bar, in words. */
static void
html_step_words(char *buf, size_t n, int64_t w)
{
	int64_t h = w / 3600;

	if (h % 24 == 0)
		snprintf(buf, n,
		    P_("%d day", "%d days", (unsigned long)(h / 24)),
		    (int)(h / 24));
	else
		snprintf(buf, n, P_("%d hour", "%d hours", (unsigned long)h),
		    (int)h);
}

/* How html_utc() writes a time. */
enum html_tfmt { HT_FULL, HT_HOUR, HT_DAY };

/* A time in UTC: "2026-11-22 10:00", "11-22 10:00" or "2026-11-22". */
static void
html_utc(char *buf, size_t n, enum html_tfmt f, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	size_t r = 0;

	if (gmtime_r(&tt, &tm) != NULL) {
		if (f == HT_FULL)
			r = strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
		else if (f == HT_HOUR)
			r = strftime(buf, n, "%m-%d %H:%M", &tm);
		else
			r = strftime(buf, n, "%Y-%m-%d", &tm);
	}
	if (r == 0)
		snprintf(buf, n, "%" PRId64, t);
}

/* The opening of a chart: figure, caption, svg with its text
 * alternative; the caller writes the aria-label's text, then calls
 * html_svg_body(). */
static void
html_svg_open(FILE *fp, const char *title, int height)
{
	fputs("<figure>\n<figcaption>", fp);
	html_s(fp, title);
	fprintf(fp,
	    "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "font-family=\"'DejaVu Sans',Helvetica,Arial,sans-serif\" "
	    "font-size=\"12\" aria-label=\"",
	    HTML_W, height, HTML_W, height);
}

static void
html_svg_body(FILE *fp, const char *title)
{
	fputs("\">\n<title>", fp);
	html_s(fp, title);
	fputs("</title>\n", fp);
}

static void
html_svg_close(FILE *fp)
{
	fputs("</svg>\n</figure>\n", fp);
}

/* A legend entry: a swatch and its label at (X, Y). */
static void
html_legend(FILE *fp, int x, int y, const char *fill, const char *label)
{
	fprintf(fp,
	    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
	    "fill=\"%s\"/><text x=\"%d\" y=\"%d\" fill=\"#1f2328\">",
	    x, y - 9, fill, x + 14, y);
	html_s(fp, label);
	fputs("</text>\n", fp);
}

/*
 * Chart 1: events over time, stacked by class (5xx at the bottom, where
 * they are easiest to compare, then 4xx, then 2xx).
 */
static void
html_chart_time(FILE *fp, const struct agg *a)
{
	enum { L = 60, R = 12, T = 30, B = 50, H = 260 };
	const struct agg_bucket *b;
	struct agg_bucket *col;
	int64_t step, w, first, ncols, i;
	uint64_t max = 0, tick, ymax, tot[3] = {0, 0, 0}, v;
	size_t nb, k;
	int c, plotw = HTML_W - L - R, ploth = H - T - B, every, bw;
	char t0[32], t1[32], sw[32];
	const char *title = _("Events over time, by class");

	b = agg_hours(a, &nb, &step);
	if (nb == 0) {
		fputs("<figure>\n<figcaption>", fp);
		html_s(fp, title);
		fputs("</figcaption>\n<p class=\"note\">", fp);
		html_s(fp, _("No event with a time was read."));
		fputs("</p>\n</figure>\n", fp);
		return;
	}
	w = html_time_step(b[0].start, b[nb - 1].start, step);
	first = html_floor(b[0].start, w);
	ncols = html_ncols(b[0].start, b[nb - 1].start, w);
	col = xcalloc((size_t)ncols, sizeof(*col));
	for (i = 0; i < ncols; i++)
		col[i].start = first + i * w;
	for (k = 0; k < nb; k++) {
		i = (html_floor(b[k].start, w) - first) / w;
		for (c = 0; c < 3; c++) {
			col[i].n[c] += b[k].n[c];
			tot[c] += b[k].n[c];
		}
	}
	for (i = 0; i < ncols; i++) {
		v = col[i].n[0] + col[i].n[1] + col[i].n[2];
		if (v > max)
			max = v;
	}
	tick = html_tick(max);
	ymax = (max + tick - 1) / tick * tick;
	if (ymax == 0)
		ymax = tick;
	html_step_words(sw, sizeof(sw), w);
	html_utc(t0, sizeof(t0), HT_FULL, col[0].start);
	html_utc(t1, sizeof(t1), HT_FULL, col[ncols - 1].start + w);

	html_svg_open(fp, title, H);
	html_f(fp,
	    _("Stacked bars of events by class from %s to %s UTC, each bar "
	      "%s: %" PRIu64 " 2xx, %" PRIu64 " 4xx, %" PRIu64
	      " 5xx. The highest bar has %" PRIu64 " events."),
	    t0, t1, sw, tot[0], tot[1], tot[2], max);
	html_svg_body(fp, title);
	html_legend(fp, L, 16, html_fill[0], "2xx");
	html_legend(fp, L + 60, 16, html_fill[1], "4xx");
	html_legend(fp, L + 120, 16, html_fill[2], "5xx");
	/* grid lines and y labels */
	for (v = 0; v <= ymax; v += tick) {
		int y = T + ploth - (int)((uint64_t)ploth * v / ymax);

		fprintf(fp,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"%s\"/>"
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
		    "fill=\"#57606a\">",
		    L, y, L + plotw, y, v ? "#eaeef2" : "#8c959f", L - 6,
		    y + 4);
		/* short labels leave room for the axis title: a tick past
		 * 10000 is a multiple of 1000 (past 10^7, of 10^6) */
		if (v >= 10000000)
			fprintf(fp, "%" PRIu64 "M", v / 1000000);
		else if (v >= 10000)
			fprintf(fp, "%" PRIu64 "k", v / 1000);
		else
			fprintf(fp, "%" PRIu64, v);
		fputs("</text>\n", fp);
	}
	/* bars: band I spans [L + plotw*I/ncols, L + plotw*(I+1)/ncols) */
	for (i = 0; i < ncols; i++) {
		int x0 = L + (int)(plotw * i / ncols);
		int x1 = L + (int)(plotw * (i + 1) / ncols);
		int y = T + ploth, band = x1 - x0;
		static const int order[3] = {2, 1, 0};

		bw = band > 3 ? band * 4 / 5 : band;
		if (bw > 40)
			bw = 40;
		v = col[i].n[0] + col[i].n[1] + col[i].n[2];
		if (v == 0)
			continue;
		html_utc(t0, sizeof(t0), HT_FULL, col[i].start);
		fputs("<g><title>", fp);
		html_f(fp,
		    _("%s UTC: %" PRIu64 " 2xx, %" PRIu64 " 4xx, %" PRIu64
		      " 5xx"),
		    t0, col[i].n[0], col[i].n[1], col[i].n[2]);
		fputs("</title>", fp);
		for (k = 0; k < 3; k++) {
			int ci = order[k], hgt;

			if (col[i].n[ci] == 0)
				continue;
			/* heights from the cumulated sums, so the stack
			 * never rounds past its total */
			hgt = (int)((uint64_t)ploth * col[i].n[ci] / ymax);
			if (hgt == 0)
				hgt = 1; /* a count too small to see, shown */
			fprintf(fp,
			    "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\"/>",
			    x0 + (band - bw) / 2, y - hgt, bw, hgt,
			    html_fill[ci]);
			y -= hgt;
		}
		fputs("</g>\n", fp);
	}
	/* x labels: at most 6, at band starts */
	every = (int)((ncols + 5) / 6);
	for (i = 0; i < ncols; i += every) {
		int x = L + (int)(plotw * i / ncols);
		int x1 = L + (int)(plotw * (i + 1) / ncols);

		if (ncols <= 6)
			x = (x + x1) / 2; /* few bars: label under each */
		html_utc(t0, sizeof(t0), w % 86400 ? HT_HOUR : HT_DAY,
		    col[i].start);
		fprintf(fp,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#8c959f\"/><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"%s\" fill=\"#57606a\">%s</text>\n",
		    x, T + ploth, x, T + ploth + 4, x, T + ploth + 17,
		    ncols <= 6 || i > 0 ? "middle" : "start", t0);
	}
	/* axis labels */
	fprintf(fp,
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "fill=\"#1f2328\">",
	    L + plotw / 2, H - 8);
	html_f(fp, _("time (UTC), each bar %s"), sw);
	fprintf(fp,
	    "</text>\n<text x=\"12\" y=\"%d\" text-anchor=\"middle\" "
	    "fill=\"#1f2328\" transform=\"rotate(-90 12 %d)\">",
	    T + ploth / 2, T + ploth / 2);
	html_s(fp, _("events"));
	fputs("</text>\n", fp);
	html_svg_close(fp);
	free(col);
}

/* Horizontal bars: the height of the chart for N of them. */
static int
html_bars_height(size_t n)
{
	return 34 + 30 * (int)n + 24;
}

/* The length of a bar for V of MAX across WIDTH units, at least 1. */
static int
html_bar_len(uint64_t v, uint64_t max, int width)
{
	int len = max ? (int)((uint64_t)width * v / max) : 0;

	return len == 0 && v > 0 ? 1 : len;
}

/* The axis label under a horizontal bar chart of height H. */
static void
html_bars_axis(FILE *fp, int h)
{
	fprintf(fp,
	    "<line x1=\"8\" y1=\"30\" x2=\"8\" y2=\"%d\" stroke=\"#8c959f\"/>"
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "fill=\"#1f2328\">",
	    h - 24, HTML_W / 2, h - 8);
	html_s(fp, _("number of events (bar length)"));
	fputs("</text>\n", fp);
}

/* Rows by total, most first; ties in the rows' own (key) order. */
static int
html_row_cmp(const void *pa, const void *pb)
{
	const struct report_row *a = *(const struct report_row *const *)pa;
	const struct report_row *b = *(const struct report_row *const *)pb;

	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Chart 2: the most frequent reply codes, coloured by class. */
static void
html_chart_codes(FILE *fp, const struct report_row *rows, size_t nrows,
    enum report_by by, uint64_t events)
{
	const char *title = by == REPORT_BY_CODE
	    ? _("Most frequent reply codes")
	    : _("Most frequent enhanced status codes");
	const struct report_row **top;
	const struct kb_entry *e;
	size_t n, i;
	int h, y, len, maxw = HTML_W - 8 - 130;
	char key[16];

	if (nrows == 0)
		return;
	/* the rows by count, most first (ties: in key order) */
	top = xcalloc(nrows, sizeof(const struct report_row *));
	for (i = 0; i < nrows; i++)
		top[i] = &rows[i];
	qsort(top, nrows, sizeof(const struct report_row *), html_row_cmp);
	n = nrows < HTML_MAX_BARS ? nrows : HTML_MAX_BARS;
	h = html_bars_height(n);
	html_svg_open(fp, title, h);
	for (i = 0; i < n; i++) {
		if (by == REPORT_BY_CODE)
			snprintf(key, sizeof(key), "%d", top[i]->code);
		else
			event_enh_str(&top[i]->enh, key, sizeof(key));
		html_f(fp, "%s%s %" PRIu64, i ? "; " : "", key, top[i]->total);
	}
	html_svg_body(fp, title);
	html_legend(fp, 8, 16, html_fill[0], "2xx");
	html_legend(fp, 68, 16, html_fill[1], "4xx");
	html_legend(fp, 128, 16, html_fill[2], "5xx");
	for (i = 0; i < n; i++) {
		const struct report_row *r = top[i];

		y = 34 + 30 * (int)i;
		if (by == REPORT_BY_CODE) {
			snprintf(key, sizeof(key), "%d", r->code);
			e = kb_basic(r->code);
		} else {
			event_enh_str(&r->enh, key, sizeof(key));
			e = kb_enhanced(r->enh.subject, r->enh.detail);
		}
		len = html_bar_len(r->total, top[0]->total, maxw);
		fprintf(fp,
		    "<g><title>%s: %" PRIu64 "</title>"
		    "<text x=\"14\" y=\"%d\" fill=\"#1f2328\">"
		    "<tspan font-weight=\"bold\">%s</tspan> ",
		    key, r->total, y + 10, key);
		html_s(fp, e ? _(e->title) : _("(unassigned)"));
		fprintf(fp,
		    "</text><rect x=\"9\" y=\"%d\" width=\"%d\" "
		    "height=\"11\" fill=\"%s\"/>"
		    "<text x=\"%d\" y=\"%d\" fill=\"#57606a\">%" PRIu64 " (",
		    y + 14, len, html_fill[html_ci(r->cls)], 9 + len + 6,
		    y + 24, r->total);
		html_pct(fp, r->total, events);
		fputs(")</text></g>\n", fp);
	}
	html_bars_axis(fp, h);
	html_svg_close(fp);
	free(top);
}

/* Write at most HTML_LABEL_MAX bytes of a name, escaped, "..." when cut
 * (a cut UTF-8 sequence shows as \xHH: the tooltip has the whole name). */
static void
html_label(FILE *fp, const char *s, size_t len)
{
	if (len <= HTML_LABEL_MAX) {
		util_put_html(fp, s, len);
		return;
	}
	util_put_html(fp, s, HTML_LABEL_MAX - 3);
	fputs("...", fp);
}

/* Chart 3: the outbound destinations with the most failures, 5xx and 4xx
 * stacked. */
static void
html_chart_domains(FILE *fp, const struct agg *a)
{
	const char *title = _("Failing destinations");
	struct agg_dest *p;
	size_t n, i;
	int h, y, l5, l4, maxw = HTML_W - 8 - 130;

	p = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, HTML_MAX_BARS, &n);
	if (n == 0) {
		fputs("<figure>\n<figcaption>", fp);
		html_s(fp, title);
		fputs("</figcaption>\n<p class=\"note\">", fp);
		html_s(fp, _("No outbound failure names a domain."));
		fputs("</p>\n</figure>\n", fp);
		free(p);
		return;
	}
	h = html_bars_height(n);
	html_svg_open(fp, title, h);
	for (i = 0; i < n; i++) {
		fputs(i ? "; " : "", fp);
		util_put_html(fp, p[i].name, p[i].len);
		html_f(fp, " %" PRIu64, p[i].count);
	}
	html_svg_body(fp, title);
	html_legend(fp, 8, 16, html_fill[1], "4xx");
	html_legend(fp, 68, 16, html_fill[2], "5xx");
	for (i = 0; i < n; i++) {
		y = 34 + 30 * (int)i;
		l5 = html_bar_len(p[i].by_class[5], p[0].count, maxw);
		l4 = html_bar_len(p[i].count, p[0].count, maxw) - l5;
		if (l4 < 1 && p[i].by_class[4] > 0)
			l4 = 1;
		fputs("<g><title>", fp);
		util_put_html(fp, p[i].name, p[i].len);
		html_f(fp, ": %" PRIu64 " 4xx, %" PRIu64 " 5xx",
		    p[i].by_class[4], p[i].by_class[5]);
		fprintf(fp, "</title><text x=\"14\" y=\"%d\" fill=\"#1f2328\">",
		    y + 10);
		html_label(fp, p[i].name, p[i].len);
		fputs("</text>", fp);
		if (l5 > 0)
			fprintf(fp,
			    "<rect x=\"9\" y=\"%d\" width=\"%d\" height=\"11\" "
			    "fill=\"%s\"/>",
			    y + 14, l5, html_fill[2]);
		if (l4 > 0)
			fprintf(fp,
			    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"11\" "
			    "fill=\"%s\"/>",
			    9 + l5, y + 14, l4, html_fill[1]);
		fprintf(fp,
		    "<text x=\"%d\" y=\"%d\" fill=\"#57606a\">%" PRIu64
		    "</text></g>\n",
		    9 + l5 + l4 + 6, y + 24, p[i].count);
	}
	html_bars_axis(fp, h);
	html_svg_close(fp);
	free(p);
}

/* ---- tables ------------------------------------------------------------ */

static void
html_table_head(FILE *fp, const char *key, int mask, int meaning)
{
	int m;

	fputs("<div class=\"wrap\"><table>\n<tr><th scope=\"col\">", fp);
	html_s(fp, key);
	fputs("</th><th class=\"n\" scope=\"col\">", fp);
	html_s(fp, _("inbound"));
	fputs("</th><th class=\"n\" scope=\"col\">", fp);
	html_s(fp, _("outbound"));
	fputs("</th>", fp);
	for (m = 0; m < EVENT_NMTA; m++)
		if (mask & (1 << m))
			fprintf(fp, "<th class=\"n\" scope=\"col\">%s</th>",
			    event_mta_name(m));
	fputs("<th class=\"n\" scope=\"col\">", fp);
	html_s(fp, _("total"));
	fputs("</th><th class=\"n\" scope=\"col\">", fp);
	html_s(fp, _("share"));
	fputs("</th>", fp);
	if (meaning) {
		fputs("<th scope=\"col\">", fp);
		html_s(fp, _("meaning"));
		fputs("</th>", fp);
	}
	fputs("</tr>\n", fp);
}

static void
html_counts(FILE *fp, const struct report_row *r, int mask, uint64_t events)
{
	int m;

	fprintf(fp,
	    "<td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64 "</td>",
	    r->dir[EVENT_IN], r->dir[EVENT_OUT]);
	for (m = 0; m < EVENT_NMTA; m++)
		if (mask & (1 << m))
			fprintf(fp, "<td class=\"n\">%" PRIu64 "</td>",
			    r->mta[m]);
	fprintf(fp, "<td class=\"n\">%" PRIu64 "</td><td class=\"n\">",
	    r->total);
	html_pct(fp, r->total, events);
	fputs("</td>", fp);
}

static void
html_classes(FILE *fp, const struct report_row *rows, size_t n, int mask,
    uint64_t events)
{
	size_t i;

	fputs("<section id=\"classes\">\n<h2>", fp);
	html_s(fp, _("Replies by class"));
	fputs("</h2>\n", fp);
	if (n == 0) {
		fputs("<p class=\"note\">", fp);
		html_f(fp, "%s", _("  none logged\n"));
		fputs("</p>\n</section>\n", fp);
		return;
	}
	html_table_head(fp, _("class"), mask, 0);
	for (i = 0; i < n; i++) {
		const char *name = kb_class_name(rows[i].cls);

		fprintf(fp,
		    "<tr><td><span class=\"chip k%d\"></span>"
		    "<span class=\"c%d\">",
		    rows[i].cls, rows[i].cls);
		html_s(fp, name ? name : "?");
		fputs("</span></td>", fp);
		html_counts(fp, &rows[i], mask, events);
		fputs("</tr>\n", fp);
	}
	fputs("</table></div>\n</section>\n", fp);
}

static void
html_codes(FILE *fp, const struct report_row *rows, size_t n, enum report_by by,
    int mask, uint64_t events)
{
	const struct kb_entry *e;
	char key[16];
	size_t i;

	fprintf(fp, "<section id=\"%s\">\n<h2>",
	    by == REPORT_BY_CODE ? "codes" : "enhanced");
	html_s(fp,
	    by == REPORT_BY_CODE ? _("Basic reply codes")
				 : _("Enhanced status codes"));
	fputs("</h2>\n", fp);
	if (n == 0) {
		fputs("<p class=\"note\">", fp);
		html_f(fp, "%s", _("  none logged\n"));
		fputs("</p>\n</section>\n", fp);
		return;
	}
	html_table_head(fp, _("code"), mask, 1);
	for (i = 0; i < n; i++) {
		if (by == REPORT_BY_CODE) {
			snprintf(key, sizeof(key), "%d", rows[i].code);
			e = kb_basic(rows[i].code);
		} else {
			event_enh_str(&rows[i].enh, key, sizeof(key));
			e = kb_enhanced(rows[i].enh.subject,
			    rows[i].enh.detail);
		}
		fprintf(fp, "<tr><td class=\"code c%d\">%s</td>", rows[i].cls,
		    key);
		html_counts(fp, &rows[i], mask, events);
		fputs("<td class=\"m\">", fp);
		html_s(fp, e ? _(e->title) : _("(unassigned)"));
		fputs("</td></tr>\n", fp);
	}
	fputs("</table></div>\n</section>\n", fp);
}

/* ---- top failures ------------------------------------------------------ */

/* "Domains: a.example (3), b.example (1)" of one failure. */
static void
html_peers(FILE *fp, const struct agg *a, const struct agg_top *t,
    enum agg_peer_kind kind, const char *label, size_t max)
{
	struct agg_peer *p;
	unsigned level;
	size_t n, i;

	p = agg_peers(a, t, kind, max, &n, &level);
	if (n > 0) {
		fputs("<p class=\"peers\"><b>", fp);
		html_s(fp, label);
		fputs("</b>", fp);
		for (i = 0; i < n; i++) {
			fputs(i ? ", " : " ", fp);
			util_put_html(fp, p[i].name, p[i].len);
			fprintf(fp, " (%" PRIu64 ")", p[i].count);
		}
		if (level > 0) {
			fputs(" <span class=\"note\">", fp);
			html_f(fp,
			    _("too many to keep all: about 1 in %" PRIu64
			      " is counted, picked by a hash of the name; counts "
			      "of those shown are exact"),
			    (uint64_t)1 << level);
			fputs("</span>", fp);
		}
		fputs("</p>\n", fp);
	}
	free(p);
}

/* A <dt>/<dd> pair of translated text. */
static void
html_dd(FILE *fp, const char *label, const char *text)
{
	fputs("<dt>", fp);
	html_s(fp, label);
	fputs("</dt><dd>", fp);
	html_s(fp, text);
	fputs("</dd>\n", fp);
}

/* Link URL when it is a web address; else show it as text. */
static void
html_url(FILE *fp, const char *url)
{
	int web =
	    strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0;

	if (web) {
		fputs("<a href=\"", fp);
		html_s(fp, url);
		fputs("\">", fp);
	}
	html_s(fp, url);
	if (web)
		fputs("</a>", fp);
}

static void
html_failure(FILE *fp, const struct agg *a, const struct agg_top *t,
    size_t rank, const struct report_opts *o)
{
	const struct sig_entry *sig = report_sig(o, t);
	struct kb_advice adv;
	char enh[16], code[8];
	int m;

	kb_explain(t->code, &t->enh, t->dir, t->stage, &adv);
	snprintf(code, sizeof(code), "%d", t->code);
	event_enh_str(&t->enh, enh, sizeof(enh));
	fprintf(fp,
	    "<div class=\"fail f%d\">\n<h3>%zu. <span class=\"code c%d\">",
	    t->cls, rank, t->cls);
	fprintf(fp, "%s%s%s", t->code ? code : "",
	    t->code && t->enh.cls ? " " : "", enh);
	if (!t->code && !t->enh.cls)
		html_f(fp, _("%dxx (no code logged)"), t->cls);
	fputs("</span> ", fp);
	html_s(fp, sig ? _(sig->title) : adv.title);
	fputs("</h3>\n<p class=\"meta\">", fp);
	html_s(fp, _(event_dir_name(t->dir)));
	fputs(", ", fp);
	html_f(fp, P_("%" PRIu64 " event", "%" PRIu64 " events", t->count),
	    t->count);
	for (m = 0; m < EVENT_NMTA; m++)
		if (t->by_mta[m] && t->by_mta[m] != t->count)
			fprintf(fp, ", %s %" PRIu64, event_mta_name(m),
			    t->by_mta[m]);
		else if (t->by_mta[m])
			fprintf(fp, ", %s", event_mta_name(m));
	if (t->stage)
		html_f(fp, _(", at %s"), event_stage_name(t->stage));
	if (t->inferred)
		html_f(fp, _(", code inferred for %" PRIu64), t->inferred);
	fputs("</p>\n", fp);
	if (sig != NULL) {
		fputs("<p class=\"meta\">", fp);
		html_f(fp, _("     Signature: %s (%s)\n"), sig->provider,
		    sig->id);
		fputs("</p>\n", fp);
	}
	fputs("<dl>\n", fp);
	if (sig != NULL) {
		html_dd(fp, _("Meaning:"), _(sig->explanation));
		html_dd(fp, _("The code:"), adv.title);
		html_dd(fp, _("How to fix:"), _(sig->advice));
		if (sig->url[0] != '\0') {
			fputs("<dt>", fp);
			html_s(fp, _("See:"));
			fputs("</dt><dd>", fp);
			html_url(fp, sig->url);
			fputs("</dd>\n", fp);
		}
	} else {
		html_dd(fp, _("Meaning:"), adv.explanation);
		html_dd(fp, _("When you see it:"), adv.when);
		html_dd(fp, _("How to fix:"), adv.advice);
	}
	fputs("</dl>\n", fp);
	html_peers(fp, a, t, AGG_PEER_DOMAIN, _("Domains:"), o->peers);
	html_peers(fp, a, t, AGG_PEER_HOST, _("Hosts:"), o->peers);
	fputs("</div>\n", fp);
}

static void
html_top(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	struct agg_top *top;
	size_t n, i;

	top = agg_top(a, o->top, &n);
	fputs("<section id=\"top\">\n<h2>", fp);
	html_s(fp, _("Top failures"));
	fputs("</h2>\n", fp);
	if (n == 0) {
		fputs("<p class=\"note\">", fp);
		html_f(fp, "%s", _("  no 4xx or 5xx replies\n"));
		fputs("</p>\n", fp);
	}
	for (i = 0; i < n; i++)
		html_failure(fp, a, &top[i], i + 1, o);
	fputs("</section>\n", fp);
	free(top);
}

/* --fail-on: each rule, whether it fired and what it measured, first. */
static void
html_thresholds(FILE *fp, const struct report_opts *o)
{
	char rule[96], value[128];
	size_t i, fired = 0;

	if (o->nrules == 0)
		return;
	for (i = 0; i < o->nrules; i++)
		fired += o->results[i].fired != 0;
	fputs("<section id=\"thresholds\">\n<h2>", fp);
	html_f(fp,
	    P_("Thresholds: %zu of %zu rule fired",
		"Thresholds: %zu of %zu rules fired", o->nrules),
	    fired, o->nrules);
	fputs("</h2>\n<table>\n", fp);
	for (i = 0; i < o->nrules; i++) {
		const struct rule_result *res = &o->results[i];

		fprintf(fp, "<tr><td class=\"%s\"><b>",
		    res->fired ? "c5" : "c2");
		html_s(fp, res->fired ? _("FIRED") : _("ok"));
		fputs("</b></td><td><code>", fp);
		html_s(fp, rule_str(&o->rules[i], rule, sizeof(rule)));
		fputs("</code></td><td>", fp);
		html_s(fp,
		    rule_value_str(&o->rules[i], res, value, sizeof(value)));
		fputs("</td></tr>\n", fp);
	}
	fputs("</table>\n</section>\n", fp);
}

/* The outbound destinations with the most failures, as in the text
 * report: codes with counts and the advice of the most frequent. */
static void
html_destinations(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	const struct sig_entry *sig;
	struct kb_advice adv;
	struct agg_dest *d;
	char code[32];
	size_t n, i, k;

	d = agg_destinations(a, EVENT_OUT, AGG_PEER_DOMAIN, o->top, &n);
	if (n > 0) {
		fputs("<section id=\"destinations\">\n<h2>", fp);
		html_s(fp, _("Failing destinations"));
		fputs("</h2>\n<p class=\"sub\">", fp);
		html_s(fp, _("  outbound, by recipient domain\n"));
		fputs("</p>\n", fp);
	}
	for (i = 0; i < n; i++) {
		fprintf(fp, "<div class=\"fail f%d\">\n<h3>%zu. ",
		    d[i].by_class[5] ? 5 : 4, i + 1);
		util_put_html(fp, d[i].name, d[i].len);
		fputs("</h3>\n<p class=\"meta\">", fp);
		html_f(fp,
		    P_("%" PRIu64 " failure", "%" PRIu64 " failures",
			d[i].count),
		    d[i].count);
		fprintf(fp,
		    " (4xx %" PRIu64 ", 5xx %" PRIu64 "): ", d[i].by_class[4],
		    d[i].by_class[5]);
		for (k = 0; k < d[i].ncodes; k++) {
			const struct agg_dest_code *c = &d[i].codes[k];

			fprintf(fp,
			    "%s<span class=\"code c%d\">%s</span> (%" PRIu64
			    ")",
			    k ? ", " : "", c->cls,
			    report_dest_code(c, code, sizeof(code)), c->count);
		}
		if (d[i].nfailures > d[i].ncodes)
			html_f(fp, _(", %zu more"),
			    d[i].nfailures - d[i].ncodes);
		fputs("</p>\n<dl>\n", fp);
		report_dest_advice(o, &d[i], &sig, &adv);
		if (sig != NULL) {
			html_dd(fp, _("Meaning:"), _(sig->title));
			html_dd(fp, _("How to fix:"), _(sig->advice));
		} else {
			html_dd(fp, _("Meaning:"), adv.title);
			html_dd(fp, _("How to fix:"), adv.advice);
		}
		fputs("</dl>\n</div>\n", fp);
	}
	if (n > 0)
		fputs("</section>\n", fp);
	free(d);
}

static void
html_samples(FILE *fp, const struct agg *a)
{
	const struct agg_sample *s;
	size_t n, i;

	s = agg_samples(a, &n);
	if (n == 0)
		return;
	fputs("<section id=\"unparsed\">\n<h2>", fp);
	html_s(fp, _("Unparsed lines (first samples)"));
	fputs("</h2>\n<ol class=\"samples\">\n", fp);
	for (i = 0; i < n; i++) {
		fputs("<li><code>", fp);
		util_put_html(fp, s[i].name, strlen(s[i].name));
		fprintf(fp, ":%" PRIu64 "</code><samp>", s[i].lineno);
		util_put_html(fp, s[i].text, s[i].len);
		fputs("</samp></li>\n", fp);
	}
	fputs("</ol>\n</section>\n", fp);
}

int
report_html(FILE *fp, const struct agg *a, const struct report_opts *o)
{
	const struct agg_counts *c = agg_counts_const(a);
	struct agg_cell *cells;
	struct report_row *rows[3];
	size_t ncells, n[3], i;
	int mask = report_mtas(c);
	char lang[20], t0[64], t1[64];
	struct tm tm;

	report_html_lang(lang, sizeof(lang));
	cells = agg_cells(a, &ncells);
	rows[0] = report_rows(cells, ncells, REPORT_BY_CLASS, &n[0]);
	rows[1] = report_rows(cells, ncells, REPORT_BY_CODE, &n[1]);
	rows[2] = report_rows(cells, ncells, REPORT_BY_ENH, &n[2]);

	fprintf(fp,
	    "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"smtplog %s\">\n<title>",
	    lang, PACKAGE_VERSION);
	html_s(fp, _("smtplog report"));
	fprintf(fp,
	    "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<div class=\"page\">\n<h1>",
	    html_css);
	html_s(fp, _("smtplog report"));
	fputs("</h1>\n", fp);
	if (c->first <= c->last) {
		localtime_r(&c->first, &tm);
		strftime(t0, sizeof(t0), "%Y-%m-%d %H:%M:%S %z", &tm);
		localtime_r(&c->last, &tm);
		strftime(t1, sizeof(t1), "%Y-%m-%d %H:%M:%S %z", &tm);
		fputs("<p class=\"sub\">", fp);
		html_s(fp, _("time span"));
		fputs(": ", fp);
		html_f(fp, _("%s to %s\n"), t0, t1);
		fputs("</p>\n", fp);
	}
	html_thresholds(fp, o);
	html_summary(fp, c, o);
	fputs("<section id=\"charts\">\n<h2>", fp);
	html_s(fp, _("At a glance"));
	fputs("</h2>\n", fp);
	html_chart_time(fp, a);
	if (n[1] > 0)
		html_chart_codes(fp, rows[1], n[1], REPORT_BY_CODE,
		    c->kind[AGG_EVENT]);
	else
		html_chart_codes(fp, rows[2], n[2], REPORT_BY_ENH,
		    c->kind[AGG_EVENT]);
	html_chart_domains(fp, a);
	fputs("</section>\n", fp);
	html_classes(fp, rows[0], n[0], mask, c->kind[AGG_EVENT]);
	html_codes(fp, rows[1], n[1], REPORT_BY_CODE, mask, c->kind[AGG_EVENT]);
	html_codes(fp, rows[2], n[2], REPORT_BY_ENH, mask, c->kind[AGG_EVENT]);
	html_top(fp, a, o);
	html_destinations(fp, a, o);
	html_samples(fp, a);
	fprintf(fp, "<footer>smtplog %s</footer>\n</div>\n</body>\n</html>\n",
	    PACKAGE_VERSION);
	for (i = 0; i < 3; i++)
		free(rows[i]);
	free(cells);
	return ferror(fp) ? -1 : 0;
}
