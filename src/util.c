/*
 * util.c - allocation wrappers, diagnostics and safe text output.
 *
 * Out of memory is fatal: every x*() either returns usable memory or exits
 * with status 2 after "smtplog: out of memory". The escaping writers are
 * the only way text taken from a log reaches a terminal, a JSON file or
 * an HTML page,
 * and so the one place where --redact hides local parts (redact.c finds
 * them; the text between them is escaped as usual).
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "redact.h"
#include "util.h"

const char *util_progname = "smtplog";

/* --redact: the log-text writers hide the local parts of addresses. */
static int util_redact_on;

/* Report exhausted memory and leave. */
static void
util_oom(void)
{
	fprintf(stderr, "%s: out of memory\n", util_progname);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		util_oom();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		util_oom();
	return p;
}

/*
 * Zeroed like xcalloc, but every byte written now. calloc's fresh pages
 * of a large block are mapped to the shared zero page when read first;
 * the first write then takes a second fault, and in a process with
 * threads a TLB flush on every CPU it runs on. A hash table is read (its
 * slots probed) before it is written.
 */
void *
xzalloc(size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		util_oom();
	p = xmalloc(nmemb * size);
	memset(p, 0, nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		util_oom();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Copy N bytes of S into a new NUL-terminated string. */
char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Called around every diagnostic (util_set_warn_hook). */
static void (*util_warn_hook)(int before);

void
util_set_warn_hook(void (*hook)(int before))
{
	util_warn_hook = hook;
}

/* "smtplog: message\n" on stderr. */
static void
util_vwarn(const char *fmt, va_list ap)
{
	if (util_warn_hook != NULL)
		util_warn_hook(1);
	fprintf(stderr, "%s: ", util_progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	if (util_warn_hook != NULL)
		util_warn_hook(0);
}

void
util_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	util_vwarn(fmt, ap);
	va_end(ap);
}

void
util_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	util_vwarn(fmt, ap);
	va_end(ap);
	exit(2);
}

/*
 * Length of the valid UTF-8 sequence at S (at most LEN bytes), or 0 when
 * the bytes there are not one. Overlong forms, surrogates and code points
 * past U+10FFFF are refused.
 */
size_t
util_utf8_len(const unsigned char *s, size_t len)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	/* C1 controls (U+0080..U+009F) act on terminals too. */
	if (cp >= 0x80 && cp <= 0x9f)
		return 0;
	return n;
}

/* util_put_text() without redaction. */
static void
util_text_bytes(FILE *fp, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] == '\\') {
			fputs("\\\\", fp);
			i++;
		} else if (p[i] >= 0x20 && p[i] < 0x7f) {
			fputc(p[i], fp);
			i++;
		} else if (p[i] >= 0x80 &&
		    (n = util_utf8_len(p + i, len - i))) {
			fwrite(p + i, 1, n, fp);
			i += n;
		} else {
			fprintf(fp, "\\x%02x", p[i]);
			i++;
		}
	}
}

#define UTIL_ONES 0x0101010101010101u /* a byte of 1 in each place */
#define UTIL_HIGH 0x8080808080808080u /* the high bit of each byte */

/* Whether a byte of W is zero (the bit trick of "Bit Twiddling Hacks"). */
static inline uint64_t
util_zero_byte(uint64_t w)
{
	return (w - UTIL_ONES) & ~w & UTIL_HIGH;
}

/*
 * The end of the run of bytes of P from I on that JSON takes as they
 * are: printable ASCII (0x20 to 0x7e) other than '"' and '\\'. Whole
 * words of 8 bytes first, the word that holds another byte (or the last,
 * partial one) byte by byte.
 */
static size_t
util_json_run(const unsigned char *p, size_t i, size_t len)
{
	uint64_t w;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		/* a byte under 0x20, over 0x7e, a quote or a backslash */
		if ((((w - UTIL_ONES * 0x20) & ~w) | ((w + UTIL_ONES) | w)) &
			UTIL_HIGH ||
		    util_zero_byte(w ^ (UTIL_ONES * '"')) ||
		    util_zero_byte(w ^ (UTIL_ONES * '\\')))
			break;
	}
	while (i < len && p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' &&
	    p[i] != '\\')
		i++;
	return i;
}

int
util_json_plain(const char *s, size_t len)
{
	return util_json_run((const unsigned char *)s, 0, len) == len;
}

/* util_put_json() without redaction: also for the program's own text. */
static void
util_json_bytes(FILE *fp, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		unsigned char c = p[i];
		/* printable ASCII but the two escaped: written as one run */
		size_t run = util_json_run(p, i, len);

		if (run > i) {
			fwrite(p + i, 1, run - i, fp);
			i = run;
			continue;
		}
		if (c == '"' || c == '\\') {
			fputc('\\', fp);
			fputc(c, fp);
			i++;
		} else if (c == '\n') {
			fputs("\\n", fp);
			i++;
		} else if (c == '\t') {
			fputs("\\t", fp);
			i++;
		} else if (c == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f) {
			/* a C1 control is valid UTF-8: escape its code point */
			fprintf(fp, "\\u%04x", p[i + 1]);
			i += 2;
		} else if (c >= 0x80 && (n = util_utf8_len(p + i, len - i))) {
			fwrite(p + i, 1, n, fp);
			i += n;
		} else {
			/* control or invalid byte: keep its value, stay valid */
			fprintf(fp, "\\u%04x", c);
			i++;
		}
	}
}

/* util_put_html() without redaction: also for the program's own text. */
static void
util_html_bytes(FILE *fp, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		unsigned char c = p[i];

		if (c == '&')
			fputs("&amp;", fp);
		else if (c == '<')
			fputs("&lt;", fp);
		else if (c == '>')
			fputs("&gt;", fp);
		else if (c == '"')
			fputs("&quot;", fp);
		else if (c == '\'')
			fputs("&#39;", fp);
		else if (c == '\\')
			fputs("\\\\", fp);
		else if (c >= 0x20 && c < 0x7f)
			fputc(c, fp);
		else if (c >= 0x80 && (n = util_utf8_len(p + i, len - i))) {
			fwrite(p + i, 1, n, fp);
			i += n;
			continue;
		} else
			/* as in util_put_text: visible, and no HTML parse
			 * error (controls) or U+FFFD guess (bad UTF-8) */
			fprintf(fp, "\\x%02x", c);
		i++;
	}
}

void
util_put_html_str(FILE *fp, const char *s)
{
	util_html_bytes(fp, s, strlen(s));
}

void
util_put_json_str(FILE *fp, const char *s, size_t len)
{
	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	util_json_bytes(fp, s, len);
	fputc('"', fp);
}

void
util_set_redact(int on)
{
	util_redact_on = on;
}

int
util_redacting(void)
{
	return util_redact_on;
}

/* Write S through PUT, with each local part of an address replaced by
 * REDACT_TOKEN when redacting. */
static void
util_put_redacted(FILE *fp, const char *s, size_t len,
    void (*put)(FILE *, const char *, size_t))
{
	size_t from = 0, start, end;

	if (!util_redact_on || memchr(s, '@', len) == NULL) {
		put(fp, s, len);
		return;
	}
	while (redact_find(s, len, from, &start, &end)) {
		put(fp, s + from, start - from);
		put(fp, REDACT_TOKEN, strlen(REDACT_TOKEN));
		from = end;
	}
	put(fp, s + from, len - from);
}

void
util_put_text(FILE *fp, const char *s, size_t len)
{
	util_put_redacted(fp, s, len, util_text_bytes);
}

void
util_put_json(FILE *fp, const char *s, size_t len)
{
	util_put_redacted(fp, s, len, util_json_bytes);
}

void
util_put_html(FILE *fp, const char *s, size_t len)
{
	util_put_redacted(fp, s, len, util_html_bytes);
}

void
util_put_json_text(FILE *fp, const char *s, size_t len)
{
	fputc('"', fp);
	util_put_json(fp, s, len);
	fputc('"', fp);
}

int
util_json_exact(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint64_t w;

	while (i < len) {
		if (i + 8 <= len) { /* eight ASCII bytes at once */
			memcpy(&w, p + i, 8);
			if ((w & UTIL_HIGH) == 0) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80)
			i++;
		else if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			i += 2; /* a C1 control: escaped, but read back whole */
		else if ((n = util_utf8_len(p + i, len - i)) != 0)
			i += n;
		else
			return 0;
	}
	return 1;
}

int
util_verrf(char *err, size_t errlen, const char *file, size_t line,
    const char *fmt, va_list ap)
{
	int n = snprintf(err, errlen, "%s:%zu: ", file, line);

	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	return -1;
}

int
util_errf(char *err, size_t errlen, const char *file, size_t line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	util_verrf(err, errlen, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

const char *
util_memcasemem(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t i, j;

	if (nlen == 0)
		return hay;
	for (i = 0; i + nlen <= hlen; i++) {
		for (j = 0; j < nlen; j++) {
			if (util_lower((unsigned char)hay[i + j]) !=
			    util_lower((unsigned char)needle[j]))
				break;
		}
		if (j == nlen)
			return hay + i;
	}
	return NULL;
}

void
util_lower_copy(char *dst, const char *src, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i below = _mm_set1_epi8('A' - 1);
	const __m128i above = _mm_set1_epi8('Z' + 1);
	const __m128i bit = _mm_set1_epi8('a' - 'A');

	/* bytes from 0x80 compare as negative: never a capital */
	for (; i + 16 <= n; i += 16) {
		__m128i v =
		    _mm_loadu_si128((const __m128i *)(const void *)(src + i));
		__m128i cap = _mm_and_si128(_mm_cmpgt_epi8(v, below),
		    _mm_cmplt_epi8(v, above));

		_mm_storeu_si128((__m128i *)(void *)(dst + i),
		    _mm_or_si128(v, _mm_and_si128(cap, bit)));
	}
#endif
	for (; i < n; i++)
		dst[i] = (char)util_lower((unsigned char)src[i]);
}

void
util_put_u64(FILE *fp, uint64_t v)
{
	char buf[24];
	size_t i = sizeof(buf);

	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	fwrite(buf + i, 1, sizeof(buf) - i, fp);
}

void
util_put_int(FILE *fp, int64_t v)
{
	if (v < 0)
		fputc('-', fp);
	util_put_u64(fp, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}
