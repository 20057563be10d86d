/*
 * test_sig.c - provider and blocklist signatures (sig.c) and the shipped
 * patterns/signatures.sig: loading and its error messages, the filters,
 * the match limit, and a table of real-shaped log lines of Postfix, Exim
 * and Sendmail with the signature each must give (or none). The table's
 * events are checked against the shipped *.pat patterns too, and every
 * shipped signature must be hit by at least one line of the table.
 * Files are read from $top_srcdir/patterns (default "..").
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

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "lines.h"
#include "lit.h"
#include "pat.h"
#include "sig.h"
#include "syslog.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct sig_set *sigs;
static struct pat_set *pats;
static char topdir[4096];

static int
setup(void **state)
{
	char path[4200], err[1024];
	const char *top = getenv("top_srcdir");

	snprintf(topdir, sizeof(topdir), "%s", top ? top : "..");
	snprintf(path, sizeof(path), "%s/patterns/signatures.sig", topdir);
	sigs = sig_new();
	if (sig_load_file(sigs, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/patterns", topdir);
	if ((pats = pat_load_dir(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	sig_free(sigs);
	pat_free(pats);
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

/* Write TEXT to a fresh temporary file; its name goes into PATH. */
static void
write_temp(char *path, size_t n, const char *text)
{
	int fd;
	FILE *fp;

	snprintf(path, n, "/tmp/test_sig.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Load TEXT as a signatures file; returns the status, message in ERR. */
static int
load_text(struct sig_set *set, const char *text, char *path, size_t pathlen,
    char *err, size_t errlen)
{
	int rc;

	write_temp(path, pathlen, text);
	err[0] = '\0';
	rc = sig_load_file(set, path, err, errlen);
	unlink(path);
	return rc;
}

/* The message of a load that must fail, with the temp path replaced by
 * "F" so that the test can compare it. */
static void
load_fails_with(const char *text, const char *want)
{
	struct sig_set *set = sig_new();
	char path[64], err[512], got[512];
	size_t pl;
	int rc;

	rc = load_text(set, text, path, sizeof(path), err, sizeof(err));
	assert_int_equal(rc, -1);
	assert_int_equal(sig_count(set), 0);
	pl = strlen(path);
	assert_memory_equal(err, path, pl);
	snprintf(got, sizeof(got), "F%s", err + pl);
	assert_string_equal(got, want);
	sig_free(set);
}

/* An event of the given shape. */
static struct event
mkev(int dir, int cls, int code, int ec, int es, int ed)
{
	struct event ev;

	memset(&ev, 0, sizeof(ev));
	ev.dir = dir;
	ev.cls = cls;
	ev.code = code;
	ev.enh.cls = ec;
	ev.enh.subject = es;
	ev.enh.detail = ed;
	return ev;
}

static const char *
id_of(const struct sig_set *set, int idx)
{
	const struct sig_entry *e = sig_get(set, idx);

	return e != NULL ? e->id : "(none)";
}

/* ---- the table ---------------------------------------------------------- */

#define OUT EVENT_OUT
#define IN EVENT_IN
#define PF_SMTP "Nov 22 10:00:01 mx postfix/smtp[2201]: "
#define PF_LMTP "Nov 22 10:00:01 mx postfix/lmtp[2203]: "
#define PF_SMTPD "Nov 22 10:00:01 mx postfix/smtpd[2202]: "
#define PF_SCREEN "Nov 22 10:00:01 mx postfix/postscreen[2204]: "
#define PF_CLEANUP "Nov 22 10:00:01 mx postfix/cleanup[2205]: "
#define EXIM "2026-11-22 10:00:01 "
#define SM "Nov 22 10:00:01 mx sm-mta[3301]: "

/* A Postfix delivery line to a remote host. */
#define PF_TO(rcpt, host, dsn, status, reply, cmd)                             \
	PF_SMTP "4F3A21C0: to=<" rcpt ">, relay=" host ":25, delay=0.9, "      \
		"delays=0.1/0/0.3/0.5, dsn=" dsn ", status=" status            \
		" (host " host " said: " reply " (in reply to " cmd            \
		" command))"
#define GMAIL "gmail-smtp-in.l.google.com[192.0.2.27]"
#define MSFT "example-org.mail.protection.outlook.com[192.0.2.40]"
#define OLC "outlook-com.olc.protection.outlook.com[192.0.2.41]"
#define YAHOO "mta7.am0.yahoodns.net[192.0.2.50]"
#define EXIM_ERR(st, rcpt, host, after)                                        \
	EXIM "1tEq9X-0001aB-Cd " st " " rcpt                                   \
	     " R=dnslookup T=remote_smtp H=" host                              \
	     ": SMTP error from remote mail server after " after ": "

struct sig_case {
	const char *want; /* signature id, NULL: none */
	int dir, cls, code;
	const char *enh; /* "" none */
	const char *line;
};

static const struct sig_case cases[] = {
    /* ---- Gmail ---- */
    {"gmail-dmarc-reject", OUT, 5, 550, "5.7.26",
	PF_TO("ann@gmail.com", GMAIL, "5.7.26", "bounced",
	    "550-5.7.26 Unauthenticated email from example.org is not accepted "
	    "due to 550-5.7.26 domain's DMARC policy. Please contact the "
	    "administrator of 550-5.7.26 example.org domain. 550 5.7.26 "
	    "https://support.google.com/mail/answer/2451690 a1si2 - gsmtp",
	    "end of DATA")},
    {"gmail-unauthenticated", OUT, 5, 550, "5.7.26",
	EXIM_ERR("**", "bob@gmail.com",
	    "gmail-smtp-in.l.google.com [192.0.2.27]",
	    "pipelined end of data") "550-5.7.26 This mail has been blocked because the sender is "
				     "unauthenticated. 550-5.7.26 Gmail requires all senders to "
				     "authenticate with either SPF or DKIM. 550 5.7.26 b2si3 - gsmtp"},
    {"gmail-spf", OUT, 4, 421, "4.7.27",
	PF_TO("carl@gmail.com", GMAIL, "4.7.27", "deferred",
	    "421-4.7.27 Your email has been rate limited because SPF "
	    "authentication didn't pass 421-4.7.27 for this message. 421 "
	    "4.7.27 c3si4 - gsmtp",
	    "end of DATA")},
    {"gmail-rate-limited", OUT, 4, 421, "4.7.28",
	PF_TO("dan@gmail.com", GMAIL, "4.7.28", "deferred",
	    "421-4.7.28 [192.0.2.1] Gmail has detected an unusual rate of "
	    "unsolicited mail 421-4.7.28 originating from your IP address. "
	    "421 4.7.28 d4si5 - gsmtp",
	    "end of DATA")},
    /* the words split by a joined multi-line reply */
    {"gmail-rate-limited", OUT, 5, 550, "5.7.1",
	EXIM_ERR("**", "eve@gmail.com",
	    "gmail-smtp-in.l.google.com [192.0.2.27]",
	    "end of data") "550-5.7.1 [2001:db8::1] Our system has detected an unusual rate "
			   "550-5.7.1 of unsolicited mail originating from your IP address. "
			   "550 5.7.1 e5si6 - gsmtp"},
    /* Sendmail logs the relay before the reply */
    {"gmail-tls", OUT, 4, 421, "4.7.29",
	SM "4AMA0a1b002233: to=<fay@gmail.com>, delay=00:00:02, "
	   "xdelay=00:00:02, mailer=esmtp, pri=120000, "
	   "relay=gmail-smtp-in.l.google.com. [192.0.2.27], dsn=4.7.29, "
	   "reply=421-4.7.29 Your email has been rate limited because this "
	   "message wasn't sent over a TLS, stat=Deferred: 421-4.7.29 Your "
	   "email has been rate limited"},
    {"gmail-tls", OUT, 4, 421, "4.7.0",
	"Nov 22 10:00:01 mx postfix/smtp[2201]: D4E5F6A7: host "
	"aspmx.l.google.com[192.0.2.26] said: 421 4.7.0 TLS required for RCPT "
	"domain, closing connection. f6si7 - gsmtp (in reply to RCPT TO "
	"command)"},
    {"gmail-dkim", OUT, 5, 550, "5.7.30",
	PF_TO("gus@gmail.com", GMAIL, "5.7.30", "bounced",
	    "550-5.7.30 Your email has been blocked because DKIM "
	    "authentication didn't 550-5.7.30 pass for this message. 550 "
	    "5.7.30 g7si8 - gsmtp",
	    "end of DATA")},
    {"gmail-alignment", OUT, 4, 421, "4.7.32",
	EXIM_ERR("==", "hal@gmail.com",
	    "gmail-smtp-in.l.google.com [192.0.2.27]",
	    "end of data") "421-4.7.32 Your email has been rate limited because the From: "
			   "header (RFC5322) 421-4.7.32 in this message isn't aligned with "
			   "either the authenticated SPF or 421-4.7.32 DKIM organizational "
			   "domain. 421 4.7.32 h8si9 - gsmtp"},
    {"gmail-ptr", OUT, 5, 550, "5.7.25",
	PF_TO("ida@gmail.com", GMAIL, "5.7.25", "bounced",
	    "550-5.7.25 [192.0.2.1] The IP address sending this message does "
	    "not have a 550-5.7.25 PTR record setup, or the corresponding "
	    "forward DNS entry does not 550-5.7.25 point to the sending IP. "
	    "550 5.7.25 i9si1 - gsmtp",
	    "end of DATA")},
    {"gmail-ptr", OUT, 5, 550, "5.7.1",
	EXIM_ERR("**", "jan@gmail.com",
	    "gmail-smtp-in.l.google.com [2001:db8::27]",
	    "end of data") "550-5.7.1 [2001:db8::1] Our system has detected that this message "
			   "does 550-5.7.1 not meet IPv6 sending guidelines regarding PTR "
			   "records and 550-5.7.1 authentication. 550 5.7.1 x102si1 - gsmtp"},
    {"gmail-ip-not-authorized", OUT, 5, 550, "5.7.1",
	PF_TO("kim@gmail.com", GMAIL, "5.7.1", "bounced",
	    "550-5.7.1 [192.0.2.1] The IP you're using to send mail is not "
	    "authorized to 550-5.7.1 send email directly to our servers. "
	    "Please use the SMTP relay at your 550-5.7.1 service provider "
	    "instead. 550 5.7.1 j1si2 - gsmtp",
	    "MAIL FROM")},
    {"gmail-not-in-whitelist", OUT, 4, 421, "4.7.0",
	"Nov 22 10:00:01 mx postfix/smtp[2201]: D4E5F6A8: host "
	"aspmx.l.google.com[192.0.2.26] said: 421-4.7.0 [192.0.2.1] IP not "
	"in whitelist for RCPT domain, closing connection. 421 4.7.0 k2si3 - "
	"gsmtp (in reply to RCPT TO command)"},
    {"gmail-receiving-too-quickly", OUT, 4, 450, "4.2.1",
	PF_TO("lea@gmail.com", GMAIL, "4.2.1", "deferred",
	    "450-4.2.1 The user you are trying to contact is receiving mail "
	    "too quickly. Please 450-4.2.1 resend your message at a later "
	    "time. 450 4.2.1 l3si4 - gsmtp",
	    "RCPT TO")},
    {"gmail-account-disabled", OUT, 5, 550, "5.2.1",
	PF_TO("max@gmail.com", GMAIL, "5.2.1", "bounced",
	    "550-5.2.1 The email account that you tried to reach is disabled. "
	    "550 5.2.1 m4si5 - gsmtp",
	    "RCPT TO")},
    {"gmail-no-such-user", OUT, 5, 550, "5.1.1",
	PF_TO("nobody@gmail.com", GMAIL, "5.1.1", "bounced",
	    "550-5.1.1 The email account that you tried to reach does not "
	    "exist. Please try 550-5.1.1 double-checking the recipient's email "
	    "address. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser "
	    "n5si6 - gsmtp",
	    "RCPT TO")},
    {"gmail-over-quota", OUT, 4, 452, "4.2.2",
	PF_TO("ola@gmail.com", GMAIL, "4.2.2", "deferred",
	    "452-4.2.2 The recipient's inbox is out of storage space. Please "
	    "direct the 452-4.2.2 recipient to "
	    "https://support.google.com/mail/?p=OverQuotaTemp o6si7 - gsmtp",
	    "RCPT TO")},
    {"gmail-too-large", OUT, 5, 552, "5.3.4",
	PF_TO("pat@gmail.com", GMAIL, "5.3.4", "bounced",
	    "552-5.3.4 Your message exceeded Google's message size limits. "
	    "552 5.3.4 p7si8 - gsmtp",
	    "end of DATA")},
    {"gmail-low-reputation", OUT, 4, 421, "4.7.0",
	PF_TO("quinn@gmail.com", GMAIL, "4.7.0", "deferred",
	    "421-4.7.0 This message is suspicious due to the very low "
	    "reputation of the 421-4.7.0 sending IP address. 421 4.7.0 q8si9 - "
	    "gsmtp",
	    "end of DATA")},
    {"gmail-likely-spam", OUT, 5, 550, "5.7.1",
	PF_TO("rob@gmail.com", GMAIL, "5.7.1", "bounced",
	    "550-5.7.1 [192.0.2.1] Our system has detected that this message "
	    "is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam "
	    "sent to Gmail, 550-5.7.1 this message has been blocked. 550 5.7.1 "
	    "r9si1 - gsmtp",
	    "end of DATA")},
    /* a Gmail delivery is no signature */
    {NULL, OUT, 2, 250, "2.0.0",
	PF_SMTP "4F3A21C0: to=<sam@gmail.com>, relay=" GMAIL ":25, "
		"delay=0.9, delays=0.1/0/0.3/0.5, dsn=2.0.0, status=sent (250 "
		"2.0.0 OK  1732269601 s1si2 - gsmtp)"},

    /* ---- Microsoft ---- */
    {"microsoft-block-list", OUT, 5, 550, "5.7.1",
	PF_TO("tom@outlook.com", OLC, "5.7.1", "bounced",
	    "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. "
	    "Please contact your Internet service provider since part of their "
	    "network is on our block list (S3150). You can also refer your "
	    "provider to http://mail.live.com/mail/troubleshooting.aspx#errors. "
	    "[AM0PR01MB1234.eurprd01.prod.exchangelabs.com]",
	    "MAIL FROM")},
    {"microsoft-block-list", OUT, 5, 550, "5.7.1",
	EXIM_ERR("**", "uma@hotmail.com",
	    "hotmail-com.olc.protection.outlook.com [192.0.2.41]",
	    "MAIL FROM") "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. "
			 "Please contact your Internet service provider. (S3140)"},
    {"microsoft-ip-reputation", OUT, 4, 451, "4.7.650",
	PF_TO("val@outlook.com", OLC, "4.7.650", "deferred",
	    "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate "
	    "limited due to IP reputation. For e-mail delivery information, "
	    "see https://postmaster.live.com (S775)",
	    "MAIL FROM")},
    {"microsoft-server-busy", OUT, 4, 451, "4.7.500",
	PF_TO("wes@example.org", MSFT, "4.7.500", "deferred",
	    "451 4.7.500 Server busy. Please try again later from "
	    "[192.0.2.1]. (S77714) "
	    "[DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com]",
	    "RCPT TO")},
    {"microsoft-banned-ip", OUT, 5, 550, "5.7.606",
	PF_TO("xia@example.org", MSFT, "5.7.606", "bounced",
	    "550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To "
	    "request removal from this list please visit "
	    "https://sender.office.com/ and follow the directions. AS(1430)",
	    "RCPT TO")},
    {"microsoft-banned-sender", OUT, 5, 550, "5.7.511",
	PF_TO("yan@example.org", MSFT, "5.7.511", "bounced",
	    "550 5.7.511 Access denied, banned sender[192.0.2.1]. To request "
	    "removal from this list please forward this message to "
	    "delist@messaging.microsoft.com. AS(1410)",
	    "RCPT TO")},
    {"microsoft-tenant-threshold", OUT, 5, 550, "5.7.705",
	PF_TO("zoe@example.net", "smtp.office365.com[192.0.2.42]", "5.7.705",
	    "bounced",
	    "550 5.7.705 Access denied, tenant has exceeded threshold. AS(7002)",
	    "end of DATA")},
    {"microsoft-ip-traffic", OUT, 5, 550, "5.7.708",
	PF_TO("abe@example.org", MSFT, "5.7.708", "bounced",
	    "550 5.7.708 Service unavailable. Access denied, traffic not "
	    "accepted from this IP. AS(7230)",
	    "MAIL FROM")},
    {"microsoft-unregistered-domain", OUT, 5, 550, "5.7.750",
	PF_TO("bea@example.net", "smtp.office365.com[192.0.2.42]", "5.7.750",
	    "bounced",
	    "550 5.7.750 Service unavailable. Client blocked from sending from "
	    "unregistered domains. AS(7205)",
	    "end of DATA")},
    {"microsoft-dmarc-reject", OUT, 5, 550, "5.7.509",
	PF_TO("cal@example.org", MSFT, "5.7.509", "bounced",
	    "550 5.7.509 Access denied, sending domain example.com does not "
	    "pass DMARC verification and has a DMARC policy of reject.",
	    "end of DATA")},
    {"microsoft-spf", OUT, 5, 550, "5.7.23",
	EXIM_ERR("**", "dee@example.org",
	    "example-org.mail.protection.outlook.com [192.0.2.40]",
	    "end of data") "550 5.7.23 The message was rejected because of Sender Policy "
			   "Framework violation"},
    {"microsoft-dbeb", OUT, 5, 550, "5.4.1",
	PF_TO("eli@example.org", MSFT, "5.4.1", "bounced",
	    "550 5.4.1 Recipient address rejected: Access denied. "
	    "AS(201806281) "
	    "[DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com]",
	    "RCPT TO")},
    {"microsoft-recipient-not-found", OUT, 5, 550, "5.1.10",
	PF_TO("fin@example.org", MSFT, "5.1.10", "bounced",
	    "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by "
	    "SMTP address lookup",
	    "end of DATA")},
    {"microsoft-no-forwarding", OUT, 5, 550, "5.7.520",
	PF_TO("gil@example.net", "smtp.office365.com[192.0.2.42]", "5.7.520",
	    "bounced",
	    "550 5.7.520 Access denied, Your organization does not allow "
	    "external forwarding. Please contact your administrator for "
	    "further assistance. AS(7555)",
	    "end of DATA")},
    {"microsoft-rfc5322", OUT, 5, 550, "5.7.512",
	PF_TO("hay@example.org", MSFT, "5.7.512", "bounced",
	    "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 "
	    "compliant and include a valid From address",
	    "end of DATA")},
    {"microsoft-smtp-auth-disabled", OUT, 5, 535, "5.7.139",
	PF_SMTP "5A6B7C8D: to=<ivy@example.net>, "
		"relay=smtp.office365.com[192.0.2.42]:587, delay=1.1, "
		"delays=0.1/0/0.8/0, dsn=5.7.139, status=deferred (SASL "
		"authentication failed; server "
		"smtp.office365.com[192.0.2.42] said: 535 5.7.139 "
		"Authentication unsuccessful, SmtpClientAuthentication is "
		"disabled for the Tenant.)"},
    {"microsoft-not-authenticated", OUT, 5, 530, "5.7.57",
	PF_TO("jon@example.net", "smtp.office365.com[192.0.2.42]", "5.7.57",
	    "bounced",
	    "530 5.7.57 Client not authenticated to send mail. Error: 530 "
	    "5.7.57 Client was not authenticated to send anonymous mail during "
	    "MAIL FROM",
	    "MAIL FROM")},
    {"microsoft-policy", OUT, 5, 550, "5.7.133",
	PF_TO("kai@example.org", MSFT, "5.7.133", "bounced",
	    "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; "
	    "authentication required; Delivery restriction check failed",
	    "RCPT TO")},
    /* a Spamhaus listing reported by Microsoft is a Spamhaus listing */
    {"spamhaus", OUT, 5, 550, "5.7.1",
	PF_TO("lou@example.org", MSFT, "5.7.1", "bounced",
	    "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked "
	    "using Spamhaus. To request removal from this list see "
	    "https://www.spamhaus.org/query/ip/192.0.2.1 (AS3130). "
	    "[BN1NAM02FT012.eop-nam02.prod.protection.outlook.com]",
	    "MAIL FROM")},

    /* ---- Yahoo / AOL ---- */
    {"yahoo-tss04", OUT, 4, 421, "4.7.0",
	PF_TO("mia@yahoo.com", YAHOO, "4.7.0", "deferred",
	    "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred "
	    "due to unexpected volume or user complaints - 4.16.55.1; see "
	    "https://postmaster.yahooinc.com/error-codes",
	    "MAIL FROM")},
    {"yahoo-tss09", OUT, 4, 421, "4.7.0",
	EXIM_ERR("==", "ned@aol.com",
	    "mx-aol.mail.gm0.yahoodns.net [192.0.2.51]",
	    "MAIL FROM:<a@example.net>") "421 4.7.0 [TSS09] All messages from 192.0.2.1 will be permanently "
					 "deferred; Retrying will NOT succeed. See "
					 "https://postmaster.yahooinc.com/error-codes"},
    {"yahoo-policy", OUT, 5, 554, "5.7.9",
	PF_TO("oz@yahoo.com", YAHOO, "5.7.9", "bounced",
	    "554 5.7.9 Message not accepted for policy reasons.  See "
	    "https://postmaster.yahooinc.com/error-codes",
	    "end of DATA")},
    {"yahoo-no-account", OUT, 5, 554, "5.0.0",
	PF_TO("pia@yahoo.com", YAHOO, "5.0.0", "bounced",
	    "554 delivery error: dd This user doesn't have a yahoo.com "
	    "account (pia@yahoo.com) [0] - mta1234.mail.bf1.yahoo.com",
	    "end of DATA")},
    {"yahoo-other", OUT, 4, 451, "4.0.0",
	PF_TO("quo@yahoo.com", YAHOO, "4.0.0", "deferred",
	    "451 Message temporarily deferred - [140]", "end of DATA")},

    /* ---- iCloud, Proofpoint ---- */
    {"icloud-cs01", OUT, 5, 554, "5.7.1",
	PF_TO("ray@icloud.com", "mx01.mail.icloud.com[192.0.2.60]", "5.7.1",
	    "bounced",
	    "554 5.7.1 [CS01] Message rejected due to local policy. Please "
	    "visit https://support.apple.com/en-us/HT204137",
	    "end of DATA")},
    {"icloud-policy", OUT, 5, 550, "5.7.1",
	PF_TO("sue@me.com", "mx02.mail.icloud.com[192.0.2.61]", "5.7.1",
	    "bounced", "550 5.7.1 Message rejected due to local policy",
	    "end of DATA")},
    /* the same text from a server that is not Apple's */
    {NULL, OUT, 5, 550, "5.7.1",
	PF_TO("tia@example.net", "mx.example.net[192.0.2.10]", "5.7.1",
	    "bounced", "550 5.7.1 Message rejected due to local policy",
	    "end of DATA")},
    {"proofpoint-block", OUT, 5, 554, "5.7.0",
	PF_TO("uli@example.com", "mx0a-001.pphosted.com[192.0.2.70]", "5.7.0",
	    "bounced",
	    "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
	    "MAIL FROM")},

    /* ---- DNS blocklists ---- */
    {"spamhaus-resolver-error", IN, 5, 554, "5.7.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from mail.example.net[192.0.2.9]: "
		 "554 5.7.1 Service unavailable; Client host [192.0.2.9] "
		 "blocked using zen.spamhaus.org; Error: open resolver; "
		 "https://check.spamhaus.org/returnc/pub/198.51.100.53/; "
		 "from=<a@example.net> to=<b@mx.example> proto=ESMTP "
		 "helo=<mail.example.net>"},
    {"spamhaus-dbl", IN, 5, 554, "5.7.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from mail.bad.example[192.0.2.8]: "
		 "554 5.7.1 Service unavailable; Sender address "
		 "[a@bad.example] blocked using dbl.spamhaus.org; "
		 "https://www.spamhaus.org/query/domain/bad.example; "
		 "from=<a@bad.example> to=<b@mx.example> proto=ESMTP "
		 "helo=<mail.bad.example>"},
    {"spamhaus-pbl", OUT, 5, 550, "5.7.1",
	EXIM_ERR("**", "vic@example.net", "mx.example.net [192.0.2.10]",
	    "MAIL FROM:<a@example.org>") "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked "
					 "using pbl.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1"},
    {"spamhaus-xbl", IN, 5, 550, "5.7.1",
	PF_SCREEN "NOQUEUE: reject: RCPT from [192.0.2.9]:41234: 550 5.7.1 "
		  "Service unavailable; client [192.0.2.9] blocked using "
		  "xbl.spamhaus.org; from=<a@b.example>, to=<c@mx.example>, "
		  "proto=ESMTP, helo=<b.example>"},
    {"spamhaus-sbl", OUT, 5, 554, "5.7.1",
	SM "4AMA0a1b002234: to=<wyn@example.net>, delay=00:00:01, "
	   "xdelay=00:00:01, mailer=esmtp, pri=120000, "
	   "relay=mx.example.net. [192.0.2.10], dsn=5.7.1, reply=554 5.7.1 "
	   "Service unavailable; Client host [192.0.2.1] blocked using "
	   "sbl.spamhaus.org; https://www.spamhaus.org/sbl/query/SBL123456, "
	   "stat=Service unavailable"},
    {"spamhaus", IN, 5, 550, "5.7.1",
	PF_SCREEN "NOQUEUE: reject: RCPT from [192.0.2.9]:41234: 550 5.7.1 "
		  "Service unavailable; client [192.0.2.9] blocked using "
		  "zen.spamhaus.org; from=<a@b.example>, to=<c@mx.example>, "
		  "proto=ESMTP, helo=<b.example>"},
    {"barracuda", OUT, 5, 554, "",
	EXIM_ERR("**", "xan@example.com", "mx.example.com [192.0.2.11]",
	    "MAIL FROM:<a@example.org>") "554 Service unavailable; Client host [192.0.2.1] blocked using "
					 "Barracuda Reputation; "
					 "https://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1"},
    {"spamcop", IN, 5, 550, "5.7.1",
	PF_SCREEN "NOQUEUE: reject: RCPT from [192.0.2.9]:41234: 550 5.7.1 "
		  "Service unavailable; client [192.0.2.9] blocked using "
		  "bl.spamcop.net; from=<a@b.example>, to=<c@mx.example>, "
		  "proto=ESMTP, helo=<b.example>"},
    {"sorbs", OUT, 5, 554, "5.7.1",
	PF_TO("yul@example.com", "mx.example.com[192.0.2.11]", "5.7.1",
	    "bounced",
	    "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked "
	    "using dnsbl.sorbs.net; Currently Sending Spam See: "
	    "http://www.sorbs.net/lookup.shtml?192.0.2.1",
	    "RCPT TO")},
    {"uceprotect-network", OUT, 5, 550, "5.7.1",
	PF_TO("zed@example.com", "mx.example.com[192.0.2.11]", "5.7.1",
	    "bounced",
	    "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked "
	    "using dnsbl-3.uceprotect.net; Your ISP AS64500 is "
	    "UCEPROTECT-Level3 listed for hosting a total of 42 abusers",
	    "RCPT TO")},
    {"uceprotect", IN, 5, 554, "5.7.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 "
		 "Service unavailable; Client host [192.0.2.9] blocked using "
		 "dnsbl-1.uceprotect.net; IP 192.0.2.9 is UCEPROTECT-Level1 "
		 "listed; from=<a@b.example> to=<c@mx.example> proto=ESMTP "
		 "helo=<b.example>"},
    {"psbl", IN, 5, 550, "5.7.1",
	PF_SCREEN "NOQUEUE: reject: RCPT from [192.0.2.9]:41234: 550 5.7.1 "
		  "Service unavailable; client [192.0.2.9] blocked using "
		  "psbl.surriel.com; from=<a@b.example>, to=<c@mx.example>, "
		  "proto=ESMTP, helo=<b.example>"},
    {"mailspike", IN, 5, 554, "5.7.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 "
		 "Service unavailable; Client host [192.0.2.9] blocked using "
		 "bl.mailspike.net; from=<a@b.example> to=<c@mx.example> "
		 "proto=ESMTP helo=<b.example>"},
    {"s5h", IN, 5, 554, "5.7.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 "
		 "Service unavailable; Client host [192.0.2.9] blocked using "
		 "all.s5h.net; from=<a@b.example> to=<c@mx.example> "
		 "proto=ESMTP helo=<b.example>"},
    {"dnsbl-generic", IN, 5, 554, "5.7.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 "
		 "Service unavailable; Client host [192.0.2.9] blocked using "
		 "rbl.example.org; from=<a@b.example> to=<c@mx.example> "
		 "proto=ESMTP helo=<b.example>"},
    {"dnsbl-generic", IN, 5, 550, "5.7.1",
	SM "ruleset=check_relay, arg1=[192.0.2.9], arg2=127.0.0.2, "
	   "relay=[192.0.2.9], reject=550 5.7.1 Rejected: 192.0.2.9 listed at "
	   "dnsbl.example.org"},

    /* ---- SPF, DKIM, DMARC ---- */
    {"dmarc-reject-out", OUT, 5, 550, "5.7.1",
	EXIM_ERR("**", "amy@example.net", "mx.example.net [192.0.2.10]",
	    "end of data") "550 5.7.1 Email rejected per DMARC policy for example.org"},
    {"dmarc-reject-in", IN, 5, 0, "5.7.1",
	PF_CLEANUP "A1B2C3D4: milter-reject: END-OF-MESSAGE from "
		   "relay.example[192.0.2.31]: 5.7.1 rejected by DMARC policy "
		   "for example.org; from=<a@example.org> to=<b@mx.example> "
		   "proto=ESMTP helo=<relay.example>"},
    {"spf-fail-out", OUT, 5, 550, "5.7.23",
	PF_TO("ben@example.net", "mx.example.net[192.0.2.10]", "5.7.23",
	    "bounced",
	    "550 5.7.23 <ben@example.net>: Recipient address rejected: Message "
	    "rejected due to: SPF fail - not authorized. Please see "
	    "http://www.openspf.net/Why?s=mfrom;id=a@example.org;ip=192.0.2.1;"
	    "r=mx.example.net",
	    "RCPT TO")},
    {"spf-fail-in", IN, 5, 550, "5.7.23",
	PF_SMTPD "NOQUEUE: reject: RCPT from mail.example.org[192.0.2.9]: 550 "
		 "5.7.23 <c@mx.example>: Recipient address rejected: Message "
		 "rejected due to: SPF fail - not authorized. Please see "
		 "http://www.open-spf.org/Why?s=mfrom;id=a@example.org; "
		 "from=<a@example.org> to=<c@mx.example> proto=ESMTP "
		 "helo=<mail.example.org>"},
    {"dkim-fail", IN, 5, 550, "",
	EXIM "H=mail.example.org [192.0.2.9] F=<a@example.org> rejected after "
	     "DATA: DKIM signature verification failed"},

    /* ---- TLS ---- */
    {"tls-required-out", OUT, 5, 530, "5.7.0",
	PF_TO("cid@example.net", "mx.example.net[192.0.2.10]", "5.7.0",
	    "bounced", "530 5.7.0 Must issue a STARTTLS command first",
	    "MAIL FROM")},
    {"tls-required-in", IN, 5, 530, "5.7.0",
	PF_SMTPD "NOQUEUE: reject: MAIL from unknown[192.0.2.5]: 530 5.7.0 "
		 "Must issue a STARTTLS command first; proto=ESMTP "
		 "helo=<client.example>"},

    /* ---- greylisting, rate limits ---- */
    {"greylist-out", OUT, 4, 450, "4.2.0",
	PF_TO("dot@grey.example", "mx.grey.example[192.0.2.12]", "4.2.0",
	    "deferred",
	    "450 4.2.0 <dot@grey.example>: Recipient address rejected: "
	    "Greylisted, see http://postgrey.schweikert.ch/help/grey.example.html",
	    "RCPT TO")},
    {"greylist-in", IN, 4, 451, "",
	EXIM "H=mail.example.org [192.0.2.9] F=<a@example.org> temporarily "
	     "rejected RCPT <b@mx.example>: greylisted"},
    {"rate-limit-out", OUT, 4, 421, "4.7.0",
	SM "4AMA0a1b002235: to=<eva@example.net>, delay=00:00:03, "
	   "xdelay=00:00:01, mailer=esmtp, pri=120000, "
	   "relay=mx.example.net. [192.0.2.10], dsn=4.7.0, stat=Deferred: 421 "
	   "4.7.0 Too many connections from your IP, try again later"},
    {"rate-limit-in", IN, 4, 450, "",
	EXIM "H=(client.example) [192.0.2.9] temporarily rejected connection "
	     "in \"connect\" ACL: \"ratelimited\""},

    /* ---- recipient, size ---- */
    {"mailbox-full", OUT, 5, 552, "5.2.2",
	PF_LMTP
	"5B6C7D8E: to=<ute@mx.example>, "
	"relay=mx.example[private/dovecot-lmtp], delay=0.1, "
	"delays=0/0/0/0.1, dsn=5.2.2, status=bounced (host "
	"mx.example[private/dovecot-lmtp] said: 552 5.2.2 "
	"<ute@mx.example> Quota exceeded (mailbox for user is full) (in "
	"reply to end of DATA command))"},
    {"user-unknown-table", IN, 5, 550, "5.1.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from unknown[192.0.2.5]: 550 5.1.1 "
		 "<nobody@mx.example>: Recipient address rejected: User "
		 "unknown in local recipient table; from=<a@b.example> "
		 "to=<nobody@mx.example> proto=ESMTP helo=<b.example>"},
    /* a remote "user unknown" is the knowledge base's job */
    {NULL, OUT, 5, 550, "5.1.1",
	PF_TO("bob@example.org", "mx.example.org[192.0.2.11]", "5.1.1",
	    "bounced",
	    "550 5.1.1 <bob@example.org>: Recipient address rejected: User "
	    "unknown in virtual mailbox table",
	    "RCPT TO")},
    {"size-out", OUT, 5, 552, "5.3.4",
	EXIM_ERR("**", "fox@example.net", "mx.example.net [192.0.2.10]",
	    "MAIL FROM:<a@example.org> SIZE=30000000") "552 5.3.4 Message size exceeds fixed maximum message size"},
    {"size-in", IN, 5, 552, "5.3.4",
	PF_SMTPD "NOQUEUE: reject: MAIL from unknown[192.0.2.5]: 552 5.3.4 "
		 "Message size exceeds fixed limit; proto=ESMTP "
		 "helo=<client.example>"},

    /* ---- PTR, HELO ---- */
    {"rdns-out", OUT, 5, 550, "5.7.1",
	EXIM_ERR("**", "guy@example.net", "mx.example.net [192.0.2.10]",
	    "RCPT TO:<guy@example.net>") "550 5.7.1 Client host rejected: cannot find your reverse hostname, "
					 "[192.0.2.1]"},
    {"rdns-in", IN, 4, 450, "4.7.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from unknown[192.0.2.34]: 450 4.7.1 "
		 "Client host rejected: cannot find your hostname, "
		 "[192.0.2.34]; from=<a@b.example> to=<c@mx.example> "
		 "proto=ESMTP helo=<x>"},
    {"helo-out", OUT, 5, 504, "5.5.2",
	PF_TO("hep@example.net", "mx.example.net[192.0.2.10]", "5.5.2",
	    "bounced",
	    "504 5.5.2 <localhost>: Helo command rejected: need "
	    "fully-qualified hostname",
	    "RCPT TO")},
    {"helo-in", IN, 5, 504, "5.5.2",
	PF_SMTPD "NOQUEUE: reject: EHLO from s1.example[192.0.2.30]: 504 "
		 "5.5.2 <User>: Helo command rejected: need fully-qualified "
		 "hostname; proto=SMTP helo=<User>"},

    /* ---- relaying ---- */
    {"relay-denied-out", OUT, 5, 554, "5.7.1",
	PF_TO("ina@elsewhere.example", "smarthost.example[192.0.2.13]", "5.7.1",
	    "bounced", "554 5.7.1 <ina@elsewhere.example>: Relay access denied",
	    "RCPT TO")},
    {"relay-denied-in", IN, 5, 554, "5.7.1",
	PF_SMTPD "NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 "
		 "<x@elsewhere.example>: Relay access denied; "
		 "from=<spam@bad.example> to=<x@elsewhere.example> "
		 "proto=ESMTP helo=<bad>"},
    {"relay-denied-in", IN, 5, 550, "5.7.1",
	SM "ruleset=check_rcpt, arg1=<x@elsewhere.example>, relay=h.example "
	   "[192.0.2.7], reject=550 5.7.1 <x@elsewhere.example>... Relaying "
	   "denied"},

    /* ---- content ---- */
    {"spam-content-out", OUT, 5, 550, "5.7.1",
	PF_TO("jo@example.net", "mx.example.net[192.0.2.10]", "5.7.1",
	    "bounced",
	    "550 5.7.1 Message rejected as spam by Content Filtering.",
	    "end of DATA")},
    {"spam-content-in", IN, 5, 0, "5.7.1",
	PF_CLEANUP "A1B2C3D5: milter-reject: END-OF-MESSAGE from "
		   "relay.example[192.0.2.31]: 5.7.1 Spam message rejected; "
		   "from=<a@relay.example> to=<b@mx.example> proto=ESMTP "
		   "helo=<relay.example>"},
    /* "spam" in an address is not a spam verdict */
    {NULL, IN, 4, 450, "4.1.8",
	PF_SMTPD "NOQUEUE: reject: RCPT from unknown[192.0.2.5]: 450 4.1.8 "
		 "<spam@bad.example>: Sender address rejected: Domain not "
		 "found; from=<spam@bad.example> to=<c@mx.example> "
		 "proto=ESMTP helo=<bad.example>"},

    /* ---- generic ---- */
    {"try-again-later", OUT, 4, 451, "4.7.1",
	PF_TO("kit@example.net", "mx.example.net[192.0.2.10]", "4.7.1",
	    "deferred", "451 4.7.1 Please try again later", "RCPT TO")},
    {NULL, OUT, 4, 0, "4.4.1",
	PF_SMTP "6C7D8E9F: to=<carl@down.example>, relay=none, delay=30, "
		"delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to "
		"mx.down.example[192.0.2.99]:25: Connection refused)"},
    {NULL, OUT, 2, 250, "2.0.0",
	PF_SMTP "4F3A21C0: to=<ann@example.net>, "
		"relay=mx.example.net[192.0.2.10]:25, delay=0.4, "
		"delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
		"queued as 9A8B7C)"},
};

/* The event a table row describes; MSG gets the message of its line. */
static struct event
case_event(const struct sig_case *c, struct syslog_hdr *h)
{
	struct event ev;

	memset(&ev, 0, sizeof(ev));
	assert_int_not_equal(syslog_parse(c->line, strlen(c->line), h),
	    SYSLOG_NONE);
	ev.dir = c->dir;
	ev.cls = c->cls;
	ev.code = c->code;
	if (c->enh[0] != '\0')
		assert_int_equal(event_enh_parse(c->enh, strlen(c->enh),
				     &ev.enh),
		    0);
	return ev;
}

static void
sig_match__table__expected_signature(void **state)
{
	struct syslog_hdr h;
	struct event ev;
	size_t i;
	int idx;

	for (i = 0; i < NELEM(cases); i++) {
		ev = case_event(&cases[i], &h);
		idx = sig_match(sigs, &ev, h.msg, h.msglen);
		print_message("case %zu: want %s got %s\n", i,
		    cases[i].want ? cases[i].want : "(none)", id_of(sigs, idx));
		if (cases[i].want == NULL)
			assert_int_equal(idx, -1);
		else
			assert_string_equal(id_of(sigs, idx), cases[i].want);
	}
}

/* The table's events are what the shipped patterns make of its lines. */
static void
pat_match__table_lines__events_as_in_table(void **state)
{
	struct syslog_hdr h;
	struct event ev, want;
	char a[16], b[16];
	size_t i;
	int idx;

	for (i = 0; i < NELEM(cases); i++) {
		want = case_event(&cases[i], &h);
		idx = pat_mta_for(pats, &h);
		print_message("case %zu: %s\n", i, cases[i].line);
		assert_true(idx >= 0);
		assert_int_equal(pat_match(pats, idx, h.msg, h.msglen, &ev),
		    PAT_EVENT);
		assert_int_equal(ev.dir, want.dir);
		assert_int_equal(ev.cls, want.cls);
		assert_int_equal(ev.code, want.code);
		assert_string_equal(event_enh_str(&ev.enh, a, sizeof(a)),
		    event_enh_str(&want.enh, b, sizeof(b)));
	}
}

/* Every shipped signature is exercised by the table. */
static void
sig_file__every_signature__has_a_table_case(void **state)
{
	struct syslog_hdr h;
	struct event ev;
	size_t i;
	int n = sig_count(sigs), k, missing = 0;
	char *hit = calloc((size_t)n, 1);

	assert_non_null(hit);
	for (i = 0; i < NELEM(cases); i++) {
		ev = case_event(&cases[i], &h);
		k = sig_match(sigs, &ev, h.msg, h.msglen);
		if (k >= 0)
			hit[k] = 1;
	}
	for (k = 0; k < n; k++)
		if (!hit[k]) {
			print_message("no case for %s\n", id_of(sigs, k));
			missing++;
		}
	free(hit);
	assert_int_equal(missing, 0);
}

/* ---- the shipped file ----------------------------------------------------- */

static void
sig_file__shipped__fields_complete(void **state)
{
	const struct sig_entry *e;
	int i;

	assert_true(sig_count(sigs) >= 40);
	for (i = 0; i < sig_count(sigs); i++) {
		e = sig_get(sigs, i);
		assert_non_null(e);
		print_message("%s\n", e->id);
		assert_true(e->id[0] != '\0');
		assert_true(e->provider[0] != '\0');
		assert_true(e->title[0] != '\0');
		assert_true(e->explanation[0] != '\0');
		assert_true(e->advice[0] != '\0');
		assert_non_null(e->url);
		assert_true(
		    e->url[0] == '\0' || strncmp(e->url, "https://", 8) == 0);
	}
}

static void
sig_file__shipped__ids_unique(void **state)
{
	int i, j;

	for (i = 0; i < sig_count(sigs); i++)
		for (j = i + 1; j < sig_count(sigs); j++)
			assert_string_not_equal(sig_get(sigs, i)->id,
			    sig_get(sigs, j)->id);
}

static void
sig_get__out_of_range__null(void **state)
{
	assert_null(sig_get(sigs, -1));
	assert_null(sig_get(sigs, sig_count(sigs)));
}

/* ---- filters ---------------------------------------------------------------- */

#define TSS04 "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred"

static void
sig_match__yahoo_text_on_2xx_event__none(void **state)
{
	struct event ev = mkev(OUT, 2, 250, 2, 0, 0);

	assert_int_equal(sig_match(sigs, &ev, TSS04, strlen(TSS04)), -1);
}

static void
sig_match__yahoo_text_on_4xx_event__yahoo_tss04(void **state)
{
	struct event ev = mkev(OUT, 4, 421, 4, 7, 0);

	assert_string_equal(id_of(sigs,
				sig_match(sigs, &ev, TSS04, strlen(TSS04))),
	    "yahoo-tss04");
}

static void
sig_match__null_event__pattern_decides(void **state)
{
	assert_string_equal(id_of(sigs,
				sig_match(sigs, NULL, TSS04, strlen(TSS04))),
	    "yahoo-tss04");
}

static void
sig_match__relay_denied_by_direction__in_or_out(void **state)
{
	static const char msg[] =
	    "554 5.7.1 <x@y.example>: Relay access denied";
	struct event in = mkev(IN, 5, 554, 5, 7, 1);
	struct event out = mkev(OUT, 5, 554, 5, 7, 1);

	assert_string_equal(id_of(sigs, sig_match(sigs, &in, msg, strlen(msg))),
	    "relay-denied-in");
	assert_string_equal(id_of(sigs,
				sig_match(sigs, &out, msg, strlen(msg))),
	    "relay-denied-out");
}

/* Gmail's 5.7.26 needs the code: the same host with 5.7.1 is another. */
static void
sig_match__gmail_marker_without_code__not_unauthenticated(void **state)
{
	static const char msg[] = "550 5.7.1 a1si2 - gsmtp";
	struct event ev = mkev(OUT, 5, 550, 5, 7, 1);

	assert_int_equal(sig_match(sigs, &ev, msg, strlen(msg)), -1);
}

static const char filter_file[] = "# filters with x\n"
				  "[any-4xx]\n"
				  "provider = P\n"
				  "title = T\n"
				  "explanation = E\n"
				  "advice = A\n"
				  "code = 4x1\n"
				  "enh = x.7.x\n"
				  "match = ^hello\n"
				  "\n"
				  "[class2]\n"
				  "provider = P\n"
				  "title = T\n"
				  "explanation = E\n"
				  "  continued\n"
				  "# a comment inside a text\n"
				  "\tand again\n"
				  "advice = A\n"
				  "class = 2\n"
				  "dir = in\n"
				  "match = nomatch\n"
				  "match = ^HELLO\n"
				  "url = https://example.org/\n";

static void
sig_match__code_and_enh_with_x__filters(void **state)
{
	struct sig_set *set = sig_new();
	char path[64], err[256];
	struct event ev;

	assert_int_equal(load_text(set, filter_file, path, sizeof(path), err,
			     sizeof(err)),
	    0);
	assert_int_equal(sig_count(set), 2);
	ev = mkev(OUT, 4, 421, 4, 7, 28);
	assert_int_equal(sig_match(set, &ev, "hello", 5), 0);
	ev = mkev(OUT, 4, 451, 5, 7, 1); /* enh class is x */
	assert_int_equal(sig_match(set, &ev, "hello", 5), 0);
	ev = mkev(OUT, 4, 450, 4, 7, 1); /* 450 is not 4x1 */
	assert_int_equal(sig_match(set, &ev, "hello", 5), -1);
	ev = mkev(OUT, 4, 421, 4, 2, 2); /* x.7.x */
	assert_int_equal(sig_match(set, &ev, "hello", 5), -1);
	ev = mkev(OUT, 4, 0, 4, 7, 1); /* no basic code logged */
	assert_int_equal(sig_match(set, &ev, "hello", 5), -1);
	ev = mkev(OUT, 4, 421, 0, 0, 0); /* no enhanced code */
	assert_int_equal(sig_match(set, &ev, "hello", 5), -1);
	/* class = 2 and dir = in; the second match line, any case */
	ev = mkev(IN, 2, 250, 0, 0, 0);
	assert_int_equal(sig_match(set, &ev, "hello", 5), 1);
	ev = mkev(OUT, 2, 250, 0, 0, 0);
	assert_int_equal(sig_match(set, &ev, "hello", 5), -1);
	assert_string_equal(sig_get(set, 1)->explanation,
	    "E continued and again");
	assert_string_equal(sig_get(set, 1)->url, "https://example.org/");
	assert_string_equal(sig_get(set, 0)->url, "");
	sig_free(set);
}

/* ---- loader errors ------------------------------------------------------ */

#define BLOCK_TEXTS "provider = P\ntitle = T\nexplanation = E\nadvice = A\n"

static void
sig_load_file__bad_regex__file_line_offset_message(void **state)
{
	load_fails_with("[a]\n" BLOCK_TEXTS "match = (abc\n",
	    "F:6: offset 4: missing closing parenthesis");
}

static void
sig_load_file__unknown_key__file_line(void **state)
{
	load_fails_with("[a]\nprovider = P\ncolour = red\n",
	    "F:3: unknown key 'colour'");
}

static void
sig_load_file__block_without_match__names_block(void **state)
{
	load_fails_with("# x\n[a]\n" BLOCK_TEXTS "\n[b]\n" BLOCK_TEXTS
			"match = b\n",
	    "F:2: signature 'a' has no 'match'");
}

static void
sig_load_file__block_without_advice__names_key(void **state)
{
	load_fails_with("[a]\nprovider = P\ntitle = T\nexplanation = E\n"
			"match = x\n",
	    "F:1: signature 'a' has no 'advice'");
}

static void
sig_load_file__duplicate_id__file_line(void **state)
{
	load_fails_with("[a]\n" BLOCK_TEXTS "match = a\n[a]\n",
	    "F:7: duplicate id 'a'");
}

static void
sig_load_file__key_before_block__file_line(void **state)
{
	load_fails_with("provider = P\n",
	    "F:1: 'provider' before the first [id] line");
}

static void
sig_load_file__bad_class__file_line(void **state)
{
	load_fails_with("[a]\nclass = 3\n",
	    "F:2: class must be 2, 4 or 5, a list of them, or any");
}

static void
sig_load_file__bad_enh__file_line(void **state)
{
	load_fails_with("[a]\nenh = 5.7\n",
	    "F:2: '5.7' in 'enh' is not an enhanced code such as 5.7.1 or "
	    "4.7.x");
}

static void
sig_load_file__pattern_continued__refused(void **state)
{
	load_fails_with("[a]\nmatch = a\n  b\n",
	    "F:3: continuation line without a text key before it (only texts "
	    "continue; a pattern takes another match line)");
}

static void
sig_load_file__no_blocks__refused(void **state)
{
	load_fails_with("# nothing\n\n", "F: no signatures");
}

static void
sig_load_file__missing_file__path_strerror(void **state)
{
	struct sig_set *set = sig_new();
	char err[256];

	assert_int_equal(sig_load_file(set, "/nonexistent/x.sig", err,
			     sizeof(err)),
	    -1);
	assert_string_equal(err,
	    "/nonexistent/x.sig: No such file or directory");
	sig_free(set);
}

/* A failed file adds nothing; a good one after it still loads. */
static void
sig_load_file__after_failure__set_unchanged(void **state)
{
	struct sig_set *set = sig_new();
	char path[64], err[256];

	assert_int_equal(load_text(set, "[a]\n" BLOCK_TEXTS "match = a\n[b]\n",
			     path, sizeof(path), err, sizeof(err)),
	    -1);
	assert_int_equal(sig_count(set), 0);
	assert_int_equal(load_text(set, "[a]\n" BLOCK_TEXTS "match = a\n", path,
			     sizeof(path), err, sizeof(err)),
	    0);
	assert_int_equal(sig_count(set), 1);
	sig_free(set);
}

/* ---- limits --------------------------------------------------------------- */

static void
sig_match__catastrophic_pattern__limit_gives_none(void **state)
{
	struct sig_set *set = sig_new();
	char path[64], err[256], subject[200];
	struct event ev = mkev(OUT, 5, 550, 5, 7, 1);

	assert_int_equal(load_text(set,
			     "[slow]\n" BLOCK_TEXTS "match = ^(\\w+\\s?)*$\n",
			     path, sizeof(path), err, sizeof(err)),
	    0);
	memset(subject, 'a', sizeof(subject));
	subject[sizeof(subject) - 1] = '!';
	assert_int_equal(sig_match(set, &ev, subject, sizeof(subject)), -1);
	sig_free(set);
}

/*
 * The literal prefilter only skips signatures that cannot match: each of
 * these pattern shapes (quantifier bodies, optional atoms, branches that
 * are only groups or classes, case) must still match its message.
 */
static void
sig_match__prefilter_pattern_shapes__still_match(void **state)
{
	static const struct {
		const char *pattern, *msg;
	} shapes[] = {
	    {"\\b(?:HELO|EHLO)\\b.{0,40}\\brejected\\b",
		"rejected EHLO from x: EHLO was rejected"},
	    {"unregistered domains?", "an Unregistered Domain here"},
	    {"colou?r", "COLOR"},
	    {"ab{0,3}cd", "xacdx"},
	    {"ab{2}cd", "abbcd"},
	    {"a+bc", "aaabc"},
	    {"foo\\.bar|[0-9]+x", "code 12x"},
	    {"(?:spam|junk) mail", "junk mail"},
	    {"(?-i)CaseSensitive", "a CaseSensitive word"},
	    {"\\(S31[0-9]{2}\\)", "blocked (S3150)"},
	    {"x\\d{3,}y", "x123y"},
	    {"[x]yz|(q)ab", "xyz"},
	    {"[^]x]yz|(q)ab", "ayz"},
	    {"[[:digit:]]yz|(q)ab", "1yz"},
	    {"\\bconnection limit\\b|\\bexceeded\\b.{0,30}\\brate\\b",
		"you EXCEEDED the sending Rate"},
	    {"abc(?:d|e)f|(?i)FOO\\d+|bar", "a foo12"},
	    {"(?-i)ABC|def", "ABC"},
	};
	struct event ev;
	size_t i;

	(void)state;
	memset(&ev, 0, sizeof(ev));
	ev.dir = EVENT_OUT;
	ev.cls = 5;
	ev.code = 550;
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		struct sig_set *set = sig_new();
		char text[512], path[64], err[256];

		snprintf(text, sizeof(text),
		    "[shape]\nprovider = P\nmatch = %s\ntitle = t\n"
		    "explanation = e\nadvice = a\n",
		    shapes[i].pattern);
		assert_int_equal(load_text(set, text, path, sizeof(path), err,
				     sizeof(err)),
		    0);
		print_message("pattern %s\n", shapes[i].pattern);
		assert_int_equal(sig_match(set, &ev, shapes[i].msg,
				     strlen(shapes[i].msg)),
		    0);
		/* and a message without the literal is still refused */
		assert_int_equal(sig_match(set, &ev, "nothing", 7), -1);
		sig_free(set);
	}
}

/*
 * A pattern of top-level branches runs only when all the literals one
 * branch needs are there: not on every message with "exceeded". A branch
 * that needs none has the pattern run on every message.
 */
static void
sig_match__branches__run_when_one_branch_may_match(void **state)
{
	static const char *const msgs[][2] = {
	    {"quota exceeded by 3 MB", "0"},
	    {"no connection here, but a limit", "0"},
	    {"you exceeded the sending rate", "1"},
	    {"the connection limit is 10", "1"},
	    {"RATE exceeded", "1"}, /* run, and no match */
	};
	struct sig_set *set = sig_new();
	struct event ev = mkev(OUT, 4, 421, 4, 7, 0);
	char path[64], err[256];
	unsigned long runs;
	size_t i;

	(void)state;
	assert_int_equal(load_text(set,
			     "[any]\n" BLOCK_TEXTS "match = abcdef|\\d{5}\n"
			     "[rate]\n" BLOCK_TEXTS
			     "match = \\bconnection limit\\b|"
			     "\\bexceeded\\b.{0,30}\\brate\\b\n",
			     path, sizeof(path), err, sizeof(err)),
	    0);
	for (i = 0; i < NELEM(msgs); i++) {
		runs = sig_runs(set);
		print_message("%s\n", msgs[i][0]);
		(void)sig_match(set, &ev, msgs[i][0], strlen(msgs[i][0]));
		/* [any] runs on every message: its second branch needs no
		 * literal; [rate] only where one of its branches may fit */
		assert_int_equal(sig_runs(set) - runs,
		    1 + (msgs[i][1][0] == '1'));
	}
	assert_int_equal(sig_match(set, &ev, "exceeded the rate", 17), 1);
	assert_int_equal(sig_match(set, &ev, "rate exceeded", 13), -1);
	assert_int_equal(sig_match(set, &ev, "call 12345", 10), 0);
	sig_free(set);
}

/* A message, the signature it gets (-1: none), and the regexes run. */
struct run_case {
	const char *msg;
	int want;
	unsigned long runs;
};

/*
 * Load TEXT as a signatures file and match each of the N cases with an
 * event EV: the answer and the regexes run with the prefilter, and the
 * same answer trying every whole pattern.
 */
static void
check_runs(const char *text, struct event ev, const struct run_case *c,
    size_t n)
{
	struct sig_set *set = sig_new();
	char path[64], err[256];
	unsigned long runs;
	size_t i;

	assert_int_equal(load_text(set, text, path, sizeof(path), err,
			     sizeof(err)),
	    0);
	for (i = 0; i < n; i++) {
		print_message("%s\n", c[i].msg);
		runs = sig_runs(set);
		assert_int_equal(sig_match(set, &ev, c[i].msg,
				     strlen(c[i].msg)),
		    c[i].want);
		assert_int_equal(sig_runs(set) - runs, c[i].runs);
		sig_use_prefilter(set, 0);
		assert_int_equal(sig_match(set, &ev, c[i].msg,
				     strlen(c[i].msg)),
		    c[i].want);
		sig_use_prefilter(set, 1);
	}
	sig_free(set);
}

/*
 * The branches of such a pattern run alone, each only when its literals
 * are all in the message: one small regex where the whole ran, two where
 * two branches may fit. An option setting carries into the branches
 * after it in the whole pattern: "(?-i)" keeps it whole, and its answer.
 */
static void
sig_match__branches_alone__same_answers_fewer_runs(void **state)
{
	static const struct run_case msgs[] = {
	    {"452 mailbox full", 0, 1},
	    {"over quota, and the mailbox is full", 0, 1},
	    {"mailbox fullness over quotas", -1, 2},
	    {"xyz1", -1, 1},
	    {"XYZ1", 1, 1},
	    {"ABC1", -1, 1},
	};

	(void)state;
	check_runs("[full]\n" BLOCK_TEXTS "match = \\bover ?quota\\b|"
		   "\\bmailbox (?:is )?full\\b\n"
		   "[case]\n" BLOCK_TEXTS "match = (?-i)abc\\d|XYZ\\d\n",
	    mkev(OUT, 4, 452, 4, 2, 2), msgs, NELEM(msgs));
}

/*
 * "^(?=.*?X).*?Y" runs as Y, then X, each alone: in either order on one
 * line they match, and Y missing stops at one regex. Where "." stops (a
 * newline) the whole pattern runs, as it does when X has a branch of its
 * own ("(?=.*?foo|bar)" is "bar" at the start, not anywhere).
 */
static void
sig_match__lookahead_and__two_regexes_same_answers(void **state)
{
	static const struct run_case msgs[] = {
	    {"550 5.7.28 blocked - gsmtp", 0, 2},
	    {"gsmtp said: 421 4.7.28 slow down", 0, 2},
	    {"gsmtp said: 421 4.7.280 slow down", -1, 1},
	    {"421 4.7.28 one line\n- gsmtp", -1, 1},
	    {"xbar then baz", -1, 1},
	    {"bar, then baz", 1, 1},
	};

	(void)state;
	check_runs("[rate]\n" BLOCK_TEXTS
		   "match = ^(?=.*?(?:gsmtp|google\\.com)).*?"
		   "\\b[45]\\.7\\.28\\b\n"
		   "[bar]\n" BLOCK_TEXTS "match = ^(?=.*?foo|bar).*?baz\n",
	    mkev(OUT, 4, 421, 4, 7, 28), msgs, NELEM(msgs));
}

/* Events of other kinds the messages of the samples are also tried with,
 * so that every list of candidates is walked: dir, class, code, enh. */
static const int brute_kinds[][6] = {
    {EVENT_OUT, 5, 550, 5, 7, 26},
    {EVENT_OUT, 4, 421, 4, 7, 0},
    {EVENT_IN, 5, 554, 5, 7, 1},
    {EVENT_IN, 4, 450, 4, 7, 1},
    {EVENT_OUT, 5, 0, 0, 0, 0},
};

/* sig_match() with the prefilter gives what trying every pattern gives. */
static void
sig_same(const struct event *ev, const char *msg, size_t len, const char *where)
{
	int fast, slow;

	fast = sig_match(sigs, ev, msg, len);
	sig_use_prefilter(sigs, 0);
	slow = sig_match(sigs, ev, msg, len);
	sig_use_prefilter(sigs, 1);
	if (fast != slow)
		fail_msg("%s: prefilter %d, every pattern %d: %.*s", where,
		    fast, slow, (int)len, msg);
}

/* sig_same() for a mail line, with the event the patterns make of it,
 * without one, and when *KINDS is set with made-up ones; 1 for an event. */
static long
brute_line(void *kinds, const char *line, size_t len, const char *where)
{
	struct syslog_hdr h;
	struct event ev;
	long events = 0;
	size_t k;
	int idx;

	if (syslog_parse(line, len, &h) == SYSLOG_NONE ||
	    (idx = pat_mta_for(pats, &h)) < 0)
		return 0;
	if (pat_match(pats, idx, h.msg, h.msglen, &ev) == PAT_EVENT) {
		events = 1;
		sig_same(&ev, h.msg, h.msglen, where);
		sig_same(NULL, h.msg, h.msglen, where);
	}
	for (k = 0; *(const int *)kinds && k < NELEM(brute_kinds); k++) {
		memset(&ev, 0, sizeof(ev));
		ev.dir = brute_kinds[k][0];
		ev.cls = brute_kinds[k][1];
		ev.code = brute_kinds[k][2];
		ev.enh.cls = brute_kinds[k][3];
		ev.enh.subject = brute_kinds[k][4];
		ev.enh.detail = brute_kinds[k][5];
		sig_same(&ev, h.msg, h.msglen, where);
	}
	return events;
}

/*
 * The prefilter (literals per pattern, sets of literals that must all
 * occur, lists per kind of event) never changes the answer: every table
 * case, every sample line, and the events of the public corpus when it
 * is there.
 */
static void
sig_match__prefilter__same_as_every_pattern(void **state)
{
	struct syslog_hdr h;
	struct event ev;
	char dir[4200];
	size_t i;
	long n;
	int with_kinds = 1, without = 0;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		ev = case_event(&cases[i], &h);
		sig_same(&ev, h.msg, h.msglen, cases[i].line);
	}
	snprintf(dir, sizeof(dir), "%s/sample-logs", topdir);
	n = lines_tree(dir, brute_line, &with_kinds);
	print_message("sample-logs: %ld events\n", n);
	assert_true(n > 300);
	snprintf(dir, sizeof(dir), "%s/../shared/corpus", topdir);
	print_message("corpus: %ld events\n",
	    lines_tree(dir, brute_line, &without));
}

/* Every "match" pattern of the signatures file, compiled, with the sets
 * of literals lit_required_all() says each match holds. */
struct sound_pat {
	char *src;
	pcre2_code *re;
	char ***sets;
};
struct sound {
	struct sound_pat v[256];
	int n;
	pcre2_match_data *md;
	long matches;
};

/* Each pattern that matches the message of LINE has a literal of each of
 * its sets in the message, lower-cased. */
static long
sound_line(void *arg, const char *line, size_t len, const char *where)
{
	struct sound *sd = arg;
	struct syslog_hdr h;
	char low[8192];
	size_t i;
	int p, k, j, found;

	if (syslog_parse(line, len, &h) == SYSLOG_NONE ||
	    h.msglen >= sizeof(low))
		return 0;
	for (i = 0; i < h.msglen; i++)
		low[i] = (char)(h.msg[i] >= 'A' && h.msg[i] <= 'Z'
			? h.msg[i] - 'A' + 'a'
			: h.msg[i]);
	for (p = 0; p < sd->n; p++) {
		if (pcre2_match(sd->v[p].re, (PCRE2_SPTR)h.msg, h.msglen, 0, 0,
			sd->md, NULL) < 0)
			continue;
		sd->matches++;
		for (k = 0; sd->v[p].sets != NULL && sd->v[p].sets[k]; k++) {
			found = 0;
			for (j = 0; !found && sd->v[p].sets[k][j]; j++)
				found =
				    memmem(low, h.msglen, sd->v[p].sets[k][j],
					strlen(sd->v[p].sets[k][j])) != NULL;
			if (!found)
				fail_msg("%s: /%s/ matches, but its set %d is "
					 "not in: %.*s",
				    where, sd->v[p].src, k, (int)h.msglen,
				    h.msg);
		}
	}
	return 0;
}

/*
 * The literals the prefilter looks for are sound: on every sample line
 * and the public corpus, each signature pattern that matches a message
 * has a literal of every set it was given (run one by one, not only the
 * first fitting signature as above).
 */
static void
lit_required_all__signature_patterns__held_by_every_match(void **state)
{
	static struct sound sd;
	char path[4200], *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *fp;
	int i, ec;
	PCRE2_SIZE off;

	(void)state;
	snprintf(path, sizeof(path), "%s/patterns/signatures.sig", topdir);
	assert_non_null(fp = fopen(path, "r"));
	while ((len = getline(&line, &cap, fp)) > 0) {
		if (strncmp(line, "match = ", 8) != 0)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		assert_true(sd.n < (int)NELEM(sd.v));
		sd.v[sd.n].src = strdup(line + 8);
		sd.v[sd.n].re = pcre2_compile((PCRE2_SPTR)(line + 8),
		    PCRE2_ZERO_TERMINATED, PCRE2_CASELESS, &ec, &off, NULL);
		assert_non_null(sd.v[sd.n].re);
		sd.v[sd.n].sets =
		    lit_required_all(line + 8, strlen(line + 8), 1);
		sd.n++;
	}
	free(line);
	fclose(fp);
	assert_true(sd.n > 100);
	sd.md = pcre2_match_data_create(64, NULL);
	snprintf(path, sizeof(path), "%s/sample-logs", topdir);
	(void)lines_tree(path, sound_line, &sd);
	print_message("sample-logs: %ld pattern matches\n", sd.matches);
	assert_true(sd.matches > 100);
	snprintf(path, sizeof(path), "%s/../shared/corpus", topdir);
	(void)lines_tree(path, sound_line, &sd);
	print_message("and the corpus: %ld\n", sd.matches);
	for (i = 0; i < sd.n; i++) {
		free(sd.v[i].src);
		pcre2_code_free(sd.v[i].re);
		lit_strvv_free(sd.v[i].sets);
	}
	pcre2_match_data_free(sd.md);
}

/* A stream loads like a file, and its name stands in the messages. */
static void
sig_load_fp__stream__loads_and_names_it(void **state)
{
	static char good[] = "[a]\n" BLOCK_TEXTS "match = quota\n";
	static char bad[] = "[b]\n" BLOCK_TEXTS "match = (x\n";
	struct sig_set *set = sig_new();
	char err[256];
	FILE *fp;

	assert_non_null(fp = fmemopen(good, strlen(good), "r"));
	assert_int_equal(sig_load_fp(set, fp, "mem", err, sizeof(err)), 0);
	fclose(fp);
	assert_int_equal(sig_count(set), 1);
	assert_non_null(fp = fmemopen(bad, strlen(bad), "r"));
	assert_int_equal(sig_load_fp(set, fp, "mem", err, sizeof(err)), -1);
	fclose(fp);
	assert_string_equal(err,
	    "mem:6: offset 2: missing closing parenthesis");
	assert_int_equal(sig_count(set), 1);
	sig_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sig_match__prefilter_pattern_shapes__still_match),
	    cmocka_unit_test(
		sig_match__branches__run_when_one_branch_may_match),
	    cmocka_unit_test(
		sig_match__branches_alone__same_answers_fewer_runs),
	    cmocka_unit_test(
		sig_match__lookahead_and__two_regexes_same_answers),
	    cmocka_unit_test(sig_match__prefilter__same_as_every_pattern),
	    cmocka_unit_test(sig_match__table__expected_signature),
	    cmocka_unit_test(pat_match__table_lines__events_as_in_table),
	    cmocka_unit_test(sig_file__every_signature__has_a_table_case),
	    cmocka_unit_test(sig_file__shipped__fields_complete),
	    cmocka_unit_test(sig_file__shipped__ids_unique),
	    cmocka_unit_test(sig_get__out_of_range__null),
	    cmocka_unit_test(sig_match__yahoo_text_on_2xx_event__none),
	    cmocka_unit_test(sig_match__yahoo_text_on_4xx_event__yahoo_tss04),
	    cmocka_unit_test(sig_match__null_event__pattern_decides),
	    cmocka_unit_test(sig_match__relay_denied_by_direction__in_or_out),
	    cmocka_unit_test(
		sig_match__gmail_marker_without_code__not_unauthenticated),
	    cmocka_unit_test(sig_match__code_and_enh_with_x__filters),
	    cmocka_unit_test(
		sig_load_file__bad_regex__file_line_offset_message),
	    cmocka_unit_test(sig_load_file__unknown_key__file_line),
	    cmocka_unit_test(sig_load_file__block_without_match__names_block),
	    cmocka_unit_test(sig_load_file__block_without_advice__names_key),
	    cmocka_unit_test(sig_load_file__duplicate_id__file_line),
	    cmocka_unit_test(sig_load_file__key_before_block__file_line),
	    cmocka_unit_test(sig_load_file__bad_class__file_line),
	    cmocka_unit_test(sig_load_file__bad_enh__file_line),
	    cmocka_unit_test(sig_load_file__pattern_continued__refused),
	    cmocka_unit_test(sig_load_file__no_blocks__refused),
	    cmocka_unit_test(sig_load_file__missing_file__path_strerror),
	    cmocka_unit_test(sig_load_file__after_failure__set_unchanged),
	    cmocka_unit_test(sig_match__catastrophic_pattern__limit_gives_none),
	    cmocka_unit_test(sig_load_fp__stream__loads_and_names_it),
	    cmocka_unit_test(
		lit_required_all__signature_patterns__held_by_every_match),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
