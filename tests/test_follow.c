/*
 * test_follow.c - unit tests for follow.c, on files in a temporary
 * directory that the test writes, renames and truncates between steps.
 *
 * follow_step(): lines counted as they are appended, a line without its
 * newline kept until it is whole; rotation (rename, new file): the rest of
 * the old file, its last line too, then the new file from its start, as a
 * new input; copytruncate: read again from 0; a missing file waited for;
 * an overlong line growing across steps; a pipe on standard input read
 * without blocking and ended with its end; standard input redirected
 * from a growing file, never taken for a file named "-"; several files.
 * follow_summary(): JSON on one line, text after a dated line, the
 * accounting balanced with the scanners' counts folded in, and the match
 * limit hits of the rules not added twice.
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
#include <unistd.h>

#include "follow.h"
#include "run.h"

/* A Postfix delivery line: one event. */
#define EV                                                                     \
	"Nov 22 10:00:01 mx postfix/smtp[7]: 4AB: to=<a@example.org>, "        \
	"relay=mx.example.org[192.0.2.1]:25, delay=1, delays=0/0/0/1, "        \
	"dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.1] said: "     \
	"550 5.1.1 No such user (in reply to RCPT TO command))\n"
/* A line of another program. */
#define OTHER "Nov 22 10:00:02 mx cron[8]: (root) CMD (true)\n"

struct fx {
	struct run_rules rules;
	struct run run;
	char dir[64];
	char path[128], path2[128], rotated[128];
};

static int
setup(void **state)
{
	struct fx *x = calloc(1, sizeof(*x));
	char pat[4096], err[1024];
	const char *top = getenv("top_srcdir");

	assert_non_null(x);
	snprintf(pat, sizeof(pat), "%s/patterns", top ? top : ".");
	assert_int_equal(run_rules_load(&x->rules, pat, err, sizeof(err)), 0);
	run_init(&x->run, x->rules.pats, 1795392000);
	x->run.sigs = x->rules.sigs;
	strcpy(x->dir, "/tmp/test_follow.XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	snprintf(x->path, sizeof(x->path), "%s/mail.log", x->dir);
	snprintf(x->path2, sizeof(x->path2), "%s/other.log", x->dir);
	snprintf(x->rotated, sizeof(x->rotated), "%s/mail.log.1", x->dir);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *x = *state;

	unlink(x->path);
	unlink(x->path2);
	unlink(x->rotated);
	rmdir(x->dir);
	run_done(&x->run);
	run_rules_free(&x->rules);
	free(x);
	return 0;
}

/* Append S to the file PATH (created when missing). */
static void
put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
}

static const struct agg_counts *
counts(struct fx *x)
{
	return agg_counts_const(x->run.agg);
}

/* The summary in FORMAT, as a string the caller frees. */
static char *
summary(struct follow *f, struct fx *x, const char *format)
{
	struct report_opts ro = {.top = 10, .peers = 5, .sigs = x->rules.sigs};
	struct follow_opts o = {60, report_find(format), &ro, NULL, NULL};
	char *buf = NULL;
	size_t n = 0;

	o.out = open_memstream(&buf, &n);
	assert_non_null(o.out);
	assert_int_equal(follow_summary(f, &o), 0);
	fclose(o.out);
	return buf;
}

static void
follow_step__appended_lines__counted_partial_line_waits(void **state)
{
	struct fx *x = *state;
	char *paths[] = {x->path};
	struct follow *f;

	put(x->path, EV OTHER);
	f = follow_new(&x->run, paths, 1);
	assert_int_equal(follow_step(f), 2);
	assert_int_equal(follow_step(f), 0);
	put(x->path, EV "Nov 22 10:00:03 mx cron[8]: par");
	assert_int_equal(follow_step(f), 1);
	put(x->path, "tial\n");
	assert_int_equal(follow_step(f), 1);
	assert_int_equal(counts(x)->lines, 4);
	assert_int_equal(counts(x)->kind[AGG_EVENT], 2);
	assert_int_equal(counts(x)->kind[AGG_SKIP_OTHER], 2);
	assert_int_equal(x->run.inputs, 1);
	assert_int_equal(follow_ended(f), 0);
	follow_free(f);
}

static void
follow_step__rotated__old_rest_then_new_from_start(void **state)
{
	struct fx *x = *state;
	char *paths[] = {x->path};
	struct follow *f;
	const struct agg_sample *s;
	size_t n;

	put(x->path, EV EV);
	f = follow_new(&x->run, paths, 1);
	assert_int_equal(follow_step(f), 2);
	/* the writer goes on in the old file after the rename, and leaves a
	 * last line without its newline there */
	assert_int_equal(rename(x->path, x->rotated), 0);
	put(x->rotated,
	    OTHER "Nov 22 10:00:04 mx postfix/smtp[7]: 4AB: "
		  "to=<b@x.example>, status=bounced (host said: "
		  "599 odd)");
	put(x->path, EV OTHER OTHER);
	/* 1 + the last line of the old file, 3 of the new one */
	assert_int_equal(follow_step(f), 5);
	assert_int_equal(counts(x)->lines, 7);
	assert_int_equal(counts(x)->kind[AGG_EVENT], 3);
	assert_int_equal(x->run.inputs, 2);
	/* line numbers start again with the new file */
	put(x->path,
	    "Nov 22 10:00:05 mx postfix/smtp[7]: 4AB: "
	    "to=<c@x.example>, status=bounced (host said: 599 odd)\n");
	assert_int_equal(follow_step(f), 1);
	s = agg_samples(x->run.agg, &n);
	assert_true(n >= 1);
	assert_int_equal(s[n - 1].lineno, 4);
	follow_free(f);
}

static void
follow_step__copytruncate__read_again_from_0(void **state)
{
	struct fx *x = *state;
	char *paths[] = {x->path};
	struct follow *f;
	int fd;

	put(x->path, EV EV EV OTHER);
	f = follow_new(&x->run, paths, 1);
	assert_int_equal(follow_step(f), 4);
	fd = open(x->path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	close(fd);
	put(x->path, OTHER);
	assert_int_equal(follow_step(f), 1);
	put(x->path, EV);
	assert_int_equal(follow_step(f), 1);
	assert_int_equal(counts(x)->lines, 6);
	assert_int_equal(counts(x)->kind[AGG_EVENT], 4);
	/* the same file: no new input */
	assert_int_equal(x->run.inputs, 1);
	follow_free(f);
}

static void
follow_step__missing_file__waited_for(void **state)
{
	struct fx *x = *state;
	char *paths[] = {x->path};
	struct follow *f = follow_new(&x->run, paths, 1);

	assert_int_equal(follow_step(f), 0);
	assert_int_equal(follow_step(f), 0);
	assert_int_equal(x->run.inputs, 0);
	put(x->path, EV OTHER);
	assert_int_equal(follow_step(f), 2);
	assert_int_equal(x->run.inputs, 1);
	assert_int_equal(x->run.errors, 0);
	follow_free(f);
}

static void
follow_step__two_files__each_followed(void **state)
{
	struct fx *x = *state;
	char *paths[] = {x->path, x->path2};
	struct follow *f;

	put(x->path, EV);
	put(x->path2, OTHER OTHER);
	f = follow_new(&x->run, paths, 2);
	assert_int_equal(follow_step(f), 3);
	put(x->path2, EV);
	assert_int_equal(follow_step(f), 1);
	put(x->path, EV);
	assert_int_equal(follow_step(f), 1);
	assert_int_equal(counts(x)->kind[AGG_EVENT], 3);
	assert_int_equal(x->run.inputs, 2);
	follow_free(f);
}

static void
follow_summary__overlong_line_growing__accounting_balances(void **state)
{
	struct fx *x = *state;
	char *paths[] = {x->path}, *big, *s;
	struct follow *f;

	big = malloc(50001);
	assert_non_null(big);
	memset(big, 'x', 50000);
	big[50000] = '\0';
	put(x->path, OTHER);
	f = follow_new(&x->run, paths, 1);
	assert_int_equal(follow_step(f), 1);
	put(x->path, big);
	assert_int_equal(follow_step(f), 0);
	put(x->path, big);
	assert_int_equal(follow_step(f), 0);
	put(x->path, "\n" EV);
	assert_int_equal(follow_step(f), 1);
	s = summary(f, x, "json");
	assert_non_null(strstr(s, "\"lines\": 3,"));
	assert_non_null(strstr(s, "\"overlong\": 1,"));
	assert_non_null(strstr(s, "\"balanced\": true"));
	assert_non_null(strstr(s, "\"bytes\": 100"));
	/* folded once: a second summary says the same */
	free(s);
	s = summary(f, x, "json");
	assert_non_null(strstr(s, "\"lines\": 3,"));
	assert_non_null(strstr(s, "\"overlong\": 1,"));
	free(s);
	free(big);
	follow_free(f);
}

static void
follow_summary__json_and_text__one_line_or_dated(void **state)
{
	struct fx *x = *state;
	char *paths[] = {x->path}, *s;
	struct follow *f;

	put(x->path, EV EV OTHER);
	f = follow_new(&x->run, paths, 1);
	follow_step(f);
	s = summary(f, x, "json");
	assert_ptr_equal(strchr(s, '\n'), s + strlen(s) - 1);
	assert_ptr_equal(strstr(s, "{\"schema\": 1,\"inputs\": 1,"), s);
	assert_non_null(strstr(s, "\"events\": 2,"));
	free(s);
	s = summary(f, x, "text");
	assert_ptr_equal(strstr(s, "==== smtplog summary, "), s);
	assert_non_null(strstr(s, " ====\nsmtplog report\n"));
	free(s);
	/* the rules' limit hits are added for each summary, not kept */
	assert_int_equal(counts(x)->limit_hits, 0);
	follow_free(f);
}

static void
follow_step__stdin_pipe__read_without_blocking_until_end(void **state)
{
	static const char data[] = EV "Nov 22";
	struct fx *x = *state;
	char dash[] = "-", *paths[] = {dash};
	struct follow *f;
	int p[2], saved = dup(STDIN_FILENO), flags;

	assert_true(saved >= 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(dup2(p[0], STDIN_FILENO), STDIN_FILENO);
	close(p[0]);
	f = follow_new(&x->run, paths, 1);
	assert_int_equal(write(p[1], data, sizeof(data) - 1),
	    (ssize_t)(sizeof(data) - 1));
	/* nothing more to read now: no wait */
	assert_int_equal(follow_step(f), 1);
	assert_int_equal(follow_step(f), 0);
	assert_int_equal(follow_ended(f), 0);
	close(p[1]);
	/* the end: the last line, without its newline, is a line */
	assert_int_equal(follow_step(f), 1);
	assert_int_equal(follow_ended(f), 1);
	assert_int_equal(counts(x)->lines, 2);
	assert_int_equal(counts(x)->kind[AGG_SKIP_NOHDR], 1);
	/* standard input gets its flags back */
	flags = fcntl(STDIN_FILENO, F_GETFL);
	assert_int_equal(flags & O_NONBLOCK, 0);
	follow_free(f);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
}

/* "smtplog --follow < mail.log": the file grows; a file named "-" in the
 * working directory is not standard input. */
static void
follow_step__stdin_regular_file__followed_never_reopened(void **state)
{
	struct fx *x = *state;
	char dash[] = "-", *paths[] = {dash}, cwd[4096], other[160];
	struct follow *f;
	int saved = dup(STDIN_FILENO), fd;

	assert_true(saved >= 0);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(x->dir), 0);
	snprintf(other, sizeof(other), "%s/-", x->dir);
	put(other, EV EV EV);
	put(x->path, EV);
	fd = open(x->path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	f = follow_new(&x->run, paths, 1);
	assert_int_equal(follow_step(f), 1);
	put(x->path, OTHER);
	assert_int_equal(follow_step(f), 1);
	assert_int_equal(follow_step(f), 0);
	assert_int_equal(x->run.inputs, 1);
	assert_int_equal(follow_ended(f), 0);
	follow_free(f);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	unlink(other);
	assert_int_equal(chdir(cwd), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    T(follow_step__appended_lines__counted_partial_line_waits),
	    T(follow_step__rotated__old_rest_then_new_from_start),
	    T(follow_step__copytruncate__read_again_from_0),
	    T(follow_step__missing_file__waited_for),
	    T(follow_step__two_files__each_followed),
	    T(follow_summary__overlong_line_growing__accounting_balances),
	    T(follow_summary__json_and_text__one_line_or_dated),
	    T(follow_step__stdin_pipe__read_without_blocking_until_end),
	    T(follow_step__stdin_regular_file__followed_never_reopened),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
