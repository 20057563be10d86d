/*
 * NAME
 *	kb - what an SMTP reply code means and what to do about it
 *
 * SYNOPSIS
 *	#include "kb.h"
 *
 *	const struct kb_entry *kb_basic(int code);
 *	const struct kb_entry *kb_enhanced(int subject, int detail);
 *	const struct kb_entry *kb_basic_table(size_t *n);
 *	const struct kb_entry *kb_enhanced_table(size_t *n);
 *	const char *kb_class_name(int cls);
 *	const char *kb_enh_class_name(int cls);
 *	const char *kb_subject_name(int subject);
 *	void kb_explain(int code, const struct event_enh *enh, int dir,
 *	    int stage, struct kb_advice *out);
 *
 * DESCRIPTION
 *	kb_basic() finds a basic reply code (550), kb_enhanced() the
 *	subject.detail of an enhanced status code (X.1.1); both return NULL
 *	for codes they do not know. kb_basic_table() and kb_enhanced_table()
 *	give the whole sorted tables and their length, for tests and
 *	listings. kb_class_name(), kb_enh_class_name() and kb_subject_name()
 *	name a reply class, an enhanced class and an enhanced subject, or
 *	return NULL when out of range.
 *
 *	kb_explain() picks the most specific text for one event: a reading
 *	tied to the SMTP stage, then the enhanced code, then the basic code,
 *	then a generic text for the enhanced subject or the reply class. The
 *	advice is fix_in for EVENT_IN (our server sent the code) and
 *	fix_out otherwise (a remote server sent it to us).
 *
 *	The text lives in kb_data.c, which this file includes so the tables
 *	stay static.
 *
 * OWNERSHIP
 *	Every pointer returned or stored in a kb_advice points to static,
 *	read-only data that lives as long as the program; never free it.
 *	kb_explain() fills every field of *out with a non-empty string.
 *
 * DIAGNOSTICS
 *	None: unknown codes are not errors, they fall back to generic text.
 */
#include "config.h"

#include <stddef.h>

#include "i18n.h"
#include "kb.h"

/* NOLINTNEXTLINE(bugprone-suspicious-include): the tables, on purpose */
#include "kb_data.c"

#define KB_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Numeric value of a table code: "550" -> 550, "X.7.26" -> 7026. */
static int
kb_code_key(const char *s)
{
	int key = 0, part = 0;

	if (s[0] == 'X' && s[1] == '.')
		s += 2;
	for (; *s != '\0'; s++) {
		if (*s == '.') {
			key = part * 1000;
			part = 0;
		} else
			part = part * 10 + (*s - '0');
	}
	return key + part;
}

/* Binary search of a sorted table by numeric key. */
static const struct kb_entry *
kb_search(const struct kb_entry *tab, size_t n, int key)
{
	size_t lo = 0, hi = n, mid;
	int k;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		k = kb_code_key(tab[mid].code);
		if (k == key)
			return &tab[mid];
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Entry of a basic reply code, or NULL. */
const struct kb_entry *
kb_basic(int code)
{
	if (code < 200 || code > 599)
		return NULL;
	return kb_search(kb_basic_tab, KB_NELEM(kb_basic_tab), code);
}

/* Entry of enhanced code X.subject.detail, or NULL. */
const struct kb_entry *
kb_enhanced(int subject, int detail)
{
	if (subject < 0 || subject > 999 || detail < 0 || detail > 999)
		return NULL;
	return kb_search(kb_enh_tab, KB_NELEM(kb_enh_tab),
	    subject * 1000 + detail);
}

/* The whole basic table, sorted by code. */
const struct kb_entry *
kb_basic_table(size_t *n)
{
	if (n != NULL)
		*n = KB_NELEM(kb_basic_tab);
	return kb_basic_tab;
}

/* The whole enhanced table, sorted by subject, then detail. */
const struct kb_entry *
kb_enhanced_table(size_t *n)
{
	if (n != NULL)
		*n = KB_NELEM(kb_enh_tab);
	return kb_enh_tab;
}

/* RFC 5321 name of a reply class (the first digit). */
const char *
kb_class_name(int cls)
{
	static const char *const name[] = {
	    N_("2xx Positive Completion"),
	    N_("3xx Positive Intermediate"),
	    N_("4xx Transient Negative Completion"),
	    N_("5xx Permanent Negative Completion"),
	};

	if (cls < 2 || cls > 5)
		return NULL;
	return _(name[cls - 2]);
}

/* RFC 3463 name of an enhanced class; 3 is not a class there. */
const char *
kb_enh_class_name(int cls)
{
	switch (cls) {
	case 2:
		return _("Success");
	case 4:
		return _("Persistent Transient Failure");
	case 5:
		return _("Permanent Failure");
	default:
		return NULL;
	}
}

/* RFC 3463 name of an enhanced subject. */
const char *
kb_subject_name(int subject)
{
	static const char *const name[] = {
	    N_("Other or Undefined Status"),
	    N_("Addressing Status"),
	    N_("Mailbox Status"),
	    N_("Mail System Status"),
	    N_("Network and Routing Status"),
	    N_("Mail Delivery Protocol Status"),
	    N_("Message Content or Media Status"),
	    N_("Security or Policy Status"),
	};

	if (subject < 0 || subject >= (int)KB_NELEM(name))
		return NULL;
	return _(name[subject]);
}

/* Whether an enhanced code can be trusted next to the basic class:
 * a success must not explain a failure, nor the other way round. */
static int
kb_enh_fits(int cls, const struct event_enh *enh)
{
	if (enh->cls != 2 && enh->cls != 4 && enh->cls != 5)
		return 0;
	if (enh->subject < 0 || enh->detail < 0)
		return 0;
	if (cls == 0)
		return 1;
	return (cls == 2 || cls == 3) == (enh->cls == 2);
}

/* A stage-specific reading; enh is NULL when there is no usable code. */
static const struct kb_entry *
kb_stage_find(int code, const struct event_enh *enh, int stage)
{
	const struct kb_stage *s;
	int none, match;

	none = enh == NULL || (enh->subject == 0 && enh->detail == 0);
	for (s = kb_stage_tab; s < kb_stage_tab + KB_NELEM(kb_stage_tab); s++) {
		if (s->code != code || s->stage != stage)
			continue;
		if (s->subject < 0)
			match = none;
		else
			match = !none && enh->subject == s->subject &&
			    enh->detail == s->detail;
		if (match)
			return s->e;
	}
	return NULL;
}

/* The entry an enhanced code contributes, or NULL when the basic code
 * says more: X.0.0, and X.s.0 or unlisted details on a success. */
static const struct kb_entry *
kb_enh_pick(const struct event_enh *enh, const struct kb_entry *basic)
{
	const struct kb_entry *e;

	e = kb_enhanced(enh->subject, enh->detail);
	if (e != NULL) {
		if (basic != NULL && enh->detail == 0 &&
		    (enh->subject == 0 || enh->cls == 2))
			return NULL;
		return e;
	}
	if (enh->cls == 2 || (basic != NULL && enh->subject == 0))
		return NULL;
	if (enh->subject >= (int)KB_NELEM(kb_subject_tab))
		return NULL;
	return &kb_subject_tab[enh->subject];
}

/* The best text for one event; every field of *out is set. */
void
kb_explain(int code, const struct event_enh *enh, int dir, int stage,
    struct kb_advice *out)
{
	const struct kb_entry *basic, *e;
	const struct event_enh *ue = NULL;
	int cls = 0;

	if (out == NULL)
		return;
	if (code >= 200 && code <= 599)
		cls = code / 100;
	basic = kb_basic(code);
	if (enh != NULL && enh->cls != 0 && kb_enh_fits(cls, enh))
		ue = enh;
	if (cls == 0 && ue != NULL)
		cls = ue->cls;

	e = kb_stage_find(code, ue, stage);
	if (e == NULL && ue != NULL)
		e = kb_enh_pick(ue, basic);
	if (e == NULL)
		e = basic;
	if (e == NULL)
		e = &kb_class_tab[cls >= 2 && cls <= 5 ? cls - 1 : 0];

	out->title = _(e->title);
	out->explanation = _(e->desc);
	out->when = _(e->when);
	out->advice = _(dir == EVENT_IN ? e->fix_in : e->fix_out);
}
