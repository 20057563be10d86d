/*
 * rule.h - --fail-on threshold rules: parse them, measure them on the
 * counts, and say which fired; and what a "clean" run is.
 *
 *   rule_parse("out:4xx>5%", &r, err, n)   parse one rule
 *   rule_str(&r, buf, n)                   its canonical text
 *   rule_eval(&r, cells, n, &res)          measure it on agg_cells()
 *   rule_check(rules, n, agg, res)         measure all; how many fired
 *   rule_failures(agg)                     4xx and 5xx events counted
 *   rule_num(hundredths, buf, n)           "5", "5.5", "0.25"
 *   rule_value_str(&r, &res, buf, n)       "7.25% (29 of 400 events)"
 *
 * Grammar (blanks between the parts are allowed):
 *
 *   rule      = [ direction ":" ] selector operator limit
 *   direction = "in" | "out" | "inbound" | "outbound"
 *   selector  = "2xx" | "4xx" | "5xx"    a class
 *             | 550                      a basic reply code
 *             | 5.7.1                    an enhanced status code
 *   operator  = ">" | ">=" | "<" | "<=" | "="
 *   limit     = number [ "%" ]           digits, at most two decimals
 *
 * The value measured is the number of events the selector matches (in
 * the direction, when one is given), or with "%" their share of all the
 * events of that direction (of all events without one), in percent. A
 * percentage of no events is not measured and never fires. Numbers are
 * kept in hundredths, so that comparisons are exact and nothing depends
 * on the locale. Parse errors go into the caller's buffer as
 * "cannot read 'RULE': why".
 */
#ifndef SMTPLOG_RULE_H
#define SMTPLOG_RULE_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "event.h"

enum rule_sel { RULE_CLASS = 0, RULE_CODE, RULE_ENH };
enum rule_op { RULE_GT = 0, RULE_GE, RULE_LT, RULE_LE, RULE_EQ };

/* Most --fail-on rules in one run. */
#define RULE_MAX 64

/* Largest limit: 15 digits before the decimal point. */
#define RULE_MAX_LIMIT 999999999999999ULL

struct rule {
	int dir;              /* EVENT_IN, EVENT_OUT, or -1: both */
	int sel;              /* enum rule_sel */
	int cls;              /* the class of the selector: 2, 4 or 5 */
	int code;             /* RULE_CODE: 550 */
	struct event_enh enh; /* RULE_ENH: 5.7.1 */
	int op;               /* enum rule_op */
	uint64_t limit;       /* in hundredths: 550 is 5.5 */
	int pct;              /* the limit is a percentage */
};

struct rule_result {
	uint64_t count; /* events the selector matched */
	uint64_t total; /* events of the direction: the whole of a "%" */
	int measured;   /* 0: a percentage of no events */
	uint64_t value; /* in hundredths: count, or its share in percent */
	int fired;
};

int rule_parse(const char *s, struct rule *r, char *err, size_t errlen);
/* "out:4xx>5%" into BUF (N bytes); returns BUF. */
const char *rule_str(const struct rule *r, char *buf, size_t n);
/* A number of hundredths as text without trailing zeros; returns BUF. */
const char *rule_num(uint64_t hundredths, char *buf, size_t n);
void rule_eval(const struct rule *r, const struct agg_cell *cells, size_t n,
    struct rule_result *res);
/* Measure N rules on the counts of A into RES (N results). Returns the
 * number of rules that fired. */
size_t rule_check(const struct rule *rules, size_t n, const struct agg *a,
    struct rule_result *res);
/* What was measured, for people: "123 events", "7.25% (29 of 400
 * events)", "not measured (no events)"; translated. Returns BUF. */
const char *rule_value_str(const struct rule *r, const struct rule_result *res,
    char *buf, size_t n);
/* Events of class 4 and 5: without rules, a run is clean when there are
 * none (--quiet-if-clean). */
uint64_t rule_failures(const struct agg *a);

#endif
