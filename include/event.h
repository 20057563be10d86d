/*
 * event.h - one SMTP reply or delivery outcome found in a log line.
 *
 * An event is filled by pat_match() and read by agg_add(). Its string
 * fields point into the line being matched and live only until the next
 * line is read; whoever keeps them copies them.
 */
#ifndef SMTPLOG_EVENT_H
#define SMTPLOG_EVENT_H

#include <stddef.h>

enum event_mta { EVENT_POSTFIX = 0, EVENT_EXIM, EVENT_SENDMAIL, EVENT_NMTA };
enum event_dir { EVENT_IN = 0, EVENT_OUT, EVENT_NDIR };

/* The SMTP command the reply answered, when the log says. */
enum event_stage {
	EVENT_STAGE_NONE = 0,
	EVENT_STAGE_CONNECT,
	EVENT_STAGE_HELO,
	EVENT_STAGE_AUTH,
	EVENT_STAGE_STARTTLS,
	EVENT_STAGE_MAIL,
	EVENT_STAGE_RCPT,
	EVENT_STAGE_DATA, /* the DATA command itself */
	EVENT_STAGE_EOM,  /* end of DATA: the message was sent */
	EVENT_STAGE_OTHER,
	EVENT_NSTAGE
};

/* An enhanced status code (RFC 3463) class.subject.detail; cls == 0 when
 * the event has none. */
struct event_enh {
	int cls, subject, detail;
};

struct event {
	int mta;  /* enum event_mta */
	int dir;  /* enum event_dir */
	int cls;  /* 2, 4 or 5 */
	int code; /* basic reply code 200..599, 0 if none */
	struct event_enh enh;
	int inferred; /* code/enh inferred, not logged */
	int stage;    /* enum event_stage */
	int sig;      /* provider signature (sig.h), -1: none */
	const char *host;
	size_t hostlen; /* remote host or client */
	const char *domain;
	size_t domainlen; /* recipient domain */
	const char *text;
	size_t textlen; /* reply or reason text */
};

const char *event_mta_name(int mta);
const char *event_dir_name(int dir);
const char *event_stage_name(int stage);

/* Parse "5.1.1" (each part 1 to 3 digits, class 2, 4 or 5). 0 on success. */
int event_enh_parse(const char *s, size_t len, struct event_enh *e);
/* Parse a basic reply code: 3 digits, first 2..5, second 0..5. Returns the
 * code or 0. */
int event_code_parse(const char *s, size_t len);
/* Map a command name as logged ("RCPT TO", "end of DATA", "MAIL FROM",
 * "EHLO", "CONNECT", "END-OF-MESSAGE", ...) to a stage. */
int event_stage_parse(const char *s, size_t len);
/* Order of enhanced codes: none first, then by class, subject, detail. */
int event_enh_cmp(const struct event_enh *a, const struct event_enh *b);
/* Format "5.1.1" into buf (at least 12 bytes); "" when e->cls is 0. */
const char *event_enh_str(const struct event_enh *e, char *buf, size_t n);

#endif
