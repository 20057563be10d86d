/*
 * test_progress.c - unit tests for progress.c.
 *
 * progress_format(): the text for a stream and for a regular file, the
 * rate, the share (rounded down, capped at 100, an empty file), a long
 * name cut at its beginning to the terminal width, control bytes in a
 * name, a terminal too narrow for the name, and the byte/column bounds.
 * progress_start/file/add/stop: a short run writes nothing at all, a
 * slow one draws a line and clears it, and a diagnostic clears the line
 * first (the file is a pipe read back, so nothing depends on a
 * terminal).
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
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "util.h"

static void
progress_format__stream__bytes_and_rate_only(void **state)
{
	char buf[256];
	int cols;

	(void)state;
	cols = progress_format(buf, sizeof(buf), 250000000, 2.0, "(stdin)", 0,
	    -1, 80);
	assert_string_equal(buf, "smtplog: 250.0 MB read, 125.0 MB/s");
	assert_int_equal(cols, (int)strlen(buf));
}

static void
progress_format__regular_file__share_and_name(void **state)
{
	char buf[256];

	(void)state;
	progress_format(buf, sizeof(buf), 1500000, 0.5, "/var/log/mail.log",
	    1000000, 4000000, 80);
	assert_string_equal(buf,
	    "smtplog: 1.5 MB read, 3.0 MB/s, 25% of /var/log/mail.log");
}

static void
progress_format__share__rounded_down_and_capped(void **state)
{
	char buf[256];

	(void)state;
	progress_format(buf, sizeof(buf), 999, 1.0, "f", 999, 1000, 80);
	assert_non_null(strstr(buf, ", 99% of f"));
	progress_format(buf, sizeof(buf), 2000, 1.0, "f", 2000, 1000, 80);
	assert_non_null(strstr(buf, ", 100% of f"));
	progress_format(buf, sizeof(buf), 0, 1.0, "f", 0, 0, 80);
	assert_non_null(strstr(buf, ", 100% of f"));
}

static void
progress_format__zero_seconds__rate_zero(void **state)
{
	char buf[256];

	(void)state;
	progress_format(buf, sizeof(buf), 1000000, 0.0, NULL, 0, -1, 80);
	assert_string_equal(buf, "smtplog: 1.0 MB read, 0.0 MB/s");
}

static void
progress_format__long_name__end_kept_within_width(void **state)
{
	char name[300], buf[512];
	int cols;

	(void)state;
	memset(name, 'd', sizeof(name));
	memcpy(name + sizeof(name) - 10, "/mail.log", 10); /* with NUL */
	cols = progress_format(buf, sizeof(buf), 0, 1.0, name, 0, 100, 60);
	assert_int_equal(cols, 59);
	assert_int_equal(strlen(buf), 59);
	assert_non_null(strstr(buf, ", 0% of ...ddd"));
	assert_int_equal(strcmp(buf + 59 - 9, "/mail.log"), 0);
}

static void
progress_format__control_bytes_in_name__question_marks(void **state)
{
	char buf[256];

	(void)state;
	progress_format(buf, sizeof(buf), 0, 1.0, "a\033[2Jb\r\xc3\xa9", 0, 10,
	    80);
	assert_non_null(strstr(buf, "of a?[2Jb???"));
}

static void
progress_format__narrow_terminal__no_name_and_cut(void **state)
{
	char buf[256];
	int cols;

	(void)state;
	cols = progress_format(buf, sizeof(buf), 0, 1.0, "/var/log/mail.log", 0,
	    10, 40);
	/* no room for the name: the head alone, within 39 columns */
	assert_string_equal(buf, "smtplog: 0.0 MB read, 0.0 MB/s");
	assert_int_equal(cols, 30);
	cols = progress_format(buf, sizeof(buf), 0, 1.0, NULL, 0, -1, 11);
	assert_string_equal(buf, "smtplog: 0");
	assert_int_equal(cols, 10);
}

static void
progress_format__small_buffer__terminated(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	progress_format(buf, sizeof(buf), 0, 1.0, NULL, 0, -1, 80);
	assert_int_equal(strlen(buf), 7);
}

/* A pipe whose write end plays the terminal; returns the read end. */
static FILE *
pipe_pair(FILE **wr)
{
	int fd[2];
	FILE *rd;

	assert_int_equal(pipe(fd), 0);
	assert_int_equal(fcntl(fd[0], F_SETFL, O_NONBLOCK), 0);
	*wr = fdopen(fd[1], "w");
	rd = fdopen(fd[0], "r");
	assert_non_null(*wr);
	assert_non_null(rd);
	return rd;
}

/* Everything in the pipe so far (caller frees). */
static char *
drain(FILE *rd)
{
	char *buf = calloc(1, 65536);
	size_t n;

	assert_non_null(buf);
	n = fread(buf, 1, 65535, rd);
	buf[n] = '\0';
	clearerr(rd);
	return buf;
}

static void
progress_stop__short_run__writes_nothing(void **state)
{
	FILE *wr, *rd = pipe_pair(&wr);
	struct progress *p;
	char *got;

	(void)state;
	p = progress_start(wr);
	assert_non_null(p);
	progress_file(p, "x.log", fileno(wr));
	progress_add(p, 12345);
	progress_stop(p);
	fflush(wr);
	got = drain(rd);
	assert_string_equal(got, "");
	free(got);
	fclose(wr);
	fclose(rd);
}

static void
progress_start__slow_run__drawn_then_cleared(void **state)
{
	struct timespec ts = {1, 400 * 1000000L};
	FILE *wr, *rd = pipe_pair(&wr);
	struct progress *p;
	char *got, *end;

	(void)state;
	p = progress_start(wr);
	assert_non_null(p);
	progress_add(p, 3000000);
	nanosleep(&ts, NULL);
	progress_stop(p);
	fflush(wr);
	got = drain(rd);
	/* drawn in place, after the delay */
	assert_true(strncmp(got, "\rsmtplog: 3.0 MB read, ", 23) == 0);
	/* and at the end blanked out, the cursor back at column 0 */
	end = got + strlen(got);
	assert_true(end - got > 30);
	assert_int_equal(end[-1], '\r');
	assert_int_equal(end[-2], ' ');
	free(got);
	fclose(wr);
	fclose(rd);
}

static void
progress__warning__line_cleared_first(void **state)
{
	struct timespec ts = {1, 300 * 1000000L};
	FILE *wr, *rd = pipe_pair(&wr);
	struct progress *p;
	char *got, *warn;
	int saved = dup(STDERR_FILENO);

	(void)state;
	/* the warning goes to stderr, here the same pipe as the line */
	assert_true(saved >= 0);
	assert_true(dup2(fileno(wr), STDERR_FILENO) >= 0);
	p = progress_start(wr);
	assert_non_null(p);
	nanosleep(&ts, NULL);
	util_warn("something: broken");
	progress_stop(p);
	fflush(wr);
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	got = drain(rd);
	warn = strstr(got, "smtplog: something: broken\n");
	assert_non_null(warn);
	/* just before it: the drawn line blanked out, back to column 0 */
	assert_true(warn > got + 2);
	assert_int_equal(warn[-1], '\r');
	assert_int_equal(warn[-2], ' ');
	free(got);
	fclose(wr);
	fclose(rd);
}

static void
progress__null__every_call_accepts_it(void **state)
{
	(void)state;
	progress_file(NULL, "x", 0);
	progress_add(NULL, 1);
	progress_stop(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(progress_format__stream__bytes_and_rate_only),
	    cmocka_unit_test(progress_format__regular_file__share_and_name),
	    cmocka_unit_test(progress_format__share__rounded_down_and_capped),
	    cmocka_unit_test(progress_format__zero_seconds__rate_zero),
	    cmocka_unit_test(progress_format__long_name__end_kept_within_width),
	    cmocka_unit_test(
		progress_format__control_bytes_in_name__question_marks),
	    cmocka_unit_test(progress_format__narrow_terminal__no_name_and_cut),
	    cmocka_unit_test(progress_format__small_buffer__terminated),
	    cmocka_unit_test(progress_stop__short_run__writes_nothing),
	    cmocka_unit_test(progress_start__slow_run__drawn_then_cleared),
	    cmocka_unit_test(progress__warning__line_cleared_first),
	    cmocka_unit_test(progress__null__every_call_accepts_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
