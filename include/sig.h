/*
 * sig.h - provider and blocklist signatures: the well-known reply texts of
 * large mail providers (Gmail, Microsoft 365, Yahoo, iCloud ...), DNS
 * blocklists, SPF/DKIM/DMARC failures, greylisting, rate limits, full
 * mailboxes, each with the specific explanation and the provider's
 * documented remedy.
 *
 *   sig_new() / sig_free(set)
 *   sig_load_file(set, path, err, n)   load a signatures file
 *   sig_load_fp(set, fp, name, err, n) the same from an open stream
 *   sig_match(set, ev, msg, n)         first signature that fits, or -1
 *   sig_get(set, idx)                  the text of signature IDX
 *   sig_count(set)
 *
 * Signatures are data (patterns/signatures.sig, format in
 * patterns/README), PCRE2 patterns compiled once with JIT and run under
 * match limits. Errors go into the caller's buffer as
 * "file:line: offset N: <PCRE2 message>" or "file:line: <what>".
 * Strings returned belong to the set and live until sig_free().
 */
#ifndef SMTPLOG_SIG_H
#define SMTPLOG_SIG_H

#include <stddef.h>
#include <stdio.h>

#include "event.h"

struct sig_entry {
	const char *id;          /* "yahoo-tss04": stable, for JSON */
	const char *provider;    /* "Yahoo" */
	const char *title;       /* short meaning */
	const char *explanation; /* what it means here */
	const char *advice;      /* the provider's documented remedy */
	const char *url;         /* the provider's page, or "" */
};

struct sig_set;

struct sig_set *sig_new(void);
int
sig_load_file(struct sig_set *set, const char *path, char *err, size_t errlen);
/* Load a signatures file from FP (not closed); NAME stands for it in the
 * messages. */
int sig_load_fp(struct sig_set *set, FILE *fp, const char *name, char *err,
    size_t errlen);
int sig_count(const struct sig_set *set);
/* The first signature (in file order) whose filters accept EV (class,
 * direction, codes) and whose pattern matches the message MSG of LEN
 * bytes; -1 when none does. */
int sig_match(struct sig_set *set, const struct event *ev, const char *msg,
    size_t len);
const struct sig_entry *sig_get(const struct sig_set *set, int idx);
/* Matches a pattern gave up on (PCRE2 limits); they did not match. */
unsigned long sig_limit_hits(const struct sig_set *set);
/* Patterns run so far: what the prefilter did not spare. */
unsigned long sig_runs(const struct sig_set *set);
/* Set the count back to HITS (see pat_limit_rewind()). */
void sig_limit_rewind(struct sig_set *set, unsigned long hits);
/* ON 0: sig_match() tries every pattern of every signature whose filters
 * pass, without the literal prefilter (tests compare the two); 1: the
 * prefilter (the default). */
void sig_use_prefilter(struct sig_set *set, int on);
void sig_free(struct sig_set *set);

#endif
