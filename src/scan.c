/*
 * scan.c - split a byte stream into lines, in bounded memory.
 *
 * The scanner owns one buffer of SCAN_BUF bytes (more than the longest
 * line it returns). It reads big blocks with read(2) and finds line ends
 * with memchr(3); a line is handed out as a pointer into the buffer, so no
 * line is copied except when a partial line is moved to the front before
 * the next read. A line longer than SCAN_MAX_LINE is skipped up to its
 * newline and counted, never returned.
 *
 * A whole input (scan_new) is read through zin, which hands plain bytes
 * straight into the buffer and decompresses gzip, bzip2, xz and zstd
 * input into it; a range of a file (scan_new_range, the pieces of -j) is
 * always plain and read with pread(2).
 *
 * The first block of an input is looked at once for a NUL byte, as grep
 * does, so that the caller can say when an input is not text at all.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"
#include "util.h"
#include "zin.h"

#define SCAN_BUF (1024 * 1024)

struct scan {
	int fd;
	char *buf;
	size_t start; /* first byte not yet handed out */
	size_t end;   /* end of valid data */
	int eof;
	int skipping; /* inside an overlong line: drop until newline */
	uint64_t overlong;
	uint64_t bytes;
	int ranged; /* read [pos, limit) with pread */
	int64_t pos, limit;
	struct zin *zin; /* the reader of a whole input; NULL when ranged */
	int errnum;      /* errno of a failed pread */
	int follow;      /* the end is "no more yet" (scan_follow) */
	int at_eof;      /* the last read returned 0, not EAGAIN */
	int first;       /* the next read is the input's first block */
	int binary;      /* that first block held a NUL byte */
};

static struct scan *
scan_alloc(int fd)
{
	struct scan *s = xcalloc(1, sizeof(*s));

	s->fd = fd;
	s->buf = xmalloc(SCAN_BUF);
	return s;
}

struct scan *
scan_new(int fd)
{
	struct scan *s = scan_alloc(fd);

	s->zin = zin_new(fd);
	s->first = 1;
	return s;
}

struct scan *
scan_new_range(int fd, int64_t start, int64_t end)
{
	struct scan *s = scan_alloc(fd);

	s->ranged = 1;
	s->pos = start;
	s->limit = end;
	s->first = start == 0; /* only the piece a file starts with */
	return s;
}

void
scan_free(struct scan *s)
{
	if (s == NULL)
		return;
	zin_free(s->zin);
	free(s->buf);
	free(s);
}

void
scan_follow(struct scan *s, int on)
{
	s->follow = on;
}

int
scan_at_eof(const struct scan *s)
{
	return s->at_eof;
}

uint64_t
scan_overlong(const struct scan *s)
{
	return s->overlong;
}

int
scan_binary(const struct scan *s)
{
	return s->binary;
}

uint64_t
scan_bytes(const struct scan *s)
{
	return s->bytes;
}

const char *
scan_error(const struct scan *s)
{
	return s->zin != NULL ? zin_error(s->zin) : strerror(s->errnum);
}

/* Move the unread tail to the front and read more. -1 on error. */
static int
scan_fill(struct scan *s)
{
	ssize_t r;

	if (s->start > 0) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->end -= s->start;
		s->start = 0;
	}
	for (;;) {
		if (s->ranged) {
			size_t want = SCAN_BUF - s->end;

			if ((int64_t)want > s->limit - s->pos)
				want = (size_t)(s->limit - s->pos);
			r = want ? pread(s->fd, s->buf + s->end, want, s->pos)
				 : 0;
			if (r > 0)
				s->pos += r;
		} else
			r = zin_read(s->zin, s->buf + s->end,
			    SCAN_BUF - s->end);
		if (r < 0 && errno == EINTR)
			continue;
		break;
	}
	if (r < 0 && s->follow && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		s->eof = 1; /* nothing more for now */
		s->at_eof = 0;
		return 0;
	}
	if (r < 0) {
		s->errnum = errno;
		return -1;
	}
	if (r == 0)
		s->eof = s->at_eof = 1;
	if (s->first && r > 0) {
		/* what grep looks at: text logs hold no NUL byte */
		s->binary = memchr(s->buf + s->end, '\0', (size_t)r) != NULL;
		s->first = 0;
	}
	s->end += (size_t)r;
	s->bytes += (uint64_t)r;
	return 0;
}

/* Length of buf[start, end) as a line: without a trailing CR. */
static size_t
scan_len(const struct scan *s, size_t end)
{
	size_t n = end - s->start;

	if (n > 0 && s->buf[end - 1] == '\r')
		n--;
	return n;
}

/* Hand out buf[start, nl) as a line, without a trailing CR. */
static void
scan_emit(struct scan *s, size_t nl, const char **line, size_t *len)
{
	*line = s->buf + s->start;
	*len = scan_len(s, nl);
}

int
scan_next(struct scan *s, const char **line, size_t *len)
{
	char *nl;
	size_t pos;

	for (;;) {
		nl = memchr(s->buf + s->start, '\n', s->end - s->start);
		if (nl != NULL) {
			pos = (size_t)(nl - s->buf);
			if (s->skipping || scan_len(s, pos) > SCAN_MAX_LINE) {
				/* end of an overlong line: count it once */
				s->overlong++;
				s->skipping = 0;
				s->start = pos + 1;
				continue;
			}
			scan_emit(s, pos, line, len);
			s->start = pos + 1;
			return 1;
		}
		/* no newline in what we hold (a CR may still be its end) */
		if (scan_len(s, s->end) > SCAN_MAX_LINE) {
			s->skipping = 1;
			s->start = s->end;
		}
		if (s->eof && s->follow) {
			s->eof = 0; /* the input may grow: try again later */
			return 0;
		}
		if (s->eof) {
			if (s->skipping) {
				s->overlong++;
				s->skipping = 0;
				return 0;
			}
			if (s->start < s->end) {
				scan_emit(s, s->end, line, len);
				s->start = s->end;
				return 1;
			}
			return 0;
		}
		if (scan_fill(s) < 0)
			return -1;
	}
}
