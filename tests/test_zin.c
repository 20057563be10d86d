/*
 * test_zin.c - unit tests for zin.c.
 *
 * The compressed inputs are made here, with the same libraries, from a
 * log-shaped text of about 3 MiB with a random part in each line, so the
 * compressed data is larger than zin's input buffer. They are read from
 * unlinked temporary files and from pipes written in small pieces by a
 * child. Each format that is built in is checked for: a round trip with
 * large and small reads, concatenated members / streams / frames,
 * truncated data (the bytes before the cut come out, then a "truncated"
 * error) and corrupt data (a "corrupt" error), and the memory limits of
 * xz and zstd on hand-made headers. A format that is not built
 * in gets one test of its "built without" error instead (the tests are
 * chosen when compiled: cmocka's skip() is not TAP's). Plain data is
 * checked byte for byte, with magic-number prefixes that turn out plain.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
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
#if HAVE_BZIP2
#include <bzlib.h>
#endif
#if HAVE_LZMA
#include <lzma.h>
#endif
#if HAVE_ZSTD
#include <zstd.h>
#endif

#include "scan.h"
#include "zin.h"

/* 0 for the libraries configure did not find, for plain C tests. */
#ifndef HAVE_ZLIB
#define HAVE_ZLIB 0
#endif
#ifndef HAVE_BZIP2
#define HAVE_BZIP2 0
#endif
#ifndef HAVE_LZMA
#define HAVE_LZMA 0
#endif
#ifndef HAVE_ZSTD
#define HAVE_ZSTD 0
#endif
#define ANY_BUILT_IN (HAVE_ZLIB || HAVE_BZIP2 || HAVE_LZMA || HAVE_ZSTD)
#define ALL_BUILT_IN (HAVE_ZLIB && HAVE_BZIP2 && HAVE_LZMA && HAVE_ZSTD)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct buf {
	unsigned char *p;
	size_t n;
};

/* ---- inputs ------------------------------------------------------------ */

/* An unlinked temporary file holding P[0, N), at offset 0. */
static int
tmp_fd(const void *p, size_t n)
{
	char path[] = "/tmp/test_zin.XXXXXX";
	int fd = mkstemp(path);
	size_t off = 0;
	ssize_t w;

	assert_true(fd >= 0);
	unlink(path);
	while (off < n) {
		w = write(fd, (const char *)p + off, n - off);
		assert_true(w > 0);
		off += (size_t)w;
	}
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

/* A pipe a child fills with P[0, N) in pieces of CHUNK bytes, pausing
 * PAUSE_US microseconds after each; returns the read end. */
static int
pipe_fd(const void *p, size_t n, size_t chunk, long pause_us, pid_t *child)
{
	int fds[2];
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct timespec ts = {0, pause_us * 1000};
		size_t off = 0, k;
		ssize_t w;

		close(fds[0]);
		while (off < n) {
			k = n - off < chunk ? n - off : chunk;
			w = write(fds[1], (const char *)p + off, k);
			if (w <= 0)
				_exit(1);
			off += (size_t)w;
			if (pause_us > 0)
				nanosleep(&ts, NULL);
		}
		_exit(0);
	}
	close(fds[1]);
	*child = pid;
	return fds[0];
}

static void
reap(pid_t pid)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* About 3 MiB of log lines with 12 random hex digits each (a fixed
 * seed), so that no format packs it into less than zin's input buffer. */
static struct buf
log_text(void)
{
	static const char hex[] = "0123456789abcdef";
	struct buf b;
	size_t cap = 3 * 1024 * 1024 + 200, i, k;
	uint32_t seed = 12345;
	char *p = malloc(cap);
	int w;

	assert_non_null(p);
	b.n = 0;
	for (i = 0; b.n + 200 < cap; i++) {
		w = snprintf(p + b.n, cap - b.n,
		    "Nov 22 10:%02zu:%02zu mail postfix/smtp[%zu]: ",
		    i / 60 % 60, i % 60, 1000 + i % 5000);
		b.n += (size_t)w;
		for (k = 0; k < 12; k++) {
			seed = seed * 1103515245u + 12345u;
			p[b.n++] = hex[(seed >> 16) & 15];
		}
		w = snprintf(p + b.n, cap - b.n,
		    ": to=<user%zu@example.org>, relay=mx.example.org"
		    "[192.0.2.%zu]:25, status=sent (250 2.0.0 Ok)\n",
		    i % 977, i % 250);
		b.n += (size_t)w;
	}
	b.p = (unsigned char *)p;
	return b;
}

/* Everything FD gives through zin, read CHUNK bytes at a time (the first
 * read asks for at least ZIN_MAGIC_MAX). Sets *RC to the last result:
 * 0 at a clean end, -1 on error (then *MSG holds a copy of the message). */
static struct buf
read_all(int fd, size_t chunk, int *rc, char *msg, size_t msglen)
{
	struct zin *z = zin_new(fd);
	struct buf b = {NULL, 0};
	size_t cap = 0, want;
	ssize_t r;

	for (;;) {
		want =
		    b.n == 0 && chunk < ZIN_MAGIC_MAX ? ZIN_MAGIC_MAX : chunk;
		if (cap - b.n < want) {
			cap = (cap + want) * 2;
			b.p = realloc(b.p, cap);
			assert_non_null(b.p);
		}
		r = zin_read(z, b.p + b.n, want);
		if (r <= 0)
			break;
		assert_true((size_t)r <= want);
		b.n += (size_t)r;
	}
	*rc = (int)r;
	if (msg != NULL)
		snprintf(msg, msglen, "%s", r < 0 ? zin_error(z) : "");
	if (r < 0)
		/* an error stays */
		assert_int_equal(zin_read(z, b.p, want), -1);
	zin_free(z);
	return b;
}

/* ---- the formats, made with the libraries ------------------------------ */

struct fmt {
	enum zin_kind kind;
	/* compress IN into a new buffer; NULL when not built in */
	struct buf (*pack)(struct buf in);
};

#if HAVE_ZLIB
static struct buf
pack_gzip(struct buf in)
{
	struct buf out;
	z_stream s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8,
			     Z_DEFAULT_STRATEGY),
	    Z_OK);
	out.n = deflateBound(&s, (uLong)in.n);
	out.p = malloc(out.n);
	assert_non_null(out.p);
	s.next_in = in.p;
	s.avail_in = (uInt)in.n;
	s.next_out = out.p;
	s.avail_out = (uInt)out.n;
	assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
	out.n = s.total_out;
	deflateEnd(&s);
	return out;
}
#endif

#if HAVE_BZIP2
static struct buf
pack_bzip2(struct buf in)
{
	struct buf out;
	unsigned len = (unsigned)(in.n + in.n / 100 + 600);

	out.p = malloc(len);
	assert_non_null(out.p);
	assert_int_equal(BZ2_bzBuffToBuffCompress((char *)out.p, &len,
			     (char *)in.p, (unsigned)in.n, 9, 0, 0),
	    BZ_OK);
	out.n = len;
	return out;
}
#endif

#if HAVE_LZMA
/* Two blocks: a full flush in the middle. */
static struct buf
pack_xz(struct buf in)
{
	lzma_stream s = LZMA_STREAM_INIT;
	struct buf out;
	lzma_ret rc;

	out.n = lzma_stream_buffer_bound(in.n) + 1024;
	out.p = malloc(out.n);
	assert_non_null(out.p);
	assert_int_equal(lzma_easy_encoder(&s, 1, LZMA_CHECK_CRC64), LZMA_OK);
	s.next_out = out.p;
	s.avail_out = out.n;
	s.next_in = in.p;
	s.avail_in = in.n / 2;
	do
		rc = lzma_code(&s, LZMA_FULL_FLUSH);
	while (rc == LZMA_OK);
	assert_int_equal(rc, LZMA_STREAM_END);
	s.avail_in = in.n - in.n / 2;
	do
		rc = lzma_code(&s, LZMA_FINISH);
	while (rc == LZMA_OK);
	assert_int_equal(rc, LZMA_STREAM_END);
	out.n = (size_t)s.total_out;
	lzma_end(&s);
	return out;
}
#endif

#if HAVE_ZSTD
/* With a checksum, as the zstd tool writes by default. */
static struct buf
pack_zstd(struct buf in)
{
	ZSTD_CCtx *c = ZSTD_createCCtx();
	struct buf out;
	size_t r;

	assert_non_null(c);
	ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
	out.n = ZSTD_compressBound(in.n);
	out.p = malloc(out.n);
	assert_non_null(out.p);
	r = ZSTD_compress2(c, out.p, out.n, in.p, in.n);
	assert_false(ZSTD_isError(r));
	out.n = r;
	ZSTD_freeCCtx(c);
	return out;
}
#endif

static const struct fmt fmt_gzip = {ZIN_GZIP,
#if HAVE_ZLIB
    pack_gzip
#else
    NULL
#endif
};
static const struct fmt fmt_bzip2 = {ZIN_BZIP2,
#if HAVE_BZIP2
    pack_bzip2
#else
    NULL
#endif
};
static const struct fmt fmt_xz = {ZIN_XZ,
#if HAVE_LZMA
    pack_xz
#else
    NULL
#endif
};
static const struct fmt fmt_zstd = {ZIN_ZSTD,
#if HAVE_ZSTD
    pack_zstd
#else
    NULL
#endif
};

#if ANY_BUILT_IN
/* The format of this test; it is only run when built in. */
static const struct fmt *
fmt_of(void **state)
{
	const struct fmt *f = *state;

	assert_non_null(f->pack);
	return f;
}

/* Concatenate A and B into a new buffer. */
static struct buf
join(struct buf a, struct buf b)
{
	struct buf c;

	c.n = a.n + b.n;
	c.p = malloc(c.n);
	assert_non_null(c.p);
	memcpy(c.p, a.p, a.n);
	memcpy(c.p + a.n, b.p, b.n);
	return c;
}

#endif

/* ---- zin_sniff --------------------------------------------------------- */

static void
zin_sniff__magic_numbers__their_format(void **state)
{
	static const struct {
		const char *p;
		size_t n;
		enum zin_kind k;
	} cases[] = {
	    {"\x1f\x8b\x08\x00", 4, ZIN_GZIP},
	    {"\x1f\x8b", 2, ZIN_GZIP},
	    {"BZh91AY&SY", 10, ZIN_BZIP2},
	    {"BZh1", 4, ZIN_BZIP2},
	    {"\xfd"
	     "7zXZ\0\0\0",
		8, ZIN_XZ},
	    {"\x28\xb5\x2f\xfd\x04", 5, ZIN_ZSTD},
	    {"\x50\x2a\x4d\x18", 4, ZIN_ZSTD},
	    {"\x5f\x2a\x4d\x18", 4, ZIN_ZSTD},
	    {"Nov 22 10:00:01 mail", 20, ZIN_PLAIN},
	    {"BZh0", 4, ZIN_PLAIN}, /* no block size 0 */
	    {"BZhx", 4, ZIN_PLAIN},
	    {"\x1f\x8c", 2, ZIN_PLAIN},
	    {"\xfd"
	     "7zXZ\1",
		6, ZIN_PLAIN},
	    {"\x28\xb5\x2f\xfe", 4, ZIN_PLAIN},
	    {"\x60\x2a\x4d\x18", 4, ZIN_PLAIN},
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(zin_sniff(cases[i].p, cases[i].n, 0),
		    cases[i].k);
		assert_int_equal(zin_sniff(cases[i].p, cases[i].n, 1),
		    cases[i].k);
	}
}

static void
zin_sniff__prefix_of_a_magic__more_or_plain_at_eof(void **state)
{
	static const struct {
		const char *p;
		size_t n;
	} cases[] = {
	    {"", 0},
	    {"\x1f", 1},
	    {"B", 1},
	    {"BZ", 2},
	    {"BZh", 3},
	    {"\xfd"
	     "7zX",
		4},
	    {"\xfd"
	     "7zXZ",
		5},
	    {"\x28\xb5\x2f", 3},
	    {"\x55\x2a", 2},
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(zin_sniff(cases[i].p, cases[i].n, 0),
		    ZIN_MORE);
		assert_int_equal(zin_sniff(cases[i].p, cases[i].n, 1),
		    ZIN_PLAIN);
	}
	/* one byte that begins no magic is plain at once */
	assert_int_equal(zin_sniff("N", 1, 0), ZIN_PLAIN);
	assert_int_equal(zin_sniff("Bx", 2, 0), ZIN_PLAIN);
}

static void
zin_kind_name__every_kind__named_with_its_library(void **state)
{
	(void)state;
	assert_string_equal(zin_kind_name(ZIN_GZIP), "gzip");
	assert_string_equal(zin_kind_lib(ZIN_GZIP), "zlib");
	assert_string_equal(zin_kind_name(ZIN_BZIP2), "bzip2");
	assert_string_equal(zin_kind_lib(ZIN_BZIP2), "libbz2");
	assert_string_equal(zin_kind_name(ZIN_XZ), "xz");
	assert_string_equal(zin_kind_lib(ZIN_XZ), "liblzma");
	assert_string_equal(zin_kind_name(ZIN_ZSTD), "zstd");
	assert_string_equal(zin_kind_lib(ZIN_ZSTD), "libzstd");
	assert_string_equal(zin_kind_name(ZIN_PLAIN), "plain");
	assert_int_equal(zin_kind_builtin(ZIN_PLAIN), 1);
}

static void
zin_builtin__this_build__lists_what_configure_found(void **state)
{
	char want[64] = "";

	(void)state;
#if HAVE_ZLIB
	strcat(want, " gzip");
#endif
#if HAVE_BZIP2
	strcat(want, " bzip2");
#endif
#if HAVE_LZMA
	strcat(want, " xz");
#endif
#if HAVE_ZSTD
	strcat(want, " zstd");
#endif
	assert_string_equal(zin_builtin(), want[0] ? want + 1 : "none");
	assert_int_equal(zin_kind_builtin(ZIN_GZIP), HAVE_ZLIB);
	assert_int_equal(zin_kind_builtin(ZIN_BZIP2), HAVE_BZIP2);
	assert_int_equal(zin_kind_builtin(ZIN_XZ), HAVE_LZMA);
	assert_int_equal(zin_kind_builtin(ZIN_ZSTD), HAVE_ZSTD);
}

/* ---- plain input ------------------------------------------------------- */

static void
zin_read__plain_file__same_bytes_and_kind_plain(void **state)
{
	struct buf in = log_text(), out;
	int fd = tmp_fd(in.p, in.n), rc;
	struct zin *z;
	char first[64];

	(void)state;
	out = read_all(fd, 1024 * 1024, &rc, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, in.n);
	assert_memory_equal(out.p, in.p, in.n);
	free(out.p);
	/* the kind is known after the first read */
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	z = zin_new(fd);
	assert_int_equal(zin_kind(z), ZIN_MORE);
	assert_int_equal(zin_read(z, first, sizeof(first)), sizeof(first));
	assert_int_equal(zin_kind(z), ZIN_PLAIN);
	assert_memory_equal(first, in.p, sizeof(first));
	zin_free(z);
	close(fd);
	free(in.p);
}

/* Plain data whose first bytes begin a magic number, arriving one byte at
 * a time: zin waits for enough bytes, then hands them all over. */
static void
zin_read__plain_pipe_starting_like_a_magic__same_bytes(void **state)
{
	static const char *const inputs[] = {"BZh-not-bzip2\nline 2\n",
	    "\x1f"
	    "a\n",
	    "\xfd"
	    "7zXZ\x01 not xz\n",
	    "B", "\x28\xb5\x2f"};
	struct buf out;
	size_t i, n;
	pid_t child;
	int fd, rc;

	(void)state;
	for (i = 0; i < NELEM(inputs); i++) {
		n = strlen(inputs[i]);
		fd = pipe_fd(inputs[i], n, 1, 2000, &child);
		out = read_all(fd, 4096, &rc, NULL, 0);
		assert_int_equal(rc, 0);
		assert_int_equal(out.n, n);
		assert_memory_equal(out.p, inputs[i], n);
		free(out.p);
		close(fd);
		reap(child);
	}
}

static void
zin_read__empty_input__end_at_once(void **state)
{
	int fd = tmp_fd("", 0), rc;
	struct buf out = read_all(fd, 4096, &rc, NULL, 0);

	(void)state;
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, 0);
	free(out.p);
	close(fd);
}

static void
zin_read__first_read_smaller_than_a_magic__einval(void **state)
{
	int fd = tmp_fd("abcdefgh", 8);
	struct zin *z = zin_new(fd);
	char b[ZIN_MAGIC_MAX];

	(void)state;
	assert_int_equal(zin_read(z, b, ZIN_MAGIC_MAX - 1), -1);
	assert_int_equal(errno, EINVAL);
	assert_string_equal(zin_error(z), strerror(EINVAL));
	zin_free(z);
	close(fd);
}

static void
zin_read__bad_descriptor__minus_1_with_strerror(void **state)
{
	struct zin *z = zin_new(-1);
	char b[64];

	(void)state;
	assert_int_equal(zin_read(z, b, sizeof(b)), -1);
	assert_int_equal(errno, EBADF);
	assert_string_equal(zin_error(z), strerror(EBADF));
	zin_free(z);
}

static void
zin_free__null__ignored(void **state)
{
	(void)state;
	zin_free(NULL);
}

/* ---- compressed input, per format -------------------------------------- */
#if ANY_BUILT_IN

static void
zin_read__file__round_trip_with_large_and_small_reads(void **state)
{
	const struct fmt *f = fmt_of(state);
	struct buf in = log_text(), packed = f->pack(in), out;
	int fd = tmp_fd(packed.p, packed.n), rc;
	struct zin *z;
	char b[16];

	assert_true(packed.n > ZIN_INBUF);
	out = read_all(fd, 1024 * 1024, &rc, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, in.n);
	assert_memory_equal(out.p, in.p, in.n);
	free(out.p);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	out = read_all(fd, 1000, &rc, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, in.n);
	assert_memory_equal(out.p, in.p, in.n);
	free(out.p);
	/* the kind, and that the file is not plain for -j */
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	z = zin_new(fd);
	assert_true(zin_read(z, b, sizeof(b)) > 0);
	assert_int_equal(zin_kind(z), f->kind);
	zin_free(z);
	assert_int_equal(zin_fd_is_plain(fd), 0);
	close(fd);
	free(in.p);
	free(packed.p);
}

static void
zin_read__pipe_in_odd_pieces__round_trip(void **state)
{
	const struct fmt *f = fmt_of(state);
	struct buf in = log_text(), packed = f->pack(in), out;
	pid_t child;
	int fd = pipe_fd(packed.p, packed.n, 4093, 0, &child), rc;

	out = read_all(fd, 65536, &rc, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, in.n);
	assert_memory_equal(out.p, in.p, in.n);
	free(out.p);
	close(fd);
	reap(child);
	/* only the first 3 bytes, one at a time */
	fd = pipe_fd(packed.p, 3, 1, 1000, &child);
	out = read_all(fd, 65536, &rc, NULL, 0);
	if (f->kind == ZIN_GZIP) {
		/* 2 bytes are its magic number: a truncated member */
		assert_int_equal(rc, -1);
	} else {
		/* too short to be told from text */
		assert_int_equal(rc, 0);
		assert_int_equal(out.n, 3);
	}
	free(out.p);
	close(fd);
	reap(child);
	free(in.p);
	free(packed.p);
}

/* Two compressed pieces one after the other read as one text, as gzip -c
 * a b, cat x.bz2 y.bz2, xz and zstd concatenations do. */
static void
zin_read__concatenated__both_parts_in_order(void **state)
{
	const struct fmt *f = fmt_of(state);
	static const char second[] = "Nov 22 11:00:00 mail postfix/smtp[9]: "
				     "the second part\n";
	struct buf in = log_text(), a,
		   b = {(unsigned char *)second, sizeof(second) - 1}, pa, pb,
		   both, want, out;
	int fd, rc;

	a.p = in.p;
	a.n = in.n / 3;
	pa = f->pack(a);
	pb = f->pack(b);
	both = join(pa, pb);
	want = join(a, b);
	fd = tmp_fd(both.p, both.n);
	out = read_all(fd, 1024 * 1024, &rc, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, want.n);
	assert_memory_equal(out.p, want.p, want.n);
	free(out.p);
	close(fd);
	free(both.p);
	free(want.p);
	free(pa.p);
	free(pb.p);
	free(in.p);
}

/* A compressed empty text is an empty input, not an error. */
static void
zin_read__compressed_empty_text__end_without_error(void **state)
{
	const struct fmt *f = fmt_of(state);
	struct buf empty = {(unsigned char *)"", 0}, packed = f->pack(empty),
		   out;
	int fd = tmp_fd(packed.p, packed.n), rc;

	out = read_all(fd, 4096, &rc, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, 0);
	free(out.p);
	close(fd);
	free(packed.p);
}

static void
zin_read__truncated__bytes_before_the_cut_then_error(void **state)
{
	const struct fmt *f = fmt_of(state);
	struct buf in = log_text(), packed = f->pack(in), out;
	int fd = tmp_fd(packed.p, packed.n / 2), rc;
	char msg[256], want[64];

	out = read_all(fd, 1024 * 1024, &rc, msg, sizeof(msg));
	assert_int_equal(rc, -1);
	assert_true(out.n > 0);
	assert_true(out.n < in.n);
	assert_memory_equal(out.p, in.p, out.n);
	snprintf(want, sizeof(want), "truncated %s data",
	    zin_kind_name(f->kind));
	assert_non_null(strstr(msg, want));
	free(out.p);
	close(fd);
	free(in.p);
	free(packed.p);
}

static void
zin_read__corrupt__error_named_corrupt(void **state)
{
	const struct fmt *f = fmt_of(state);
	struct buf in = log_text(), packed = f->pack(in), out;
	int fd, rc;
	char msg[256], want[64];
	size_t i;

	/* overwrite a stretch in the middle of the compressed data */
	for (i = packed.n / 2; i < packed.n / 2 + 64; i++)
		packed.p[i] ^= 0x5a;
	fd = tmp_fd(packed.p, packed.n);
	out = read_all(fd, 1024 * 1024, &rc, msg, sizeof(msg));
	assert_int_equal(rc, -1);
	assert_true(out.n < in.n || memcmp(out.p, in.p, in.n) != 0);
	snprintf(want, sizeof(want), "corrupt %s data", zin_kind_name(f->kind));
	assert_non_null(strstr(msg, want));
	free(out.p);
	close(fd);
	free(in.p);
	free(packed.p);
}

/* Garbage after a complete stream is an error, not silently dropped. */
static void
zin_read__garbage_after_the_data__corrupt(void **state)
{
	const struct fmt *f = fmt_of(state);
	struct buf text = {(unsigned char *)"one line\n", 9},
		   packed = f->pack(text),
		   junk = {(unsigned char *)"GARBAGE GARBAGE\n", 16},
		   both = join(packed, junk), out;
	int fd = tmp_fd(both.p, both.n), rc;
	char msg[256], want[64];

	out = read_all(fd, 4096, &rc, msg, sizeof(msg));
	assert_int_equal(rc, -1);
	assert_int_equal(out.n, 9);
	assert_memory_equal(out.p, "one line\n", 9);
	snprintf(want, sizeof(want), "corrupt %s data", zin_kind_name(f->kind));
	assert_non_null(strstr(msg, want));
	free(out.p);
	close(fd);
	free(packed.p);
	free(both.p);
}

#endif /* ANY_BUILT_IN */

#if !ALL_BUILT_IN
/* A format this build has no library for: one clear error, at once. */
static void
zin_read__not_built_in__error_names_the_library(void **state)
{
	const struct fmt *f = *state;
	/* the magic number and a few bytes more */
	static const unsigned char heads[][6] = {
	    [ZIN_GZIP] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00},
	    [ZIN_BZIP2] = {'B', 'Z', 'h', '9', '1', 'A'},
	    [ZIN_XZ] = {0xfd, '7', 'z', 'X', 'Z', 0x00},
	    [ZIN_ZSTD] = {0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x00},
	};
	char b[64], want[128];
	int fd = tmp_fd(heads[f->kind], sizeof(heads[f->kind]));
	struct zin *z = zin_new(fd);

	assert_null(f->pack);
	assert_int_equal(zin_read(z, b, sizeof(b)), -1);
	snprintf(want, sizeof(want),
	    "%s-compressed, but this smtplog was built without %s",
	    zin_kind_name(f->kind), zin_kind_lib(f->kind));
	assert_string_equal(zin_error(z), want);
	assert_int_equal(zin_read(z, b, sizeof(b)), -1);
	zin_free(z);
	close(fd);
}
#endif

#if HAVE_LZMA
/* An xz block that asks for a 1 GiB dictionary: refused by the memory
 * limit, not allocated. The dictionary size is one byte of the LZMA2
 * filter properties in the block header (then its CRC32 is fixed). */
static void
zin_read__xz_asking_for_1gib__memory_limit_error(void **state)
{
	struct buf in = {(unsigned char *)"a line\n", 7};
	struct buf packed = pack_xz(in);
	unsigned char *h = packed.p + 12; /* the first block header */
	size_t hsize = ((size_t)h[0] + 1) * 4, i;
	uint32_t crc;
	char msg[256];
	int fd, rc;
	struct buf out;

	(void)state;
	for (i = 2; i + 2 < hsize - 4; i++)
		if (h[i] == 0x21 && h[i + 1] == 0x01) /* LZMA2, 1 byte */
			break;
	assert_true(i + 2 < hsize - 4);
	h[i + 2] = 36; /* 2 << (36 / 2 + 11): 1 GiB */
	crc = lzma_crc32(h, hsize - 4, 0);
	h[hsize - 4] = crc & 0xff;
	h[hsize - 3] = (crc >> 8) & 0xff;
	h[hsize - 2] = (crc >> 16) & 0xff;
	h[hsize - 1] = (crc >> 24) & 0xff;
	fd = tmp_fd(packed.p, packed.n);
	out = read_all(fd, 4096, &rc, msg, sizeof(msg));
	assert_int_equal(rc, -1);
	assert_int_equal(out.n, 0);
	assert_string_equal(msg,
	    "xz data needs more than 256 MiB of memory to decompress");
	free(out.p);
	close(fd);
	free(packed.p);
}
#endif

#if HAVE_ZSTD
/* A frame written by hand: no content size, so the window descriptor
 * (exponent << 3: 2^(10 + exponent) bytes) decides; one raw block. */
static void
zin_read__zstd_window_over_128mib__refused_not_allocated(void **state)
{
	unsigned char frame[] = {0x28, 0xb5, 0x2f, 0xfd, 0x00, 0,
	    /* last block, raw, 7 bytes */
	    0x39, 0x00, 0x00, 'a', ' ', 'l', 'i', 'n', 'e', '\n'};
	struct buf out;
	char msg[256];
	int fd, rc;

	(void)state;
	frame[5] = 17 << 3; /* 128 MiB: the limit, still read */
	fd = tmp_fd(frame, sizeof(frame));
	out = read_all(fd, 4096, &rc, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, 7);
	assert_memory_equal(out.p, "a line\n", 7);
	free(out.p);
	close(fd);
	frame[5] = 18 << 3; /* 256 MiB */
	fd = tmp_fd(frame, sizeof(frame));
	out = read_all(fd, 4096, &rc, msg, sizeof(msg));
	assert_int_equal(rc, -1);
	assert_int_equal(out.n, 0);
	assert_string_equal(msg,
	    "zstd data needs a window of more than 128 MiB to decompress");
	free(out.p);
	close(fd);
}

/* pzstd starts with a skippable frame: still zstd, and skipped. */
static void
zin_read__zstd_skippable_frame_first__skipped(void **state)
{
	static const unsigned char skippable[] = {0x50, 0x2a, 0x4d, 0x18, 4, 0,
	    0, 0, 'x', 'x', 'x', 'x'};
	struct buf text = {(unsigned char *)"a line\n", 7},
		   sk = {(unsigned char *)skippable, sizeof(skippable)},
		   packed = pack_zstd(text), both = join(sk, packed), out;
	int fd = tmp_fd(both.p, both.n), rc;

	(void)state;
	out = read_all(fd, 4096, &rc, NULL, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(out.n, 7);
	assert_memory_equal(out.p, "a line\n", 7);
	free(out.p);
	close(fd);
	free(packed.p);
	free(both.p);
}
#endif

/* ---- through the scanner ----------------------------------------------- */

#if HAVE_ZLIB
/* scan_new reads a gzip file line by line; scan_bytes counts the text. */
static void
scan_next__gzip_file__the_lines_of_the_text(void **state)
{
	struct buf in = log_text(), packed = pack_gzip(in);
	int fd = tmp_fd(packed.p, packed.n);
	struct scan *s = scan_new(fd);
	const char *line;
	size_t len, lines = 0, off = 0;

	(void)state;
	while (scan_next(s, &line, &len) == 1) {
		assert_memory_equal(line, in.p + off, len);
		assert_int_equal(in.p[off + len], '\n');
		off += len + 1;
		lines++;
	}
	assert_int_equal(off, in.n);
	assert_int_equal(scan_bytes(s), in.n);
	assert_true(lines > 10000);
	scan_free(s);
	close(fd);
	free(in.p);
	free(packed.p);
}

/* A truncated file: the whole lines before the cut, then -1 and the
 * message. */
static void
scan_next__truncated_gzip__lines_then_error(void **state)
{
	struct buf in = log_text(), packed = pack_gzip(in);
	int fd = tmp_fd(packed.p, packed.n / 2);
	struct scan *s = scan_new(fd);
	const char *line;
	size_t len, lines = 0;
	int rc;

	(void)state;
	while ((rc = scan_next(s, &line, &len)) == 1)
		lines++;
	assert_int_equal(rc, -1);
	assert_true(lines > 1000);
	assert_non_null(strstr(scan_error(s), "truncated gzip data"));
	scan_free(s);
	close(fd);
	free(in.p);
	free(packed.p);
}
#endif

#define FMT_TEST(fn, f)                                                        \
	{                                                                      \
#fn "__" #f, fn, NULL, NULL, (void *)&fmt_##f                  \
	}
/* FN for each format built in; MISSING(FN) for each one left out. */
#if HAVE_ZLIB
#define GZIP_TEST(fn) FMT_TEST(fn, gzip),
#define GZIP_MISSING(fn)
#else
#define GZIP_TEST(fn)
#define GZIP_MISSING(fn) FMT_TEST(fn, gzip),
#endif
#if HAVE_BZIP2
#define BZIP2_TEST(fn) FMT_TEST(fn, bzip2),
#define BZIP2_MISSING(fn)
#else
#define BZIP2_TEST(fn)
#define BZIP2_MISSING(fn) FMT_TEST(fn, bzip2),
#endif
#if HAVE_LZMA
#define XZ_TEST(fn) FMT_TEST(fn, xz),
#define XZ_MISSING(fn)
#else
#define XZ_TEST(fn)
#define XZ_MISSING(fn) FMT_TEST(fn, xz),
#endif
#if HAVE_ZSTD
#define ZSTD_TEST(fn) FMT_TEST(fn, zstd),
#define ZSTD_MISSING(fn)
#else
#define ZSTD_TEST(fn)
#define ZSTD_MISSING(fn) FMT_TEST(fn, zstd),
#endif
#define FMT_TESTS(fn) GZIP_TEST(fn) BZIP2_TEST(fn) XZ_TEST(fn) ZSTD_TEST(fn)
#define MISSING_TESTS(fn)                                                      \
	GZIP_MISSING(fn) BZIP2_MISSING(fn) XZ_MISSING(fn) ZSTD_MISSING(fn)

int
main(void)
{
	/* the per-format macros end in their own comma: laid out by hand */
	/* clang-format off */
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(zin_sniff__magic_numbers__their_format),
	    cmocka_unit_test(zin_sniff__prefix_of_a_magic__more_or_plain_at_eof),
	    cmocka_unit_test(zin_kind_name__every_kind__named_with_its_library),
	    cmocka_unit_test(zin_builtin__this_build__lists_what_configure_found),
	    cmocka_unit_test(zin_read__plain_file__same_bytes_and_kind_plain),
	    cmocka_unit_test(
		zin_read__plain_pipe_starting_like_a_magic__same_bytes),
	    cmocka_unit_test(zin_read__empty_input__end_at_once),
	    cmocka_unit_test(zin_read__first_read_smaller_than_a_magic__einval),
	    cmocka_unit_test(zin_read__bad_descriptor__minus_1_with_strerror),
	    cmocka_unit_test(zin_free__null__ignored),
	    FMT_TESTS(zin_read__file__round_trip_with_large_and_small_reads)
	    FMT_TESTS(zin_read__pipe_in_odd_pieces__round_trip)
	    FMT_TESTS(zin_read__concatenated__both_parts_in_order)
	    FMT_TESTS(zin_read__compressed_empty_text__end_without_error)
	    FMT_TESTS(zin_read__truncated__bytes_before_the_cut_then_error)
	    FMT_TESTS(zin_read__corrupt__error_named_corrupt)
	    FMT_TESTS(zin_read__garbage_after_the_data__corrupt)
	    MISSING_TESTS(zin_read__not_built_in__error_names_the_library)
#if HAVE_LZMA
	    cmocka_unit_test(zin_read__xz_asking_for_1gib__memory_limit_error),
#endif
#if HAVE_ZSTD
	    cmocka_unit_test(zin_read__zstd_skippable_frame_first__skipped),
	    cmocka_unit_test(
		zin_read__zstd_window_over_128mib__refused_not_allocated),
#endif
#if HAVE_ZLIB
	    cmocka_unit_test(scan_next__gzip_file__the_lines_of_the_text),
	    cmocka_unit_test(scan_next__truncated_gzip__lines_then_error),
#endif
	};
	/* clang-format on */

	return cmocka_run_group_tests(tests, NULL, NULL);
}
