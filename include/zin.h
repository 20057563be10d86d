/*
 * zin.h - read an input that may be compressed, as if it were not.
 *
 *   zin_new(fd)             reader over an open descriptor (not closed)
 *   zin_read(z, buf, n)     like read(2): decompressed bytes, 0 at the end
 *   zin_error(z)            what went wrong, after zin_read returned -1
 *   zin_free(z)
 *   zin_sniff(p, n, eof)    the format of data that starts with P[0, N)
 *   zin_fd_is_plain(fd)     a regular file that is not compressed
 *   zin_kind_name(k), zin_kind_lib(k), zin_kind_builtin(k), zin_builtin()
 *
 * The format is found by the first bytes (magic numbers), never by the
 * name: gzip 1f 8b, bzip2 "BZh1".."BZh9", xz FD 37 7A 58 5A 00, zstd
 * 28 B5 2F FD (or a zstd skippable frame). Anything else is plain and is
 * handed through with one read(2) per call into the caller's buffer, no
 * copy. Compressed data is decoded with zlib, libbz2, liblzma or libzstd,
 * when built in; concatenated gzip members and bzip2 streams, xz streams
 * and zstd frames are read one after the other, as the command-line tools
 * do. Memory is one input buffer of ZIN_INBUF bytes and the decoder's own
 * state (xz and zstd limit it: ZIN_XZ_MEMLIMIT, ZIN_ZSTD_WINDOWLOG_MAX).
 *
 * The first zin_read() must ask for at least ZIN_MAGIC_MAX bytes. After
 * it returned -1 (a read error, corrupt or truncated data, a format this
 * build cannot read), every later call returns -1 again, and zin_error()
 * says why in words (its text belongs to Z and lives until zin_free).
 * Bytes decoded before an error are returned first.
 */
#ifndef SMTPLOG_ZIN_H
#define SMTPLOG_ZIN_H

#include <stddef.h>
#include <sys/types.h>

#define ZIN_MAGIC_MAX 6
#define ZIN_INBUF (128 * 1024)
#define ZIN_XZ_MEMLIMIT ((unsigned long long)256 << 20)
#define ZIN_ZSTD_WINDOWLOG_MAX 27 /* 128 MiB, zstd's own default */

enum zin_kind {
	ZIN_MORE = -1, /* zin_sniff: too few bytes to tell */
	ZIN_PLAIN = 0,
	ZIN_GZIP,
	ZIN_BZIP2,
	ZIN_XZ,
	ZIN_ZSTD
};

struct zin;

struct zin *zin_new(int fd);
/* >0 bytes, 0 at the end of the input, -1 on error (see zin_error). */
ssize_t zin_read(struct zin *z, void *buf, size_t n);
const char *zin_error(const struct zin *z);
/* The input's format; ZIN_MORE before the first zin_read. */
enum zin_kind zin_kind(const struct zin *z);
void zin_free(struct zin *z);

/* EOF: no more bytes will follow P[0, N), so a short prefix is plain. */
enum zin_kind zin_sniff(const void *p, size_t n, int eof);
/* 1 when FD's first bytes (read with pread, the offset stays) are plain. */
int zin_fd_is_plain(int fd);

/* "gzip", "bzip2", "xz", "zstd", "plain". */
const char *zin_kind_name(enum zin_kind k);
/* The library that decodes K: "zlib", "libbz2", "liblzma", "libzstd". */
const char *zin_kind_lib(enum zin_kind k);
/* 1 when this build decodes K (always for plain). */
int zin_kind_builtin(enum zin_kind k);
/* The compressed formats built in, "gzip bzip2 xz zstd", or "none". */
const char *zin_builtin(void);

#endif
