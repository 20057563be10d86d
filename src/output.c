/*
 * output.c - the report into a file, atomically (see output.h).
 *
 * The temporary is made by mkstemp() in the directory of the target, so
 * the rename() that publishes it stays within one file system and is
 * atomic: a reader (a monitoring scrape, a web server) sees the old
 * report or the new one, never a part. The data are fsync()ed before the
 * rename so that a crash cannot leave an empty file under the name.
 * A PATH that is a symbolic link is followed: the file it points to is
 * replaced (in its own directory), and the link stays a link, as it does
 * when a shell's > writes through it.
 * Errors name the file and strerror(); the caller prints them.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "output.h"
#include "util.h"

struct output {
	FILE *fp;
	char *path; /* the target; NULL: standard output */
	char *tmp;  /* the temporary beside it */
};

/* The process's umask, read without changing it for good. */
static mode_t
output_umask(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

struct output *
output_open(const char *path, char *err, size_t errlen)
{
	struct output *w = xcalloc(1, sizeof(*w));
	char real[PATH_MAX];
	const char *slash;
	struct stat st;
	size_t dirlen;
	int fd;

	if (strcmp(path, "-") == 0) {
		w->fp = stdout;
		return w;
	}
	/* through a link to the file itself (a dangling link is replaced) */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    realpath(path, real) != NULL)
		path = real;
	/* "DIR/.NAME.XXXXXX": hidden, and in the same directory */
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	w->path = xstrdup(path);
	w->tmp = xmalloc(strlen(path) + sizeof(".XXXXXX") + 1);
	memcpy(w->tmp, path, dirlen);
	snprintf(w->tmp + dirlen, strlen(path) - dirlen + sizeof(".XXXXXX") + 1,
	    ".%s.XXXXXX", path + dirlen);
	if ((fd = mkstemp(w->tmp)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, 0666 & ~output_umask()) != 0 ||
	    (w->fp = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", w->tmp, strerror(errno));
		close(fd);
		unlink(w->tmp);
		goto fail;
	}
	return w;
fail:
	free(w->path);
	free(w->tmp);
	free(w);
	return NULL;
}

FILE *
output_fp(const struct output *w)
{
	return w->fp;
}

int
output_is_file(const struct output *w)
{
	return w->path != NULL;
}

int
output_close(struct output *w, int keep, char *err, size_t errlen)
{
	int rc = 0;

	if (w->path == NULL) {
		if (fflush(w->fp) != 0) {
			snprintf(err, errlen, _("writing the report: %s"),
			    strerror(errno));
			rc = -1;
		}
		free(w);
		return rc;
	}
	if (keep && (fflush(w->fp) != 0 || fsync(fileno(w->fp)) != 0)) {
		snprintf(err, errlen, "%s: %s", w->path, strerror(errno));
		keep = 0;
		rc = -1;
	}
	if (fclose(w->fp) != 0 && keep) {
		snprintf(err, errlen, "%s: %s", w->path, strerror(errno));
		keep = 0;
		rc = -1;
	}
	if (keep && rename(w->tmp, w->path) != 0) {
		snprintf(err, errlen, "%s: %s", w->path, strerror(errno));
		keep = 0;
		rc = -1;
	}
	if (!keep)
		unlink(w->tmp);
	free(w->path);
	free(w->tmp);
	free(w);
	return rc;
}
