/*
 * test_pat.c - the pattern engine and the shipped patterns/: loading and
 * its error messages, and for real-shaped lines of each MTA the event
 * (or none) that comes out: direction, class, codes, inference, stage,
 * host and domain. Patterns are read from $top_srcdir/patterns.
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
#include <unistd.h>

#include "pat.h"
#include "syslog.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct pat_set *pats;

static int
setup(void **state)
{
	char dir[4096], err[1024];
	const char *top = getenv("top_srcdir");

	snprintf(dir, sizeof(dir), "%s/patterns", top ? top : "..");
	pats = pat_load_dir(dir, err, sizeof(err));
	if (pats == NULL)
		fprintf(stderr, "%s\n", err);
	return pats == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	pat_free(pats);
	return 0;
}

/* What a line is expected to give. */
struct want {
	const char *line;
	enum pat_result res;
	int mta, dir, cls, code;
	const char *enh; /* "" none */
	int inferred, stage;
	const char *host; /* NULL: not checked; "": unset */
	const char *domain;
};

#define PF EVENT_POSTFIX
#define EX EVENT_EXIM
#define SM EVENT_SENDMAIL
#define IN EVENT_IN
#define OUT EVENT_OUT

/* Run one line through header parsing and the patterns. */
static enum pat_result
classify(const char *line, struct event *ev, int *mta)
{
	struct syslog_hdr h;
	int idx;

	if (syslog_parse(line, strlen(line), &h) == SYSLOG_NONE)
		return (enum pat_result) - 1;
	idx = pat_mta_for(pats, &h);
	*mta = pat_mta_of(pats, idx);
	if (idx < 0)
		return (enum pat_result) - 2;
	return pat_match(pats, idx, h.msg, h.msglen, ev);
}

static void
check(const struct want *w)
{
	struct event ev;
	char enh[16];
	int mta = -1;
	enum pat_result r = classify(w->line, &ev, &mta);

	print_message("line: %s\n", w->line);
	assert_int_equal(r, w->res);
	assert_int_equal(mta, w->mta);
	if (r != PAT_EVENT)
		return;
	assert_int_equal(ev.mta, w->mta);
	assert_int_equal(ev.dir, w->dir);
	assert_int_equal(ev.cls, w->cls);
	assert_int_equal(ev.code, w->code);
	assert_string_equal(event_enh_str(&ev.enh, enh, sizeof(enh)), w->enh);
	assert_int_equal(ev.inferred, w->inferred);
	assert_int_equal(ev.stage, w->stage);
	if (w->host != NULL) {
		assert_int_equal(ev.hostlen, strlen(w->host));
		assert_memory_equal(ev.host, w->host, ev.hostlen);
	}
	if (w->domain != NULL) {
		assert_int_equal(ev.domainlen, strlen(w->domain));
		assert_memory_equal(ev.domain, w->domain, ev.domainlen);
	}
}

static void
check_all(const struct want *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check(&w[i]);
}

#define NWANT(a) (sizeof(a) / sizeof((a)[0]))

static const struct want
    postfix_cases[] =
	{
	    {"Nov 22 10:00:01 mail postfix/smtp[2201]: 4F3A21C0: to=<ann@example.net>, relay=mx.example.net[192.0.2.10]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A8B7C)",
		PAT_EVENT, PF, OUT, 2, 250, "2.0.0", 0, EVENT_STAGE_NONE,
		"mx.example.net[192.0.2.10]", "example.net"},
	    {"Nov 22 10:00:02 mail postfix/smtp[2201]: 4F3A21C0: to=<bob@example.org>, relay=mx.example.org[192.0.2.11]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.11] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))",
		PAT_EVENT, PF, OUT, 5, 550, "5.1.1", 0, EVENT_STAGE_RCPT,
		"mx.example.org[192.0.2.11]", "example.org"},
	    /* a multi-line reply logged joined is one event, its first code */
	    {"2026-11-22T10:00:03.123456+01:00 mail postfix/smtp[2202]: 51B2C3D4: to=<nobody@gmail.example>, relay=gmail-smtp-in.l.google.example[192.0.2.27]:25, delay=0.9, delays=0.1/0/0.3/0.5, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.example[192.0.2.27] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. 550 5.1.1 https://support.google.example/mail/?p=NoSuchUser a1si2 - gsmtp (in reply to RCPT TO command))",
		PAT_EVENT, PF, OUT, 5, 550, "5.1.1", 0, EVENT_STAGE_RCPT,
		"gmail-smtp-in.l.google.example[192.0.2.27]", "gmail.example"},
	    /* no remote reply: class from dsn=, no basic code */
	    {"Nov 22 10:00:04 mail postfix/smtp[2203]: 6C7D8E9F: to=<carl@down.example>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.down.example[192.0.2.99]:25: Connection refused)",
		PAT_EVENT, PF, OUT, 4, 0, "4.4.1", 0, EVENT_STAGE_NONE, "",
		"down.example"},
	    {"Nov 22 10:00:05 mail postfix/smtp[2204]: 7D8E9F01: to=<dan@grey.example>, relay=mx.grey.example[192.0.2.12]:25, delay=2, delays=1/0/0.5/0.5, dsn=4.7.1, status=deferred (host mx.grey.example[192.0.2.12] said: 451 4.7.1 Greylisted, please try again later (in reply to end of DATA command))",
		PAT_EVENT, PF, OUT, 4, 451, "4.7.1", 0, EVENT_STAGE_EOM, NULL,
		"grey.example"},
	    /* local delivery: a 2.0.0 outcome without a reply */
	    {"Nov 22 10:00:06 mail postfix/local[2205]: 8E9F0A1B: to=<root@mail.example>, orig_to=<postmaster@mail.example>, relay=local, delay=0.02, delays=0.01/0/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)",
		PAT_EVENT, PF, OUT, 2, 0, "2.0.0", 0, EVENT_STAGE_NONE, "local",
		"mail.example"},
	    /* numbers that look like codes are not codes: delay=421 */
	    {"Nov 22 10:00:07 mail postfix/smtp[250]: 9F0A1B2C: to=<eve@example.net>, relay=mx.example.net[192.0.2.10]:25, delay=421, delays=420/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
		PAT_EVENT, PF, OUT, 2, 250, "2.0.0", 0, EVENT_STAGE_NONE, NULL,
		NULL},
	    {"Nov 22 10:00:08 mail postfix/qmgr[1100]: 9F0A1B2C: from=<eve@example.net>, size=550, nrcpt=1 (queue active)",
		PAT_NOREPLY, PF, 0, 0, 0, "", 0, 0, NULL, NULL},
	    {"Nov 22 10:00:09 mail postfix/smtpd[2210]: connect from unknown[192.0.2.250]",
		PAT_NOREPLY, PF, 0, 0, 0, "", 0, 0, NULL, NULL},
	    {"Nov 22 10:00:10 mail postfix/submission/smtpd[2211]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 <x@elsewhere.example>: Relay access denied; from=<spam@bad.example> to=<x@elsewhere.example> proto=ESMTP helo=<bad>",
		PAT_EVENT, PF, IN, 5, 554, "5.7.1", 0, EVENT_STAGE_RCPT,
		"unknown[192.0.2.7]", "elsewhere.example"},
	    {"Nov 22 10:00:11 mail postfix-out/smtpd[2212]: NOQUEUE: reject: RCPT from mail.bad.example[192.0.2.8]: 450 4.7.1 <mail.bad.example>: Helo command rejected: Host not found; from=<a@bad.example> to=<b@mail.example> proto=ESMTP helo=<mail.bad.example>",
		PAT_EVENT, PF, IN, 4, 450, "4.7.1", 0, EVENT_STAGE_RCPT, NULL,
		"mail.example"},
	    {"Nov 22 10:00:12 mail postfix/postscreen[2213]: NOQUEUE: reject: RCPT from [192.0.2.9]:41234: 550 5.7.1 Service unavailable; client [192.0.2.9] blocked using zen.spamhaus.example; from=<a@b.example>, to=<c@mail.example>, proto=ESMTP, helo=<b.example>", PAT_EVENT,
		PF, IN, 5, 550, "5.7.1", 0, EVENT_STAGE_RCPT, "[192.0.2.9]",
		"mail.example"},
	    {"Nov 22 10:00:13 mail postfix/smtpd[2214]: NOQUEUE: reject: EHLO from s1.example[192.0.2.30]: 504 5.5.2 <User>: Helo command rejected: need fully-qualified hostname; proto=SMTP helo=<User>",
		PAT_EVENT, PF, IN, 5, 504, "5.5.2", 0, EVENT_STAGE_HELO,
		"s1.example[192.0.2.30]", ""},
	    /* milter rejects have no basic code in the log */
	    {"Nov 22 10:00:14 mail postfix/cleanup[2215]: A1B2C3D4: milter-reject: END-OF-MESSAGE from relay.example[192.0.2.31]: 5.7.1 Spam message rejected; from=<a@relay.example> to=<b@mail.example> proto=ESMTP helo=<relay.example>",
		PAT_EVENT, PF, IN, 5, 0, "5.7.1", 0, EVENT_STAGE_EOM,
		"relay.example[192.0.2.31]", "mail.example"},
	    {"Nov 22 10:00:15 mail postfix/cleanup[2216]: B2C3D4E5: reject: header Subject: You won from unknown[192.0.2.32]; from=<a@x.example> to=<b@mail.example> proto=ESMTP helo=<x.example>: 5.7.1 message content rejected",
		PAT_EVENT, PF, IN, 5, 0, "5.7.1", 0, EVENT_STAGE_EOM,
		"unknown[192.0.2.32]", "mail.example"},
	    /* Postfix logs no code for a failed AUTH: 535 5.7.8 is inferred */
	    {"Nov 22 10:00:16 mail postfix/smtpd[2217]: warning: unknown[192.0.2.33]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
		PAT_EVENT, PF, IN, 5, 535, "5.7.8", 1, EVENT_STAGE_AUTH,
		"unknown[192.0.2.33]", ""},
	    {"Nov 22 10:00:17 mail postfix/smtpd[2218]: NOQUEUE: reject_warning: RCPT from unknown[192.0.2.34]: 450 4.7.1 Client host rejected: cannot find your hostname; from=<a@b> to=<c@d> proto=ESMTP helo=<x>",
		PAT_NOREPLY, PF, 0, 0, 0, "", 0, 0, NULL, NULL},
	    {"Nov 22 10:00:18 mail postfix/qmgr[1100]: C3D4E5F6: from=<a@mail.example>, status=expired, returned to sender",
		PAT_EVENT, PF, OUT, 5, 0, "", 0, EVENT_STAGE_NONE, "", ""},
	    /* a reply logged before trying the next MX */
	    {"Nov 22 10:00:19 mail postfix/smtp[2219]: D4E5F6A7: host mx1.busy.example[192.0.2.35] said: 421 4.7.0 Try again later, closing connection. (in reply to MAIL FROM command)",
		PAT_EVENT, PF, OUT, 4, 421, "4.7.0", 0, EVENT_STAGE_MAIL,
		"mx1.busy.example[192.0.2.35]", ""},
	    {"Nov 22 10:00:20 mail postfix/smtp[2220]: E5F6A7B8: to=<f@block.example>, relay=mx.block.example[192.0.2.36]:25, delay=0.3, delays=0.1/0/0.2/0, dsn=5.0.0, status=bounced (host mx.block.example[192.0.2.36] refused to talk to me: 554 5.7.1 Service unavailable; Client host blocked)",
		PAT_EVENT, PF, OUT, 5, 554, "5.7.1", 0, EVENT_STAGE_NONE, NULL,
		"block.example"},
	    /* old Postfix without dsn=, and Solaris' [ID ...] prefix */
	    {"Jan 10 08:15:44 cs postfix/local[10770]: [ID 197553 mail.info] A33CF38C1: to=<ag@cs.example>, relay=local, delay=2, status=bounced (mail forwarding loop for ag@cs.example)",
		PAT_EVENT, PF, OUT, 5, 0, "", 0, EVENT_STAGE_NONE, "local",
		"cs.example"},
	    {"Nov 22 10:00:21 mail postfix/smtpd[2221]: NOQUEUE: reject: Unsupported",
		PAT_UNPARSED, PF, 0, 0, 0, "", 0, 0, NULL, NULL},
};

static void
pat_match__postfix_lines__expected_events(void **state)
{
	check_all(postfix_cases, NWANT(postfix_cases));
}

static const struct want exim_cases[] = {
    {"2026-11-22 10:00:01 1tEq9X-0001aB-Cd => ann@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.10] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 Ok: queued as 9A8B7C\"",
	PAT_EVENT, EX, OUT, 2, 250, "2.0.0", 0, EVENT_STAGE_NONE,
	"mx.example.net [192.0.2.10]", "example.net"},
    /* Exim 4.97+ 23-character ids, and no C= field */
    {"2026-11-22 10:00:02 [4242] 1tEq9X-0001aBcDeFg-HiJk -> bob@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.10]",
	PAT_EVENT, EX, OUT, 2, 0, "", 0, EVENT_STAGE_NONE,
	"mx.example.net [192.0.2.10]", "example.net"},
    {"2026-11-22 10:00:03 1tEq9X-0001aB-Cd ** carl@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.11]: SMTP error from remote mail server after RCPT TO:<carl@example.org>: 550 5.1.1 <carl@example.org>: Recipient address rejected: User unknown",
	PAT_EVENT, EX, OUT, 5, 550, "5.1.1", 0, EVENT_STAGE_RCPT,
	"mx.example.org [192.0.2.11]", "example.org"},
    {"2026-11-22 10:00:04 1tEq9X-0001aB-Cd ** molly@zee.example R=dnslookup T=remote_smtp H=mail.zee.example [192.0.2.3] X=TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256 CV=yes DN=\"C=US,CN=mail.zee.example\": SMTP error from remote mail server after end of data: 554 5.2.0 Recipient Mailbox Full",
	PAT_EVENT, EX, OUT, 5, 554, "5.2.0", 0, EVENT_STAGE_EOM,
	"mail.zee.example [192.0.2.3]", "zee.example"},
    {"2026-11-22 10:00:05 1tEq9X-0001aB-Cd ** dan@nowhere.example: Unrouteable address",
	PAT_EVENT, EX, OUT, 5, 0, "", 0, EVENT_STAGE_NONE, "",
	"nowhere.example"},
    {"2026-11-22 10:00:06 1tEq9X-0001aB-Cd == eve@grey.example R=dnslookup T=remote_smtp defer (-44) H=mx.grey.example [192.0.2.12]: SMTP error from remote mail server after RCPT TO:<eve@grey.example>: 451 4.7.1 Greylisted",
	PAT_EVENT, EX, OUT, 4, 451, "4.7.1", 0, EVENT_STAGE_RCPT,
	"mx.grey.example [192.0.2.12]", "grey.example"},
    {"2026-11-22 10:00:07 1tEq9X-0001aB-Cd == bob@null.example R=dnslookup T=remote_smtp defer (110): Connection timed out",
	PAT_EVENT, EX, OUT, 4, 0, "", 0, EVENT_STAGE_NONE, "", "null.example"},
    /* Exim's own rejections: the code is inferred */
    {"2026-11-22 10:00:08 H=(yakult.example) [192.0.2.40]:3755 I=[192.0.2.1]:25 F=<x@list.example> rejected RCPT <dir@mail.example>: relay not permitted",
	PAT_EVENT, EX, IN, 5, 550, "", 1, EVENT_STAGE_RCPT,
	"(yakult.example) [192.0.2.40]", "mail.example"},
    {"2026-11-22 10:00:09 H=mx.sender.example [192.0.2.41] F=<a@sender.example> temporarily rejected RCPT <b@mail.example>: greylisted",
	PAT_EVENT, EX, IN, 4, 451, "", 1, EVENT_STAGE_RCPT,
	"mx.sender.example [192.0.2.41]", "mail.example"},
    {"2026-11-22 10:00:10 SMTP protocol error in \"AUTH LOGIN\" H=(ylmf-pc) [192.0.2.42]:60723 I=[192.0.2.1]:587 AUTH command used when not advertised",
	PAT_EVENT, EX, IN, 5, 503, "", 1, EVENT_STAGE_AUTH,
	"(ylmf-pc) [192.0.2.42]", ""},
    {"2026-11-22 10:00:11 SMTP syntax error in \"GET / HTTP/1.1\" H=[192.0.2.43] unrecognized command",
	PAT_EVENT, EX, IN, 5, 500, "", 1, EVENT_STAGE_NONE, "[192.0.2.43]", ""},
    {"2026-11-22 10:00:12 SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[192.0.2.44]:25936 I=[192.0.2.1]:25 input=\"GET / HTTP/1.1\"",
	PAT_EVENT, EX, IN, 5, 554, "", 1, EVENT_STAGE_NONE, "[192.0.2.44]", ""},
    /* the code of a failed AUTH is logged */
    {"2026-11-22 10:00:13 dovecot_login authenticator failed for (User) [192.0.2.45]:21298 I=[192.0.2.1]:465 Ci=30416: 535 Incorrect authentication data (set_id=u@mail.example)",
	PAT_EVENT, EX, IN, 5, 535, "", 0, EVENT_STAGE_AUTH,
	"(User) [192.0.2.45]", ""},
    {"2026-11-22 10:00:14 rejected EHLO from [192.0.2.46]: syntactically invalid argument(s): _",
	PAT_EVENT, EX, IN, 5, 501, "", 1, EVENT_STAGE_HELO, "[192.0.2.46]", ""},
    /* the same line through syslog, with Exim's inner time and pid */
    {"Nov 22 10:00:15 mail exim[4243]: 2026-11-22 10:00:15 [4243] H=(x) [192.0.2.47] F=<a@b.example> rejected RCPT <c@mail.example>: Unrouteable address",
	PAT_EVENT, EX, IN, 5, 550, "", 1, EVENT_STAGE_RCPT, "(x) [192.0.2.47]",
	"mail.example"},
    {"2026-11-22 10:00:16 1tEq9X-0001aB-Cd <= a@b.example H=(b.example) [192.0.2.48] P=esmtp S=7386",
	PAT_NOREPLY, EX, 0, 0, 0, "", 0, 0, NULL, NULL},
    {"2026-11-22 10:00:17 1tEq9X-0001aB-Cd Completed", PAT_NOREPLY, EX, 0, 0, 0,
	"", 0, 0, NULL, NULL},
    {"2026-11-22 10:00:18 1tEq9X-0001aB-Cd *> f@b.example R=dnslookup T=remote_smtp",
	PAT_NOREPLY, EX, 0, 0, 0, "", 0, 0, NULL, NULL},
    /* ports and pids that look like codes are not codes */
    {"2026-11-22 10:00:19 [550] SMTP connection from [192.0.2.49]:421 I=[192.0.2.1]:25 (TCP/IP connection count = 1)",
	PAT_NOREPLY, EX, 0, 0, 0, "", 0, 0, NULL, NULL},
};

static void
pat_match__exim_lines__expected_events(void **state)
{
	check_all(exim_cases, NWANT(exim_cases));
}

static const struct want sendmail_cases[] = {
    {"Nov 22 10:00:01 mail sm-mta[3301]: 5AMA01aB003301: to=<ann@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120442, relay=mx.example.net. [192.0.2.10], dsn=2.0.0, stat=Sent (Ok: queued as 9A8B7C)",
	PAT_EVENT, SM, OUT, 2, 0, "2.0.0", 0, EVENT_STAGE_NONE,
	"mx.example.net. [192.0.2.10]", "example.net"},
    {"Nov 22 10:00:02 mail sendmail[3302]: 5AMA02aB003302: to=<bob@grey.example>, delay=00:00:15, xdelay=00:00:15, mailer=esmtp, pri=34527, relay=[192.0.2.12] [192.0.2.12], dsn=4.3.5, stat=Deferred: 451 4.3.5 Server configuration problem",
	PAT_EVENT, SM, OUT, 4, 451, "4.3.5", 0, EVENT_STAGE_NONE, NULL,
	"grey.example"},
    {"Nov 22 10:00:03 mail sm-mta[3303]: 5AMA03aB003303: to=<carl@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30000, relay=mx.example.org. [192.0.2.11], dsn=5.1.1, stat=User unknown",
	PAT_EVENT, SM, OUT, 5, 0, "5.1.1", 0, EVENT_STAGE_NONE, NULL,
	"example.org"},
    /* Sendmail 8.17+: the remote reply in reply=, before stat= */
    {"Nov 22 19:02:51 mail sm-mta[2772]: 6AMJ2pEg002770: to=<rcpt550-511@example.net>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=30287, relay=[127.0.0.1] [127.0.0.1], dsn=5.1.1, reply=550 5.1.1 <rcpt550-511@example.net>: Recipient address rejected: User unknown, stat=User unknown",
	PAT_EVENT, SM, OUT, 5, 550, "5.1.1", 0, EVENT_STAGE_NONE,
	"[127.0.0.1] [127.0.0.1]", "example.net"},
    {"Nov 22 19:02:51 mail sm-mta[2808]: 6AMJ2pNd002806: to=<user@greet421.test>, delay=00:00:00, xdelay=00:00:00, mailer=smtp8, pri=30276, relay=[127.0.0.1] [127.0.0.1], dsn=4.5.0, reply=421 4.3.2 Service not available, closing transmission channel, stat=Deferred: 421 4.3.2 Service not available, closing transmission channel",
	PAT_EVENT, SM, OUT, 4, 421, "4.3.2", 0, EVENT_STAGE_NONE, NULL,
	"greet421.test"},
    {"Nov 22 19:02:51 mail sm-mta[2772]: 6AMJ2pEg002770: 6AMJ2pEg002772: DSN: User unknown",
	PAT_NOREPLY, SM, 0, 0, 0, "", 0, 0, NULL, NULL},
    {"Nov 22 10:00:04 mail sm-mta[3304]: 5AMA04aB003304: to=<dan@down.example>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=30000, relay=mx.down.example., dsn=4.0.0, stat=Deferred: Connection refused by mx.down.example.",
	PAT_EVENT, SM, OUT, 4, 0, "4.0.0", 0, EVENT_STAGE_NONE, NULL,
	"down.example"},
    {"Nov 22 10:00:05 mail sm-mta[3305]: 5AMA05aB003305: ruleset=check_rcpt, arg1=<x@elsewhere.example>, relay=bad.example [192.0.2.7], reject=550 5.7.1 <x@elsewhere.example>... Relaying denied",
	PAT_EVENT, SM, IN, 5, 550, "5.7.1", 0, EVENT_STAGE_RCPT,
	"bad.example [192.0.2.7]", NULL},
    {"Nov 22 10:00:06 mail sendmail[28792]: ruleset=check_relay, arg1=c-1.client.example, arg2=192.0.2.8, relay=c-1.client.example [192.0.2.8], reject=550 5.7.1 Mail from 192.0.2.8 refused",
	PAT_EVENT, SM, IN, 5, 550, "5.7.1", 0, EVENT_STAGE_CONNECT,
	"c-1.client.example [192.0.2.8]", NULL},
    /* the server's own "User unknown": 550 5.1.1 is inferred */
    {"Nov 22 10:00:07 mail sm-mta[3306]: 5AMA06aB003306: <nobody@mail.example>... User unknown",
	PAT_EVENT, SM, IN, 5, 550, "5.1.1", 1, EVENT_STAGE_RCPT, "",
	"mail.example"},
    {"Nov 22 10:00:08 mail sm-mta[3307]: 5AMA07aB003307: to=<eve@example.net>, delay=00:00:00, mailer=esmtp, pri=30000, stat=queued",
	PAT_NOREPLY, SM, 0, 0, 0, "", 0, 0, NULL, NULL},
    /* a debug dump is not a reply: "phase=client DATA 354" */
    {"Nov 22 10:00:09 mail sm-mta[3308]: 5AMA08aB003308: SMTP outgoing connect on phase=client DATA 354",
	PAT_NOREPLY, SM, 0, 0, 0, "", 0, 0, NULL, NULL},
    {"Nov 22 10:00:10 mail sm-mta[3309]: 5AMA09aB003309: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=x, relay=[192.0.2.9]",
	PAT_EVENT, SM, IN, 5, 535, "5.7.0", 1, EVENT_STAGE_AUTH, "", ""},
    /* other programs are not mail lines */
    {"Nov 22 10:00:11 mail dovecot[999]: imap-login: Login: user=<a>, 550 5.1.1",
	(enum pat_result) - 2, -1, 0, 0, 0, "", 0, 0, NULL, NULL},
};

static void
pat_match__sendmail_lines__expected_events(void **state)
{
	check_all(sendmail_cases, NWANT(sendmail_cases));
}

/* Write TEXT into a temporary .pat file; returns its path (static). */
static const char *
write_pat(const char *text)
{
	static char path[64];
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "/tmp/smtplog-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Load TEXT as a pattern file and return the error message. */
static void
load_err(const char *text, char *err, size_t n)
{
	struct pat_set *set = pat_new();
	const char *path = write_pat(text);
	char buf[1024];

	assert_int_equal(pat_load_file(set, path, buf, sizeof(buf)), -1);
	/* drop the temporary path so callers compare the rest */
	assert_memory_equal(buf, path, strlen(path));
	snprintf(err, n, "%s", buf + strlen(path));
	unlink(path);
	pat_free(set);
}

static void
pat_load_file__bad_regex__file_line_offset_message(void **state)
{
	char err[1024];

	load_err("mta postfix\nprogram ^postfix\n# c\nevent x dir=out ^a(b\n",
	    err, sizeof(err));
	assert_string_equal(err, ":4: offset 4: missing closing parenthesis");
}

static void
pat_load_file__bad_program__file_line_offset_message(void **state)
{
	char err[1024];

	load_err("mta exim\nprogram [x\n", err, sizeof(err));
	assert_string_equal(err,
	    ":2: offset 2: missing terminating ] for character class");
}

static void
pat_load_file__unknown_directive__named(void **state)
{
	char err[1024];

	load_err("mta exim\nprogram ^exim\nmatch foo\n", err, sizeof(err));
	assert_string_equal(err, ":3: unknown directive 'match'");
}

static void
pat_load_file__missing_dir__refused(void **state)
{
	char err[1024];

	load_err("mta exim\nprogram ^exim\nevent x class=5 ^x\n", err,
	    sizeof(err));
	assert_string_equal(err, ":3: event rule 'x' needs dir=");
}

static void
pat_load_file__bad_attribute__refused(void **state)
{
	char err[1024];

	load_err("mta exim\nprogram ^exim\nevent x dir=out code=650 ^x\n", err,
	    sizeof(err));
	assert_string_equal(err, ":3: code must be a reply code such as 550");
	load_err("mta exim\nprogram ^exim\nevent x dir=up ^x\n", err,
	    sizeof(err));
	assert_string_equal(err, ":3: dir must be 'in' or 'out'");
	load_err("mta exim\nprogram ^exim\nevent x dir=in color=red ^x\n", err,
	    sizeof(err));
	assert_string_equal(err, ":3: unknown attribute 'color'");
}

static void
pat_load_file__no_mta_first__refused(void **state)
{
	char err[1024];

	load_err("program ^exim\n", err, sizeof(err));
	assert_string_equal(err, ":1: the first directive must be 'mta'");
	load_err("mta qmail\n", err, sizeof(err));
	assert_string_equal(err, ":1: mta must be postfix, exim or sendmail");
}

static void
pat_load_file__no_rules__refused(void **state)
{
	char err[1024];

	load_err("mta exim\nprogram ^exim\n", err, sizeof(err));
	assert_string_equal(err,
	    ": needs 'mta', 'program' and at least one rule");
}

static void
pat_load_file__missing_file__strerror(void **state)
{
	struct pat_set *set = pat_new();
	char err[256];

	assert_int_equal(pat_load_file(set, "/nonexistent/x.pat", err,
			     sizeof(err)),
	    -1);
	assert_string_equal(err,
	    "/nonexistent/x.pat: No such file or directory");
	pat_free(set);
}

static void
pat_load_dir__empty_dir__says_no_pattern_files(void **state)
{
	char dir[] = "/tmp/smtplog-test-dir-XXXXXX", err[256], want[300];

	assert_non_null(mkdtemp(dir));
	assert_null(pat_load_dir(dir, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: no *.pat pattern files", dir);
	assert_string_equal(err, want);
	rmdir(dir);
}

/* A catastrophic user pattern hits the match limit instead of hanging. */
static void
pat_match__catastrophic_pattern__limit_counted_unparsed(void **state)
{
	struct pat_set *set = pat_new();
	const char *path =
	    write_pat("mta postfix\nprogram ^postfix\n"
		      "literal a\nevent slow dir=out ^(a|a?)+$\n");
	char err[256], line[4096];
	struct event ev;

	assert_int_equal(pat_load_file(set, path, err, sizeof(err)), 0);
	memset(line, 'a', 60);
	line[60] = 'b';
	assert_int_equal(pat_match(set, 0, line, 61, &ev), PAT_UNPARSED);
	assert_int_equal(pat_limit_hits(set), 1);
	unlink(path);
	pat_free(set);
}

/* The literal prefilter alone decides lines that carry no reply. */
static void
pat_match__no_literal__noreply_without_regex(void **state)
{
	struct pat_set *set = pat_new();
	const char *path =
	    write_pat("mta postfix\nprogram ^postfix\n"
		      "literal status=\nevent any dir=out class=5 ^\n"
		      "candidate .\n");
	char err[256];
	struct event ev;

	assert_int_equal(pat_load_file(set, path, err, sizeof(err)), 0);
	assert_int_equal(pat_match(set, 0, "hello", 5, &ev), PAT_NOREPLY);
	assert_int_equal(pat_match(set, 0, "status=x", 8, &ev), PAT_EVENT);
	assert_int_equal(ev.cls, 5);
	unlink(path);
	pat_free(set);
}

/*
 * The first rules' literals (up to eight) and the others' are scanned
 * apart, each set only when a rule that needs it is reached. Rules on
 * both sides of the split still see their literals, line after line, and
 * a rule none of whose literals is in a line is not tried: the regexes
 * run are counted.
 */
static void
pat_match__rules_on_both_sides_of_the_literal_split__each_found(void **state)
{
	static char text[] = "mta postfix\nprogram ^postfix\n"
			     "event a dir=out code=550 (?:aa1|aa2|aa3) A$\n"
			     "event b dir=out code=551 (?:bb1|bb2|bb3) B$\n"
			     "event c dir=out code=552 (?:cc1|cc2|cc3) C$\n"
			     "event d dir=out code=553 dd1 D$\n";
	static const struct {
		const char *line;
		int code;           /* 0: no event */
		unsigned long runs; /* regexes run for it */
	} lines[] = {
	    {"x aa1 A", 550, 1},
	    {"aa2 B bb3 B", 551, 1},
	    {"cc2 C", 552, 1},
	    {"aa1 A! dd1 D", 553, 2}, /* a's literal, then d's */
	    {"bb1 B", 551, 1},        /* no mark left from the line before */
	    {"cc3 C! dd1 D", 553, 2}, /* c's literal, then d's */
	    {"cc3 D", 0, 0},
	    {"aa3 A", 550, 1},
	};
	struct pat_set *set = pat_new();
	struct event ev;
	unsigned long before;
	char err[256];
	FILE *fp;
	size_t k;

	(void)state;
	assert_non_null(fp = fmemopen(text, strlen(text), "r"));
	assert_int_equal(pat_load_fp(set, fp, "mem", err, sizeof(err)), 0);
	fclose(fp);
	for (k = 0; k < NELEM(lines); k++) {
		const char *l = lines[k].line;

		before = pat_runs(set);
		assert_int_equal(pat_match(set, 0, l, strlen(l), &ev),
		    lines[k].code ? PAT_EVENT : PAT_NOREPLY);
		if (lines[k].code)
			assert_int_equal(ev.code, lines[k].code);
		assert_int_equal(pat_runs(set) - before, lines[k].runs);
	}
	pat_free(set);
}

/* A stream loads like a file, and its name stands in the messages. */
static void
pat_load_fp__stream__loads_and_names_it(void **state)
{
	static char good[] = "mta postfix\nprogram ^postfix\n"
			     "event x dir=out class=5 bounced\n";
	static char bad[] =
	    "mta postfix\nprogram ^postfix\nevent x dir=out (\n";
	struct pat_set *set = pat_new();
	struct event ev;
	char err[256];
	FILE *fp;

	assert_non_null(fp = fmemopen(good, strlen(good), "r"));
	assert_int_equal(pat_load_fp(set, fp, "mem", err, sizeof(err)), 0);
	fclose(fp);
	assert_int_equal(pat_count(set), 1);
	assert_int_equal(pat_match(set, 0, "bounced", 7, &ev), PAT_EVENT);
	assert_non_null(fp = fmemopen(bad, strlen(bad), "r"));
	assert_int_equal(pat_load_fp(set, fp, "mem", err, sizeof(err)), -1);
	fclose(fp);
	assert_string_equal(err,
	    "mem:3: offset 1: missing closing parenthesis");
	assert_int_equal(pat_count(set), 1);
	pat_free(set);
}

/* pat_mta_for() for the program PROG. */
static int
mta_for(struct pat_set *set, const char *prog)
{
	struct syslog_hdr h;

	memset(&h, 0, sizeof(h));
	h.prog = prog;
	h.proglen = strlen(prog);
	return pat_mta_for(set, &h);
}

/*
 * The programs of a busy host are each matched against the MTAs' program
 * patterns once: no two of them push each other out of the cache (in a
 * cache of one slot per hash, postfix/cleanup and postfix/postscreen did).
 * A flood of names never seen again leaves the answers right.
 */
static void
pat_mta_for__programs_of_a_log__matched_once_each(void **state)
{
	static const char *const progs[] = {"postfix/smtpd", "postfix/qmgr",
	    "postfix/submission/smtpd", "postfix/cleanup", "postfix/smtp",
	    "postfix/lmtp", "postfix/postscreen", "postfix/local",
	    "postfix/pickup", "postfix/virtual", "postfix/dnsblog",
	    "postfix/bounce", "postfix/anvil", "postfix/error",
	    "postfix/smtps/smtpd", "exim", "exim4", "sendmail", "sm-mta",
	    "dovecot", "amavis", "opendkim", "CRON"};
	int first[NELEM(progs)], round, k;
	unsigned long runs = 0;
	char name[32];

	(void)state;
	for (round = 0; round < 3; round++) {
		for (k = 0; k < (int)NELEM(progs); k++) {
			if (round == 0)
				first[k] = mta_for(pats, progs[k]);
			else
				assert_int_equal(mta_for(pats, progs[k]),
				    first[k]);
		}
		if (round == 0)
			runs = pat_runs(pats);
		assert_int_equal(pat_runs(pats), runs);
	}
	assert_int_equal(pat_mta_of(pats, first[0]), EVENT_POSTFIX);
	assert_int_equal(pat_mta_of(pats, first[15]), EVENT_EXIM);
	assert_int_equal(pat_mta_of(pats, first[17]), EVENT_SENDMAIL);
	assert_int_equal(first[19], -1);
	for (k = 0; k < 5000; k++) {
		snprintf(name, sizeof(name), "prog%d", k);
		assert_int_equal(mta_for(pats, name), -1);
	}
	for (k = 0; k < (int)NELEM(progs); k++)
		assert_int_equal(mta_for(pats, progs[k]), first[k]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pat_match__postfix_lines__expected_events),
	    cmocka_unit_test(pat_match__exim_lines__expected_events),
	    cmocka_unit_test(pat_match__sendmail_lines__expected_events),
	    cmocka_unit_test(
		pat_load_file__bad_regex__file_line_offset_message),
	    cmocka_unit_test(
		pat_load_file__bad_program__file_line_offset_message),
	    cmocka_unit_test(pat_load_file__unknown_directive__named),
	    cmocka_unit_test(pat_load_file__missing_dir__refused),
	    cmocka_unit_test(pat_load_file__bad_attribute__refused),
	    cmocka_unit_test(pat_load_file__no_mta_first__refused),
	    cmocka_unit_test(pat_load_file__no_rules__refused),
	    cmocka_unit_test(pat_load_file__missing_file__strerror),
	    cmocka_unit_test(pat_load_dir__empty_dir__says_no_pattern_files),
	    cmocka_unit_test(
		pat_match__catastrophic_pattern__limit_counted_unparsed),
	    cmocka_unit_test(pat_match__no_literal__noreply_without_regex),
	    cmocka_unit_test(
		pat_match__rules_on_both_sides_of_the_literal_split__each_found),
	    cmocka_unit_test(pat_load_fp__stream__loads_and_names_it),
	    cmocka_unit_test(pat_mta_for__programs_of_a_log__matched_once_each),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
