/*
 * lines.c - walk the log lines of files and trees for the tests (see
 * lines.h). The order of a directory's entries is readdir's: the sums the
 * walks return do not depend on it.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "lines.h"

long
lines_file(const char *path, lines_fn *fn, void *arg)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL, where[1200];
	size_t cap = 0;
	ssize_t n;
	long total = 0, lineno = 0;

	if (fp == NULL)
		return 0;
	while ((n = getline(&buf, &cap, fp)) >= 0) {
		lineno++;
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			n--;
		snprintf(where, sizeof(where), "%s:%ld", path, lineno);
		total += fn(arg, buf, (size_t)n, where);
	}
	free(buf);
	fclose(fp);
	return total;
}

long
lines_tree(const char *dir, lines_fn *fn, void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char path[1100];
	long total = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			total += lines_tree(path, fn, arg);
		else if (S_ISREG(st.st_mode))
			total += lines_file(path, fn, arg);
	}
	closedir(d);
	return total;
}
