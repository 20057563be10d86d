/*
 * redact.c - find the local parts of mail addresses in log text.
 *
 * Logs write addresses in many shapes: <jane@example.com>, to=<"j d"@x>,
 * sasl_username=jane@example.com, Exim's "=> jane@example.com", SRS and
 * BATV forms (prvs=0123=jane@...), UTF-8 local parts. The scan goes
 * forward once; each "@" looks back over the characters a local part may
 * hold, and each '"' looks ahead (at most REDACT_MAX_QUOTED bytes) for a
 * quoted local part, so the work stays linear in the length of the text
 * whatever it holds.
 */
#include "config.h"

#include <string.h>

#include "redact.h"

/* A byte an unquoted local part may hold: RFC 5322 atext, the dot, and
 * every byte of a UTF-8 sequence (RFC 6531). */
static int
redact_local_char(unsigned char c)
{
	if (c >= 0x80)
		return 1;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr(".!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static int
redact_key_char(unsigned char c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (!first && c >= '0' && c <= '9');
}

/* Index of the '"' closing the quoted string opened at S[I], or LEN when
 * there is none within REDACT_MAX_QUOTED bytes. */
static size_t
redact_quote_end(const char *s, size_t len, size_t i)
{
	size_t j,
	    stop = len - i > REDACT_MAX_QUOTED ? i + REDACT_MAX_QUOTED : len;

	for (j = i + 1; j < stop; j++) {
		if (s[j] == '\\')
			j++; /* a quoted pair: the next byte is literal */
		else if (s[j] == '"')
			return j;
	}
	return len;
}

/*
 * The start of the unquoted local part that ends at the "@" S[AT], not
 * before FROM; AT when there is none.
 */
static size_t
redact_unquoted(const char *s, size_t from, size_t at)
{
	size_t b = at, k;
	int in_angle;

	while (b > from && redact_local_char((unsigned char)s[b - 1]))
		b--;
	in_angle = b > 0 && s[b - 1] == '<';
	/* 'jane@example.com': the quote belongs to the text around */
	while (b < at && (s[b] == '\'' || s[b] == '`'))
		b++;
	/* sasl_username=jane@...: keep the log's key, not inside <...>,
	 * where prvs=...=jane@ and SRS0=...@ are the whole address */
	if (!in_angle && b < at && redact_key_char((unsigned char)s[b], 1)) {
		for (k = b + 1;
		     k < at && redact_key_char((unsigned char)s[k], 0); k++)
			;
		if (k < at && s[k] == '=')
			b = k + 1;
	}
	return b;
}

int
redact_find(const char *s, size_t len, size_t from, size_t *start, size_t *end)
{
	size_t i, q, b;

	for (i = from; i < len; i++) {
		if (s[i] == '"') {
			q = redact_quote_end(s, len, i);
			if (q + 1 < len && s[q + 1] == '@') {
				*start = i;
				*end = q + 1;
				return 1;
			}
		} else if (s[i] == '@') {
			b = redact_unquoted(s, from, i);
			if (b < i) {
				*start = b;
				*end = i;
				return 1;
			}
		}
	}
	return 0;
}

/* Append LEN bytes of S at *POS of BUF (N bytes), as far as they fit. */
static void
redact_put(char *buf, size_t n, size_t *pos, const char *s, size_t len)
{
	if (*pos < n) {
		size_t room = n - 1 - *pos; /* keep a byte for the NUL */

		memcpy(buf + *pos, s, len < room ? len : room);
	}
	*pos += len;
}

size_t
redact_copy(char *buf, size_t n, const char *s, size_t len)
{
	size_t pos = 0, from = 0, start, end;

	while (redact_find(s, len, from, &start, &end)) {
		redact_put(buf, n, &pos, s + from, start - from);
		redact_put(buf, n, &pos, REDACT_TOKEN, strlen(REDACT_TOKEN));
		from = end;
	}
	redact_put(buf, n, &pos, s + from, len - from);
	if (n > 0)
		buf[pos < n ? pos : n - 1] = '\0';
	return pos;
}
