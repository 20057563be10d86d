/*
 * test_output.c - unit tests for output.c: a report replaces its file
 * whole or not at all.
 *
 * In a fresh directory: a kept report is renamed into place with the
 * umask's mode and no temporary left; a dropped one leaves the old file
 * and no temporary; "-" is standard output; a missing directory is an
 * error naming the path; a link is written through, and stays a link.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

static char dir[PATH_MAX];

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/test_output.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Files in the test directory (temporaries included). */
static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
slurp(const char *path, char *buf, size_t n)
{
	FILE *fp = fopen(path, "r");
	size_t got;

	assert_non_null(fp);
	got = fread(buf, 1, n - 1, fp);
	buf[got] = '\0';
	fclose(fp);
}

static void
write_file(const char *path, const char *s)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(s, fp);
	fclose(fp);
}

static void
output_close__keep__renamed_with_umask_mode(void **state)
{
	char path[PATH_MAX + 8], err[256], buf[64];
	struct output *w;
	struct stat st;
	mode_t old = umask(027);

	(void)state;
	snprintf(path, sizeof(path), "%s/r.txt", dir);
	w = output_open(path, err, sizeof(err));
	assert_non_null(w);
	assert_true(output_is_file(w));
	fputs("report\n", output_fp(w));
	assert_int_equal(entries(), 1); /* the temporary only */
	assert_int_equal(output_close(w, 1, err, sizeof(err)), 0);
	umask(old);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "report\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(entries(), 1);
}

static void
output_close__drop__old_file_kept_no_temporary(void **state)
{
	char path[PATH_MAX + 8], err[256], buf[64];
	struct output *w;

	(void)state;
	snprintf(path, sizeof(path), "%s/r.txt", dir);
	write_file(path, "old\n");
	w = output_open(path, err, sizeof(err));
	assert_non_null(w);
	fputs("half a rep", output_fp(w));
	assert_int_equal(output_close(w, 0, err, sizeof(err)), 0);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "old\n");
	assert_int_equal(entries(), 1);
}

static void
output_open__dash__standard_output(void **state)
{
	char err[256];
	struct output *w = output_open("-", err, sizeof(err));

	(void)state;
	assert_non_null(w);
	assert_ptr_equal(output_fp(w), stdout);
	assert_false(output_is_file(w));
	assert_int_equal(output_close(w, 1, err, sizeof(err)), 0);
}

static void
output_open__missing_directory__error_names_path(void **state)
{
	char path[PATH_MAX + 16], err[PATH_MAX + 64], want[PATH_MAX + 64];

	(void)state;
	snprintf(path, sizeof(path), "%s/no/r.txt", dir);
	assert_null(output_open(path, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	assert_string_equal(err, want);
}

static void
output_close__link__target_replaced_link_kept(void **state)
{
	char path[PATH_MAX + 8], target[PATH_MAX + 8], err[256], buf[64];
	struct output *w;
	struct stat st;

	(void)state;
	snprintf(target, sizeof(target), "%s/t.txt", dir);
	snprintf(path, sizeof(path), "%s/l.txt", dir);
	write_file(target, "old\n");
	assert_int_equal(symlink("t.txt", path), 0);
	w = output_open(path, err, sizeof(err));
	assert_non_null(w);
	fputs("through\n", output_fp(w));
	assert_int_equal(output_close(w, 1, err, sizeof(err)), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	slurp(target, buf, sizeof(buf));
	assert_string_equal(buf, "through\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		output_close__keep__renamed_with_umask_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		output_close__drop__old_file_kept_no_temporary, setup,
		teardown),
	    cmocka_unit_test(output_open__dash__standard_output),
	    cmocka_unit_test_setup_teardown(
		output_open__missing_directory__error_names_path, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		output_close__link__target_replaced_link_kept, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
