#!/bin/sh
# tests/cli.sh - the command line: help, version, options, exit status,
# error messages, standard input, colour, and safe output of hostile text.
. "${top_srcdir:-.}/tests/lib.sh"
plan 31

S="$top_srcdir/sample-logs"
LOG="$S/postfix-real.log"

"$SMTPLOG" --help > "$TMP/help" 2>&1
check "--help exits 0 and shows usage" grep -q '^Usage: smtplog' "$TMP/help"
check "--help documents the exit status" grep -q 'Exit status' "$TMP/help"

"$SMTPLOG" --version > "$TMP/v" 2>&1
check "--version prints the version" grep -qx 'smtplog [0-9][0-9.]*' "$TMP/v"

"$SMTPLOG" --bogus < /dev/null > "$TMP/o" 2> "$TMP/e"; rc=$?
check "unknown option exits 2" test "$rc" = 2
check "unknown option points at --help" grep -q "Try 'smtplog --help'" "$TMP/e"

smtplog --format yaml "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "unknown format exits 2" test "$rc" = 2
check "unknown format is named on stderr" \
	grep -qx "smtplog: unknown format 'yaml' (known: text, json, html, csv, prometheus)" "$TMP/e"

smtplog --top x "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "--top with a non-number exits 2" test "$rc" = 2

# A missing input warns, the others are still read, exit 1.
smtplog -f json /nonexistent/mail.log "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "missing file exits 1" test "$rc" = 1
check "missing file message is smtplog: PATH: strerror" \
	grep -qx 'smtplog: /nonexistent/mail.log: No such file or directory' "$TMP/e"
check "other inputs are still read" test "$(json_num inputs "$TMP/o")" = 1
check "other inputs are still counted" test "$(json_num events "$TMP/o")" -gt 0

smtplog "$TMP" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a directory as input exits 1 with a message" \
	sh -c "test $rc = 1 && grep -q 'smtplog: $TMP: Is a directory' '$TMP/e'"

# A bad pattern file: file:line: offset N: message, exit 2.
mkdir "$TMP/pat"
printf 'mta postfix\nprogram ^postfix\nevent x dir=out ^(unclosed\n' > "$TMP/pat/bad.pat"
"$SMTPLOG" --patterns "$TMP/pat" "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "bad pattern exits 2" test "$rc" = 2
check "bad pattern names file, line and offset" \
	grep -qx "smtplog: $TMP/pat/bad.pat:3: offset 10: missing closing parenthesis" "$TMP/e"

# Standard input, with and without "-", gives the same counts as a file.
smtplog -f json "$LOG" | grep -v '"where"' > "$TMP/file.json"
smtplog -f json < "$LOG" | grep -v '"where"' > "$TMP/stdin.json"
smtplog -f json - < "$LOG" | grep -v '"where"' > "$TMP/dash.json"
check "stdin without a file argument" cmp "$TMP/file.json" "$TMP/stdin.json"
check "stdin as -" cmp "$TMP/file.json" "$TMP/dash.json"

# Colour: never when not asked on a pipe, never with NO_COLOR.
esc=$(printf '\033')
smtplog "$LOG" > "$TMP/plain"
check "no colour on a pipe" sh -c "! grep -q '$esc' '$TMP/plain'"
smtplog --color=always "$LOG" > "$TMP/col"
check "colour with --color=always" grep -q "$esc\\[" "$TMP/col"
NO_COLOR=1 smtplog --color=always "$LOG" > "$TMP/nocol"
check "NO_COLOR wins over --color=always" sh -c "! grep -q '$esc' '$TMP/nocol'"

# Hostile text: an escape sequence in a reply and a host name.
printf 'Nov 22 10:00:01 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from evil\033]0;owned\007[192.0.2.66]: 554 5.7.1 <a@b.example>: Relay \033[31mdenied; from=<x@y> to=<a@b.example> proto=ESMTP helo=<h>\n' > "$TMP/hostile.log"
smtplog --top 1 "$TMP/hostile.log" > "$TMP/h.txt"
check "escape bytes never reach the text report raw" \
	sh -c "! grep -q '$esc' '$TMP/h.txt'"
check "escape bytes are shown as \\x1b" grep -q 'evil\\x1b\]0;owned\\x07' "$TMP/h.txt"
smtplog -f json "$TMP/hostile.log" > "$TMP/h.json"
check "escape bytes are \\u001b in JSON" grep -q 'evil\\u001b' "$TMP/h.json"
if command -v python3 > /dev/null 2>&1; then
	check "JSON with hostile bytes is valid JSON" python3 -m json.tool "$TMP/h.json"
else
	skip "JSON with hostile bytes is valid JSON" "python3 not installed"
fi

# smtplog explain: a page, JSON, and clear errors with exit 2.
"$SMTPLOG" explain 550 > "$TMP/x" 2> "$TMP/e"; rc=$?
check "explain 550 exits 0" test "$rc" = 0
check "explain 550 names the class" \
	grep -qx 'Class: 5xx Permanent Negative Completion' "$TMP/x"
"$SMTPLOG" explain 221 501 > "$TMP/x" 2>&1
check "explain with two codes compares them" grep -qx 'Key differences' "$TMP/x"
"$SMTPLOG" explain 5.1.1234 > "$TMP/x" 2> "$TMP/e"; rc=$?
check "explain of a malformed code exits 2" test "$rc" = 2
check "explain of a malformed code says why" grep -qx \
	"smtplog: '5.1.1234' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")" "$TMP/e"
"$SMTPLOG" explain > "$TMP/x" 2> "$TMP/e"; rc=$?
check "explain without a code exits 2" test "$rc" = 2
"$SMTPLOG" --format json explain 221 501 > "$TMP/x.json" 2>&1
if command -v python3 > /dev/null 2>&1; then
	check "explain --format json is valid JSON" python3 -m json.tool "$TMP/x.json"
else
	skip "explain --format json is valid JSON" "python3 not installed"
fi
