/*
 * i18n.h - message translation with GNU gettext.
 *
 *   _("text")    the translation of text in the current language
 *   N_("text")   marks text for translation where it is defined (tables);
 *                it is translated with _() where it is used
 *   P_("one", "many", n)   the singular or plural form for the number n
 *
 * Built without NLS (configure --disable-nls), both return the English.
 */
#ifndef SMTPLOG_I18N_H
#define SMTPLOG_I18N_H

#if ENABLE_NLS
#include <libintl.h>
/* "_" is the name every gettext user gives this macro; no header that
 * smtplog includes defines one */
/* NOLINTNEXTLINE(bugprone-reserved-identifier,cert-dcl37-c) */
#define _(s) gettext(s)
#define P_(s, p, n) ngettext(s, p, n)
#else
/* NOLINTNEXTLINE(bugprone-reserved-identifier,cert-dcl37-c) */
#define _(s) (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) s

#endif
