/*
 * progress.c - a progress line on standard error for long runs.
 *
 * One thread draws; the readers (the main thread, and the -j threads)
 * only add what they read to an atomic counter every so many lines, so
 * the hot path never reads the clock, takes a lock or writes. The drawing
 * thread sleeps on a condition variable: PROGRESS_DELAY_MS before the
 * first line, PROGRESS_INTERVAL_MS between lines, and wakes at once when
 * the run ends. A mutex orders the line with the diagnostics: util_warn()
 * calls progress_warn_hook(), which clears the line first.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "progress.h"
#include "util.h"

#define PROGRESS_NAME_MAX 512

struct progress {
	FILE *fp;
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	_Atomic uint64_t bytes; /* read so far, every input */
	uint64_t file_base;     /* bytes when the current input began */
	int64_t size;           /* of the current input; -1: not a file */
	char name[PROGRESS_NAME_MAX];
	int shown; /* columns of the line on screen; 0: none */
	struct timespec t0;
};

/* The one progress line being drawn, for the diagnostics' hook. */
static struct progress *progress_active;

/* Columns a string takes: its UTF-8 lead bytes. */
static int
progress_cols(const char *s, size_t len)
{
	int c = 0;
	size_t i;

	for (i = 0; i < len; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Cut S to at most COLS columns, at a character boundary. */
static void
progress_cut(char *s, int cols)
{
	size_t i;
	int c = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++c > cols)
			break;
	s[i] = '\0';
}

int
progress_format(char *buf, size_t n, uint64_t bytes, double secs,
    const char *name, uint64_t file_bytes, int64_t size, int width)
{
	char head[160] = "", tail[64] = "", safe[PROGRESS_NAME_MAX];
	const char *nm;
	size_t i, len;
	int room, pct;

	if (n == 0)
		return 0;
	if (width < 2)
		width = 2;
	snprintf(head, sizeof(head), _("smtplog: %.1f MB read, %.1f MB/s"),
	    (double)bytes / 1e6, secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
	tail[0] = safe[0] = '\0';
	if (size >= 0 && name != NULL) {
		pct = size == 0 || file_bytes >= (uint64_t)size
		    ? 100
		    : (int)(file_bytes * 100 / (uint64_t)size);
		/* TRANSLATORS: after "smtplog: 1.2 MB read, 3.4 MB/s":
		   how far into the file, then its name */
		snprintf(tail, sizeof(tail), _(", %d%% of "), pct);
		/* a file name is shown, not obeyed: printable ASCII only */
		len = strlen(name);
		nm = len >= sizeof(safe) ? name + len - (sizeof(safe) - 1)
					 : name;
		for (i = 0; nm[i] != '\0'; i++)
			safe[i] =
			    (char)(nm[i] >= 0x20 && nm[i] < 0x7f ? nm[i] : '?');
		safe[i] = '\0';
	}
	room = width - 1 - progress_cols(head, strlen(head)) -
	    progress_cols(tail, strlen(tail));
	if (tail[0] != '\0' && room >= 8) {
		len = strlen(safe);
		if ((int)len > room) /* keep the end of the name */
			snprintf(buf, n, "%s%s...%s", head, tail,
			    safe + len - (size_t)(room - 3));
		else
			snprintf(buf, n, "%s%s%s", head, tail, safe);
	} else
		snprintf(buf, n, "%s", head);
	progress_cut(buf, width - 1);
	return progress_cols(buf, strlen(buf));
}

/* Terminal columns of FP, 80 when it cannot say. */
static int
progress_width(FILE *fp)
{
	struct winsize ws;

	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Erase the line on screen. Called with the mutex held. */
static void
progress_clear(struct progress *p)
{
	if (p->shown > 0) {
		fprintf(p->fp, "\r%*s\r", p->shown, "");
		fflush(p->fp);
		p->shown = 0;
	}
}

/* Draw the line in place of the last one. Called with the mutex held. */
static void
progress_draw(struct progress *p)
{
	char line[1024];
	struct timespec now;
	uint64_t bytes = atomic_load_explicit(&p->bytes, memory_order_relaxed);
	double secs;
	int cols;

	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - p->t0.tv_sec) +
	    (double)(now.tv_nsec - p->t0.tv_nsec) / 1e9;
	cols = progress_format(line, sizeof(line), bytes, secs, p->name,
	    bytes - p->file_base, p->size, progress_width(p->fp));
	/* blanks over what is left of a longer previous line */
	fprintf(p->fp, "\r%s%*s", line, p->shown > cols ? p->shown - cols : 0,
	    "");
	fflush(p->fp);
	if (cols > p->shown)
		p->shown = cols;
}

/* The deadline T plus MS milliseconds. */
static void
progress_later(struct timespec *t, long ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += (ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static void *
progress_main(void *arg)
{
	struct progress *p = arg;
	struct timespec deadline = p->t0;

	progress_later(&deadline, PROGRESS_DELAY_MS);
	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		if (pthread_cond_timedwait(&p->cv, &p->mu, &deadline) !=
		    ETIMEDOUT)
			continue; /* woken to stop, or spuriously */
		progress_draw(p);
		progress_later(&deadline, PROGRESS_INTERVAL_MS);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* util_warn()'s hook: clear the line and hold it off while a diagnostic
 * is written (BEFORE 1), let it be drawn again after (BEFORE 0). */
static void
progress_warn_hook(int before)
{
	struct progress *p = progress_active;

	if (p == NULL)
		return;
	if (before) {
		pthread_mutex_lock(&p->mu);
		progress_clear(p);
	} else
		pthread_mutex_unlock(&p->mu);
}

struct progress *
progress_start(FILE *fp)
{
	struct progress *p = xcalloc(1, sizeof(*p));
	pthread_condattr_t ca;

	p->fp = fp;
	p->size = -1;
	atomic_init(&p->bytes, 0);
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
	pthread_mutex_init(&p->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&p->tid, NULL, progress_main, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		free(p);
		return NULL;
	}
	progress_active = p;
	util_set_warn_hook(progress_warn_hook);
	return p;
}

void
progress_file(struct progress *p, const char *name, int fd)
{
	struct stat st;
	size_t len;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->file_base = atomic_load_explicit(&p->bytes, memory_order_relaxed);
	p->size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
	    ? (int64_t)st.st_size
	    : -1;
	len = strlen(name); /* keep the end of a long name: it is shown */
	snprintf(p->name, sizeof(p->name), "%s",
	    len >= sizeof(p->name) ? name + len - (sizeof(p->name) - 1) : name);
	pthread_mutex_unlock(&p->mu);
}

uint64_t
progress_bytes(struct progress *p)
{
	return p != NULL ? atomic_load_explicit(&p->bytes, memory_order_relaxed)
			 : 0;
}

void
progress_add(struct progress *p, uint64_t bytes)
{
	if (p != NULL)
		atomic_fetch_add_explicit(&p->bytes, bytes,
		    memory_order_relaxed);
}

void
progress_stop(struct progress *p)
{
	if (p == NULL)
		return;
	util_set_warn_hook(NULL);
	progress_active = NULL;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->tid, NULL);
	progress_clear(p);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
