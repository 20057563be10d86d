/*
 * test_scan.c - unit tests for scan.c.
 *
 * Inputs come from unlinked temporary files (mkstemp) and from pipes
 * written by a forked child in small pieces, so lines arrive split across
 * reads. Covered: LF and CRLF endings, a last line without newline, empty
 * input and empty lines, NUL bytes inside lines, lines longer than
 * SCAN_MAX_LINE skipped and counted (in the middle, last, without newline,
 * longer than the 1 MiB buffer), the exact length limit with LF and CRLF,
 * 300k lines across buffer refills, scan_bytes(), end of input repeated
 * and a read error; follow mode (scan_follow): a growing file's last line
 * kept until its newline, an overlong line growing across reads, a
 * non-blocking pipe with nothing yet, and the last line once follow mode
 * is off. A file that shrinks while it is read (whole, or a piece of -j
 * past the new end) ends early without an error; scan_binary() looks at
 * the first block only.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if HAVE_ZLIB
#include <zlib.h>
#endif

#include "scan.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
/* A string literal and its length, NUL bytes included. */
#define LIT(s)                                                                 \
	{                                                                      \
		s, sizeof(s) - 1                                               \
	}

struct bytes {
	const char *s;
	size_t n;
};

/* An unlinked temporary file holding LEN bytes of DATA, at offset 0. */
static int
tmp_fd(const char *data, size_t len)
{
	char path[] = "/tmp/test_scan.XXXXXX";
	int fd = mkstemp(path);
	size_t off = 0;
	ssize_t w;

	assert_true(fd >= 0);
	unlink(path);
	while (off < len) {
		w = write(fd, data + off, len - off);
		assert_true(w > 0);
		off += (size_t)w;
	}
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

/*
 * A pipe whose write end a child fills with DATA in pieces of CHUNK bytes,
 * pausing PAUSE_US microseconds after each; returns the read end.
 */
static int
pipe_fd(const char *data, size_t len, size_t chunk, long pause_us, pid_t *child)
{
	int p[2];
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t off = 0, n;
		ssize_t w;
		struct timespec ts = {0, pause_us * 1000};

		close(p[0]);
		while (off < len) {
			n = len - off < chunk ? len - off : chunk;
			w = write(p[1], data + off, n);
			if (w <= 0)
				_exit(1);
			off += (size_t)w;
			if (pause_us > 0)
				nanosleep(&ts, NULL);
		}
		_exit(0);
	}
	close(p[1]);
	*child = pid;
	return p[0];
}

/* Reap the writer and check that it wrote everything. */
static void
reap(pid_t pid)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* Whether the test at hand reads through scan_ahead(): every test that
 * does not follow an input runs both ways (BOTH). */
static int ahead;

static int
with_ahead(void **state)
{
	(void)state;
	ahead = 1;
	return 0;
}

static int
without_ahead(void **state)
{
	(void)state;
	ahead = 0;
	return 0;
}

/* scan_new(FD), reading ahead in a thread when the test runs that way. */
static struct scan *
scan_open(int fd)
{
	struct scan *s = scan_new(fd);

	if (ahead)
		assert_int_equal(scan_ahead(s), 0);
	return s;
}

/* Scan FD to the end; every line must equal WANT[i], then end of input. */
static struct scan *
scan_expect(int fd, const struct bytes *want, size_t nwant)
{
	struct scan *s = scan_open(fd);
	const char *line;
	size_t len, i;

	for (i = 0; i < nwant; i++) {
		assert_int_equal(scan_next(s, &line, &len), 1);
		assert_int_equal(len, want[i].n);
		if (len > 0)
			assert_memory_equal(line, want[i].s, len);
	}
	assert_int_equal(scan_next(s, &line, &len), 0);
	return s;
}

/* The next line of S is the N bytes of WANT. */
static void
next_is(struct scan *s, const char *want, size_t n)
{
	const char *line;
	size_t len;

	assert_int_equal(scan_next(s, &line, &len), 1);
	assert_int_equal(len, n);
	assert_memory_equal(line, want, n);
}

/* One small table case: input bytes, the lines expected, nothing overlong. */
struct scan_case {
	struct bytes in;
	size_t nlines;
	struct bytes lines[6];
};

static void
run_scan_case(void **state)
{
	const struct scan_case *c = *state;
	int fd = tmp_fd(c->in.s, c->in.n);
	struct scan *s = scan_expect(fd, c->lines, c->nlines);

	assert_int_equal(scan_overlong(s), 0);
	assert_int_equal(scan_bytes(s), c->in.n);
	scan_free(s);
	close(fd);
}

static struct scan_case case_lf = {LIT("a\nbc\n"), 2, {LIT("a"), LIT("bc")}};
static struct scan_case case_crlf = {LIT("a\r\nbc\r\n"), 2,
    {LIT("a"), LIT("bc")}};
static struct scan_case case_mixed = {LIT("a\r\nb\nc\r\n"), 3,
    {LIT("a"), LIT("b"), LIT("c")}};
static struct scan_case case_inner_cr = {LIT("a\rb\n"), 1, {LIT("a\rb")}};
static struct scan_case case_two_cr = {LIT("a\r\r\n"), 1, {LIT("a\r")}};
static struct scan_case case_no_final_nl = {LIT("a\nlast"), 2,
    {LIT("a"), LIT("last")}};
static struct scan_case case_no_final_nl_cr = {LIT("a\nlast\r"), 2,
    {LIT("a"), LIT("last")}};
static struct scan_case case_single_no_nl = {LIT("x"), 1, {LIT("x")}};
static struct scan_case case_empty = {LIT(""), 0, {LIT("")}};
static struct scan_case case_only_nl = {LIT("\n"), 1, {LIT("")}};
static struct scan_case case_only_crlf = {LIT("\r\n"), 1, {LIT("")}};
static struct scan_case case_empty_lines = {LIT("\n\na\n\n"), 4,
    {LIT(""), LIT(""), LIT("a"), LIT("")}};
static struct scan_case case_nul = {LIT("a\0b\n\0\n\0"), 3,
    {LIT("a\0b"), LIT("\0"), LIT("\0")}};

/* A buffer of N copies of C. */
static char *
filled(size_t n, char c)
{
	char *p = malloc(n ? n : 1);

	assert_non_null(p);
	memset(p, c, n);
	return p;
}

/* Build "pre" + N bytes of 'x' + END + "post\n" into a new buffer. */
static char *
with_long_line(size_t n, const char *end, size_t *len)
{
	static const char pre[] = "before\n", post[] = "after\n";
	size_t el = strlen(end);
	char *p = malloc(sizeof(pre) - 1 + n + el + sizeof(post) - 1);

	assert_non_null(p);
	memcpy(p, pre, sizeof(pre) - 1);
	memset(p + sizeof(pre) - 1, 'x', n);
	memcpy(p + sizeof(pre) - 1 + n, end, el);
	memcpy(p + sizeof(pre) - 1 + n + el, post, sizeof(post) - 1);
	*len = sizeof(pre) - 1 + n + el + sizeof(post) - 1;
	return p;
}

static void
scan_next__100k_line_between_short_lines__skipped_and_counted(void **state)
{
	static const struct bytes want[] = {LIT("before"), LIT("after")};
	size_t len;
	char *in = with_long_line(100 * 1024, "\n", &len);
	int fd = tmp_fd(in, len);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 1);
	assert_int_equal(scan_bytes(s), len);
	scan_free(s);
	close(fd);
	free(in);
}

static void
scan_next__line_of_max_len__returned_whole(void **state)
{
	size_t len;
	char *in = with_long_line(SCAN_MAX_LINE, "\n", &len);
	char *x = filled(SCAN_MAX_LINE, 'x');
	const struct bytes want[] = {LIT("before"), {x, SCAN_MAX_LINE},
	    LIT("after")};
	int fd = tmp_fd(in, len);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 0);
	scan_free(s);
	close(fd);
	free(in);
	free(x);
}

static void
scan_next__line_of_max_len_with_crlf__returned_whole(void **state)
{
	size_t len;
	char *in = with_long_line(SCAN_MAX_LINE, "\r\n", &len);
	char *x = filled(SCAN_MAX_LINE, 'x');
	const struct bytes want[] = {LIT("before"), {x, SCAN_MAX_LINE},
	    LIT("after")};
	int fd = tmp_fd(in, len);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 0);
	scan_free(s);
	close(fd);
	free(in);
	free(x);
}

static void
scan_next__line_of_max_len_plus_1__skipped(void **state)
{
	static const struct bytes want[] = {LIT("before"), LIT("after")};
	size_t len;
	char *in = with_long_line(SCAN_MAX_LINE + 1, "\n", &len);
	int fd = tmp_fd(in, len);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 1);
	scan_free(s);
	close(fd);
	free(in);
}

static void
scan_next__line_of_max_len_plus_1_with_crlf__skipped(void **state)
{
	static const struct bytes want[] = {LIT("before"), LIT("after")};
	size_t len;
	char *in = with_long_line(SCAN_MAX_LINE + 1, "\r\n", &len);
	int fd = tmp_fd(in, len);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 1);
	scan_free(s);
	close(fd);
	free(in);
}

static void
scan_next__3mib_line__skipped_across_refills(void **state)
{
	static const struct bytes want[] = {LIT("before"), LIT("after")};
	size_t len;
	char *in = with_long_line(3 * 1024 * 1024 + 17, "\n", &len);
	int fd = tmp_fd(in, len);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 1);
	assert_int_equal(scan_bytes(s), len);
	scan_free(s);
	close(fd);
	free(in);
}

static void
scan_next__two_overlong_lines_in_a_row__both_counted(void **state)
{
	static const struct bytes want[] = {LIT("a"), LIT("b")};
	size_t n = 100 * 1024, len = 2 + 2 * (n + 1) + 2;
	char *in = malloc(len);
	int fd;
	struct scan *s;

	(void)state;
	assert_non_null(in);
	memcpy(in, "a\n", 2);
	memset(in + 2, 'y', n);
	in[2 + n] = '\n';
	memset(in + 3 + n, 'z', n);
	in[3 + 2 * n] = '\n';
	memcpy(in + 4 + 2 * n, "b\n", 2);
	fd = tmp_fd(in, len);
	s = scan_expect(fd, want, NELEM(want));
	assert_int_equal(scan_overlong(s), 2);
	scan_free(s);
	close(fd);
	free(in);
}

static void
scan_next__overlong_last_line_without_newline__counted_not_returned(
    void **state)
{
	static const struct bytes want[] = {LIT("first")};
	size_t n = 100 * 1024, len = 6 + n;
	char *in = malloc(len);
	int fd;
	struct scan *s;
	const char *line;
	size_t ll;

	(void)state;
	assert_non_null(in);
	memcpy(in, "first\n", 6);
	memset(in + 6, 'q', n);
	fd = tmp_fd(in, len);
	s = scan_expect(fd, want, NELEM(want));
	assert_int_equal(scan_overlong(s), 1);
	assert_int_equal(scan_bytes(s), len);
	/* end of input stays the end, and the count does not grow */
	assert_int_equal(scan_next(s, &line, &ll), 0);
	assert_int_equal(scan_overlong(s), 1);
	scan_free(s);
	close(fd);
	free(in);
}

static void
scan_next__300k_lines__all_returned_across_buffer_boundary(void **state)
{
	const size_t nlines = 300000;
	size_t cap = nlines * 16, len = 0, i, ll;
	char *in = malloc(cap), want[32];
	const char *line;
	struct scan *s;
	int fd, wl;

	(void)state;
	assert_non_null(in);
	for (i = 0; i < nlines; i++)
		len += (size_t)snprintf(in + len, cap - len, "line %zu%s\n", i,
		    i % 3 == 0 ? "\r" : "");
	assert_true(len > 3 * 1024 * 1024);
	fd = tmp_fd(in, len);
	s = scan_open(fd);
	for (i = 0; i < nlines; i++) {
		assert_int_equal(scan_next(s, &line, &ll), 1);
		wl = snprintf(want, sizeof(want), "line %zu", i);
		if (ll != (size_t)wl || memcmp(line, want, ll) != 0)
			fail_msg("line %zu: got \"%.*s\", want \"%s\"", i,
			    (int)ll, line, want);
	}
	assert_int_equal(scan_next(s, &line, &ll), 0);
	assert_int_equal(scan_overlong(s), 0);
	assert_int_equal(scan_bytes(s), len);
	scan_free(s);
	close(fd);
	free(in);
}

static void
scan_next__after_end__returns_0_again(void **state)
{
	static const char in[] = "one\n";
	int fd = tmp_fd(in, sizeof(in) - 1);
	struct scan *s = scan_open(fd);
	const char *line;
	size_t len;

	(void)state;
	assert_int_equal(scan_next(s, &line, &len), 1);
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_bytes(s), 4);
	scan_free(s);
	close(fd);
}

static void
scan_next__bad_descriptor__minus_1_ebadf(void **state)
{
	struct scan *s = scan_open(-1);
	const char *line;
	size_t len;

	(void)state;
	errno = 0;
	assert_int_equal(scan_next(s, &line, &len), -1);
	assert_int_equal(errno, EBADF);
	assert_int_equal(scan_bytes(s), 0);
	scan_free(s);
}

static void
scan_free__null__ignored(void **state)
{
	(void)state;
	scan_free(NULL);
}

static void
scan_next__pipe_3_byte_writes__partial_lines_joined(void **state)
{
	static const char in[] = "Nov 22 10:00:01 mail postfix/smtp[1]: first\n"
				 "second line\r\n"
				 "\n"
				 "with\0nul\n"
				 "no newline at the end";
	static const struct bytes want[] = {
	    LIT("Nov 22 10:00:01 mail postfix/smtp[1]: first"),
	    LIT("second line"),
	    LIT(""),
	    LIT("with\0nul"),
	    LIT("no newline at the end"),
	};
	pid_t child;
	int fd = pipe_fd(in, sizeof(in) - 1, 3, 300, &child);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 0);
	assert_int_equal(scan_bytes(s), sizeof(in) - 1);
	scan_free(s);
	close(fd);
	reap(child);
}

static void
scan_next__pipe_odd_chunks_2mib__every_line_intact(void **state)
{
	const size_t nlines = 100000;
	size_t cap = nlines * 32, len = 0, i, ll;
	char *in = malloc(cap), want[40];
	const char *line;
	struct scan *s;
	pid_t child;
	int fd, wl;

	(void)state;
	assert_non_null(in);
	for (i = 0; i < nlines; i++)
		len += (size_t)snprintf(in + len, cap - len,
		    "row %zu of the piped input\n", i);
	fd = pipe_fd(in, len, 4093, 0, &child);
	s = scan_open(fd);
	for (i = 0; i < nlines; i++) {
		assert_int_equal(scan_next(s, &line, &ll), 1);
		wl = snprintf(want, sizeof(want), "row %zu of the piped input",
		    i);
		if (ll != (size_t)wl || memcmp(line, want, ll) != 0)
			fail_msg("line %zu: got \"%.*s\", want \"%s\"", i,
			    (int)ll, line, want);
	}
	assert_int_equal(scan_next(s, &line, &ll), 0);
	assert_int_equal(scan_bytes(s), len);
	scan_free(s);
	close(fd);
	reap(child);
	free(in);
}

static void
scan_next__pipe_overlong_line_in_pieces__skipped_neighbours_intact(void **state)
{
	static const struct bytes want[] = {LIT("before"), LIT("after")};
	size_t len;
	char *in = with_long_line(200 * 1024, "\r\n", &len);
	pid_t child;
	int fd = pipe_fd(in, len, 1000, 0, &child);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 1);
	assert_int_equal(scan_bytes(s), len);
	scan_free(s);
	close(fd);
	reap(child);
	free(in);
}

static void
scan_next__pipe_pause_between_cr_and_lf_of_max_line__returned_whole(
    void **state)
{
	size_t len;
	char *in = with_long_line(SCAN_MAX_LINE, "\r\n", &len);
	char *x = filled(SCAN_MAX_LINE, 'x');
	const struct bytes want[] = {LIT("before"), {x, SCAN_MAX_LINE},
	    LIT("after")};
	pid_t child;
	/* the first piece ends right after the CR; the LF comes later */
	int fd = pipe_fd(in, len, 7 + SCAN_MAX_LINE + 1, 100000, &child);
	struct scan *s = scan_expect(fd, want, NELEM(want));

	(void)state;
	assert_int_equal(scan_overlong(s), 0);
	scan_free(s);
	close(fd);
	reap(child);
	free(in);
	free(x);
}

/*
 * A line of SCAN_MAX_LINE bytes whose CR falls on each byte around the
 * multiples of 64 KiB that reads and the read-ahead blocks end on, its LF
 * on the next: the line comes back whole, and the lines before and after.
 */
static void
scan_next__max_crlf_line_at_each_block_end__whole(void **state)
{
	static const long at[] = {4 * 65536 - 2, 4 * 65536 - 1, 4 * 65536,
	    4 * 65536 + 1, 8 * 65536 - 1, 12 * 65536};
	char *x = filled(SCAN_MAX_LINE, 'x'), *in;
	size_t k, len, pre, i, nshort;
	const char *line;
	struct scan *s;
	int fd;

	(void)state;
	for (k = 0; k < NELEM(at); k++) {
		/* lines of 100 bytes, one shorter, then the long line */
		pre = (size_t)at[k] - SCAN_MAX_LINE;
		len = pre + SCAN_MAX_LINE + 2 + 6;
		in = filled(len, 'f');
		for (i = 99; i < pre; i += 100)
			in[i] = '\n';
		in[pre - 1] = '\n';
		nshort = (pre + 99) / 100;
		memcpy(in + pre + SCAN_MAX_LINE, "\r\nafter\n", 8);
		memset(in + pre, 'x', SCAN_MAX_LINE);
		fd = tmp_fd(in, len);
		s = scan_open(fd);
		for (i = 0; i < nshort; i++)
			assert_int_equal(scan_next(s, &line, &len), 1);
		next_is(s, x, SCAN_MAX_LINE);
		next_is(s, "after", 5);
		assert_int_equal(scan_next(s, &line, &len), 0);
		assert_int_equal(scan_overlong(s), 0);
		scan_free(s);
		close(fd);
		free(in);
	}
	free(x);
}

#if HAVE_ZLIB
/*
 * Gzip data cut in the middle: the lines before the cut come out, the
 * last one cut short where the data ends (as "zcat | smtplog" reads it),
 * then -1 with the decoder's words, and -1 again; read ahead or not, the
 * same lines.
 */
static void
scan_next__gzip_cut_in_middle__lines_then_error(void **state)
{
	const size_t nlines = 200000;
	size_t cap = nlines * 48, len = 0, i, zcap, ll;
	char *in = malloc(cap), want[48];
	unsigned char *z;
	const char *line;
	z_stream zs;
	struct scan *s;
	int fd, rc, wl, partial = 0;

	(void)state;
	assert_non_null(in);
	for (i = 0; i < nlines; i++) /* a part that does not repeat */
		len += (size_t)snprintf(in + len, cap - len,
		    "line %zu of a cut file %08x\n", i,
		    (unsigned)(i * 2654435761u));
	zcap = len + 1024;
	z = malloc(zcap);
	assert_non_null(z);
	memset(&zs, 0, sizeof(zs));
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8,
			     Z_DEFAULT_STRATEGY),
	    Z_OK);
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)len;
	zs.next_out = z;
	zs.avail_out = (uInt)zcap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	fd = tmp_fd((const char *)z, zs.total_out / 2);
	deflateEnd(&zs);
	s = scan_open(fd);
	for (i = 0; (rc = scan_next(s, &line, &ll)) == 1; i++) {
		wl = snprintf(want, sizeof(want), "line %zu of a cut file %08x",
		    i, (unsigned)(i * 2654435761u));
		if (ll == (size_t)wl && memcmp(line, want, ll) == 0)
			continue;
		/* the line at the cut: a start of what it was, and the last */
		if (ll == 0 || ll >= (size_t)wl || memcmp(line, want, ll) != 0)
			fail_msg("line %zu: got \"%.*s\", want \"%s\"", i,
			    (int)ll, line, want);
		partial++;
		assert_int_equal(rc = scan_next(s, &line, &ll), -1);
		break;
	}
	assert_int_equal(rc, -1);
	assert_int_equal(partial, 1);
	assert_true(i > nlines / 4 && i < nlines);
	assert_non_null(strstr(scan_error(s), "truncated gzip data"));
	assert_int_equal(scan_next(s, &line, &ll), -1);
	scan_free(s);
	close(fd);
	free(z);
	free(in);
}
#endif

/* scan_free() before the end, its reading thread waiting for more of a
 * pipe whose writer is still there: it returns (alarm() fails a hang). */
static void
scan_free__ahead_reader_waiting_for_input__returns(void **state)
{
	int p[2];
	struct scan *s;
	const char *line;
	size_t len;

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "one\n", 4), 4);
	s = scan_new(p[0]);
	assert_int_equal(scan_ahead(s), 0);
	alarm(10);
	assert_int_equal(scan_next(s, &line, &len), 1);
	assert_int_equal(len, 3);
	scan_free(s);
	alarm(0);
	close(p[1]);
	close(p[0]);
}

/* Append LEN bytes of DATA at the end of the file FD. */
static void
append(int fd, const char *data, size_t len)
{
	off_t end = lseek(fd, 0, SEEK_END);

	assert_true(end >= 0);
	assert_int_equal(pwrite(fd, data, len, end), (ssize_t)len);
}

static void
scan_follow__file_growing__partial_line_waits_for_its_newline(void **state)
{
	int fd = tmp_fd("one\ntw", 6);
	struct scan *s = scan_new(fd);
	const char *line;
	size_t len;

	(void)state;
	scan_follow(s, 1);
	assert_int_equal(scan_next(s, &line, &len), 1);
	assert_memory_equal(line, "one", 3);
	/* "tw" has no newline yet: not a line, kept */
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_at_eof(s), 1);
	assert_int_equal(scan_next(s, &line, &len), 0);
	append(fd, "o\r\nthr", 6);
	assert_int_equal(scan_next(s, &line, &len), 1);
	assert_int_equal(len, 3);
	assert_memory_equal(line, "two", 3);
	assert_int_equal(scan_next(s, &line, &len), 0);
	/* out of follow mode the last line is handed out as it is */
	scan_follow(s, 0);
	next_is(s, "thr", 3);
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_bytes(s), 12);
	scan_free(s);
	close(fd);
}

static void
scan_follow__overlong_line_growing__counted_once_when_whole(void **state)
{
	char *big = malloc(SCAN_MAX_LINE + 10);
	int fd = tmp_fd("a\n", 2);
	struct scan *s = scan_new(fd);
	const char *line;
	size_t len;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', SCAN_MAX_LINE + 10);
	scan_follow(s, 1);
	assert_int_equal(scan_next(s, &line, &len), 1);
	append(fd, big, SCAN_MAX_LINE + 10);
	assert_int_equal(scan_next(s, &line, &len), 0);
	append(fd, big, 100);
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_overlong(s), 0);
	append(fd, "\nb\n", 3);
	assert_int_equal(scan_next(s, &line, &len), 1);
	assert_int_equal(len, 1);
	assert_memory_equal(line, "b", 1);
	assert_int_equal(scan_overlong(s), 1);
	scan_free(s);
	free(big);
	close(fd);
}

static void
scan_follow__nonblocking_pipe__empty_is_not_the_end(void **state)
{
	struct scan *s;
	const char *line;
	size_t len;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	s = scan_new(p[0]);
	scan_follow(s, 1);
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_at_eof(s), 0);
	assert_int_equal(write(p[1], "x\ny", 3), 3);
	assert_int_equal(scan_next(s, &line, &len), 1);
	assert_memory_equal(line, "x", 1);
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_at_eof(s), 0);
	close(p[1]);
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_at_eof(s), 1);
	scan_follow(s, 0);
	assert_int_equal(scan_next(s, &line, &len), 1);
	assert_memory_equal(line, "y", 1);
	assert_int_equal(scan_next(s, &line, &len), 0);
	scan_free(s);
	close(p[0]);
}

/* A test run as it is and again with scan_ahead(); a table case. */
#define BOTH(f)                                                                \
	{#f, f, without_ahead, NULL, NULL},                                    \
	{                                                                      \
		"ahead: " #f, f, with_ahead, without_ahead, NULL               \
	}
#define CASE(name, c)                                                          \
	{#name, run_scan_case, without_ahead, NULL, &(c)},                     \
	{                                                                      \
		"ahead: " #name, run_scan_case, with_ahead, without_ahead,     \
		    &(c)                                                       \
	}

/* NLINES lines of 64 bytes: "line NNNNNNNN" padded with dots, then LF. */
static char *
fixed_lines(size_t nlines)
{
	char *buf = malloc(nlines * 64);
	size_t i;

	assert_non_null(buf);
	for (i = 0; i < nlines; i++) {
		char *l = buf + i * 64;

		memset(l, '.', 63);
		memcpy(l, "line ", 5);
		snprintf(l + 5, 9, "%08zu", i);
		l[13] = '.';
		l[63] = '\n';
	}
	return buf;
}

/* Line I of fixed_lines(), whole or its first LEN bytes. */
static void
assert_fixed_line(const char *line, size_t len, size_t i)
{
	char want[64];

	memset(want, '.', 63);
	memcpy(want, "line ", 5);
	snprintf(want + 5, 9, "%08zu", i);
	want[13] = '.';
	assert_true(len <= 63);
	assert_memory_equal(line, want, len);
}

/*
 * Read S (over FD, of fixed_lines()) to its end, cutting the file to CUT
 * bytes once line FROM was handed out: the lines up to the new end, the
 * cut one as a last line, then the end; no error, no line from beyond the
 * new end.
 */
static void
read_through_cut(struct scan *s, int fd, off_t cut, size_t from)
{
	const char *line;
	size_t len, i = 0;
	int rc;

	while ((rc = scan_next(s, &line, &len)) == 1) {
		if (i < (size_t)cut / 64)
			assert_int_equal(len, 63);
		else
			assert_int_equal(len, 10);
		assert_fixed_line(line, len, i++);
		if (i == from)
			assert_int_equal(ftruncate(fd, cut), 0);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(i, (size_t)cut / 64 + 1);
	assert_int_equal(scan_overlong(s), 0);
	assert_int_equal(scan_next(s, &line, &len), 0);
}

/* A file cut shorter (truncate, copytruncate) while it is read, after
 * its first line (the scanner then holds the first 1 MiB). */
static void
scan_next__file_shrinks_mid_read__lines_up_to_new_end(void **state)
{
	const size_t nlines = 3 * 16384; /* 3 MiB */
	const off_t cut = 1572864 + 10;  /* 1.5 MiB and 10 bytes of a line */
	char *data = fixed_lines(nlines);
	int fd = tmp_fd(data, nlines * 64);
	struct scan *s = scan_open(fd);

	(void)state;
	read_through_cut(s, fd, cut, 1);
	assert_int_equal(scan_bytes(s), cut);
	scan_free(s);
	close(fd);
	free(data);
}

/* A piece of -j whose end was past the end of the file by the time it is
 * read (the file shrank after its size was taken): it ends early. */
static void
scan_new_range__file_shrank_below_range__ends_at_file_end(void **state)
{
	const size_t nlines = 3 * 16384;
	char *data = fixed_lines(nlines);
	int fd = tmp_fd(data, nlines * 64);
	struct scan *s;
	const char *line;
	size_t len, i = 16384;
	int rc;

	(void)state;
	assert_int_equal(ftruncate(fd, 1572864), 0);
	s = scan_new_range(fd, 16384 * 64, (int64_t)nlines * 64);
	while ((rc = scan_next(s, &line, &len)) == 1) {
		assert_int_equal(len, 63);
		assert_fixed_line(line, len, i++);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(i, 1572864 / 64);
	assert_int_equal(scan_binary(s), 0);
	scan_free(s);
	/* a piece that starts past the new end: no line at all */
	s = scan_new_range(fd, 2 * 1048576, (int64_t)nlines * 64);
	assert_int_equal(scan_next(s, &line, &len), 0);
	assert_int_equal(scan_bytes(s), 0);
	scan_free(s);
	close(fd);
	free(data);
}

/* The same for a range of a file (a piece of -j), cut to 2.5 MiB and 10
 * bytes before the 1 MiB block that holds the cut is read (what was read
 * before the cut is what the file held then). */
static void
scan_new_range__file_cut_while_read__lines_up_to_new_end(void **state)
{
	const size_t nlines = 6 * 16384;
	const off_t cut = 5 * 524288 + 10;
	char *data = fixed_lines(nlines);
	int fd;
	struct scan *s;
	size_t k, from[] = {1, 16384 + 100};

	(void)state;
	for (k = 0; k < sizeof(from) / sizeof(from[0]); k++) {
		fd = tmp_fd(data, nlines * 64);
		s = scan_new_range(fd, 0, (int64_t)nlines * 64);
		read_through_cut(s, fd, cut, from[k]);
		scan_free(s);
		close(fd);
	}
	free(data);
}

/* scan_binary(): a NUL byte in the first block read, and only there. */
static void
scan_binary__nul_in_first_block__set_once(void **state)
{
	static const char bin[] = "\x7f"
				  "ELF\x02\x01\0\0garbage\nmore\n";
	static const char text[] = "Nov 22 10:00:01 mail postfix/smtp[1]: x\n";
	const size_t nlines = 2 * 16384;
	char *data = fixed_lines(nlines);
	struct scan *s;
	const char *line;
	size_t len;
	int fd;

	(void)state;
	fd = tmp_fd(bin, sizeof(bin) - 1);
	s = scan_open(fd);
	assert_int_equal(scan_binary(s), 0); /* nothing read yet */
	while (scan_next(s, &line, &len) == 1)
		;
	assert_int_equal(scan_binary(s), 1);
	scan_free(s);
	close(fd);

	fd = tmp_fd(text, sizeof(text) - 1);
	s = scan_open(fd);
	while (scan_next(s, &line, &len) == 1)
		;
	assert_int_equal(scan_binary(s), 0);
	scan_free(s);
	close(fd);

	/* a NUL past the first 1 MiB block: a damaged log, not binary */
	data[1048576 + 100] = '\0';
	fd = tmp_fd(data, nlines * 64);
	s = scan_open(fd);
	while (scan_next(s, &line, &len) == 1)
		;
	assert_int_equal(scan_binary(s), 0);
	scan_free(s);
	/* the piece of -j that starts a file looks, the others do not */
	data[100] = '\0';
	close(fd);
	fd = tmp_fd(data, nlines * 64);
	s = scan_new_range(fd, 0, 4096);
	while (scan_next(s, &line, &len) == 1)
		;
	assert_int_equal(scan_binary(s), 1);
	scan_free(s);
	s = scan_new_range(fd, 1048576 + 64, nlines * 64);
	while (scan_next(s, &line, &len) == 1)
		;
	assert_int_equal(scan_binary(s), 0);
	scan_free(s);
	close(fd);
	free(data);
}

int
main(void)
{
	static const struct CMUnitTest tests[] =
	{ CASE(scan_next__lf_lines__returned_without_newline, case_lf),
		CASE(scan_next__crlf_lines__cr_stripped, case_crlf),
		CASE(scan_next__mixed_lf_and_crlf__all_stripped, case_mixed),
		CASE(scan_next__cr_inside_line__kept, case_inner_cr),
		CASE(scan_next__cr_cr_lf__only_last_cr_stripped, case_two_cr),
		CASE(scan_next__last_line_without_newline__returned,
		    case_no_final_nl),
		CASE(scan_next__last_line_ending_in_cr__cr_stripped,
		    case_no_final_nl_cr),
		CASE(scan_next__single_byte_no_newline__one_line,
		    case_single_no_nl),
		CASE(scan_next__empty_input__no_lines, case_empty),
		CASE(scan_next__only_newline__one_empty_line, case_only_nl),
		CASE(scan_next__only_crlf__one_empty_line, case_only_crlf),
		CASE(scan_next__empty_lines__returned_empty, case_empty_lines),
		CASE(scan_next__nul_bytes__kept_and_counted_in_length,
		    case_nul),
		BOTH(
		    scan_next__100k_line_between_short_lines__skipped_and_counted),
		BOTH(scan_next__line_of_max_len__returned_whole),
		BOTH(scan_next__line_of_max_len_with_crlf__returned_whole),
		BOTH(scan_next__line_of_max_len_plus_1__skipped),
		BOTH(scan_next__line_of_max_len_plus_1_with_crlf__skipped),
		BOTH(scan_next__3mib_line__skipped_across_refills),
		BOTH(scan_next__two_overlong_lines_in_a_row__both_counted),
		BOTH(
		    scan_next__overlong_last_line_without_newline__counted_not_returned),
		BOTH(
		    scan_next__300k_lines__all_returned_across_buffer_boundary),
		BOTH(scan_next__after_end__returns_0_again),
		BOTH(scan_next__bad_descriptor__minus_1_ebadf),
		cmocka_unit_test(scan_free__null__ignored),
		cmocka_unit_test(
		    scan_free__ahead_reader_waiting_for_input__returns),
		BOTH(scan_next__pipe_3_byte_writes__partial_lines_joined),
		BOTH(scan_next__pipe_odd_chunks_2mib__every_line_intact),
		BOTH(
		    scan_next__pipe_overlong_line_in_pieces__skipped_neighbours_intact),
		BOTH(
		    scan_next__pipe_pause_between_cr_and_lf_of_max_line__returned_whole),
		cmocka_unit_test(
		    scan_follow__file_growing__partial_line_waits_for_its_newline),
		cmocka_unit_test(
		    scan_follow__overlong_line_growing__counted_once_when_whole),
		cmocka_unit_test(
		    scan_follow__nonblocking_pipe__empty_is_not_the_end),
		BOTH(scan_next__file_shrinks_mid_read__lines_up_to_new_end),
		cmocka_unit_test(
		    scan_new_range__file_shrank_below_range__ends_at_file_end),
		cmocka_unit_test(
		    scan_new_range__file_cut_while_read__lines_up_to_new_end),
		BOTH(scan_binary__nul_in_first_block__set_once),
		BOTH(scan_next__max_crlf_line_at_each_block_end__whole),
#if HAVE_ZLIB
		BOTH(scan_next__gzip_cut_in_middle__lines_then_error),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
