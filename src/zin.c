/*
 * zin.c - read an input that may be compressed, as if it were not.
 *
 * SYNOPSIS
 *	z = zin_new(fd);
 *	n = zin_read(z, buf, len)     decompressed bytes, 0 at the end, -1
 *	zin_error(z)                  the reason of the last -1
 *	zin_free(z);
 *
 * DESCRIPTION
 *	The first zin_read() reads straight into the caller's buffer, as
 *	many times as it takes to tell the format from the first bytes
 *	(zin_sniff). Plain data is returned as it is, and every later call
 *	is one read(2) into the caller's buffer: the plain path costs one
 *	function call per block. Compressed data is moved into an input
 *	buffer of our own, and from then on each call decodes into the
 *	caller's buffer with the codec of its format.
 *
 *	A codec is a struct of three functions (init, step, end) in a table
 *	that holds only the libraries configure found. step() decodes what
 *	the input buffer holds into the caller's buffer and sets "complete"
 *	when every stream begun so far has ended; zin_decode() refills the
 *	input and decides what the end of the input means: the clean end
 *	after a complete stream, or truncated data in the middle of one.
 *	A gzip member or bzip2 stream that ends with input left begins the
 *	next one (concatenated files); xz (LZMA_CONCATENATED) and zstd read
 *	theirs without help.
 *
 * OWNERSHIP
 *	The reader owns its input buffer, the decoder state and the message
 *	zin_error() returns; zin_free() releases them. The descriptor stays
 *	the caller's.
 *
 * DIAGNOSTICS
 *	Into the reader's message, in words: strerror() of a read error,
 *	"corrupt FORMAT data: DETAIL", "truncated FORMAT data (...)", and
 *	"FORMAT-compressed, but this smtplog was built without LIBRARY".
 *	A decoder that runs out of memory is fatal, as for xmalloc().
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
#include <zstd_errors.h>
#endif

#include "i18n.h"
#include "util.h"
#include "zin.h"

struct zin;

/* One decoder: the library calls for one format. */
struct zin_codec {
	enum zin_kind kind;
	/* Start decoding; 0, or -1 with the message set. */
	int (*init)(struct zin *z);
	/* Decode in[in_pos, in_len) into OUT[0, N): moves in_pos, sets *GOT
	 * and z->complete; 0, or -1 with the message set. */
	int (*step)(struct zin *z, unsigned char *out, size_t n, size_t *got);
	void (*end)(struct zin *z);
};

struct zin {
	int fd;
	enum zin_kind kind; /* ZIN_MORE until the first read */
	const struct zin_codec *codec;
	unsigned char *in; /* compressed bytes read and not yet decoded */
	size_t in_pos, in_len, in_cap;
	int in_eof;   /* read(2) returned 0 */
	int complete; /* every stream begun has ended (none begun: 0) */
	int live;     /* the decoder state must be ended */
	int failed;   /* an error was found; every call returns -1 */
	int errnum;
	char msg[256];
	union {
#if HAVE_ZLIB
		z_stream gz;
#endif
#if HAVE_BZIP2
		bz_stream bz;
#endif
#if HAVE_LZMA
		lzma_stream xz;
#endif
#if HAVE_ZSTD
		ZSTD_DStream *zs;
#endif
		int none;
	} u;
};

/* The magic numbers: byte I of a match lies in [lo[I], hi[I]]. */
static const struct zin_magic {
	enum zin_kind kind;
	size_t len;
	unsigned char lo[ZIN_MAGIC_MAX], hi[ZIN_MAGIC_MAX];
} zin_magics[] = {
    {ZIN_GZIP, 2, {0x1f, 0x8b}, {0x1f, 0x8b}},
    /* "BZh" and the block size digit */
    {ZIN_BZIP2, 4, {'B', 'Z', 'h', '1'}, {'B', 'Z', 'h', '9'}},
    {ZIN_XZ, 6, {0xfd, '7', 'z', 'X', 'Z', 0x00},
	{0xfd, '7', 'z', 'X', 'Z', 0x00}},
    {ZIN_ZSTD, 4, {0x28, 0xb5, 0x2f, 0xfd}, {0x28, 0xb5, 0x2f, 0xfd}},
    /* a zstd skippable frame first (pzstd writes one) */
    {ZIN_ZSTD, 4, {0x50, 0x2a, 0x4d, 0x18}, {0x5f, 0x2a, 0x4d, 0x18}},
};

static const char *const zin_names[] = {"plain", "gzip", "bzip2", "xz", "zstd"};
static const char *const zin_libs[] = {"", "zlib", "libbz2", "liblzma",
    "libzstd"};

static int
zin_fail(struct zin *z, int errnum, const char *fmt, ...) UTIL_PRINTF(3, 4);

/* Remember an error: ERRNUM for errno, and FMT's text, or strerror's. */
static int
zin_fail(struct zin *z, int errnum, const char *fmt, ...)
{
	va_list ap;

	z->failed = 1;
	z->errnum = errnum;
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(z->msg, sizeof(z->msg), fmt, ap);
		va_end(ap);
	} else
		snprintf(z->msg, sizeof(z->msg), "%s", strerror(errnum));
	errno = errnum;
	return -1;
}

/* Data the decoder refused; DETAIL (the library's words) may be NULL. */
static int
zin_corrupt(struct zin *z, const char *detail)
{
	if (detail == NULL)
		return zin_fail(z, EILSEQ, _("corrupt %s data"),
		    zin_names[z->kind]);
	return zin_fail(z, EILSEQ, _("corrupt %s data: %s"), zin_names[z->kind],
	    detail);
}

#if HAVE_ZLIB || HAVE_BZIP2 || HAVE_LZMA || HAVE_ZSTD
/* A decoder without memory: as fatal as for xmalloc(). */
static void UTIL_NORETURN
zin_oom(void)
{
	util_fatal("out of memory");
}
#endif

/* ---- gzip (zlib) ------------------------------------------------------ */
#if HAVE_ZLIB
static int
zin_gz_init(struct zin *z)
{
	int rc;

	memset(&z->u.gz, 0, sizeof(z->u.gz));
	/* 15 + 16: the largest window, gzip wrapper only */
	rc = inflateInit2(&z->u.gz, 15 + 16);
	if (rc == Z_MEM_ERROR)
		zin_oom();
	if (rc != Z_OK)
		return zin_corrupt(z, z->u.gz.msg);
	return 0;
}

static int
zin_gz_step(struct zin *z, unsigned char *out, size_t n, size_t *got)
{
	z_stream *s = &z->u.gz;
	int rc;

	if (z->complete) {
		if (z->in_pos == z->in_len)
			return 0;
		/* input after the end of a member: the next member */
		if (inflateReset(s) != Z_OK)
			return zin_corrupt(z, NULL);
		z->complete = 0;
	}
	s->next_in = z->in + z->in_pos;
	s->avail_in = (uInt)(z->in_len - z->in_pos);
	s->next_out = out;
	s->avail_out = n > UINT_MAX ? UINT_MAX : (uInt)n;
	rc = inflate(s, Z_NO_FLUSH);
	z->in_pos = (size_t)(s->next_in - z->in);
	*got = (size_t)(s->next_out - out);
	switch (rc) {
	case Z_STREAM_END:
		z->complete = 1;
		return 0;
	case Z_OK:
	case Z_BUF_ERROR: /* no progress: zin_decode decides */
		return 0;
	case Z_MEM_ERROR:
		zin_oom();
	default:
		return zin_corrupt(z, s->msg);
	}
}

static void
zin_gz_end(struct zin *z)
{
	inflateEnd(&z->u.gz);
}
#endif

/* ---- bzip2 (libbz2) --------------------------------------------------- */
#if HAVE_BZIP2
static int
zin_bz_init(struct zin *z)
{
	int rc;

	memset(&z->u.bz, 0, sizeof(z->u.bz));
	rc = BZ2_bzDecompressInit(&z->u.bz, 0, 0);
	if (rc == BZ_MEM_ERROR)
		zin_oom();
	if (rc != BZ_OK)
		return zin_corrupt(z, NULL);
	return 0;
}

static int
zin_bz_step(struct zin *z, unsigned char *out, size_t n, size_t *got)
{
	bz_stream *s = &z->u.bz;
	int rc;

	if (z->complete) {
		if (z->in_pos == z->in_len)
			return 0;
		/* input after the end of a stream: the next stream */
		BZ2_bzDecompressEnd(s);
		z->live = 0;
		if (zin_bz_init(z) < 0)
			return -1;
		z->live = 1;
		z->complete = 0;
	}
	s->next_in = (char *)(z->in + z->in_pos);
	s->avail_in = (unsigned)(z->in_len - z->in_pos);
	s->next_out = (char *)out;
	s->avail_out = n > UINT_MAX ? UINT_MAX : (unsigned)n;
	rc = BZ2_bzDecompress(s);
	z->in_pos = (size_t)((unsigned char *)s->next_in - z->in);
	*got = (size_t)((unsigned char *)s->next_out - out);
	switch (rc) {
	case BZ_STREAM_END:
		z->complete = 1;
		return 0;
	case BZ_OK:
		return 0;
	case BZ_MEM_ERROR:
		zin_oom();
	case BZ_DATA_ERROR_MAGIC:
		return zin_corrupt(z, _("bad stream header"));
	case BZ_DATA_ERROR:
		return zin_corrupt(z, _("bad block or checksum"));
	default:
		return zin_corrupt(z, NULL);
	}
}

static void
zin_bz_end(struct zin *z)
{
	BZ2_bzDecompressEnd(&z->u.bz);
}
#endif

/* ---- xz (liblzma) ----------------------------------------------------- */
#if HAVE_LZMA
static int
zin_xz_init(struct zin *z)
{
	const lzma_stream init = LZMA_STREAM_INIT;
	lzma_ret rc;

	z->u.xz = init;
	rc = lzma_stream_decoder(&z->u.xz, ZIN_XZ_MEMLIMIT, LZMA_CONCATENATED);
	if (rc == LZMA_MEM_ERROR)
		zin_oom();
	if (rc != LZMA_OK)
		return zin_corrupt(z, NULL);
	return 0;
}

static int
zin_xz_step(struct zin *z, unsigned char *out, size_t n, size_t *got)
{
	lzma_stream *s = &z->u.xz;
	lzma_ret rc;

	s->next_in = z->in + z->in_pos;
	s->avail_in = z->in_len - z->in_pos;
	s->next_out = out;
	s->avail_out = n;
	/* LZMA_FINISH once all the input is in: the end of the last stream
	 * is only known then */
	rc = lzma_code(s, z->in_eof ? LZMA_FINISH : LZMA_RUN);
	z->in_pos = (size_t)(s->next_in - z->in);
	*got = (size_t)(s->next_out - out);
	switch (rc) {
	case LZMA_STREAM_END:
		z->complete = 1;
		return 0;
	case LZMA_OK:
	case LZMA_BUF_ERROR: /* no progress: zin_decode decides */
		return 0;
	case LZMA_MEM_ERROR:
		zin_oom();
	case LZMA_MEMLIMIT_ERROR:
		return zin_fail(z, ENOMEM,
		    _("xz data needs more than %llu MiB of memory to "
		      "decompress"),
		    ZIN_XZ_MEMLIMIT >> 20);
	case LZMA_FORMAT_ERROR:
		return zin_corrupt(z, _("not an xz stream"));
	case LZMA_OPTIONS_ERROR:
		return zin_corrupt(z, _("unsupported options"));
	case LZMA_DATA_ERROR:
		return zin_corrupt(z, _("bad block or checksum"));
	default:
		return zin_corrupt(z, NULL);
	}
}

static void
zin_xz_end(struct zin *z)
{
	lzma_end(&z->u.xz);
}
#endif

/* ---- zstd (libzstd) --------------------------------------------------- */
#if HAVE_ZSTD
static int
zin_zs_init(struct zin *z)
{
	size_t rc;

	if ((z->u.zs = ZSTD_createDStream()) == NULL)
		zin_oom();
	rc = ZSTD_DCtx_setParameter(z->u.zs, ZSTD_d_windowLogMax,
	    ZIN_ZSTD_WINDOWLOG_MAX);
	if (ZSTD_isError(rc)) {
		ZSTD_freeDStream(z->u.zs);
		return zin_corrupt(z, ZSTD_getErrorName(rc));
	}
	return 0;
}

static int
zin_zs_step(struct zin *z, unsigned char *out, size_t n, size_t *got)
{
	ZSTD_inBuffer in = {z->in, z->in_len, z->in_pos};
	ZSTD_outBuffer o = {out, n, 0};
	size_t rc;

	rc = ZSTD_decompressStream(z->u.zs, &o, &in);
	z->in_pos = in.pos;
	*got = o.pos;
	if (ZSTD_isError(rc) &&
	    ZSTD_getErrorCode(rc) == ZSTD_error_frameParameter_windowTooLarge)
		return zin_fail(z, ENOMEM,
		    _("zstd data needs a window of more than %d MiB to "
		      "decompress"),
		    1 << (ZIN_ZSTD_WINDOWLOG_MAX - 20));
	if (ZSTD_isError(rc))
		return zin_corrupt(z, ZSTD_getErrorName(rc));
	/* 0: a frame was decoded and flushed whole */
	z->complete = rc == 0;
	return 0;
}

static void
zin_zs_end(struct zin *z)
{
	ZSTD_freeDStream(z->u.zs);
}
#endif

/* The codecs this build has; a kind of ZIN_PLAIN ends the table. */
static const struct zin_codec zin_codecs[] = {
#if HAVE_ZLIB
    {ZIN_GZIP, zin_gz_init, zin_gz_step, zin_gz_end},
#endif
#if HAVE_BZIP2
    {ZIN_BZIP2, zin_bz_init, zin_bz_step, zin_bz_end},
#endif
#if HAVE_LZMA
    {ZIN_XZ, zin_xz_init, zin_xz_step, zin_xz_end},
#endif
#if HAVE_ZSTD
    {ZIN_ZSTD, zin_zs_init, zin_zs_step, zin_zs_end},
#endif
    {ZIN_PLAIN, NULL, NULL, NULL},
};

static const struct zin_codec *
zin_codec_of(enum zin_kind k)
{
	const struct zin_codec *c;

	for (c = zin_codecs; c->kind != ZIN_PLAIN; c++)
		if (c->kind == k)
			return c;
	return NULL;
}

enum zin_kind
zin_sniff(const void *p, size_t n, int eof)
{
	const unsigned char *b = p;
	size_t i, k, m;
	int more = 0;

	for (m = 0; m < sizeof(zin_magics) / sizeof(zin_magics[0]); m++) {
		const struct zin_magic *g = &zin_magics[m];

		k = n < g->len ? n : g->len;
		for (i = 0; i < k; i++)
			if (b[i] < g->lo[i] || b[i] > g->hi[i])
				break;
		if (i < k)
			continue;
		if (k == g->len)
			return g->kind;
		more = 1; /* a prefix of this magic so far */
	}
	return more && !eof ? ZIN_MORE : ZIN_PLAIN;
}

int
zin_fd_is_plain(int fd)
{
	unsigned char head[ZIN_MAGIC_MAX];
	size_t got = 0;
	ssize_t r;

	while (got < sizeof(head)) {
		r = pread(fd, head + got, sizeof(head) - got, (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return 0; /* let the one-thread path report it */
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return zin_sniff(head, got, 1) == ZIN_PLAIN;
}

const char *
zin_kind_name(enum zin_kind k)
{
	return k >= ZIN_PLAIN && k <= ZIN_ZSTD ? zin_names[k] : "unknown";
}

const char *
zin_kind_lib(enum zin_kind k)
{
	return k >= ZIN_PLAIN && k <= ZIN_ZSTD ? zin_libs[k] : "";
}

int
zin_kind_builtin(enum zin_kind k)
{
	return k == ZIN_PLAIN || zin_codec_of(k) != NULL;
}

const char *
zin_builtin(void)
{
	static const char list[] = ""
#if HAVE_ZLIB
				   " gzip"
#endif
#if HAVE_BZIP2
				   " bzip2"
#endif
#if HAVE_LZMA
				   " xz"
#endif
#if HAVE_ZSTD
				   " zstd"
#endif
	    ;

	return list[0] != '\0' ? list + 1 : "none";
}

struct zin *
zin_new(int fd)
{
	struct zin *z = xcalloc(1, sizeof(*z));

	z->fd = fd;
	z->kind = ZIN_MORE;
	return z;
}

void
zin_free(struct zin *z)
{
	if (z == NULL)
		return;
	if (z->live)
		z->codec->end(z);
	free(z->in);
	free(z);
}

const char *
zin_error(const struct zin *z)
{
	return z->msg;
}

enum zin_kind
zin_kind(const struct zin *z)
{
	return z->kind;
}

/* Move the undecoded input to the front and read more behind it. */
static int
zin_fill(struct zin *z)
{
	ssize_t r;

	if (z->in_pos > 0) {
		memmove(z->in, z->in + z->in_pos, z->in_len - z->in_pos);
		z->in_len -= z->in_pos;
		z->in_pos = 0;
	}
	if (z->in_len == z->in_cap) /* a full buffer the decoder won't take */
		return zin_corrupt(z, NULL);
	do
		r = read(z->fd, z->in + z->in_len, z->in_cap - z->in_len);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return zin_fail(z, errno, NULL);
	if (r == 0)
		z->in_eof = 1;
	z->in_len += (size_t)r;
	return 0;
}

/*
 * Decode into OUT until some bytes come out, the input ends after a
 * complete stream (0), or something is wrong (-1). Bytes decoded before
 * an error are returned; the error comes with the next call.
 */
static ssize_t
zin_decode(struct zin *z, unsigned char *out, size_t n)
{
	size_t got, before;

	for (;;) {
		if (z->in_pos == z->in_len && !z->in_eof && zin_fill(z) < 0)
			return -1;
		if (z->in_pos == z->in_len && z->in_eof && z->complete)
			return 0;
		before = z->in_pos;
		got = 0;
		if (z->codec->step(z, out, n, &got) < 0)
			return got > 0 ? (ssize_t)got : -1;
		if (got > 0)
			return (ssize_t)got;
		if (z->in_pos != before)
			continue;
		/* nothing in, nothing out: the decoder wants more input */
		if (z->in_eof)
			return z->complete ? 0
					   : zin_fail(z, EILSEQ,
						 _("truncated %s data (the "
						   "input ends inside a "
						   "compressed stream)"),
						 zin_names[z->kind]);
		if (zin_fill(z) < 0)
			return -1;
	}
}

/* The first read: find the format in BUF, hand plain data over as it is,
 * or move what was read into the input buffer and start the decoder. */
static ssize_t
zin_start(struct zin *z, unsigned char *buf, size_t n)
{
	enum zin_kind k;
	size_t got = 0;
	ssize_t r;

	if (n < ZIN_MAGIC_MAX)
		return zin_fail(z, EINVAL, NULL);
	while ((k = zin_sniff(buf, got, 0)) == ZIN_MORE) {
		r = read(z->fd, buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd pfd = {z->fd, POLLIN, 0};

			/* non-blocking (--follow): nothing read yet is "not
			 * yet"; a magic number begun is waited for */
			if (got == 0)
				return -1;
			(void)poll(&pfd, 1, -1);
			continue;
		}
		if (r < 0)
			return zin_fail(z, errno, NULL);
		if (r == 0) {
			k = zin_sniff(buf, got, 1);
			break;
		}
		got += (size_t)r;
	}
	z->kind = k;
	if (k == ZIN_PLAIN)
		return (ssize_t)got;
	if ((z->codec = zin_codec_of(k)) == NULL)
		/* k is a format here: zin_sniff() at the end of the input
		 * never answers ZIN_MORE */
		/* NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage) */
		return zin_fail(z, ENOTSUP,
		    _("%s-compressed, but this smtplog was built without %s"),
		    zin_names[k], zin_libs[k]);
	z->in_cap = got > ZIN_INBUF ? got : ZIN_INBUF;
	z->in = xmalloc(z->in_cap);
	memcpy(z->in, buf, got);
	z->in_len = got;
	if (z->codec->init(z) < 0)
		return -1;
	z->live = 1;
	return zin_decode(z, buf, n);
}

ssize_t
zin_read(struct zin *z, void *buf, size_t n)
{
	ssize_t r;

	if (z->kind == ZIN_PLAIN && !z->failed) {
		do
			r = read(z->fd, buf, n);
		while (r < 0 && errno == EINTR);
		/* a non-blocking descriptor (--follow): nothing yet, no error */
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return -1;
		return r < 0 ? zin_fail(z, errno, NULL) : r;
	}
	if (z->failed) {
		errno = z->errnum;
		return -1;
	}
	if (z->kind == ZIN_MORE)
		return zin_start(z, buf, n);
	return zin_decode(z, buf, n);
}
