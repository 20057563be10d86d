/*
 * pat.c - the extraction rules: PCRE2 patterns loaded from *.pat files.
 *
 * A pattern file holds the rules for one MTA (format: patterns/README).
 * Loading compiles every regex once, in byte mode, JIT-compiles it when
 * the platform allows (a JIT failure is not an error: the interpreter
 * runs instead), creates its match data, and resolves the named groups
 * to numbers. Matching a line then allocates nothing.
 *
 * A line is classified in three steps: the MTA's literals are a cheap
 * prefilter (a line with none of them carries no reply); then the rules
 * run in file order, the first "event" or "ignore" rule that matches
 * decides; a line that no rule took but that matches the "candidate"
 * pattern is unparsed, any other is a mail line without a reply.
 *
 * Ownership: the set owns everything it loads; pat_free() releases it.
 * An event filled by pat_match() points into the caller's line.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lit.h"
#include "pat.h"
#include "rx.h"
#include "shape.h"
#include "util.h"

#define PAT_MAX_LITERALS 32
/* the first rules' literals, kept apart in a set small enough for the
 * quickest scan (lit.c: at most 8 pairs, one literal a pair or fewer) */
#define PAT_EARLY_LITS 8
/* programs remembered: PAT_CACHE_SETS sets of PAT_CACHE_WAYS, so that two
 * busy programs of one hash do not push each other out */
#define PAT_CACHE_SETS 64
#define PAT_CACHE_WAYS 4
#define PAT_CACHE (PAT_CACHE_SETS * PAT_CACHE_WAYS)

/* the named groups, in the order of enum shape_group */
static const char *const pat_group_names[SHAPE_NGROUPS] = {"code", "enh", "dsn",
    "status", "host", "domain", "rcpt", "stage", "text"};

enum pat_kind { PAT_RULE_EVENT, PAT_RULE_IGNORE };

struct pat_rule {
	enum pat_kind kind;
	char *name;
	struct rx re;
	int group[SHAPE_NGROUPS]; /* group number, or -1 */
	shape_fn shape;           /* parser doing the regex's work, or NULL */
	char **lits;              /* one of them is in every match; NULL: none
	                             known (until the file is loaded) */
	int always;               /* no literals: try it on every line */
	int late;                 /* its literals are in rulelits[1], not [0] */
	int dir;                  /* EVENT_IN / EVENT_OUT */
	int cls;                  /* fallback class, 0 none */
	int code;                 /* inferred basic code, 0 none */
	struct event_enh enh;     /* inferred enhanced code */
	int stage;                /* default stage */
};

struct pat_mta {
	int mta; /* enum event_mta */
	char *file;
	struct rx program;
	struct rx candidate;
	char **replylits; /* the "literal" lines */
	int nreplylits;
	struct lit_set *lits; /* the "literal" lines; NULL: none */
	/* the rules' literals, id: the rule: [0] those of the first rules,
	 * [1] the others' */
	struct lit_set *rulelits[2];
	unsigned *hit; /* per rule: == gen when a literal occurred */
	unsigned gen;
	struct pat_rule *rules;
	int nrules;
};

struct pat_cache_slot {
	char prog[48];
	size_t len;
	int mta; /* index into mtas, -1 none; -2 empty */
};

struct pat_set {
	struct pat_mta *mtas;
	int nmtas;
	struct rx_ctx rx; /* limits, JIT stack, limit hits */
	struct pat_cache_slot cache[PAT_CACHE];
	unsigned cache_next;  /* the way a miss takes next */
	struct shape_match m; /* groups of the last match */
};

struct pat_set *
pat_new(void)
{
	struct pat_set *set = xcalloc(1, sizeof(*set));
	int i;

	rx_ctx_init(&set->rx);
	for (i = 0; i < PAT_CACHE; i++)
		set->cache[i].mta = -2;
	return set;
}

/* Free what one MTA's rules own (not the struct itself). */
static void
pat_mta_free(struct pat_mta *m)
{
	int j;

	for (j = 0; j < m->nrules; j++) {
		rx_free(&m->rules[j].re);
		free(m->rules[j].name);
		lit_strv_free(m->rules[j].lits);
	}
	for (j = 0; j < m->nreplylits; j++)
		free(m->replylits[j]);
	free(m->replylits);
	lit_free(m->lits);
	lit_free(m->rulelits[0]);
	lit_free(m->rulelits[1]);
	free(m->hit);
	rx_free(&m->program);
	rx_free(&m->candidate);
	free(m->rules);
	free(m->file);
}

void
pat_free(struct pat_set *set)
{
	int i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nmtas; i++)
		pat_mta_free(&set->mtas[i]);
	free(set->mtas);
	rx_ctx_done(&set->rx);
	free(set);
}

int
pat_count(const struct pat_set *set)
{
	return set->nmtas;
}

int
pat_mta_of(const struct pat_set *set, int idx)
{
	return idx >= 0 && idx < set->nmtas ? set->mtas[idx].mta : -1;
}

unsigned long
pat_runs(const struct pat_set *set)
{
	return set->rx.runs;
}

unsigned long
pat_limit_hits(const struct pat_set *set)
{
	return set->rx.limit_hits;
}

void
pat_limit_rewind(struct pat_set *set, unsigned long hits)
{
	set->rx.limit_hits = hits;
}

/* Compile one regex; an error names the file and line. */
static int
pat_compile(struct rx *re, const char *src, size_t srclen, const char *file,
    size_t line, char *err, size_t errlen)
{
	char msg[320];

	if (rx_compile(re, src, srclen, 0, msg, sizeof(msg)) < 0)
		return util_errf(err, errlen, file, line, "%s", msg);
	return 0;
}

/* Next whitespace-separated word of *P; NULL at end of line. */
static char *
pat_word(char **p, size_t *len)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	*len = 0; /* set even without a word: callers test it first */
	if (*s == '\0')
		return NULL;
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	*len = (size_t)(s - w);
	*p = s;
	return w;
}

/* The rest of the line after blanks, with trailing blanks removed. */
static char *
pat_rest(char *p, size_t *len)
{
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*len = n;
	return p;
}

static int
pat_mta_id(const char *w, size_t n)
{
	int i;

	for (i = 0; i < EVENT_NMTA; i++)
		if (strlen(event_mta_name(i)) == n &&
		    memcmp(event_mta_name(i), w, n) == 0)
			return i;
	return -1;
}

/* Apply one "key=value" attribute of an event rule. */
static int
pat_attr(struct pat_rule *r, const char *w, size_t n, const char *file,
    size_t line, char *err, size_t errlen)
{
	const char *eq = memchr(w, '=', n);
	size_t kl, vl;
	const char *v;

	kl = (size_t)(eq - w);
	v = eq + 1;
	vl = n - kl - 1;
	if (kl == 3 && memcmp(w, "dir", 3) == 0) {
		if (vl == 2 && memcmp(v, "in", 2) == 0)
			r->dir = EVENT_IN;
		else if (vl == 3 && memcmp(v, "out", 3) == 0)
			r->dir = EVENT_OUT;
		else
			return util_errf(err, errlen, file, line,
			    "dir must be 'in' or 'out'");
	} else if (kl == 5 && memcmp(w, "class", 5) == 0) {
		if (vl != 1 || (v[0] != '2' && v[0] != '4' && v[0] != '5'))
			return util_errf(err, errlen, file, line,
			    "class must be 2, 4 or 5");
		r->cls = v[0] - '0';
	} else if (kl == 4 && memcmp(w, "code", 4) == 0) {
		r->code = event_code_parse(v, vl);
		if (r->code == 0)
			return util_errf(err, errlen, file, line,
			    "code must be a reply code such as 550");
	} else if (kl == 3 && memcmp(w, "enh", 3) == 0) {
		if (event_enh_parse(v, vl, &r->enh) < 0)
			return util_errf(err, errlen, file, line,
			    "enh must be an enhanced code such as 5.1.1");
	} else if (kl == 5 && memcmp(w, "stage", 5) == 0) {
		r->stage = event_stage_parse(v, vl);
	} else {
		return util_errf(err, errlen, file, line,
		    "unknown attribute '%.*s'", (int)kl, w);
	}
	return 0;
}

/* Whether a word has the shape of an attribute: [a-z]+=... */
static int
pat_is_attr(const char *w, size_t n)
{
	size_t i = 0;

	while (i < n && w[i] >= 'a' && w[i] <= 'z')
		i++;
	return i > 0 && i < n && w[i] == '=';
}

/* Parse "event NAME attrs... REGEX" or "ignore NAME REGEX". */
static int
pat_parse_rule(struct pat_mta *m, enum pat_kind kind, char *p, const char *file,
    size_t line, char *err, size_t errlen)
{
	struct pat_rule r;
	char *w, *save;
	size_t n;
	int g;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.dir = -1;
	w = pat_word(&p, &n);
	if (w == NULL)
		return util_errf(err, errlen, file, line,
		    "rule without a name");
	r.name = xstrndup(w, n);
	for (;;) {
		save = p;
		w = pat_word(&p, &n);
		if (w == NULL || !pat_is_attr(w, n)) {
			p = save;
			break;
		}
		if (pat_attr(&r, w, n, file, line, err, errlen) < 0)
			goto fail;
	}
	if (kind == PAT_RULE_EVENT && r.dir < 0) {
		util_errf(err, errlen, file, line,
		    "event rule '%s' needs dir=", r.name);
		goto fail;
	}
	w = pat_rest(p, &n);
	if (n == 0) {
		util_errf(err, errlen, file, line, "rule '%s' has no pattern",
		    r.name);
		goto fail;
	}
	if (pat_compile(&r.re, w, n, file, line, err, errlen) < 0)
		goto fail;
	for (g = 0; g < SHAPE_NGROUPS; g++) {
		int num = pcre2_substring_number_from_name(r.re.code,
		    (PCRE2_SPTR)pat_group_names[g]);

		r.group[g] = num > 0 ? num : -1;
	}
	r.shape = shape_find(event_mta_name(m->mta), r.name, w, n);
	r.lits = lit_required(w, n, 0);
	r.always = r.lits == NULL;
	m->rules = xrealloc(m->rules, (size_t)(m->nrules + 1) * sizeof(r));
	m->rules[m->nrules++] = r;
	return 0;
fail:
	free(r.name);
	return -1;
}

/* Handle one non-blank, non-comment line of a pattern file. */
static int
pat_directive(struct pat_mta *m, char *p, const char *file, size_t line,
    char *err, size_t errlen)
{
	size_t n, rl;
	char *w = pat_word(&p, &n), *rest;

	if (n == 3 && memcmp(w, "mta", 3) == 0) {
		w = pat_word(&p, &n);
		if (w == NULL || (m->mta = pat_mta_id(w, n)) < 0)
			return util_errf(err, errlen, file, line,
			    "mta must be postfix, exim or sendmail");
		return 0;
	}
	if (m->mta < 0)
		return util_errf(err, errlen, file, line,
		    "the first directive must be 'mta'");
	if (n == 7 && memcmp(w, "program", 7) == 0) {
		rest = pat_rest(p, &rl);
		if (m->program.code != NULL)
			return util_errf(err, errlen, file, line,
			    "second 'program' line");
		return pat_compile(&m->program, rest, rl, file, line, err,
		    errlen);
	}
	if (n == 9 && memcmp(w, "candidate", 9) == 0) {
		rest = pat_rest(p, &rl);
		if (m->candidate.code != NULL)
			return util_errf(err, errlen, file, line,
			    "second 'candidate' line");
		return pat_compile(&m->candidate, rest, rl, file, line, err,
		    errlen);
	}
	if (n == 7 && memcmp(w, "literal", 7) == 0) {
		rest = pat_rest(p, &rl);
		if (rl == 0)
			return util_errf(err, errlen, file, line,
			    "empty literal");
		if (m->nreplylits == PAT_MAX_LITERALS)
			return util_errf(err, errlen, file, line,
			    "more than %d literals", PAT_MAX_LITERALS);
		m->replylits = xrealloc(m->replylits,
		    (size_t)(m->nreplylits + 1) * sizeof(*m->replylits));
		m->replylits[m->nreplylits++] = xstrndup(rest, rl);
		return 0;
	}
	if (n == 5 && memcmp(w, "event", 5) == 0)
		return pat_parse_rule(m, PAT_RULE_EVENT, p, file, line, err,
		    errlen);
	if (n == 6 && memcmp(w, "ignore", 6) == 0)
		return pat_parse_rule(m, PAT_RULE_IGNORE, p, file, line, err,
		    errlen);
	return util_errf(err, errlen, file, line, "unknown directive '%.*s'",
	    (int)n, w);
}

/*
 * JIT-compile every regex of one MTA. A JIT failure (no JIT on this
 * platform, or no executable memory) is not an error: the interpreter
 * runs the pattern instead.
 */
static void
pat_jit(struct pat_set *set, struct pat_mta *m)
{
	int i;

	rx_jit(&set->rx, &m->program);
	rx_jit(&set->rx, &m->candidate);
	for (i = 0; i < m->nrules; i++)
		rx_jit(&set->rx, &m->rules[i].re);
}

/*
 * Index the literals of M: those of the "literal" lines (a line with
 * none of them carries no reply), and those of every rule (a line with
 * none of a rule's literals cannot match it). Most lines stop at the
 * first, small set.
 *
 * The rules' literals are in two sets. Most reply lines are taken by one
 * of the first rules, and a scan for a few literals is much quicker than
 * one for them all: the first rules' literals, up to PAT_EARLY_LITS of
 * them, are one set, the others' the second, each scanned only when a
 * rule that needs it is reached (pat_match).
 */
static void
pat_index(struct pat_mta *m)
{
	int i, j, k, room = PAT_EARLY_LITS;

	if (m->nreplylits > 0)
		m->lits = lit_new();
	for (i = 0; i < m->nreplylits; i++)
		lit_add(m->lits, m->replylits[i], strlen(m->replylits[i]), 0);
	m->rulelits[0] = lit_new();
	m->rulelits[1] = lit_new();
	m->hit = xcalloc((size_t)m->nrules + 1, sizeof(*m->hit));
	for (i = 0; i < m->nrules; i++) {
		struct pat_rule *r = &m->rules[i];

		/* a shape parser rejects a line sooner than the scan would */
		if (r->shape != NULL)
			r->always = 1;
		for (k = 0; !r->always && r->lits[k]; k++)
			;
		/* past the room, this rule and those after it: the second */
		r->late = k > room;
		room = r->late ? 0 : room - k;
		for (j = 0; j < k; j++)
			lit_add(m->rulelits[r->late], r->lits[j],
			    strlen(r->lits[j]), i);
		lit_strv_free(r->lits);
		r->lits = NULL;
	}
}

static void
pat_mark(void *arg, int rule)
{
	struct pat_mta *m = arg;

	m->hit[rule] = m->gen;
}

int
pat_load_fp(struct pat_set *set, FILE *fp, const char *name, char *err,
    size_t errlen)
{
	struct pat_mta m;
	char *buf = NULL, *p;
	size_t cap = 0, line = 0;
	ssize_t len;
	int rc = -1;

	memset(&m, 0, sizeof(m));
	m.mta = -1;
	m.file = xstrdup(name);
	while ((len = getline(&buf, &cap, fp)) >= 0) {
		line++;
		while (
		    len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		if (memchr(buf, '\0', (size_t)len) != NULL) {
			util_errf(err, errlen, name, line, "NUL byte in line");
			goto out;
		}
		p = buf;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		if (pat_directive(&m, p, name, line, err, errlen) < 0)
			goto out;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		goto out;
	}
	if (m.mta < 0 || m.program.code == NULL || m.nrules == 0) {
		snprintf(err, errlen,
		    "%s: needs 'mta', 'program' and at least "
		    "one rule",
		    name);
		goto out;
	}
	pat_index(&m);
	pat_jit(set, &m);
	set->mtas = xrealloc(set->mtas, (size_t)(set->nmtas + 1) * sizeof(m));
	set->mtas[set->nmtas++] = m;
	memset(&m, 0, sizeof(m));
	rc = 0;
out:
	if (rc < 0)
		pat_mta_free(&m);
	free(buf);
	return rc;
}

int
pat_load_file(struct pat_set *set, const char *path, char *err, size_t errlen)
{
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = pat_load_fp(set, fp, path, err, errlen);
	fclose(fp);
	return rc;
}

static int
pat_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct pat_set *
pat_load_dir(const char *dir, char *err, size_t errlen)
{
	struct pat_set *set = NULL;
	struct dirent *de;
	char **names = NULL, path[4096];
	size_t n = 0, i, l;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l > 4 && strcmp(de->d_name + l - 4, ".pat") == 0) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (n == 0) {
		snprintf(err, errlen, "%s: no *.pat pattern files", dir);
		goto out;
	}
	qsort(names, n, sizeof(*names), pat_name_cmp);
	set = pat_new();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (pat_load_file(set, path, err, errlen) < 0) {
			pat_free(set);
			set = NULL;
			break;
		}
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return set;
}

int
pat_mta_for(struct pat_set *set, const struct syslog_hdr *hdr)
{
	uint64_t a = 0, b = 0;
	size_t i, n = hdr->proglen;
	struct pat_cache_slot *ways, *slot;
	int k, found = -1;

	if (n == 0)
		return -1;
	/* a hash of the first and the last eight bytes and the length */
	if (n >= 8) {
		memcpy(&a, hdr->prog, 8);
		memcpy(&b, hdr->prog + n - 8, 8);
	} else {
		for (i = 0; i < n; i++)
			a = a << 8 | (unsigned char)hdr->prog[i];
	}
	a = (a ^ b * 0xff51afd7ed558ccdu ^ n) * 0x9E3779B97F4A7C15u;
	ways = &set->cache[(a >> 32) % PAT_CACHE_SETS * PAT_CACHE_WAYS];
	for (k = 0; k < PAT_CACHE_WAYS; k++)
		if (ways[k].mta != -2 && ways[k].len == n &&
		    util_memeq(ways[k].prog, hdr->prog, n))
			return ways[k].mta;
	/* an empty way, else each in turn */
	slot = &ways[set->cache_next++ % PAT_CACHE_WAYS];
	for (k = 0; k < PAT_CACHE_WAYS; k++)
		if (ways[k].mta == -2) {
			slot = &ways[k];
			break;
		}
	for (k = 0; k < set->nmtas; k++) {
		if (rx_match(&set->rx, &set->mtas[k].program, hdr->prog,
			hdr->proglen) == 1) {
			found = k;
			break;
		}
	}
	if (hdr->proglen <= sizeof(slot->prog)) {
		memcpy(slot->prog, hdr->prog, hdr->proglen);
		slot->len = hdr->proglen;
		slot->mta = found;
	}
	return found;
}

/* Copy the named groups of rule R's last regex match into GM. */
static void
pat_groups_of(const struct pat_rule *r, struct shape_match *gm)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->re.md);
	uint32_t count = pcre2_get_ovector_count(r->re.md);
	int g, num;

	for (g = 0; g < SHAPE_NGROUPS; g++) {
		num = r->group[g];
		gm->so[g] = gm->eo[g] = SHAPE_UNSET;
		if (num < 0 || (uint32_t)num >= count ||
		    ov[2 * num] == PCRE2_UNSET)
			continue;
		gm->so[g] = ov[2 * num];
		gm->eo[g] = ov[2 * num + 1];
	}
}

/* Bytes of group G in GM over S, or NULL when unset. */
static const char *
pat_group(const struct shape_match *gm, const char *s, int g, size_t *len)
{
	if (gm->so[g] == SHAPE_UNSET)
		return NULL;
	*len = gm->eo[g] - gm->so[g];
	return s + gm->so[g];
}

/* Class of a delivery status word (Postfix status=, Sendmail stat=). */
static int
pat_status_class(const char *w, size_t n)
{
	static const struct {
		const char *word;
		int cls;
	} words[] = {{"sent", 2}, {"delivered", 2}, {"deliverable", 2},
	    {"deferred", 4}, {"bounced", 5}, {"expired", 5},
	    {"undeliverable", 5}, {"rejected", 5}};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) <= n &&
		    util_memcasemem(w, strlen(words[i].word), words[i].word,
			strlen(words[i].word)) == w)
			return words[i].cls;
	return 0;
}

/* Fill EV from the groups GM that event rule R matched over S. */
static int
pat_fill(const struct pat_mta *m, const struct pat_rule *r,
    const struct shape_match *gm, const char *s, struct event *ev)
{
	const char *v;
	size_t n = 0;

	memset(ev, 0, sizeof(*ev));
	ev->sig = -1;
	ev->mta = m->mta;
	ev->dir = r->dir;
	if ((v = pat_group(gm, s, SHAPE_CODE, &n)) != NULL)
		ev->code = event_code_parse(v, n);
	if ((v = pat_group(gm, s, SHAPE_ENH, &n)) != NULL)
		(void)event_enh_parse(v, n, &ev->enh);
	if (ev->enh.cls == 0 && (v = pat_group(gm, s, SHAPE_DSN, &n)) != NULL)
		(void)event_enh_parse(v, n, &ev->enh);
	if (ev->code == 0 && r->code != 0) {
		ev->code = r->code;
		ev->inferred = 1;
	}
	if (ev->enh.cls == 0 && r->enh.cls != 0) {
		ev->enh = r->enh;
		ev->inferred = 1;
	}
	if (ev->code != 0)
		ev->cls = ev->code / 100;
	else if (ev->enh.cls != 0)
		ev->cls = ev->enh.cls;
	else if ((v = pat_group(gm, s, SHAPE_STATUS, &n)) != NULL)
		ev->cls = pat_status_class(v, n);
	if (ev->cls == 0)
		ev->cls = r->cls;
	if (ev->cls != 2 && ev->cls != 4 && ev->cls != 5)
		return -1; /* a 1xx/3xx or unknown outcome: not a final reply */
	if ((v = pat_group(gm, s, SHAPE_STAGE, &n)) != NULL)
		ev->stage = event_stage_parse(v, n);
	if (ev->stage == EVENT_STAGE_NONE)
		ev->stage = r->stage;
	if ((v = pat_group(gm, s, SHAPE_HOST, &n)) != NULL) {
		ev->host = v;
		ev->hostlen = n;
	}
	if ((v = pat_group(gm, s, SHAPE_DOMAIN, &n)) != NULL) {
		ev->domain = v;
		ev->domainlen = n;
	} else if ((v = pat_group(gm, s, SHAPE_RCPT, &n)) != NULL) {
		const char *at = NULL, *q;

		for (q = v; q < v + n; q++)
			if (*q == '@')
				at = q;
		if (at != NULL && at + 1 < v + n) {
			ev->domain = at + 1;
			ev->domainlen = (size_t)(v + n - at - 1);
		}
	}
	if ((v = pat_group(gm, s, SHAPE_TEXT, &n)) != NULL) {
		ev->text = v;
		ev->textlen = n;
	}
	return 0;
}

/*
 * Mark the rules of M whose literals occur in the line, those of set
 * LATE of m->rulelits. Done at most once a line for each set, and only
 * when a rule that needs it is reached: a line that the first rules
 * (those parsed by hand need no marks) take is not scanned, and one the
 * first rules with literals take is not scanned for the others. The
 * rules of the second set all come after those of the first, so a scan
 * of it may start a new generation of marks.
 */
static void
pat_mark_rules(struct pat_mta *m, int late, const char *s, size_t n)
{
	if (++m->gen == 0) { /* wrapped: start the marks afresh */
		memset(m->hit, 0, (size_t)m->nrules * sizeof(*m->hit));
		m->gen = 1;
	}
	lit_each(m->rulelits[late], s, n, pat_mark, m);
}

enum pat_result
pat_match(struct pat_set *set, int idx, const char *s, size_t n,
    struct event *ev)
{
	struct pat_mta *m;
	int i, rc, limited = 0, marked = 0; /* marked: sets scanned */

	if (idx < 0 || idx >= set->nmtas)
		return PAT_NOREPLY;
	m = &set->mtas[idx];
	/* none of the MTA's "literal" lines: no reply in the line */
	if (m->lits != NULL && !lit_any(m->lits, s, n))
		return PAT_NOREPLY;
	for (i = 0; i < m->nrules; i++) {
		struct pat_rule *r = &m->rules[i];

		if (!r->always && !(marked >> r->late & 1)) {
			pat_mark_rules(m, r->late, s, n);
			marked |= 1 << r->late;
		}
		if (!r->always && m->hit[i] != m->gen)
			continue; /* none of its literals: it cannot match */
		rc = r->shape != NULL ? r->shape(s, n, &set->m) : -1;
		if (rc < 0) {
			rc = rx_match(&set->rx, &r->re, s, n);
			if (rc < 0) {
				limited = 1;
				continue;
			}
			if (rc == 1)
				pat_groups_of(r, &set->m);
		}
		if (rc == 0)
			continue;
		if (r->kind == PAT_RULE_IGNORE)
			return PAT_NOREPLY;
		if (pat_fill(m, r, &set->m, s, ev) == 0)
			return PAT_EVENT;
		/* the rule's shape, but no valid code, enhanced code or
		 * status word ("reject: ... 099 ..."): a reply not
		 * understood rather than a line without one */
		if (m->candidate.code != NULL &&
		    rx_match(&set->rx, &m->candidate, s, n) == 1)
			return PAT_UNPARSED;
		return PAT_NOREPLY;
	}
	if (limited)
		return PAT_UNPARSED;
	if (m->candidate.code != NULL &&
	    rx_match(&set->rx, &m->candidate, s, n) == 1)
		return PAT_UNPARSED;
	return PAT_NOREPLY;
}

int
pat_shape_check(struct pat_set *set, int idx, const char *s, size_t n,
    char *why, size_t whylen)
{
	struct pat_mta *m;
	struct shape_match fast, slow;
	int i, g, rc, rrc, checked = 0;

	if (idx < 0 || idx >= set->nmtas)
		return 0;
	m = &set->mtas[idx];
	for (i = 0; i < m->nrules; i++) {
		struct pat_rule *r = &m->rules[i];

		if (r->shape == NULL || (rc = r->shape(s, n, &fast)) < 0)
			continue;
		rrc = rx_match(&set->rx, &r->re, s, n);
		if (rrc < 0)
			continue; /* the regex gave up; nothing to compare */
		checked++;
		if (rc != rrc) {
			snprintf(why, whylen,
			    "rule %s: parser says %s, regex %s", r->name,
			    rc ? "match" : "no match",
			    rrc ? "match" : "no match");
			return -1;
		}
		if (rc == 0)
			continue;
		pat_groups_of(r, &slow);
		for (g = 0; g < SHAPE_NGROUPS; g++) {
			if (r->group[g] < 0 ||
			    (fast.so[g] == slow.so[g] &&
				(fast.so[g] == SHAPE_UNSET ||
				    fast.eo[g] == slow.eo[g])))
				continue;
			snprintf(why, whylen,
			    "rule %s, group %s: parser [%zd,%zd), regex "
			    "[%zd,%zd)",
			    r->name, pat_group_names[g], (ssize_t)fast.so[g],
			    (ssize_t)fast.eo[g], (ssize_t)slow.so[g],
			    (ssize_t)slow.eo[g]);
			return -1;
		}
	}
	return checked;
}

int
pat_shape_count(const struct pat_set *set, int idx, char *names, size_t len)
{
	const struct pat_mta *m;
	int i, k = 0;
	size_t used = 0;

	if (len > 0)
		names[0] = '\0';
	if (idx < 0 || idx >= set->nmtas)
		return 0;
	m = &set->mtas[idx];
	for (i = 0; i < m->nrules; i++) {
		if (m->rules[i].shape == NULL)
			continue;
		k++;
		if (used < len)
			used += (size_t)snprintf(names + used, len - used,
			    "%s%s", used ? " " : "", m->rules[i].name);
	}
	return k;
}
