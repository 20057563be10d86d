/*
 * scan.h - split a byte stream into lines, in bounded memory.
 *
 *   scan_new(fd)             reader over an open descriptor (not closed),
 *                            compressed or not (zin.h)
 *   scan_new_range(fd, a, b) reader over bytes [a, b) of a regular file,
 *                            with pread(2): threads can share the fd
 *   scan_next(s, &line, &n)  next line, without its "\n" or "\r\n"
 *   scan_error(s)            why scan_next returned -1, in words
 *   scan_follow(s, on)       a growing input: the end is "no more yet"
 *   scan_ahead(s)            read (and decompress) in a thread of its own
 *   scan_binary(s)           the input starts with binary data (NUL)
 *   scan_free(s)
 *
 * A line handed out points into the scanner's buffer and is valid until the
 * next call. Lines longer than SCAN_MAX_LINE are not returned; they are
 * counted in scan_overlong() and skipped whole. A last line without a
 * newline is returned like any other. Lines may contain NUL bytes.
 */
#ifndef SMTPLOG_SCAN_H
#define SMTPLOG_SCAN_H

#include <stddef.h>
#include <stdint.h>

#define SCAN_MAX_LINE (64 * 1024)

struct scan;

struct scan *scan_new(int fd);
struct scan *scan_new_range(int fd, int64_t start, int64_t end);
/* 1: a line; 0: end of input; -1: read error, or corrupt or truncated
 * compressed data (errno set; scan_error says which), after the lines
 * read before it, the last of them cut where the data ended; -1 again
 * after that. */
int scan_next(struct scan *s, const char **line, size_t *len);
/* The message of the last -1: strerror or the decoder's words. */
const char *scan_error(const struct scan *s);
/* Follow mode (ON), for an input that grows (tail -F): at the end of what
 * can be read now, scan_next() returns 0 and keeps a last line without
 * newline for later; a read that would block (EAGAIN on a non-blocking
 * descriptor) ends it the same way. Off again, the next scan_next() reads
 * to the end and hands that last line out as usual. */
void scan_follow(struct scan *s, int on);
/* Before the first scan_next() of a scan_new() reader, not in follow
 * mode: a thread reads and decompresses ahead while the caller works on
 * the lines, for a pipe or a compressed file on more than one core. The
 * lines, counts and errors are the same as without it. 0, or -1 when it
 * is not started (the reader then reads as before). */
int scan_ahead(struct scan *s);
/* After scan_next() returned 0 in follow mode: 1 when read(2) said end of
 * file, 0 when it would have blocked. */
int scan_at_eof(const struct scan *s);
uint64_t scan_overlong(const struct scan *s);
/* 1 when the first block read (the start of the input, after any
 * decompression) held a NUL byte: binary data rather than a text log. */
int scan_binary(const struct scan *s);
uint64_t scan_bytes(const struct scan *s);
void scan_free(struct scan *s);

#endif
