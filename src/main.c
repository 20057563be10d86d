/*
 * main.c - smtplog's command line: options, inputs, exit status.
 *
 * Everything else lives in libsmtplog (run, pat, agg, report ...); this
 * file only parses options, finds the patterns, runs the inputs in order
 * and picks the reporter. Exit status: 0 success, 1 an input could not be
 * read (the others were), 2 usage error or bad pattern file.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pat.h"
#include "report.h"
#include "run.h"
#include "util.h"

#ifndef SMTPLOG_PATTERNS_DIR
#define SMTPLOG_PATTERNS_DIR "/usr/local/share/smtplog/patterns"
#endif

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "Usage: smtplog [OPTION]... [FILE]...\n"
	    "Count the SMTP replies in Postfix, Exim and Sendmail logs by class and code,\n"
	    "and explain the most frequent failures with advice on fixing them.\n"
	    "With no FILE, or when FILE is -, read standard input.\n"
	    "\n"
	    "  -f, --format=FORMAT   output format: %s (default text)\n"
	    "  -n, --top=N           explain the N most frequent failures (default 10)\n"
	    "      --peers=N         list N domains and hosts per failure (default 5)\n"
	    "  -p, --patterns=DIR    load the *.pat pattern files from DIR\n"
	    "      --trace           print what became of each line instead of a report\n"
	    "                        (event, noreply, unparsed, other, noheader, marker)\n"
	    "      --color[=WHEN]    colour the text report: auto, always, never\n"
	    "                        (default auto: only on a terminal, never with NO_COLOR)\n"
	    "  -h, --help            show this help and exit\n"
	    "  -V, --version         show the version and exit\n"
	    "\n"
	    "Input formats are recognised per line: classic syslog, RFC 3339 syslog,\n"
	    "journalctl -o short, short-iso, short-precise, short-full and short-unix,\n"
	    "and Exim's own mainlog and rejectlog.\n"
	    "\n"
	    "Exit status: 0 success, 1 an input could not be read, 2 usage error or\n"
	    "bad pattern file.\n"
	    "Patterns directory by default: %s\n"
	    "See smtplog(1) for the JSON schema and the pattern file format.\n",
	    report_names(), SMTPLOG_PATTERNS_DIR);
}

/* Parse a count option; exits 2 on anything but a number in [0, max]. */
static size_t
parse_count(const char *opt, const char *s, size_t max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || *s == '-' || v > max) {
		util_warn("%s: not a number from 0 to %zu: '%s'", opt, max, s);
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
 * The patterns directory: --patterns, else $SMTPLOG_PATTERNS, else the
 * installed one, else ../patterns beside the binary (a source tree).
 */
static const char *
patterns_dir(const char *opt, char *buf, size_t n)
{
	const char *env = getenv("SMTPLOG_PATTERNS");
	ssize_t l;
	char *slash;

	if (opt != NULL)
		return opt;
	if (env != NULL && *env != '\0')
		return env;
	if (is_dir(SMTPLOG_PATTERNS_DIR))
		return SMTPLOG_PATTERNS_DIR;
	l = readlink("/proc/self/exe", buf, n - 1);
	if (l > 0) {
		buf[l] = '\0';
		if ((slash = strrchr(buf, '/')) != NULL) {
			*slash = '\0';
			if ((size_t)l + 16 < n) {
				strcat(buf, "/../patterns");
				if (is_dir(buf))
					return buf;
			}
		}
	}
	return SMTPLOG_PATTERNS_DIR;
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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {{"format", required_argument,
						     NULL, 'f'},
	    {"top", required_argument, NULL, 'n'},
	    {"peers", required_argument, NULL, 'P'},
	    {"patterns", required_argument, NULL, 'p'},
	    {"color", optional_argument, NULL, 'C'},
	    {"colour", optional_argument, NULL, 'C'},
	    {"trace", no_argument, NULL, 'T'}, {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0}};
	const struct report_format *fmt = report_find("text");
	struct report_opts ro = {10, 5, 0, 0};
	const char *popt = NULL, *color = "auto", *dir;
	char err[1024], buf[PATH_MAX];
	struct pat_set *pats;
	struct run r;
	int c, i, status, trace = 0;

	while (
	    (c = getopt_long(argc, argv, "f:n:p:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((fmt = report_find(optarg)) == NULL) {
				util_warn("unknown format '%s' (known: %s)",
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
		case 'C':
			color = optarg ? optarg : "always";
			if (strcmp(color, "auto") && strcmp(color, "always") &&
			    strcmp(color, "never")) {
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
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("smtplog %s\n", PACKAGE_VERSION);
			return 0;
		default:
			fprintf(stderr,
			    "Try 'smtplog --help' for more "
			    "information.\n");
			return 2;
		}
	}
	/* NO_COLOR (no-color.org): set and not empty means no colour, ever */
	if (getenv("NO_COLOR") != NULL && *getenv("NO_COLOR") != '\0')
		ro.color = 0;
	else if (strcmp(color, "always") == 0)
		ro.color = 1;
	else if (strcmp(color, "auto") == 0)
		ro.color = isatty(STDOUT_FILENO);

	dir = patterns_dir(popt, buf, sizeof(buf));
	if ((pats = pat_load_dir(dir, err, sizeof(err))) == NULL) {
		util_warn("%s", err);
		return 2;
	}
	run_init(&r, pats, reference_now());
	if (trace)
		r.trace = stdout;
	if (optind == argc)
		run_path(&r, "-");
	for (i = optind; i < argc; i++)
		run_path(&r, argv[i]);
	run_finish(&r);
	ro.ninputs = r.inputs;
	status = r.errors ? 1 : 0;
	if ((!trace && fmt->emit(stdout, r.agg, &ro) < 0) ||
	    fflush(stdout) != 0) {
		util_warn("writing the report: %s", strerror(errno));
		status = 2;
	}
	run_done(&r);
	pat_free(pats);
	return status;
}
