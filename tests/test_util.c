/*
 * test_util.c - unit tests for util.c.
 *
 * util_put_text(): which bytes pass raw (printable ASCII, valid UTF-8 other
 * than C1 controls) and which are written as \xHH or \\ (controls, DEL,
 * NUL, invalid, overlong, surrogate and out-of-range UTF-8, truncated
 * sequences). util_put_json(): the JSON escapes, \u00HH for controls and
 * invalid bytes, valid UTF-8 kept. util_put_html(): entities for the
 * five HTML specials (markup, attribute break-outs, </svg>), \xHH for
 * what util_put_text() escapes, valid UTF-8 kept. util_memcasemem():
 * ASCII-only case folding, bounds, empty needle. The x*() wrappers and util_warn()'s
 * format. Output is captured with open_memstream(3).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* A string literal and its length, NUL bytes included. */
#define LIT(s) s, sizeof(s) - 1

typedef void (*put_fn)(FILE *, const char *, size_t);

/* Run PUT over LEN bytes of S and return what it wrote (caller frees). */
static char *
capture(put_fn put, const char *s, size_t len, size_t *outlen)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	put(fp, s, len);
	assert_int_equal(fclose(fp), 0);
	*outlen = n;
	return buf;
}

/* One escaping case: LEN bytes of IN must come out as OUT exactly. */
struct esc_case {
	const char *in;
	size_t len;
	const char *out;
};

static void
check_escape(put_fn put, const struct esc_case *c)
{
	size_t n;
	char *got = capture(put, c->in, c->len, &n);

	assert_string_equal(got, c->out);
	assert_int_equal(n, strlen(c->out));
	free(got);
}

static void
run_text_case(void **state)
{
	check_escape(util_put_text, *state);
}

static void
run_json_case(void **state)
{
	check_escape(util_put_json, *state);
}

static void
run_html_case(void **state)
{
	check_escape(util_put_html, *state);
}

static struct esc_case text_plain = {LIT("Hello, world! ~{}[]"),
    "Hello, world! ~{}[]"};
static struct esc_case text_empty = {LIT(""), ""};
static struct esc_case text_esc = {LIT("a\x1b[31mred"), "a\\x1b[31mred"};
static struct esc_case text_cr = {LIT("a\rb"), "a\\x0db"};
static struct esc_case text_lf_tab = {LIT("a\nb\tc"), "a\\x0ab\\x09c"};
static struct esc_case text_nul = {LIT("a\0b"), "a\\x00b"};
static struct esc_case text_del = {LIT("a\x7f"
				       "b"),
    "a\\x7fb"};
static struct esc_case text_backslash = {LIT("a\\b"), "a\\\\b"};
static struct esc_case text_backslash_x = {LIT("\\x1b"), "\\\\x1b"};
static struct esc_case text_invalid_ff = {LIT("a\xff"
					      "b"),
    "a\\xffb"};
static struct esc_case text_lone_cont = {LIT("\x80"), "\\x80"};
static struct esc_case text_e_acute = {LIT("caf\xc3\xa9"), "caf\xc3\xa9"};
static struct esc_case text_nihon = {LIT("\xe6\x97\xa5\xe6\x9c\xac"),
    "\xe6\x97\xa5\xe6\x9c\xac"};
static struct esc_case text_emoji = {LIT("\xf0\x9f\x98\x80"),
    "\xf0\x9f\x98\x80"};
static struct esc_case text_max_cp = {LIT("\xf4\x8f\xbf\xbf"),
    "\xf4\x8f\xbf\xbf"};
static struct esc_case text_nbsp = {LIT("\xc2\xa0"), "\xc2\xa0"};
static struct esc_case text_c1_nel = {LIT("\xc2\x85"), "\\xc2\\x85"};
static struct esc_case text_c1_csi = {LIT("\xc2\x9b"
					  "31m"),
    "\\xc2\\x9b31m"};
static struct esc_case text_c1_first = {LIT("\xc2\x80"), "\\xc2\\x80"};
static struct esc_case text_overlong2 = {LIT("\xc0\xaf"), "\\xc0\\xaf"};
static struct esc_case text_overlong2_c1 = {LIT("\xc1\xbf"), "\\xc1\\xbf"};
static struct esc_case text_overlong3 = {LIT("\xe0\x80\xaf"),
    "\\xe0\\x80\\xaf"};
static struct esc_case text_overlong4 = {LIT("\xf0\x80\x80\xaf"),
    "\\xf0\\x80\\x80\\xaf"};
static struct esc_case text_surrogate = {LIT("\xed\xa0\x80"),
    "\\xed\\xa0\\x80"};
static struct esc_case text_above_max = {LIT("\xf4\x90\x80\x80"),
    "\\xf4\\x90\\x80\\x80"};
static struct esc_case text_f5 = {LIT("\xf5\x80\x80\x80"),
    "\\xf5\\x80\\x80\\x80"};
static struct esc_case text_truncated_end = {LIT("ab\xe6\x97"), "ab\\xe6\\x97"};
static struct esc_case text_truncated_mid = {LIT("\xe6\x97"
						 "a"),
    "\\xe6\\x97a"};
/* LEN shorter than the string: nothing past it is read. */
static struct esc_case text_len_bound = {"abcdef", 3, "abc"};
static struct esc_case text_len_cuts_utf8 = {"\xc3\xa9", 1, "\\xc3"};

static struct esc_case json_plain = {LIT("abc 123 /x"), "abc 123 /x"};
static struct esc_case json_empty = {LIT(""), ""};
static struct esc_case json_quote = {LIT("say \"hi\""), "say \\\"hi\\\""};
static struct esc_case json_backslash = {LIT("a\\b"), "a\\\\b"};
static struct esc_case json_newline = {LIT("a\nb"), "a\\nb"};
static struct esc_case json_tab = {LIT("a\tb"), "a\\tb"};
static struct esc_case json_cr = {LIT("a\rb"), "a\\u000db"};
static struct esc_case json_esc = {LIT("\x1b[0m"), "\\u001b[0m"};
static struct esc_case json_nul = {LIT("a\0b"), "a\\u0000b"};
static struct esc_case json_ctl01 = {LIT("\x01\x1f"), "\\u0001\\u001f"};
static struct esc_case json_del = {LIT("\x7f"), "\\u007f"};
static struct esc_case json_invalid_ff = {LIT("a\xff"
					      "b"),
    "a\\u00ffb"};
static struct esc_case json_overlong = {LIT("\xc0\xaf"), "\\u00c0\\u00af"};
static struct esc_case json_truncated = {LIT("x\xe6\x97"), "x\\u00e6\\u0097"};
static struct esc_case json_e_acute = {LIT("caf\xc3\xa9"), "caf\xc3\xa9"};
static struct esc_case json_nihon = {LIT("\xe6\x97\xa5\xe6\x9c\xac"),
    "\xe6\x97\xa5\xe6\x9c\xac"};
static struct esc_case json_emoji = {LIT("\xf0\x9f\x98\x80"),
    "\xf0\x9f\x98\x80"};
/* U+0085 is valid UTF-8: escaped as its code point, not as two bytes. */
static struct esc_case json_c1_nel = {LIT("a\xc2\x85"
					  "b"),
    "a\\u0085b"};
static struct esc_case json_c1_csi = {LIT("\xc2\x9b"), "\\u009b"};
static struct esc_case json_c2_alone = {LIT("\xc2"), "\\u00c2"};

static struct esc_case html_plain = {LIT("mx.example.net 550 5.1.1"),
    "mx.example.net 550 5.1.1"};
static struct esc_case html_empty = {LIT(""), ""};
static struct esc_case html_specials = {LIT("a<b>&\"c'"),
    "a&lt;b&gt;&amp;&quot;c&#39;"};
static struct esc_case html_script = {LIT("<script>alert(1)</script>"),
    "&lt;script&gt;alert(1)&lt;/script&gt;"};
static struct esc_case html_end_svg = {LIT("</svg><img src=x>"),
    "&lt;/svg&gt;&lt;img src=x&gt;"};
static struct esc_case html_attr_break = {LIT("\" onload=\"x"),
    "&quot; onload=&quot;x"};
static struct esc_case html_entity_text = {LIT("&lt;"), "&amp;lt;"};
static struct esc_case html_cdata_end = {LIT("]]>"), "]]&gt;"};
static struct esc_case html_comment = {LIT("<!-- x -->"), "&lt;!-- x --&gt;"};
static struct esc_case html_backslash = {LIT("a\\x41"), "a\\\\x41"};
static struct esc_case html_nul = {LIT("a\0b"), "a\\x00b"};
static struct esc_case html_esc = {LIT("\x1b[31m"), "\\x1b[31m"};
static struct esc_case html_cr_lf_tab = {LIT("a\r\n\tb"), "a\\x0d\\x0a\\x09b"};
static struct esc_case html_ctl_01_1f = {LIT("\x01\x1f"), "\\x01\\x1f"};
static struct esc_case html_del = {LIT("\x7f"), "\\x7f"};
static struct esc_case html_c1 = {LIT("\xc2\x85"), "\\xc2\\x85"};
static struct esc_case html_invalid_ff = {LIT("a\xff<"), "a\\xff&lt;"};
static struct esc_case html_overlong_lt = {LIT("\xc0\xbc"), "\\xc0\\xbc"};
static struct esc_case html_surrogate = {LIT("\xed\xa0\x80"),
    "\\xed\\xa0\\x80"};
static struct esc_case html_truncated = {LIT("x\xe6\x97"), "x\\xe6\\x97"};
static struct esc_case html_e_acute = {LIT("caf\xc3\xa9"), "caf\xc3\xa9"};
static struct esc_case html_cyrillic = {LIT("\xd0\xbf\xd0\xbe\xd1\x87"),
    "\xd0\xbf\xd0\xbe\xd1\x87"};
static struct esc_case html_emoji = {LIT("\xf0\x9f\x98\x80"),
    "\xf0\x9f\x98\x80"};
static struct esc_case html_len_bound = {"a<b", 2, "a&lt;"};

/* One util_memcasemem() case: the match offset, or -1 for none. */
struct mem_case {
	const char *hay;
	size_t hlen;
	const char *needle;
	long want;
};

static void
run_mem_case(void **state)
{
	const struct mem_case *c = *state;
	const char *r =
	    util_memcasemem(c->hay, c->hlen, c->needle, strlen(c->needle));

	if (c->want < 0)
		assert_null(r);
	else {
		assert_non_null(r);
		assert_int_equal(r - c->hay, c->want);
	}
}

static struct mem_case mem_mixed_case = {LIT("Hello World"), "wORLD", 6};
static struct mem_case mem_at_start = {LIT("RCPT TO:<a@b>"), "rcpt", 0};
static struct mem_case mem_at_end = {LIT("xxABC"), "abc", 2};
static struct mem_case mem_first_of_two = {LIT("abcabc"), "CA", 2};
static struct mem_case mem_empty_needle = {LIT("abc"), "", 0};
static struct mem_case mem_needle_longer = {LIT("abc"), "abcd", -1};
static struct mem_case mem_absent = {LIT("abc"), "x", -1};
static struct mem_case mem_empty_hay = {LIT(""), "a", -1};
static struct mem_case mem_hlen_bound = {"abcdef", 3, "def", -1};
static struct mem_case mem_hlen_bound_partial = {"abcdef", 4, "cde", -1};
static struct mem_case mem_nul_in_hay = {LIT("a\0Bc"), "bc", 2};
/* Only A-Z fold: '[' and '{' differ by 0x20 but are not a case pair. */
static struct mem_case mem_bracket_brace = {LIT("[x"), "{x", -1};
static struct mem_case mem_at_sign = {LIT("@"), "`", -1};
static struct mem_case mem_non_ascii = {LIT("\xc3\x89"), "\xc3\xa9", -1};
static struct mem_case mem_partial_then_full = {LIT("aaab"), "AAB", 1};

static void
xstrndup__embedded_bytes__copies_n_and_terminates(void **state)
{
	char *p = xstrndup("ab\0cd", 4);

	(void)state;
	assert_memory_equal(p, "ab\0c", 4);
	assert_int_equal(p[4], '\0');
	free(p);
}

static void
xstrdup__string__equal_copy_not_same_pointer(void **state)
{
	const char *s = "mail.example";
	char *p = xstrdup(s);

	(void)state;
	assert_string_equal(p, s);
	assert_ptr_not_equal(p, s);
	free(p);
}

static void
xmalloc__zero_bytes__non_null(void **state)
{
	void *p = xmalloc(0);
	void *q = xcalloc(0, 0);

	(void)state;
	assert_non_null(p);
	assert_non_null(q);
	free(p);
	free(q);
}

static void
xcalloc__array__zeroed(void **state)
{
	unsigned char *p = xcalloc(100, 3);
	size_t i;

	(void)state;
	for (i = 0; i < 300; i++)
		assert_int_equal(p[i], 0);
	free(p);
}

/* util_memeq() is memcmp() == 0 for every length up to 40 and a
 * difference at every place (and none). */
static void
util_memeq__every_length_and_place__as_memcmp(void **state)
{
	unsigned char a[48], b[48];
	size_t n, at;

	(void)state;
	for (n = 0; n <= 40; n++) {
		for (at = 0; at <= n; at++) {
			memset(a, 'x', sizeof(a));
			memset(b, 'x', sizeof(b));
			if (at < n)
				b[at] ^=
				    0x80; /* differ at AT; n == AT: equal */
			/* a difference just past N does not count */
			b[n] = 'y';
			assert_int_equal(util_memeq(a, b, n),
			    memcmp(a, b, n) == 0);
			assert_int_equal(util_memeq(a, b, n), at == n);
		}
	}
}

/* util_chr() is memchr() for every length up to 40, the byte at every
 * place (and none, and just past the end), and a byte from 0x80. */
static void
util_chr__every_length_and_place__as_memchr(void **state)
{
	char s[48];
	size_t n, at;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		char c = k ? (char)0xe9 : ' ';

		for (n = 0; n <= 40; n++) {
			for (at = 0; at <= n + 1; at++) {
				memset(s, 'x', sizeof(s));
				s[at] = c;
				if (at + 3 < n)
					s[at + 3] =
					    c; /* the first one counts */
				assert_ptr_equal(util_chr(s, n, c),
				    memchr(s, c, n));
				assert_ptr_equal(util_chr(s, n, c),
				    at < n ? s + at : NULL);
			}
		}
	}
}

/*
 * util_mem() is memmem() for literals of 0 to 9 bytes, in texts of every
 * length up to 40 with the literal (or only its last two bytes, or its
 * start) at every place, and twice: the first counts.
 */
static void
util_mem__every_length_and_place__as_memmem(void **state)
{
	static const char *const lits[] = {"", "=",
	    "s=", ", dsn=", "status=", " H=", "==", "xx=", ", relay="};
	char s[64];
	size_t n, at, k, len;

	(void)state;
	for (k = 0; k < sizeof(lits) / sizeof(lits[0]); k++) {
		const char *lit = lits[k];

		len = strlen(lit);
		for (n = 0; n <= 40; n++) {
			for (at = 0; at <= n + 1; at++) {
				int how;

				for (how = 0; how < 3; how++) {
					memset(s, 'x', sizeof(s));
					if (how == 0)
						memcpy(s + at, lit, len);
					else if (how == 1 && len >= 2)
						memcpy(s + at, lit + len - 2,
						    2);
					else if (len >= 1)
						memcpy(s + at, lit, len - 1);
					if (how == 0 && at + len + 3 < n)
						memcpy(s + at + len + 3, lit,
						    len);
					assert_ptr_equal(util_mem(s, n, lit,
							     len),
					    memmem(s, n, lit, len));
				}
			}
		}
	}
}

/* util_lower() folds A-Z only, whatever the byte. */
static void
util_lower__every_byte__ascii_letters_only(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < 256; c++)
		assert_int_equal(util_lower((unsigned char)c),
		    c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* util_put_int() writes what printf's %lld does, from INT64_MIN to
 * INT64_MAX and at every power of ten; util_put_u64() what %llu does,
 * up to UINT64_MAX (counts read back from JSON can be that big). */
static void
util_put_int_u64__bounds_and_powers__as_printf(void **state)
{
	int64_t v[64];
	char *buf = NULL, want[32];
	size_t n = 0, k = 0, i;
	int64_t p;
	FILE *fp;

	(void)state;
	v[k++] = INT64_MIN;
	v[k++] = INT64_MAX;
	v[k++] = 0;
	for (p = 1; p <= INT64_MAX / 10; p *= 10) {
		v[k++] = p;
		v[k++] = p - 1;
		v[k++] = -p;
	}
	fp = open_memstream(&buf, &n);
	assert_non_null(fp);
	for (i = 0; i < k; i++) {
		rewind(fp);
		util_put_int(fp, v[i]);
		assert_int_equal(fflush(fp), 0);
		snprintf(want, sizeof(want), "%lld", (long long)v[i]);
		assert_int_equal(n, strlen(want));
		assert_memory_equal(buf, want, n);
	}
	for (i = 0; i < k; i++) {
		uint64_t u = (uint64_t)v[i]; /* INT64_MIN.. as unsigned */

		rewind(fp);
		util_put_u64(fp, u);
		assert_int_equal(fflush(fp), 0);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)u);
		assert_int_equal(n, strlen(want));
		assert_memory_equal(buf, want, n);
	}
	assert_int_equal(fclose(fp), 0);
	free(buf);
}

/* util_lower_copy() is util_lower() on every byte, for every length and
 * alignment around the 16-byte blocks, and writes nothing past N. */
static void
util_lower_copy__every_byte_length_and_place__as_util_lower(void **state)
{
	char src[300], dst[300];
	size_t off, n, i;

	(void)state;
	for (i = 0; i < sizeof(src); i++)
		src[i] = (char)(unsigned char)((i * 151 + 7) % 256);
	for (off = 0; off < 17; off++)
		for (n = 0; n + off + 20 <= sizeof(src); n++) {
			memset(dst, '#', sizeof(dst));
			util_lower_copy(dst + off, src + off, n);
			for (i = 0; i < sizeof(dst); i++)
				assert_int_equal((unsigned char)dst[i],
				    i < off || i >= off + n
					? '#'
					: util_lower((unsigned char)src[i]));
		}
	for (i = 0; i < 256; i++)
		src[i] = (char)(unsigned char)i;
	util_lower_copy(dst, src, 256);
	for (i = 0; i < 256; i++)
		assert_int_equal((unsigned char)dst[i],
		    i >= 'A' && i <= 'Z' ? i + 32 : i);
}

static void
xrealloc__grow__keeps_contents(void **state)
{
	char *p = xmalloc(4);

	(void)state;
	memcpy(p, "abcd", 4);
	p = xrealloc(p, 1 << 20);
	assert_memory_equal(p, "abcd", 4);
	p[(1 << 20) - 1] = 'z';
	free(p);
}

static void
util_warn__format__progname_prefix_and_newline(void **state)
{
	FILE *tmp = tmpfile();
	char buf[128];
	size_t n;
	int saved;

	(void)state;
	assert_non_null(tmp);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), 2) >= 0);
	util_warn("%s: line %d: %s", "maillog", 42, "bad");
	fflush(stderr);
	assert_true(dup2(saved, 2) >= 0);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	assert_string_equal(buf, "smtplog: maillog: line 42: bad\n");
}

#define TEXT(name, c)                                                          \
	{                                                                      \
#name, run_text_case, NULL, NULL, &(c)                         \
	}
#define JSON(name, c)                                                          \
	{                                                                      \
#name, run_json_case, NULL, NULL, &(c)                         \
	}
#define HTML(name, c)                                                          \
	{                                                                      \
#name, run_html_case, NULL, NULL, &(c)                         \
	}
#define MEM(name, c)                                                           \
	{                                                                      \
#name, run_mem_case, NULL, NULL, &(c)                          \
	}

static void
util_put_json_str__string_and_null__quoted_or_null(void **state)
{
	char *out;
	size_t n;

	(void)state;
	out = capture(util_put_json_str, "a\"b\x01", 4, &n);
	assert_string_equal(out, "\"a\\\"b\\u0001\"");
	free(out);
	out = capture(util_put_json_str, NULL, 0, &n);
	assert_string_equal(out, "null");
	free(out);
}

static void
util_json_exact__each_kind_of_byte__only_invalid_utf8_is_not(void **state)
{
	(void)state;
	assert_int_equal(util_json_exact("", 0), 1);
	assert_int_equal(util_json_exact("plain \"q\" \\ x", 13), 1);
	/* controls and NUL are \u00XX escapes of themselves */
	assert_int_equal(util_json_exact("a\0b\033\n\t", 6), 1);
	/* valid UTF-8, C1 controls included */
	assert_int_equal(util_json_exact("caf\xc3\xa9 \xe2\x82\xac", 9), 1);
	assert_int_equal(util_json_exact("\xc2\x9b", 2), 1);
	/* a lone byte, a cut sequence, an overlong form, a surrogate */
	assert_int_equal(util_json_exact("caf\xe9", 4), 0);
	assert_int_equal(util_json_exact("\xe2\x82", 2), 0);
	assert_int_equal(util_json_exact("\xc0\xaf", 2), 0);
	assert_int_equal(util_json_exact("\xed\xa0\x80", 3), 0);
}

/*
 * Long texts go 8 bytes at a time where they are plain: every byte value
 * at every place of texts of 8 to 24 bytes comes out escaped as it does
 * alone, util_json_plain() finds it wherever it needs an escape, and
 * util_json_exact() finds a lone high byte, and passes a two-byte
 * character, at every place.
 */
static void
util_put_json__every_byte_at_every_place__escaped_as_alone(void **state)
{
	char in[32], want[64], *got;
	size_t len, at, n, w;
	int b;

	(void)state;
	for (len = 8; len <= 24; len++) {
		for (at = 0; at < len; at++) {
			for (b = 0; b < 256; b++) {
				memset(in, 'a', len);
				in[at] = (char)b;
				w = 0;
				memset(want, 'a', at);
				w = at;
				if (b == '"' || b == '\\')
					w += (size_t)snprintf(want + w,
					    sizeof(want) - w, "\\%c", b);
				else if (b == '\n')
					w += (size_t)snprintf(want + w,
					    sizeof(want) - w, "\\n");
				else if (b == '\t')
					w += (size_t)snprintf(want + w,
					    sizeof(want) - w, "\\t");
				else if (b < 0x20 || b >= 0x7f)
					w += (size_t)snprintf(want + w,
					    sizeof(want) - w, "\\u%04x", b);
				else
					want[w++] = (char)b;
				memset(want + w, 'a', len - at - 1);
				w += len - at - 1;
				want[w] = '\0';
				got = capture(util_put_json, in, len, &n);
				if (n != w || memcmp(got, want, w) != 0)
					fail_msg("byte %02x at %zu of %zu: %s",
					    b, at, len, got);
				free(got);
				assert_int_equal(util_json_exact(in, len),
				    b < 0x80);
				assert_int_equal(util_json_plain(in, len),
				    b >= 0x20 && b < 0x7f && b != '"' &&
					b != '\\');
			}
			if (at + 1 < len) {
				memcpy(in + at, "\xc3\xa9", 2);
				assert_int_equal(util_json_exact(in, len), 1);
			}
		}
	}
}

static void
util_errf__message__file_line_prefix_and_minus_one(void **state)
{
	char err[64];

	(void)state;
	assert_int_equal(util_errf(err, sizeof(err), "x.pat", 7, "bad %s",
			     "rule"),
	    -1);
	assert_string_equal(err, "x.pat:7: bad rule");
	/* a buffer too small for the message is cut, still terminated */
	assert_int_equal(util_errf(err, 8, "x.pat", 7, "bad %s", "rule"), -1);
	assert_string_equal(err, "x.pat:7");
}

/* xzalloc(): zeroed, also where malloc hands back a block just freed
 * with other bytes in it (small blocks come back from the free lists). */
static void
xzalloc__reused_block__all_zero(void **state)
{
	unsigned char *p;
	size_t n;
	int round;

	(void)state;
	for (round = 0; round < 3; round++) {
		n = round == 2 ? 64 : 100 + (size_t)round;
		p = xmalloc(n * 24);
		memset(p, 0xa5, n * 24);
		free(p);
		p = xzalloc(n, 24);
		for (size_t k = 0; k < n * 24; k++)
			if (p[k] != 0)
				fail_msg("byte %zu of %zu: %u", k, n * 24,
				    p[k]);
		free(p);
	}
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(xzalloc__reused_block__all_zero),
	    TEXT(util_put_text__printable_ascii__unchanged, text_plain),
	    TEXT(util_put_text__empty__nothing_written, text_empty),
	    TEXT(util_put_text__esc__hex_x1b, text_esc),
	    TEXT(util_put_text__cr__hex_x0d, text_cr),
	    TEXT(util_put_text__lf_and_tab__hex_escaped, text_lf_tab),
	    TEXT(util_put_text__nul__hex_x00, text_nul),
	    TEXT(util_put_text__del__hex_x7f, text_del),
	    TEXT(util_put_text__backslash__doubled, text_backslash),
	    TEXT(util_put_text__literal_backslash_x__not_ambiguous,
		text_backslash_x),
	    TEXT(util_put_text__byte_ff__hex_xff, text_invalid_ff),
	    TEXT(util_put_text__lone_continuation__hex_x80, text_lone_cont),
	    TEXT(util_put_text__utf8_e_acute__passes, text_e_acute),
	    TEXT(util_put_text__utf8_cjk__passes, text_nihon),
	    TEXT(util_put_text__utf8_4_byte__passes, text_emoji),
	    TEXT(util_put_text__utf8_u10ffff__passes, text_max_cp),
	    TEXT(util_put_text__utf8_nbsp_u00a0__passes, text_nbsp),
	    TEXT(util_put_text__c1_nel_u0085__escaped, text_c1_nel),
	    TEXT(util_put_text__c1_csi_u009b__escaped, text_c1_csi),
	    TEXT(util_put_text__c1_u0080__escaped, text_c1_first),
	    TEXT(util_put_text__overlong_2_byte_c0__escaped, text_overlong2),
	    TEXT(util_put_text__overlong_2_byte_c1__escaped, text_overlong2_c1),
	    TEXT(util_put_text__overlong_3_byte__escaped, text_overlong3),
	    TEXT(util_put_text__overlong_4_byte__escaped, text_overlong4),
	    TEXT(util_put_text__surrogate_ud800__escaped, text_surrogate),
	    TEXT(util_put_text__above_u10ffff__escaped, text_above_max),
	    TEXT(util_put_text__lead_byte_f5__escaped, text_f5),
	    TEXT(util_put_text__truncated_sequence_at_end__escaped,
		text_truncated_end),
	    TEXT(util_put_text__truncated_sequence_before_ascii__escaped,
		text_truncated_mid),
	    TEXT(util_put_text__len_shorter_than_string__stops_at_len,
		text_len_bound),
	    TEXT(util_put_text__len_cuts_utf8_sequence__lead_escaped,
		text_len_cuts_utf8),
	    JSON(util_put_json__printable_ascii__unchanged, json_plain),
	    JSON(util_put_json__empty__nothing_written, json_empty),
	    JSON(util_put_json__quote__backslash_quote, json_quote),
	    JSON(util_put_json__backslash__doubled, json_backslash),
	    JSON(util_put_json__newline__backslash_n, json_newline),
	    JSON(util_put_json__tab__backslash_t, json_tab),
	    JSON(util_put_json__cr__u000d, json_cr),
	    JSON(util_put_json__esc__u001b, json_esc),
	    JSON(util_put_json__nul__u0000, json_nul),
	    JSON(util_put_json__controls_01_1f__u00xx, json_ctl01),
	    JSON(util_put_json__del__u007f, json_del),
	    JSON(util_put_json__byte_ff__u00ff, json_invalid_ff),
	    JSON(util_put_json__overlong__each_byte_u00xx, json_overlong),
	    JSON(util_put_json__truncated_sequence__each_byte_u00xx,
		json_truncated),
	    JSON(util_put_json__utf8_e_acute__kept, json_e_acute),
	    JSON(util_put_json__utf8_cjk__kept, json_nihon),
	    JSON(util_put_json__utf8_4_byte__kept, json_emoji),
	    JSON(util_put_json__c1_nel__u0085, json_c1_nel),
	    JSON(util_put_json__c1_csi__u009b, json_c1_csi),
	    JSON(util_put_json__lone_c2_at_end__u00c2, json_c2_alone),
	    HTML(util_put_html__printable_ascii__unchanged, html_plain),
	    HTML(util_put_html__empty__nothing_written, html_empty),
	    HTML(util_put_html__lt_gt_amp_quotes__entities, html_specials),
	    HTML(util_put_html__script_element__inert_text, html_script),
	    HTML(util_put_html__svg_end_tag__inert_text, html_end_svg),
	    HTML(util_put_html__attribute_breakout__quotes_escaped,
		html_attr_break),
	    HTML(util_put_html__entity_in_log__ampersand_escaped,
		html_entity_text),
	    HTML(util_put_html__cdata_end__gt_escaped, html_cdata_end),
	    HTML(util_put_html__comment__escaped, html_comment),
	    HTML(util_put_html__backslash__doubled, html_backslash),
	    HTML(util_put_html__nul__hex_x00, html_nul),
	    HTML(util_put_html__esc__hex_x1b, html_esc),
	    HTML(util_put_html__cr_lf_tab__hex_escaped, html_cr_lf_tab),
	    HTML(util_put_html__controls_01_1f__hex_escaped, html_ctl_01_1f),
	    HTML(util_put_html__del__hex_x7f, html_del),
	    HTML(util_put_html__c1_control__hex_escaped, html_c1),
	    HTML(util_put_html__byte_ff__hex_then_entity, html_invalid_ff),
	    HTML(util_put_html__overlong_lt__hex_not_a_tag, html_overlong_lt),
	    HTML(util_put_html__surrogate__hex_escaped, html_surrogate),
	    HTML(util_put_html__truncated_sequence__hex_escaped,
		html_truncated),
	    HTML(util_put_html__utf8_e_acute__kept, html_e_acute),
	    HTML(util_put_html__utf8_cyrillic__kept, html_cyrillic),
	    HTML(util_put_html__utf8_4_byte__kept, html_emoji),
	    HTML(util_put_html__len_shorter_than_string__stops_at_len,
		html_len_bound),
	    MEM(util_memcasemem__mixed_case__found_at_6, mem_mixed_case),
	    MEM(util_memcasemem__match_at_start__offset_0, mem_at_start),
	    MEM(util_memcasemem__match_at_end__offset_2, mem_at_end),
	    MEM(util_memcasemem__two_matches__first_offset_2, mem_first_of_two),
	    MEM(util_memcasemem__empty_needle__hay_itself, mem_empty_needle),
	    MEM(util_memcasemem__needle_longer__null, mem_needle_longer),
	    MEM(util_memcasemem__absent__null, mem_absent),
	    MEM(util_memcasemem__empty_hay__null, mem_empty_hay),
	    MEM(util_memcasemem__match_past_hlen__null, mem_hlen_bound),
	    MEM(util_memcasemem__match_straddles_hlen__null,
		mem_hlen_bound_partial),
	    MEM(util_memcasemem__nul_in_hay__found_after_it, mem_nul_in_hay),
	    MEM(util_memcasemem__bracket_vs_brace__not_folded,
		mem_bracket_brace),
	    MEM(util_memcasemem__at_vs_backquote__not_folded, mem_at_sign),
	    MEM(util_memcasemem__non_ascii__not_folded, mem_non_ascii),
	    MEM(util_memcasemem__partial_match_then_full__offset_1,
		mem_partial_then_full),
	    cmocka_unit_test(
		util_put_json_str__string_and_null__quoted_or_null),
	    cmocka_unit_test(
		util_errf__message__file_line_prefix_and_minus_one),
	    cmocka_unit_test(
		util_json_exact__each_kind_of_byte__only_invalid_utf8_is_not),
	    cmocka_unit_test(xstrndup__embedded_bytes__copies_n_and_terminates),
	    cmocka_unit_test(xstrdup__string__equal_copy_not_same_pointer),
	    cmocka_unit_test(xmalloc__zero_bytes__non_null),
	    cmocka_unit_test(xcalloc__array__zeroed),
	    cmocka_unit_test(util_memeq__every_length_and_place__as_memcmp),
	    cmocka_unit_test(util_chr__every_length_and_place__as_memchr),
	    cmocka_unit_test(util_mem__every_length_and_place__as_memmem),
	    cmocka_unit_test(
		util_put_json__every_byte_at_every_place__escaped_as_alone),
	    cmocka_unit_test(util_lower__every_byte__ascii_letters_only),
	    cmocka_unit_test(
		util_lower_copy__every_byte_length_and_place__as_util_lower),
	    cmocka_unit_test(util_put_int_u64__bounds_and_powers__as_printf),
	    cmocka_unit_test(xrealloc__grow__keeps_contents),
	    cmocka_unit_test(util_warn__format__progname_prefix_and_newline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
