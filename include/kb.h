/*
 * kb.h - the knowledge base: what each SMTP reply code means and what the
 * administrator reading the log should do about it.
 *
 *   kb_basic(550)              entry of a basic reply code, or NULL
 *   kb_enhanced(1, 1)          entry of enhanced code X.1.1, or NULL
 *   kb_class_name(5)           "5xx Permanent Negative Completion"
 *   kb_explain(code, enh, dir, stage, &advice)   best text for an event
 *
 * All text is static, compiled into the binary, and never freed. Advice is
 * written from the point of view of the administrator whose log is read:
 * fix_in when our server sent the code to a client (inbound), fix_out when
 * a remote server sent it to us while we delivered (outbound).
 */
#ifndef SMTPLOG_KB_H
#define SMTPLOG_KB_H

#include <stddef.h>
#include "event.h"

struct kb_entry {
	const char *code;    /* "550", or "X.1.1" for enhanced codes */
	const char *title;   /* short meaning: "Mailbox unavailable" */
	const char *desc;    /* what the code says */
	const char *when;    /* when you see it: command, stage, cause */
	const char *fix_in;  /* how to fix: our server sent it */
	const char *fix_out; /* how to fix: a remote server sent it */
};

const struct kb_entry *kb_basic(int code);
const struct kb_entry *kb_enhanced(int subject, int detail);

/* Whole tables, for tests and listings. */
const struct kb_entry *kb_basic_table(size_t *n);
const struct kb_entry *kb_enhanced_table(size_t *n);

/* "2xx Positive Completion", "3xx Positive Intermediate",
 * "4xx Transient Negative Completion", "5xx Permanent Negative Completion";
 * NULL for other classes. */
const char *kb_class_name(int cls);
/* RFC 3463 class and subject names: "Persistent Transient Failure",
 * "Addressing Status", ... NULL when out of range. */
const char *kb_enh_class_name(int cls);
const char *kb_subject_name(int subject);

/* The explanation chosen for an event. Never NULL fields: when neither
 * code is known, the class meaning is used. */
struct kb_advice {
	const char *title;       /* short meaning */
	const char *explanation; /* description */
	const char *when;        /* when you see it */
	const char *advice;      /* how to fix, for the direction */
};

void kb_explain(int code, const struct event_enh *enh, int dir, int stage,
    struct kb_advice *out);

#endif
