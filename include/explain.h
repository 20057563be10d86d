/*
 * explain.h - "smtplog explain": everything about one reply code, or the
 * comparison of two, in the current language.
 *
 *   explain_parse("550 5.1.1", &code, err, n)   parse a code argument
 *   explain_args(argc, argv, codes, &n, err, n)  one or two codes
 *   explain_print(fp, codes, n, json)            print the page
 *
 * A code is a basic code (550), an enhanced code (5.1.1) or both
 * ("550 5.1.1", or the two words 550 5.1.1 of the same class). Parse
 * errors are written into the caller's buffer; nothing is printed there.
 */
#ifndef SMTPLOG_EXPLAIN_H
#define SMTPLOG_EXPLAIN_H

#include <stddef.h>
#include <stdio.h>

#include "event.h"

struct explain_code {
	int code;             /* basic code, 0 when not given */
	struct event_enh enh; /* enh.cls == 0 when not given */
};

int
explain_parse(const char *s, struct explain_code *c, char *err, size_t errlen);
/* Turn the words after "explain" into one or two codes. 0 or -1. */
int explain_args(int argc, char *const *argv, struct explain_code codes[2],
    int *ncodes, char *err, size_t errlen);
/* Print the page for one code, or the comparison of two. JSON when
 * JSON is set. Returns -1 when writing failed. */
int
explain_print(FILE *fp, const struct explain_code *codes, int ncodes, int json);

#endif
