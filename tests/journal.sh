#!/bin/sh
# tests/journal.sh - the systemd journal as input, end to end. The Postfix
# and Sendmail captures (and one line that is not UTF-8) are written into
# a real journal file with systemd-journal-remote, beside entries of
# other programs and with some Postfix lines that lost their unit, as
# journald loses it for processes that exit at once. That journal is read
# back three ways: journalctl -o json and -o json-seq piped into smtplog,
# and smtplog --journal-file. Each must count what the syslog rendering
# of the same lines counts. Then unit selection, errors, and JSON lines
# that are broken or mixed with syslog lines. The parts that need
# python3, journalctl, systemd-journal-remote or libsystemd skip cleanly
# without them.
. "${top_srcdir:-.}/tests/lib.sh"
plan 28

S="$top_srcdir/sample-logs"

# The counts of a report that do not depend on how the lines were read.
counts() {
	sed -n -e '/^  "events"/p' -e '/^  "unparsed"/p' -e '/^  "noreply"/p' \
	    -e '/^  "by_class"/p' -e '/^  "by_code"/p' -e '/^  "by_enhanced"/p' \
	    -e '/^  "inferred"/p' -e '/^  "time"/p' -e '/^  "mail_lines"/p' "$1"
}

# same_counts NAME A B: ok when reports A and B count the same.
same_counts() {
	counts "$2" > "$TMP/c1"
	counts "$3" > "$TMP/c2"
	if [ -s "$TMP/c1" ] && diff "$TMP/c1" "$TMP/c2" > "$TMP/cdiff" 2>&1; then
		ok "$1"
	else
		not_ok "$1" "$(head -20 "$TMP/cdiff")"
	fi
}

# ---- without the journal tools ---------------------------------------

"$SMTPLOG" --help > "$TMP/help" 2>&1
check "--help documents --journal and its options" \
	sh -c "grep -q -- '--journal ' '$TMP/help' && grep -q -- '--unit=UNIT' '$TMP/help' &&
	grep -q -- '--journal-dir=DIR' '$TMP/help' && grep -q -- '--journal-file=FILE' '$TMP/help'"

# The journalctl -o json samples count as the syslog capture they render.
for m in postfix sendmail; do
	smtplog -f json "$S/$m-real-rfc3339.log" > "$TMP/$m-base.json"
	smtplog -f json "$S/journal-$m-json.log" > "$TMP/$m-json.json"
	same_counts "journal-$m-json.log counts as $m-real-rfc3339.log" \
		"$TMP/$m-base.json" "$TMP/$m-json.json"
done

# Broken JSON lines among syslog lines: counted as lines without a
# header, nothing else changes, the accounting balances.
{
	cat "$S/postfix-real-rfc3339.log"
	printf '{"MESSAGE":"cut off\n'
	printf '{"MESSAGE":"x"} trailing\n'
	printf '{"SYSLOG_IDENTIFIER":"postfix/smtp"}\n'
	printf '\036{\n'
	printf '{"MESSAGE":"x","A":[[[[[[[[[[[[1]]]]]]]]]]]]}\n'
} > "$TMP/broken.log"
smtplog -f json "$TMP/broken.log" > "$TMP/broken.json"
same_counts "broken JSON lines change no count" \
	"$TMP/postfix-base.json" "$TMP/broken.json"
check "broken JSON lines are lines without a header" \
	grep -q '"no_header": 5' "$TMP/broken.json"
check "broken JSON lines: the accounting balances" \
	grep -q '"balanced": true' "$TMP/broken.json"

# JSON and syslog lines mixed in one input: the sum of both.
cat "$S/journal-postfix-json.log" "$S/sendmail-real.log" > "$TMP/mixed.log"
smtplog -f json "$TMP/mixed.log" > "$TMP/mixed.json"
smtplog -f json "$S/sendmail-real.log" > "$TMP/sm.json"
check "JSON and syslog lines mixed: events are the sum" \
	test "$(json_num events "$TMP/mixed.json")" = \
	"$(( $(json_num events "$TMP/postfix-json.json") + $(json_num events "$TMP/sm.json") ))"

# Built without libsystemd, --journal says so and exits 2.
smtplog --journal-file /nonexistent/x.journal > "$TMP/o" 2> "$TMP/e"; rc=$?
if grep -q 'built without libsystemd' "$TMP/e"; then
	have_sd=0
	check "without libsystemd: --journal exits 2" test "$rc" = 2
	check "without libsystemd: --journal names the reason" \
		grep -qx 'smtplog: --journal: this smtplog was built without libsystemd' "$TMP/e"
else
	have_sd=1
	skip "without libsystemd: --journal exits 2" "built with libsystemd"
	skip "without libsystemd: --journal names the reason" "built with libsystemd"
fi

# ---- a real journal ----------------------------------------------------

remote=
for p in /lib/systemd/systemd-journal-remote /usr/lib/systemd/systemd-journal-remote; do
	[ -x "$p" ] && { remote=$p; break; }
done
why=
command -v python3 > /dev/null 2>&1 || why="python3 not installed"
command -v journalctl > /dev/null 2>&1 || why="journalctl not installed"
[ -n "$remote" ] || why="systemd-journal-remote not installed"

# The syslog rendering: both captures and a Postfix reject whose client
# name is not UTF-8 (journald keeps that message as an array of bytes).
{
	cat "$S/postfix-real-rfc3339.log" "$S/sendmail-real-rfc3339.log"
	printf '2026-11-22T19:10:00.000001+00:00 mail postfix/smtpd[4242]: NOQUEUE: reject: RCPT from bad\377host[192.0.2.9]: 554 5.7.1 <x@example.net>: Relay access denied; from=<a@example.org> to=<x@example.net> proto=ESMTP helo=<bad\377host>\n'
} > "$TMP/base.log"
smtplog -f json "$TMP/base.log" > "$TMP/base.json"

# syslog lines -> journal export format (exact microseconds). Postfix
# gets Debian's unit postfix@-.service, but every fifth Postfix line none;
# Sendmail gets sendmail.service; cron and kernel entries come between.
to_export() {
	python3 - "$1" "$TMP/unit-counts" <<'PY'
import datetime, re, sys
out = sys.stdout.buffer
boot = b"5f3c0e1ab6a34c8d9e2f71c4d8b09a11"
mono = 1000000
npf = with_unit = 0
def entry(fields):
    global mono
    mono += 1000
    data = b"__MONOTONIC_TIMESTAMP=%d\n_BOOT_ID=%s\n" % (mono, boot)
    for k, v in fields:
        data += k + b"=" + v + b"\n"
    out.write(data + b"\n")
for i, line in enumerate(open(sys.argv[1], "rb").read().splitlines()):
    m = re.match(rb"(\S+)\.(\d{6})\+00:00 (\S+) ([^\[:]+)(?:\[(\d+)\])?: (.*)$", line)
    if not m:
        continue
    ts, frac, host, ident, pid, msg = m.groups()
    sec = int(datetime.datetime.fromisoformat(ts.decode() + "+00:00").timestamp())
    us = b"%d" % (sec * 1000000 + int(frac))
    fields = [(b"__REALTIME_TIMESTAMP", us), (b"_HOSTNAME", host),
              (b"SYSLOG_IDENTIFIER", ident)]
    if pid:
        fields += [(b"_PID", pid), (b"SYSLOG_PID", pid)]
    if ident.startswith(b"postfix"):
        npf += 1
        if npf % 5:
            fields.append((b"_SYSTEMD_UNIT", b"postfix@-.service"))
            with_unit += 1
    elif ident == b"sm-mta":
        fields.append((b"_SYSTEMD_UNIT", b"sendmail.service"))
    fields.append((b"MESSAGE", msg))
    entry(fields)
    if i % 40 == 0:
        entry([(b"__REALTIME_TIMESTAMP", us), (b"_HOSTNAME", host),
               (b"SYSLOG_IDENTIFIER", b"CRON"), (b"_PID", b"77"),
               (b"_SYSTEMD_UNIT", b"cron.service"),
               (b"MESSAGE", b"(root) CMD (command -v debian-sa1 > /dev/null)")])
        entry([(b"__REALTIME_TIMESTAMP", us), (b"_HOSTNAME", host),
               (b"_TRANSPORT", b"kernel"),
               (b"MESSAGE", b"audit: type=1400 apparmor=\"STATUS\"")])
open(sys.argv[2], "w").write("%d %d\n" % (npf, with_unit))
PY
}

J="$TMP/journal/mail.journal"
if [ -z "$why" ]; then
	mkdir -p "$TMP/journal"
	to_export "$TMP/base.log" > "$TMP/mail.export" &&
		"$remote" --output="$J" - < "$TMP/mail.export" > /dev/null 2>&1
	[ -s "$J" ] || why="systemd-journal-remote could not write a journal"
fi
if [ -z "$why" ]; then
	journalctl --file "$J" --no-pager -o json > "$TMP/j.json"
	journalctl --file "$J" --no-pager -o json-seq > "$TMP/j.seq"
	read -r npf with_unit < "$TMP/unit-counts"
	# base lines, and 2 foreign entries for each 40 lines
	nbase=$(wc -l < "$TMP/base.log")
	nall=$((nbase + 2 * ((nbase + 39) / 40)))

	check "journalctl -o json writes the non-UTF-8 message as bytes" \
		grep -q '"MESSAGE":\[[0-9]' "$TMP/j.json"

	smtplog -f json - < "$TMP/j.json" > "$TMP/r-json.json"
	same_counts "journalctl -o json | smtplog counts as the syslog lines" \
		"$TMP/base.json" "$TMP/r-json.json"
	check "journalctl -o json | smtplog: every entry is a line" \
		test "$(json_num lines "$TMP/r-json.json")" = "$nall"
	check "journalctl -o json | smtplog: the accounting balances" \
		grep -q '"balanced": true' "$TMP/r-json.json"

	smtplog -f json - < "$TMP/j.seq" > "$TMP/r-seq.json"
	same_counts "journalctl -o json-seq | smtplog counts as the syslog lines" \
		"$TMP/base.json" "$TMP/r-seq.json"
else
	for t in "journalctl -o json writes the non-UTF-8 message as bytes" \
	    "journalctl -o json | smtplog counts as the syslog lines" \
	    "journalctl -o json | smtplog: every entry is a line" \
	    "journalctl -o json | smtplog: the accounting balances" \
	    "journalctl -o json-seq | smtplog counts as the syslog lines"; do
		skip "$t" "$why"
	done
fi

[ -z "$why" ] && [ "$have_sd" = 0 ] && why="smtplog built without libsystemd"
if [ -z "$why" ]; then
	smtplog -f json --journal-file "$J" > "$TMP/r-file.json" 2> "$TMP/e"; rc=$?
	check "--journal-file exits 0, silently" \
		sh -c "test $rc = 0 && ! test -s '$TMP/e'"
	same_counts "--journal-file counts as the syslog lines" \
		"$TMP/base.json" "$TMP/r-file.json"
	check "--journal-file reads the mail entries only, unit or none" \
		test "$(json_num lines "$TMP/r-file.json")" = "$nbase"
	check "--journal-file: the accounting balances" \
		grep -q '"balanced": true' "$TMP/r-file.json"

	# the entries come out as the syslog lines they were made from
	smtplog --trace "$TMP/base.log" > "$TMP/t-base"
	smtplog --trace --journal-file "$J" > "$TMP/t-file"
	check "--journal-file --trace shows each entry as its syslog line" \
		cmp "$TMP/t-base" "$TMP/t-file"

	smtplog -f json --journal-dir "$TMP/journal" > "$TMP/r-dir.json"
	same_counts "--journal-dir counts as the syslog lines" \
		"$TMP/base.json" "$TMP/r-dir.json"

	smtplog -f json --unit 'postfix@*' --journal-file "$J" > "$TMP/r-pf.json"
	check "--unit 'postfix@*': only the Postfix entries with that unit" \
		test "$(json_num lines "$TMP/r-pf.json")" = "$with_unit"
	check "--unit 'postfix@*': no Sendmail line" \
		grep -q '"mail_lines": {"postfix": [1-9][0-9]*, "exim": 0, "sendmail": 0}' "$TMP/r-pf.json"

	smtplog -f json "$S/sendmail-real-rfc3339.log" > "$TMP/sm-base.json"
	smtplog -f json --unit sendmail --journal-file "$J" > "$TMP/r-sm.json"
	same_counts "--unit sendmail reads sendmail.service: the Sendmail counts" \
		"$TMP/sm-base.json" "$TMP/r-sm.json"

	smtplog -f json --unit nonexistent --journal-file "$J" > "$TMP/r-none.json"
	check "--unit that matches nothing reads nothing" \
		test "$(json_num lines "$TMP/r-none.json")" = 0

	# --journal and files: both are read
	smtplog -f json --journal-file "$J" "$S/sendmail-real.log" > "$TMP/r-both.json"
	check "--journal-file and a FILE: two inputs, both counted" \
		sh -c "test $(json_num inputs "$TMP/r-both.json") = 2 &&
		test $(json_num events "$TMP/r-both.json") = \
		$(( $(json_num events "$TMP/r-file.json") + $(json_num events "$TMP/sm.json") ))"

	smtplog --journal-file /nonexistent/x.journal > "$TMP/o" 2> "$TMP/e"; rc=$?
	check "a missing journal file exits 1" test "$rc" = 1
	check "a missing journal file: smtplog: PATH: strerror" \
		grep -qx 'smtplog: /nonexistent/x.journal: No such file or directory' "$TMP/e"
	smtplog --journal-file "$TMP/base.log" > "$TMP/o" 2> "$TMP/e"; rc=$?
	check "a file that is not a journal exits 1 with a message" \
		sh -c "test $rc = 1 && grep -qx 'smtplog: $TMP/base.log: not a journal file' '$TMP/e'"
else
	for t in "--journal-file exits 0, silently" \
	    "--journal-file counts as the syslog lines" \
	    "--journal-file reads the mail entries only, unit or none" \
	    "--journal-file: the accounting balances" \
	    "--journal-file --trace shows each entry as its syslog line" \
	    "--journal-dir counts as the syslog lines" \
	    "--unit 'postfix@*': only the Postfix entries with that unit" \
	    "--unit 'postfix@*': no Sendmail line" \
	    "--unit sendmail reads sendmail.service: the Sendmail counts" \
	    "--unit that matches nothing reads nothing" \
	    "--journal-file and a FILE: two inputs, both counted" \
	    "a missing journal file exits 1" \
	    "a missing journal file: smtplog: PATH: strerror" \
	    "a file that is not a journal exits 1 with a message"; do
		skip "$t" "$why"
	done
fi
