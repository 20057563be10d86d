/*
 * rule.c - --fail-on threshold rules: parse, measure, decide.
 *
 * A rule is parsed once (rule_parse), then measured on the aggregator's
 * cells after the run (rule_eval): the events its selector matches and
 * the events of its direction, the whole of a percentage. Limits and
 * values are integers in hundredths, so "5xx>5%" compares exactly
 * (count * 10000 against limit * total, in 128 bits) and no float, and
 * so no locale, is involved. The grammar is in rule.h and smtplog(1).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rule.h"
#include "util.h"

static const char *const rule_ops[] = {">", ">=", "<", "<=", "="};

static const char *
rule_skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static int
rule_is_op_char(char c)
{
	return c == '>' || c == '<' || c == '=';
}

/* The operator at P, the longest that fits ("<=" before "<"), or -1. */
static int
rule_op(const char *p)
{
	int k, len;

	for (len = 2; len >= 1; len--)
		for (k = 0; k < (int)(sizeof(rule_ops) / sizeof(rule_ops[0]));
		     k++)
			if ((int)strlen(rule_ops[k]) == len &&
			    strncmp(p, rule_ops[k], (size_t)len) == 0)
				return k;
	return -1;
}

/* Write "cannot read 'S': " and the reason into ERR; returns -1. */
static int rule_err(char *err, size_t errlen, const char *s, const char *fmt,
    ...) UTIL_PRINTF(4, 5);

static int
rule_err(char *err, size_t errlen, const char *s, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, _("cannot read '%s': "), s);

	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* "in:", "out:" ...: the direction, or -2 when WORD is none. */
static int
rule_dir(const char *w, size_t n)
{
	if ((n == 2 && strncmp(w, "in", 2) == 0) ||
	    (n == 7 && strncmp(w, "inbound", 7) == 0))
		return EVENT_IN;
	if ((n == 3 && strncmp(w, "out", 3) == 0) ||
	    (n == 8 && strncmp(w, "outbound", 8) == 0))
		return EVENT_OUT;
	return -2;
}

/* The selector of N bytes at W into R. 0, or -1 when it is none. */
static int
rule_selector(const char *w, size_t n, struct rule *r)
{
	if (n == 3 && (w[0] == '2' || w[0] == '4' || w[0] == '5') &&
	    (w[1] == 'x' || w[1] == 'X') && (w[2] == 'x' || w[2] == 'X')) {
		r->sel = RULE_CLASS;
		r->cls = w[0] - '0';
		return 0;
	}
	if (memchr(w, '.', n) != NULL) {
		if (event_enh_parse(w, n, &r->enh) != 0)
			return -1;
		r->sel = RULE_ENH;
		r->cls = r->enh.cls;
		return 0;
	}
	if ((r->code = event_code_parse(w, n)) == 0)
		return -1;
	r->sel = RULE_CODE;
	r->cls = r->code / 100;
	return 0;
}

/*
 * A limit at *PP: digits, at most two decimals, into hundredths. 0 and *PP
 * moved past it; -1 when there is no number there, -2 with three or more
 * decimals, -3 when it is too large.
 */
static int
rule_number(const char **pp, uint64_t *out)
{
	const char *p = *pp;
	uint64_t v = 0;
	int digits = 0, dec = 0;

	while (*p >= '0' && *p <= '9') {
		if (++digits > 15)
			return -3;
		v = v * 10 + (uint64_t)(*p++ - '0');
	}
	if (digits == 0)
		return -1;
	v *= 100;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			if (++dec > 2)
				return -2;
			v += (uint64_t)(*p++ - '0') * (dec == 1 ? 10 : 1);
		}
		if (dec == 0)
			return -1;
	}
	*out = v;
	*pp = p;
	return 0;
}

int
rule_parse(const char *s, struct rule *r, char *err, size_t errlen)
{
	const char *p, *w, *colon, *num;
	size_t n;
	int k, rc;

	memset(r, 0, sizeof(*r));
	r->dir = -1;
	p = rule_skip_blanks(s);
	if (*p == '\0')
		return rule_err(err, errlen, s, "%s", _("the rule is empty"));
	if ((colon = strchr(p, ':')) != NULL) {
		for (n = (size_t)(colon - p); n > 0 && p[n - 1] == ' '; n--)
			;
		if ((r->dir = rule_dir(p, n)) < -1)
			return rule_err(err, errlen, s,
			    _("'%.*s' is not a direction (in or out)"), (int)n,
			    p);
		p = rule_skip_blanks(colon + 1);
	}
	w = p;
	while (*p != '\0' && *p != ' ' && *p != '\t' && !rule_is_op_char(*p))
		p++;
	n = (size_t)(p - w);
	if (n == 0)
		return rule_err(err, errlen, s, "%s",
		    _("a class (2xx, 4xx, 5xx), a reply code (550) or an "
		      "enhanced code (5.7.1) must come first"));
	if (rule_selector(w, n, r) < 0)
		return rule_err(err, errlen, s,
		    _("'%.*s' is not a class (2xx, 4xx, 5xx), a reply code "
		      "(550) or an enhanced code (5.7.1)"),
		    (int)n, w);
	p = rule_skip_blanks(p);
	k = rule_op(p);
	if (k < 0)
		return rule_err(err, errlen, s,
		    _("expected >, >=, <, <= or = after '%.*s'"), (int)n, w);
	r->op = k;
	p = rule_skip_blanks(p + strlen(rule_ops[k]));
	num = p;
	if ((rc = rule_number(&p, &r->limit)) == -2)
		return rule_err(err, errlen, s, "%s",
		    _("at most two digits may follow the decimal point"));
	if (rc == -3)
		return rule_err(err, errlen, s, "%s",
		    _("the number is too large"));
	if (rc < 0)
		return rule_err(err, errlen, s,
		    _("expected a number or a percentage after '%s', not "
		      "'%s'"),
		    rule_ops[k], num);
	p = rule_skip_blanks(p);
	if (*p == '%') {
		r->pct = 1;
		p++;
		if (r->limit > 10000)
			return rule_err(err, errlen, s, "%s",
			    _("a percentage is at most 100"));
	}
	p = rule_skip_blanks(p);
	if (*p != '\0')
		return rule_err(err, errlen, s,
		    _("unexpected '%s' after the limit"), p);
	return 0;
}

const char *
rule_num(uint64_t h, char *buf, size_t n)
{
	if (h % 100 == 0)
		snprintf(buf, n, "%" PRIu64, h / 100);
	else if (h % 10 == 0)
		snprintf(buf, n, "%" PRIu64 ".%" PRIu64, h / 100, h % 100 / 10);
	else
		snprintf(buf, n, "%" PRIu64 ".%02" PRIu64, h / 100, h % 100);
	return buf;
}

const char *
rule_str(const struct rule *r, char *buf, size_t n)
{
	char sel[16], lim[32];

	if (r->sel == RULE_CLASS)
		snprintf(sel, sizeof(sel), "%dxx", r->cls);
	else if (r->sel == RULE_CODE)
		snprintf(sel, sizeof(sel), "%d", r->code);
	else
		event_enh_str(&r->enh, sel, sizeof(sel));
	snprintf(buf, n, "%s%s%s%s%s",
	    r->dir == EVENT_IN        ? "in:"
		: r->dir == EVENT_OUT ? "out:"
				      : "",
	    sel, rule_ops[r->op], rule_num(r->limit, lim, sizeof(lim)),
	    r->pct ? "%" : "");
	return buf;
}

/* Does cell C fall under the selector of R (its direction aside)? */
static int
rule_matches(const struct rule *r, const struct agg_cell *c)
{
	if (r->sel == RULE_CLASS)
		return c->cls == r->cls;
	if (r->sel == RULE_CODE)
		return c->code == r->code;
	return c->enh.cls != 0 && event_enh_cmp(&c->enh, &r->enh) == 0;
}

/* A OP B. */
static int
rule_compare(int op, uint64_t a, uint64_t b)
{
	switch (op) {
	case RULE_GT:
		return a > b;
	case RULE_GE:
		return a >= b;
	case RULE_LT:
		return a < b;
	case RULE_LE:
		return a <= b;
	default:
		return a == b;
	}
}

/* A * B as HI * 2^64 + LO, exactly, in portable C. */
static void
rule_mul(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
	uint64_t al = a & 0xffffffffu, ah = a >> 32;
	uint64_t bl = b & 0xffffffffu, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);

	*lo = (mid << 32) | (ll & 0xffffffffu);
	*hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/* A * B OP C * D, without overflow. */
static int
rule_compare128(int op, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	uint64_t h1, l1, h2, l2;

	rule_mul(a, b, &h1, &l1);
	rule_mul(c, d, &h2, &l2);
	if (h1 != h2)
		return rule_compare(op, h1, h2);
	return rule_compare(op, l1, l2);
}

void
rule_eval(const struct rule *r, const struct agg_cell *cells, size_t n,
    struct rule_result *res)
{
	uint64_t count, total;
	size_t i;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < n; i++) {
		if (r->dir >= 0 && cells[i].dir != r->dir)
			continue;
		res->total += cells[i].count;
		if (rule_matches(r, &cells[i]))
			res->count += cells[i].count;
	}
	if (!r->pct) {
		res->measured = 1;
		res->value = res->count > UINT64_MAX / 100 ? UINT64_MAX
							   : res->count * 100;
		res->fired = rule_compare(r->op, res->value, r->limit);
		return;
	}
	if (res->total == 0)
		return; /* a share of nothing: not measured, not fired */
	res->measured = 1;
	count = res->count;
	total = res->total;
	/* the share in hundredths of a percent, rounded, for people */
	if (total <= UINT64_MAX / 20000) /* count <= total: no overflow */
		res->value = (count * 10000 + total / 2) / total;
	else
		res->value =
		    (uint64_t)((double)count * 10000.0 / (double)total + 0.5);
	/* count/total*100 OP limit/100  <=>  count*10000 OP limit*total,
	 * compared exactly in 128 bits */
	res->fired = rule_compare128(r->op, count, 10000, r->limit, total);
}

size_t
rule_check(const struct rule *rules, size_t n, const struct agg *a,
    struct rule_result *res)
{
	struct agg_cell *cells;
	size_t ncells, i, fired = 0;

	cells = agg_cells(a, &ncells);
	for (i = 0; i < n; i++) {
		rule_eval(&rules[i], cells, ncells, &res[i]);
		fired += res[i].fired != 0;
	}
	free(cells);
	return fired;
}

const char *
rule_value_str(const struct rule *r, const struct rule_result *res, char *buf,
    size_t n)
{
	char v[32];

	if (!res->measured)
		snprintf(buf, n, "%s", _("not measured (no events)"));
	else if (r->pct && r->dir == EVENT_IN)
		snprintf(buf, n,
		    P_("%s%% (%" PRIu64 " of %" PRIu64 " inbound event)",
			"%s%% (%" PRIu64 " of %" PRIu64 " inbound events)",
			res->total),
		    rule_num(res->value, v, sizeof(v)), res->count, res->total);
	else if (r->pct && r->dir == EVENT_OUT)
		snprintf(buf, n,
		    P_("%s%% (%" PRIu64 " of %" PRIu64 " outbound event)",
			"%s%% (%" PRIu64 " of %" PRIu64 " outbound events)",
			res->total),
		    rule_num(res->value, v, sizeof(v)), res->count, res->total);
	else if (r->pct)
		snprintf(buf, n,
		    P_("%s%% (%" PRIu64 " of %" PRIu64 " event)",
			"%s%% (%" PRIu64 " of %" PRIu64 " events)", res->total),
		    rule_num(res->value, v, sizeof(v)), res->count, res->total);
	else
		snprintf(buf, n,
		    P_("%" PRIu64 " event", "%" PRIu64 " events", res->count),
		    res->count);
	return buf;
}

uint64_t
rule_failures(const struct agg *a)
{
	struct agg_cell *cells;
	size_t n, i;
	uint64_t sum = 0;

	cells = agg_cells(a, &n);
	for (i = 0; i < n; i++)
		if (cells[i].cls == 4 || cells[i].cls == 5)
			sum += cells[i].count;
	free(cells);
	return sum;
}
