/*
 * shape.c - hand-written parsers for the commonest message shapes.
 *
 * Most events of a busy log come from three lines: Postfix's delivery
 * status ("QID: to=<..>, relay=.., status=sent (..)"), Exim's delivery
 * ("ID => rcpt .. C=\"250 ..\"") and Sendmail's ("QID: to=<..>, ..,
 * stat=Sent"). Their rules, and those of the commonest failures (Postfix
 * "NOQUEUE: reject:", Exim "**" and "==", Sendmail "reply=") are the
 * costliest regexes of the pattern files, so each has a parser here that
 * walks the line once.
 *
 * Each parser answers exactly as its rule's regex would, group offsets
 * included; it was written against the regex text whose hash is in
 * shape_table[], and shape_find() hands it out only for that text. The
 * way each regex matches is spelled out above its parser: which path the
 * regex takes first (greedy runs are maximal, lazy ones stop at the first
 * place the rest of the pattern fits, the first alternative is tried
 * first), so that a match found here is the regex's match. Whenever the
 * parser leaves that first path, or meets something it does not model (a
 * newline, which "." does not match), it returns -1 and the regex runs.
 * tests/test_shape.c checks parsers against their regexes on the samples,
 * the corpus and mutated lines; a changed rule fails it until the parser
 * is checked and its hash updated.
 *
 * Character classes are PCRE2's in byte mode without UCP: \w is
 * [A-Za-z0-9_], \s is space, \t, \n, \v, \f, \r, \d is [0-9].
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "shape.h"
#include "util.h"

static int
shape_w(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static int
shape_alnum(unsigned char c)
{
	return c != '_' && shape_w(c);
}

static int
shape_s(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int
shape_d(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Whether S[I..] starts with the N bytes of LIT. */
static int
shape_at(const char *s, size_t n, size_t i, const char *lit, size_t len)
{
	return i <= n && n - i >= len && util_memeq(s + i, lit, len);
}

/* First occurrence of LIT (2 bytes or more) in S at or after I, or
 * SHAPE_UNSET. */
static size_t
shape_find_lit(const char *s, size_t n, size_t i, const char *lit, size_t len)
{
	const char *p;

	if (i >= n || n - i < len)
		return SHAPE_UNSET;
	p = util_mem(s + i, n - i, lit, len);
	return p != NULL ? (size_t)(p - s) : SHAPE_UNSET;
}

/* First byte C in S[I..N), or SHAPE_UNSET. */
static size_t
shape_chr(const char *s, size_t n, size_t i, char c)
{
	const char *p;

	if (i >= n)
		return SHAPE_UNSET;
	p = util_chr(s + i, n - i, c);
	return p ? (size_t)(p - s) : SHAPE_UNSET;
}

/* The first parenthesis, opening or closing, in S[I..N), or N. */
static size_t
shape_paren(const char *s, size_t n, size_t i)
{
	size_t open = shape_chr(s, n, i, '(');
	size_t close = shape_chr(s, open == SHAPE_UNSET ? n : open, i, ')');

	if (close != SHAPE_UNSET)
		return close;
	return open != SHAPE_UNSET ? open : n;
}

static void
shape_set(struct shape_match *m, int g, size_t so, size_t eo)
{
	m->so[g] = so;
	m->eo[g] = eo;
}

static void
shape_clear(struct shape_match *m)
{
	int g;

	for (g = 0; g < SHAPE_NGROUPS; g++)
		m->so[g] = m->eo[g] = SHAPE_UNSET;
}

/* End of the run of digits starting at I. */
static size_t
shape_digits(const char *s, size_t n, size_t i)
{
	while (i < n && shape_d((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * "C\.\d{1,3}\.\d{1,3}" at I, C one of CLS ("245", or NULL for any
 * digit): returns its end, or SHAPE_UNSET. A greedy \d{1,3} that must be
 * followed by a non-digit only fits a whole run of one to three digits,
 * so the runs are measured whole.
 */
static size_t
shape_triple(const char *s, size_t n, size_t i, const char *cls)
{
	size_t e;

	if (i + 1 >= n || !shape_d((unsigned char)s[i]) || s[i + 1] != '.')
		return SHAPE_UNSET;
	if (cls != NULL && strchr(cls, s[i]) == NULL)
		return SHAPE_UNSET;
	e = shape_digits(s, n, i + 2);
	if (e == i + 2 || e - (i + 2) > 3 || e >= n || s[e] != '.')
		return SHAPE_UNSET;
	i = e + 1;
	e = shape_digits(s, n, i);
	if (e == i || e - i > 3)
		return SHAPE_UNSET;
	return e;
}

/* "[245]\.\d{1,3}\.\d{1,3}(?![\d.])" at I: its end or SHAPE_UNSET. */
static size_t
shape_enh(const char *s, size_t n, size_t i)
{
	size_t e = shape_triple(s, n, i, "245");

	if (e == SHAPE_UNSET || (e < n && s[e] == '.'))
		return SHAPE_UNSET;
	return e;
}

/* "[2-5][0-5]\d[ -]" at I: a basic code (event_code_parse) and a
 * separator. */
static int
shape_code(const char *s, size_t n, size_t i)
{
	return i + 3 < n && event_code_parse(s + i, 3) != 0 &&
	    (s[i + 3] == ' ' || s[i + 3] == '-');
}

/*
 * "(?:(?=.*?, dsn=(?<dsn>\d\.\d{1,3}\.\d{1,3}),)|)" at I: the first
 * ", dsn=" whose value has that form and a comma after it; none leaves
 * the group unset (the empty alternative).
 */
static void
shape_dsn(const char *s, size_t n, size_t i, struct shape_match *m)
{
	size_t at, e;

	for (; (at = shape_find_lit(s, n, i, ", dsn=", 6)) != SHAPE_UNSET;
	     i = at + 1) {
		e = shape_triple(s, n, at + 6, NULL);
		if (e != SHAPE_UNSET && e < n && s[e] == ',') {
			shape_set(m, SHAPE_DSN, at + 6, e);
			return;
		}
	}
}

/*
 * "<[^>]*>," at I, or else "[^,\s]*,": the end of the comma, or
 * SHAPE_UNSET when the first way fails (the regex would then try the
 * second from the "<"; that is left to it). SO and EO get
 * the value.
 */
static size_t
shape_addr_comma(const char *s, size_t n, size_t i, size_t *so, size_t *eo)
{
	size_t j;

	if (i < n && s[i] == '<') {
		j = shape_chr(s, n, i + 1, '>');
		if (j == SHAPE_UNSET || j + 1 >= n || s[j + 1] != ',')
			return SHAPE_UNSET;
		*so = i + 1;
		*eo = j;
		return j + 2;
	}
	for (j = i; j < n && s[j] != ',' && !shape_s((unsigned char)s[j]); j++)
		;
	if (j >= n || s[j] != ',')
		return SHAPE_UNSET;
	*so = i;
	*eo = j;
	return j + 1;
}

/*
 * Postfix "status", patterns/postfix.pat:
 *
 *   ^\w+: to=(?|<(?<rcpt>[^>]*)>|(?<rcpt>[^,\s]*)),
 *   (?: orig_to=(?:<[^>]*>|[^,\s]*),)?
 *   relay=(?:none|(?<host>[^,\[\s]*(?:\[[^\]]*\])?)[^,]*),
 *   (?:(?=.*?, dsn=(?<dsn>...),)|)
 *   .*?\bstatus=(?<status>[a-z]+)
 *   (?: \((?:(?=(?:[^()]*? (?:said|refused to talk to me): )?
 *   (?<code>[2-5][0-5]\d)[ -]#?(?:(?<enh>...)(?![\d.]))?)|)
 *   (?<text>.*?)(?: \(in reply to (?<stage>[^()]*?) command\))?\)?)?$
 *
 * After "status=WORD" the rest fits exactly when the line ends there or
 * " (" follows (the lazy text can then run to the end), so the first
 * "status=" after a word boundary with such a WORD is the one. The text
 * stops at the first place where " (in reply to X command)", an optional
 * ")" and the end follow, else before a last ")", else at the end; X has
 * no parentheses, so that place is found from the end of the line.
 */
static int
shape_postfix_status(const char *s, size_t n, struct shape_match *m)
{
	size_t i = 0, j, at, e, q, x, c, pp, t, lim;

	while (i < n && shape_w((unsigned char)s[i]))
		i++;
	if (i == 0 || !shape_at(s, n, i, ": to=", 5))
		return 0;
	if (memchr(s, '\n', n) != NULL)
		return -1;
	shape_clear(m);
	i = shape_addr_comma(s, n, i + 5, &m->so[SHAPE_RCPT],
	    &m->eo[SHAPE_RCPT]);
	if (i == SHAPE_UNSET)
		return -1;
	if (shape_at(s, n, i, " orig_to=", 9)) {
		size_t so, eo;

		i = shape_addr_comma(s, n, i + 9, &so, &eo);
		if (i == SHAPE_UNSET)
			return -1;
	}
	if (!shape_at(s, n, i, " relay=", 7))
		return -1;
	i += 7;
	if (shape_at(s, n, i, "none,", 5)) {
		i += 5;
	} else {
		for (j = i; j < n && s[j] != ',' && s[j] != '[' &&
		     !shape_s((unsigned char)s[j]);
		     j++)
			;
		if (j < n && s[j] == '[' &&
		    (e = shape_chr(s, n, j + 1, ']')) != SHAPE_UNSET)
			j = e + 1;
		shape_set(m, SHAPE_HOST, i, j);
		if ((e = shape_chr(s, n, j, ',')) == SHAPE_UNSET)
			return -1;
		i = e + 1;
	}
	shape_dsn(s, n, i, m);
	for (;; i = at + 1) {
		at = shape_find_lit(s, n, i, "status=", 7);
		if (at == SHAPE_UNSET)
			return -1;
		if (shape_w((unsigned char)s[at - 1]))
			continue;
		for (e = at + 7; e < n && s[e] >= 'a' && s[e] <= 'z'; e++)
			;
		if (e == at + 7)
			continue;
		if (e == n || shape_at(s, n, e, " (", 2))
			break;
	}
	shape_set(m, SHAPE_STATUS, at + 7, e);
	if (e == n)
		return 1;
	q = e + 2;
	/* the code: after the first " said: " or " refused to talk to me: "
	 * that has one, before any parenthesis. Both end in ": " and hold
	 * none: they are looked for from colon to colon up to the first */
	x = SHAPE_UNSET;
	lim = shape_paren(s, n, q);
	for (j = q; (c = shape_chr(s, lim, j, ':')) != SHAPE_UNSET; j = c + 1) {
		if (c >= q + 5 && shape_at(s, n, c - 5, " said: ", 7) &&
		    shape_code(s, n, c + 2)) {
			x = c + 2;
			break;
		}
		if (c >= q + 22 &&
		    shape_at(s, n, c - 22, " refused to talk to me: ", 24) &&
		    shape_code(s, n, c + 2)) {
			x = c + 2;
			break;
		}
	}
	if (x == SHAPE_UNSET && shape_code(s, n, q))
		x = q;
	if (x != SHAPE_UNSET) {
		shape_set(m, SHAPE_CODE, x, x + 3);
		x += 4;
		if (x < n && s[x] == '#')
			x++;
		if ((e = shape_enh(s, n, x)) != SHAPE_UNSET)
			shape_set(m, SHAPE_ENH, x, e);
	}
	/* the end of the text, and the stage */
	t = s[n - 1] == ')' && n - 1 >= q ? n - 1 : n;
	c = SHAPE_UNSET;
	if (n >= 2 && s[n - 1] == ')' && s[n - 2] == ')')
		c = n - 2;
	else if (s[n - 1] == ')')
		c = n - 1;
	if (c != SHAPE_UNSET && c >= q + 8 &&
	    memcmp(s + c - 8, " command", 8) == 0) {
		for (pp = c - 8; pp > q; pp--)
			if (s[pp - 1] == '(' || s[pp - 1] == ')')
				break;
		pp--; /* the last parenthesis before " command" */
		if (pp > q && s[pp] == '(' && s[pp - 1] == ' ' &&
		    pp + 13 <= c - 8 &&
		    memcmp(s + pp - 1, " (in reply to ", 14) == 0) {
			t = pp - 1;
			shape_set(m, SHAPE_STAGE, pp + 13, c - 8);
		}
	}
	shape_set(m, SHAPE_TEXT, q, t);
	return 1;
}

/*
 * "[;,] from=<[^>]*>,? to=<(?<rcpt>[^>]*)>.*$" at P: whether it fits,
 * with the recipient into M.
 */
static int
shape_postfix_from_to(const char *s, size_t n, size_t p, struct shape_match *m)
{
	size_t q, r;

	if (p >= n || (s[p] != ';' && s[p] != ',') ||
	    !shape_at(s, n, p + 1, " from=<", 7) ||
	    (q = shape_chr(s, n, p + 8, '>')) == SHAPE_UNSET)
		return 0;
	q++;
	if (q < n && s[q] == ',')
		q++;
	if (!shape_at(s, n, q, " to=<", 5) ||
	    (r = shape_chr(s, n, q + 5, '>')) == SHAPE_UNSET)
		return 0;
	shape_set(m, SHAPE_RCPT, q + 5, r);
	return 1;
}

/*
 * Postfix "smtpd-reject", patterns/postfix.pat:
 *
 *   ^\w+: (?:milter-)?reject: (?<stage>[A-Z][A-Z-]*)
 *   (?: from (?<host>[^\s\[]*\[[^\]]*\])(?::\d+)?)?:
 *   (?:(?<code>[2-5][0-5]\d)[ -])?(?:(?<enh>[245]\.\d{1,3}\.\d{1,3}) )?
 *   (?<text>.*?)(?:[;,] from=<[^>]*>,? to=<(?<rcpt>[^>]*)>.*)?$
 *
 * Up to the text every part is taken when it is there (what follows
 * fits any rest), and none can give back a byte that lets another fit.
 * The lazy text stops at the first "; from=<..> to=<..>" (or ",") that
 * ends in a ">", else at the end of the line.
 */
static int
shape_postfix_smtpd_reject(const char *s, size_t n, struct shape_match *m)
{
	size_t i = 0, j, e, p;

	while (i < n && shape_w((unsigned char)s[i]))
		i++;
	if (i == 0 || !shape_at(s, n, i, ": ", 2))
		return 0;
	i += 2;
	if (shape_at(s, n, i, "milter-", 7))
		i += 7;
	if (!shape_at(s, n, i, "reject: ", 8))
		return 0;
	i += 8;
	if (i >= n || s[i] < 'A' || s[i] > 'Z')
		return 0;
	for (j = i + 1; j < n && ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '-');
	     j++)
		;
	if (memchr(s, '\n', n) != NULL)
		return -1;
	shape_clear(m);
	shape_set(m, SHAPE_STAGE, i, j);
	if (shape_at(s, n, j, " from ", 6)) {
		for (p = j + 6;
		     p < n && s[p] != '[' && !shape_s((unsigned char)s[p]); p++)
			;
		if (p >= n || s[p] != '[' ||
		    (e = shape_chr(s, n, p + 1, ']')) == SHAPE_UNSET)
			return 0;
		shape_set(m, SHAPE_HOST, j + 6, e + 1);
		j = e + 1;
		if (shape_at(s, n, j, ":", 1) && j + 1 < n &&
		    shape_d((unsigned char)s[j + 1]))
			j = shape_digits(s, n, j + 1);
	}
	if (!shape_at(s, n, j, ": ", 2))
		return 0;
	j += 2;
	if (shape_code(s, n, j)) {
		shape_set(m, SHAPE_CODE, j, j + 3);
		j += 4;
	}
	if ((e = shape_triple(s, n, j, "245")) != SHAPE_UNSET && e < n &&
	    s[e] == ' ') {
		shape_set(m, SHAPE_ENH, j, e);
		j = e + 1;
	}
	for (p = j; (e = shape_find_lit(s, n, p, " from=<", 7)) != SHAPE_UNSET;
	     p = e + 1)
		if (e > j && shape_postfix_from_to(s, n, e - 1, m)) {
			shape_set(m, SHAPE_TEXT, j, e - 1);
			return 1;
		}
	shape_set(m, SHAPE_TEXT, j, n);
	return 1;
}

/* "[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} ": its end or 0. */
static size_t
shape_exim_id(const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n && shape_alnum((unsigned char)s[i]))
		i++;
	if (i != 6 || i >= n || s[i] != '-')
		return 0;
	for (j = ++i; j < n && shape_alnum((unsigned char)s[j]); j++)
		;
	if (j - i < 6 || j - i > 11 || j >= n || s[j] != '-')
		return 0;
	for (i = ++j; j < n && shape_alnum((unsigned char)s[j]); j++)
		;
	if (j - i < 2 || j - i > 4 || j >= n || s[j] != ' ')
		return 0;
	return j + 1;
}

/*
 * "(?=.*? H=(?<host>[^\s\[]+(?: \([^)]*\))? \[[^\]]*\]))" at I: the first
 * " H=" whose value has that form into the host group; none leaves it
 * unset.
 */
static void
shape_exim_host(const char *s, size_t n, size_t i, struct shape_match *m)
{
	size_t at, k, e;

	for (; (at = shape_find_lit(s, n, i, " H=", 3)) != SHAPE_UNSET;
	     i = at + 1) {
		for (k = at + 3;
		     k < n && s[k] != '[' && !shape_s((unsigned char)s[k]); k++)
			;
		if (k == at + 3)
			continue;
		if (shape_at(s, n, k, " (", 2) &&
		    (e = shape_chr(s, n, k + 2, ')')) != SHAPE_UNSET)
			k = e + 1;
		if (!shape_at(s, n, k, " [", 2) ||
		    (e = shape_chr(s, n, k + 2, ']')) == SHAPE_UNSET)
			continue;
		shape_set(m, SHAPE_HOST, at + 3, e + 1);
		return;
	}
}

/*
 * Exim "delivered", patterns/exim.pat:
 *
 *   ^ID (?:=>|->) (?<rcpt>\S+)
 *   (?:(?=.*? H=(?<host>[^\s\[]+(?: \([^)]*\))? \[[^\]]*\]))|)
 *   (?:(?=.* C="(?<code>[2-5][0-5]\d)[ -](?:(?<enh>...)(?![\d.]))?
 *   (?<text>[^"]*)")|)
 *
 * Both lookaheads have an empty alternative, so the rule matches every
 * delivery line with a recipient. H= is the first " H=" whose value has
 * the form (a name, maybe "(helo)", then "[ip]"); C= is the last
 * ` C="` with a code and a closing quote, the ".*" being greedy.
 */
static int
shape_exim_delivered(const char *s, size_t n, struct shape_match *m)
{
	size_t i = shape_exim_id(s, n), r, at, e;

	if (i == 0 || i + 3 > n || (s[i] != '=' && s[i] != '-') ||
	    s[i + 1] != '>' || s[i + 2] != ' ')
		return 0;
	i += 3;
	for (r = i; r < n && !shape_s((unsigned char)s[r]); r++)
		;
	if (r == i)
		return 0;
	if (memchr(s, '\n', n) != NULL)
		return -1;
	shape_clear(m);
	shape_set(m, SHAPE_RCPT, i, r);
	shape_exim_host(s, n, r, m);
	for (at = n; at-- > r;) {
		size_t x = at + 4, ts, qt;

		if (s[at] != ' ' || !shape_at(s, n, at, " C=\"", 4) ||
		    !shape_code(s, n, x))
			continue;
		ts = x + 4;
		e = shape_enh(s, n, ts);
		qt = shape_chr(s, n, e != SHAPE_UNSET ? e : ts, '"');
		if (qt == SHAPE_UNSET)
			continue;
		shape_set(m, SHAPE_CODE, x, x + 3);
		if (e != SHAPE_UNSET) {
			shape_set(m, SHAPE_ENH, ts, e);
			ts = e;
		}
		shape_set(m, SHAPE_TEXT, ts, qt);
		break;
	}
	return 1;
}

/*
 * Exim "bounced" and "deferred", patterns/exim.pat (MARK "**" or "=="):
 *
 *   ^ID MARK (?<rcpt>[^\s:]+)(?:(?=.*? H=(?<host>...))|)
 *   [^:]*(?:: (?<text>.*))?$
 *
 * The greedy [^:]* stops at the first ":" after the recipient; the line
 * fits when there is none, or when a blank follows it (the text is the
 * rest). A shorter recipient or run only comes back to that ":".
 */
static int
shape_exim_failed(const char *s, size_t n, struct shape_match *m,
    const char *mark)
{
	size_t i = shape_exim_id(s, n), r, c;

	if (i == 0 || !shape_at(s, n, i, mark, 2) ||
	    !shape_at(s, n, i + 2, " ", 1))
		return 0;
	i += 3;
	for (r = i; r < n && s[r] != ':' && !shape_s((unsigned char)s[r]); r++)
		;
	if (r == i)
		return 0;
	if (memchr(s, '\n', n) != NULL)
		return -1;
	c = shape_chr(s, n, r, ':');
	if (c != SHAPE_UNSET && !shape_at(s, n, c, ": ", 2))
		return 0;
	shape_clear(m);
	shape_set(m, SHAPE_RCPT, i, r);
	shape_exim_host(s, n, r, m);
	if (c != SHAPE_UNSET)
		shape_set(m, SHAPE_TEXT, c + 2, n);
	return 1;
}

static int
shape_exim_bounced(const char *s, size_t n, struct shape_match *m)
{
	return shape_exim_failed(s, n, m, "**");
}

static int
shape_exim_deferred(const char *s, size_t n, struct shape_match *m)
{
	return shape_exim_failed(s, n, m, "==");
}

/* "^\w++: to=" at the start of S: the end, or 0. */
static size_t
shape_qid_to(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && shape_w((unsigned char)s[i]))
		i++;
	if (i == 0 || !shape_at(s, n, i, ": to=", 5))
		return 0;
	return i + 5;
}

/*
 * "<?(?<rcpt>[^,\s>]++)>?" at I, after "QID: to=": the end, or
 * SHAPE_UNSET when the recipient after a "<" is empty (the regex would
 * then take the "<" as the recipient; that is left to it).
 */
static size_t
shape_sendmail_rcpt(const char *s, size_t n, size_t i, struct shape_match *m)
{
	size_t j;

	if (i < n && s[i] == '<')
		i++;
	for (j = i; j < n && s[j] != ',' && s[j] != '>' &&
	     !shape_s((unsigned char)s[j]);
	     j++)
		;
	if (j == i)
		return SHAPE_UNSET;
	shape_set(m, SHAPE_RCPT, i, j);
	return j < n && s[j] == '>' ? j + 1 : j;
}

/*
 * "(?:(?=.*?, relay=(?<host>[^,\s]+(?: \[[^\]]*\])?)[,\s])|)" at I: the
 * first ", relay=" followed by a name and then a comma or a blank; "[ip]"
 * is part of it when a comma or a blank follows the "]".
 */
static void
shape_sendmail_relay(const char *s, size_t n, size_t i, struct shape_match *m)
{
	size_t at, b, e;

	for (; (at = shape_find_lit(s, n, i, ", relay=", 8)) != SHAPE_UNSET;
	     i = at + 1) {
		for (b = at + 8;
		     b < n && s[b] != ',' && !shape_s((unsigned char)s[b]); b++)
			;
		if (b == at + 8 || b == n)
			continue;
		if (shape_at(s, n, b, " [", 2) &&
		    (e = shape_chr(s, n, b + 2, ']')) != SHAPE_UNSET &&
		    e + 1 < n &&
		    (s[e + 1] == ',' || shape_s((unsigned char)s[e + 1])))
			b = e + 1;
		shape_set(m, SHAPE_HOST, at + 8, b);
		return;
	}
}

/* The end of the run of ASCII letters at I. */
static size_t
shape_letters(const char *s, size_t n, size_t i)
{
	while (i < n &&
	    ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	return i;
}

/*
 * Sendmail "stat-reply", patterns/sendmail.pat:
 *
 *   ^\w++: to=<?(?<rcpt>[^,\s>]++)>?(?=.*?, reply=)
 *   (?:(?=.*?, relay=(?<host>...)[,\s])|)(?:(?=.*?, dsn=(?<dsn>...),)|)
 *   .*?, reply=(?<code>[2-5][0-5]\d)[ -]
 *   (?:(?<enh>...)(?![\d.]) ?)?(?<text>.*), stat=(?<status>[A-Za-z]+)
 *
 * The reply is the first ", reply=" with a code; the greedy text then
 * runs to the last ", stat=" with a letter after it. A later ", reply="
 * has fewer of those after it, so when the first has none, none has.
 */
static int
shape_sendmail_stat_reply(const char *s, size_t n, struct shape_match *m)
{
	size_t i = shape_qid_to(s, n), j, at, x, t, e;

	if (i == 0)
		return 0;
	/* no "," in the recipient: the first ", reply=" is after it */
	for (at = i;
	     (at = shape_find_lit(s, n, at, ", reply=", 8)) != SHAPE_UNSET;
	     at++)
		if (shape_code(s, n, at + 8))
			break;
	if (at == SHAPE_UNSET)
		return 0;
	if (memchr(s, '\n', n) != NULL)
		return -1;
	shape_clear(m);
	if ((j = shape_sendmail_rcpt(s, n, i, m)) == SHAPE_UNSET)
		return -1;
	shape_sendmail_relay(s, n, j, m);
	shape_dsn(s, n, j, m);
	x = at + 8;
	t = x + 4;
	if ((e = shape_enh(s, n, t)) != SHAPE_UNSET) {
		shape_set(m, SHAPE_ENH, t, e);
		t = e < n && s[e] == ' ' ? e + 1 : e;
	}
	for (at = n; at-- > t;)
		if (s[at] == ',' && shape_at(s, n, at, ", stat=", 7) &&
		    shape_letters(s, n, at + 7) > at + 7)
			break;
	if (at + 1 <= t) /* wrapped, or none at or after the text */
		return 0;
	shape_set(m, SHAPE_CODE, x, x + 3);
	shape_set(m, SHAPE_TEXT, t, at);
	shape_set(m, SHAPE_STATUS, at + 7, shape_letters(s, n, at + 7));
	return 1;
}

/*
 * Sendmail "stat", patterns/sendmail.pat:
 *
 *   ^\w++: to=<?(?<rcpt>[^,\s>]++)>?
 *   (?:(?=.*?, relay=(?<host>[^,\s]+(?: \[[^\]]*\])?)[,\s])|)
 *   (?:(?=.*?, dsn=(?<dsn>...),)|)
 *   .*?, stat=(?<status>[A-Za-z]+)[:\s(]*
 *   (?:(?<code>[2-5][0-5]\d)[ -](?:(?<enh>...)(?![\d.]) ?)?)?
 *   (?<text>.*?)\)?$
 *
 * Everything after the status word fits any rest of the line, so the
 * first ", stat=" with a letter after it is the one; the text runs to
 * the end, less a last ")". The relay is the first ", relay=" followed
 * by a name and then a comma or a space; "[ip]" is part of it when a
 * comma or a space follows the "]".
 */
static int
shape_sendmail_stat(const char *s, size_t n, struct shape_match *m)
{
	size_t i = shape_qid_to(s, n), j, at, e, x;

	if (i == 0)
		return 0;
	if (memchr(s, '\n', n) != NULL)
		return -1;
	shape_clear(m);
	if ((j = shape_sendmail_rcpt(s, n, i, m)) == SHAPE_UNSET)
		return -1;
	shape_sendmail_relay(s, n, j, m);
	shape_dsn(s, n, j, m);
	for (i = j;; i = at + 1) {
		at = shape_find_lit(s, n, i, ", stat=", 7);
		if (at == SHAPE_UNSET)
			return -1;
		if ((e = shape_letters(s, n, at + 7)) > at + 7)
			break;
	}
	shape_set(m, SHAPE_STATUS, at + 7, e);
	for (x = e; x < n &&
	     (s[x] == ':' || s[x] == '(' || shape_s((unsigned char)s[x]));
	     x++)
		;
	if (shape_code(s, n, x)) {
		shape_set(m, SHAPE_CODE, x, x + 3);
		x += 4;
		if ((e = shape_enh(s, n, x)) != SHAPE_UNSET) {
			shape_set(m, SHAPE_ENH, x, e);
			x = e < n && s[e] == ' ' ? e + 1 : e;
		}
	}
	shape_set(m, SHAPE_TEXT, x, s[n - 1] == ')' && n - 1 >= x ? n - 1 : n);
	return 1;
}

uint64_t
shape_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Each parser with the rule and the regex text it was checked against. */
static const struct {
	const char *mta, *rule;
	uint64_t hash;
	shape_fn fn;
} shape_table[] = {
    {"postfix", "status", 0x8cfe478e7d23de0bULL, shape_postfix_status},
    {"postfix", "smtpd-reject", 0xa6470c0b2a1b81bbULL,
	shape_postfix_smtpd_reject},
    {"exim", "delivered", 0x89e493133054670cULL, shape_exim_delivered},
    {"exim", "bounced", 0x4d6a2b839ef3642cULL, shape_exim_bounced},
    {"exim", "deferred", 0xb5cf1746d00b077aULL, shape_exim_deferred},
    {"sendmail", "stat-reply", 0x141c36d0a67a3d3bULL,
	shape_sendmail_stat_reply},
    {"sendmail", "stat", 0x66d7eea894711930ULL, shape_sendmail_stat},
};

shape_fn
shape_find(const char *mta, const char *rule, const char *regex, size_t len)
{
	static int off = -1;
	size_t i;

	if (off < 0)
		off = getenv("SMTPLOG_NO_SHAPES") != NULL;
	if (off)
		return NULL;
	for (i = 0; i < sizeof(shape_table) / sizeof(shape_table[0]); i++)
		if (strcmp(shape_table[i].mta, mta) == 0 &&
		    strcmp(shape_table[i].rule, rule) == 0 &&
		    shape_table[i].hash == shape_hash(regex, len))
			return shape_table[i].fn;
	return NULL;
}
