/*
 * test_rule.c - unit tests for rule.c (--fail-on).
 *
 * rule_parse(): every selector kind, direction, operator and limit form,
 * blanks, the canonical text rule_str() gives back, and each way a rule
 * is refused with the exact message. rule_eval(): counts and percentages
 * against hand-built cells, each operator at its boundary, directions, a
 * percentage of no events, and the exact comparison in hundredths.
 * rule_check() and rule_failures() over a real aggregate, rule_num() and
 * rule_value_str(). The reporters: the text section at the top and the
 * JSON "thresholds" array, and neither without rules.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "report.h"
#include "rule.h"

/* One rule that parses: its text, and the canonical text it gives. */
struct ok_case {
	const char *in;
	const char *canon;
	int dir, sel, cls, code, op, pct;
	uint64_t limit;
};

static void
run_ok_case(void **state)
{
	const struct ok_case *c = *state;
	struct rule r;
	char err[256] = "", buf[96];

	assert_int_equal(rule_parse(c->in, &r, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_int_equal(r.dir, c->dir);
	assert_int_equal(r.sel, c->sel);
	assert_int_equal(r.cls, c->cls);
	assert_int_equal(r.code, c->code);
	assert_int_equal(r.op, c->op);
	assert_int_equal(r.pct, c->pct);
	assert_int_equal(r.limit, c->limit);
	assert_string_equal(rule_str(&r, buf, sizeof(buf)), c->canon);
}

static struct ok_case p_5xx = {"5xx>100", "5xx>100", -1, RULE_CLASS, 5, 0,
    RULE_GT, 0, 10000};
static struct ok_case p_4xx_pct = {"4xx>5%", "4xx>5%", -1, RULE_CLASS, 4, 0,
    RULE_GT, 1, 500};
static struct ok_case p_2xx_upper = {"2XX<90%", "2xx<90%", -1, RULE_CLASS, 2, 0,
    RULE_LT, 1, 9000};
static struct ok_case p_code = {"550>=10", "550>=10", -1, RULE_CODE, 5, 550,
    RULE_GE, 0, 1000};
static struct ok_case p_enh = {"5.7.1>0", "5.7.1>0", -1, RULE_ENH, 5, 0,
    RULE_GT, 0, 0};
static struct ok_case p_in = {"in:5xx>50", "in:5xx>50", EVENT_IN, RULE_CLASS, 5,
    0, RULE_GT, 0, 5000};
static struct ok_case p_out_pct = {"out:4xx>5%", "out:4xx>5%", EVENT_OUT,
    RULE_CLASS, 4, 0, RULE_GT, 1, 500};
static struct ok_case p_inbound = {"inbound:421=3", "in:421=3", EVENT_IN,
    RULE_CODE, 4, 421, RULE_EQ, 0, 300};
static struct ok_case p_outbound = {"outbound:4.2.2<=1", "out:4.2.2<=1",
    EVENT_OUT, RULE_ENH, 4, 0, RULE_LE, 0, 100};
static struct ok_case p_blanks = {"  out : 5xx  >=  2.5 % ", "out:5xx>=2.5%",
    EVENT_OUT, RULE_CLASS, 5, 0, RULE_GE, 1, 250};
static struct ok_case p_decimal2 = {"5xx>0.25%", "5xx>0.25%", -1, RULE_CLASS, 5,
    0, RULE_GT, 1, 25};
static struct ok_case p_decimal_zero = {"5xx>1.50", "5xx>1.5", -1, RULE_CLASS,
    5, 0, RULE_GT, 0, 150};
static struct ok_case p_hundred = {"2xx<100%", "2xx<100%", -1, RULE_CLASS, 2, 0,
    RULE_LT, 1, 10000};
static struct ok_case p_zero_pct = {"5xx=0%", "5xx=0%", -1, RULE_CLASS, 5, 0,
    RULE_EQ, 1, 0};
static struct ok_case p_big = {"2xx>999999999999999", "2xx>999999999999999", -1,
    RULE_CLASS, 2, 0, RULE_GT, 0, 99999999999999900ULL};
static struct ok_case p_enh_3digit = {"4.7.999>0", "4.7.999>0", -1, RULE_ENH, 4,
    0, RULE_GT, 0, 0};

/* One rule that is refused, and the exact message. */
struct bad_case {
	const char *in;
	const char *err;
};

static void
run_bad_case(void **state)
{
	const struct bad_case *c = *state;
	struct rule r;
	char err[256] = "";

	assert_int_equal(rule_parse(c->in, &r, err, sizeof(err)), -1);
	assert_string_equal(err, c->err);
}

static struct bad_case b_double_op = {"5xx>>1",
    "cannot read '5xx>>1': expected a number or a percentage after '>', "
    "not '>1'"};
static struct bad_case b_double_eq = {"5xx==1",
    "cannot read '5xx==1': expected a number or a percentage after '=', "
    "not '=1'"};
static struct bad_case b_empty = {"", "cannot read '': the rule is empty"};
static struct bad_case b_blank = {"   ",
    "cannot read '   ': the rule is empty"};
static struct bad_case b_no_op = {"5xx",
    "cannot read '5xx': expected >, >=, <, <= or = after '5xx'"};
static struct bad_case b_bang = {"5xx!=1",
    "cannot read '5xx!=1': '5xx!' is not a class (2xx, 4xx, 5xx), a reply "
    "code (550) or an enhanced code (5.7.1)"};
static struct bad_case b_no_num = {"5xx>",
    "cannot read '5xx>': expected a number or a percentage after '>', not "
    "''"};
static struct bad_case b_neg = {"5xx>-1",
    "cannot read '5xx>-1': expected a number or a percentage after '>', not "
    "'-1'"};
static struct bad_case b_6xx = {"6xx>1",
    "cannot read '6xx>1': '6xx' is not a class (2xx, 4xx, 5xx), a reply "
    "code (550) or an enhanced code (5.7.1)"};
static struct bad_case b_3xx = {"3xx>1",
    "cannot read '3xx>1': '3xx' is not a class (2xx, 4xx, 5xx), a reply "
    "code (550) or an enhanced code (5.7.1)"};
static struct bad_case b_code_690 = {"690>1",
    "cannot read '690>1': '690' is not a class (2xx, 4xx, 5xx), a reply "
    "code (550) or an enhanced code (5.7.1)"};
static struct bad_case b_enh_bad = {"5.7>1",
    "cannot read '5.7>1': '5.7' is not a class (2xx, 4xx, 5xx), a reply "
    "code (550) or an enhanced code (5.7.1)"};
static struct bad_case b_no_selector = {">5",
    "cannot read '>5': a class (2xx, 4xx, 5xx), a reply code (550) or an "
    "enhanced code (5.7.1) must come first"};
static struct bad_case b_dir = {"up:5xx>1",
    "cannot read 'up:5xx>1': 'up' is not a direction (in or out)"};
static struct bad_case b_dir_empty = {":5xx>1",
    "cannot read ':5xx>1': '' is not a direction (in or out)"};
static struct bad_case b_pct_over = {"5xx>101%",
    "cannot read '5xx>101%': a percentage is at most 100"};
static struct bad_case b_decimals = {"5xx>1.234",
    "cannot read '5xx>1.234': at most two digits may follow the decimal "
    "point"};
static struct bad_case b_dot_only = {"5xx>1.",
    "cannot read '5xx>1.': expected a number or a percentage after '>', "
    "not '1.'"};
static struct bad_case b_trailing = {"5xx>1 x",
    "cannot read '5xx>1 x': unexpected 'x' after the limit"};
static struct bad_case b_pct_twice = {"5xx>1%%",
    "cannot read '5xx>1%%': unexpected '%' after the limit"};
static struct bad_case b_too_big = {"5xx>1234567890123456",
    "cannot read '5xx>1234567890123456': the number is too large"};
static struct bad_case b_in_only = {"in:",
    "cannot read 'in:': a class (2xx, 4xx, 5xx), a reply code (550) or an "
    "enhanced code (5.7.1) must come first"};

static void
rule_parse__tiny_buffer__truncated_and_terminated(void **state)
{
	struct rule r;
	char err[12];

	(void)state;
	memset(err, 'x', sizeof(err));
	assert_int_equal(rule_parse("5xx>>1", &r, err, sizeof(err)), -1);
	assert_int_equal(strlen(err), sizeof(err) - 1);
}

/* Cells for the evaluation tests: inbound 100 events (80 2xx, 5 421,
 * 15 550 5.7.1), outbound 300 (270 2xx, 20 450 4.2.2, 10 no code 5xx). */
static struct agg_cell cells[] = {
    {EVENT_IN, EVENT_POSTFIX, 2, 250, {2, 0, 0}, 0, 0, -1, 80, 0},
    {EVENT_IN, EVENT_POSTFIX, 4, 421, {0, 0, 0}, 0, 0, -1, 5, 0},
    {EVENT_IN, EVENT_POSTFIX, 5, 550, {5, 7, 1}, 0, 0, -1, 15, 0},
    {EVENT_OUT, EVENT_EXIM, 2, 250, {0, 0, 0}, 0, 0, -1, 270, 0},
    {EVENT_OUT, EVENT_EXIM, 4, 450, {4, 2, 2}, 0, 0, -1, 20, 0},
    {EVENT_OUT, EVENT_SENDMAIL, 5, 0, {0, 0, 0}, 0, 0, -1, 10, 0},
};
#define NCELLS (sizeof(cells) / sizeof(cells[0]))

/* One evaluation: rule text, count, total, value (hundredths), fired. */
struct eval_case {
	const char *rule;
	uint64_t count, total, value;
	int measured, fired;
};

static void
run_eval_case(void **state)
{
	const struct eval_case *c = *state;
	struct rule_result res;
	struct rule r;
	char err[256];

	assert_int_equal(rule_parse(c->rule, &r, err, sizeof(err)), 0);
	rule_eval(&r, cells, NCELLS, &res);
	assert_int_equal(res.count, c->count);
	assert_int_equal(res.total, c->total);
	assert_int_equal(res.measured, c->measured);
	assert_int_equal(res.value, c->value);
	assert_int_equal(res.fired, c->fired);
}

static struct eval_case e_5xx_gt = {"5xx>24", 25, 400, 2500, 1, 1};
static struct eval_case e_5xx_gt_eq = {"5xx>25", 25, 400, 2500, 1, 0};
static struct eval_case e_5xx_ge_eq = {"5xx>=25", 25, 400, 2500, 1, 1};
static struct eval_case e_5xx_lt = {"5xx<25", 25, 400, 2500, 1, 0};
static struct eval_case e_5xx_le = {"5xx<=25", 25, 400, 2500, 1, 1};
static struct eval_case e_5xx_eq = {"5xx=25", 25, 400, 2500, 1, 1};
static struct eval_case e_5xx_eq_no = {"5xx=24", 25, 400, 2500, 1, 0};
static struct eval_case e_in_5xx = {"in:5xx>14", 15, 100, 1500, 1, 1};
static struct eval_case e_out_5xx = {"out:5xx>10", 10, 300, 1000, 1, 0};
static struct eval_case e_code = {"550>=15", 15, 400, 1500, 1, 1};
static struct eval_case e_code_out = {"out:550>0", 0, 300, 0, 1, 0};
static struct eval_case e_enh = {"5.7.1>0", 15, 400, 1500, 1, 1};
static struct eval_case e_enh_none = {"5.1.1>0", 0, 400, 0, 1, 0};
static struct eval_case e_enh_4 = {"4.2.2=20", 20, 400, 2000, 1, 1};
/* no basic code: counted by its class, not by a code rule */
static struct eval_case e_no_code_cls = {"out:5xx=10", 10, 300, 1000, 1, 1};
static struct eval_case e_decimal_count = {"4xx>24.5", 25, 400, 2500, 1, 1};
/* 15 of 100 inbound: 15% */
static struct eval_case e_pct_in = {"in:5xx>14.99%", 15, 100, 1500, 1, 1};
static struct eval_case e_pct_in_eq = {"in:5xx>15%", 15, 100, 1500, 1, 0};
static struct eval_case e_pct_in_ge = {"in:5xx>=15%", 15, 100, 1500, 1, 1};
static struct eval_case e_pct_in_eqop = {"in:5xx=15%", 15, 100, 1500, 1, 1};
/* 20 of 300 outbound: 6.666...%, shown 6.67, compared exactly */
static struct eval_case e_pct_out = {"out:4xx>6.66%", 20, 300, 667, 1, 1};
static struct eval_case e_pct_out_no = {"out:4xx>6.67%", 20, 300, 667, 1, 0};
static struct eval_case e_pct_out_eq = {"out:4xx=6.67%", 20, 300, 667, 1, 0};
/* all directions: 25 of 400 = 6.25% */
static struct eval_case e_pct_all = {"4xx>=6.25%", 25, 400, 625, 1, 1};
static struct eval_case e_pct_2xx_lt = {"2xx<90%", 350, 400, 8750, 1, 1};
static struct eval_case e_pct_zero = {"5xx>0%", 25, 400, 625, 1, 1};

static void
rule_eval__percentage_of_no_events__not_measured_not_fired(void **state)
{
	struct rule_result res;
	struct rule r;
	char err[256], buf[128];

	(void)state;
	assert_int_equal(rule_parse("2xx<90%", &r, err, sizeof(err)), 0);
	rule_eval(&r, NULL, 0, &res);
	assert_int_equal(res.measured, 0);
	assert_int_equal(res.fired, 0);
	assert_string_equal(rule_value_str(&r, &res, buf, sizeof(buf)),
	    "not measured (no events)");
}

static void
rule_eval__count_of_no_events__measured(void **state)
{
	struct rule_result res;
	struct rule r;
	char err[256];

	(void)state;
	/* "no mail delivered at all" is worth an alarm */
	assert_int_equal(rule_parse("2xx<1", &r, err, sizeof(err)), 0);
	rule_eval(&r, NULL, 0, &res);
	assert_int_equal(res.measured, 1);
	assert_int_equal(res.fired, 1);
}

static void
rule_eval__huge_counts__scaled_not_overflowed(void **state)
{
	struct agg_cell big[2] = {
	    {EVENT_IN, 0, 5, 550, {0, 0, 0}, 0, 0, -1, UINT64_MAX / 4, 0},
	    {EVENT_IN, 0, 2, 250, {0, 0, 0}, 0, 0, -1, UINT64_MAX / 4, 0},
	};
	struct rule_result res;
	struct rule r;
	char err[256];

	(void)state;
	assert_int_equal(rule_parse("5xx>=50%", &r, err, sizeof(err)), 0);
	rule_eval(&r, big, 2, &res);
	assert_int_equal(res.value, 5000);
	assert_int_equal(res.fired, 1);
	assert_int_equal(rule_parse("5xx>50%", &r, err, sizeof(err)), 0);
	rule_eval(&r, big, 2, &res);
	assert_int_equal(res.fired, 0);
	/* every one of 2^64 - 1 events: exactly 100% */
	big[0].count = UINT64_MAX;
	assert_int_equal(rule_parse("5xx=100%", &r, err, sizeof(err)), 0);
	rule_eval(&r, big, 1, &res);
	assert_int_equal(res.value, 10000);
	assert_int_equal(res.fired, 1);
	assert_int_equal(rule_parse("5xx>99.99%", &r, err, sizeof(err)), 0);
	rule_eval(&r, big, 1, &res);
	assert_int_equal(res.fired, 1);
}

/* Add COUNT events of one shape to A. */
static void
add(struct agg *a, int count, int dir, int cls, int code)
{
	struct event ev;
	int i;

	memset(&ev, 0, sizeof(ev));
	ev.dir = dir;
	ev.cls = cls;
	ev.code = code;
	ev.sig = -1;
	for (i = 0; i < count; i++)
		agg_event(a, &ev);
}

static void
rule_check__aggregate__counts_fired_rules(void **state)
{
	struct agg *a = agg_new();
	struct rule rules[3];
	struct rule_result res[3];
	char err[256];

	(void)state;
	add(a, 90, EVENT_OUT, 2, 250);
	add(a, 7, EVENT_OUT, 4, 451);
	add(a, 3, EVENT_IN, 5, 554);
	assert_int_equal(rule_parse("5xx>2", &rules[0], err, sizeof(err)), 0);
	assert_int_equal(rule_parse("out:4xx>5%", &rules[1], err, sizeof(err)),
	    0);
	assert_int_equal(rule_parse("554>3", &rules[2], err, sizeof(err)), 0);
	assert_int_equal(rule_check(rules, 3, a, res), 2);
	assert_true(res[0].fired);
	assert_true(res[1].fired);
	assert_int_equal(res[1].count, 7);
	assert_int_equal(res[1].total, 97);
	assert_int_equal(res[1].value, 722); /* 7.216...% */
	assert_false(res[2].fired);
	assert_int_equal(rule_failures(a), 10);
	agg_free(a);
}

static void
rule_failures__only_2xx__zero(void **state)
{
	struct agg *a = agg_new();

	(void)state;
	add(a, 5, EVENT_OUT, 2, 250);
	assert_int_equal(rule_failures(a), 0);
	agg_free(a);
}

static void
rule_num__forms__no_trailing_zeros(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(rule_num(0, buf, sizeof(buf)), "0");
	assert_string_equal(rule_num(500, buf, sizeof(buf)), "5");
	assert_string_equal(rule_num(550, buf, sizeof(buf)), "5.5");
	assert_string_equal(rule_num(505, buf, sizeof(buf)), "5.05");
	assert_string_equal(rule_num(25, buf, sizeof(buf)), "0.25");
	assert_string_equal(rule_num(10000, buf, sizeof(buf)), "100");
}

static void
rule_value_str__count_and_percent__readable(void **state)
{
	struct rule_result res = {1, 400, 1, 100, 1};
	struct rule r;
	char err[256], buf[128];

	(void)state;
	assert_int_equal(rule_parse("5xx>0", &r, err, sizeof(err)), 0);
	assert_string_equal(rule_value_str(&r, &res, buf, sizeof(buf)),
	    "1 event");
	res.count = 29;
	res.value = 2900;
	assert_string_equal(rule_value_str(&r, &res, buf, sizeof(buf)),
	    "29 events");
	assert_int_equal(rule_parse("out:4xx>5%", &r, err, sizeof(err)), 0);
	res.value = 725;
	assert_string_equal(rule_value_str(&r, &res, buf, sizeof(buf)),
	    "7.25% (29 of 400 outbound events)");
	assert_int_equal(rule_parse("in:4xx>5%", &r, err, sizeof(err)), 0);
	assert_string_equal(rule_value_str(&r, &res, buf, sizeof(buf)),
	    "7.25% (29 of 400 inbound events)");
	assert_int_equal(rule_parse("4xx>5%", &r, err, sizeof(err)), 0);
	assert_string_equal(rule_value_str(&r, &res, buf, sizeof(buf)),
	    "7.25% (29 of 400 events)");
	res.count = res.total = 1;
	res.value = 10000;
	assert_string_equal(rule_value_str(&r, &res, buf, sizeof(buf)),
	    "100% (1 of 1 event)");
}

/* The report EMIT writes for A with the rules of TEXTS (N of them). */
static char *
render(int (*emit)(FILE *, const struct agg *, const struct report_opts *),
    const struct agg *a, const char *const *texts, size_t n)
{
	struct report_opts o = {.top = 3, .peers = 2, .ninputs = 1};
	struct rule rules[4];
	struct rule_result res[4];
	char err[256], *buf = NULL;
	size_t len = 0, i;
	FILE *fp;

	for (i = 0; i < n; i++)
		assert_int_equal(rule_parse(texts[i], &rules[i], err,
				     sizeof(err)),
		    0);
	rule_check(rules, n, a, res);
	o.rules = rules;
	o.results = res;
	o.nrules = n;
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(emit(fp, a, &o), 0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static struct agg *
sample_agg(void)
{
	struct agg *a = agg_new();

	add(a, 90, EVENT_OUT, 2, 250);
	add(a, 7, EVENT_OUT, 4, 451);
	add(a, 3, EVENT_IN, 5, 554);
	return a;
}

static void
report_text__rules__section_at_top(void **state)
{
	static const char *const texts[] = {"5xx>2", "out:4xx>10%",
	    "in:2xx<50%"};
	struct agg *a = sample_agg();
	char *out = render(report_text, a, texts, 3);
	static const char want[] =
	    "Thresholds: 2 of 3 rules fired\n"
	    "  FIRED  5xx>2            3 events\n"
	    "  ok     out:4xx>10%      7.22% (7 of 97 outbound events)\n"
	    "  FIRED  in:2xx<50%       0% (0 of 3 inbound events)\n"
	    "\n"
	    "smtplog report\n";

	(void)state;
	assert_true(strlen(out) > sizeof(want));
	out[sizeof(want) - 1] = '\0';
	assert_string_equal(out, want);
	free(out);
	agg_free(a);
}

static void
report_text__no_rules__no_section(void **state)
{
	struct agg *a = sample_agg();
	char *out = render(report_text, a, NULL, 0);

	(void)state;
	assert_true(strncmp(out, "smtplog report\n", 15) == 0);
	assert_null(strstr(out, "Thresholds"));
	free(out);
	agg_free(a);
}

static void
report_json__rules__thresholds_array(void **state)
{
	static const char *const texts[] = {"5xx>2", "out:4xx>10%", "2xx<90%"};
	struct agg *a = sample_agg();
	char *out = render(report_json, a, texts, 3);

	(void)state;
	assert_non_null(strstr(out,
	    "{\n  \"schema\": 1,\n  \"thresholds\": [\n"
	    "    {\"rule\": \"5xx>2\", \"value\": 3, \"limit\": 2, \"unit\": "
	    "\"events\", \"count\": 3, \"total\": 100, \"fired\": true},\n"
	    "    {\"rule\": \"out:4xx>10%\", \"value\": 7.22, \"limit\": 10, "
	    "\"unit\": \"percent\", \"count\": 7, \"total\": 97, \"fired\": "
	    "false},\n"
	    "    {\"rule\": \"2xx<90%\", \"value\": 90, \"limit\": 90, "
	    "\"unit\": \"percent\", \"count\": 90, \"total\": 100, "
	    "\"fired\": false}\n"
	    "  ],\n  \"inputs\": 1,\n"));
	free(out);
	agg_free(a);
}

static void
report_json__percentage_of_nothing__value_null(void **state)
{
	static const char *const texts[] = {"in:2xx<90%"};
	struct agg *a = agg_new();
	char *out = render(report_json, a, texts, 1);

	(void)state;
	assert_non_null(strstr(out,
	    "{\"rule\": \"in:2xx<90%\", \"value\": null, "
	    "\"limit\": 90, \"unit\": \"percent\", "
	    "\"count\": 0, \"total\": 0, \"fired\": "
	    "false}"));
	free(out);
	agg_free(a);
}

static void
report_json__no_rules__no_thresholds_key(void **state)
{
	struct agg *a = sample_agg();
	char *out = render(report_json, a, NULL, 0);

	(void)state;
	assert_null(strstr(out, "thresholds"));
	free(out);
	agg_free(a);
}

#define OK(name, c)                                                            \
	{                                                                      \
#name, run_ok_case, NULL, NULL, &(c)                           \
	}
#define BAD(name, c)                                                           \
	{                                                                      \
#name, run_bad_case, NULL, NULL, &(c)                          \
	}
#define EVAL(name, c)                                                          \
	{                                                                      \
#name, run_eval_case, NULL, NULL, &(c)                         \
	}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    OK(rule_parse__5xx__parsed, p_5xx),
	    OK(rule_parse__4xx_pct__parsed, p_4xx_pct),
	    OK(rule_parse__2xx_upper__parsed, p_2xx_upper),
	    OK(rule_parse__code__parsed, p_code),
	    OK(rule_parse__enh__parsed, p_enh),
	    OK(rule_parse__in__parsed, p_in),
	    OK(rule_parse__out_pct__parsed, p_out_pct),
	    OK(rule_parse__inbound__parsed, p_inbound),
	    OK(rule_parse__outbound__parsed, p_outbound),
	    OK(rule_parse__blanks__parsed, p_blanks),
	    OK(rule_parse__decimal2__parsed, p_decimal2),
	    OK(rule_parse__decimal_zero__parsed, p_decimal_zero),
	    OK(rule_parse__hundred__parsed, p_hundred),
	    OK(rule_parse__zero_pct__parsed, p_zero_pct),
	    OK(rule_parse__big__parsed, p_big),
	    OK(rule_parse__enh_3digit__parsed, p_enh_3digit),
	    BAD(rule_parse__malformed__minus_1_and_message, b_double_op),
	    BAD(rule_parse__malformed__minus_1_and_message, b_double_eq),
	    BAD(rule_parse__malformed__minus_1_and_message, b_empty),
	    BAD(rule_parse__malformed__minus_1_and_message, b_blank),
	    BAD(rule_parse__malformed__minus_1_and_message, b_no_op),
	    BAD(rule_parse__malformed__minus_1_and_message, b_bang),
	    BAD(rule_parse__malformed__minus_1_and_message, b_no_num),
	    BAD(rule_parse__malformed__minus_1_and_message, b_neg),
	    BAD(rule_parse__malformed__minus_1_and_message, b_6xx),
	    BAD(rule_parse__malformed__minus_1_and_message, b_3xx),
	    BAD(rule_parse__malformed__minus_1_and_message, b_code_690),
	    BAD(rule_parse__malformed__minus_1_and_message, b_enh_bad),
	    BAD(rule_parse__malformed__minus_1_and_message, b_no_selector),
	    BAD(rule_parse__malformed__minus_1_and_message, b_dir),
	    BAD(rule_parse__malformed__minus_1_and_message, b_dir_empty),
	    BAD(rule_parse__malformed__minus_1_and_message, b_pct_over),
	    BAD(rule_parse__malformed__minus_1_and_message, b_decimals),
	    BAD(rule_parse__malformed__minus_1_and_message, b_dot_only),
	    BAD(rule_parse__malformed__minus_1_and_message, b_trailing),
	    BAD(rule_parse__malformed__minus_1_and_message, b_pct_twice),
	    BAD(rule_parse__malformed__minus_1_and_message, b_too_big),
	    BAD(rule_parse__malformed__minus_1_and_message, b_in_only),
	    cmocka_unit_test(rule_parse__tiny_buffer__truncated_and_terminated),
	    EVAL(rule_eval__5xx_gt__measured, e_5xx_gt),
	    EVAL(rule_eval__5xx_gt_eq__measured, e_5xx_gt_eq),
	    EVAL(rule_eval__5xx_ge_eq__measured, e_5xx_ge_eq),
	    EVAL(rule_eval__5xx_lt__measured, e_5xx_lt),
	    EVAL(rule_eval__5xx_le__measured, e_5xx_le),
	    EVAL(rule_eval__5xx_eq__measured, e_5xx_eq),
	    EVAL(rule_eval__5xx_eq_no__measured, e_5xx_eq_no),
	    EVAL(rule_eval__in_5xx__measured, e_in_5xx),
	    EVAL(rule_eval__out_5xx__measured, e_out_5xx),
	    EVAL(rule_eval__code__measured, e_code),
	    EVAL(rule_eval__code_out__measured, e_code_out),
	    EVAL(rule_eval__enh__measured, e_enh),
	    EVAL(rule_eval__enh_none__measured, e_enh_none),
	    EVAL(rule_eval__enh_4__measured, e_enh_4),
	    EVAL(rule_eval__no_code_cls__measured, e_no_code_cls),
	    EVAL(rule_eval__decimal_count__measured, e_decimal_count),
	    EVAL(rule_eval__pct_in__measured, e_pct_in),
	    EVAL(rule_eval__pct_in_eq__measured, e_pct_in_eq),
	    EVAL(rule_eval__pct_in_ge__measured, e_pct_in_ge),
	    EVAL(rule_eval__pct_in_eqop__measured, e_pct_in_eqop),
	    EVAL(rule_eval__pct_out__measured, e_pct_out),
	    EVAL(rule_eval__pct_out_no__measured, e_pct_out_no),
	    EVAL(rule_eval__pct_out_eq__measured, e_pct_out_eq),
	    EVAL(rule_eval__pct_all__measured, e_pct_all),
	    EVAL(rule_eval__pct_2xx_lt__measured, e_pct_2xx_lt),
	    EVAL(rule_eval__pct_zero__measured, e_pct_zero),
	    cmocka_unit_test(
		rule_eval__percentage_of_no_events__not_measured_not_fired),
	    cmocka_unit_test(rule_eval__count_of_no_events__measured),
	    cmocka_unit_test(rule_eval__huge_counts__scaled_not_overflowed),
	    cmocka_unit_test(rule_check__aggregate__counts_fired_rules),
	    cmocka_unit_test(rule_failures__only_2xx__zero),
	    cmocka_unit_test(rule_num__forms__no_trailing_zeros),
	    cmocka_unit_test(rule_value_str__count_and_percent__readable),
	    cmocka_unit_test(report_text__rules__section_at_top),
	    cmocka_unit_test(report_text__no_rules__no_section),
	    cmocka_unit_test(report_json__rules__thresholds_array),
	    cmocka_unit_test(report_json__percentage_of_nothing__value_null),
	    cmocka_unit_test(report_json__no_rules__no_thresholds_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
