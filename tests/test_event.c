/*
 * test_event.c - unit tests for event.c.
 *
 * event_code_parse(): valid codes and every way a code can be refused
 * (first digit, second digit, length, letters). event_enh_parse(): valid
 * codes with one- to three-digit parts, refused classes, part lengths and
 * shapes. event_stage_parse(): each command spelling the MTAs log, case
 * folding, the empty and unknown words. event_enh_cmp()'s order,
 * event_enh_str(), and the name functions in and out of range.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "event.h"

/* One event_code_parse() case: LEN bytes of S give WANT. */
struct code_case {
	const char *s;
	size_t len;
	int want;
};

static void
run_code_case(void **state)
{
	const struct code_case *c = *state;

	assert_int_equal(event_code_parse(c->s, c->len), c->want);
}

#define LIT(s) s, sizeof(s) - 1

static struct code_case c_250 = {LIT("250"), 250};
static struct code_case c_550 = {LIT("550"), 550};
static struct code_case c_421 = {LIT("421"), 421};
static struct code_case c_200 = {LIT("200"), 200};
static struct code_case c_354 = {LIT("354"), 354};
static struct code_case c_559 = {LIT("559"), 559};
static struct code_case c_099 = {LIT("099"), 0};
static struct code_case c_199 = {LIT("199"), 0};
static struct code_case c_600 = {LIT("600"), 0};
static struct code_case c_260 = {LIT("260"), 0};
static struct code_case c_590 = {LIT("590"), 0};
static struct code_case c_55 = {LIT("55"), 0};
static struct code_case c_5500 = {LIT("5500"), 0};
static struct code_case c_abc = {LIT("abc"), 0};
static struct code_case c_5a0 = {LIT("5a0"), 0};
static struct code_case c_55x = {LIT("55x"), 0};
static struct code_case c_empty = {LIT(""), 0};
static struct code_case c_len_bound = {"2501", 3, 250};

/* One event_enh_parse() case: RET, and the parts when RET is 0. */
struct enh_case {
	const char *s;
	size_t len;
	int ret;
	struct event_enh want;
};

static void
run_enh_case(void **state)
{
	const struct enh_case *c = *state;
	struct event_enh e = {-7, -7, -7};

	assert_int_equal(event_enh_parse(c->s, c->len, &e), c->ret);
	if (c->ret == 0) {
		assert_int_equal(e.cls, c->want.cls);
		assert_int_equal(e.subject, c->want.subject);
		assert_int_equal(e.detail, c->want.detail);
	}
}

static struct enh_case e_511 = {LIT("5.1.1"), 0, {5, 1, 1}};
static struct enh_case e_470 = {LIT("4.7.0"), 0, {4, 7, 0}};
static struct enh_case e_200 = {LIT("2.0.0"), 0, {2, 0, 0}};
static struct enh_case e_57606 = {LIT("5.7.606"), 0, {5, 7, 606}};
static struct enh_case e_5999 = {LIT("5.999.999"), 0, {5, 999, 999}};
static struct enh_case e_447 = {LIT("4.4.7"), 0, {4, 4, 7}};
static struct enh_case e_len_bound = {"5.1.1x", 5, 0, {5, 1, 1}};
static struct enh_case e_det4 = {LIT("5.1.1234"), -1, {0, 0, 0}};
static struct enh_case e_sub4 = {LIT("5.1000.1"), -1, {0, 0, 0}};
static struct enh_case e_cls6 = {LIT("6.1.1"), -1, {0, 0, 0}};
static struct enh_case e_cls3 = {LIT("3.1.1"), -1, {0, 0, 0}};
static struct enh_case e_two_parts = {LIT("5.1"), -1, {0, 0, 0}};
static struct enh_case e_empty_sub = {LIT("5..1"), -1, {0, 0, 0}};
static struct enh_case e_trailing_dot = {LIT("5.1."), -1, {0, 0, 0}};
static struct enh_case e_leading_dot = {LIT(".1.1"), -1, {0, 0, 0}};
static struct enh_case e_four_parts = {LIT("5.1.1.1"), -1, {0, 0, 0}};
static struct enh_case e_trailing_space = {LIT("5.1.1 "), -1, {0, 0, 0}};
static struct enh_case e_letter = {LIT("x.1.1"), -1, {0, 0, 0}};
static struct enh_case e_empty = {LIT(""), -1, {0, 0, 0}};
static struct enh_case e_class_only = {LIT("5"), -1, {0, 0, 0}};

/* One event_stage_parse() case. */
struct stage_case {
	const char *s;
	size_t len;
	int want;
};

static void
run_stage_case(void **state)
{
	const struct stage_case *c = *state;

	assert_int_equal(event_stage_parse(c->s, c->len), c->want);
}

static struct stage_case s_rcpt_to = {LIT("RCPT TO"), EVENT_STAGE_RCPT};
static struct stage_case s_rcpt_lower = {LIT("rcpt to:<a@b>"),
    EVENT_STAGE_RCPT};
static struct stage_case s_end_of_data = {LIT("end of DATA"), EVENT_STAGE_EOM};
static struct stage_case s_mail_from = {LIT("MAIL FROM"), EVENT_STAGE_MAIL};
static struct stage_case s_data = {LIT("DATA"), EVENT_STAGE_DATA};
static struct stage_case s_ehlo = {LIT("EHLO"), EVENT_STAGE_HELO};
static struct stage_case s_helo = {LIT("HELO"), EVENT_STAGE_HELO};
static struct stage_case s_lhlo = {LIT("LHLO"), EVENT_STAGE_HELO};
static struct stage_case s_eom = {LIT("END-OF-MESSAGE"), EVENT_STAGE_EOM};
static struct stage_case s_eod = {LIT("End-Of-Data"), EVENT_STAGE_EOM};
static struct stage_case s_connect = {LIT("CONNECT"), EVENT_STAGE_CONNECT};
static struct stage_case s_initial = {LIT("initial connection"),
    EVENT_STAGE_CONNECT};
static struct stage_case s_greeting = {LIT("greeting"), EVENT_STAGE_CONNECT};
static struct stage_case s_banner = {LIT("banner"), EVENT_STAGE_CONNECT};
static struct stage_case s_bdat = {LIT("BDAT"), EVENT_STAGE_DATA};
static struct stage_case s_starttls = {LIT("STARTTLS"), EVENT_STAGE_STARTTLS};
static struct stage_case s_auth = {LIT("AUTH"), EVENT_STAGE_AUTH};
static struct stage_case s_check_relay = {LIT("check_relay"),
    EVENT_STAGE_CONNECT};
static struct stage_case s_check_mail = {LIT("check_mail"), EVENT_STAGE_MAIL};
static struct stage_case s_check_rcpt = {LIT("check_rcpt"), EVENT_STAGE_RCPT};
static struct stage_case s_check_data = {LIT("check_data"), EVENT_STAGE_DATA};
static struct stage_case s_check_eom = {LIT("check_eom"), EVENT_STAGE_EOM};
static struct stage_case s_empty = {LIT(""), EVENT_STAGE_NONE};
static struct stage_case s_xyz = {LIT("xyz"), EVENT_STAGE_OTHER};
static struct stage_case s_quit = {LIT("QUIT"), EVENT_STAGE_OTHER};
/* whole words only: a longer word that starts like a command is not it */
static struct stage_case s_mailbox = {LIT("mailbox"), EVENT_STAGE_OTHER};
static struct stage_case s_database = {LIT("database"), EVENT_STAGE_OTHER};
static struct stage_case s_authors = {LIT("authors"), EVENT_STAGE_OTHER};
static struct stage_case s_rset = {LIT("RSET"), EVENT_STAGE_OTHER};
static struct stage_case s_len_bound = {"RCPT", 3, EVENT_STAGE_OTHER};

static void
event_enh_str__5_1_1__text_5_1_1(void **state)
{
	struct event_enh e = {5, 1, 1};
	char buf[12];

	(void)state;
	assert_ptr_equal(event_enh_str(&e, buf, sizeof(buf)), buf);
	assert_string_equal(buf, "5.1.1");
}

static void
event_enh_str__three_digit_parts__text_5_999_999(void **state)
{
	struct event_enh e = {5, 999, 999};
	char buf[12];

	(void)state;
	assert_string_equal(event_enh_str(&e, buf, sizeof(buf)), "5.999.999");
}

/* Written by hand in the common case: the same text as printf's, for
 * every class, every part up to 1000 and past, and buffers too short. */
static void
event_enh_str__every_part__as_printf(void **state)
{
	static const int parts[] = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000,
	    -1, 12345};
	struct event_enh e;
	char got[16], want[40];
	size_t i, j, n;

	(void)state;
	for (e.cls = 1; e.cls <= 10; e.cls++)
		for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			for (j = 0; j < sizeof(parts) / sizeof(parts[0]); j++)
				for (n = 1; n <= sizeof(got); n++) {
					e.subject = parts[i];
					e.detail = parts[j];
					snprintf(want, n, "%d.%d.%d", e.cls,
					    e.subject, e.detail);
					assert_string_equal(event_enh_str(&e,
								got, n),
					    want);
				}
	for (e.subject = 0; e.subject < 1000; e.subject++) {
		e.cls = 4;
		e.detail = 999 - e.subject;
		snprintf(want, sizeof(want), "4.%d.%d", e.subject, e.detail);
		assert_string_equal(event_enh_str(&e, got, 12), want);
	}
}

static void
event_enh_str__class_0__empty(void **state)
{
	struct event_enh e = {0, 7, 1};
	char buf[12];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_string_equal(event_enh_str(&e, buf, sizeof(buf)), "");
}

static void
event_enh_str__small_buffer__truncated_terminated(void **state)
{
	struct event_enh e = {5, 7, 606};
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_string_equal(event_enh_str(&e, buf, 4), "5.7");
	assert_int_equal(buf[4], 'x');
}

static void
event_mta_name__each_mta__name(void **state)
{
	(void)state;
	assert_string_equal(event_mta_name(EVENT_POSTFIX), "postfix");
	assert_string_equal(event_mta_name(EVENT_EXIM), "exim");
	assert_string_equal(event_mta_name(EVENT_SENDMAIL), "sendmail");
}

static void
event_mta_name__out_of_range__question_mark(void **state)
{
	(void)state;
	assert_string_equal(event_mta_name(-1), "?");
	assert_string_equal(event_mta_name(EVENT_NMTA), "?");
}

static void
event_dir_name__each_dir__name(void **state)
{
	(void)state;
	assert_string_equal(event_dir_name(EVENT_IN), "inbound");
	assert_string_equal(event_dir_name(EVENT_OUT), "outbound");
}

static void
event_dir_name__out_of_range__question_mark(void **state)
{
	(void)state;
	assert_string_equal(event_dir_name(-1), "?");
	assert_string_equal(event_dir_name(EVENT_NDIR), "?");
}

static void
event_stage_name__each_stage__name(void **state)
{
	static const char *const want[EVENT_NSTAGE] = {"", "CONNECT", "HELO",
	    "AUTH", "STARTTLS", "MAIL", "RCPT", "DATA", "END-OF-DATA", "OTHER"};
	int i;

	(void)state;
	for (i = 0; i < EVENT_NSTAGE; i++)
		assert_string_equal(event_stage_name(i), want[i]);
}

static void
event_stage_name__out_of_range__empty(void **state)
{
	(void)state;
	assert_string_equal(event_stage_name(-1), "");
	assert_string_equal(event_stage_name(EVENT_NSTAGE), "");
	assert_string_equal(event_stage_name(99), "");
}

/* Every stage name but NONE and OTHER parses back to its stage. */
static void
event_stage_parse__each_stage_name__same_stage(void **state)
{
	int i;
	const char *n;

	(void)state;
	for (i = EVENT_STAGE_CONNECT; i < EVENT_STAGE_OTHER; i++) {
		n = event_stage_name(i);
		assert_int_equal(event_stage_parse(n, strlen(n)), i);
	}
}

/* Sign of event_enh_cmp(), so the test does not depend on magnitudes. */
static int
enh_cmp_sign(int cls1, int s1, int d1, int cls2, int s2, int d2)
{
	struct event_enh a = {cls1, s1, d1}, b = {cls2, s2, d2};
	int r = event_enh_cmp(&a, &b);

	return r < 0 ? -1 : r > 0;
}

static void
event_enh_cmp__pairs__none_first_then_class_subject_detail(void **state)
{
	(void)state;
	assert_int_equal(enh_cmp_sign(5, 1, 1, 5, 1, 1), 0);
	assert_int_equal(enh_cmp_sign(0, 0, 0, 2, 0, 0), -1);
	assert_int_equal(enh_cmp_sign(4, 9, 9, 5, 0, 0), -1);
	assert_int_equal(enh_cmp_sign(5, 7, 1, 5, 1, 1), 1);
	assert_int_equal(enh_cmp_sign(5, 1, 10, 5, 1, 9), 1);
	assert_int_equal(enh_cmp_sign(5, 2, 0, 5, 10, 0), -1);
	assert_int_equal(enh_cmp_sign(5, 999, 999, 5, 999, 998), 1);
}

#define CODE(name, c)                                                          \
	{                                                                      \
#name, run_code_case, NULL, NULL, &(c)                         \
	}
#define ENH(name, c)                                                           \
	{                                                                      \
#name, run_enh_case, NULL, NULL, &(c)                          \
	}
#define STAGE(name, c)                                                         \
	{                                                                      \
#name, run_stage_case, NULL, NULL, &(c)                        \
	}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
	    CODE(event_code_parse__250__250, c_250),
	    CODE(event_code_parse__550__550, c_550),
	    CODE(event_code_parse__421__421, c_421),
	    CODE(event_code_parse__200__200, c_200),
	    CODE(event_code_parse__354__354, c_354),
	    CODE(event_code_parse__559__559, c_559),
	    CODE(event_code_parse__first_digit_0__0, c_099),
	    CODE(event_code_parse__first_digit_1__0, c_199),
	    CODE(event_code_parse__first_digit_6__0, c_600),
	    CODE(event_code_parse__second_digit_6__0, c_260),
	    CODE(event_code_parse__second_digit_9__0, c_590),
	    CODE(event_code_parse__two_digits__0, c_55),
	    CODE(event_code_parse__four_digits__0, c_5500),
	    CODE(event_code_parse__letters__0, c_abc),
	    CODE(event_code_parse__letter_in_middle__0, c_5a0),
	    CODE(event_code_parse__letter_at_end__0, c_55x),
	    CODE(event_code_parse__empty__0, c_empty),
	    CODE(event_code_parse__len_3_of_longer__250, c_len_bound),
	    ENH(event_enh_parse__5_1_1__valid, e_511),
	    ENH(event_enh_parse__4_7_0__valid, e_470),
	    ENH(event_enh_parse__2_0_0__valid, e_200),
	    ENH(event_enh_parse__5_7_606__valid, e_57606),
	    ENH(event_enh_parse__5_999_999__valid, e_5999),
	    ENH(event_enh_parse__4_4_7__valid, e_447),
	    ENH(event_enh_parse__len_5_of_longer__valid, e_len_bound),
	    ENH(event_enh_parse__detail_4_digits__minus_1, e_det4),
	    ENH(event_enh_parse__subject_4_digits__minus_1, e_sub4),
	    ENH(event_enh_parse__class_6__minus_1, e_cls6),
	    ENH(event_enh_parse__class_3__minus_1, e_cls3),
	    ENH(event_enh_parse__two_parts__minus_1, e_two_parts),
	    ENH(event_enh_parse__empty_subject__minus_1, e_empty_sub),
	    ENH(event_enh_parse__trailing_dot__minus_1, e_trailing_dot),
	    ENH(event_enh_parse__leading_dot__minus_1, e_leading_dot),
	    ENH(event_enh_parse__four_parts__minus_1, e_four_parts),
	    ENH(event_enh_parse__trailing_space__minus_1, e_trailing_space),
	    ENH(event_enh_parse__letter_class__minus_1, e_letter),
	    ENH(event_enh_parse__empty__minus_1, e_empty),
	    ENH(event_enh_parse__class_only__minus_1, e_class_only),
	    STAGE(event_stage_parse__rcpt_to__rcpt, s_rcpt_to),
	    STAGE(event_stage_parse__lowercase_rcpt_to_address__rcpt,
		s_rcpt_lower),
	    STAGE(event_stage_parse__end_of_data__eom, s_end_of_data),
	    STAGE(event_stage_parse__mail_from__mail, s_mail_from),
	    STAGE(event_stage_parse__data__data, s_data),
	    STAGE(event_stage_parse__ehlo__helo, s_ehlo),
	    STAGE(event_stage_parse__helo__helo, s_helo),
	    STAGE(event_stage_parse__lhlo__helo, s_lhlo),
	    STAGE(event_stage_parse__end_of_message__eom, s_eom),
	    STAGE(event_stage_parse__end_of_data_hyphens_mixed_case__eom,
		s_eod),
	    STAGE(event_stage_parse__connect__connect, s_connect),
	    STAGE(event_stage_parse__initial_connection__connect, s_initial),
	    STAGE(event_stage_parse__greeting__connect, s_greeting),
	    STAGE(event_stage_parse__banner__connect, s_banner),
	    STAGE(event_stage_parse__bdat__data, s_bdat),
	    STAGE(event_stage_parse__starttls__starttls, s_starttls),
	    STAGE(event_stage_parse__auth__auth, s_auth),
	    STAGE(event_stage_parse__check_relay__connect, s_check_relay),
	    STAGE(event_stage_parse__check_mail__mail, s_check_mail),
	    STAGE(event_stage_parse__check_rcpt__rcpt, s_check_rcpt),
	    STAGE(event_stage_parse__check_data__data, s_check_data),
	    STAGE(event_stage_parse__check_eom__eom, s_check_eom),
	    STAGE(event_stage_parse__empty__none, s_empty),
	    STAGE(event_stage_parse__xyz__other, s_xyz),
	    STAGE(event_stage_parse__mailbox__other, s_mailbox),
	    STAGE(event_stage_parse__database__other, s_database),
	    STAGE(event_stage_parse__authors__other, s_authors),
	    STAGE(event_stage_parse__quit__other, s_quit),
	    STAGE(event_stage_parse__rset__other, s_rset),
	    STAGE(event_stage_parse__len_3_of_rcpt__other, s_len_bound),
	    cmocka_unit_test(
		event_enh_cmp__pairs__none_first_then_class_subject_detail),
	    cmocka_unit_test(event_enh_str__5_1_1__text_5_1_1),
	    cmocka_unit_test(event_enh_str__three_digit_parts__text_5_999_999),
	    cmocka_unit_test(event_enh_str__every_part__as_printf),
	    cmocka_unit_test(event_enh_str__class_0__empty),
	    cmocka_unit_test(event_enh_str__small_buffer__truncated_terminated),
	    cmocka_unit_test(event_mta_name__each_mta__name),
	    cmocka_unit_test(event_mta_name__out_of_range__question_mark),
	    cmocka_unit_test(event_dir_name__each_dir__name),
	    cmocka_unit_test(event_dir_name__out_of_range__question_mark),
	    cmocka_unit_test(event_stage_name__each_stage__name),
	    cmocka_unit_test(event_stage_name__out_of_range__empty),
	    cmocka_unit_test(event_stage_parse__each_stage_name__same_stage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
