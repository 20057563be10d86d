#!/bin/sh
# tests/window.sh - --since, --until and --yesterday, end to end: logs
# written here that span New Year and more than a year, a rotated file of
# last year, offsets and a zone with DST, relative times, what the reports
# say, the accounting, error messages, and -j with a window.
. "${top_srcdir:-.}/tests/lib.sh"
plan 62

S="$top_srcdir/sample-logs"

# ev STAMP N: N delivered Postfix events at STAMP ("Mmm dd hh:mm:ss").
ev() {
	i=0
	while [ "$i" -lt "$2" ]; do
		echo "$1 mail postfix/smtp[31151]: 54CF2102$i: to=<u$i@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=0.03, delays=0.01/0.01/0.01/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 73728$i)"
		i=$((i + 1))
	done
}

# A number in the skipped_detail object of a JSON report.
detail() {
	sed -n "s/.*\"skipped_detail\": .*\"$1\": \\([0-9]*\\).*/\\1/p" "$2"
}

# is WHAT GOT WANT: ok when equal, else the two values.
is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "got '$2', want '$3'"
	fi
}

# ---- a log across New Year, read on 2027-01-02 ---------------------------
NY=$TMP/ny.log
{
	ev "Dec 30 10:00:00" 1
	ev "Dec 31 23:59:58" 2
	echo "Dec 31 23:59:59 mail kernel: [1.0] clock"
	ev "Jan  1 00:00:01" 3
	ev "Dec 31 23:59:59" 1 # written late by another process
	echo "not a syslog line"
	ev "Jan  1 12:00:00" 1
	echo "Jan  1 13:00:00 mail kernel: [2.0] hello"
	ev "Jan  2 08:00:00" 4
} > "$NY"
touch -d '2027-01-02 09:00:00' "$NY"
NOW_NY=1798884000 # 2027-01-02T10:00:00Z

SMTPLOG_NOW=$NOW_NY smtplog -f json --yesterday "$NY" > "$TMP/ny.json"
is "new year: --yesterday counts the events of Jan 1 only" \
	"$(json_num events "$TMP/ny.json")" 4
is "new year: December lines are outside the window" \
	"$(detail outside_window "$TMP/ny.json")" 9
is "new year: other programs inside the window stay 'other'" \
	"$(detail other_program "$TMP/ny.json")" 1
is "new year: a line without a header stays 'no header'" \
	"$(detail no_header "$TMP/ny.json")" 1
is "new year: every line is read" "$(json_num lines "$TMP/ny.json")" 15
is "new year: skipped includes the lines outside the window" \
	"$(json_num skipped "$TMP/ny.json")" 11
check "new year: the accounting balances" \
	grep -q '"balanced": true' "$TMP/ny.json"
check "new year: JSON states the window" grep -q \
	'"window": {"since": "2027-01-01T00:00:00Z", "until": "2027-01-02T00:00:00Z"}' \
	"$TMP/ny.json"
check "new year: the time span is that of the window's lines" grep -q \
	'"time": {"first": "2027-01-01T00:00:01Z", "last": "2027-01-01T12:00:00Z"}' \
	"$TMP/ny.json"

SMTPLOG_NOW=$NOW_NY smtplog -f json --since 2026-12-31 --until 2027-01-02 \
	"$NY" > "$TMP/o.json"
is "new year: --since 2026-12-31 --until 2027-01-02" \
	"$(json_num events "$TMP/o.json")" 7
SMTPLOG_NOW=$NOW_NY smtplog -f json --since '2026-12-31 23:59:59' \
	--until 2027-01-01T00:00:01 "$NY" > "$TMP/o.json"
is "new year: --since is inclusive, --until exclusive" \
	"$(json_num events "$TMP/o.json")" 1

# the same through a pipe: no modification time, now and the rollovers
cat "$NY" | SMTPLOG_NOW=$NOW_NY smtplog -f json --yesterday \
	> "$TMP/pipe.json" 2> "$TMP/pipe.err"
is "new year, pipe: --yesterday counts the same" \
	"$(json_num events "$TMP/pipe.json")" 4
check "new year, pipe: no warning" test ! -s "$TMP/pipe.err"

SMTPLOG_NOW=$NOW_NY smtplog --color=never --yesterday "$NY" > "$TMP/ny.txt"
check "text report states the window" grep -q \
	'time window *2027-01-01 00:00:00 +0000 to 2027-01-02 00:00:00 +0000$' \
	"$TMP/ny.txt"
check "text report counts the lines outside it" \
	grep -q '^    outside window *9 ' "$TMP/ny.txt"
check "text report: skipped includes them" \
	grep -q '^  skipped *11 ' "$TMP/ny.txt"
SMTPLOG_NOW=$NOW_NY smtplog --color=never "$NY" > "$TMP/nowin.txt"
check "no window: the report has no window lines" \
	sh -c "! grep -q 'window' '$TMP/nowin.txt'"

# ---- one file of more than a year (the pflogsumm -d yesterday trap) ------
LONG=$TMP/long.log
{
	ev "Nov 20 09:00:00" 1
	ev "Nov 21 09:00:00" 5 # a year ago
	for m in Dec Jan Feb Mar Apr May Jun Jul Aug Sep Oct; do
		ev "$m 15 09:00:00" 1
	done
	ev "Nov 20 09:00:00" 1
	ev "Nov 21 09:00:00" 2 # yesterday
	ev "Nov 22 08:00:00" 1
} > "$LONG"
touch -d '2026-11-22 08:30:00' "$LONG"
NOW_L=1795348800 # 2026-11-22T12:00:00Z

SMTPLOG_NOW=$NOW_L smtplog -f json --yesterday "$LONG" > "$TMP/long.json"
is "13 months: --yesterday does not count the same day a year ago" \
	"$(json_num events "$TMP/long.json")" 2
is "13 months: the rest is outside the window" \
	"$(detail outside_window "$TMP/long.json")" 19
SMTPLOG_NOW=$NOW_L smtplog -f json "$LONG" > "$TMP/o.json"
check "13 months: the time span starts a year before it ends" grep -q \
	'"time": {"first": "2025-11-20T09:00:00Z", "last": "2026-11-22T08:00:00Z"}' \
	"$TMP/o.json"
SMTPLOG_NOW=$NOW_L smtplog -f json --since 2025-11-21 --until 2025-11-22 \
	"$LONG" > "$TMP/o.json"
is "13 months: the day a year ago has its own events" \
	"$(json_num events "$TMP/o.json")" 5
SMTPLOG_NOW=$NOW_L smtplog -f json --yesterday - < "$LONG" > "$TMP/o.json"
is "13 months: standard input from the file is read as the file" \
	"$(json_num events "$TMP/o.json")" 2
cat "$LONG" | SMTPLOG_NOW=$NOW_L smtplog -f json --yesterday \
	> "$TMP/o.json" 2> "$TMP/e"
check "13 months through a pipe: the limit is told on stderr" grep -q \
	'^smtplog: (stdin): the year-less times run past now: this input spans more than a year' \
	"$TMP/e"
check "13 months through a pipe: still balanced" \
	grep -q '"balanced": true' "$TMP/o.json"
touch -d '2027-06-01 00:00:00' "$LONG"
SMTPLOG_NOW=$NOW_L smtplog -f json --yesterday "$LONG" > "$TMP/o.json"
is "13 months, modification time in the future: now is the limit" \
	"$(json_num events "$TMP/o.json")" 2

# relative times: now is 2026-11-22 12:00, the last line is at 08:00
for spec in "-4h 1" "-3h 0" "-14400s 1" "-240m 1" "-1d 1" "-2d 3"; do
	set -- $spec
	SMTPLOG_NOW=$NOW_L smtplog -f json --since "$1" "$LONG" > "$TMP/o.json"
	is "relative: --since $1 counts $2" "$(json_num events "$TMP/o.json")" "$2"
done
SMTPLOG_NOW=$NOW_L smtplog -f json --until -4h "$LONG" > "$TMP/o.json"
is "relative: --until -4h leaves out the line at 08:00" \
	"$(json_num events "$TMP/o.json")" 20

# ---- a rotated file of last year ----------------------------------------
OLD=$TMP/mail.log.1
{
	ev "Nov 18 10:00:00" 1
	ev "Nov 21 10:00:00" 3
	ev "Nov 25 10:00:00" 1
} > "$OLD"
touch -d '2025-11-25 11:00:00' "$OLD"
SMTPLOG_NOW=$NOW_L smtplog -f json --yesterday "$OLD" > "$TMP/o.json"
is "rotated last year: nothing of it is yesterday" \
	"$(json_num events "$TMP/o.json")" 0
SMTPLOG_NOW=$NOW_L smtplog -f json --since 2025-11-21 --until 2025-11-22 \
	"$OLD" > "$TMP/o.json"
is "rotated last year: its own Nov 21" "$(json_num events "$TMP/o.json")" 3
SMTPLOG_NOW=$NOW_L smtplog -f json --yesterday "$OLD" "$LONG" > "$TMP/o.json"
is "several files: each has its own year" \
	"$(json_num events "$TMP/o.json")" 2

# ---- offsets, local time and TZ -----------------------------------------
Z=$TMP/zones.log
{
	echo "2026-11-21T00:45:00Z mail postfix/smtp[1]: 1A: to=<a@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)"
	ev "Nov 21 00:45:00" 1
} > "$Z"
smtplog -f json --since '2026-11-21 00:30' --until '2026-11-21 01:00' "$Z" \
	> "$TMP/o.json"
is "UTC: a line with an offset and a local one, both inside" \
	"$(json_num events "$TMP/o.json")" 2
TZ=CET-1CEST,M3.5.0,M10.5.0/3 smtplog -f json --since '2026-11-21 00:30' \
	--until '2026-11-21 01:00' "$Z" > "$TMP/o.json"
is "CET: the window and the year-less line are local, the offset is not" \
	"$(json_num events "$TMP/o.json")" 1
check "CET: JSON gives the window in UTC" grep -q \
	'"window": {"since": "2026-11-20T23:30:00Z", "until": "2026-11-21T00:00:00Z"}' \
	"$TMP/o.json"
TZ=CET-1CEST,M3.5.0,M10.5.0/3 SMTPLOG_NOW=$NOW_L smtplog --color=never \
	--yesterday "$Z" > "$TMP/o.txt"
check "CET: the text report gives the window in local time" grep -q \
	'time window *2026-11-21 00:00:00 +0100 to 2026-11-22 00:00:00 +0100' \
	"$TMP/o.txt"

# ---- a line whose date cannot be ----------------------------------------
{
	ev "Nov 21 10:00:00" 1
	ev "Nov 31 10:00:00" 1
	ev "Nov 21 25:00:00" 1
} > "$TMP/bad.log"
SMTPLOG_NOW=$NOW_L smtplog -f json --yesterday "$TMP/bad.log" > "$TMP/o.json"
is "impossible dates: not counted as events" \
	"$(json_num events "$TMP/o.json")" 1
is "impossible dates: counted as without a usable time" \
	"$(detail no_time "$TMP/o.json")" 2
SMTPLOG_NOW=$NOW_L smtplog --color=never --yesterday "$TMP/bad.log" \
	> "$TMP/o.txt"
check "impossible dates: the text report says so" \
	grep -q '^    no usable time *2 ' "$TMP/o.txt"
SMTPLOG_NOW=$NOW_L smtplog -f json "$TMP/bad.log" > "$TMP/o.json"
is "impossible dates without a window: counted as before" \
	"$(json_num events "$TMP/o.json")" 3

# ---- the sample logs (captured on 2026-11-22) ---------------------------
smtplog -f json "$S/postfix-real.log" > "$TMP/all.json"
smtplog -f json --since 2026-11-22 --until 2026-11-23 "$S/postfix-real.log" \
	> "$TMP/day.json"
is "sample log: a window around it counts every event" \
	"$(json_num events "$TMP/day.json")" "$(json_num events "$TMP/all.json")"
smtplog -f json --until 2026-11-22 "$S/postfix-real.log" > "$TMP/o.json"
is "sample log: a window before it counts none" \
	"$(json_num events "$TMP/o.json")" 0
is "sample log: ... and every line is outside it" \
	"$(detail outside_window "$TMP/o.json")" "$(json_num lines "$TMP/o.json")"

# ---- errors --------------------------------------------------------------
smtplog --since xyz "$NY" > "$TMP/o" 2> "$TMP/e"; rc=$?
is "a bad --since exits 2" "$rc" 2
check "a bad --since is explained" grep -qx \
	"smtplog: --since: cannot read 'xyz' (expected YYYY-MM-DD\\[ HH:MM\\[:SS\\]\\], today, yesterday, now or -N\\[smhd\\])" \
	"$TMP/e"
smtplog --until 2026-02-30 "$NY" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "an impossible --until date exits 2 with its message" sh -c \
	"test $rc = 2 && grep -q \"^smtplog: --until: cannot read '2026-02-30'\" '$TMP/e'"
smtplog --since today --until yesterday "$NY" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "an empty window exits 2" sh -c \
	"test $rc = 2 && grep -q 'the window is empty' '$TMP/e'"
smtplog --yesterday --since today "$NY" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "--yesterday with --since exits 2" sh -c \
	"test $rc = 2 && grep -q 'cannot be combined' '$TMP/e'"
"$SMTPLOG" --help > "$TMP/help"
check "--help documents --since, --until and --yesterday" sh -c \
	"grep -q -- '--since=TIME' '$TMP/help' && grep -q -- '--until=TIME' '$TMP/help' && grep -q -- '--yesterday' '$TMP/help'"

# ---- -j with a window: a file of 13 months, large enough to be cut -------
BIG=$TMP/big.log
awk 'BEGIN {
	split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
	split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mn, " ")
	y = 2025; m = 10; d = 20
	for (k = 0; k < 399; k++) {
		for (i = 0; i < 60; i++)
			printf "%s %2d %02d:%02d:%02d mail postfix/smtp[%d]: %05X%d: to=<u%d@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as %d)\n", mn[m], d, int(i / 3), (i * 7) % 60, i % 60, 100 + i, k, i, i, k * 100 + i
		printf "%s %2d 23:59:00 mail kernel: [%d.0] tick\n", mn[m], d, k
		d++
		if (d > ml[m] + (m == 2 && y % 4 == 0)) {
			d = 1
			m++
			if (m > 12) {
				m = 1
				y++
			}
		}
	}
}' > "$BIG"
touch -d '2026-11-22 23:59:30' "$BIG"
size=$(wc -c < "$BIG")
check "the 13-month file is large enough to be split (4 MiB)" \
	test "$size" -ge 4194304
smtplog -j 1 -f json --yesterday "$BIG" > "$TMP/b1.json"
is "-j 1: --yesterday counts one day, not two" \
	"$(json_num events "$TMP/b1.json")" 60
smtplog -j 1 -f json --since 2026-01-01 --until 2026-02-01 "$BIG" \
	> "$TMP/m1.json"
is "-j 1: January 2026 has its 31 days" "$(json_num events "$TMP/m1.json")" 1860
smtplog -j 1 -f json "$BIG" > "$TMP/a1.json"
smtplog -j 1 --color=never --since 2026-01-01 --until 2026-02-01 "$BIG" \
	> "$TMP/m1.txt"
same=1
for j in 2 3 5; do
	smtplog -j $j -f json --yesterday "$BIG" > "$TMP/bj.json"
	smtplog -j $j -f json --since 2026-01-01 --until 2026-02-01 "$BIG" \
		> "$TMP/mj.json"
	smtplog -j $j -f json "$BIG" > "$TMP/aj.json"
	smtplog -j $j --color=never --since 2026-01-01 --until 2026-02-01 \
		"$BIG" > "$TMP/mj.txt"
	for f in b m a; do
		cmp -s "$TMP/${f}1.json" "$TMP/${f}j.json" || same="$same -j$j:$f"
	done
	cmp -s "$TMP/m1.txt" "$TMP/mj.txt" || same="$same -j$j:text"
done
is "-j 2, 3, 5 with and without a window: byte-identical to -j 1" "$same" 1
check "-j: the time span starts a year and a month before it ends" grep -q \
	'"time": {"first": "2025-10-20T00:00:00Z", "last": "2026-11-22T19:53:59Z"}' \
	"$TMP/a1.json"

# ---- a file whose New Years the guess before reading gets wrong ---------
# Large files are read in pieces, each starting its years from stamps
# sampled before the read (run.c) and read again when the stamps read
# prove them wrong. Here two years of first-of-the-month lines come first,
# then 4 MiB of Dec 31: the samples see Jan 1 then Dec 31 (a day back),
# the lines a New Year.
TRICK=$TMP/trick.log
{
	for y in 1 2; do
		for m in Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec; do
			ev "$m  1 09:00:00" 1
		done
	done
	ev "Dec 31 10:00:00" 1 | awk '{ for (i = 0; i < 22000; i++) print }'
} > "$TRICK"
touch -d '2027-01-05 12:00:00' "$TRICK"
NOW_T=1799150400 # 2027-01-05T12:00:00Z
check "the guessed file is large enough to be read in pieces (4 MiB)" \
	test "$(wc -c < "$TRICK")" -ge 4194304
SMTPLOG_NOW=$NOW_T smtplog -j 1 -f json "$TRICK" > "$TMP/t1.json"
check "wrong guess: the first line is two New Years before the last" grep -q \
	'"time": {"first": "2025-01-01T09:00:00Z", "last": "2026-12-31T10:00:00Z"}' \
	"$TMP/t1.json"
is "wrong guess: every line is an event, once" \
	"$(json_num events "$TMP/t1.json")" 22024
SMTPLOG_NOW=$NOW_T smtplog -f json - < "$TRICK" > "$TMP/ts.json"
check "wrong guess: the same span as the first pass over standard input" \
	grep -q '"time": {"first": "2025-01-01T09:00:00Z", "last": "2026-12-31T10:00:00Z"}' \
	"$TMP/ts.json"
same=1
for j in 2 3; do
	SMTPLOG_NOW=$NOW_T smtplog -j $j -f json "$TRICK" > "$TMP/tj.json"
	cmp -s "$TMP/t1.json" "$TMP/tj.json" || same="$same -j$j"
done
is "wrong guess: -j 2 and 3 byte-identical to -j 1" "$same" 1
