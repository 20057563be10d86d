#!/bin/sh
# tests/follow.sh - smtplog --follow end to end: a log in a temporary
# directory grows, is rotated (mv + new file) and truncated in place
# (copytruncate) while smtplog follows it with --interval 1 -f json; each
# summary line must count what was written so far. SIGTERM and SIGINT
# print the last summary and exit 0; standard input is read to its end.
# Waits poll the output with a deadline instead of sleeping fixed times.
. "${top_srcdir:-.}/tests/lib.sh"
plan 20

SRC="$top_srcdir/sample-logs/postfix-real.log"
D="$TMP/f"
mkdir "$D"
LOG="$D/mail.log"
# four pieces of a real log; the last is shorter than the third, so that
# the truncated file is shorter than what was read of it
sed -n '1,40p' "$SRC" > "$TMP/p1"
sed -n '41,80p' "$SRC" > "$TMP/p2"
sed -n '81,130p' "$SRC" > "$TMP/p3"
sed -n '131,150p' "$SRC" > "$TMP/p4"

# The first "KEY": N of the last line of FILE (top-level keys come first).
last() {
	tail -n 1 "$2" 2> /dev/null | grep -o "\"$1\": [0-9]*" | head -n 1 |
		sed 's/.*: //'
}
# Events of a log, counted by a plain run.
events_of() {
	smtplog -f json "$@" | sed -n 's/^  "events": \([0-9]*\),$/\1/p'
}
nap() { sleep 0.1 2> /dev/null || sleep 1; }
# wait_for KEY N FILE: until the last summary says N, at most 20 s.
wait_for() {
	i=0
	while [ "$(last "$1" "$3")" != "$2" ]; do
		i=$((i + 1))
		[ "$i" -gt 200 ] && return 1
		nap
	done
	return 0
}

# Started without the smtplog() wrapper, so that $! is smtplog itself;
# whatever happens, it does not outlive the test.
follow() { "$SMTPLOG" --patterns "$PATTERNS" --follow "$@"; }
pid=
trap '[ -z "$pid" ] || kill "$pid" 2> /dev/null; [ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT

e1=$(events_of "$TMP/p1")
e2=$((e1 + $(events_of "$TMP/p2")))
e3=$((e2 + $(events_of "$TMP/p3")))
e4=$((e3 + $(events_of "$TMP/p4")))

cp "$TMP/p1" "$LOG"
"$SMTPLOG" --patterns "$PATTERNS" --follow --interval 1 -f json "$LOG" \
	> "$TMP/out" 2> "$TMP/err" &
pid=$!

check "the first summary counts the file as it was" wait_for events "$e1" "$TMP/out"
check "summaries are one JSON document per line" \
	sh -c "test \"\$(head -n 1 '$TMP/out' | cut -c1-24)\" = '{\"schema\": 1,\"inputs\": 1'"

cat "$TMP/p2" >> "$LOG"
check "appended lines are in the next summary" wait_for events "$e2" "$TMP/out"

# rotation: the old file is renamed, a new one takes its name
mv "$LOG" "$LOG.1"
cat "$TMP/p3" > "$LOG"
check "after rotation the new file is read from its start" \
	wait_for events "$e3" "$TMP/out"
check "the new file is a second input" test "$(last inputs "$TMP/out")" = 2

# copytruncate: copied away, emptied in place, written again
cp "$LOG" "$LOG.2"
: > "$LOG"
cat "$TMP/p4" >> "$LOG"
check "after copytruncate the file is read again from 0" \
	wait_for events "$e4" "$TMP/out"
check "every line is accounted for" wait_for lines 150 "$TMP/out"
check "the accounting balances" \
	sh -c "tail -n 1 '$TMP/out' | grep -q '\"balanced\": true'"

# idle: no busy loop (Linux /proc: less than 0.3 s of CPU in 2 s)
if [ -r "/proc/$pid/stat" ]; then
	cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
	c0=$(cpu)
	sleep 2
	c1=$(cpu)
	check "idle, it sleeps (CPU ticks $c0 -> $c1)" test $((c1 - c0)) -lt 30
else
	skip "idle, it sleeps" "no /proc"
fi

n=$(wc -l < "$TMP/out")
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
check "SIGTERM exits 0" test "$rc" = 0
check "SIGTERM prints a last summary with every event" \
	sh -c "test \$(wc -l < '$TMP/out') -gt $n && test '$(last events "$TMP/out")' = $e4"
check "nothing on stderr" test ! -s "$TMP/err"

# A long interval: the only summary is the one SIGINT asks for. Signal
# once the file is open (then the handlers are in place).
opened() {
	i=0
	while ! ls -l "/proc/$1/fd" 2> /dev/null | grep -q "$LOG"; do
		i=$((i + 1))
		[ "$i" -gt 200 ] && return 1
		nap
	done
}
if [ -d /proc/self/fd ]; then
	"$SMTPLOG" --patterns "$PATTERNS" --follow --interval 3600 -f json \
		"$LOG" > "$TMP/out2" 2>&1 &
	pid=$!
	opened "$pid"
	kill -INT "$pid"
	wait "$pid"
	rc=$?
	pid=
	check "SIGINT exits 0" test "$rc" = 0
	check "SIGINT prints one summary, of the whole file" sh -c \
		"test \$(wc -l < '$TMP/out2') = 1 && test '$(last lines "$TMP/out2")' = 20"
else
	skip "SIGINT exits 0" "no /proc"
	skip "SIGINT prints one summary, of the whole file" "no /proc"
fi

# Standard input: read until it ends, then the last summary, exit 0.
cat "$TMP/p1" "$TMP/p2" | follow --interval 3600 > "$TMP/out3" 2>&1
rc=$?
check "--follow on standard input ends with it, exit 0" test "$rc" = 0
check "text summaries start with a dated line" \
	grep -q '^==== smtplog summary, [0-9-]* [0-9:]* [-+][0-9]* ====$' "$TMP/out3"
check "the summary of standard input counts it all" \
	grep -q "^  events  *$e2 " "$TMP/out3"

# Usage: --interval takes 1 to 86400 seconds; --help tells of both.
follow --interval 0 "$LOG" > "$TMP/o" 2> "$TMP/e"
rc=$?
check "--interval 0 exits 2 with a message" sh -c \
	"test $rc = 2 && grep -q 'interval: not a number from 1 to 86400' '$TMP/e'"
follow --interval 1x "$LOG" > "$TMP/o" 2> "$TMP/e"
check "--interval with a non-number exits 2" test $? = 2
"$SMTPLOG" --help > "$TMP/help"
check "--help documents --follow and --interval" sh -c \
	"grep -q -- '--follow ' '$TMP/help' && grep -q -- '--interval=SECS' '$TMP/help'"
