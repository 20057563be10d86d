/*
 * test_kb.c - unit tests for the knowledge base (kb.c, kb_data.c).
 *
 * Whole-table checks (every field present, sorted, unique, every code
 * the RFCs and the IANA registry define is there and nothing else), then
 * table-driven cases for kb_basic(), kb_enhanced() and kb_explain(); each
 * case is its own cmocka test named fn__condition__expected.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "kb.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Basic codes RFC 5321, 3207, 4954 and 7504 define. */
static const int required_basic[] = {
    211,
    214,
    220,
    221,
    235,
    250,
    251,
    252,
    334,
    354,
    421,
    432,
    450,
    451,
    452,
    454,
    455,
    500,
    501,
    502,
    503,
    504,
    521,
    530,
    534,
    535,
    538,
    550,
    551,
    552,
    553,
    554,
    555,
    556,
};

/* Basic codes we carry beyond the required set (ETRN, RFC 1985). */
static const int extra_basic[] = {458, 459};

/* Highest detail per subject in the IANA enhanced status code registry. */
static const int registry_last_detail[] = {0, 10, 4, 6, 7, 6, 10, 30};

/* Fail unless s is a non-empty string; what names the field. */
static void
check_field(const char *code, const char *what, const char *s)
{
	if (s == NULL)
		fail_msg("%s: %s is NULL", code ? code : "(null)", what);
	if (*s == '\0')
		fail_msg("%s: %s is empty", code ? code : "(null)", what);
}

/* Fail on any missing or empty field of e. */
static void
check_entry(const struct kb_entry *e)
{
	check_field(e->code, "code", e->code);
	check_field(e->code, "title", e->title);
	check_field(e->code, "desc", e->desc);
	check_field(e->code, "when", e->when);
	check_field(e->code, "fix_in", e->fix_in);
	check_field(e->code, "fix_out", e->fix_out);
}

/* Fail unless needle occurs in hay; a NULL needle checks nothing. */
static void
check_contains(const char *what, const char *hay, const char *needle)
{
	if (needle == NULL)
		return;
	if (hay == NULL || strstr(hay, needle) == NULL)
		fail_msg("%s: \"%s\" not found in \"%s\"", what, needle,
		    hay ? hay : "(null)");
}

/* "550" -> 550, or -1 when it is not a well-formed basic code. */
static int
basic_key(const char *s)
{
	if (strlen(s) != 3 || s[0] < '2' || s[0] > '5' || s[1] < '0' ||
	    s[1] > '5' || s[2] < '0' || s[2] > '9')
		return -1;
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

/* "X.7.26" -> 7026, or -1 when it is not a well-formed enhanced code. */
static int
enh_key(const char *s)
{
	int subject = 0, detail = 0, n;

	if (strncmp(s, "X.", 2) != 0)
		return -1;
	s += 2;
	for (n = 0; *s >= '0' && *s <= '9'; s++, n++)
		subject = subject * 10 + (*s - '0');
	if (n == 0 || n > 3 || *s++ != '.')
		return -1;
	for (n = 0; *s >= '0' && *s <= '9'; s++, n++)
		detail = detail * 10 + (*s - '0');
	if (n == 0 || n > 3 || *s != '\0')
		return -1;
	return subject * 1000 + detail;
}

static void
kb_basic_table__every_entry__has_all_fields(void **state)
{
	const struct kb_entry *t;
	size_t n, i;

	(void)state;
	t = kb_basic_table(&n);
	assert_non_null(t);
	assert_true(n > 0);
	for (i = 0; i < n; i++)
		check_entry(&t[i]);
}

static void
kb_enhanced_table__every_entry__has_all_fields(void **state)
{
	const struct kb_entry *t;
	size_t n, i;

	(void)state;
	t = kb_enhanced_table(&n);
	assert_non_null(t);
	assert_true(n > 0);
	for (i = 0; i < n; i++)
		check_entry(&t[i]);
}

static void
kb_basic_table__codes__well_formed_sorted_unique(void **state)
{
	const struct kb_entry *t;
	size_t n, i;
	int prev = -1, k;

	(void)state;
	t = kb_basic_table(&n);
	for (i = 0; i < n; i++) {
		k = basic_key(t[i].code);
		if (k < 0)
			fail_msg("bad basic code \"%s\"", t[i].code);
		if (k <= prev)
			fail_msg("%s after %d: not sorted or duplicate",
			    t[i].code, prev);
		prev = k;
	}
}

static void
kb_enhanced_table__codes__well_formed_sorted_unique(void **state)
{
	const struct kb_entry *t;
	size_t n, i;
	int prev = -1, k;

	(void)state;
	t = kb_enhanced_table(&n);
	for (i = 0; i < n; i++) {
		k = enh_key(t[i].code);
		if (k < 0)
			fail_msg("bad enhanced code \"%s\"", t[i].code);
		if (k <= prev)
			fail_msg("%s after %d.%d: not sorted or duplicate",
			    t[i].code, prev / 1000, prev % 1000);
		prev = k;
	}
}

static void
kb_basic__required_codes__present(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(required_basic); i++)
		if (kb_basic(required_basic[i]) == NULL)
			fail_msg("basic code %d missing", required_basic[i]);
}

static void
kb_basic_table__codes__only_known_ones(void **state)
{
	const struct kb_entry *t;
	size_t n, i, j;
	int k, found;

	(void)state;
	t = kb_basic_table(&n);
	assert_int_equal(n, NELEM(required_basic) + NELEM(extra_basic));
	for (i = 0; i < n; i++) {
		k = basic_key(t[i].code);
		found = 0;
		for (j = 0; j < NELEM(required_basic); j++)
			found |= required_basic[j] == k;
		for (j = 0; j < NELEM(extra_basic); j++)
			found |= extra_basic[j] == k;
		if (!found)
			fail_msg("basic code %s is not on the known list",
			    t[i].code);
	}
}

static void
kb_enhanced__registry_codes__present_and_nothing_else(void **state)
{
	const struct kb_entry *e;
	size_t n, want = 0;
	int s, d;
	char buf[16];

	(void)state;
	for (s = 0; s < (int)NELEM(registry_last_detail); s++) {
		for (d = 0; d <= registry_last_detail[s]; d++) {
			want++;
			e = kb_enhanced(s, d);
			if (e == NULL)
				fail_msg("enhanced code X.%d.%d missing", s, d);
			snprintf(buf, sizeof(buf), "X.%d.%d", s, d);
			assert_string_equal(e->code, buf);
		}
		assert_null(kb_enhanced(s, d));
	}
	assert_null(kb_enhanced(8, 0));
	assert_null(kb_enhanced(-1, 0));
	assert_null(kb_enhanced(1, -1));
	kb_enhanced_table(&n);
	assert_int_equal(n, want);
	assert_int_equal(n, 81);
}

static void
kb_lookup__every_table_entry__found_by_its_code(void **state)
{
	const struct kb_entry *t;
	size_t n, i;
	int k;

	(void)state;
	t = kb_basic_table(&n);
	for (i = 0; i < n; i++)
		assert_ptr_equal(kb_basic(basic_key(t[i].code)), &t[i]);
	t = kb_enhanced_table(&n);
	for (i = 0; i < n; i++) {
		k = enh_key(t[i].code);
		assert_ptr_equal(kb_enhanced(k / 1000, k % 1000), &t[i]);
	}
}

static void
kb_basic__unknown_codes__are_null(void **state)
{
	static const int unknown[] = {-1, 0, 199, 200, 299, 422, 523, 549, 599,
	    600, 1000};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(unknown); i++)
		if (kb_basic(unknown[i]) != NULL)
			fail_msg("basic code %d should be unknown", unknown[i]);
}

static void
kb_class_name__each_class__rfc5321_name(void **state)
{
	(void)state;
	assert_null(kb_class_name(0));
	assert_null(kb_class_name(1));
	assert_string_equal(kb_class_name(2), "2xx Positive Completion");
	assert_string_equal(kb_class_name(3), "3xx Positive Intermediate");
	assert_string_equal(kb_class_name(4),
	    "4xx Transient Negative Completion");
	assert_string_equal(kb_class_name(5),
	    "5xx Permanent Negative Completion");
	assert_null(kb_class_name(6));
	assert_null(kb_class_name(-2));
}

static void
kb_enh_class_name__each_class__rfc3463_name(void **state)
{
	(void)state;
	assert_null(kb_enh_class_name(0));
	assert_string_equal(kb_enh_class_name(2), "Success");
	assert_null(kb_enh_class_name(3));
	assert_string_equal(kb_enh_class_name(4),
	    "Persistent Transient Failure");
	assert_string_equal(kb_enh_class_name(5), "Permanent Failure");
	assert_null(kb_enh_class_name(6));
}

static void
kb_subject_name__each_subject__rfc3463_name(void **state)
{
	static const char *const want[] = {
	    "Other or Undefined Status",
	    "Addressing Status",
	    "Mailbox Status",
	    "Mail System Status",
	    "Network and Routing Status",
	    "Mail Delivery Protocol Status",
	    "Message Content or Media Status",
	    "Security or Policy Status",
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(want); i++)
		assert_string_equal(kb_subject_name((int)i), want[i]);
	assert_null(kb_subject_name(-1));
	assert_null(kb_subject_name(8));
}

static void
kb_explain__any_input__fills_every_field(void **state)
{
	static const struct event_enh enh[] = {
	    {0, 0, 0},
	    {2, 0, 0},
	    {2, 1, 5},
	    {2, 9, 9},
	    {4, 7, 1},
	    {5, 1, 1},
	    {5, 7, 999},
	    {5, 42, 1},
	    {3, 1, 1},
	    {5, -1, -1},
	    {9, 9, 9},
	};
	struct kb_advice a;
	size_t i;
	int code, stage, dir;

	(void)state;
	for (code = -1; code <= 700; code++)
		for (stage = 0; stage < EVENT_NSTAGE; stage++)
			for (dir = 0; dir < EVENT_NDIR; dir++)
				for (i = 0; i <= NELEM(enh); i++) {
					memset(&a, 0, sizeof(a));
					kb_explain(code,
					    i < NELEM(enh) ? &enh[i] : NULL,
					    dir, stage, &a);
					check_field("explain", "title",
					    a.title);
					check_field("explain", "explanation",
					    a.explanation);
					check_field("explain", "when", a.when);
					check_field("explain", "advice",
					    a.advice);
				}
}

static void
kb_explain__null_out__is_ignored(void **state)
{
	(void)state;
	kb_explain(550, NULL, EVENT_IN, EVENT_STAGE_RCPT, NULL);
}

static void
kb_explain__direction__selects_fix_in_or_fix_out(void **state)
{
	const struct kb_entry *e;
	struct event_enh enh = {5, 2, 2};
	struct kb_advice a;

	(void)state;
	e = kb_enhanced(2, 2);
	assert_non_null(e);
	kb_explain(552, &enh, EVENT_IN, EVENT_STAGE_EOM, &a);
	assert_ptr_equal(a.advice, e->fix_in);
	kb_explain(552, &enh, EVENT_OUT, EVENT_STAGE_EOM, &a);
	assert_ptr_equal(a.advice, e->fix_out);
	assert_ptr_equal(a.title, e->title);
	assert_ptr_equal(a.explanation, e->desc);
	assert_ptr_equal(a.when, e->when);
}

/* One kb_basic() or kb_enhanced() case: expected title and text. */
struct entry_case {
	const char *name;
	int basic;           /* basic code, or 0 for enhanced */
	int subject, detail; /* enhanced code when basic is 0 */
	const char *title;   /* exact */
	const char *desc;    /* substrings; NULL: not checked */
	const char *fix_in;
	const char *fix_out;
};

static struct entry_case entry_cases[] = {
    {"kb_basic__550__is_mailbox_unavailable", 550, 0, 0, "Mailbox unavailable",
	"permanent refusal", "virtual_alias_maps", "blocklist"},
    {"kb_basic__421__is_service_not_available", 421, 0, 0,
	"Service not available, closing connection", "temporary",
	"smtpd_client_connection_rate_limit",
	"smtp_destination_concurrency_limit"},
    {"kb_basic__452__is_insufficient_storage", 452, 0, 0,
	"Insufficient system storage", "recipients", "smtpd_recipient_limit",
	"smtp_destination_recipient_limit"},
    {"kb_basic__535__is_credentials_invalid", 535, 0, 0,
	"Authentication credentials invalid", "RFC 4954", "fail2ban",
	"smtp_sasl_password_maps"},
    {"kb_basic__554__is_transaction_failed", 554, 0, 0, "Transaction failed",
	"no SMTP service here", "mynetworks", "blocklist"},
    {"kb_basic__521__is_host_does_not_accept_mail", 521, 0, 0,
	"Host does not accept mail", "RFC 7504", NULL, "MX"},
    {"kb_basic__556__is_domain_does_not_accept_mail", 556, 0, 0,
	"Domain does not accept mail", "null MX", NULL, NULL},
    {"kb_basic__530__is_authentication_required", 530, 0, 0,
	"Authentication required", "STARTTLS", "587", "smtp_sasl_auth_enable"},
    {"kb_basic__250__is_action_completed", 250, 0, 0,
	"Requested action completed", "responsibility", "Nothing", "Nothing"},
    {"kb_basic__354__is_start_mail_input", 354, 0, 0, "Start mail input",
	"single dot", NULL, NULL},
    {"kb_enhanced__1_1__is_bad_destination_mailbox", 0, 1, 1,
	"Bad destination mailbox address", "does not exist",
	"virtual_mailbox_maps", "take it off mailing lists"},
    {"kb_enhanced__1_10__is_recipient_null_mx", 0, 1, 10,
	"Recipient address has null MX", "RFC 7505", NULL, NULL},
    {"kb_enhanced__2_2__is_mailbox_full", 0, 2, 2, "Mailbox full", "quota",
	"virtual_mailbox_limit", "Only the recipient"},
    {"kb_enhanced__5_3__is_too_many_recipients", 0, 5, 3, "Too many recipients",
	NULL, "smtpd_recipient_limit", "smtp_destination_recipient_limit"},
    {"kb_enhanced__6_10__is_deprecated_duplicate", 0, 6, 10,
	"UTF-8 header message cannot be transferred (deprecated)",
	"duplicate of X.6.9", NULL, NULL},
    {"kb_enhanced__7_0__mentions_greylisting", 0, 7, 0,
	"Other or undefined security status", "greylisting", NULL,
	"clear on retry"},
    {"kb_enhanced__7_1__is_delivery_not_authorized", 0, 7, 1,
	"Delivery not authorized, message refused", NULL, "mynetworks",
	"delisting"},
    {"kb_enhanced__7_25__is_reverse_dns_failure", 0, 7, 25,
	"Reverse DNS validation failed", "PTR", NULL, "PTR record"},
    {"kb_enhanced__7_26__is_dmarc_failure", 0, 7, 26,
	"Multiple authentication checks failed", "DMARC", NULL,
	"aligned with From"},
    {"kb_enhanced__7_30__is_requiretls", 0, 7, 30,
	"REQUIRETLS support required", "RFC 8689", NULL, NULL},
};

static void
run_entry_case(void **state)
{
	const struct entry_case *c = *state;
	const struct kb_entry *e;

	if (c->basic != 0)
		e = kb_basic(c->basic);
	else
		e = kb_enhanced(c->subject, c->detail);
	if (e == NULL)
		fail_msg("%s: no entry", c->name);
	assert_string_equal(e->title, c->title);
	check_contains("desc", e->desc, c->desc);
	check_contains("fix_in", e->fix_in, c->fix_in);
	check_contains("fix_out", e->fix_out, c->fix_out);
}

/* One kb_explain() case. */
struct explain_case {
	const char *name;
	int code;
	int null_enh; /* pass NULL instead of &enh */
	struct event_enh enh;
	int dir, stage;
	const char *title;       /* exact */
	const char *explanation; /* substrings; NULL: not checked */
	const char *advice;
};

static struct explain_case explain_cases[] = {
    {"kb_explain__550_5_1_1_out_rcpt__bad_destination_mailbox", 550, 0,
	{5, 1, 1}, EVENT_OUT, EVENT_STAGE_RCPT,
	"Bad destination mailbox address", "does not exist at the destination",
	"does not exist at the recipient's domain"},
    {"kb_explain__550_5_1_1_in_rcpt__check_recipient_maps", 550, 0, {5, 1, 1},
	EVENT_IN, EVENT_STAGE_RCPT, "Bad destination mailbox address", NULL,
	"virtual_mailbox_maps"},
    {"kb_explain__550_none_rcpt__recipient_rejected", 550, 0, {0, 0, 0},
	EVENT_IN, EVENT_STAGE_RCPT, "Recipient rejected",
	"refused this recipient", "local_recipient_maps"},
    {"kb_explain__550_5_0_0_rcpt__recipient_rejected", 550, 0, {5, 0, 0},
	EVENT_OUT, EVENT_STAGE_RCPT, "Recipient rejected", NULL,
	"tell the sender"},
    {"kb_explain__550_null_enh_rcpt__recipient_rejected", 550, 1, {0, 0, 0},
	EVENT_OUT, EVENT_STAGE_RCPT, "Recipient rejected", NULL, NULL},
    {"kb_explain__550_none_no_stage__mailbox_unavailable", 550, 0, {0, 0, 0},
	EVENT_OUT, EVENT_STAGE_NONE, "Mailbox unavailable", NULL, "blocklist"},
    {"kb_explain__550_none_mail__sender_refused", 550, 0, {0, 0, 0}, EVENT_OUT,
	EVENT_STAGE_MAIL, "Sender refused", NULL, "SPF"},
    {"kb_explain__554_none_connect__refused_at_connection", 554, 0, {0, 0, 0},
	EVENT_OUT, EVENT_STAGE_CONNECT, "Refused at connection", "blocklist",
	"delisting"},
    {"kb_explain__554_5_7_1_connect__refused_at_connection", 554, 0, {5, 7, 1},
	EVENT_IN, EVENT_STAGE_CONNECT, "Refused at connection", NULL,
	"postscreen_dnsbl_sites"},
    {"kb_explain__554_5_7_1_rcpt__delivery_not_authorized", 554, 0, {5, 7, 1},
	EVENT_IN, EVENT_STAGE_RCPT, "Delivery not authorized, message refused",
	NULL, "smtpd_relay_restrictions"},
    {"kb_explain__550_5_7_1_eom__message_refused_after_data", 550, 0, {5, 7, 1},
	EVENT_OUT, EVENT_STAGE_EOM, "Message refused after data",
	"content filter", "DMARC"},
    {"kb_explain__451_4_7_1_rcpt__recipient_deferred", 451, 0, {4, 7, 1},
	EVENT_OUT, EVENT_STAGE_RCPT, "Recipient deferred", "greylisting",
	"retries happen automatically"},
    {"kb_explain__421_none_connect__not_accepting_now", 421, 0, {0, 0, 0},
	EVENT_IN, EVENT_STAGE_CONNECT, "Not accepting connections now", NULL,
	"smtpd_client_connection_count_limit"},
    {"kb_explain__421_4_7_0_out__enhanced_wins", 421, 0, {4, 7, 0}, EVENT_OUT,
	EVENT_STAGE_RCPT, "Other or undefined security status", NULL,
	"greylisting"},
    {"kb_explain__503_5_5_1_data__no_valid_recipients", 503, 0, {5, 5, 1},
	EVENT_OUT, EVENT_STAGE_DATA, "No valid recipients", NULL,
	"RCPT replies"},
    {"kb_explain__535_5_7_8_out__sasl_password_maps", 535, 0, {5, 7, 8},
	EVENT_OUT, EVENT_STAGE_AUTH, "Authentication credentials invalid", NULL,
	"smtp_sasl_password_maps"},
    {"kb_explain__452_4_5_3_out__recipient_limit", 452, 0, {4, 5, 3}, EVENT_OUT,
	EVENT_STAGE_RCPT, "Too many recipients", NULL,
	"smtp_destination_recipient_limit"},
    {"kb_explain__0_5_7_26_out__dmarc_alignment", 0, 0, {5, 7, 26}, EVENT_OUT,
	EVENT_STAGE_EOM, "Multiple authentication checks failed", "DMARC",
	"aligned with From"},
    {"kb_explain__250_2_0_0_eom__basic_wins", 250, 0, {2, 0, 0}, EVENT_OUT,
	EVENT_STAGE_EOM, "Requested action completed", NULL, "Nothing to fix"},
    {"kb_explain__250_2_6_0_eom__basic_wins", 250, 0, {2, 6, 0}, EVENT_OUT,
	EVENT_STAGE_EOM, "Requested action completed", NULL, NULL},
    {"kb_explain__250_2_1_5_rcpt__destination_valid", 250, 0, {2, 1, 5},
	EVENT_IN, EVENT_STAGE_RCPT, "Destination address valid", NULL,
	"Nothing to do"},
    {"kb_explain__550_2_1_5__class_mismatch_uses_basic", 550, 0, {2, 1, 5},
	EVENT_OUT, EVENT_STAGE_NONE, "Mailbox unavailable", NULL, NULL},
    {"kb_explain__250_5_1_1__class_mismatch_uses_basic", 250, 0, {5, 1, 1},
	EVENT_OUT, EVENT_STAGE_NONE, "Requested action completed", NULL, NULL},
    {"kb_explain__550_3_1_1__invalid_class_ignored", 550, 0, {3, 1, 1},
	EVENT_OUT, EVENT_STAGE_NONE, "Mailbox unavailable", NULL, NULL},
    {"kb_explain__550_5_1_99__subject_generic", 550, 0, {5, 1, 99}, EVENT_OUT,
	EVENT_STAGE_NONE, "Addressing problem (unlisted detail)", NULL,
	"typos"},
    {"kb_explain__0_4_4_99__subject_generic", 0, 0, {4, 4, 99}, EVENT_OUT,
	EVENT_STAGE_NONE, "Network or routing problem (unlisted detail)", NULL,
	"retried automatically"},
    {"kb_explain__550_5_0_99__basic_wins", 550, 0, {5, 0, 99}, EVENT_OUT,
	EVENT_STAGE_NONE, "Mailbox unavailable", NULL, NULL},
    {"kb_explain__0_2_1_99__class_success", 0, 0, {2, 1, 99}, EVENT_OUT,
	EVENT_STAGE_NONE, "Success", NULL, "Nothing to fix"},
    {"kb_explain__299_none__class_success", 299, 0, {0, 0, 0}, EVENT_IN,
	EVENT_STAGE_NONE, "Success", NULL, NULL},
    {"kb_explain__470_none__class_temporary", 470, 0, {0, 0, 0}, EVENT_OUT,
	EVENT_STAGE_NONE, "Temporary failure", "tries again later", "retried"},
    {"kb_explain__599_none__class_permanent", 599, 0, {0, 0, 0}, EVENT_OUT,
	EVENT_STAGE_NONE, "Permanent failure", "bounces", "tell the sender"},
    {"kb_explain__0_none__unknown_reply", 0, 0, {0, 0, 0}, EVENT_IN,
	EVENT_STAGE_NONE, "Unknown reply", NULL, "full log line"},
};

static void
run_explain_case(void **state)
{
	const struct explain_case *c = *state;
	struct kb_advice a;

	memset(&a, 0, sizeof(a));
	kb_explain(c->code, c->null_enh ? NULL : &c->enh, c->dir, c->stage, &a);
	check_field(c->name, "title", a.title);
	check_field(c->name, "explanation", a.explanation);
	check_field(c->name, "when", a.when);
	check_field(c->name, "advice", a.advice);
	assert_string_equal(a.title, c->title);
	check_contains("explanation", a.explanation, c->explanation);
	check_contains("advice", a.advice, c->advice);
}

int
main(void)
{
	static const struct CMUnitTest fixed[] = {
	    cmocka_unit_test(kb_basic_table__every_entry__has_all_fields),
	    cmocka_unit_test(kb_enhanced_table__every_entry__has_all_fields),
	    cmocka_unit_test(kb_basic_table__codes__well_formed_sorted_unique),
	    cmocka_unit_test(
		kb_enhanced_table__codes__well_formed_sorted_unique),
	    cmocka_unit_test(kb_basic__required_codes__present),
	    cmocka_unit_test(kb_basic_table__codes__only_known_ones),
	    cmocka_unit_test(
		kb_enhanced__registry_codes__present_and_nothing_else),
	    cmocka_unit_test(kb_lookup__every_table_entry__found_by_its_code),
	    cmocka_unit_test(kb_basic__unknown_codes__are_null),
	    cmocka_unit_test(kb_class_name__each_class__rfc5321_name),
	    cmocka_unit_test(kb_enh_class_name__each_class__rfc3463_name),
	    cmocka_unit_test(kb_subject_name__each_subject__rfc3463_name),
	    cmocka_unit_test(kb_explain__any_input__fills_every_field),
	    cmocka_unit_test(kb_explain__null_out__is_ignored),
	    cmocka_unit_test(kb_explain__direction__selects_fix_in_or_fix_out),
	};
	static struct CMUnitTest
	    tests[NELEM(fixed) + NELEM(entry_cases) + NELEM(explain_cases)];
	size_t n = 0, i;

	for (i = 0; i < NELEM(fixed); i++)
		tests[n++] = fixed[i];
	for (i = 0; i < NELEM(entry_cases); i++)
		tests[n++] = (struct CMUnitTest){entry_cases[i].name,
		    run_entry_case, NULL, NULL, &entry_cases[i]};
	for (i = 0; i < NELEM(explain_cases); i++)
		tests[n++] = (struct CMUnitTest){explain_cases[i].name,
		    run_explain_case, NULL, NULL, &explain_cases[i]};
	return _cmocka_run_group_tests("kb", tests, n, NULL, NULL);
}
