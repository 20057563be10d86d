/*
 * fuzz_lines.c - libFuzzer harness for the line path.
 *
 * The input after its first byte is cut into lines the way the scanner
 * cuts a file (at "\n", a "\r" before it dropped, lines longer than
 * SCAN_MAX_LINE counted and left out, a last line without newline
 * kept), and every line goes through run_line(): the syslog header (or
 * a journal JSON entry), the rules of the bundled .pat files, the
 * signatures of patterns/signatures.sig, and the aggregator. The aggregator is then
 * read as the reports read it, one report is written into memory, and
 * when that report is the JSON summary it must merge back ("smtplog
 * merge") into the very same summary.
 *
 * Every line is also given to pat_shape_check(): where a built-in shape
 * parser (shape.c) answers, its answer must be its rule's regex's.
 *
 * The first byte chooses: bit 0 a --since, bit 1 an --until, bit 2
 * --trace (into memory), bits 3-5 the report format.
 *
 * The rules are loaded once; each input gets its own run, freed after.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pat.h"
#include "run.h"
#include "scan.h"
#include "syslog.h"

static struct run_rules rules;

static const char *const formats[] = {"json", "text", "csv", "prometheus",
    "html", "json", "json", "json"};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	fuzz_rules(&rules, "fuzz_lines");
	return 0;
}

/* The shape parsers answer as their regexes on line S (N bytes). */
static void
check_shapes(const char *s, size_t n)
{
	struct syslog_hdr h;
	char why[256];
	int idx;

	if (syslog_parse(s, n, &h) == SYSLOG_NONE)
		return;
	idx = pat_mta_for(rules.pats, &h);
	if (idx >= 0 &&
	    pat_shape_check(rules.pats, idx, h.msg, h.msglen, why,
		sizeof(why)) < 0) {
		fprintf(stderr, "shape parser and regex differ: %s\n", why);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p, *end, *nl;
	struct run r;
	unsigned opts;
	uint64_t lineno = 0;
	char *trace = NULL, *rep;
	size_t tracelen = 0, n, replen;

	if (size == 0)
		return 0;
	opts = data[0];
	p = (const char *)data + 1;
	end = (const char *)data + size;
	run_init(&r, rules.pats, FUZZ_NOW);
	r.sigs = rules.sigs;
	if (opts & 1) {
		r.win.has_since = 1;
		r.win.since = FUZZ_NOW - 30 * 86400;
	}
	if (opts & 2) {
		r.win.has_until = 1;
		r.win.until = FUZZ_NOW - 86400;
	}
	if ((opts & 4) && (r.trace = open_memstream(&trace, &tracelen)) == NULL)
		abort();
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		if (nl != NULL && n > 0 && p[n - 1] == '\r')
			n--;
		lineno++;
		if (n <= SCAN_MAX_LINE) {
			run_line(&r, p, n, "f", lineno);
			check_shapes(p, n);
		} else { /* as run.c counts what the scanner skipped */
			agg_counts(r.agg)->overlong++;
			agg_counts(r.agg)->lines++;
		}
		p = nl != NULL ? nl + 1 : end;
	}
	run_finish(&r);
	if (r.trace != NULL)
		fclose(r.trace);
	free(trace);
	fuzz_walk(r.agg);
	rep = fuzz_report(r.agg, rules.sigs, formats[(opts >> 3) & 7], &replen);
	free(rep);
	if (strcmp(formats[(opts >> 3) & 7], "json") == 0)
		fuzz_roundtrip(r.agg, rules.sigs);
	run_done(&r);
	return 0;
}
