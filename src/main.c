/*
 * main.c - smtplog's command line: options, inputs, exit status.
 *
 * Everything else lives in libsmtplog (run, pat, agg, report ...); this
 * file only parses options, finds the patterns, runs the inputs in order
 * and picks the reporter; "smtplog merge" and --follow hand over to
 * merge.c and follow.c. Exit status: 0 success, 1 an input could not be
 * read (the others were), 2 usage error, bad pattern file, or (merge) a
 * file that is not a smtplog JSON summary, 3 a --fail-on rule fired (1
 * and 2 win over 3).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "explain.h"
#include "follow.h"
#include "i18n.h"
#include "journal.h"
#include "merge.h"
#include "output.h"
#include "pat.h"
#include "progress.h"
#include "report.h"
#include "rotate.h"
#include "rule.h"
#include "run.h"
#include "sig.h"
#include "util.h"
#include "zin.h"
#include "when.h"

/* Options without a short form, past every character. */
enum { OPT_FOLLOW = 0x100, OPT_INTERVAL };

#ifndef SMTPLOG_PATTERNS_DIR
#define SMTPLOG_PATTERNS_DIR "/usr/local/share/smtplog/patterns"
#endif

static void
usage(FILE *fp)
{
	fprintf(fp,
	    _("Usage: smtplog [OPTION]... [FILE]...\n"
	      "       smtplog explain [--format=json] CODE [CODE]\n"
	      "       smtplog merge [OPTION]... [FILE.json]...\n"
	      "Count the SMTP replies in Postfix, Exim and Sendmail logs "
	      "by class and code,\n"
	      "and explain the most frequent failures with advice on "
	      "fixing them.\n"
	      "With no FILE, or when FILE is -, read standard input.\n"
	      "\n"));
	fprintf(fp,
	    _("  -f, --format=FORMAT   output format: %s\n"
	      "                        (default text)\n"
	      "  -o, --output=FILE     write the report to FILE, replaced "
	      "whole once complete\n"
	      "                        (- is standard output); never with "
	      "colour\n"
	      "  -n, --top=N           explain the N most frequent "
	      "failures (default 10)\n"
	      "      --peers=N         list N domains and hosts per "
	      "failure (default 5)\n"
	      "  -j, --jobs=N          threads for a large regular file "
	      "(default: the CPUs);\n"
	      "                        above 1, stdin and compressed files "
	      "are read ahead\n"
	      "      --max-peers=N     keep at most N domains and hosts "
	      "in all (default 65536)\n"
	      "  -p, --patterns=DIR    load the *.pat pattern files from "
	      "DIR\n"
	      "      --lang=LANG       language of the report: en, fr, de, "
	      "ru (default: locale)\n"
	      "      --trace           print what became of each line "
	      "instead of a report\n"
	      "                        (event, noreply, unparsed, other, "
	      "noheader, marker)\n"
	      "      --color[=WHEN]    colour the text report: auto, "
	      "always, never\n"
	      "                        (default auto: only on a terminal, "
	      "never with NO_COLOR)\n"
	      "  -h, --help            show this help and exit\n"
	      "  -V, --version         show the version and exit\n"
	      "\n"),
	    report_names());
	fprintf(fp,
	    _("Files and standard input compressed with gzip, bzip2, xz or "
	      "zstd are read\n"
	      "as they are, and the rotated generations of a log "
	      "(mail.log.2.gz mail.log.1\n"
	      "mail.log) are read oldest first.\n"
	      "\n"));
	fprintf(fp,
	    _("The systemd journal:\n"
	      "      --journal         read the journal (the mail units' "
	      "entries) instead of\n"
	      "                        standard input; the options below "
	      "imply it\n"
	      "      --unit=UNIT       read this unit's entries instead: a "
	      "name or a glob\n"
	      "                        (repeatable)\n"
	      "      --journal-dir=DIR read the journal files in DIR "
	      "(repeatable)\n"
	      "      --journal-file=FILE\n"
	      "                        read this journal file "
	      "(repeatable)\n"
	      "Lines of journalctl -o json and -o json-seq are recognised "
	      "in any input.\n"
	      "A smtplog built without libsystemd refuses --journal (exit "
	      "status 2).\n"
	      "\n"));
	fprintf(fp,
	    _("Time window (local time, TZ):\n"
	      "      --since=TIME      count only lines at or after TIME\n"
	      "      --until=TIME      count only lines before TIME\n"
	      "      --yesterday       the day before today: --since "
	      "yesterday --until today\n"
	      "  TIME is YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (or with a T), "
	      "today, yesterday,\n"
	      "  now, or -N[smhd]: N seconds, minutes, hours or days "
	      "before now. Lines\n"
	      "  outside the window are counted as skipped (--trace: "
	      "outside), and so\n"
	      "  are lines whose date cannot be (--trace: notime).\n"
	      "\n"));
	fprintf(fp,
	    _("For cron and monitoring:\n"
	      "      --fail-on=RULE    exit 3 when RULE holds, e.g. "
	      "'5xx>100', 'out:4xx>5%%',\n"
	      "                        '5.7.1>0' (repeatable; see "
	      "smtplog(1))\n"
	      "      --quiet-if-clean  print nothing when no rule fired "
	      "(without --fail-on:\n"
	      "                        when there was no 4xx or 5xx "
	      "reply), for cron\n"
	      "      --redact          hide the local part of every mail "
	      "address taken from\n"
	      "                        the log: <*@example.com>\n"
	      "      --no-progress     no progress line on standard error "
	      "(shown only on a\n"
	      "                        terminal, after a second)\n"
	      "\n"));
	fprintf(fp,
	    _("Growing logs and summaries of several servers:\n"
	      "      --follow          keep reading the FILEs as they grow "
	      "(like tail -F, from\n"
	      "                        their start), print a summary every "
	      "--interval and\n"
	      "                        a last one on SIGINT or SIGTERM; "
	      "standard input is\n"
	      "                        read until it ends\n"
	      "      --interval=SECS   seconds between --follow summaries "
	      "(default 60)\n"
	      "\n"
	      "smtplog merge combines JSON summaries written by smtplog -f "
	      "json (on several\n"
	      "servers, or days) into one report, as if all their logs had "
	      "been read at once;\n"
	      "a file that is not such a summary is refused with exit status "
	      "2.\n"
	      "\n"));
	fprintf(fp,
	    _("smtplog explain prints what a reply code means, when "
	      "you see it and how\n"
	      "to fix it; CODE is 550, 5.1.1 or \"550 5.1.1\". With two "
	      "codes it compares them.\n"
	      "\n"
	      "Input formats are recognised per line: classic syslog, RFC "
	      "3339 syslog,\n"
	      "journalctl -o short, short-iso, short-precise, short-full "
	      "and short-unix,\n"
	      "and Exim's own mainlog and rejectlog.\n"
	      "\n"
	      "Exit status: 0 success, 1 an input could not be read, 2 "
	      "usage error or\n"
	      "bad pattern file, 3 a --fail-on rule fired.\n"
	      "Patterns directory by default: %s\n"
	      "See smtplog(1) for the JSON schema and the pattern file "
	      "format.\n"),
	    SMTPLOG_PATTERNS_DIR);
}

/* Parse a count option; exits 2 on anything but a number in [0, max]. */
static size_t
parse_count(const char *opt, const char *s, size_t max)
{
	char *end;
	unsigned long v;

	errno = 0;
	/* getopt_long() gives every option with a required argument one */
	/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
	v = strtoul(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || *s == '-' || v > max) {
		util_warn(_("%s: not a number from 0 to %zu: '%s'"), opt, max,
		    s);
		exit(2);
	}
	return (size_t)v;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * DIR beside the running binary ("<bindir>/../REL") when it exists: how
 * smtplog finds its patterns and messages in a build tree.
 */
static const char *
exe_relative(const char *rel, char *buf, size_t n)
{
	ssize_t l = readlink("/proc/self/exe", buf, n - 1);
	char *slash;
	size_t len;

	if (l <= 0)
		return NULL;
	buf[l] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return NULL;
	*slash = '\0';
	len = strlen(buf);
	if (snprintf(buf + len, n - len, "/../%s", rel) >= (int)(n - len))
		return NULL;
	return is_dir(buf) ? buf : NULL;
}

/*
 * The patterns directory: --patterns, else $SMTPLOG_PATTERNS, else the
 * installed one, else ../patterns beside the binary (a source tree).
 */
static const char *
patterns_dir(const char *opt, char *buf, size_t n)
{
	const char *env = getenv("SMTPLOG_PATTERNS"), *rel;

	if (opt != NULL)
		return opt;
	if (env != NULL && *env != '\0')
		return env;
	if (is_dir(SMTPLOG_PATTERNS_DIR))
		return SMTPLOG_PATTERNS_DIR;
	rel = exe_relative("patterns", buf, n);
	return rel ? rel : SMTPLOG_PATTERNS_DIR;
}

/* The languages smtplog has messages and explanations in. */
static int
known_lang(const char *l)
{
	/* --lang's argument is required: getopt_long() always sets it */
	/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
	return strcmp(l, "en") == 0 || strcmp(l, "fr") == 0 ||
	    strcmp(l, "de") == 0 || strcmp(l, "ru") == 0;
}

/* The language the environment asks for: "fr" of LC_ALL=fr_FR.UTF-8. */
static const char *
env_lang(char *buf, size_t n)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES",
	    "LANG"};
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0') {
			snprintf(buf, n, "%.2s", v);
			return buf;
		}
	return NULL;
}

/*
 * Choose the language: --lang, else the locale. Messages come from
 * $SMTPLOG_LOCALEDIR, ../locale beside the binary (a build tree), or the
 * installed locale directory. gettext ignores the language in the "C"
 * locale, so when the asked-for locale is not installed on this machine
 * (LANG=fr_FR.UTF-8 on a system without it) run in C.UTF-8 and name the
 * language with LANGUAGE.
 */
static void
setup_language(const char *lang)
{
#if ENABLE_NLS
	const char *dir = getenv("SMTPLOG_LOCALEDIR"), *cur;
	char buf[PATH_MAX], want[8];

	if (lang != NULL)
		setenv("LANGUAGE", lang, 1);
	cur = setlocale(LC_ALL, "");
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0) {
		if (env_lang(want, sizeof(want)) != NULL && known_lang(want) &&
		    strcmp(want, "en") != 0 &&
		    setlocale(LC_ALL, "C.UTF-8") != NULL)
			setenv("LANGUAGE", want, 1);
	}
	if (dir == NULL || *dir == '\0')
		dir = exe_relative("locale", buf, sizeof(buf));
	bindtextdomain(PACKAGE, dir ? dir : LOCALEDIR);
	textdomain(PACKAGE);
#else
	(void)lang;
	setlocale(LC_ALL, "");
#endif
}

/* The reference time for year-less lines: now, or $SMTPLOG_NOW. */
static time_t
reference_now(void)
{
	const char *s = getenv("SMTPLOG_NOW");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return time(NULL);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end != '\0') {
		util_warn(
		    "SMTPLOG_NOW: not a number of seconds since the epoch: "
		    "'%s'",
		    s);
		exit(2);
	}
	return (time_t)v;
}

/* Long options without a short form, past any character value. */
enum { OPT_SINCE = 0x1100, OPT_UNTIL, OPT_YESTERDAY };

/*
 * --since, --until and --yesterday into W; exits 2 on a TIME that cannot
 * be read, an empty window, or --yesterday beside --since or --until.
 */
static void
parse_window(struct run_window *w, const char *since, const char *until,
    int yesterday, time_t now)
{
	char err[512];

	memset(w, 0, sizeof(*w));
	if (yesterday) {
		if (since != NULL || until != NULL) {
			util_warn(_("--yesterday cannot be combined with "
				    "--since or --until"));
			exit(2);
		}
		since = "yesterday";
		until = "today";
	}
	if (since != NULL) {
		if (when_parse(since, now, &w->since, err, sizeof(err)) < 0) {
			util_warn("--since: %s", err);
			exit(2);
		}
		w->has_since = 1;
	}
	if (until != NULL) {
		if (when_parse(until, now, &w->until, err, sizeof(err)) < 0) {
			util_warn("--until: %s", err);
			exit(2);
		}
		w->has_until = 1;
	}
	if (w->has_since && w->has_until && w->since >= w->until) {
		util_warn(_("the window is empty: --since '%s' is not before "
			    "--until '%s'"),
		    since, until);
		exit(2);
	}
}

/* Threads by default: the online CPUs. */
static int
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* What --journal reads; the arrays (as long as argv) point into argv and
 * live as long as the program. */
static struct journal_opts jo;

/* The journal options: codes no single-letter option can take. */
enum {
	OPT_JOURNAL = 0x4a00,
	OPT_UNIT,
	OPT_JOURNAL_DIR,
	OPT_JOURNAL_FILE,
};

/* Long options without a short form, for operations (cron, monitoring). */
enum {
	OPT_FAIL_ON = 0x1000,
	OPT_QUIET_IF_CLEAN,
	OPT_REDACT,
	OPT_NO_PROGRESS,
};

/* --fail-on: parse the N rules of TEXTS into V; a bad one exits 2. */
static void
parse_rules(const char *const *texts, size_t n, struct rule *v)
{
	char err[512];
	size_t i;

	for (i = 0; i < n; i++)
		if (rule_parse(texts[i], &v[i], err, sizeof(err)) < 0) {
			util_warn("--fail-on: %s", err);
			exit(2);
		}
}

/*
 * --fail-on after the run: measure the N rules on A, name each one that
 * fired on stderr (cron mails it whatever the format), and hand the
 * results (RES, N of them) to the reporters through RO. Returns how many
 * fired.
 */
static size_t
main_rules(const struct rule *rulev, size_t n, const struct agg *a,
    struct report_opts *ro, struct rule_result *res)
{
	char rs[96], vs[128];
	size_t i, fired = rule_check(rulev, n, a, res);

	for (i = 0; i < n; i++)
		if (res[i].fired)
			util_warn(_("rule %s fired: %s"),
			    rule_str(&rulev[i], rs, sizeof(rs)),
			    rule_value_str(&rulev[i], &res[i], vs, sizeof(vs)));
	ro->rules = rulev;
	ro->results = res;
	ro->nrules = n;
	return fired;
}

/*
 * -o FILE: can a file be made in its directory? Asked before the run so
 * that a long run does not end in "Permission denied"; exits 2 if not.
 */
static void
output_check(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s",
		    slash == path ? 1 : (int)(slash - path), path);
	if (access(dir, W_OK | X_OK) != 0) {
		util_warn("%s: %s", path, strerror(errno));
		exit(2);
	}
}

/* The writer of -o PATH (NULL: standard output); exits 2 when the file
 * cannot be made. */
static struct output *
main_out_open(const char *path)
{
	char err[PATH_MAX + 256];
	struct output *w = output_open(path ? path : "-", err, sizeof(err));

	if (w == NULL) {
		util_warn("%s", err);
		exit(2);
	}
	return w;
}

/* Publish the report (KEEP) or drop it; STATUS, or 2 when writing
 * failed. */
static int
main_out_close(struct output *w, int keep, int status)
{
	char err[PATH_MAX + 256];

	if (output_close(w, keep, err, sizeof(err)) < 0) {
		util_warn("%s", err);
		return 2;
	}
	return status;
}

/* Does the run read standard input (no FILE, or "-")? */
static int
reads_stdin(int argc, char **argv, int first)
{
	int i;

	for (i = first; i < argc; i++)
		if (strcmp(argv[i], "-") == 0)
			return 1;
	return first >= argc;
}

/*
 * "smtplog merge FILE.json...": one report from JSON summaries. Exit 0;
 * 1 when a file could not be read (the others are merged); 2 when one is
 * not a summary this smtplog can merge (nothing is printed).
 */
static int
main_merge(int argc, char **argv, const struct run_rules *rules,
    const struct report_format *fmt, struct report_opts *ro,
    const char *outpath)
{
	struct output *w;
	static char dash[] = "-";
	char *stdin_only[] = {dash};
	struct agg *a = agg_new();
	char err[1024];
	int i, inputs = 0, status = 0;

	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	for (i = 0; i < argc && status < 2; i++) {
		switch (merge_path(a, rules->sigs, argv[i], &inputs, err,
		    sizeof(err))) {
		case MERGE_OK:
			break;
		case MERGE_UNREADABLE:
			util_warn("%s", err);
			status = 1;
			break;
		default:
			util_warn("%s", err);
			status = 2;
			break;
		}
	}
	ro->ninputs = inputs;
	ro->sigs = rules->sigs;
	/* a file gets only a whole merge: not with a summary left out */
	if (status == 1 && outpath != NULL)
		util_warn(_("%s: not written: an input could not be read"),
		    outpath);
	else if (status < 2) {
		w = main_out_open(outpath);
		if (fmt->emit(output_fp(w), a, ro) < 0) {
			util_warn(_("writing the report: %s"), strerror(errno));
			status = main_out_close(w, 0, 2);
		} else
			status = main_out_close(w, 1, status);
	}
	agg_free(a);
	return status;
}

/* --follow: the FILEs (standard input without any) until a signal. */
static int
main_follow(struct run *r, int argc, char **argv, unsigned interval,
    const struct report_format *fmt, const struct report_opts *ro,
    const char *outpath)
{
	static char dash[] = "-";
	char *stdin_only[] = {dash};
	struct follow_opts fo = {interval, fmt, ro, stdout, outpath};
	struct follow *f;
	int status;

	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	f = follow_new(r, argv, argc);
	status = follow_run(f, &fo);
	follow_free(f);
	return status;
}

/* "smtplog explain CODE [CODE]": exit 0, or 2 on a bad code. */
static int
main_explain(int argc, char **argv, int json, const char *outpath)
{
	struct explain_code codes[2];
	struct output *w;
	char err[256];
	int n;

	if (explain_args(argc, argv, codes, &n, err, sizeof(err)) < 0) {
		util_warn("%s", err);
		return 2;
	}
	w = main_out_open(outpath);
	if (explain_print(output_fp(w), codes, n, json) < 0) {
		util_warn(_("writing the report: %s"), strerror(errno));
		return main_out_close(w, 0, 2);
	}
	return main_out_close(w, 1, 0);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"top", required_argument, NULL, 'n'},
	    {"peers", required_argument, NULL, 'P'},
	    {"patterns", required_argument, NULL, 'p'},
	    {"color", optional_argument, NULL, 'C'},
	    {"colour", optional_argument, NULL, 'C'},
	    {"trace", no_argument, NULL, 'T'},
	    {"lang", required_argument, NULL, 'L'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"max-peers", required_argument, NULL, 'M'},
	    {"journal", no_argument, NULL, OPT_JOURNAL},
	    {"unit", required_argument, NULL, OPT_UNIT},
	    {"journal-dir", required_argument, NULL, OPT_JOURNAL_DIR},
	    {"journal-file", required_argument, NULL, OPT_JOURNAL_FILE},
	    {"since", required_argument, NULL, OPT_SINCE},
	    {"until", required_argument, NULL, OPT_UNTIL},
	    {"yesterday", no_argument, NULL, OPT_YESTERDAY},
	    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
	    {"quiet-if-clean", no_argument, NULL, OPT_QUIET_IF_CLEAN},
	    {"redact", no_argument, NULL, OPT_REDACT},
	    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {"follow", no_argument, NULL, OPT_FOLLOW},
	    {"interval", required_argument, NULL, OPT_INTERVAL},
	    {"output", required_argument, NULL, 'o'},
	    {NULL, 0, NULL, 0},
	};
	const struct report_format *fmt = report_find("text");
	struct report_opts ro = {.top = 10, .peers = 5};
	const char *popt = NULL, *color = "auto", *dir, *lang = NULL, *no_color;
	char err[1024], buf[PATH_MAX];
	struct run_rules rules;
	struct run r;
	int c, i, status, trace = 0, help = 0, jobs = default_jobs();
	/* operations: --fail-on, --quiet-if-clean, --redact, progress */
	const char *fail_on[RULE_MAX];
	struct rule rulev[RULE_MAX];
	struct rule_result results[RULE_MAX];
	size_t nrules = 0, fired = 0;
	int quiet = 0, redact = 0, progress = 1, clean;
	size_t max_peers = 0;
	uint64_t hits;   /* PCRE2 limit hits of the run */
	int journal = 0; /* --journal or one of its options */
	const char *since = NULL, *until = NULL;
	const char *outpath = NULL; /* -o; NULL: standard output */
	struct output *w = NULL;
	struct run_window win;
	int yesterday = 0;
	time_t now;

	jo.units = xcalloc((size_t)argc, sizeof(char *));
	jo.dirs = xcalloc((size_t)argc, sizeof(char *));
	jo.files = xcalloc((size_t)argc, sizeof(char *));
	int follow = 0, merge;
	unsigned interval = 60;

	/* the locale's language for what parsing the options may say;
	 * --lang changes it from where it stands on */
	setup_language(NULL);
	while ((c = getopt_long(argc, argv, "f:n:o:p:j:hV", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'f':
			if ((fmt = report_find(optarg)) == NULL) {
				util_warn(_("unknown format '%s' (known: %s)"),
				    optarg, report_names());
				return 2;
			}
			break;
		case 'n':
			ro.top = parse_count("--top", optarg, 1000);
			break;
		case 'P':
			ro.peers = parse_count("--peers", optarg, 1000);
			break;
		case 'p':
			popt = optarg;
			break;
		case 'o':
			/* required argument: getopt_long() always sets it */
			/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker) */
			outpath = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'C':
			color = optarg ? optarg : "always";
			if (strcmp(color, "auto") != 0 &&
			    strcmp(color, "always") != 0 &&
			    strcmp(color, "never") != 0) {
				util_warn(
				    "--color takes auto, always or never, "
				    "not '%s'",
				    color);
				return 2;
			}
			break;
		case 'T':
			trace = 1;
			break;
		case 'j':
			jobs = (int)parse_count("--jobs", optarg, 256);
			if (jobs < 1)
				jobs = 1;
			break;
		case 'M':
			max_peers =
			    parse_count("--max-peers", optarg, 100000000);
			if (max_peers < 16)
				max_peers = 16;
			break;
		case 'L':
			if (!known_lang(optarg)) {
				util_warn(
				    _("--lang takes en, fr, de or ru, not "
				      "'%s'"),
				    optarg);
				return 2;
			}
			lang = optarg;
			setup_language(lang);
			break;
		case OPT_JOURNAL:
			journal = 1;
			break;
		case OPT_UNIT:
			jo.units[jo.nunits++] = optarg;
			journal = 1;
			break;
		case OPT_JOURNAL_DIR:
			jo.dirs[jo.ndirs++] = optarg;
			journal = 1;
			break;
		case OPT_JOURNAL_FILE:
			jo.files[jo.nfiles++] = optarg;
			journal = 1;
			break;
		case OPT_SINCE:
			since = optarg;
			break;
		case OPT_UNTIL:
			until = optarg;
			break;
		case OPT_YESTERDAY:
			yesterday = 1;
			break;
		case OPT_FAIL_ON:
			if (nrules == RULE_MAX) {
				util_warn(_("--fail-on: at most %d rules"),
				    RULE_MAX);
				return 2;
			}
			fail_on[nrules++] = optarg;
			break;
		case OPT_QUIET_IF_CLEAN:
			quiet = 1;
			break;
		case OPT_REDACT:
			redact = 1;
			break;
		case OPT_NO_PROGRESS:
			progress = 0;
			break;
		case OPT_FOLLOW:
			follow = 1;
			break;
		case OPT_INTERVAL:
			interval =
			    (unsigned)parse_count("--interval", optarg, 86400);
			if (interval == 0) {
				util_warn(
				    _("--interval: not a number from 1 to "
				      "86400: '%s'"),
				    optarg);
				return 2;
			}
			break;
		case 'h':
			help = 1;
			break;
		case 'V':
			printf("smtplog %s\n", PACKAGE_VERSION);
			printf(_("compressed input: %s\n"), zin_builtin());
			return 0;
		default:
			fputs(_("Try 'smtplog --help' for more "
				"information.\n"),
			    stderr);
			return 2;
		}
	}
	if (help) {
		usage(stdout);
		return 0;
	}
	if (outpath != NULL)
		output_check(outpath);
	if (optind < argc && strcmp(argv[optind], "explain") == 0)
		return main_explain(argc - optind - 1, argv + optind + 1,
		    strcmp(fmt->name, "json") == 0, outpath);

	if (journal && !journal_available()) {
		util_warn(_("--journal: this smtplog was built without "
			    "libsystemd"));
		return 2;
	}

	/* NO_COLOR (no-color.org): set and not empty means no colour, ever */
	if ((no_color = getenv("NO_COLOR")) != NULL && *no_color != '\0')
		ro.color = 0;
	else if (strcmp(color, "always") == 0)
		ro.color = 1;
	else if (strcmp(color, "auto") == 0)
		ro.color = isatty(STDOUT_FILENO);
	if (outpath != NULL) /* a file is read later, by anything */
		ro.color = 0;

	now = reference_now();
	parse_window(&win, since, until, yesterday, now);
	if (quiet && trace) {
		util_warn("%s",
		    _("--quiet-if-clean cannot be used with --trace"));
		return 2;
	}
	parse_rules(fail_on, nrules, rulev);
	util_set_redact(redact);

	merge = optind < argc && strcmp(argv[optind], "merge") == 0;
	if (follow && trace && outpath != NULL) {
		util_warn("%s",
		    _("--follow --trace writes to standard output: no -o"));
		return 2;
	}
	if (merge && (follow || trace)) {
		util_warn("%s",
		    _("merge reads summaries: no --follow or --trace"));
		return 2;
	}
	dir = patterns_dir(popt, buf, sizeof(buf));
	if (run_rules_load(&rules, dir, err, sizeof(err)) < 0) {
		util_warn("%s", err);
		return 2;
	}
	if (merge) {
		status = main_merge(argc - optind - 1, argv + optind + 1,
		    &rules, fmt, &ro, outpath);
		run_rules_free(&rules);
		return status;
	}
	run_init(&r, rules.pats, now);
	r.win = win;
	ro.win = &r.win;
	r.sigs = rules.sigs;
	r.jobs = jobs;
	r.dir = dir;
	if (max_peers) {
		r.max_peers = max_peers;
		agg_limit_peers(r.agg, max_peers);
	}
	ro.sigs = rules.sigs;
	if (trace && !follow) {
		w = main_out_open(outpath);
		r.trace = output_fp(w);
	} else if (trace)
		r.trace = stdout;
	/* progress: for a person at a terminal, never in cron or a pipe,
	 * nor between the lines of a --trace or of typed input */
	if (progress && isatty(STDERR_FILENO) &&
	    !(trace && isatty(STDOUT_FILENO)) &&
	    !(reads_stdin(argc, argv, optind) && isatty(STDIN_FILENO)))
		r.progress = progress_start(stderr);
	if (follow) {
		progress_stop(r.progress);
		r.progress = NULL;
		status = main_follow(&r, argc - optind, argv + optind, interval,
		    fmt, &ro, outpath);
		run_done(&r);
		run_rules_free(&rules);
		return status;
	}
	if (journal)
		journal_read(&r, &jo);
	if (optind == argc && !journal)
		run_path(&r, "-");
	/* mail.log.2.gz mail.log.1 mail.log: rotated logs oldest first */
	rotate_order(argv + optind, (size_t)(argc - optind));
	for (i = optind; i < argc; i++)
		run_path(&r, argv[i]);
	run_finish(&r);
	progress_stop(r.progress);
	r.progress = NULL;
	hits = agg_counts(r.agg)->limit_hits;
	if (hits > 0)
		util_warn(
		    P_("a pattern gave up %" PRIu64 " time at the PCRE2 "
		       "match or depth limit (hostile input, or a pattern "
		       "that backtracks too much); see match limit hits",
			"a pattern gave up %" PRIu64
			" times at the PCRE2 match "
			"or depth limit (hostile input, or a pattern that "
			"backtracks too much); see match limit hits",
			hits),
		    hits);
	ro.ninputs = r.inputs;
	if (nrules > 0)
		fired = main_rules(rulev, nrules, r.agg, &ro, results);
	/* clean: every input read, and no rule fired (no 4xx or 5xx event
	 * when there are no rules) */
	clean = r.errors == 0 &&
	    (nrules > 0 ? fired == 0 : rule_failures(r.agg) == 0);
	status = r.errors ? 1 : fired ? 3 : 0;
	/* -o FILE: only a complete run replaces it (exit 3 is one: the
	 * report is whole, a rule fired); standard output gets the report
	 * of the inputs that could be read, as always */
	if (status == 1 && outpath != NULL) {
		util_warn(_("%s: not written: an input could not be read"),
		    outpath);
		if (w != NULL)
			(void)main_out_close(w, 0, 0);
	} else {
		if (w == NULL)
			w = main_out_open(outpath);
		if (!trace && !(quiet && clean) &&
		    fmt->emit(output_fp(w), r.agg, &ro) < 0) {
			util_warn(_("writing the report: %s"), strerror(errno));
			status = main_out_close(w, 0, 2);
		} else
			status = main_out_close(w, 1, status);
	}
	run_done(&r);
	run_rules_free(&rules);
	return status;
}
