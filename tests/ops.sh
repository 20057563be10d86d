#!/bin/sh
# tests/ops.sh - the options for cron and monitoring, end to end on the
# sample logs: --fail-on (exit 3, the stderr line, the text section and
# the JSON "thresholds", malformed rules, which exit status wins),
# --quiet-if-clean, --redact (no local part of an address left in any
# output), and the progress line (never when standard error is not a
# terminal; shown and cleared on a terminal made by script(1)).
. "${top_srcdir:-.}/tests/lib.sh"
plan 42

S="$top_srcdir/sample-logs"
LOG="$S/postfix-real.log"
have_py=
command -v python3 > /dev/null 2>&1 && have_py=1

# The reference: how many 5xx events the plain JSON report counts.
smtplog -f json "$LOG" > "$TMP/plain.json"
n5=$(sed -n 's/^  "by_class": {.*"5": \([0-9]*\).*/\1/p' "$TMP/plain.json")
check "the sample log has 5xx events" test "${n5:-0}" -gt 1

# ---- --fail-on ------------------------------------------------------------
smtplog --fail-on '5xx>1' "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a rule that fires exits 3" test "$rc" = 3
check "a fired rule is named on stderr with its value" \
	grep -qx "smtplog: rule 5xx>1 fired: $n5 events" "$TMP/e"
check "the text report opens with the thresholds" \
	sh -c "sed -n 2p '$TMP/o' | tr -s ' ' | grep -qx ' FIRED 5xx>1 $n5 events' &&
	    head -1 '$TMP/o' | grep -qx 'Thresholds: 1 of 1 rule fired'"
check "the report follows the thresholds" grep -qx 'smtplog report' "$TMP/o"
smtplog -f html --fail-on '5xx>1' "$LOG" > "$TMP/o.html" 2> /dev/null
check "the HTML report has the thresholds too" \
	grep -q "<td class=\"c5\"><b>FIRED</b></td><td><code>5xx&gt;1</code></td><td>$n5 events</td>" "$TMP/o.html"

smtplog --fail-on "5xx>$n5" "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a rule at its limit (>) does not fire: exit 0" test "$rc" = 0
check "a rule that does not fire says nothing on stderr" test ! -s "$TMP/e"
check "the report still lists the rule" \
	sh -c "sed -n 2p '$TMP/o' | tr -s ' ' | grep -qx ' ok 5xx>$n5 $n5 events'"
smtplog --fail-on "5xx>=$n5" "$LOG" > /dev/null 2>&1; rc=$?
check ">= at the limit fires" test "$rc" = 3

smtplog -f json --fail-on '5xx>1' --fail-on '2xx<1' --fail-on 'out:4xx>=0%' \
	"$LOG" > "$TMP/t.json" 2> "$TMP/e"; rc=$?
check "with -f json: exit 3 too" test "$rc" = 3
check "with -f json: one stderr line per fired rule" \
	test "$(grep -c '^smtplog: rule .* fired: ' "$TMP/e")" = 2
check "JSON thresholds: one element per rule, fired or not" grep -qx \
	"    {\"rule\": \"2xx<1\", \"value\": [0-9]*, \"limit\": 1, \"unit\": \"events\", \"count\": [0-9]*, \"total\": [0-9]*, \"fired\": false}," \
	"$TMP/t.json"
if [ -n "$have_py" ]; then
	check "JSON thresholds: valid, and the share is outbound 4xx / outbound" \
		python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = d["thresholds"]
assert [x["rule"] for x in t] == ["5xx>1", "2xx<1", "out:4xx>=0%"], t
assert t[0]["value"] == d["by_class"]["5"] and t[0]["fired"] is True, t[0]
o = d["outbound"]
share = round(100.0 * o["by_class"].get("4", 0) / o["events"], 2)
assert t[2]["unit"] == "percent" and t[2]["value"] == share, (t[2], share)
assert t[2]["count"] == o["by_class"].get("4", 0), t[2]
assert t[2]["total"] == o["events"] and t[2]["fired"] is True, t[2]
' "$TMP/t.json"
else
	skip "JSON thresholds: valid, and the share is outbound 4xx / outbound" \
		"python3 not installed"
fi
check "without --fail-on the JSON has no thresholds key" \
	sh -c "! grep -q thresholds '$TMP/plain.json'"

# an enhanced-code rule counts what by_enhanced counts
EXIM="$S/exim-real-mainlog"
smtplog -f json "$EXIM" > "$TMP/exim.json"
n511=$(sed -n 's/^  "by_enhanced": {.*"5.1.1": \([0-9]*\).*/\1/p' "$TMP/exim.json")
smtplog --fail-on "5.1.1=${n511:-0}" "$EXIM" > /dev/null 2> "$TMP/e"; rc=$?
check "5.1.1=N fires with the count by_enhanced has" \
	sh -c "test '${n511:-0}' -gt 0 && test $rc = 3"

smtplog --fail-on '5xx>>1' "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a malformed rule exits 2" test "$rc" = 2
check "a malformed rule says why" grep -qx \
	"smtplog: --fail-on: cannot read '5xx>>1': expected a number or a percentage after '>', not '>1'" \
	"$TMP/e"
check "a malformed rule prints no report" test ! -s "$TMP/o"
smtplog --fail-on 'up:5xx>1' "$LOG" > /dev/null 2> "$TMP/e"; rc=$?
check "an unknown direction exits 2 and is named" sh -c "test $rc = 2 &&
	grep -qx \"smtplog: --fail-on: cannot read 'up:5xx>1': 'up' is not a direction (in or out)\" '$TMP/e'"

many=
i=0
while [ $i -lt 65 ]; do many="$many --fail-on 5xx>$i"; i=$((i + 1)); done
# shellcheck disable=SC2086
smtplog $many "$LOG" > /dev/null 2> "$TMP/e"; rc=$?
check "more than 64 rules is a usage error" sh -c "test $rc = 2 &&
	grep -qx 'smtplog: --fail-on: at most 64 rules' '$TMP/e'"

# an unreadable input (1) wins over a fired rule (3); both are said
smtplog --fail-on '5xx>1' /nonexistent/mail.log "$LOG" > /dev/null 2> "$TMP/e"; rc=$?
check "unreadable input and a fired rule: exit 1, both on stderr" \
	sh -c "test $rc = 1 && grep -q 'nonexistent' '$TMP/e' &&
	    grep -q '^smtplog: rule 5xx>1 fired' '$TMP/e'"

# ---- --quiet-if-clean -------------------------------------------------------
grep 'status=sent' "$LOG" > "$TMP/clean.log"
smtplog --quiet-if-clean "$TMP/clean.log" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "clean log (no 4xx/5xx): nothing at all, exit 0" \
	sh -c "test $rc = 0 && test ! -s '$TMP/o' && test ! -s '$TMP/e'"
smtplog --quiet-if-clean "$LOG" > "$TMP/o"; rc=$?
check "log with failures: the full report, exit 0" \
	sh -c "test $rc = 0 && grep -qx 'smtplog report' '$TMP/o' && grep -qx 'Top failures' '$TMP/o'"
smtplog --quiet-if-clean --fail-on '5xx>100000' "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "with rules, none fired: nothing at all, exit 0" \
	sh -c "test $rc = 0 && test ! -s '$TMP/o' && test ! -s '$TMP/e'"
smtplog --quiet-if-clean -f json --fail-on '5xx>1' "$LOG" > "$TMP/o" 2> /dev/null; rc=$?
check "with a rule fired: the full report, exit 3" \
	sh -c "test $rc = 3 && grep -q '\"thresholds\"' '$TMP/o' && grep -q '\"top\"' '$TMP/o'"
smtplog --quiet-if-clean "$TMP/clean.log" /nonexistent/mail.log > "$TMP/o" 2> /dev/null; rc=$?
check "an unreadable input is not clean: report, exit 1" \
	sh -c "test $rc = 1 && test -s '$TMP/o'"
smtplog --quiet-if-clean --trace "$LOG" > /dev/null 2> "$TMP/e"; rc=$?
check "--quiet-if-clean with --trace is a usage error" \
	sh -c "test $rc = 2 && grep -q 'cannot be used with --trace' '$TMP/e'"

# ---- --redact ----------------------------------------------------------------
: > "$TMP/red.out"
: > "$TMP/clear.out"
for f in "$S"/*; do
	for args in "" "-f json" "-f html" "--trace"; do
		# shellcheck disable=SC2086
		smtplog --redact $args "$f" >> "$TMP/red.out" 2>&1
		# shellcheck disable=SC2086
		smtplog $args "$f" >> "$TMP/clear.out" 2>&1
	done
done
check "without --redact the outputs do hold local parts" \
	grep -qE '[A-Za-z0-9._%+-]+@' "$TMP/clear.out"
if grep -nE '[A-Za-z0-9._%+-]+@' "$TMP/red.out" > "$TMP/leak"; then
	not_ok "--redact: no local part left in text, JSON, HTML or --trace output" \
		"$(head -5 "$TMP/leak")"
else
	ok "--redact: no local part left in text, JSON, HTML or --trace output"
fi
check "--redact keeps the domains" grep -q '<\*@example.net>' "$TMP/red.out"
check "--redact keeps every line and every @" sh -c "
	test \$(wc -l < '$TMP/red.out') = \$(wc -l < '$TMP/clear.out') &&
	test \$(tr -cd @ < '$TMP/red.out' | wc -c) = \$(tr -cd @ < '$TMP/clear.out' | wc -c)"
smtplog --redact -f json "$LOG" > "$TMP/r.json"
check "--redact counts the same events" \
	test "$(json_num events "$TMP/r.json")" = "$(json_num events "$TMP/plain.json")"
if [ -n "$have_py" ]; then
	check "--redact JSON is valid JSON" python3 -m json.tool "$TMP/r.json"
else
	skip "--redact JSON is valid JSON" "python3 not installed"
fi
# an unparsed sample with a quoted local part
printf 'Nov 22 10:00:01 mail postfix/smtp[9]: 1A2B3C: to=<"jane doe"@example.com>, weird reply: 550 blah\n' > "$TMP/q.log"
smtplog --redact --trace "$TMP/q.log" > "$TMP/q.out"
check "--redact hides a quoted local part" grep -q 'to=<\*@example.com>' "$TMP/q.out"

# ---- progress ----------------------------------------------------------------
# a slow input: the sample log 20 times, 0.1 s apart (about 2 s in all)
cat > "$TMP/slow.sh" << EOF
i=0
while [ \$i -lt 20 ]; do cat "$LOG"; sleep 0.1; i=\$((i + 1)); done
EOF
sh "$TMP/slow.sh" | smtplog -f json > /dev/null 2> "$TMP/e"
check "no progress when stderr is not a terminal (a slow run)" test ! -s "$TMP/e"

"$SMTPLOG" --help > "$TMP/help"
check "--help lists the operations options" sh -c "
	grep -q -- '--fail-on=RULE' '$TMP/help' && grep -q -- '--quiet-if-clean' '$TMP/help' &&
	grep -q -- '--redact' '$TMP/help' && grep -q -- '--no-progress' '$TMP/help'"
check "--help documents exit status 3" grep -q '3 a --fail-on rule fired' "$TMP/help"

# script(1) gives smtplog a terminal; its output is what the terminal got
if command -v script > /dev/null 2>&1 &&
    script -qec 'test -t 2' /dev/null < /dev/null > /dev/null 2>&1; then
	tty_run() {
		script -qec "$1" /dev/null < /dev/null > "$2" 2>&1
	}
	P="'$SMTPLOG' --patterns '$PATTERNS'"
	tty_run "sh '$TMP/slow.sh' | $P -f json > /dev/null" "$TMP/tty1"
	check "progress on a terminal: bytes and rate, drawn with CR" \
		grep -q "$(printf '\r')smtplog: [0-9.]* MB read, [0-9.]* MB/s" "$TMP/tty1"
	check "progress on a terminal: the line is cleared at the end" \
		test "$(tail -c 2 "$TMP/tty1" | od -An -tx1 | tr -d ' ')" = 200d
	tty_run "sh '$TMP/slow.sh' | $P --no-progress -f json > /dev/null" "$TMP/tty2"
	check "--no-progress: nothing on the terminal" test ! -s "$TMP/tty2"
	tty_run "$P -f json '$LOG' > /dev/null" "$TMP/tty3"
	check "a short run prints no progress" test ! -s "$TMP/tty3"
else
	for t in "progress on a terminal: bytes and rate, drawn with CR" \
	    "progress on a terminal: the line is cleared at the end" \
	    "--no-progress: nothing on the terminal" \
	    "a short run prints no progress"; do
		skip "$t" "script(1) cannot make a terminal here"
	done
fi
