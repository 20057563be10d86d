/*
 * fuzz_common.c - what the libFuzzer harnesses share (see fuzz.h).
 *
 * Where the bundled files are: FUZZ_SRCDIR is the source tree the
 * harness was built from (set by "make fuzz"); $SMTPLOG_PATTERNS names
 * another patterns directory, as it does for smtplog.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz.h"
#include "merge.h"
#include "report.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

void
fuzz_init(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

const char *
fuzz_patterns_dir(void)
{
	const char *env = getenv("SMTPLOG_PATTERNS");

	return env != NULL && *env != '\0' ? env : FUZZ_SRCDIR "/patterns";
}

void
fuzz_rules(struct run_rules *rr, const char *who)
{
	char err[1024];

	if (run_rules_load(rr, fuzz_patterns_dir(), err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", who, err);
		exit(1);
	}
}

FILE *
fuzz_open(const uint8_t *data, size_t size, char **buf)
{
	FILE *fp;

	*buf = NULL;
	if (size == 0)
		return NULL;
	if ((*buf = malloc(size)) == NULL)
		abort();
	memcpy(*buf, data, size);
	if ((fp = fmemopen(*buf, size, "r")) == NULL)
		abort();
	return fp;
}

/* Every fourth line of the plain syslog samples of each MTA: enough
 * shapes for a loaded rule set to meet, few enough to stay fast. Kept
 * for the whole run (the harness does not free them). */
const struct fuzz_line *
fuzz_lines(size_t *n)
{
	static const char *const files[] = {"postfix-real.log",
	    "exim-real-mainlog", "exim-real-rejectlog", "sendmail-real.log"};
	static struct fuzz_line *lines;
	static size_t nlines;
	char path[4096], *buf = NULL;
	size_t cap = 0, i, k;
	ssize_t len;
	FILE *fp;

	if (lines != NULL) {
		*n = nlines;
		return lines;
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/sample-logs/%s", FUZZ_SRCDIR,
		    files[i]);
		if ((fp = fopen(path, "r")) == NULL) {
			perror(path);
			exit(1);
		}
		for (k = 0; (len = getline(&buf, &cap, fp)) > 0; k++) {
			if (k % 4 != 0)
				continue;
			if (buf[len - 1] == '\n')
				buf[--len] = '\0';
			lines = realloc(lines, (nlines + 1) * sizeof(*lines));
			if (lines == NULL)
				abort();
			lines[nlines].s = strdup(buf);
			lines[nlines++].len = (size_t)len;
		}
		fclose(fp);
	}
	free(buf);
	*n = nlines;
	return lines;
}

/* Every reader of the aggregator, as the reports call them; the arrays
 * are freed, the sizes summed so that nothing is optimised away. */
void
fuzz_walk(const struct agg *a)
{
	static const int kinds[] = {AGG_PEER_DOMAIN, AGG_PEER_HOST};
	volatile size_t sink = 0;
	struct agg_cell *cells;
	struct agg_top *top;
	struct agg_peer *peers;
	struct agg_dest *dest;
	struct agg_peer_row *rows;
	size_t n, ntop, i, k, d;
	unsigned level;
	int64_t step;

	cells = agg_cells(a, &n);
	sink += n;
	free(cells);
	top = agg_top(a, 10, &ntop);
	for (i = 0; i < ntop; i++)
		for (k = 0; k < 2; k++) {
			peers = agg_peers(a, &top[i], kinds[k], 5, &n, &level);
			sink += n + level;
			free(peers);
		}
	free(top);
	for (d = 0; d < EVENT_NDIR; d++)
		for (k = 0; k < 2; k++) {
			dest = agg_destinations(a, (int)d, kinds[k], 10, &n);
			sink += n;
			free(dest);
		}
	rows = agg_peer_rows(a, &n);
	sink += n;
	free(rows);
	(void)agg_hours(a, &n, &step);
	sink += n;
	(void)agg_samples(a, &n);
	sink += n;
	(void)sink;
}

char *
fuzz_report(const struct agg *a, const struct sig_set *sigs, const char *fmt,
    size_t *len)
{
	const struct report_format *f = report_find(fmt);
	struct report_opts o;
	char *buf = NULL;
	FILE *fp;

	memset(&o, 0, sizeof(o));
	o.top = 10;
	o.peers = 5;
	o.ninputs = 1;
	o.sigs = sigs;
	if (f == NULL || (fp = open_memstream(&buf, len)) == NULL)
		abort();
	if (f->emit(fp, a, &o) < 0) {
		fprintf(stderr, "fuzz: the %s report failed\n", fmt);
		abort();
	}
	fclose(fp);
	return buf;
}

/* Replace every FROM in S (*LEN bytes) by TO, which is not longer. */
static void
fuzz_replace(char *s, size_t *len, const char *from, const char *to)
{
	size_t i, j = 0, nf = strlen(from), nt = strlen(to);

	for (i = 0; i < *len; i++) {
		if (i + nf <= *len && memcmp(s + i, from, nf) == 0) {
			memcpy(s + j, to, nt);
			j += nt;
			i += nf - 1;
			continue;
		}
		s[j++] = s[i];
	}
	s[j] = '\0';
	*len = j;
}

/* Drop the summary's name ("m:") merge_text() put in front of every
 * sample's input name, and of its hex twin ("6d3a") when the name is not
 * valid UTF-8, so that the two documents can be compared. */
static void
fuzz_unprefix(char *s, size_t *len)
{
	fuzz_replace(s, len, "\"m:", "\"");
	fuzz_replace(s, len, "\"where_hex\": \"6d3a", "\"where_hex\": \"");
}

/* Show where two documents part, and stop. */
static void
fuzz_differ(const char *what, const char *x, size_t nx, const char *y,
    size_t ny)
{
	size_t i = 0, from;

	while (i < nx && i < ny && x[i] == y[i])
		i++;
	from = i > 200 ? i - 200 : 0;
	fprintf(stderr,
	    "fuzz: %s differ at byte %zu\n--- first:\n%.*s\n"
	    "--- second:\n%.*s\n",
	    what, i, (int)((nx < i + 200 ? nx : i + 200) - from), x + from,
	    (int)((ny < i + 200 ? ny : i + 200) - from), y + from);
	abort();
}

void
fuzz_roundtrip(const struct agg *a, const struct sig_set *sigs)
{
	struct agg *b = agg_new();
	char *j1, *j2, err[1024];
	size_t n1, n2;
	int inputs = 0;

	j1 = fuzz_report(a, sigs, "json", &n1);
	if (merge_text(b, sigs, "m", j1, n1, &inputs, err, sizeof(err)) !=
	    MERGE_OK) {
		fprintf(stderr,
		    "fuzz: a summary smtplog wrote does not merge: %s\n%s\n",
		    err, j1);
		abort();
	}
	j2 = fuzz_report(b, sigs, "json", &n2);
	fuzz_unprefix(j1, &n1);
	fuzz_unprefix(j2, &n2);
	if (n1 != n2 || memcmp(j1, j2, n1) != 0)
		fuzz_differ("a summary and its merge", j1, n1, j2, n2);
	free(j1);
	free(j2);
	agg_free(b);
}
