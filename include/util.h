/*
 * util.h - allocation wrappers, diagnostics and safe text output.
 *
 * x*() allocate or exit with "smtplog: out of memory"; they never return
 * NULL. util_warn() prints "smtplog: ..." on stderr. util_put_text() writes
 * bytes from a log so that no control character reaches the reader raw;
 * it and the other log-text writers also hide the local parts of mail
 * addresses under --redact (util_set_redact). Callers own everything the
 * x*() functions return and free it with free().
 */
#ifndef SMTPLOG_UTIL_H
#define SMTPLOG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define UTIL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define UTIL_NORETURN __attribute__((noreturn))
#else
#define UTIL_PRINTF(f, a)
#define UTIL_NORETURN
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
/* xcalloc with every page written at once (see util.c) */
void *xzalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* The program name used as prefix of every diagnostic ("smtplog"). */
extern const char *util_progname;

void util_warn(const char *fmt, ...) UTIL_PRINTF(1, 2);
void util_fatal(const char *fmt, ...) UTIL_PRINTF(1, 2) UTIL_NORETURN;
/* HOOK(1) is called before util_warn() writes, HOOK(0) after, from the
 * thread that warns: the progress line gets out of the way so. NULL: no
 * hook. */
void util_set_warn_hook(void (*hook)(int before));

/* Write LEN bytes of log text to FP: printable ASCII and valid UTF-8 pass,
 * everything else (ESC, CR, DEL, NUL, bad UTF-8 bytes, backslash) is
 * written as \xHH (a backslash as \\). Redacted (see util_set_redact). */
void util_put_text(FILE *fp, const char *s, size_t len);

/* Write LEN bytes of log text as the contents of a JSON string (without
 * the quotes). Invalid UTF-8 bytes become \u00HH escapes of their byte
 * value, so the output is valid JSON whatever the input was. Redacted. */
void util_put_json(FILE *fp, const char *s, size_t len);

/* Length of the valid UTF-8 sequence at S (LEN bytes at most), or 0 when
 * there is none there; C1 controls count as invalid: they act on terminals.
 * For writers of other formats that must pass text as util_put_text(). */
size_t util_utf8_len(const unsigned char *s, size_t len);

/* Write LEN bytes of log text as HTML, safe in element content and quoted
 * attribute values (also inside SVG): & < > " ' become entities, and
 * every byte util_put_text() would escape (controls, DEL, C1, invalid
 * UTF-8, backslash) is written as \xHH (a backslash as \\), so the
 * document stays well-formed UTF-8 whatever the input was. Redacted
 * (--redact) like util_put_text(). */
void util_put_html(FILE *fp, const char *s, size_t len);
/* The same for a NUL-terminated string of the program's own (translated
 * or static) text; never redacted. */
void util_put_html_str(FILE *fp, const char *s);
/* LEN bytes of log text as a quoted JSON string. Redacted. */
void util_put_json_text(FILE *fp, const char *s, size_t len);

/* LEN bytes of the program's own text (names, explanations, advice) as a
 * quoted JSON string, or null when S is NULL. Never redacted: the
 * knowledge base's addresses (delist@...) are meant to be read. */
void util_put_json_str(FILE *fp, const char *s, size_t len);
/* V in decimal, without printf (reports write tens of thousands). */
void util_put_u64(FILE *fp, uint64_t v);
void util_put_int(FILE *fp, int64_t v);

/* --redact: from now on the log-text writers (util_put_text,
 * util_put_json, util_put_json_text) write every local part of a mail
 * address as REDACT_TOKEN (redact.h): <jane@example.com> becomes
 * <*@example.com>. Set once, before any output. */
void util_set_redact(int on);
/* 1 after util_set_redact(1). */
int util_redacting(void);
/* 1 when JSON takes S's LEN bytes as they are: printable ASCII other
 * than '"' and '\\' (no escape, and they read back exactly). */
int util_json_plain(const char *s, size_t len);
/* 1 when a JSON reader gets S's LEN bytes back from what util_put_json()
 * writes; 0 when S holds invalid UTF-8, whose bytes util_put_json() writes
 * as code points U+0080..U+00FF, which read back as other bytes. */
int util_json_exact(const char *s, size_t len);

/* Write "file:line: " and the message into ERR (ERRLEN bytes) for the
 * loaders' error reports; returns -1 so a caller can return it. */
int util_errf(char *err, size_t errlen, const char *file, size_t line,
    const char *fmt, ...) UTIL_PRINTF(5, 6);
int util_verrf(char *err, size_t errlen, const char *file, size_t line,
    const char *fmt, va_list ap) UTIL_PRINTF(5, 0);

/*
 * Whether the N bytes at A and B are equal: memcmp() == 0, without the
 * call for the short keys of the line path (words of a log line, program
 * names), compared as two words that may overlap.
 */
static inline int
util_memeq(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	uint64_t p, q, r, t;
	uint32_t u, v, w, z;

	if (n >= 8 && n <= 16) {
		memcpy(&p, x, 8);
		memcpy(&q, y, 8);
		/* the last eight: within both, as N is the length of both
		 * (cppcheck follows a caller's shorter literal otherwise) */
		/* cppcheck-suppress pointerOutOfBoundsCond */
		memcpy(&r, x + (n - 8), 8);
		/* cppcheck-suppress pointerOutOfBoundsCond */
		memcpy(&t, y + (n - 8), 8);
		return ((p ^ q) | (r ^ t)) == 0;
	}
	if (n >= 4 && n < 8) {
		memcpy(&u, x, 4);
		memcpy(&v, y, 4);
		/* cppcheck-suppress pointerOutOfBoundsCond */
		memcpy(&w, x + (n - 4), 4);
		/* cppcheck-suppress pointerOutOfBoundsCond */
		memcpy(&z, y + (n - 4), 4);
		return ((u ^ v) | (w ^ z)) == 0;
	}
	if (n < 4) {
		while (n-- > 0)
			if (*x++ != *y++)
				return 0;
		return 1;
	}
	return memcmp(a, b, n) == 0;
}

/*
 * memchr() for the short distances of the line path (a host name, a
 * tag, an address): 16 bytes a step inline, where the call and the set-up
 * of the library's version cost more than the search itself.
 */
static inline const char *
util_chr(const char *s, size_t n, char c)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i cv = _mm_set1_epi8(c);
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		m = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(_mm_loadu_si128(
				       (const __m128i *)(const void *)(s + i)),
			cv));
		if (m != 0)
			return s + i + __builtin_ctz(m);
	}
#endif
	for (; i < n; i++)
		if (s[i] == c)
			return s + i;
	return NULL;
}

/*
 * memmem() for the short literals the line parsers look for (", dsn=",
 * "status=", " H="): the places of the literal's last two bytes are
 * found 16 at a time, and the rest is compared only there. Those two
 * ("n=", "s=") are much rarer in a log line than the last one alone.
 */
static inline const char *
util_mem(const char *s, size_t n, const char *lit, size_t len)
{
	size_t q = len - 2; /* where the literal's second last byte may be */
	char a, b;

	if (len < 2)
		return len == 0 ? s : util_chr(s, n, lit[0]);
	if (n < len)
		return NULL;
	a = lit[len - 2];
	b = lit[len - 1];
#ifdef __SSE2__
	{
		const __m128i av = _mm_set1_epi8(a), bv = _mm_set1_epi8(b);
		unsigned m;
		size_t i;

		for (; q + 17 <= n; q += 16) {
			m = (unsigned)_mm_movemask_epi8(
			    _mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128((
							     const __m128i
								 *)(const void
								 *)(s + q)),
					      av),
				_mm_cmpeq_epi8(_mm_loadu_si128(
						   (const __m128i *)(const void
							   *)(s + q + 1)),
				    bv)));
			for (; m != 0; m &= m - 1) {
				i = q + (size_t)__builtin_ctz(m) - (len - 2);
				if (util_memeq(s + i, lit, len - 2))
					return s + i;
			}
		}
	}
#endif
	for (; q + 2 <= n; q++)
		if (s[q] == a && s[q + 1] == b &&
		    util_memeq(s + q - (len - 2), lit, len - 2))
			return s + q - (len - 2);
	return NULL;
}

/* C lower-cased in ASCII, as PCRE2 folds case in byte mode; other bytes
 * as they are, whatever the locale. */
static inline unsigned char
util_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* DST[i] = util_lower(SRC[i]) for N bytes (16 at a time with SSE2). */
void util_lower_copy(char *dst, const char *src, size_t n);

/* Case-insensitive search of the NUL-free needle in a byte string. */
const char *
util_memcasemem(const char *hay, size_t hlen, const char *needle, size_t nlen);

#endif
