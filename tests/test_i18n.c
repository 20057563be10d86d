/*
 * test_i18n.c - the translations: for French, German and Russian, every
 * basic reply code has all five texts translated, every enhanced code a
 * language claims (its title is translated) has all its texts too, the
 * class and subject names and the reference headings are translated, and
 * kb_explain() answers in the chosen language. Catalogs are read from
 * $SMTPLOG_LOCALEDIR (the build tree's locale/, set by make check).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kb.h"

#if ENABLE_NLS
static const char *const langs[] = {"fr", "de", "ru"};

/* Switch messages to LANG (C.UTF-8 with LANGUAGE, as smtplog does). */
static void
use_lang(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	/* gettext caches lookups: changing LANGUAGE needs a new textdomain */
	textdomain(PACKAGE);
}

static int
setup(void **state)
{
	const char *dir = getenv("SMTPLOG_LOCALEDIR");

	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL || dir == NULL)
		return -1;
	bindtextdomain(PACKAGE, dir);
	textdomain(PACKAGE);
	return 0;
}

/* Whether S has a translation in the current language. */
static int
translated(const char *s)
{
	return strcmp(_(s), s) != 0;
}

/* Report which field of which entry lacks a translation. */
static void
need(const char *lang, const char *code, const char *field, const char *s)
{
	if (!translated(s))
		fail_msg("%s: %s %s is not translated: \"%.60s\"", lang, code,
		    field, s);
}

static void
check_entry(const char *lang, const struct kb_entry *e)
{
	need(lang, e->code, "title", e->title);
	need(lang, e->code, "desc", e->desc);
	need(lang, e->code, "when", e->when);
	need(lang, e->code, "fix_in", e->fix_in);
	need(lang, e->code, "fix_out", e->fix_out);
}

static void
kb_basic__every_language__all_fields_translated(void **state)
{
	const struct kb_entry *t;
	size_t n, i, l;

	(void)state;
	t = kb_basic_table(&n);
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		use_lang(langs[l]);
		for (i = 0; i < n; i++)
			check_entry(langs[l], &t[i]);
	}
	use_lang("en");
}

static void
kb_enhanced__claimed_entries__all_fields_translated(void **state)
{
	const struct kb_entry *t;
	size_t n, i, l, claimed;

	(void)state;
	t = kb_enhanced_table(&n);
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		use_lang(langs[l]);
		claimed = 0;
		for (i = 0; i < n; i++) {
			if (!translated(t[i].title))
				continue;
			claimed++;
			check_entry(langs[l], &t[i]);
		}
		print_message("%s: %zu of %zu enhanced codes\n", langs[l],
		    claimed, n);
	}
	use_lang("en");
}

static void
kb_class_name__every_language__translated(void **state)
{
	size_t l;
	int c;

	(void)state;
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		use_lang("en");
		for (c = 2; c <= 5; c++) {
			char en[128];

			snprintf(en, sizeof(en), "%s", kb_class_name(c));
			use_lang(langs[l]);
			assert_string_not_equal(kb_class_name(c), en);
			use_lang("en");
		}
	}
}

/* The seed pages' headings are the reference wording. */
static void
headings__reference_wording(void **state)
{
	static const struct {
		const char *lang, *when, *fix, *diff;
	} want[] = {
	    {"fr", "Quand vous le voyez", "Comment résoudre",
		"Différences clés"},
	    {"de", "Wann Sie es sehen", "Wie man es behebt",
		"Wesentliche Unterschiede"},
	    {"ru", "Когда вы это видите", "Как исправить", "Ключевые различия"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		use_lang(want[i].lang);
		assert_string_equal(_("When you see it"), want[i].when);
		assert_string_equal(_("How to fix it"), want[i].fix);
		assert_string_equal(_("Key differences"), want[i].diff);
	}
	use_lang("en");
}

static void
kb_explain__french__answers_in_french(void **state)
{
	struct event_enh enh = {5, 1, 1};
	struct kb_advice en, fr;

	(void)state;
	use_lang("en");
	kb_explain(550, &enh, EVENT_OUT, EVENT_STAGE_RCPT, &en);
	use_lang("fr");
	kb_explain(550, &enh, EVENT_OUT, EVENT_STAGE_RCPT, &fr);
	assert_string_not_equal(en.title, fr.title);
	assert_string_not_equal(en.advice, fr.advice);
	use_lang("en");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(kb_basic__every_language__all_fields_translated),
	    cmocka_unit_test(
		kb_enhanced__claimed_entries__all_fields_translated),
	    cmocka_unit_test(kb_class_name__every_language__translated),
	    cmocka_unit_test(headings__reference_wording),
	    cmocka_unit_test(kb_explain__french__answers_in_french),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
#else
int
main(void)
{
	/* built with --disable-nls: nothing to check */
	puts("1..0 # SKIP built without NLS");
	return 0;
}
#endif
