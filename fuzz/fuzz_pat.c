/*
 * fuzz_pat.c - libFuzzer harness for the pattern file loader.
 *
 * The input is a pattern file (the format of the .pat files of
 * patterns/, see patterns/README), read through pat_load_fp() from memory. When it
 * loads, some lines of the sample logs go through it as run.c sends
 * them: the header, the rule set of the program (pat_mta_for), and
 * pat_match(); each message is also tried against every rule set, so
 * that the rules meet lines even when no program matches.
 *
 * Nothing is kept from one input to the next but the sample lines.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pat.h"
#include "syslog.h"

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

/* A part of an event (S, N bytes) must lie inside the message. */
static void
check_part(const char *s, size_t n, const char *msg, size_t len)
{
	if (s != NULL &&
	    (s < msg || s > msg + len || n > (size_t)(msg + len - s)))
		abort();
}

/* What a matched event holds must fit what smtplog believes of it. */
static void
check_event(const struct event *ev, const char *msg, size_t len)
{
	check_part(ev->host, ev->hostlen, msg, len);
	check_part(ev->domain, ev->domainlen, msg, len);
	check_part(ev->text, ev->textlen, msg, len);
	if (ev->cls != 2 && ev->cls != 4 && ev->cls != 5)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_line *lines;
	struct syslog_hdr h;
	struct pat_set *set;
	struct event ev;
	char err[1024], *copy;
	size_t n, i;
	int k, idx;
	FILE *fp;

	if ((fp = fuzz_open(data, size, &copy)) == NULL)
		return 0;
	set = pat_new();
	if (pat_load_fp(set, fp, "fuzz.pat", err, sizeof(err)) == 0) {
		lines = fuzz_lines(&n);
		for (i = 0; i < n; i++) {
			if (syslog_parse(lines[i].s, lines[i].len, &h) ==
			    SYSLOG_NONE)
				continue;
			idx = pat_mta_for(set, &h);
			if (idx >= 0 &&
			    pat_match(set, idx, h.msg, h.msglen, &ev) ==
				PAT_EVENT)
				check_event(&ev, h.msg, h.msglen);
			for (k = 0; k < pat_count(set); k++)
				if (pat_match(set, k, h.msg, h.msglen, &ev) ==
				    PAT_EVENT)
					check_event(&ev, h.msg, h.msglen);
		}
	}
	pat_free(set);
	fclose(fp);
	free(copy);
	return 0;
}
