#!/bin/sh
# tests/merge.sh - smtplog merge end to end: the JSON summaries of every
# sample log (and of a log with unparsed lines and invalid UTF-8), merged,
# must give byte for byte the report of one run over all the logs, but
# for the names of the samples (which say which summary they came from);
# and what is not a smtplog summary is refused with exit status 2.
. "${top_srcdir:-.}/tests/lib.sh"
plan 24

# Logs named relative to one directory, so that both runs name them alike.
mkdir "$TMP/logs" "$TMP/sum"
cp "$top_srcdir"/sample-logs/* "$TMP/logs/"
# unparsed lines (samples), and peers whose names are not valid UTF-8,
# next to the same name in valid UTF-8 (which must stay another peer)
printf '%s\n' \
	'Nov 22 10:00:04 mx postfix/smtp[7]: 4AB: to=<b@x.example>, status=bounced (host said: 599 odd)' \
	'Nov 22 10:00:05 mx postfix/smtp[7]: 4AC: to=<c@x.example>, status=bounced (host said: 598 odd)' \
	> "$TMP/logs/zz-odd.log"
printf 'Nov 22 10:00:01 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from h\351h\377[192.0.2.66]: 554 5.7.1 <a@b\351.example>: Relay access denied; from=<x@y> to=<a@b\351.example> proto=ESMTP helo=<h>\n' >> "$TMP/logs/zz-odd.log"
printf 'Nov 22 10:00:02 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from h\303\251h[192.0.2.67]: 554 5.7.1 <a@b\303\251.example>: Relay access denied; from=<x@y> to=<a@b\303\251.example> proto=ESMTP helo=<h>\n' >> "$TMP/logs/zz-odd.log"

cd "$TMP/logs" || exit 1
logs=$(ls | LC_ALL=C sort)
for l in $logs; do
	smtplog -f json "$l" > "$TMP/sum/$l.json"
done
# shellcheck disable=SC2086
smtplog -f json $logs > "$TMP/all.json"
# shellcheck disable=SC2086
smtplog --color=never $logs > "$TMP/all.txt"
cd "$TMP/sum" || exit 1
sums=$(for l in $logs; do echo "$l.json"; done)

# shellcheck disable=SC2086
smtplog merge -f json $sums > "$TMP/merged.json" 2> "$TMP/e"; rc=$?
check "merge of every summary exits 0" test "$rc" = 0
check "merge of every summary is silent" test ! -s "$TMP/e"
# samples are named SUMMARY:FILE:LINE; without the summary, as one run
sed 's/"where": "[^":]*\.json:/"where": "/' "$TMP/merged.json" > "$TMP/merged.norm"
if diff -u "$TMP/all.json" "$TMP/merged.norm" > "$TMP/diff"; then
	ok "merged JSON is the JSON of one run over all the logs"
else
	not_ok "merged JSON is the JSON of one run over all the logs" \
		"$(head -40 "$TMP/diff")"
fi
check "the merged report has the samples" \
	grep -q '"where": "zz-odd.log.json:zz-odd.log:2"' "$TMP/merged.json"
check "the samples of one run are the first ones" \
	test "$(grep -c '"where"' "$TMP/merged.json")" = 2
check "invalid UTF-8 names came back as their bytes" \
	grep -q '"name_hex": "68e968ff5b3139322e302e322e36365d"' "$TMP/merged.json"
check "a valid UTF-8 name stayed another peer" \
	grep -q "\"domain\", \"name\": \"$(printf 'b\303\251').example\", \"count\": 1" \
	"$TMP/merged.json"
check "the counts are all there" \
	test "$(json_num events "$TMP/merged.json")" = "$(json_num events "$TMP/all.json")"

# shellcheck disable=SC2086
smtplog merge --color=never $sums > "$TMP/merged.txt"
sed 's/^\(  *\)[^ :]*\.json:/\1/' "$TMP/merged.txt" > "$TMP/merged.txt.norm"
if diff -u "$TMP/all.txt" "$TMP/merged.txt.norm" > "$TMP/diff"; then
	ok "merged text report is the report of one run"
else
	not_ok "merged text report is the report of one run" "$(head -40 "$TMP/diff")"
fi

# A merged summary merges again to itself (names aside), from stdin too.
smtplog merge -f json - < "$TMP/merged.json" > "$TMP/again.json"
sed 's/"where": "(stdin):/"where": "/' "$TMP/again.json" > "$TMP/again.norm"
check "a merged summary merges again (from stdin) to itself" \
	cmp "$TMP/merged.json" "$TMP/again.norm"
# shellcheck disable=SC2086
smtplog merge -f json --top 1 $sums > "$TMP/top1.json"
check "--top applies to merge" \
	test "$(grep -c '"code_title"' "$TMP/top1.json")" = 1
if command -v python3 > /dev/null 2>&1; then
	check "merged JSON is valid JSON" python3 -m json.tool "$TMP/merged.json"
else
	skip "merged JSON is valid JSON" "python3 not installed"
fi

# Foreign and broken files: refused, exit 2, a clear message, no report.
printf '{"name": "package", "version": "1.0"}\n' > "$TMP/x.json"
smtplog merge postfix-real.log.json "$TMP/x.json" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a foreign JSON file exits 2" test "$rc" = 2
check "a foreign JSON file is named as not a summary" \
	grep -qx "smtplog: $TMP/x.json: not a smtplog JSON summary" "$TMP/e"
check "nothing is printed when a file is refused" test ! -s "$TMP/o"
smtplog merge "$TMP/logs/postfix-real.log" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a log given to merge is refused" sh -c "test $rc = 2 && grep -qx \
	'smtplog: $TMP/logs/postfix-real.log: not a smtplog JSON summary' '$TMP/e'"
head -c 2000 postfix-real.log.json > "$TMP/cut.json"
smtplog merge "$TMP/cut.json" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a cut summary is refused with exit 2" sh -c "test $rc = 2 && grep -qx \
	'smtplog: $TMP/cut.json: the JSON ends too early (a cut summary?)' '$TMP/e'"
# a _hex twin as long as the reader's buffer, all digits: read as a C
# string, it once ran past the end of that buffer
hex=$(printf '%0512d' 0 | tr 0 3)
sed "s/\"code\": \"550\"/\"code\": \"550\", \"code_hex\": \"$hex\"/" \
	postfix-real.log.json > "$TMP/hex.json"
smtplog merge "$TMP/hex.json" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a _hex twin that fills the buffer is refused, exit 2" sh -c "test $rc = 2 \
	&& grep -q 'code_hex\" is not hex digits' '$TMP/e'"
sed 's/"schema": 1,/"schema": 99,/' postfix-real.log.json > "$TMP/new.json"
smtplog merge "$TMP/new.json" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a future schema is refused with exit 2" sh -c "test $rc = 2 && grep -q \
	'schema 99 is not the one this smtplog reads (1)' '$TMP/e'"

# A missing file: warned, exit 1, the others merged.
smtplog merge -f json /nonexistent.json postfix-real.log.json > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a missing summary exits 1 with strerror" sh -c "test $rc = 1 && grep -qx \
	'smtplog: /nonexistent.json: No such file or directory' '$TMP/e'"
check "the other summaries are still merged" \
	test "$(json_num events "$TMP/o")" = "$(json_num events postfix-real.log.json)"

# A signature this smtplog does not know: counted without it, warned.
sed 's/"signature": "greylist-out"/"signature": "from-a-newer-smtplog"/' \
	postfix-real.log.json > "$TMP/sig.json"
smtplog merge -f json "$TMP/sig.json" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "an unknown signature id is counted without it, with a warning" sh -c \
	"test $rc = 0 && grep -q \"signature 'from-a-newer-smtplog' is not among\" '$TMP/e' && \
	test $(json_num events "$TMP/o") = $(json_num events postfix-real.log.json)"

# Usage: merge reads summaries, not logs as they come; --help tells of it.
smtplog merge --follow postfix-real.log.json > "$TMP/o" 2> "$TMP/e"
check "merge --follow is a usage error (exit 2)" sh -c \
	"test $? = 2 && grep -q 'merge reads summaries' '$TMP/e'"
"$SMTPLOG" --help > "$TMP/help"
check "--help documents merge" grep -q '^       smtplog merge ' "$TMP/help"
