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
 * input into it. A range of a regular file (scan_new_range, the pieces of
 * -j) is plain, and is looked at through a window of SCAN_MAP bytes that
 * mmap(2) maps, moved on at the start of the first line not yet handed
 * out: no byte is copied at all (on the bench's 100 MB Postfix log, the
 * system time went from 22 to 17 ms, and the run 3% quicker; see
 * BENCHMARKS.md). Where mmap fails, or with SMTPLOG_NO_MMAP set, the
 * range is read with pread(2) instead.
 *
 * A file that shrinks (truncate, copytruncate) ends a range early, as it
 * ends a read: the lines up to the new end, the cut one last. The size is
 * looked at before each window is mapped; and a file that shrinks while
 * mapped, which would kill the process with SIGBUS at the next byte read
 * past its new end, has each lost page replaced with zeros by
 * scan_on_sigbus() and its window marked, upon which the scanner looks at
 * the size again (scan_clamp).
 *
 * The first block of an input is looked at once for a NUL byte, as grep
 * does, so that the caller can say when an input is not text at all.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan.h"
#include "util.h"
#include "zin.h"

#define SCAN_BUF (1024 * 1024)
/* a window: holds a line of SCAN_MAX_LINE bytes from anywhere in its
 * first page */
#define SCAN_MAP (4 * 1024 * 1024)
/* windows mapped at once: -j 256 and more */
#define SCAN_WINDOWS 512

/*
 * The windows mapped now, for the SIGBUS handler: [lo, hi) of each, 0
 * when the slot is free; lost is set when a page of it was lost.
 */
struct scan_window {
	atomic_uintptr_t lo, hi;
	atomic_int used, lost;
};
static struct scan_window scan_windows[SCAN_WINDOWS];
static pthread_mutex_t scan_sigbus_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sigaction scan_sigbus_old; /* put back for other faults */
static uintptr_t scan_page;

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
	struct scan_window *win; /* mapped: buf is a window at file offset */
	int64_t mapoff;          /* ... mapoff, of maplen bytes (end bytes */
	size_t maplen;           /* of them held, fewer if the file shrank) */
};

/*
 * A fault in a window: a file that shrank while mapped. The page becomes
 * zeros and the window is marked. For any other fault the handler that
 * was there before is put back, and takes the fault when the access
 * happens again on return.
 */
static void
scan_on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	uintptr_t a = (uintptr_t)si->si_addr;
	int i, saved = errno;

	(void)ctx;
	for (i = 0; i < SCAN_WINDOWS; i++) {
		struct scan_window *w = &scan_windows[i];

		if (a >= atomic_load(&w->lo) && a < atomic_load(&w->hi) &&
		    mmap((void *)(a & ~(scan_page - 1)), scan_page, PROT_READ,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
			0) != MAP_FAILED) {
			atomic_store(&w->lost, 1);
			errno = saved;
			return;
		}
	}
	(void)sigaction(sig, &scan_sigbus_old, NULL);
	errno = saved;
}

/* Make scan_on_sigbus() the SIGBUS handler, unless it is already. */
static void
scan_sigbus_install(void)
{
	struct sigaction cur, sa;

	pthread_mutex_lock(&scan_sigbus_lock);
	if (scan_page == 0)
		scan_page = (uintptr_t)sysconf(_SC_PAGESIZE);
	if (sigaction(SIGBUS, NULL, &cur) == 0 &&
	    !((cur.sa_flags & SA_SIGINFO) &&
		cur.sa_sigaction == scan_on_sigbus)) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = scan_on_sigbus;
		sa.sa_flags = SA_SIGINFO | SA_RESTART;
		sigemptyset(&sa.sa_mask);
		(void)sigaction(SIGBUS, &sa, &scan_sigbus_old);
	}
	pthread_mutex_unlock(&scan_sigbus_lock);
}

/* A free window slot, or NULL: then the range is read with pread. */
static struct scan_window *
scan_window_get(void)
{
	int i, zero;

	scan_sigbus_install();
	for (i = 0; i < SCAN_WINDOWS; i++) {
		zero = 0;
		if (atomic_compare_exchange_strong(&scan_windows[i].used, &zero,
			1)) {
			atomic_store(&scan_windows[i].lost, 0);
			return &scan_windows[i];
		}
	}
	return NULL;
}

/* Unmap S's window, if it has one mapped. */
static void
scan_unmap(struct scan *s)
{
	if (s->win == NULL || s->buf == NULL)
		return;
	atomic_store(&s->win->hi, 0);
	atomic_store(&s->win->lo, 0);
	munmap(s->buf, s->maplen);
	s->buf = NULL;
}

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
	struct scan *s;

	if (getenv("SMTPLOG_NO_MMAP") == NULL) {
		s = xcalloc(1, sizeof(*s));
		s->fd = fd;
		s->win = scan_window_get();
		if (s->win == NULL) {
			free(s);
			s = scan_alloc(fd);
		}
	} else
		s = scan_alloc(fd);
	s->ranged = 1;
	s->pos = s->mapoff = start;
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
	if (s->win != NULL) {
		scan_unmap(s);
		atomic_store(&s->win->used, 0);
	} else
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

static int scan_fill(struct scan *s);

/* Hold a range to the size of its file now, should the file have shrunk. */
static void
scan_clamp(struct scan *s)
{
	struct stat st;
	int64_t end;

	if (fstat(s->fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size >= s->limit)
		return;
	s->limit = st.st_size;
	end = s->limit - s->mapoff;
	if (s->buf != NULL && end < (int64_t)s->end)
		s->end = end > (int64_t)s->start ? (size_t)end : s->start;
}

/* A page of the window was lost (scan_on_sigbus): the file shrank. */
static int
scan_lost(struct scan *s)
{
	if (s->win == NULL || !atomic_load(&s->win->lost))
		return 0;
	atomic_store(&s->win->lost, 0);
	scan_clamp(s);
	return 1;
}

/* The first block's look for binary data: N bytes at P. */
static void
scan_first(struct scan *s, const char *p, size_t n)
{
	if (s->first && n > 0) {
		/* what grep looks at: text logs hold no NUL byte */
		s->binary =
		    memchr(p, '\0', n < SCAN_BUF ? n : SCAN_BUF) != NULL;
		s->first = 0;
	}
}

/*
 * Map the next window of a range: from the page of the first byte not
 * yet handed out, up to SCAN_MAP bytes. Where mmap fails, the range goes
 * on with pread from the bytes held.
 */
static int
scan_map_next(struct scan *s)
{
	int64_t from = s->mapoff + (int64_t)s->start;
	int64_t have = s->mapoff + (int64_t)s->end, base, len;
	size_t tail = s->end - s->start;
	void *p;

	scan_clamp(s);
	if (have >= s->limit) {
		s->eof = s->at_eof = 1;
		return 0;
	}
	base = from & ~(int64_t)(scan_page - 1);
	len = s->limit - base < SCAN_MAP ? s->limit - base : SCAN_MAP;
	p = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, s->fd, base);
	if (p == MAP_FAILED) {
		char *buf = xmalloc(SCAN_BUF);

		if (tail > 0)
			memcpy(buf, s->buf + s->start, tail);
		scan_unmap(s);
		atomic_store(&s->win->used, 0);
		s->win = NULL;
		s->buf = buf;
		s->start = 0;
		s->end = tail;
		s->pos = have;
		return scan_fill(s);
	}
	scan_unmap(s);
	s->buf = p;
	atomic_store(&s->win->lo, (uintptr_t)p);
	atomic_store(&s->win->hi, (uintptr_t)p + (uintptr_t)len);
	s->mapoff = base;
	s->maplen = (size_t)len;
	s->start = (size_t)(from - base);
	s->end = (size_t)len;
	s->bytes += (uint64_t)(base + len - have);
	scan_first(s, s->buf + s->start, s->end - s->start);
	return 0;
}

/* Move the unread tail to the front and read more. -1 on error. */
static int
scan_fill(struct scan *s)
{
	ssize_t r;

	if (s->win != NULL)
		return scan_map_next(s);
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
	scan_first(s, s->buf + s->end, (size_t)r);
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
		/* (a range holds no window before its first) */
		nl = s->end > s->start
		    ? memchr(s->buf + s->start, '\n', s->end - s->start)
		    : NULL;
		if (nl != NULL) {
			pos = (size_t)(nl - s->buf);
			if (s->skipping || scan_len(s, pos) > SCAN_MAX_LINE) {
				/* end of an overlong line: count it once */
				s->overlong++;
				s->skipping = 0;
				s->start = pos + 1;
				continue;
			}
			if (scan_lost(s))
				continue; /* the file shrank: look again */
			scan_emit(s, pos, line, len);
			s->start = pos + 1;
			return 1;
		}
		if (scan_lost(s))
			continue;
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
