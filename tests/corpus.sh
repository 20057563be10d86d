#!/bin/sh
# tests/corpus.sh - the public real-world log lines in ../shared/corpus
# (beside the source tree, or $SMTPLOG_CORPUS): smtplog reads all of it
# without crashing, its accounting balances, and it understands nearly
# every reply-bearing line of the real (not synthetic) sources.
. "${top_srcdir:-.}/tests/lib.sh"

CORPUS=${SMTPLOG_CORPUS:-$top_srcdir/../shared/corpus}
if [ ! -d "$CORPUS" ]; then
	echo "1..0 # SKIP corpus not found at $CORPUS"
	exit 0
fi
plan 8

# Synthetic or harness-made sources, kept out of the accuracy figure
# (see the corpus MANIFEST): codes like "123 1.2.3", dsn=1.2.3, munged
# Exim test-suite output, and hand-aligned logwatch bodies.
find "$CORPUS" -type f ! -name 'MANIFEST*' ! -name codes.txt ! -name '*.tsv' |
	LC_ALL=C sort > "$TMP/all"
grep -v -e /sergeymakinen-postfix_exporter/ -e /datadog-integrations-core/ \
	-e /exim-testsuite/ -e /logwatch/ "$TMP/all" > "$TMP/real"
grep /exim-testsuite/ "$TMP/all" > "$TMP/suite"

# Every file, one run: no crash, exit 0, balanced accounting.
xargs "$SMTPLOG" --patterns "$PATTERNS" -f json < "$TMP/all" > "$TMP/all.json" 2> "$TMP/err"
rc=$?
check "whole corpus: exit status 0" test "$rc" = 0
check "whole corpus: nothing on stderr" test ! -s "$TMP/err"
check "whole corpus: accounting balances" grep -q '"balanced": true' "$TMP/all.json"

xargs "$SMTPLOG" --patterns "$PATTERNS" -f json < "$TMP/real" > "$TMP/real.json"
ev=$(json_num events "$TMP/real.json")
un=$(json_num unparsed "$TMP/real.json")
echo "# real sources: $ev events, $un unparsed reply-bearing lines"
check "real sources: at least 3900 events" test "$ev" -ge 3900
# understood share of reply-bearing lines, in tenths of a percent
share=$(( ev * 1000 / (ev + un) ))
echo "# real sources: understood $share/1000 of reply-bearing lines"
check "real sources: at least 99.8% of reply-bearing lines understood" \
	test "$share" -ge 998
check "real sources: accounting balances" grep -q '"balanced": true' "$TMP/real.json"

# The Exim test suite: odd on purpose, must still read cleanly.
xargs "$SMTPLOG" --patterns "$PATTERNS" -f json < "$TMP/suite" > "$TMP/suite.json"
rc=$?
check "exim test suite: exit status 0" test "$rc" = 0
sev=$(json_num events "$TMP/suite.json")
sun=$(json_num unparsed "$TMP/suite.json")
echo "# exim test suite: $sev events, $sun unparsed"
check "exim test suite: at least 95% of reply-bearing lines understood" \
	test "$(( sev * 100 / (sev + sun) ))" -ge 95
