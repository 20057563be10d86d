/*
 * test_shape.c - the shape parsers (shape.c) answer as their rules'
 * regexes do. Each bundled rule that has a parser still has one (a
 * changed regex drops it); then parser and regex are run side by side
 * (pat_shape_check) on every line of sample-logs/, on the public corpus
 * in ../shared/corpus when it is there, on lines made to sit on the edges
 * of each regex, and on thousands of random mutations of real lines. Any
 * difference in match or in a group's offsets fails, naming the line.
 * $top_srcdir (default "..") locates the files; SMTPLOG_CORPUS overrides
 * the corpus and SMTPLOG_SHAPE_FILE adds a file (the bench log, say).
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
#include <sys/stat.h>

#include "event.h"
#include "lines.h"
#include "pat.h"
#include "syslog.h"

static struct pat_set *pats;
static char top[1024];

static int
setup(void **state)
{
	const char *t = getenv("top_srcdir");
	char dir[1100], err[512];

	(void)state;
	snprintf(top, sizeof(top), "%s", t && *t ? t : "..");
	snprintf(dir, sizeof(dir), "%s/patterns", top);
	pats = pat_load_dir(dir, err, sizeof(err));
	if (pats == NULL)
		fprintf(stderr, "%s\n", err);
	return pats == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	pat_free(pats);
	return 0;
}

/* Compare parser and regex on one log line; returns answers checked. */
static long
check_line(void *arg, const char *line, size_t len, const char *where)
{
	struct syslog_hdr h;
	char why[256];
	int idx, rc;

	(void)arg;
	if (syslog_parse(line, len, &h) == SYSLOG_NONE)
		return 0;
	idx = pat_mta_for(pats, &h);
	if (idx < 0)
		return 0;
	rc = pat_shape_check(pats, idx, h.msg, h.msglen, why, sizeof(why));
	if (rc < 0)
		fail_msg("%s: %s\n  line: %.*s", where, why, (int)len, line);
	return rc;
}

static void
bundled_rules__have_their_parsers(void **state)
{
	static const char *const want[EVENT_NMTA] = {
	    [EVENT_POSTFIX] = "status smtpd-reject",
	    [EVENT_EXIM] = "delivered bounced deferred",
	    [EVENT_SENDMAIL] = "stat-reply stat",
	};
	char names[256];
	int i, mta, seen = 0;

	(void)state;
	for (i = 0; i < pat_count(pats); i++) {
		mta = pat_mta_of(pats, i);
		assert_in_range(mta, 0, EVENT_NMTA - 1);
		(void)pat_shape_count(pats, i, names, sizeof(names));
		seen |= 1 << mta;
		if (strcmp(names, want[mta]) != 0)
			fail_msg(
			    "%s has parsers for \"%s\", expected \"%s\": "
			    "if a rule's regex changed, check its parser "
			    "in src/shape.c against it and update the hash",
			    event_mta_name(mta), names, want[mta]);
	}
	assert_int_equal(seen, (1 << EVENT_NMTA) - 1);
}

static void
samples__parser_agrees_with_regex(void **state)
{
	char dir[1100];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/sample-logs", top);
	/* every sample delivery line gives at least one answer */
	assert_true(lines_tree(dir, check_line, NULL) > 300);
}

static void
corpus__parser_agrees_with_regex(void **state)
{
	const char *c = getenv("SMTPLOG_CORPUS"), *extra;
	char dir[1100];
	struct stat st;
	long n;

	(void)state;
	if (c != NULL && *c)
		snprintf(dir, sizeof(dir), "%s", c);
	else
		snprintf(dir, sizeof(dir), "%s/../shared/corpus", top);
	if ((extra = getenv("SMTPLOG_SHAPE_FILE")) != NULL && *extra) {
		long k = lines_file(extra, check_line, NULL);

		print_message("%s: %ld answers compared\n", extra, k);
		assert_true(k > 0);
	}
	if (stat(dir, &st) != 0) {
		/* cmocka's skip() is a "not ok" in TAP, which automake fails */
		print_message("no corpus at %s: not compared\n", dir);
		return;
	}
	n = lines_tree(dir, check_line, NULL);
	print_message("corpus: %ld answers compared\n", n);
	assert_true(n > 1000);
}

/* Lines on the edges of the three regexes, each checked both ways. */
static void
edges__parser_agrees_with_regex(void **state)
{
	static const char *const lines[] = {
	    /* Postfix */
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b.c>, "
	    "relay=mx.b.c[1.2.3.4]:25, delay=1, dsn=2.0.0, status=sent "
	    "(250 2.0.0 Ok: queued as X)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b.c>, "
	    "orig_to=<x@y>, relay=none, delay=1, dsn=5.4.4, "
	    "status=bounced (Host or domain name not found)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=a@b.c, "
	    "relay=mx[1.2.3.4]:25, dsn=5.1.1, status=bounced (host "
	    "mx[1.2.3.4] said: 550-5.1.1 no such user (in reply to RCPT "
	    "TO command))",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b.c>, relay=mx, "
	    "dsn=4.4.1, status=deferred (connect to mx[1.2.3.4]:25: "
	    "Connection refused)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b.c>, relay=mx, "
	    "dsn=5.1.1234, status=bounced (host x said: 599 5.1.1 a (in "
	    "reply to RCPT TO command)) (in reply to DATA command))",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b.c>, relay=mx, "
	    "dsn=5.1.1, status=bounced (host x said: 550 #5.1.1 a)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b.c>, relay=mx, "
	    "xstatus=sent, status=deferred",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b.c>, relay=mx, "
	    "status=sent(x) status=bounced (host x refused to talk to me: "
	    "554 5.7.1 go away)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a,b@c>, relay=x, "
	    "status=sent (ok)",
	    /* the phrase before the code: right at the parenthesis, after
	     * colons that are not its own, past a parenthesis (too late) */
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b>, relay=x, "
	    "status=deferred ( said: 450 4.2.0 busy)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b>, relay=x, "
	    "status=bounced ( refused to talk to me: 554 5.7.1 no)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b>, relay=x, "
	    "status=deferred (host x[::1]: said:: said: 451 4.3.0 a: b)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b>, relay=x, "
	    "status=deferred (host x) said: 451 4.3.0 late)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b>, relay=x, "
	    "status=deferred (host x said: 45 no said: 452 4.2.2 full)",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b>, relay=x, "
	    "status=sent (",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b>, relay=x, "
	    "status=sent ( (in reply to  command))",
	    "Nov 20 10:00:00 mx postfix/smtp[1]: 4AB: to=<a@b>, relay=x[1, "
	    "status=sent (x (y) (in reply to end of DATA command)",
	    "Nov 20 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from "
	    "unknown[1.2.3.4]: 554 5.7.1 <a@b>: Relay access denied; "
	    "from=<x@y> to=<a@b> proto=ESMTP helo=<h>",
	    "Nov 20 10:00:00 mx postfix/cleanup[1]: 4AB: milter-reject: "
	    "END-OF-MESSAGE from x[1.2.3.4]: 5.7.1 Spam; from=<a>, to=<b>",
	    "Nov 20 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: CONNECT "
	    "from x[1.2.3.4]:25: 554-5.7.1234 no",
	    "Nov 20 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from "
	    "x[1.2.3.4]:25x: 554 no",
	    "Nov 20 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from "
	    "x[1.2.3.4]: 450 4.7.1 try, from=<a> later, from=<a>, to=<b "
	    "; from=<c> to=<d>x",
	    "Nov 20 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from "
	    "[1.2.3.4]: 5.7.1 x;from=<a> to=<b>",
	    "Nov 20 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from "
	    "x[1.2.3.4: 554 no",
	    "Nov 20 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: rcpt from "
	    "x[1.2.3.4]: 554 no",
	    "Nov 20 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: DATA: "
	    "; from=<> to=<>",
	    /* Exim */
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp => a@b.c R=dnslookup "
	    "T=remote_smtp H=mx.b.c [1.2.3.4] X=TLS1.3 C=\"250 2.0.0 ok\"",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp -> a@b.c R=r T=t "
	    "H=mx.b.c (helo) [1.2.3.4] C=\"250 ok\" C=\"250 5.5.5. later\"",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp => a@b.c H=[x H=mx.b.c "
	    "[1.2.3.4] C=\"250 ok",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp => a@b.c <a@b.c> "
	    "R=local T=local_delivery",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rpq => a@b.c",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp == a@b.c R=dnslookup "
	    "T=remote_smtp defer (-44) H=mx [1.2.3.4]: SMTP error from "
	    "remote mail server after RCPT TO:<a@b.c>: 451 4.7.1 later",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp ** a@b.c: Unrouteable "
	    "address",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp ** a@b.c R=x:y",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp == a@b.c H=h (x) [1.2.3.4]",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp == :x",
	    "2026-11-20 10:00:00 1xUB6m-0000zu-Rp ==  a",
	    /* Sendmail */
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<a@b.c>, delay=00:00:01, "
	    "mailer=esmtp, relay=mx.b.c. [1.2.3.4], dsn=2.0.0, "
	    "stat=Sent (Ok: queued as X)",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<a@b.c>, relay=mx.b.c. "
	    "[1.2.3.4]x, dsn=4.0.0, stat=Deferred: 451 4.3.0 try later",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=a@b.c,c@d, "
	    "relay=mx, stat=Sent",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<>, relay=mx, stat=Sent",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<a@b>, relay=, "
	    "stat=User unknown",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<a@b>, reply=550 5.1.1 "
	    "no, stat=User unknown",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<a@b>, reply=55 x, "
	    "relay=r [1.2.3.4], reply=550-5.1.1.2 a, stat=X, stat=Deferred: 4",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<a@b>, reply=550 5.1.1 a, "
	    "stat=",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<a@b>, stat=Sent, "
	    "reply=550 x",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=<>, reply=550 x, stat=Y",
	    "Nov 20 10:00:00 mx sm-mta[1]: 6AK0: to=a@b, dsn=5.1.1, "
	    "reply=451 4.1.1, stat=Deferred",
	};
	size_t i;
	int total = 0;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		total += check_line(NULL, lines[i], strlen(lines[i]), lines[i]);
	assert_true(total >= (int)(sizeof(lines) / sizeof(lines[0])));
}

/* A small generator, so that runs are repeatable. */
static uint32_t
next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Mutate LINE in place (cap bytes of room): insert, delete or replace a
 * byte or a piece that matters to one of the regexes. */
static size_t
mutate(char *line, size_t len, size_t cap, uint32_t *seed)
{
	static const char *const pieces[] = {" said: ",
	    " refused to talk to "
	    "me: ",
	    ", dsn=", ", dsn=5.1.1,", "5.1.1", "550 ", "451-", " (", ")", "(",
	    " (in reply to RCPT TO command)", " command)",
	    "status=", ", stat=", ", reply=", ", relay=", " orig_to=", "<", ">",
	    ",", " H=", " C=\"", "\"", "[", "]", " [1.2.3.4]", "#", ".", " ",
	    ":", "\n", "\t", "=>", "relay=none,", "0", "9", "A", "_",
	    "reject: ", " from ", "; from=<", ", from=<", " to=<", "** ",
	    "== ", "milter-", ": ", ", reply=550 ", ", stat=Deferred"};
	uint32_t r = next_rand(seed);
	size_t at = len ? r % len : 0, n;
	const char *p;

	switch (next_rand(seed) % 3) {
	case 0: /* delete up to 3 bytes */
		n = 1 + next_rand(seed) % 3;
		if (at + n > len)
			n = len - at;
		memmove(line + at, line + at + n, len - at - n);
		return len - n;
	case 1: /* replace a byte */
		p = pieces[next_rand(seed) %
		    (sizeof(pieces) / sizeof(*pieces))];
		if (len > 0)
			line[at] = p[0];
		return len;
	default: /* insert a piece */
		p = pieces[next_rand(seed) %
		    (sizeof(pieces) / sizeof(*pieces))];
		n = strlen(p);
		if (len + n > cap)
			return len;
		memmove(line + at + n, line + at, len - at);
		memcpy(line + at, p, n);
		return len + n;
	}
}

static void
mutations__parser_agrees_with_regex(void **state)
{
	static const char *const files[] = {"postfix-real.log",
	    "exim-real-mainlog", "sendmail-real.log"};
	char path[1200], line[4096], where[64];
	FILE *fp;
	size_t i, len, base;
	uint32_t seed = 12345;
	long total = 0;
	int k, step;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/sample-logs/%s", top,
		    files[i]);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		while (fgets(line, sizeof(line) - 512, fp) != NULL) {
			char orig[4096];

			base = strcspn(line, "\n");
			memcpy(orig, line, base);
			for (k = 0; k < 60; k++) {
				memcpy(line, orig, base);
				len = base;
				for (step = 0; step <= k % 4; step++)
					len = mutate(line, len,
					    sizeof(line) - 1, &seed);
				snprintf(where, sizeof(where),
				    "%s, mutation %d", files[i], k);
				total += check_line(NULL, line, len, where);
			}
		}
		fclose(fp);
	}
	print_message("mutations: %ld answers compared\n", total);
	assert_true(total > 5000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bundled_rules__have_their_parsers),
	    cmocka_unit_test(samples__parser_agrees_with_regex),
	    cmocka_unit_test(corpus__parser_agrees_with_regex),
	    cmocka_unit_test(edges__parser_agrees_with_regex),
	    cmocka_unit_test(mutations__parser_agrees_with_regex),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
