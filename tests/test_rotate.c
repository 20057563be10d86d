/*
 * test_rotate.c - unit tests for rotate.c: names in, order out.
 *
 * One table case per rule: numbered generations (highest first, with and
 * without compression suffixes, numbers of different widths, .0),
 * logrotate dateext names (by date, with hours, compressed), the live log
 * last, a mix of dated and numbered names, several bases interleaved
 * (each keeps the places its names held), names that are not
 * generations, directories in the names, standard input, and ties.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "rotate.h"

#define MAXN 12

struct rotate_case {
	const char *in[MAXN];  /* NULL-terminated */
	const char *out[MAXN]; /* NULL-terminated */
};

static void
run_rotate_case(void **state)
{
	const struct rotate_case *c = *state;
	char *names[MAXN];
	size_t n, i;

	for (n = 0; c->in[n] != NULL; n++)
		names[n] = (char *)c->in[n];
	rotate_order(names, n);
	for (i = 0; i < n; i++)
		assert_string_equal(names[i], c->out[i]);
	assert_null(c->out[n]);
}

static const struct rotate_case case_glob = {
    /* what the shell gives for mail.log*: sorted by name */
    {"mail.log", "mail.log.1", "mail.log.2.gz", "mail.log.3.gz", NULL},
    {"mail.log.3.gz", "mail.log.2.gz", "mail.log.1", "mail.log", NULL},
};
static const struct rotate_case case_wide_numbers = {
    /* 10 is older than 9, though it sorts before it by name */
    {"mail.log", "mail.log.1", "mail.log.10.gz", "mail.log.2.gz",
	"mail.log.9.gz", NULL},
    {"mail.log.10.gz", "mail.log.9.gz", "mail.log.2.gz", "mail.log.1",
	"mail.log", NULL},
};
static const struct rotate_case case_every_suffix = {
    {"m.log.1", "m.log.2.bz2", "m.log.3.xz", "m.log.4.zst", "m.log.5.gz",
	"m.log", NULL},
    {"m.log.5.gz", "m.log.4.zst", "m.log.3.xz", "m.log.2.bz2", "m.log.1",
	"m.log", NULL},
};
static const struct rotate_case case_savelog_zero = {
    /* savelog: .0 is the newest generation */
    {"syslog", "syslog.0", "syslog.1.gz", NULL},
    {"syslog.1.gz", "syslog.0", "syslog", NULL},
};
static const struct rotate_case case_leading_zeros = {
    {"a.log.010", "a.log.9", "a.log.0011", NULL},
    {"a.log.0011", "a.log.010", "a.log.9", NULL},
};
static const struct rotate_case case_dateext = {
    {"mail.log", "mail.log-20261121.gz", "mail.log-20261120",
	"mail.log-20261031.gz", NULL},
    {"mail.log-20261031.gz", "mail.log-20261120", "mail.log-20261121.gz",
	"mail.log", NULL},
};
static const struct rotate_case case_dateext_hours = {
    {"mail.log-2026112106", "mail.log-2026112100.gz", "mail.log", NULL},
    {"mail.log-2026112100.gz", "mail.log-2026112106", "mail.log", NULL},
};
static const struct rotate_case case_dated_before_numbered = {
    {"mail.log.1", "mail.log", "mail.log-20261120", NULL},
    {"mail.log-20261120", "mail.log.1", "mail.log", NULL},
};
static const struct rotate_case case_two_bases_interleaved = {
    /* each base's names fill the places they held */
    {"mail.log", "mail.err", "mail.log.1", "mail.err.2.gz", "mail.err.1", NULL},
    {"mail.log.1", "mail.err.2.gz", "mail.log", "mail.err.1", "mail.err", NULL},
};
static const struct rotate_case case_other_files_stay = {
    {"b.log", "a.log.1", "a.log", "c.txt", NULL},
    {"b.log", "a.log.1", "a.log", "c.txt", NULL},
};
static const struct rotate_case case_user_order_of_bases_kept = {
    {"z.log", "a.log", "z.log.1", "a.log.1", NULL},
    {"z.log.1", "a.log.1", "z.log", "a.log", NULL},
};
static const struct rotate_case case_directories = {
    /* the same name in two directories: two bases */
    {"/var/log/mail.log", "old/mail.log.1", "/var/log/mail.log.1",
	"old/mail.log", NULL},
    {"/var/log/mail.log.1", "old/mail.log.1", "/var/log/mail.log",
	"old/mail.log", NULL},
};
static const struct rotate_case case_not_generations = {
    /* digits without a separator, a short dash number, a bare number */
    {"log2", "log1", "x-123", "x-12", "2", "1", ".1", NULL},
    {"log2", "log1", "x-123", "x-12", "2", "1", ".1", NULL},
};
static const struct rotate_case case_stdin = {
    {"-", "mail.log", "mail.log.1", NULL},
    {"-", "mail.log.1", "mail.log", NULL},
};
static const struct rotate_case case_ties_keep_order = {
    /* the same generation, compressed and not; the live log twice */
    {"mail.log.1.gz", "mail.log", "mail.log.1", "mail.log.gz", NULL},
    {"mail.log.1.gz", "mail.log.1", "mail.log", "mail.log.gz", NULL},
};
static const struct rotate_case case_one = {
    {"mail.log.1", NULL},
    {"mail.log.1", NULL},
};
static const struct rotate_case case_none = {
    {NULL},
    {NULL},
};

#define CASE(name, c)                                                          \
	{                                                                      \
#name, run_rotate_case, NULL, NULL, (void *)&(c)               \
	}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    CASE(rotate_order__shell_glob__highest_number_first_live_last,
		case_glob),
	    CASE(rotate_order__numbers_of_two_widths__by_value,
		case_wide_numbers),
	    CASE(rotate_order__every_compression_suffix__ignored_for_order,
		case_every_suffix),
	    CASE(rotate_order__savelog_dot_zero__after_one, case_savelog_zero),
	    CASE(rotate_order__leading_zeros__by_value, case_leading_zeros),
	    CASE(rotate_order__dateext__oldest_date_first_live_last,
		case_dateext),
	    CASE(rotate_order__dateext_with_hours__by_time, case_dateext_hours),
	    CASE(rotate_order__dated_and_numbered__dated_first,
		case_dated_before_numbered),
	    CASE(rotate_order__two_bases_interleaved__each_in_its_places,
		case_two_bases_interleaved),
	    CASE(rotate_order__other_files__stay_where_they_were,
		case_other_files_stay),
	    CASE(rotate_order__bases_in_user_order__kept,
		case_user_order_of_bases_kept),
	    CASE(rotate_order__same_name_in_two_directories__two_bases,
		case_directories),
	    CASE(rotate_order__names_that_are_not_generations__unchanged,
		case_not_generations),
	    CASE(rotate_order__stdin__stays_first, case_stdin),
	    CASE(rotate_order__same_generation_twice__given_order_kept,
		case_ties_keep_order),
	    CASE(rotate_order__one_name__unchanged, case_one),
	    CASE(rotate_order__no_names__nothing_done, case_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
