/*
 * event.c - names and parsers for the parts of an event.
 *
 * Codes are checked before they are believed: a basic code is three
 * digits whose first is 2..5 and second 0..5 (RFC 5321, 4.2.1); an
 * enhanced code has parts of one to three digits and class 2, 4 or 5
 * (RFC 3463). Anything else is "no code", never a guess.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "event.h"
#include "util.h"

static const char *const event_mta_names[EVENT_NMTA] = {"postfix", "exim",
    "sendmail"};
static const char *const event_dir_names[EVENT_NDIR] = {"inbound", "outbound"};
static const char *const event_stage_names[EVENT_NSTAGE] = {"", "CONNECT",
    "HELO", "AUTH", "STARTTLS", "MAIL", "RCPT", "DATA", "END-OF-DATA", "OTHER"};

const char *
event_mta_name(int mta)
{
	return mta >= 0 && mta < EVENT_NMTA ? event_mta_names[mta] : "?";
}

const char *
event_dir_name(int dir)
{
	return dir >= 0 && dir < EVENT_NDIR ? event_dir_names[dir] : "?";
}

const char *
event_stage_name(int stage)
{
	return stage >= 0 && stage < EVENT_NSTAGE ? event_stage_names[stage]
						  : "";
}

/* Read 1..3 digits at *P (bounded by END); -1 when there are none. */
static int
event_part(const char **p, const char *end)
{
	int v = 0, n = 0;

	while (*p < end && **p >= '0' && **p <= '9' && n < 4) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= 1 && n <= 3 ? v : -1;
}

int
event_enh_parse(const char *s, size_t len, struct event_enh *e)
{
	const char *p = s, *end = s + len;
	int c, sub, det;

	c = event_part(&p, end);
	if (c < 0 || p >= end || *p++ != '.')
		return -1;
	sub = event_part(&p, end);
	if (sub < 0 || p >= end || *p++ != '.')
		return -1;
	det = event_part(&p, end);
	if (det < 0 || p != end)
		return -1;
	if (c != 2 && c != 4 && c != 5)
		return -1;
	e->cls = c;
	e->subject = sub;
	e->detail = det;
	return 0;
}

int
event_code_parse(const char *s, size_t len)
{
	if (len != 3 || s[0] < '2' || s[0] > '5' || s[1] < '0' || s[1] > '5' ||
	    s[2] < '0' || s[2] > '9')
		return 0;
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

/* How the MTAs name the commands they were answering. */
static const struct {
	const char *word;
	int stage;
} event_stage_words[] = {
    {"end of data", EVENT_STAGE_EOM},
    {"end-of-message", EVENT_STAGE_EOM},
    {"end-of-data", EVENT_STAGE_EOM},
    {"data", EVENT_STAGE_DATA},
    {"bdat", EVENT_STAGE_DATA},
    {"rcpt", EVENT_STAGE_RCPT},
    {"mail", EVENT_STAGE_MAIL},
    {"ehlo", EVENT_STAGE_HELO},
    {"helo", EVENT_STAGE_HELO},
    {"lhlo", EVENT_STAGE_HELO},
    {"starttls", EVENT_STAGE_STARTTLS},
    {"auth", EVENT_STAGE_AUTH},
    {"connect", EVENT_STAGE_CONNECT},
    {"initial connection", EVENT_STAGE_CONNECT},
    {"greeting", EVENT_STAGE_CONNECT},
    {"banner", EVENT_STAGE_CONNECT},
    {"check_relay", EVENT_STAGE_CONNECT},
    {"check_mail", EVENT_STAGE_MAIL},
    {"check_rcpt", EVENT_STAGE_RCPT},
    {"check_data", EVENT_STAGE_DATA},
    {"check_eom", EVENT_STAGE_EOM},
};

int
event_stage_parse(const char *s, size_t len)
{
	size_t i, wl;

	if (len == 0)
		return EVENT_STAGE_NONE;
	for (i = 0;
	     i < sizeof(event_stage_words) / sizeof(event_stage_words[0]);
	     i++) {
		wl = strlen(event_stage_words[i].word);
		/* a whole word: "MAIL FROM" is MAIL, "mailbox" is not */
		if (len >= wl &&
		    util_memcasemem(s, wl, event_stage_words[i].word, wl) ==
			s &&
		    (len == wl || !isalnum((unsigned char)s[wl])))
			return event_stage_words[i].stage;
	}
	return EVENT_STAGE_OTHER;
}

int
event_enh_cmp(const struct event_enh *a, const struct event_enh *b)
{
	if (a->cls != b->cls)
		return a->cls - b->cls;
	if (a->subject != b->subject)
		return a->subject - b->subject;
	return a->detail - b->detail;
}

/* V (0 to 999) in decimal at P; returns the end. */
static char *
event_digits(char *p, int v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

const char *
event_enh_str(const struct event_enh *e, char *buf, size_t n)
{
	char *p = buf;

	if (e->cls == 0) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	if (n < 12 || e->cls < 0 || e->cls > 9 || e->subject < 0 ||
	    e->subject > 999 || e->detail < 0 || e->detail > 999) {
		snprintf(buf, n, "%d.%d.%d", e->cls, e->subject, e->detail);
		return buf;
	}
	/* the common case by hand: reports write one per row */
	*p++ = (char)('0' + e->cls);
	*p++ = '.';
	p = event_digits(p, e->subject);
	*p++ = '.';
	p = event_digits(p, e->detail);
	*p = '\0';
	return buf;
}
