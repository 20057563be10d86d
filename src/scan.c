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
 *
 * Read-ahead (scan_ahead): for a pipe or a compressed file, a thread of
 * the scanner's own does the reading and the decompressing into a ring of
 * SCAN_AHEAD_BLKS blocks while the caller works on the lines of another,
 * so that the two overlap on two cores. Each block keeps room before its
 * data, where the partial line at the end of the block before is copied
 * when the scanner moves on: a line is still one run of bytes, and only
 * that partial line is copied. The thread stops at the end of the input
 * or at an error, which the scanner reports once it has handed out every
 * line read before it, as without the thread. The lines are the same
 * whether the thread reads or not (test_scan runs every case both ways).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"
#include "util.h"
#include "zin.h"

#define SCAN_BUF (1024 * 1024)
/* the read-ahead ring: blocks of SCAN_AHEAD_DATA bytes, each after room
 * for a partial line (at most SCAN_MAX_LINE bytes and a CR are kept) */
#define SCAN_AHEAD_BLKS 4
#define SCAN_AHEAD_DATA (256 * 1024)
#define SCAN_AHEAD_ROOM (SCAN_MAX_LINE + 64)
/* how often a thread waiting for input looks whether it should stop */
#define SCAN_AHEAD_POLL_MS 50

/*
 * The ring shared by the scanner and its reading thread, under MU. A
 * block is full when len[] is not 0; the thread fills them in turn (FILL),
 * the scanner takes them in the same order (TAKE) and holds one (CUR)
 * until it takes the next, when the one it held becomes empty again.
 */
struct scan_ahead {
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv; /* a block filled or given back, done, stop */
	char *blk[SCAN_AHEAD_BLKS];
	size_t len[SCAN_AHEAD_BLKS];
	int fill, take, cur; /* cur -1: none held yet */
	int done;            /* the thread has stopped */
	int failed, err;     /* it stopped at an error: errno */
	int stop;            /* scan_free(): stop reading */
};

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
	struct scan_ahead *ahead; /* the reading thread; NULL: none */
	int failed;               /* a read failed after what is held */
	int fail_errno;
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

static void
scan_ahead_free(struct scan_ahead *a)
{
	int i;

	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	for (i = 0; i < SCAN_AHEAD_BLKS; i++)
		free(a->blk[i]);
	free(a);
}

/* Stop the reading thread, wait for it and free the ring. */
static void
scan_ahead_end(struct scan *s)
{
	struct scan_ahead *a = s->ahead;

	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->tid, NULL);
	scan_ahead_free(a);
	s->ahead = NULL;
	s->buf = NULL; /* it pointed into a block */
}

/* Whether a read of FD would not wait: data, the end or an error;
 * waiting up to MS milliseconds for it. */
static int
scan_ready(int fd, int ms)
{
	struct pollfd p = {fd, POLLIN, 0};
	int rc;

	if (fd < 0)
		return 1; /* the read says what is wrong */
	while ((rc = poll(&p, 1, ms)) < 0 && errno == EINTR)
		;
	return rc != 0;
}

/* Wait until a read of the input would not wait (1), or until
 * scan_ahead_end() asks the thread to stop (0): a read is begun only
 * when it can return, so the thread is never held in one. */
static int
scan_ahead_wait(struct scan *s)
{
	struct scan_ahead *a = s->ahead;
	int stop;

	while (!scan_ready(s->fd, SCAN_AHEAD_POLL_MS)) {
		pthread_mutex_lock(&a->mu);
		stop = a->stop;
		pthread_mutex_unlock(&a->mu);
		if (stop)
			return 0;
	}
	return 1;
}

/* The reading thread: fill the free blocks in turn until the end of the
 * input, an error or stop. */
static void *
scan_ahead_main(void *arg)
{
	struct scan *s = arg;
	struct scan_ahead *a = s->ahead;
	size_t got;
	ssize_t r = 0;
	int i, err = 0;

	for (;;) {
		pthread_mutex_lock(&a->mu);
		while (!a->stop && (a->len[a->fill] != 0 || a->fill == a->cur))
			pthread_cond_wait(&a->cv, &a->mu);
		i = a->fill;
		if (a->stop) {
			pthread_mutex_unlock(&a->mu);
			return NULL;
		}
		pthread_mutex_unlock(&a->mu);
		for (got = 0, r = 1; got < SCAN_AHEAD_DATA;) {
			/* what a slow writer gave so far goes to the lines
			 * rather than wait for more */
			if (got > 0 && !scan_ready(s->fd, 0))
				break;
			if (got == 0 && !scan_ahead_wait(s))
				return NULL;
			r = zin_read(s->zin, a->blk[i] + SCAN_AHEAD_ROOM + got,
			    SCAN_AHEAD_DATA - got);
			err = errno;
			if (r <= 0 && !(r < 0 && err == EINTR))
				break;
			if (r > 0)
				got += (size_t)r;
			r = 1;
		}
		pthread_mutex_lock(&a->mu);
		if (got > 0) { /* what came before an end or error first */
			a->len[i] = got;
			a->fill = (i + 1) % SCAN_AHEAD_BLKS;
		}
		if (r <= 0) {
			a->done = 1;
			a->failed = r < 0;
			a->err = err;
		}
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		if (r <= 0)
			return NULL;
	}
}

int
scan_ahead(struct scan *s)
{
	struct scan_ahead *a;
	int i;

	if (s->ranged || s->follow || s->ahead != NULL || s->bytes > 0)
		return -1;
#ifdef F_SETPIPE_SZ
	/* a pipe of 1 MiB rather than 64 KiB: a fast writer and the thread
	 * wake each other a sixteenth as often (the size is a wish: a
	 * refusal, past the system's limit, changes nothing) */
	(void)fcntl(s->fd, F_SETPIPE_SZ, SCAN_AHEAD_BLKS * SCAN_AHEAD_DATA);
#endif
	a = xcalloc(1, sizeof(*a));
	for (i = 0; i < SCAN_AHEAD_BLKS; i++)
		a->blk[i] = xmalloc(SCAN_AHEAD_ROOM + SCAN_AHEAD_DATA);
	a->cur = -1;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	s->ahead = a;
	if (pthread_create(&a->tid, NULL, scan_ahead_main, s) != 0) {
		s->ahead = NULL; /* no thread: read as before */
		scan_ahead_free(a);
		return -1;
	}
	free(s->buf); /* the lines are in the blocks from now on */
	s->buf = a->blk[0] + SCAN_AHEAD_ROOM; /* empty until the first fill */
	return 0;
}

void
scan_free(struct scan *s)
{
	if (s == NULL)
		return;
	if (s->ahead != NULL)
		scan_ahead_end(s);
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

/* N bytes read to buf[end..]: the first block is looked at for a NUL
 * byte, as grep does (text logs hold none), and they are counted. */
static void
scan_got(struct scan *s, size_t n)
{
	if (s->first && n > 0) {
		s->binary = memchr(s->buf + s->end, '\0', n) != NULL;
		s->first = 0;
	}
	s->end += n;
	s->bytes += n;
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
	scan_got(s, (size_t)r);
	return 0;
}

/*
 * scan_fill() with the reading thread: take the next full block, the
 * partial line of the one held put just before its data, and give the
 * one held back. -1 on error, once every block before it is taken.
 */
static int
scan_fill_ahead(struct scan *s)
{
	struct scan_ahead *a = s->ahead;
	size_t tail = s->end - s->start, n;
	char *b;
	int i;

	pthread_mutex_lock(&a->mu);
	while (a->len[a->take] == 0 && !a->done)
		pthread_cond_wait(&a->cv, &a->mu);
	i = a->take;
	n = a->len[i];
	if (n == 0) { /* the thread is done, and every block taken */
		pthread_mutex_unlock(&a->mu);
		if (a->failed) {
			s->errnum = errno = a->err;
			return -1;
		}
		s->eof = s->at_eof = 1;
		return 0;
	}
	pthread_mutex_unlock(&a->mu);
	b = a->blk[i] + SCAN_AHEAD_ROOM - tail;
	if (tail > 0)
		memcpy(b, s->buf + s->start, tail);
	pthread_mutex_lock(&a->mu);
	if (a->cur >= 0)
		a->len[a->cur] = 0;
	a->cur = i;
	a->take = (i + 1) % SCAN_AHEAD_BLKS;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	s->buf = b;
	s->start = 0;
	s->end = tail;
	scan_got(s, n);
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
		if (s->failed || (s->eof && !s->follow)) {
			/* the last line, without its newline: counted, and
			 * so is what was read before an error (as "zcat |
			 * smtplog" counts it), before the error itself */
			if (s->skipping) {
				s->overlong++;
				s->skipping = 0;
			} else if (s->start < s->end) {
				scan_emit(s, s->end, line, len);
				s->start = s->end;
				return 1;
			}
			if (!s->failed)
				return 0;
			errno = s->fail_errno;
			return -1;
		}
		if (s->eof) {
			s->eof = 0; /* following: it may grow, try later */
			return 0;
		}
		if ((s->ahead != NULL ? scan_fill_ahead(s) : scan_fill(s)) <
		    0) {
			s->failed = 1;
			s->fail_errno = errno;
		}
	}
}
