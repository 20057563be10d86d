#!/bin/sh
# tests/i18n.sh - smtplog speaks the user's language: the issue's
# "LANG=fr_FR.UTF-8 smtplog explain 221 501" shows the reference headings
# in French, likewise German and Russian, whether or not the machine has
# those locales installed; --lang overrides the locale; the text report
# is translated too, and so are the mistakes in the options.
. "${top_srcdir:-.}/tests/lib.sh"

if [ ! -d "${SMTPLOG_LOCALEDIR:-}/fr" ]; then
	echo "1..0 # SKIP no message catalogs (built without NLS?)"
	exit 0
fi
plan 19

# Reference headings of the seed pages, per language.
headings() {
	case $1 in
	fr) printf '%s\n' "Description" "Quand vous le voyez" \
		"Comment résoudre" "Différences clés" "Quand utiliser lequel" ;;
	de) printf '%s\n' "Beschreibung" "Wann Sie es sehen" \
		"Wie man es behebt" "Wesentliche Unterschiede" \
		"Wann welchen verwenden" ;;
	ru) printf '%s\n' "Описание" "Когда вы это видите" "Как исправить" \
		"Ключевые различия" "Когда что использовать" ;;
	esac
}

for l in fr de ru; do
	L=$(echo $l | tr a-z A-Z)
	LC_ALL= LANG=${l}_$L.UTF-8 "$SMTPLOG" explain 221 501 > "$TMP/$l" 2>&1
	missing=$(headings $l | while read -r h; do
		grep -qx "$h" "$TMP/$l" || echo "$h"; done)
	if [ -z "$missing" ]; then
		ok "LANG=${l}_$L.UTF-8 smtplog explain 221 501: $l headings"
	else
		not_ok "LANG=${l}_$L.UTF-8 smtplog explain 221 501: $l headings" \
			"missing: $missing" "$(head -20 "$TMP/$l")"
	fi
	"$SMTPLOG" --lang $l explain 221 501 > "$TMP/$l.opt" 2>&1
	check "--lang $l gives the same page" cmp "$TMP/$l" "$TMP/$l.opt"
	check "$l: the explanation text is translated too" \
		sh -c "! grep -q 'The server ends the session' '$TMP/$l'"
	"$SMTPLOG" --lang $l --color=never "$top_srcdir/sample-logs/postfix-real.log" \
		> "$TMP/$l.report" 2>&1
	check "$l: the text report is translated" \
		sh -c "! grep -q -e '^Top failures' -e 'Replies by class' '$TMP/$l.report'"
done

LC_ALL= LANG=fr_FR.UTF-8 "$SMTPLOG" --lang en explain 221 501 > "$TMP/en" 2>&1
check "--lang en overrides a French locale" grep -qx "When you see it" "$TMP/en"
LC_ALL=C "$SMTPLOG" explain 221 > "$TMP/c" 2>&1
check "the C locale is English" grep -qx "When you see it" "$TMP/c"
if command -v iconv > /dev/null 2>&1; then
	check "Russian output is valid UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null "$TMP/ru"
else
	skip "Russian output is valid UTF-8" "iconv not installed"
fi
"$SMTPLOG" --lang xx explain 221 > "$TMP/o" 2> "$TMP/e"; rc=$?
check "--lang with an unknown language exits 2" test "$rc" = 2
# a mistake in the options is told in the locale's language, or in that
# of a --lang before it
LC_ALL= LANG=fr_FR.UTF-8 "$SMTPLOG" --top x > /dev/null 2> "$TMP/e"
check "a bad option value is told in French" \
	grep -q "^smtplog: --top.*: pas un nombre de 0 à 1000" "$TMP/e"
LC_ALL= LANG=fr_FR.UTF-8 "$SMTPLOG" --bogus > /dev/null 2> "$TMP/e"
check "the hint after an unknown option, in French" \
	grep -q "^Essayez .*smtplog --help" "$TMP/e"
LC_ALL= LANG=fr_FR.UTF-8 "$SMTPLOG" --lang ru -f nope > /dev/null 2> "$TMP/e"
check "after --lang ru, in Russian" grep -q "неизвестный формат" "$TMP/e"
