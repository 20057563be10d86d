/*
 * sig.c - provider and blocklist signatures: known reply texts mapped to
 * a specific explanation and the provider's documented remedy.
 *
 * SYNOPSIS
 *	set = sig_new();
 *	sig_load_file(set, path, err, errlen)   0, or -1 and a message
 *	sig_load_fp(set, fp, name, err, errlen) the same from a stream
 *	idx = sig_match(set, &ev, msg, len)     first fitting signature, -1
 *	e = sig_get(set, idx)                   its texts, NULL out of range
 *	sig_count(set); sig_free(set);
 *
 * DESCRIPTION
 *	A signatures file (format: patterns/README, "Signature files") is a
 *	list of "[id]" blocks of "key = value" lines. Each "match" line is
 *	compiled once with PCRE2 in byte mode and without regard to case,
 *	JIT-compiled where the platform allows (SMTPLOG_NO_JIT turns JIT
 *	off), and given its own match data, so sig_match() allocates
 *	nothing. Signatures are tried in file order: the cheap filters on
 *	the event (class, direction, basic and enhanced code) first, then
 *	the patterns against the whole log message.
 *
 *	The prefilter keeps the patterns off messages they cannot match.
 *	A pattern is one prefilter unit, or one per top-level branch
 *	(lit_branches()); each unit has up to eight sets of literals
 *	(lit_required_all()), and a message gets the pattern tried only if,
 *	for one of its units, a literal of every set is in it, lower-cased.
 *	The message is scanned once for the literals of all units, and the
 *	scan lists the patterns it made ready. For each kind of event
 *	(direction, class, codes) the patterns whose filters pass are
 *	listed once (struct sig_cands): a failure tries the ready ones of
 *	its list in file order, with those that need no literal, and is not
 *	even scanned when no pattern of the list needs literals. A
 *	pattern of top-level branches that each mean alone what they mean
 *	in it has a regex per branch, and only the branches whose literals
 *	are all there run; "^(?=.*?X).*?Y" (X and Y in either order) runs
 *	as Y and X apart on a message of one line. sig_use_prefilter(set,
 *	0) tries every whole pattern, for the tests that check the
 *	prefilter changes no answer.
 *
 *	Every match runs under a match context with match and depth limits:
 *	a pattern that hits one counts as not matching, and the next
 *	signature is tried. A run never hangs on a hostile pattern.
 *
 * OWNERSHIP
 *	The set owns every string and compiled pattern it loads; pointers
 *	from sig_get() live until sig_free(). A file that fails to load
 *	adds nothing to the set.
 *
 * DIAGNOSTICS
 *	Written into the caller's buffer: "path: strerror" for a file that
 *	cannot be read, "file:line: offset N: <PCRE2 message>" for a bad
 *	pattern, "file:line: <what>" for any other mistake in the file.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"
#include "lit.h"
#include "sig.h"
#include "util.h"

#define SIG_MAX_MATCH 8   /* match lines per signature */
#define SIG_MAX_BRANCH 16 /* top-level branches prefiltered apart */
#define SIG_MAX_CODES 16  /* items of a code= or enh= list */
#define SIG_ANY (-1)      /* a code part written as "x" */

/* The text keys, in the order sig_entry declares them after id. */
enum sig_text {
	T_PROVIDER,
	T_TITLE,
	T_EXPLANATION,
	T_ADVICE,
	T_URL,
	SIG_NTEXT
};
static const char *const sig_text_keys[SIG_NTEXT] = {"provider", "title",
    "explanation", "advice", "url"};

/* A code pattern: basic code digits or enhanced code parts, SIG_ANY for x. */
struct sig_code {
	int part[3];
};

struct sig_rule {
	struct sig_entry entry; /* points into id and text[] */
	char *id;
	char *text[SIG_NTEXT];
	struct rx re[SIG_MAX_MATCH];
	int nre;
	unsigned classes; /* bit N set: class N accepted */
	int dir;          /* EVENT_IN, EVENT_OUT or SIG_ANY */
	struct sig_code code[SIG_MAX_CODES];
	int ncode;
	struct sig_code enh[SIG_MAX_CODES];
	int nenh;
	size_t line;   /* of the [id] header */
	unsigned seen; /* filter keys given, to refuse a second one */
	char **lits;   /* lower-cased literals of its patterns */
	int *litid;    /* per literal: its unit * 8 + its set */
	int nlits;
	struct sig_unit *units;
	int nunits;
	int unit0; /* its first unit in the set's numbering (sig_index) */
	/* per pattern: 1 when it has units, 0: none known, always try it */
	unsigned char pre[SIG_MAX_MATCH];
	/* per pattern: 1 when each of its units (top-level branches) has a
	 * regex of its own, run only when the unit's literals are there */
	unsigned char split[SIG_MAX_MATCH];
	/* per pattern: 1 when it is "^(?=.*?X).*?Y" and has X and Y
	 * compiled apart (sig_conj()) */
	unsigned char conj[SIG_MAX_MATCH];
	struct rx conj_x[SIG_MAX_MATCH], conj_y[SIG_MAX_MATCH];
};

/*
 * A prefilter unit: a pattern, or one of its top-level branches, and the
 * sets of literals it needs, a bit each. A pattern may match when, for
 * one of its units, a literal of every set occurs.
 */
struct sig_unit {
	int re;             /* the pattern, re[] of its rule */
	unsigned char need; /* its sets */
	int own;            /* 1: the branch alone is compiled into rx */
	struct rx rx;
};

struct sig_set {
	struct sig_rule *rules;
	int nrules;
	struct rx_ctx rx; /* limits, JIT stack, limit hits */
	/* the prefilter, rebuilt after each load */
	struct lit_set *lits; /* every unit's literals, id: unit * 8 + set */
	/* per unit, numbered across the rules */
	unsigned *hit;       /* == gen when a literal occurred */
	unsigned char *sets; /* the sets met, when hit == gen */
	unsigned char *need; /* the sets it needs */
	int *pat;            /* its pattern: rule * SIG_MAX_MATCH + re */
	int *hits;           /* the units hit in this gen, as first met */
	int nhits;
	/* per pattern: == gen when a unit of it is complete (and listed in
	 * done[ndone]) */
	unsigned *ok;
	int *done;
	int ndone;
	int *ready; /* sig_match(): the done patterns of the candidates */
	int nunits;
	unsigned gen;
	char *low; /* the message, lower-cased */
	size_t lowcap;
	int brute; /* sig_use_prefilter(set, 0) */
	/* the patterns each kind of event can meet (sig_cands()) */
	struct sig_cands *cands; /* SIG_CANDS slots, key 0: free */
	int ncands;
};

/*
 * The patterns, in file order, of the signatures whose filters pass the
 * events of one kind: the same direction, class, basic and enhanced code
 * (KEY, sig_key()). Most signatures filter on the event alone, so the few
 * kinds of failure in a log each keep their list.
 */
#define SIG_CANDS 64 /* kinds kept; the others walk every signature */
struct sig_cands {
	uint64_t key;
	/* a bit per pattern (rule * SIG_MAX_MATCH + pattern) of the list */
	uint64_t *in;
	int scan;    /* some pattern needs literals: scan the message */
	int *always; /* the patterns that need none, in order */
	int nalways;
};

/* What the parser of one file carries from line to line. */
struct sig_parse {
	const char *path;
	size_t line;
	char *err;
	size_t errlen;
	struct sig_rule *cur; /* the block being read, NULL before the first */
	char **cont;          /* the value a continuation line extends */
	struct sig_rule *rules; /* blocks of this file, not yet in the set */
	int nrules;
};

/* The filter keys; bit N of sig_rule.seen is set once key N was read. */
enum sig_filter { F_CLASS, F_DIR, F_CODE, F_ENH };
static const char *const sig_filter_keys[] = {"class", "dir", "code", "enh"};

/* Make an empty set with its match context; never NULL. */
struct sig_set *
sig_new(void)
{
	struct sig_set *set = xcalloc(1, sizeof(*set));

	rx_ctx_init(&set->rx);
	return set;
}

/* Release what one rule owns, not the rule itself. */
static void
sig_rule_clear(struct sig_rule *r)
{
	int i;

	for (i = 0; i < r->nre; i++)
		rx_free(&r->re[i]);
	for (i = 0; i < SIG_NTEXT; i++)
		free(r->text[i]);
	for (i = 0; i < r->nlits; i++)
		free(r->lits[i]);
	free(r->lits);
	free(r->litid);
	for (i = 0; i < r->nunits; i++)
		if (r->units[i].own)
			rx_free(&r->units[i].rx);
	free(r->units);
	for (i = 0; i < r->nre; i++)
		if (r->conj[i]) {
			rx_free(&r->conj_x[i]);
			rx_free(&r->conj_y[i]);
		}
	free(r->id);
	memset(r, 0, sizeof(*r));
}

/* Forget the lists of sig_cands(): the rules changed, or the set goes. */
static void
sig_cands_clear(struct sig_set *set)
{
	int i;

	if (set->cands != NULL)
		for (i = 0; i < SIG_CANDS; i++) {
			free(set->cands[i].in);
			free(set->cands[i].always);
		}
	free(set->cands);
	set->cands = NULL;
	set->ncands = 0;
}

static void sig_prefilter_free(struct sig_set *set);

/* Free the set and everything it loaded; NULL is fine. */
void
sig_free(struct sig_set *set)
{
	int i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nrules; i++)
		sig_rule_clear(&set->rules[i]);
	free(set->rules);
	sig_prefilter_free(set);
	free(set->low);
	sig_cands_clear(set);
	rx_ctx_done(&set->rx);
	free(set);
}

void
sig_use_prefilter(struct sig_set *set, int on)
{
	set->brute = !on;
}

unsigned long
sig_runs(const struct sig_set *set)
{
	return set->rx.runs;
}

unsigned long
sig_limit_hits(const struct sig_set *set)
{
	return set->rx.limit_hits;
}

void
sig_limit_rewind(struct sig_set *set, unsigned long hits)
{
	set->rx.limit_hits = hits;
}

/* Number of signatures loaded so far. */
int
sig_count(const struct sig_set *set)
{
	return set->nrules;
}

/* The texts of signature IDX, or NULL when there is none. */
const struct sig_entry *
sig_get(const struct sig_set *set, int idx)
{
	if (set == NULL || idx < 0 || idx >= set->nrules)
		return NULL;
	return &set->rules[idx].entry;
}

/* Put "file:line: ..." into the caller's buffer; always -1. */
static int
sig_fail(struct sig_parse *ps, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	util_verrf(ps->err, ps->errlen, ps->path, ps->line, fmt, ap);
	va_end(ap);
	return -1;
}

/* Whether C ends a word of a list value. */
static int
sig_is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

/* One code part: "x" or 1..MAXDIGITS digits; its value or -2 if bad. */
static int
sig_code_part(const char *s, size_t n, size_t maxdigits)
{
	size_t i;
	int v = 0;

	if (n == 1 && (s[0] == 'x' || s[0] == 'X'))
		return SIG_ANY;
	if (n == 0 || n > maxdigits)
		return -2;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -2;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A basic code item like 421, 55x or 5xx. */
static int
sig_basic_item(const char *s, size_t n, struct sig_code *c)
{
	int i;

	if (n != 3)
		return -1;
	for (i = 0; i < 3; i++)
		if ((c->part[i] = sig_code_part(s + i, 1, 1)) == -2)
			return -1;
	if (c->part[0] != SIG_ANY && (c->part[0] < 2 || c->part[0] > 5))
		return -1;
	return 0;
}

/* An enhanced code item like 5.7.26, 4.7.x or x.2.2. */
static int
sig_enh_item(const char *s, size_t n, struct sig_code *c)
{
	const char *end = s + n, *dot;
	int i;

	for (i = 0; i < 3; i++) {
		dot = i < 2 ? memchr(s, '.', (size_t)(end - s)) : end;
		if (dot == NULL)
			return -1;
		if ((c->part[i] = sig_code_part(s, (size_t)(dot - s), 3)) == -2)
			return -1;
		s = dot + 1;
	}
	if (c->part[0] != SIG_ANY && c->part[0] != 2 && c->part[0] != 4 &&
	    c->part[0] != 5)
		return -1;
	return 0;
}

/* Parse a list of code items separated by commas or blanks into OUT. */
static int
sig_code_list(struct sig_parse *ps, const char *key, const char *v,
    struct sig_code *out, int *nout,
    int (*item)(const char *, size_t, struct sig_code *), const char *shape)
{
	const char *w;

	*nout = 0;
	while (*v != '\0') {
		while (sig_is_sep(*v))
			v++;
		if (*v == '\0')
			break;
		for (w = v; *v != '\0' && !sig_is_sep(*v); v++)
			;
		if (*nout == SIG_MAX_CODES)
			return sig_fail(ps, "more than %d items in '%s'",
			    SIG_MAX_CODES, key);
		if (item(w, (size_t)(v - w), &out[*nout]) < 0)
			return sig_fail(ps, "'%.*s' in '%s' is not %s",
			    (int)(v - w), w, key, shape);
		(*nout)++;
	}
	if (*nout == 0)
		return sig_fail(ps, "'%s' needs a value", key);
	return 0;
}

/* class = 4 | 5 | 4,5 | 2,4,5 | any */
static int
sig_parse_class(struct sig_parse *ps, struct sig_rule *r, const char *v)
{
	unsigned mask = 0;

	if (strcmp(v, "any") == 0) {
		r->classes = 1u << 2 | 1u << 4 | 1u << 5;
		return 0;
	}
	for (; *v != '\0'; v++) {
		if (sig_is_sep(*v))
			continue;
		if ((*v != '2' && *v != '4' && *v != '5') ||
		    (v[1] != '\0' && !sig_is_sep(v[1])))
			return sig_fail(ps,
			    "class must be 2, 4 or 5, a list of them, or any");
		mask |= 1u << (*v - '0');
	}
	if (mask == 0)
		return sig_fail(ps, "'class' needs a value");
	r->classes = mask;
	return 0;
}

/* dir = in | out | any */
static int
sig_parse_dir(struct sig_parse *ps, struct sig_rule *r, const char *v)
{
	if (strcmp(v, "in") == 0)
		r->dir = EVENT_IN;
	else if (strcmp(v, "out") == 0)
		r->dir = EVENT_OUT;
	else if (strcmp(v, "any") == 0)
		r->dir = SIG_ANY;
	else
		return sig_fail(ps, "dir must be in, out or any");
	return 0;
}

/*
 * Whether the top-level branches of pattern P (N bytes) mean, each
 * compiled alone, what they mean in it: the pattern then matches exactly
 * when one of them does. lit_branches() has refused back-references,
 * calls and conditions; an option setting such as "(?-i)" would carry
 * into the branches after it, so none may be there either.
 */
static int
sig_split_ok(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i++) {
		if (p[i] == '\\') {
			i++;
			continue;
		}
		if (p[i] == '(' && p[i + 1] == '?' &&
		    (isalpha((unsigned char)p[i + 2]) || p[i + 2] == '-' ||
			p[i + 2] == '^'))
			return 0;
	}
	return 1;
}

/*
 * Give each of the NB units of rule R from FIRST on the regex of its own
 * branch of pattern P (ENDS: where branch b ends): a pattern like
 * "\bmailbox (?:is )?full\b|\bover ?quota\b|..." then runs only the
 * branch whose literals the message holds, several times quicker than
 * the whole. All or none: a branch that does not compile alone leaves
 * the pattern whole.
 */
static void
sig_split(struct sig_rule *r, int first, int nb, const char *p,
    const size_t *ends)
{
	size_t from = 0;
	char msg[320];
	int b;

	if (nb < 2 || !sig_split_ok(p, ends[nb - 1]))
		return;
	for (b = 0; b < nb; from = ends[b++] + 1) {
		if (rx_compile(&r->units[first + b].rx, p + from,
			ends[b] - from, PCRE2_CASELESS, msg, sizeof(msg)) < 0)
			break;
		r->units[first + b].own = 1;
	}
	if (b == nb) {
		r->split[r->nre] = 1;
		return;
	}
	while (b-- > 0) {
		rx_free(&r->units[first + b].rx);
		r->units[first + b].own = 0;
	}
}

/*
 * "^(?=.*?X).*?Y" (pattern P, N bytes), a way to ask for X and Y in
 * either order: each is somewhere in the first line of the message. On
 * a message of one line that is X anywhere and Y anywhere, which two
 * regexes find by themselves much sooner than the lazy scans from the
 * start do (the Microsoft "server busy" pattern: 6,400 cycles a message
 * whole, about 400 for Y alone). X and Y are compiled apart when the
 * pattern is one branch and they mean alone what they mean in it (see
 * sig_split_ok()).
 */
static void
sig_conj(struct sig_rule *r, const char *p, size_t n)
{
	static const char head[] = "^(?=.*?";
	const size_t x0 = sizeof(head) - 1;
	size_t e, ends[2];
	char msg[320];
	int j = r->nre;

	if (n <= x0 || memcmp(p, head, x0) != 0 ||
	    lit_branches(p, n, 1, ends, 2) != 1 || !sig_split_ok(p, n))
		return;
	e = lit_group_end(p, n, 1); /* after the ")" of "(?=" */
	if (e >= n || e - 1 <= x0 || n - e <= 3 || memcmp(p + e, ".*?", 3) != 0)
		return;
	/* "(?=.*?a|b)" is ".*?a" or "b" at the start: X of one branch */
	if (lit_branches(p + x0, e - 1 - x0, 1, ends, 2) != 1)
		return;
	if (rx_compile(&r->conj_x[j], p + x0, e - 1 - x0, PCRE2_CASELESS, msg,
		sizeof(msg)) < 0)
		return;
	if (rx_compile(&r->conj_y[j], p + e + 3, n - e - 3, PCRE2_CASELESS, msg,
		sizeof(msg)) < 0) {
		rx_free(&r->conj_x[j]);
		return;
	}
	r->conj[j] = 1;
}

/* Whether MSG holds a byte that may end a line for "." ("\n", and "\r",
 * "\v", "\f", NEL where PCRE2 is built to take them so). */
static int
sig_multiline(const char *msg, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((msg[i] >= '\n' && msg[i] <= '\r') ||
		    (unsigned char)msg[i] == 0x85)
			return 1;
	return 0;
}

/*
 * The prefilter: a signature's regexes run only on messages that contain
 * literals they need (lit_required_all(), lower-cased as the patterns
 * ignore case): for a pattern of top-level branches, each branch's own,
 * so that "\bconnection limit\b|\bexceeded\b.{0,30}\brate\b" is not
 * run on every message with "exceeded". A pattern of which some branch
 * needs none is tried on every message.
 */
static void
sig_add_literals(struct sig_rule *r, const char *p, size_t n)
{
	size_t ends[SIG_MAX_BRANCH], from = 0;
	char ***v[SIG_MAX_BRANCH];
	int nb = lit_branches(p, n, 1, ends, SIG_MAX_BRANCH), b, i, k, ok = 1;
	int first = r->nunits;
	struct sig_unit *u;

	if (nb < 2) {
		nb = 1;
		ends[0] = n;
	}
	for (b = 0; b < nb; from = ends[b++] + 1)
		if ((v[b] = lit_required_all(p + from, ends[b] - from, 1)) ==
		    NULL)
			ok = 0;
	for (b = 0; b < nb; b++) {
		if (!ok) {
			lit_strvv_free(v[b]);
			continue;
		}
		r->units = xrealloc(r->units,
		    (size_t)(r->nunits + 1) * sizeof(*r->units));
		u = &r->units[r->nunits];
		memset(u, 0, sizeof(*u));
		u->re = r->nre;
		for (k = 0; v[b][k] != NULL; k++) {
			for (i = 0; v[b][k][i] != NULL; i++) {
				r->lits = xrealloc(r->lits,
				    (size_t)(r->nlits + 1) * sizeof(*r->lits));
				r->litid = xrealloc(r->litid,
				    (size_t)(r->nlits + 1) * sizeof(*r->litid));
				r->litid[r->nlits] = r->nunits * 8 + k;
				r->lits[r->nlits++] = v[b][k][i];
				v[b][k][i] = NULL;
			}
			u->need |= (unsigned char)(1u << k);
		}
		r->nunits++;
		lit_strvv_free(v[b]);
	}
	r->pre[r->nre] = (unsigned char)ok;
	if (ok)
		sig_split(r, first, nb, p, ends);
	sig_conj(r, p, n);
}

static void
sig_prefilter_free(struct sig_set *set)
{
	lit_free(set->lits);
	free(set->hit);
	free(set->sets);
	free(set->need);
	free(set->pat);
	free(set->hits);
	free(set->ok);
	free(set->done);
	free(set->ready);
}

/* Build the prefilter over every rule of the set. */
static void
sig_index(struct sig_set *set)
{
	size_t npat = (size_t)set->nrules * SIG_MAX_MATCH + 1, nunit = 1;
	int i, j, u = 0;

	sig_cands_clear(set); /* lists of the rules before this load */
	sig_prefilter_free(set);
	for (i = 0; i < set->nrules; i++)
		nunit += (size_t)set->rules[i].nunits;
	set->lits = lit_new();
	set->hit = xcalloc(nunit, sizeof(*set->hit));
	set->sets = xcalloc(nunit, 1);
	set->need = xcalloc(nunit, 1);
	set->pat = xcalloc(nunit, sizeof(*set->pat));
	set->hits = xcalloc(nunit, sizeof(*set->hits));
	set->ok = xcalloc(npat, sizeof(*set->ok));
	set->done = xcalloc(npat, sizeof(*set->done));
	set->ready = xcalloc(npat, sizeof(*set->ready));
	set->nhits = set->ndone = 0;
	set->gen = 0;
	for (i = 0; i < set->nrules; u += set->rules[i++].nunits) {
		struct sig_rule *r = &set->rules[i];

		r->unit0 = u;
		for (j = 0; j < r->nunits; j++) {
			set->need[u + j] = r->units[j].need;
			set->pat[u + j] = i * SIG_MAX_MATCH + r->units[j].re;
		}
		for (j = 0; j < r->nlits; j++)
			lit_add(set->lits, r->lits[j], strlen(r->lits[j]),
			    u * 8 + r->litid[j]);
	}
	set->nunits = u;
}

static void
sig_mark(void *arg, int id)
{
	struct sig_set *set = arg;
	int u = id / 8;

	if (set->hit[u] != set->gen) {
		set->hit[u] = set->gen;
		set->sets[u] = 0;
		set->hits[set->nhits++] = u;
	}
	set->sets[u] |= (unsigned char)(1u << (id % 8));
}

/*
 * Find the literals in MSG, and list in done[] the patterns of which a
 * unit is complete (ok[] == gen).
 */
static void
sig_prefilter(struct sig_set *set, const char *msg, size_t len)
{
	int k, u, at;

	if (++set->gen == 0) { /* wrapped: start the marks afresh */
		memset(set->hit, 0, (size_t)set->nunits * sizeof(*set->hit));
		memset(set->ok, 0,
		    (size_t)set->nrules * SIG_MAX_MATCH * sizeof(*set->ok));
		set->gen = 1;
	}
	set->nhits = set->ndone = 0;
	if (len + 1 > set->lowcap) {
		set->lowcap = len + 1;
		set->low = xrealloc(set->low, set->lowcap);
	}
	/* ASCII only, as PCRE2's caseless match in byte mode */
	util_lower_copy(set->low, msg, len);
	/* the first messages teach the scan which triples are common */
	lit_learn(set->lits, set->low, len);
	lit_each(set->lits, set->low, len, sig_mark, set);
	for (k = 0; k < set->nhits; k++) {
		u = set->hits[k];
		at = set->pat[u];
		if (set->sets[u] == set->need[u] && set->ok[at] != set->gen) {
			set->ok[at] = set->gen;
			set->done[set->ndone++] = at;
		}
	}
}

/* Compile one match line into the current block. */
static int
sig_parse_match(struct sig_parse *ps, struct sig_rule *r, const char *v,
    size_t n)
{
	char msg[320];

	if (r->nre == SIG_MAX_MATCH)
		return sig_fail(ps, "more than %d match lines in '%s'",
		    SIG_MAX_MATCH, r->id);
	/* signatures ignore case; (?-i) in a pattern turns that off */
	if (rx_compile(&r->re[r->nre], v, n, PCRE2_CASELESS, msg, sizeof(msg)) <
	    0)
		return sig_fail(ps, "%s", msg);
	sig_add_literals(r, v, n);
	r->nre++;
	return 0;
}

/* Handle "key = value" inside a block. */
static int
sig_parse_key(struct sig_parse *ps, const char *key, size_t klen, char *v,
    size_t vlen)
{
	struct sig_rule *r = ps->cur;
	int i;

	ps->cont = NULL;
	if (r == NULL)
		return sig_fail(ps, "'%.*s' before the first [id] line",
		    (int)klen, key);
	if (vlen == 0)
		return sig_fail(ps, "'%.*s' has an empty value", (int)klen,
		    key);
	for (i = 0; i < SIG_NTEXT; i++) {
		if (strlen(sig_text_keys[i]) != klen ||
		    memcmp(sig_text_keys[i], key, klen) != 0)
			continue;
		if (r->text[i] != NULL)
			return sig_fail(ps, "second '%s' in '%s'",
			    sig_text_keys[i], r->id);
		if (i == T_URL && strncmp(v, "https://", 8) != 0 &&
		    strncmp(v, "http://", 7) != 0)
			return sig_fail(ps,
			    "url must start with http:// or https://");
		r->text[i] = xstrndup(v, vlen);
		if (i != T_URL)
			ps->cont = &r->text[i];
		return 0;
	}
	if (klen == 5 && memcmp(key, "match", 5) == 0)
		return sig_parse_match(ps, r, v, vlen);
	for (i = 0;
	     i < (int)(sizeof(sig_filter_keys) / sizeof(sig_filter_keys[0]));
	     i++) {
		if (strlen(sig_filter_keys[i]) != klen ||
		    memcmp(sig_filter_keys[i], key, klen) != 0)
			continue;
		if (r->seen & 1u << i)
			return sig_fail(ps, "second '%s' in '%s'",
			    sig_filter_keys[i], r->id);
		r->seen |= 1u << i;
		switch (i) {
		case F_CLASS:
			return sig_parse_class(ps, r, v);
		case F_DIR:
			return sig_parse_dir(ps, r, v);
		case F_CODE:
			return sig_code_list(ps, "code", v, r->code, &r->ncode,
			    sig_basic_item, "a reply code such as 550 or 55x");
		default:
			return sig_code_list(ps, "enh", v, r->enh, &r->nenh,
			    sig_enh_item,
			    "an enhanced code such as 5.7.1 or 4.7.x");
		}
	}
	return sig_fail(ps, "unknown key '%.*s'", (int)klen, key);
}

/* Whether signature ID is already taken, in the set or in this file. */
static int
sig_id_taken(const struct sig_set *set, const struct sig_parse *ps,
    const char *id)
{
	int i;

	for (i = 0; i < set->nrules; i++)
		if (strcmp(set->rules[i].id, id) == 0)
			return 1;
	for (i = 0; i < ps->nrules; i++)
		if (strcmp(ps->rules[i].id, id) == 0)
			return 1;
	return 0;
}

/* Check the block just read; it needs a pattern and every text but url. */
static int
sig_finish(struct sig_parse *ps)
{
	struct sig_rule *r = ps->cur;
	size_t line = ps->line;
	int i, rc = 0;

	if (r == NULL)
		return 0;
	ps->line = r->line; /* name the block's header in the message */
	if (r->nre == 0)
		rc = sig_fail(ps, "signature '%s' has no 'match'", r->id);
	for (i = 0; rc == 0 && i < SIG_NTEXT; i++)
		if (i != T_URL && r->text[i] == NULL)
			rc = sig_fail(ps, "signature '%s' has no '%s'", r->id,
			    sig_text_keys[i]);
	ps->line = line;
	if (rc < 0)
		return rc;
	ps->nrules++;
	ps->cur = NULL;
	return 0;
}

/* Start a block at "[id]"; P is the line after leading blanks. */
static int
sig_parse_header(const struct sig_set *set, struct sig_parse *ps, char *p,
    size_t n)
{
	struct sig_rule *r;
	size_t i;

	if (sig_finish(ps) < 0)
		return -1;
	if (n < 3 || p[n - 1] != ']')
		return sig_fail(ps, "a block starts with [id]");
	for (i = 1; i < n - 1; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
			(p[i] >= '0' && p[i] <= '9') || p[i] == '-' ||
			p[i] == '_' || p[i] == '.'))
			return sig_fail(ps,
			    "an id has only a-z, 0-9, '-', '_' and '.'");
	p[n - 1] = '\0';
	if (sig_id_taken(set, ps, p + 1))
		return sig_fail(ps, "duplicate id '%s'", p + 1);
	ps->rules =
	    xrealloc(ps->rules, (size_t)(ps->nrules + 1) * sizeof(*ps->rules));
	r = &ps->rules[ps->nrules];
	memset(r, 0, sizeof(*r));
	r->id = xstrdup(p + 1);
	r->line = ps->line;
	r->dir = SIG_ANY;
	r->classes = 1u << 4 | 1u << 5; /* failures, unless told otherwise */
	ps->cur = r;
	ps->cont = NULL;
	return 0;
}

/* Extend the last text value with a continuation line. */
static int
sig_parse_cont(struct sig_parse *ps, const char *p, size_t n)
{
	size_t have;

	if (ps->cont == NULL)
		return sig_fail(ps,
		    "continuation line without a text key "
		    "before it (only texts continue; a "
		    "pattern takes another match line)");
	have = strlen(*ps->cont);
	*ps->cont = xrealloc(*ps->cont, have + 1 + n + 1);
	(*ps->cont)[have] = ' ';
	memcpy(*ps->cont + have + 1, p, n);
	(*ps->cont)[have + 1 + n] = '\0';
	return 0;
}

/* Handle one line of the file, newline removed. */
static int
sig_parse_line(const struct sig_set *set, struct sig_parse *ps, char *buf)
{
	char *p = buf, *eq, *k;
	size_t n, kl;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		p[--n] = '\0';
	if (n == 0) {
		ps->cont = NULL; /* a blank line ends a text */
		return 0;
	}
	if (*p == '#')
		return 0;
	if (p != buf)
		return sig_parse_cont(ps, p, n);
	if (*p == '[')
		return sig_parse_header(set, ps, p, n);
	for (k = p; *k >= 'a' && *k <= 'z'; k++)
		;
	kl = (size_t)(k - p);
	eq = k;
	while (*eq == ' ' || *eq == '\t')
		eq++;
	if (kl == 0 || *eq != '=')
		return sig_fail(ps, "expected [id], key = value, or a comment");
	eq++;
	while (*eq == ' ' || *eq == '\t')
		eq++;
	return sig_parse_key(ps, p, kl, eq, strlen(eq));
}

/* Point a rule's entry at its strings; "" for a missing url. */
static void
sig_publish(struct sig_rule *r)
{
	r->entry.id = r->id;
	r->entry.provider = r->text[T_PROVIDER];
	r->entry.title = r->text[T_TITLE];
	r->entry.explanation = r->text[T_EXPLANATION];
	r->entry.advice = r->text[T_ADVICE];
	r->entry.url = r->text[T_URL] != NULL ? r->text[T_URL] : "";
}

/* Read a signatures file from FP and append its blocks, all or none. */
int
sig_load_fp(struct sig_set *set, FILE *fp, const char *name, char *err,
    size_t errlen)
{
	struct sig_parse ps;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int i, j, rc = -1;

	memset(&ps, 0, sizeof(ps));
	ps.path = name;
	ps.err = err;
	ps.errlen = errlen;
	while ((len = getline(&buf, &cap, fp)) >= 0) {
		ps.line++;
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (len > 0 && buf[len - 1] == '\r')
			buf[--len] = '\0';
		if (strlen(buf) != (size_t)len) {
			sig_fail(&ps, "NUL byte in line");
			goto out;
		}
		if (sig_parse_line(set, &ps, buf) < 0)
			goto out;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		goto out;
	}
	if (sig_finish(&ps) < 0)
		goto out;
	if (ps.nrules == 0) {
		snprintf(err, errlen, "%s: no signatures", name);
		goto out;
	}
	set->rules = xrealloc(set->rules,
	    (size_t)(set->nrules + ps.nrules) * sizeof(*set->rules));
	for (i = 0; i < ps.nrules; i++) {
		struct sig_rule *r = &set->rules[set->nrules++];

		*r = ps.rules[i];
		sig_publish(r);
		for (j = 0; j < r->nre; j++) {
			rx_jit(&set->rx, &r->re[j]);
			if (r->conj[j]) {
				rx_jit(&set->rx, &r->conj_x[j]);
				rx_jit(&set->rx, &r->conj_y[j]);
			}
		}
		for (j = 0; j < r->nunits; j++)
			if (r->units[j].own)
				rx_jit(&set->rx, &r->units[j].rx);
	}
	sig_index(set);
	ps.nrules = 0;
	rc = 0;
out:
	/* on failure: the finished blocks and the one being read */
	if (ps.cur != NULL)
		ps.nrules++;
	for (i = 0; i < ps.nrules; i++)
		sig_rule_clear(&ps.rules[i]);
	free(ps.rules);
	free(buf);
	return rc;
}

/* Open PATH and sig_load_fp() it. */
int
sig_load_file(struct sig_set *set, const char *path, char *err, size_t errlen)
{
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = sig_load_fp(set, fp, path, err, errlen);
	fclose(fp);
	return rc;
}

/* Whether VALUE fits one of the N code patterns (parts of VALUE in V). */
static int
sig_code_fits(const struct sig_code *pat, int n, const int v[3])
{
	int i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < 3; k++)
			if (pat[i].part[k] != SIG_ANY && pat[i].part[k] != v[k])
				break;
		if (k == 3)
			return 1;
	}
	return 0;
}

/* The cheap tests: class, direction, codes. A filter on a code the event
 * does not have fails. */
static int
sig_filters_pass(const struct sig_rule *r, const struct event *ev)
{
	int v[3];

	if (ev == NULL)
		return 1;
	if (ev->cls < 0 || ev->cls > 9 || !(r->classes & 1u << ev->cls))
		return 0;
	if (r->dir != SIG_ANY && r->dir != ev->dir)
		return 0;
	if (r->ncode > 0) {
		if (ev->code == 0)
			return 0;
		v[0] = ev->code / 100;
		v[1] = ev->code / 10 % 10;
		v[2] = ev->code % 10;
		if (!sig_code_fits(r->code, r->ncode, v))
			return 0;
	}
	if (r->nenh > 0) {
		if (ev->enh.cls == 0)
			return 0;
		v[0] = ev->enh.cls;
		v[1] = ev->enh.subject;
		v[2] = ev->enh.detail;
		if (!sig_code_fits(r->enh, r->nenh, v))
			return 0;
	}
	return 1;
}

/* The kind of EV for sig_cands(), never 0; 0 when it has no kind. */
static uint64_t
sig_key(const struct event *ev)
{
	if (ev->cls < 0 || ev->cls > 9 || ev->dir < 0 || ev->dir > 1 ||
	    ev->code < 0 || ev->code > 999 || ev->enh.cls < 0 ||
	    ev->enh.cls > 9 || ev->enh.subject < 0 || ev->enh.subject > 1023 ||
	    ev->enh.detail < 0 || ev->enh.detail > 1023)
		return 0;
	return (uint64_t)1 << 62 | (uint64_t)ev->cls << 40 |
	    (uint64_t)ev->dir << 36 | (uint64_t)ev->code << 24 |
	    (uint64_t)ev->enh.cls << 20 | (uint64_t)ev->enh.subject << 10 |
	    (uint64_t)ev->enh.detail;
}

/* The patterns events like EV can meet, or NULL: no kind, or no room. */
static const struct sig_cands *
sig_cands(struct sig_set *set, const struct event *ev)
{
	uint64_t key = sig_key(ev), h;
	struct sig_cands *c;
	int i, j, at;

	if (key == 0)
		return NULL;
	if (set->cands == NULL)
		set->cands = xcalloc(SIG_CANDS, sizeof(*set->cands));
	h = key * 0x9E3779B97F4A7C15u >> 58; /* 6 bits: SIG_CANDS */
	for (;; h = (h + 1) % SIG_CANDS) {
		c = &set->cands[h];
		if (c->key == key)
			return c;
		if (c->key == 0)
			break;
	}
	if (set->ncands >= SIG_CANDS * 3 / 4)
		return NULL;
	set->ncands++;
	c->key = key;
	c->in = xcalloc(((size_t)set->nrules * SIG_MAX_MATCH + 63) / 64,
	    sizeof(*c->in));
	for (i = 0; i < set->nrules; i++) {
		if (!sig_filters_pass(&set->rules[i], ev))
			continue;
		for (j = 0; j < set->rules[i].nre; j++) {
			at = i * SIG_MAX_MATCH + j;
			c->in[at / 64] |= (uint64_t)1 << (at % 64);
			if (set->rules[i].pre[j]) {
				c->scan = 1;
				continue;
			}
			c->always = xrealloc(c->always,
			    (size_t)(c->nalways + 1) * sizeof(*c->always));
			c->always[c->nalways++] = at;
		}
	}
	return c;
}

/* Whether pattern J of rule I may match the message sig_prefilter() saw:
 * a unit of it is complete, or it needs no literal. */
static int
sig_may_match(const struct sig_set *set, int i, int j)
{
	size_t at = (size_t)i * SIG_MAX_MATCH + (size_t)j;

	return !set->rules[i].pre[j] || set->brute || set->ok[at] == set->gen;
}

/*
 * Whether pattern AT (rule * SIG_MAX_MATCH + pattern) matches MSG, which
 * sig_prefilter() saw. A pattern split into its branches (sig_split())
 * runs only those whose literals are all in MSG: the others cannot
 * match. One compiled as X and Y (sig_conj()) runs them apart on a
 * message of one line.
 */
static int
sig_try(struct sig_set *set, int at, const char *msg, size_t len)
{
	struct sig_rule *r = &set->rules[at / SIG_MAX_MATCH];
	int j = at % SIG_MAX_MATCH, k, u;

	if (r->conj[j] && !sig_multiline(msg, len))
		return rx_match(&set->rx, &r->conj_y[j], msg, len) == 1 &&
		    rx_match(&set->rx, &r->conj_x[j], msg, len) == 1;
	if (!r->split[j])
		return rx_match(&set->rx, &r->re[j], msg, len) == 1;
	for (k = 0; k < r->nunits; k++) {
		u = r->unit0 + k;
		if (r->units[k].re != j || !r->units[k].own ||
		    set->hit[u] != set->gen || set->sets[u] != set->need[u])
			continue;
		if (rx_match(&set->rx, &r->units[k].rx, msg, len) == 1)
			return 1;
	}
	return 0;
}

/*
 * The candidates of C that may match the message sig_prefilter() saw,
 * into set->ready in file order: those with a complete unit. They are
 * few, where C often lists dozens.
 */
static int
sig_ready(struct sig_set *set, const struct sig_cands *c)
{
	int k, n = 0, at, x;

	for (k = 0; k < set->ndone; k++) {
		at = set->done[k];
		if (!(c->in[at / 64] >> (at % 64) & 1))
			continue;
		for (x = n++; x > 0 && set->ready[x - 1] > at; x--)
			set->ready[x] = set->ready[x - 1];
		set->ready[x] = at;
	}
	return n;
}

/* First signature, in file order, whose filters and a pattern fit. */
int
sig_match(struct sig_set *set, const struct event *ev, const char *msg,
    size_t len)
{
	const struct sig_cands *c;
	struct sig_rule *r;
	int i, j, k, n, at;

	if (set->nrules == 0)
		return -1;
	if (ev != NULL && !set->brute && (c = sig_cands(set, ev)) != NULL) {
		/* the patterns this kind of event can meet: often none,
		 * and then the message is not even looked at */
		n = 0;
		if (c->scan) {
			sig_prefilter(set, msg, len);
			n = sig_ready(set, c);
		}
		/* the ready ones and those that need no literal, merged in
		 * file order */
		for (j = k = 0; j < n || k < c->nalways;) {
			if (k == c->nalways ||
			    (j < n && set->ready[j] < c->always[k]))
				at = set->ready[j++];
			else
				at = c->always[k++];
			if (sig_try(set, at, msg, len))
				return at / SIG_MAX_MATCH;
		}
		return -1;
	}
	if (!set->brute)
		sig_prefilter(set, msg, len);
	for (i = 0; i < set->nrules; i++) {
		r = &set->rules[i];
		if (!sig_filters_pass(r, ev))
			continue;
		for (j = 0; j < r->nre; j++) {
			/* a set of literals of this pattern none of which is
			 * in the message: it cannot match */
			if (!sig_may_match(set, i, j))
				continue;
			/* a limit hit (-1) is counted in set->rx: no match */
			if (rx_match(&set->rx, &r->re[j], msg, len) == 1)
				return i;
		}
	}
	return -1;
}
