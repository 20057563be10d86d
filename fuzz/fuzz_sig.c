/*
 * fuzz_sig.c - libFuzzer harness for the signatures file loader.
 *
 * The input is a signatures file (the patterns/signatures.sig format,
 * see patterns/README), read through sig_load_fp() from memory. When it
 * loads, the messages of some sample log lines are matched against it
 * with events of several shapes (class, direction, codes), as run.c
 * does for every event, and the texts of what matched are read. Each
 * answer is checked against the one of trying every pattern without
 * the literal prefilter (lit_branches(), lit_required_all() on patterns
 * nobody wrote).
 *
 * Nothing is kept from one input to the next but the sample lines.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sig.h"
#include "syslog.h"

/* Events of the shapes the filters (class, dir, code, enh) look at. */
static const struct event shapes[] = {
    {.dir = EVENT_OUT, .cls = 5, .code = 550, .enh = {5, 1, 1}},
    {.dir = EVENT_IN, .cls = 5, .code = 554, .enh = {5, 7, 1}},
    {.dir = EVENT_OUT, .cls = 4, .code = 421, .enh = {4, 7, 0}},
    {.dir = EVENT_IN, .cls = 4, .code = 0, .enh = {0, 0, 0}},
    {.dir = EVENT_OUT, .cls = 2, .code = 250, .enh = {2, 0, 0}},
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t n;

	(void)argc;
	(void)argv;
	fuzz_init();
	(void)fuzz_lines(&n);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_line *lines;
	const struct sig_entry *e;
	struct syslog_hdr h;
	struct sig_set *set;
	volatile size_t sink = 0;
	char err[1024], *copy;
	size_t n, i, k;
	int idx;
	FILE *fp;

	if ((fp = fuzz_open(data, size, &copy)) == NULL)
		return 0;
	set = sig_new();
	if (sig_load_fp(set, fp, "fuzz.sig", err, sizeof(err)) == 0) {
		lines = fuzz_lines(&n);
		for (i = 0; i < n; i++) {
			if (syslog_parse(lines[i].s, lines[i].len, &h) ==
			    SYSLOG_NONE)
				continue;
			for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]);
			     k++) {
				idx =
				    sig_match(set, &shapes[k], h.msg, h.msglen);
				/* the prefilter only skips what cannot match:
				 * every pattern tried gives the same answer */
				sig_use_prefilter(set, 0);
				if (sig_match(set, &shapes[k], h.msg,
					h.msglen) != idx)
					abort();
				sig_use_prefilter(set, 1);
				if (idx < 0)
					continue;
				if ((e = sig_get(set, idx)) == NULL)
					abort();
				sink += strlen(e->id) + strlen(e->provider) +
				    strlen(e->title) + strlen(e->explanation) +
				    strlen(e->advice) + strlen(e->url);
			}
		}
	}
	(void)sink;
	sig_free(set);
	fclose(fp);
	free(copy);
	return 0;
}
