/*
 * test_run.c - unit tests for run.c: whole inputs through run_path() and
 * run_fd(), with the rules of patterns/ (top_srcdir).
 *
 * A large file whose New Years the guess before reading gets wrong (the
 * pieces of -j are read again): every byte is told to the progress line
 * once, every line counted once, the span of one thread. A pipe read with
 * -j 2 (a read-ahead thread) counts its lines, events and bytes as -j 1
 * does.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "run.h"

#define NOW 1799150400   /* 2027-01-05T12:00:00Z */
#define PRE_LINES 24     /* the first of each month, two years */
#define LATE_LINES 22000 /* Dec 31: over 4 MiB, read in pieces */

struct ran {
	uint64_t lines, events, progress;
	time_t first, last;
};

/* A delivery at STAMP ("Mmm dd hh:mm:ss") into F. */
static void
delivery(FILE *f, const char *stamp, int i)
{
	fprintf(f,
	    "%s mail postfix/smtp[31151]: 54CF2102%d: to=<u%d@example.net>, "
	    "relay=mx.example.net[192.0.2.1]:25, delay=0.03, "
	    "delays=0.01/0.01/0.01/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
	    "queued as 73728%d)\n",
	    stamp, i, i, i);
}

/* Two years of first-of-the-month lines, then LATE_LINES of Dec 31: the
 * stamps sampled before reading see Jan 1 then Dec 31 (a day back), the
 * lines read a New Year. Written to a file modified at NOW. */
static char *
trick_file(off_t *size)
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	char *path = strdup("/tmp/test_run.XXXXXX"), stamp[32];
	struct timespec ts[2] = {{NOW, 0}, {NOW, 0}};
	struct stat st;
	FILE *f;
	int fd, i;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	for (i = 0; i < PRE_LINES; i++) {
		snprintf(stamp, sizeof(stamp), "%s  1 09:00:00", mon[i % 12]);
		delivery(f, stamp, i);
	}
	for (i = 0; i < LATE_LINES; i++)
		delivery(f, "Dec 31 10:00:00", i);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	assert_int_equal(stat(path, &st), 0);
	*size = st.st_size;
	return path;
}

/* Read PATH (or, when NULL, descriptor FD) with JOBS threads, a progress
 * line drawn into /dev/null. */
static struct ran
run_it(const char *path, int fd, int jobs)
{
	char dir[4096], err[1024];
	const char *top = getenv("top_srcdir");
	struct run_rules rr;
	struct run r;
	FILE *devnull = fopen("/dev/null", "w");
	struct ran got;

	assert_non_null(devnull);
	snprintf(dir, sizeof(dir), "%s/patterns", top ? top : ".");
	if (run_rules_load(&rr, dir, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	run_init(&r, rr.pats, NOW);
	r.sigs = rr.sigs;
	r.jobs = jobs;
	r.dir = dir;
	r.progress = progress_start(devnull);
	assert_non_null(r.progress);
	if (path != NULL)
		assert_int_equal(run_path(&r, path), 0);
	else
		assert_int_equal(run_fd(&r, fd, "(stdin)"), 0);
	run_finish(&r);
	got.lines = agg_counts(r.agg)->lines;
	got.events = agg_counts(r.agg)->kind[AGG_EVENT];
	got.first = agg_counts(r.agg)->first;
	got.last = agg_counts(r.agg)->last;
	got.progress = progress_bytes(r.progress);
	progress_stop(r.progress);
	run_done(&r);
	run_rules_free(&rr);
	fclose(devnull);
	return got;
}

static void
run_path__guess_proved_wrong__each_byte_and_line_once(void **state)
{
	off_t size;
	char *path = trick_file(&size);
	struct ran got;
	int jobs;

	(void)state;
	assert_true(size >= RUN_PAR_MIN);
	for (jobs = 1; jobs <= 3; jobs++) {
		got = run_it(path, -1, jobs);
		assert_int_equal(got.lines, PRE_LINES + LATE_LINES);
		assert_int_equal(got.events, PRE_LINES + LATE_LINES);
		/* 2025-01-01T09:00:00Z to 2026-12-31T10:00:00Z */
		assert_int_equal(got.first, 1735722000);
		assert_int_equal(got.last, 1798711200);
		if (got.progress != (uint64_t)size)
			fail_msg("-j %d: %llu bytes told, the file has %lld",
			    jobs, (unsigned long long)got.progress,
			    (long long)size);
	}
	unlink(path);
	free(path);
}

/* The same lines from a pipe a child writes: read ahead with -j 2. */
static void
run_fd__pipe_read_ahead__counts_of_one_thread(void **state)
{
	off_t size;
	char *path = trick_file(&size);
	struct ran one, two;
	int jobs, p[2];
	pid_t pid;

	(void)state;
	for (jobs = 1; jobs <= 2; jobs++) {
		assert_int_equal(pipe(p), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(p[0]);
			dup2(p[1], 1);
			execlp("cat", "cat", path, (char *)NULL);
			_exit(127);
		}
		close(p[1]);
		two = run_it(NULL, p[0], jobs);
		close(p[0]);
		assert_int_equal(waitpid(pid, NULL, 0), pid);
		if (jobs == 1)
			one = two;
	}
	assert_int_equal(two.lines, PRE_LINES + LATE_LINES);
	assert_int_equal(two.lines, one.lines);
	assert_int_equal(two.events, one.events);
	assert_int_equal(two.first, one.first);
	assert_int_equal(two.last, one.last);
	assert_int_equal(two.progress, (uint64_t)size);
	assert_int_equal(one.progress, (uint64_t)size);
	unlink(path);
	free(path);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		run_path__guess_proved_wrong__each_byte_and_line_once),
	    cmocka_unit_test(run_fd__pipe_read_ahead__counts_of_one_thread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
