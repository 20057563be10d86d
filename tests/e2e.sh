#!/bin/sh
# tests/e2e.sh - end to end over sample-logs/: the text, JSON, HTML, CSV
# and Prometheus reports of every sample must equal the golden files in
# tests/golden/ (the version in smtplog_build_info and in the HTML footer
# is left out); every
# rendering of the same capture (syslog, RFC 3339, each journalctl -o
# format, -o json included) must count the same events; and the
# accounting must balance.
# With UPDATE_GOLDEN=1 the golden files are rewritten instead.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || exit 1
samples=$(ls sample-logs | LC_ALL=C sort)
n=0
for s in $samples; do n=$((n + 7)); done
families="postfix sendmail"
plan $((n + 2 * 7 + 1))

for s in $samples; do
	for fmt in text json html csv prometheus; do
		want=tests/golden/$s.$fmt
		smtplog --color=never -f "$fmt" "sample-logs/$s" 2>&1 |
			sed -e '/^smtplog_build_info{/s/version="[^"]*"/version="VERSION"/' \
			    -e 's|^<footer>smtplog [^<]*</footer>|<footer>smtplog VERSION</footer>|' \
			> "$TMP/out"
		if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
			cp "$TMP/out" "$want"
			ok "$s ($fmt): golden file written"
		elif diff -u "$want" "$TMP/out" > "$TMP/diff" 2>&1; then
			ok "$s ($fmt) matches tests/golden/$s.$fmt"
		else
			not_ok "$s ($fmt) matches tests/golden/$s.$fmt" \
				"$(head -40 "$TMP/diff")"
		fi
	done
	smtplog -f json "sample-logs/$s" > "$TMP/j"
	check "$s: accounting balances" grep -q '"balanced": true' "$TMP/j"
	# a pattern that gives up on ordinary lines is a pattern to fix
	check "$s: no pattern reaches a match limit" \
		test "$(json_num match_limit_hits "$TMP/j")" = 0
done

# The counts of a capture, whatever format it was rendered in.
counts() {
	smtplog -f json "$1" | sed -n \
	    -e '/^  "events"/p' -e '/^  "unparsed"/p' -e '/^  "noreply"/p' \
	    -e '/^  "by_class"/p' -e '/^  "by_code"/p' -e '/^  "by_enhanced"/p' \
	    -e '/^  "inferred"/p' -e '/^  "time"/p'
}
for f in $families; do
	base=sample-logs/$f-real.log
	[ -f "$base" ] && counts "$base" > "$TMP/base"
	for v in $f-real-rfc3339 journal-$f-short journal-$f-short-iso \
	    journal-$f-short-precise journal-$f-short-full journal-$f-short-unix \
	    journal-$f-json; do
		if [ ! -f "$base" ] || [ ! -f "sample-logs/$v.log" ]; then
			skip "$v.log counts as $f-real.log" "sample missing"
			continue
		fi
		counts "sample-logs/$v.log" > "$TMP/v"
		if diff "$TMP/base" "$TMP/v" > "$TMP/diff"; then
			ok "$v.log counts as $f-real.log"
		else
			not_ok "$v.log counts as $f-real.log" "$(cat "$TMP/diff")"
		fi
	done
done

# All samples at once, through a pipe: the sum of the parts.
cat sample-logs/* | smtplog -f json > "$TMP/all"
total=0
for s in $samples; do
	smtplog -f json "sample-logs/$s" > "$TMP/one"
	total=$((total + $(json_num events "$TMP/one")))
done
check "all samples through stdin: events are the sum of each file's" \
	test "$(json_num events "$TMP/all")" = "$total"
