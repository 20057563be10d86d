#!/bin/sh
# tests/output.sh - -o FILE / --output=FILE: the report replaces FILE
# whole, through a temporary beside it, and only when the run is whole.
. "${top_srcdir:-.}/tests/lib.sh"
plan 19

LOG="$top_srcdir/sample-logs/postfix-real.log"
D="$TMP/out"
mkdir "$D"

for f in text json html csv prometheus; do
	smtplog -f $f "$LOG" > "$TMP/std.$f"
	smtplog -f $f -o "$D/r.$f" "$LOG" > "$TMP/o" 2>&1; rc=$?
	check "-f $f -o: exit 0, nothing on stdout, same report as stdout" \
		sh -c "test $rc = 0 && test ! -s '$TMP/o' && cmp '$TMP/std.$f' '$D/r.$f'"
done
check "no temporary is left beside the file" \
	sh -c "test \$(ls -A '$D' | wc -l) = 5"
smtplog --output="$D/long.txt" "$LOG" > /dev/null
check "--output=FILE is -o FILE" cmp "$TMP/std.text" "$D/long.txt"
smtplog -o - "$LOG" > "$TMP/dash"
check "-o - is standard output" cmp "$TMP/std.text" "$TMP/dash"
smtplog --color=always -o "$D/c.txt" "$LOG"
check "no colour ever goes to a file" sh -c "! grep -q \"\$(printf '\\033')\" '$D/c.txt'"

# permissions: those of a plain create under the umask
(umask 027 && smtplog -o "$D/m.txt" "$LOG")
check "the file's mode follows the umask (027: 640)" \
	sh -c "ls -l '$D/m.txt' | grep -q '^-rw-r-----'"
(umask 0 && smtplog -o "$D/m0.txt" "$LOG")
check "the file's mode follows the umask (0: 666)" \
	sh -c "ls -l '$D/m0.txt' | grep -q '^-rw-rw-rw-'"

# a failed run leaves FILE as it was
echo old > "$D/keep.txt"
smtplog -o "$D/keep.txt" "$TMP/missing.log" "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "an unreadable input: exit 1" test "$rc" = 1
check "an unreadable input: FILE untouched" sh -c "test \"\$(cat '$D/keep.txt')\" = old"
check "an unreadable input: says the file was not written" \
	grep -q "keep.txt: not written" "$TMP/e"
smtplog -o "$D/keep.txt" --top=bad "$LOG" 2> /dev/null; rc=$?
check "a usage error: exit 2, FILE untouched" \
	sh -c "test $rc = 2 && test \"\$(cat '$D/keep.txt')\" = old"
check "no temporary is left after the failures" \
	sh -c "test \$(ls -A '$D' | grep -c '^\\.') = 0"

# --fail-on fired (exit 3): the report is whole and is written
smtplog --fail-on '5xx>0' "$LOG" > "$TMP/fired.std" 2> /dev/null
smtplog --fail-on '5xx>0' -o "$D/fired.txt" "$LOG" 2> /dev/null; rc=$?
check "exit 3 (--fail-on) still writes the report" \
	sh -c "test $rc = 3 && cmp '$TMP/fired.std' '$D/fired.txt'"

# a directory that cannot hold the file: a clear error, exit 2
smtplog -o "$TMP/no/such/dir/r.txt" "$LOG" > "$TMP/o" 2> "$TMP/e"; rc=$?
check "a missing directory: exit 2 and 'smtplog: FILE: reason'" \
	sh -c "test $rc = 2 && grep -q '^smtplog: $TMP/no/such/dir/r.txt: ' '$TMP/e'"

# explain shares the option
smtplog explain 550 > "$TMP/x.std"
smtplog -o "$D/x.txt" explain 550
check "explain -o writes what explain prints" cmp "$TMP/x.std" "$D/x.txt"
