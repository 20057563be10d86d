/*
 * follow.c - --follow: read growing logs as tail -F does, print the
 * summary so far on an interval, and the last one on SIGINT or SIGTERM.
 *
 * Each input keeps its descriptor, its identity (device and inode) and a
 * scanner in follow mode (scan_follow): at the end of what is written the
 * scanner returns 0 and keeps a line without its newline for later. Every
 * FOLLOW_POLL_MS the loop reads what is new and stat(2)s each file name:
 *
 *   the name points to another file   rotation: read the old file to its
 *                                      end, its last line too, close it,
 *                                      open the new one, read it from 0
 *   the same file, shorter than read   copytruncate: read again from 0
 *   no file of that name               wait (it is being rotated)
 *
 * Pipes (standard input) are read without blocking and end with their
 * end. Nothing is busy: between polls the process sleeps in poll(2).
 * The counts live in the caller's run; the scanners' own counts (bytes,
 * overlong lines) are folded into it before each summary, so the
 * accounting holds in every summary.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "follow.h"
#include "i18n.h"
#include "output.h"
#include "scan.h"
#include "util.h"

/* Lines read between two looks at the stop flag, while catching up. */
#define FOLLOW_BATCH 4096

struct follow_in {
	const char *path; /* as given: "-" is standard input */
	const char *name; /* in messages and samples */
	int fd;           /* -1: not open */
	int stream;       /* a pipe or the like: read to its end, once */
	int ended;        /* a stream at its end, or an input given up */
	int opened;       /* was opened at least once */
	int warned;       /* the failure to open it was reported */
	int flags;        /* descriptor flags before O_NONBLOCK, or -1 */
	dev_t dev;
	ino_t ino;
	struct scan *scan;
	uint64_t lineno;
	uint64_t overlong, bytes; /* of the scanner, already folded */
};

struct follow {
	struct run *r;
	struct follow_in *in;
	int n;
};

static volatile sig_atomic_t follow_stop;

static void
follow_on_signal(int sig)
{
	(void)sig;
	follow_stop = 1;
}

struct follow *
follow_new(struct run *r, char *const *paths, int n)
{
	struct follow *f = xcalloc(1, sizeof(*f));
	int i;

	f->r = r;
	f->n = n;
	f->in = xcalloc((size_t)(n > 0 ? n : 1), sizeof(*f->in));
	for (i = 0; i < n; i++) {
		f->in[i].path = paths[i];
		f->in[i].name =
		    strcmp(paths[i], "-") == 0 ? "(stdin)" : paths[i];
		f->in[i].fd = -1;
		f->in[i].flags = -1;
	}
	return f;
}

/* Add what the scanner counted since the last fold to the run. */
static void
follow_fold(struct follow *f, struct follow_in *in)
{
	struct agg_counts *c = agg_counts(f->r->agg);
	uint64_t o, b;

	if (in->scan == NULL)
		return;
	o = scan_overlong(in->scan);
	b = scan_bytes(in->scan);
	c->overlong += o - in->overlong;
	c->lines += o - in->overlong;
	c->bytes += b - in->bytes;
	in->overlong = o;
	in->bytes = b;
}

/* A fresh scanner from the descriptor's current offset. */
static void
follow_rescan(struct follow *f, struct follow_in *in)
{
	follow_fold(f, in);
	scan_free(in->scan);
	in->scan = scan_new(in->fd);
	scan_follow(in->scan, 1);
	in->overlong = in->bytes = 0;
	in->lineno = 0;
}

/*
 * Read the lines the scanner can give now. With LAST, the input is left:
 * a last line without its newline is read too. Returns the lines read;
 * *EOF tells whether the scanner stopped at the end of the file (rather
 * than at a read that would block); -1 in *EOF: a read error.
 */
static uint64_t
follow_drain(struct follow *f, struct follow_in *in, int last, int *eof)
{
	const char *line;
	size_t len;
	uint64_t n = 0;
	int rc;

	if (last)
		scan_follow(in->scan, 0);
	while ((rc = scan_next(in->scan, &line, &len)) > 0) {
		run_line(f->r, line, len, in->name, ++in->lineno);
		/* catching up on a big file: let a signal stop it */
		if (++n % FOLLOW_BATCH == 0 && follow_stop)
			break;
	}
	if (last)
		scan_follow(in->scan, 1);
	if (rc < 0) {
		util_warn("%s: %s", in->name, strerror(errno));
		f->r->errors++;
		*eof = -1;
	} else
		*eof = rc == 0 && (last || scan_at_eof(in->scan));
	return n;
}

/* Leave an input: fold its counts, close it (not standard input), and
 * give a stream's descriptor its flags back. */
static void
follow_close(struct follow *f, struct follow_in *in)
{
	follow_fold(f, in);
	scan_free(in->scan);
	in->scan = NULL;
	if (in->flags >= 0)
		(void)fcntl(in->fd, F_SETFL, in->flags);
	in->flags = -1;
	if (in->fd >= 0 && in->fd != STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
}

/* Open an input (again). 0, or -1 when it is not there (yet). */
static int
follow_open(struct follow *f, struct follow_in *in)
{
	struct stat st;
	int fd;

	if (strcmp(in->path, "-") == 0)
		fd = STDIN_FILENO;
	else
		fd = open(in->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) < 0) {
		if (!in->warned)
			util_warn(_("%s: %s; waiting for it"), in->name,
			    strerror(errno));
		in->warned = 1;
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		util_warn("%s: %s", in->name, strerror(EISDIR));
		f->r->errors++;
		close(fd);
		in->ended = 1;
		return -1;
	}
	if (in->warned)
		util_warn(_("%s: found; reading it"), in->name);
	in->fd = fd;
	in->dev = st.st_dev;
	in->ino = st.st_ino;
	in->stream = !S_ISREG(st.st_mode);
	in->warned = 0;
	in->opened = 1;
	/* a pipe is read when poll(2) says so, never waited on in read(2) */
	if (in->stream && (in->flags = fcntl(fd, F_GETFL)) >= 0 &&
	    fcntl(fd, F_SETFL, in->flags | O_NONBLOCK) < 0)
		in->flags = -1;
	f->r->inputs++;
	follow_rescan(f, in);
	return 0;
}

/* What became of a regular file's name since the last look. */
enum follow_change {
	FOLLOW_SAME,
	FOLLOW_GONE,
	FOLLOW_ROTATED,
	FOLLOW_TRUNCATED
};

static enum follow_change
follow_check(const struct follow_in *in)
{
	struct stat st;
	off_t pos;

	if (stat(in->path, &st) < 0)
		return FOLLOW_GONE;
	if (st.st_dev != in->dev || st.st_ino != in->ino)
		return FOLLOW_ROTATED;
	pos = lseek(in->fd, 0, SEEK_CUR);
	if (pos >= 0 && st.st_size < pos)
		return FOLLOW_TRUNCATED;
	return FOLLOW_SAME;
}

/* One input's new lines, and what its name now points to. */
static uint64_t
follow_input(struct follow *f, struct follow_in *in)
{
	uint64_t n = 0;
	int eof;

	if (in->ended)
		return 0;
	if (in->fd < 0 && follow_open(f, in) < 0)
		return 0;
	n += follow_drain(f, in, 0, &eof);
	if (eof < 0) {
		/* a read error (warned, counted): this input is given up */
		follow_close(f, in);
		in->ended = 1;
		return n;
	}
	/* standard input has no name to look at again */
	if (in->stream || strcmp(in->path, "-") == 0) {
		if (in->stream && eof) {
			n += follow_drain(f, in, 1, &eof);
			follow_close(f, in);
			in->ended = 1;
		}
		return n;
	}
	switch (follow_check(in)) {
	case FOLLOW_ROTATED:
		/* what was written to the old file before it was left */
		n += follow_drain(f, in, 1, &eof);
		follow_close(f, in);
		if (follow_open(f, in) == 0)
			n += follow_drain(f, in, 0, &eof);
		break;
	case FOLLOW_TRUNCATED:
		n += follow_drain(f, in, 1, &eof);
		if (lseek(in->fd, 0, SEEK_SET) == 0) {
			follow_rescan(f, in);
			n += follow_drain(f, in, 0, &eof);
		}
		break;
	default:
		break;
	}
	return n;
}

uint64_t
follow_step(struct follow *f)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < f->n && !follow_stop; i++)
		n += follow_input(f, &f->in[i]);
	return n;
}

int
follow_ended(const struct follow *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (!f->in[i].ended)
			return 0;
	return 1;
}

int
follow_summary(struct follow *f, const struct follow_opts *o)
{
	struct report_opts ro = *o->ro;
	struct agg_counts *c = agg_counts(f->r->agg);
	uint64_t hits = c->limit_hits;
	char when[64], err[1024];
	struct tm tm;
	time_t now = time(NULL);
	struct output *w = NULL;
	FILE *out = o->out;
	int i, rc;

	for (i = 0; i < f->n; i++)
		follow_fold(f, &f->in[i]);
	if (f->r->trace != NULL)
		return fflush(f->r->trace) == 0 ? 0 : -1;
	/* run_finish() adds the rules' limit hits: only for this summary */
	run_finish(f->r);
	ro.ninputs = f->r->inputs;
	if (strcmp(o->fmt->name, "json") == 0)
		ro.compact = 1;
	if (o->path != NULL) {
		if ((w = output_open(o->path, err, sizeof(err))) == NULL) {
			util_warn("%s", err);
			c->limit_hits = hits;
			return -1;
		}
		out = output_fp(w);
	}
	if (strcmp(o->fmt->name, "text") == 0) {
		localtime_r(&now, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
		fprintf(out, _("==== smtplog summary, %s ====\n"), when);
	}
	rc = o->fmt->emit(out, f->r->agg, &ro);
	c->limit_hits = hits;
	if (w != NULL) {
		/* each summary replaces the file whole (monitoring scrapes) */
		if (output_close(w, rc == 0, err, sizeof(err)) < 0) {
			util_warn("%s", err);
			rc = -1;
		}
	} else if (fflush(out) != 0)
		rc = -1;
	return rc;
}

/* Seconds on a clock that does not jump. */
static double
follow_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sleep until a stream has data, a signal comes, or MS milliseconds. */
static void
follow_wait(const struct follow *f, int ms)
{
	struct pollfd *p = xcalloc((size_t)f->n + 1, sizeof(*p));
	int i, k = 0;

	for (i = 0; i < f->n; i++)
		if (f->in[i].stream && f->in[i].fd >= 0) {
			p[k].fd = f->in[i].fd;
			p[k].events = POLLIN;
			k++;
		}
	if (!follow_stop)
		(void)poll(p, (nfds_t)k, ms);
	free(p);
}

int
follow_run(struct follow *f, const struct follow_opts *o)
{
	struct sigaction sa, old_int, old_term;
	double next, now;
	int i, status = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = follow_on_signal;
	sigemptyset(&sa.sa_mask);
	follow_stop = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	next = follow_clock() + o->interval;
	for (;;) {
		follow_step(f);
		if (follow_stop || follow_ended(f))
			break;
		now = follow_clock();
		if (now >= next) {
			if (follow_summary(f, o) < 0) {
				status = 2;
				break;
			}
			/* a late wake-up does not bunch summaries up */
			next += o->interval;
			if (next <= now)
				next = now + o->interval;
		}
		now = follow_clock();
		follow_wait(f,
		    next - now < FOLLOW_POLL_MS / 1000.0
			? (int)((next - now) * 1000) + 1
			: FOLLOW_POLL_MS);
	}
	if (status == 0 && follow_summary(f, o) < 0)
		status = 2;
	if (status == 2)
		util_warn(_("writing the report: %s"), strerror(errno));
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	for (i = 0; i < f->n; i++)
		if (!f->in[i].opened && !f->in[i].ended) {
			util_warn(_("%s: never appeared"), f->in[i].name);
			f->r->errors++;
		}
	if (status == 0 && f->r->errors)
		status = 1;
	return status;
}

void
follow_free(struct follow *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		follow_close(f, &f->in[i]);
	free(f->in);
	free(f);
}
