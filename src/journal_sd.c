/*
 * journal_sd.c - read the systemd journal itself (--journal) through
 * libsystemd's sd-journal API.
 *
 * Which entries: those of the units asked for with --unit (names or
 * globs, matched against the units the journal holds, as journalctl -u
 * does), or by default those of the mail units (journal_mail_units) and
 * those whose SYSLOG_IDENTIFIER a pattern file claims. The second half
 * catches the lines journald could not tie to a unit (a process that
 * exited before journald looked at it) and MTAs run under other names.
 * Within the run's time window: a seek to --since, a stop at --until.
 *
 * Each entry is copied out of the journal into a buffer of this reader
 * (sd_journal_get_data() gives pointers that the next call invalidates),
 * made into a header by journal_hdr() and counted by run_hdr(), so it is
 * accounted for like a line. An entry whose message is longer than
 * SCAN_MAX_LINE is counted as an overlong line.
 *
 * Built without libsystemd, journal_available() says so and
 * journal_read() refuses with a message.
 */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if HAVE_LIBSYSTEMD
#include <systemd/sd-journal.h>
#endif

#include "i18n.h"
#include "journal.h"
#include "util.h"

const char *const journal_mail_units[] = {
    "postfix.service",
    "postfix@*.service",
    "exim4.service",
    "sendmail.service",
    NULL,
};

#if HAVE_LIBSYSTEMD

int
journal_available(void)
{
	return 1;
}

/* The unit types systemd knows, as name suffixes. */
static const char *const journal_unit_types[] = {".service", ".socket",
    ".target", ".device", ".mount", ".automount", ".swap", ".timer", ".path",
    ".slice", ".scope", NULL};

/*
 * A unit name as journalctl -u takes it: a glob as it is, a name without
 * a unit type gets ".service" ("postfix" is postfix.service). The caller
 * frees it.
 */
static char *
journal_unit_name(const char *u)
{
	size_t n = strlen(u), k;
	int i;
	char *s;

	if (strpbrk(u, "*?[") != NULL)
		return xstrdup(u);
	for (i = 0; journal_unit_types[i] != NULL; i++) {
		k = strlen(journal_unit_types[i]);
		if (n > k && strcmp(u + n - k, journal_unit_types[i]) == 0)
			return xstrdup(u);
	}
	s = xmalloc(n + sizeof(".service"));
	/* the NUL comes with ".service" */
	memcpy(s, u, n); /* NOLINT(bugprone-not-null-terminated-result) */
	memcpy(s + n, ".service", sizeof(".service"));
	return s;
}

/* What decides which values of a field are matched. */
struct journal_sel {
	char **globs; /* units: fnmatch(3) patterns */
	size_t nglobs;
	struct pat_set *pats; /* identifiers: the MTAs' program rules */
};

static int
journal_unit_wanted(const struct journal_sel *sel, const char *v)
{
	size_t i;

	for (i = 0; i < sel->nglobs; i++)
		if (fnmatch(sel->globs[i], v, 0) == 0)
			return 1;
	return 0;
}

static int
journal_ident_wanted(const struct journal_sel *sel, const char *v)
{
	struct syslog_hdr h;

	memset(&h, 0, sizeof(h));
	h.prog = v;
	h.proglen = strlen(v);
	return pat_mta_for(sel->pats, &h) >= 0;
}

/*
 * Add a match FIELD=VALUE to J for every value of FIELD in the journal
 * that WANTED accepts (matches of one field are alternatives). The
 * number added, or a negative errno.
 */
static int
journal_match_field(sd_journal *j, const char *field,
    int (*wanted)(const struct journal_sel *, const char *),
    const struct journal_sel *sel)
{
	size_t flen = strlen(field), nvals = 0, cap = 0, i;
	char **vals = NULL;
	const void *data;
	size_t len;
	int rc, added = 0;

	if ((rc = sd_journal_query_unique(j, field)) < 0)
		return rc;
	/* copy first: adding matches while enumerating is not allowed */
	SD_JOURNAL_FOREACH_UNIQUE(j, data, len)
	{
		const char *d = data;
		char *v;

		if (len <= flen || memcmp(d, field, flen) != 0 ||
		    d[flen] != '=')
			continue;
		v = xstrndup(d + flen + 1, len - flen - 1);
		if (strlen(v) != len - flen - 1 || !wanted(sel, v)) {
			free(v); /* a NUL inside: no unit or program name */
			continue;
		}
		if (nvals == cap) {
			cap = cap ? cap * 2 : 16;
			vals = xrealloc(vals, cap * sizeof(*vals));
		}
		vals[nvals++] = v;
	}
	sd_journal_restart_unique(j);
	for (i = 0; i < nvals; i++) {
		size_t vlen = strlen(vals[i]);
		char *m = xmalloc(flen + vlen + 2);

		memcpy(m, field, flen);
		m[flen] = '=';
		memcpy(m + flen + 1, vals[i], vlen + 1);
		if (rc >= 0 && (rc = sd_journal_add_match(j, m, 0)) >= 0)
			added++;
		free(m);
		free(vals[i]);
	}
	free(vals);
	return rc < 0 ? rc : added;
}

/*
 * Restrict J to the entries wanted: O's units, or the mail units and the
 * mail programs. The number of matches added (0: nothing is wanted, and
 * nothing must be read), or a negative errno.
 */
static int
journal_select(sd_journal *j, struct run *r, const struct journal_opts *o)
{
	struct journal_sel sel;
	size_t i, n = 0;
	int rc, units, idents = 0;

	memset(&sel, 0, sizeof(sel));
	sel.pats = r->pats;
	if (o->nunits > 0) {
		sel.globs = xcalloc(o->nunits, sizeof(char *));
		for (i = 0; i < o->nunits; i++)
			sel.globs[n++] = journal_unit_name(o->units[i]);
	} else {
		for (i = 0; journal_mail_units[i] != NULL; i++)
			n++;
		sel.globs = xcalloc(n, sizeof(char *));
		for (i = 0; i < n; i++)
			sel.globs[i] = xstrdup(journal_mail_units[i]);
	}
	sel.nglobs = n;
	units = rc =
	    journal_match_field(j, "_SYSTEMD_UNIT", journal_unit_wanted, &sel);
	if (rc >= 0 && o->nunits == 0) {
		if (units > 0 && (rc = sd_journal_add_disjunction(j)) < 0)
			goto out;
		idents = rc = journal_match_field(j, "SYSLOG_IDENTIFIER",
		    journal_ident_wanted, &sel);
	}
out:
	for (i = 0; i < sel.nglobs; i++)
		free(sel.globs[i]);
	free(sel.globs);
	return rc < 0 ? rc : units + idents;
}

/* Scratch space for the fields of one entry. */
struct journal_buf {
	char *p;
	size_t used;
};

/*
 * Copy the fields of J's current entry into E. 0, 1 when the entry is too
 * long to be rendered (an overlong line), or a negative errno.
 */
static int
journal_entry_of(sd_journal *j, struct journal_buf *b, struct journal_entry *e)
{
	const void *data;
	size_t len, k;
	int f, rc;

	memset(e, 0, sizeof(*e));
	b->used = 0;
	for (f = 0; f < JOURNAL_NFIELDS; f++) {
		const char *name = journal_field_name(f);

		rc = sd_journal_get_data(j, name, &data, &len);
		if (rc == -ENOENT)
			continue;
		if (rc < 0)
			return rc;
		k = strlen(name) + 1; /* "NAME=" */
		if (len < k)
			continue;
		len -= k;
		if (len > JOURNAL_MAX - b->used)
			return 1;
		memcpy(b->p + b->used, (const char *)data + k, len);
		e->v[f] = b->p + b->used;
		e->n[f] = len;
		b->used += len;
	}
	if (e->n[JOURNAL_MESSAGE] > SCAN_MAX_LINE)
		return 1;
	if (sd_journal_get_realtime_usec(j, &e->usec) >= 0)
		e->has_usec = 1;
	return 0;
}

/* Read the entries J selects into R; NAME names them in the report. */
static int
journal_read_one(struct run *r, sd_journal *j, const struct journal_opts *o,
    const char *name)
{
	struct agg_counts *c = agg_counts(r->agg);
	struct journal_buf b;
	struct journal_entry e;
	struct syslog_hdr h;
	const char *text;
	size_t tlen;
	uint64_t lineno = 0, since = 0, until = 0, usec;
	int rc;

	r->inputs++;
	/* fields longer than this come back cut: they are overlong anyway */
	sd_journal_set_data_threshold(j, JOURNAL_MAX + 64);
	if ((rc = journal_select(j, r, o)) <= 0)
		goto out; /* nothing wanted, or an error */
	if (r->win.has_since && r->win.since > 0)
		since = (uint64_t)r->win.since * 1000000;
	if (r->win.has_until)
		until = r->win.until > 0 ? (uint64_t)r->win.until * 1000000 : 0;
	rc = since > 0 ? sd_journal_seek_realtime_usec(j, since)
		       : sd_journal_seek_head(j);
	if (rc < 0)
		goto out;
	if (r->jdec == NULL)
		r->jdec = journal_dec_new();
	b.p = xmalloc(JOURNAL_MAX);
	while ((rc = sd_journal_next(j)) > 0) {
		if (sd_journal_get_realtime_usec(j, &usec) >= 0) {
			if (usec < since)
				continue; /* before the window: not read */
			if (r->win.has_until && usec >= until)
				break;
		}
		rc = journal_entry_of(j, &b, &e);
		if (rc < 0)
			break;
		lineno++;
		if (rc > 0 || journal_hdr(r->jdec, &e, &h, &text, &tlen) < 0) {
			c->overlong++;
			c->lines++;
			continue;
		}
		c->bytes += tlen + 1;
		run_hdr(r, &h, text, tlen, name, lineno);
	}
	free(b.p);
out:
	if (rc < 0) {
		util_warn("%s: %s", name, strerror(-rc));
		r->errors++;
		return -1;
	}
	if (lineno == 0 && o->ndirs == 0 && o->nfiles == 0 && geteuid() != 0)
		util_warn(_("--journal: no entries found (to read the whole "
			    "system journal, be root or in the group adm or "
			    "systemd-journal)"));
	return 0;
}

int
journal_read(struct run *r, const struct journal_opts *o)
{
	sd_journal *j = NULL;
	const char **files;
	size_t i, n = 0;
	int rc, status = 0;

	if (o->ndirs == 0 && o->nfiles == 0) {
		if ((rc = sd_journal_open(&j, SD_JOURNAL_LOCAL_ONLY)) < 0) {
			util_warn("journal: %s", strerror(-rc));
			r->errors++;
			return -1;
		}
		status = journal_read_one(r, j, o, "journal");
		sd_journal_close(j);
		return status;
	}
	for (i = 0; i < o->ndirs; i++) {
		/* sd-journal skips what it cannot read: say so here */
		if (access(o->dirs[i], R_OK | X_OK) != 0)
			rc = errno ? -errno : -EACCES;
		else
			rc = sd_journal_open_directory(&j, o->dirs[i], 0);
		if (rc < 0) {
			util_warn("%s: %s", o->dirs[i], strerror(-rc));
			r->errors++;
			status = -1;
			continue;
		}
		if (journal_read_one(r, j, o, o->dirs[i]) < 0)
			status = -1;
		sd_journal_close(j);
	}
	if (o->nfiles == 0)
		return status;
	/* the files are read together, interleaved by time, like journalctl */
	files = xcalloc(o->nfiles + 1, sizeof(*files));
	for (i = 0; i < o->nfiles; i++) {
		if (access(o->files[i], R_OK) != 0) {
			util_warn("%s: %s", o->files[i], strerror(errno));
			r->errors++;
			status = -1;
			continue;
		}
		files[n++] = o->files[i];
	}
	if (n > 0) {
		if ((rc = sd_journal_open_files(&j, files, 0)) < 0) {
			util_warn("%s: %s", n == 1 ? files[0] : "journal",
			    rc == -EBADMSG ? _("not a journal file")
					   : strerror(-rc));
			r->errors++;
			status = -1;
		} else {
			if (journal_read_one(r, j, o,
				n == 1 ? files[0] : "journal") < 0)
				status = -1;
			sd_journal_close(j);
		}
	}
	free(files);
	return status;
}

#else /* !HAVE_LIBSYSTEMD */

int
journal_available(void)
{
	return 0;
}

int
journal_read(struct run *r, const struct journal_opts *o)
{
	(void)o;
	util_warn(_("--journal: this smtplog was built without libsystemd"));
	r->errors++;
	return -1;
}

#endif
