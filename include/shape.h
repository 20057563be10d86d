/*
 * shape.h - hand-written parsers for the commonest message shapes.
 *
 * A shape parser does the work of one rule of the bundled pattern files
 * without a regex: given a message, it answers as the rule's regex would
 * (the same match or not, the same named groups at the same offsets), or
 * says it is not sure, and the regex decides. The pattern files stay the
 * definition; a parser is used only for the exact regex it was written
 * for (shape_find() compares a hash of the regex text), so an edited rule
 * falls back to its regex by itself.
 *
 *   shape_find(mta, rule, regex, len)   the parser for that rule, or NULL
 *   fn(msg, len, &m)                     1 match, 0 no match, -1 not sure
 *
 * SMTPLOG_NO_SHAPES in the environment turns the parsers off (to compare
 * or to bisect). Ownership: none; spans in m are offsets into the message.
 */
#ifndef SMTPLOG_SHAPE_H
#define SMTPLOG_SHAPE_H

#include <stddef.h>
#include <stdint.h>

/* The named groups a rule can have (pattern files, patterns/README). */
enum shape_group {
	SHAPE_CODE,
	SHAPE_ENH,
	SHAPE_DSN,
	SHAPE_STATUS,
	SHAPE_HOST,
	SHAPE_DOMAIN,
	SHAPE_RCPT,
	SHAPE_STAGE,
	SHAPE_TEXT,
	SHAPE_NGROUPS
};

#define SHAPE_UNSET ((size_t)-1)

/* Where each group matched: [so, eo), or so == SHAPE_UNSET. */
struct shape_match {
	size_t so[SHAPE_NGROUPS], eo[SHAPE_NGROUPS];
};

typedef int (*shape_fn)(const char *s, size_t n, struct shape_match *m);

/* MTA is the pattern file's "mta" word; RULE the rule's name. */
shape_fn
shape_find(const char *mta, const char *rule, const char *regex, size_t len);
/* The hash shape_find() compares (64-bit FNV-1a of the regex text). */
uint64_t shape_hash(const char *s, size_t n);

#endif
