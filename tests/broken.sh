#!/bin/sh
# tests/broken.sh - broken and hostile input, end to end. Every fixture is
# made here, in $TMP. For each case: no crash (the exit status smtplog(1)
# documents), a "smtplog: ..." line on stderr where the user should know,
# and the accounting
#   lines = events + noreply + unparsed + skipped + overlong
# (skipped = other_program + no_header + journal_marker + outside_window +
# no_time) checked by python3 on strict JSON.
#
# Broken: empty file, no final newline, CRLF, NUL bytes, invalid UTF-8, a
# 10 MB line, gzip data named .log, a truncated gzip, random bytes, a line
# cut in the middle, a directory, a FIFO, impossible timestamps with and
# without --since, reply codes at the edges (099, 600, 5.999.999,
# 5.1.1234) in Postfix, Exim and Sendmail lines.
# Hostile: control bytes (ESC, CR, BEL, DEL, C1) in HELO names, addresses,
# reply texts and unparsed samples, in text, --trace, HTML, CSV and JSON;
# a pattern that backtracks catastrophically; two million distinct
# recipient domains in bounded memory.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v python3 > /dev/null 2>&1; then
	echo "1..0 # SKIP python3 not installed"
	exit 0
fi
plan 100

S="$top_srcdir/sample-logs"
LOG="$S/postfix-real.log"

# balanced FILE.json [EXPR]: strict JSON whose accounting adds up, and
# whose fields pass the python expression EXPR (d is the document).
balanced() {
	python3 - "$1" "${2:-True}" << 'EOF'
import json, sys
raw = open(sys.argv[1], "rb").read()
d = json.loads(raw.decode("utf-8"), strict=True)
sd = d["skipped_detail"]
skipped = sum(sd.values())
assert skipped == d["skipped"], (sd, d["skipped"])
total = d["events"] + d["noreply"] + d["unparsed"] + skipped + d["overlong"]
assert total == d["lines"], ("sum", total, "lines", d["lines"])
assert d["accounting"] == {"lines": d["lines"], "sum": total,
                           "balanced": True}, d["accounting"]
assert eval(sys.argv[2], {"d": d}), sys.argv[2]
EOF
}

# clean FILE: no raw control byte (only LF and TAB), no C1 control, and
# valid UTF-8: nothing a terminal or a browser would act on.
clean() {
	python3 - "$1" << 'EOF'
import sys
b = open(sys.argv[1], "rb").read()
bad = [i for i, c in enumerate(b) if (c < 0x20 and c not in (9, 10)) or c == 0x7f]
assert not bad, ("raw control bytes at", bad[:5], b[max(0, bad[0] - 40):bad[0] + 10])
t = b.decode("utf-8")
c1 = [i for i, ch in enumerate(t) if 0x80 <= ord(ch) <= 0x9f]
assert not c1, ("C1 controls at", c1[:5])
EOF
}

# run NAME ARGS...: smtplog ARGS with stdout in $TMP/NAME.out, stderr in
# $TMP/NAME.err and the exit status in $rc.
run() {
	name=$1
	shift
	smtplog "$@" > "$TMP/$name.out" 2> "$TMP/$name.err"
	rc=$?
}

# The reference counts of the sample log.
run ref -f json "$LOG"
check "reference: sample log balanced, with events" \
	balanced "$TMP/ref.out" 'd["events"] > 20 and d["lines"] == 163'
ev_ref=$(json_num events "$TMP/ref.out")
lines_ref=$(json_num lines "$TMP/ref.out")

# ---- empty file -------------------------------------------------------------
: > "$TMP/empty.log"
run empty -f json "$TMP/empty.log"
check "empty file: exit 0, nothing on stderr" \
	sh -c "test $rc = 0 && test ! -s '$TMP/empty.err'"
check "empty file: 0 lines, balanced" \
	balanced "$TMP/empty.out" 'd["lines"] == 0 and d["inputs"] == 1'
run empty_txt "$TMP/empty.log"
check "empty file: the text report says 0 lines" \
	grep -q '^  lines read  *0 (0 bytes)$' "$TMP/empty_txt.out"

# ---- no newline at the end --------------------------------------------------
# the last line is a bounce: it must still be one event
grep 'status=bounced' "$LOG" | head -3 > "$TMP/nl.log"
head -c -1 "$TMP/nl.log" > "$TMP/nonl.log"
run nl -f json "$TMP/nl.log"
run nonl -f json "$TMP/nonl.log"
check "no final newline: exit 0" test "$rc" = 0
check "no final newline: the last line is an event like the others" \
	balanced "$TMP/nonl.out" 'd["lines"] == 3 and d["events"] == 3'
check "no final newline: one byte less, the same report" sh -c "
	grep -v '\"bytes\"' '$TMP/nl.out' > '$TMP/nl.a' &&
	grep -v '\"bytes\"' '$TMP/nonl.out' | sed 's/nonl.log/nl.log/' > '$TMP/nl.b' &&
	cmp '$TMP/nl.a' '$TMP/nl.b'"

# ---- CRLF ---------------------------------------------------------------------
sed 's/$/\r/' "$LOG" > "$TMP/crlf.log"
run crlf -f json "$TMP/crlf.log"
check "CRLF: exit 0, balanced, every event recognised" \
	balanced "$TMP/crlf.out" "d['events'] == $ev_ref and d['lines'] == $lines_ref"
check "CRLF: the CR is in no reply text or name of the JSON" \
	sh -c "! grep -q -e '\\\\r' -e '\\\\u000d' '$TMP/crlf.out'"
run crlf_txt "$TMP/crlf.log"
run crlf_tr --trace "$TMP/crlf.log"
check "CRLF: no CR (raw or \\x0d) in the text report or --trace" sh -c "
	! grep -q -e '\\\\x0d' '$TMP/crlf_txt.out' '$TMP/crlf_tr.out' &&
	! tr -d '\n' < '$TMP/crlf_txt.out' | grep -q \"\$(printf '\r')\" &&
	! tr -d '\n' < '$TMP/crlf_tr.out' | grep -q \"\$(printf '\r')\""
check "CRLF: the same report as LF (but bytes)" sh -c "
	grep -v -e '\"bytes\"' -e '\"where' '$TMP/ref.out' > '$TMP/cr.a' &&
	grep -v -e '\"bytes\"' -e '\"where' '$TMP/crlf.out' > '$TMP/cr.b' &&
	cmp '$TMP/cr.a' '$TMP/cr.b'"

# ---- NUL bytes ------------------------------------------------------------------
B='Nov 22 18:55:28 mail postfix/smtp[31151]: 9EB7E10246C:'
BOUNCE='relay=127.0.0.1[127.0.0.1]:2525, delay=0.01, delays=0/0/0/0.01, dsn=5.1.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1'
{
	printf '%s to=<a\000b@exa\000mple.net>, %s <a@example.net>: Recipient \000rejected (in reply to RCPT TO command))\n' "$B" "$BOUNCE"
	printf '\000\000\000\n'
	printf '%s to=<c@example.net>, %s <c@example.net>: User unknown (in reply to RCPT TO command))\n' "$B" "$BOUNCE"
} > "$TMP/nul.log"
run nul -f json "$TMP/nul.log"
check "NUL bytes: exit 0" test "$rc" = 0
check "NUL bytes: both bounces counted, the NUL-only line skipped, balanced" \
	balanced "$TMP/nul.out" 'd["lines"] == 3 and d["events"] == 2 and d["skipped_detail"]["no_header"] == 1'
check "NUL bytes: the domain keeps its NUL (\\u0000 reads back exactly)" \
	balanced "$TMP/nul.out" \
	'any(p["name"] == "exa\x00mple.net" and "name_hex" not in p for p in d["peers"])'
check "NUL bytes: warned as binary data" \
	grep -qx "smtplog: $TMP/nul.log: binary data (NUL bytes) where a log starts: is it a mail log?" "$TMP/nul.err"
run nul_txt "$TMP/nul.log"
check "NUL bytes: shown as \\x00 in the text report" \
	grep -q 'exa\\x00mple.net' "$TMP/nul_txt.out"
check "NUL bytes: no raw control byte in the text report" clean "$TMP/nul_txt.out"

# ---- invalid UTF-8 ----------------------------------------------------------------
printf '%s to=<u@bad\377\376\300\257.example>, %s <u@example.net>: caf\351 \355\240\200 (in reply to RCPT TO command))\n' \
	"$B" "$BOUNCE" > "$TMP/utf8.log"
run utf8 -f json "$TMP/utf8.log"
check "invalid UTF-8: exit 0, one event, strict JSON, balanced" \
	balanced "$TMP/utf8.out" 'd["events"] == 1'
check "invalid UTF-8: the exact bytes are in name_hex" \
	balanced "$TMP/utf8.out" \
	'any(p.get("name_hex") == b"bad\xff\xfe\xc0\xaf.example".hex() for p in d["peers"])'
run utf8_txt "$TMP/utf8.log"
check "invalid UTF-8: text report is valid UTF-8 with \\xHH" sh -c "
	grep -q 'bad\\\\xff\\\\xfe\\\\xc0\\\\xaf.example' '$TMP/utf8_txt.out' &&
	python3 -c 'import sys; open(sys.argv[1], \"rb\").read().decode(\"utf-8\")' '$TMP/utf8_txt.out'"

# ---- a 10 MB line -------------------------------------------------------------------
{
	head -20 "$LOG"
	printf '%s to=<x@example.net>, ' "$B"
	python3 -c 'import sys; sys.stdout.write("x" * (10 * 1024 * 1024))'
	printf '\n'
	tail -n +21 "$LOG"
} > "$TMP/long.log"
run long -f json "$TMP/long.log"
check "10 MB line: exit 0" test "$rc" = 0
check "10 MB line: counted as overlong, every other line still read" \
	balanced "$TMP/long.out" "d['overlong'] == 1 and d['lines'] == $lines_ref + 1 and d['events'] == $ev_ref"
check "10 MB line: one warning names the input" \
	grep -qx "smtplog: $TMP/long.log: 1 line longer than 64 KiB skipped" "$TMP/long.err"
smtplog -f json < "$TMP/long.log" > "$TMP/long_in.out" 2> "$TMP/long_in.err"
check "10 MB line on a pipe: the same counts, warned as (stdin)" sh -c "
	grep -qx 'smtplog: (stdin): 1 line longer than 64 KiB skipped' '$TMP/long_in.err' &&
	grep -q '\"overlong\": 1,' '$TMP/long_in.out' && grep -q '\"events\": $ev_ref,' '$TMP/long_in.out'"
run long_j -j 4 -f json "$TMP/long.log"
check "10 MB line with -j 4: the same counts, warned once" sh -c "
	test \$(grep -c 'longer than 64 KiB' '$TMP/long_j.err') = 1 &&
	grep -v '\"where' '$TMP/long.out' > '$TMP/lj.a' &&
	grep -v '\"where' '$TMP/long_j.out' > '$TMP/lj.b' && cmp '$TMP/lj.a' '$TMP/lj.b'"
# the overlong line last, without its newline
{ head -20 "$LOG"; head -c 200000 /dev/zero | tr '\0' y; } > "$TMP/longend.log"
run longend -f json "$TMP/longend.log"
check "an overlong last line without newline: counted, balanced" \
	balanced "$TMP/longend.out" 'd["overlong"] == 1 and d["lines"] == 21'

# ---- compressed and binary data ---------------------------------------------------
gzip -c "$LOG" > "$TMP/gz.log"
run gz -f json "$TMP/gz.log"
check "gzip data named .log: decompressed, the counts of the plain file" \
	sh -c "test $rc = 0 && test ! -s '$TMP/gz.err' &&
	    grep -q '\"events\": $ev_ref,' '$TMP/gz.out' && grep -q '\"lines\": $lines_ref,' '$TMP/gz.out'"
check "gzip data named .log: balanced" balanced "$TMP/gz.out"
seq 1 3000 | while read -r i; do
	echo "$B to=<r$i@example.net>, $BOUNCE x (in reply to RCPT TO command))"
done | gzip -c > "$TMP/big.gz"
size=$(wc -c < "$TMP/big.gz")
head -c $((size / 2)) "$TMP/big.gz" > "$TMP/cut.log"
run cut -f json "$TMP/cut.log"
check "truncated gzip: exit 1 (not read whole)" test "$rc" = 1
check "truncated gzip: said on stderr" \
	grep -qx "smtplog: $TMP/cut.log: truncated gzip data (the input ends inside a compressed stream)" "$TMP/cut.err"
check "truncated gzip: the lines before the cut counted, balanced" \
	balanced "$TMP/cut.out" 'd["events"] > 0 and d["events"] < 3000'
python3 -c '
import random, sys
r = random.Random(6)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(300000)))' > "$TMP/random.log"
run rnd -f json "$TMP/random.log"
check "random bytes: exit 0" test "$rc" = 0
check "random bytes: every line accounted (no header), strict JSON" \
	balanced "$TMP/rnd.out" 'd["lines"] > 100 and d["events"] == 0'
check "random bytes: warned as binary data" \
	grep -q "^smtplog: $TMP/random.log: binary data" "$TMP/rnd.err"
run rnd_txt "$TMP/random.log"
check "random bytes: text report clean" clean "$TMP/rnd_txt.out"
run rnd_html -f html "$TMP/random.log"
check "random bytes: HTML report clean" clean "$TMP/rnd_html.out"
run rnd_tr --trace "$TMP/random.log"
check "random bytes: --trace has one line per line read" \
	test "$(wc -l < "$TMP/rnd_tr.out")" = "$(json_num lines "$TMP/rnd.out")"
check "random bytes: --trace output clean" clean "$TMP/rnd_tr.out"

# ---- a line cut in the middle ----------------------------------------------------------
head -10 "$LOG" > "$TMP/cutline.log"
grep 'status=bounced' "$LOG" | head -1 | head -c 150 >> "$TMP/cutline.log"
run cutline -f json "$TMP/cutline.log"
check "line cut in the middle: exit 0, nothing on stderr" \
	sh -c "test $rc = 0 && test ! -s '$TMP/cutline.err'"
check "line cut in the middle: counted as a line, balanced" \
	balanced "$TMP/cutline.out" "d['lines'] == 11"

# ---- a directory, a FIFO --------------------------------------------------------------------
mkdir "$TMP/dir.log"
run dir -f json "$TMP/dir.log" "$LOG"
check "directory: exit 1, smtplog: PATH: Is a directory" sh -c "test $rc = 1 &&
	grep -qx 'smtplog: $TMP/dir.log: Is a directory' '$TMP/dir.err'"
check "directory: the next input is still read, balanced" \
	balanced "$TMP/dir.out" "d['events'] == $ev_ref and d['inputs'] == 1"
if mkfifo "$TMP/fifo" 2> /dev/null; then
	cat "$LOG" > "$TMP/fifo" &
	writer=$!
	run fifo -f json "$TMP/fifo"
	wait $writer
	check "FIFO: read like a pipe, exit 0, nothing on stderr" \
		sh -c "test $rc = 0 && test ! -s '$TMP/fifo.err'"
	check "FIFO: the counts of the file" \
		balanced "$TMP/fifo.out" "d['events'] == $ev_ref and d['lines'] == $lines_ref"
	cat "$LOG" > "$TMP/fifo" &
	writer=$!
	run fifo_j -j 4 -f json "$TMP/fifo"
	wait $writer
	check "FIFO with -j 4: one reader, the same counts" \
		balanced "$TMP/fifo_j.out" "d['events'] == $ev_ref"
else
	skip "FIFO: read like a pipe, exit 0, nothing on stderr" "no mkfifo"
	skip "FIFO: the counts of the file" "no mkfifo"
	skip "FIFO with -j 4: one reader, the same counts" "no mkfifo"
fi

# ---- impossible timestamps ---------------------------------------------------------------------
L550="mail postfix/smtp[31151]: 9EB7E10246C: to=<r@example.net>, $BOUNCE <r@example.net>: User unknown (in reply to RCPT TO command))"
{
	echo "Feb 30 10:00:00 $L550"
	echo "Nov 22 25:61:00 $L550"
	echo "2026-02-30T10:00:00+00:00 $L550"
	echo "2026-11-22T25:61:00+00:00 $L550"
	echo "Nov 22 10:00:00 $L550"
	echo "2026-11-22T10:00:00+00:00 $L550"
} > "$TMP/ts.log"
run ts -f json "$TMP/ts.log"
check "bad timestamps: exit 0, nothing on stderr" \
	sh -c "test $rc = 0 && test ! -s '$TMP/ts.err'"
check "bad timestamps: without a window every line is still an event" \
	balanced "$TMP/ts.out" 'd["events"] == 6'
check "bad timestamps: the time span and hours are the good lines'" \
	balanced "$TMP/ts.out" \
	'd["time"] == {"first": "2026-11-22T10:00:00Z", "last": "2026-11-22T10:00:00Z"} and sum(b["5xx"] for b in d["by_hour"]["buckets"]) == 2'
run ts_w -f json --since 2026-11-22 --until 2026-11-23 "$TMP/ts.log"
check "bad timestamps with --since/--until: counted as no_time" \
	balanced "$TMP/ts_w.out" 'd["skipped_detail"]["no_time"] == 4 and d["events"] == 2'
run ts_tr --trace --since 2026-11-22 "$TMP/ts.log"
check "bad timestamps with --since: --trace says notime" \
	test "$(grep -c '^notime' "$TMP/ts_tr.out")" = 4

# ---- reply codes at the edges ---------------------------------------------------------------------
# pf CODE ENH: a Postfix bounce; pfr: a Postfix smtpd reject; ex: an Exim
# bounce; sm: a Sendmail deferral; smr: a Sendmail check_rcpt reject.
pf() { echo "$B to=<r@example.net>, relay=127.0.0.1[127.0.0.1]:2525, delay=0.01, delays=0/0/0/0.01, dsn=$2, status=bounced (host 127.0.0.1[127.0.0.1] said: $1 $2 <r@example.net>: User unknown (in reply to RCPT TO command))"; }
pfr() { echo "Nov 22 18:55:29 mail postfix/smtpd[31146]: NOQUEUE: reject: RCPT from unknown[192.0.2.2]: $1 $2 <v@example.net>: Relay access denied; from=<s@outside.test> to=<v@example.net> proto=ESMTP helo=<client.outside.test>"; }
ex() { echo "2026-11-22 18:56:04 1xVCjM-0008KQ-0e ** r@example.net R=sink_route T=remote_smtp H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after RCPT TO:<r@example.net>: $1 $2 <r@example.net>: Recipient address rejected: User unknown"; }
sm() { echo "Nov 22 19:02:51 mail sm-mta[2760]: 6AMJ2pDc002758: to=<r@example.net>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=30287, relay=[127.0.0.1] [127.0.0.1], dsn=$2, reply=$1 $2 Greylisted, stat=Deferred: $1 $2 Greylisted"; }
smr() { echo "Nov 22 19:02:52 mail sm-mta[2824]: 6AMJ2pQ6002824: ruleset=check_rcpt, arg1=<v@example.net>, relay=[192.0.2.2], reject=$1 $2 <v@example.net>... Relaying denied"; }
for f in pf pfr ex sm smr; do
	for c in 099 600; do
		$f $c 5.1.1 > "$TMP/code.log"
		run code -f json "$TMP/code.log"
		check "$f reply code $c: not a code; the line still accounted" \
			balanced "$TMP/code.out" \
			"d['lines'] == 1 and '$c' not in d['by_code'] and not any(str(k).startswith('${c%??}') and len(str(k)) == 3 for k in d['by_code']) and (d['events'] == 1 and d['no_code'] == 1 or d['unparsed'] == 1)"
	done
done
# an invalid code in a reject line is a reply not understood: a sample
pfr 099 5.1.1 > "$TMP/code.log"
run code -f json "$TMP/code.log"
check "Postfix reject with code 099: unparsed, with a sample" \
	balanced "$TMP/code.out" 'd["unparsed"] == 1 and len(d["unparsed_samples"]) == 1'
for f in pf pfr ex sm smr; do
	$f 550 5.999.999 > "$TMP/code.log"
	run code -f json "$TMP/code.log"
	check "$f 5.999.999: RFC 3463 syntax (1-3 digits), counted as that code" \
		balanced "$TMP/code.out" 'd["events"] == 1 and d["by_enhanced"] == {"5.999.999": 1} and d["by_code"] == {"550": 1}'
	$f 550 5.1.1234 > "$TMP/code.log"
	run code -f json "$TMP/code.log"
	check "$f 5.1.1234: not an enhanced code; 550 still counted" \
		balanced "$TMP/code.out" 'd["events"] == 1 and d["by_enhanced"] == {} and d["by_code"] == {"550": 1}'
done

# ---- hostile bytes in every field -------------------------------------------------------------------
# ESC CSI, CR, BEL, DEL, a C1 CSI (U+009B as UTF-8), an OSC title change
X='\033[31m\r\007\177\302\2332J\033]0;pwn\007'
# host names stop at blanks and brackets in the patterns: no CR, no CSI
H='\033]0;pwn\007\177\302\233J'
{
	printf 'Nov 22 18:55:29 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from ev'"$H"'il[192.0.2.66]: 554 5.7.1 <v@ex'"$X"'.net>: Relay '"$X"'denied; from=<s@o.test> to=<v@ex'"$X"'.net> proto=ESMTP helo=<he'"$X"'lo>\n'
	printf '%s to=<r@d'"$X"'.net>, relay=mx'"$H"'[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx'"$H"'[192.0.2.1] said: 550 5.1.1 bad '"$X"' (in reply to RCPT TO command))\n' "$B"
	printf '%s to=<r@e.net>, status=odd'"$X"'\n' "$B"
	printf '2026-11-22 18:56:04 1xVCjM-0008KQ-0e ** r@x'"$X"'.net R=r T=remote_smtp H=h'"$H"' [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<r@x.net>: 550 5.1.1 '"$X"'\n'
	printf 'Nov 22 19:02:52 mail sm-mta[2824]: 6AMJ2pQ6002824: ruleset=check_rcpt, arg1=<v@s'"$X"'.net>, relay=[192.0.2.2], reject=550 5.7.1 <v@s.net>... '"$X"'\n'
} > "$TMP/hostile.log"
run hj -f json "$TMP/hostile.log"
check "hostile: exit 0, strict JSON, balanced" \
	balanced "$TMP/hj.out" 'd["events"] == 4 and d["unparsed"] == 1'
check "hostile: JSON keeps the escape as \\u001b, C1 as \\u009b" \
	balanced "$TMP/hj.out" \
	'any(p["name"] == "d\x1b[31m\r\x07\x7f\x9b2j\x1b]0;pwn\x07.net" for p in d["peers"]) and any(p["name"] == "ev\x1b]0;pwn\x07\x7f\x9bjil[192.0.2.66]" for p in d["peers"])'
check "hostile: the JSON has no raw control byte" clean "$TMP/hj.out"
run ht --peers 9 "$TMP/hostile.log"
check "hostile: text report clean" clean "$TMP/ht.out"
check "hostile: text report shows \\x1b, \\x0d, \\x07, \\x7f, \\xc2\\x9b" \
	grep -q 'd\\x1b\[31m\\x0d\\x07\\x7f\\xc2\\x9b2j\\x1b\]0;pwn\\x07.net' "$TMP/ht.out"
check "hostile: the unparsed sample is in the text report, escaped" \
	grep -q 'hostile.log:3: .*status=odd\\x1b\[31m\\x0d' "$TMP/ht.out"
run htr --trace "$TMP/hostile.log"
check "hostile: --trace clean" clean "$TMP/htr.out"
check "hostile: --trace shows the bytes escaped" \
	test "$(grep -c '\\x1b\[31m\\x0d\\x07\\x7f\\xc2\\x9b' "$TMP/htr.out")" = 5
run hh -f html "$TMP/hostile.log"
check "hostile: HTML clean" clean "$TMP/hh.out"
run hc -f csv "$TMP/hostile.log"
check "hostile: CSV clean" clean "$TMP/hc.out"
run hp -f prometheus "$TMP/hostile.log"
check "hostile: Prometheus clean" clean "$TMP/hp.out"

# markup, quotes and ampersands
M='<script>alert("x&y")</script>'"'"
{
	printf '%s to=<r@d%s.net>, relay=mx[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx%s[192.0.2.1] said: 550 5.1.1 %s (in reply to RCPT TO command))\n' "$B" "$M" "$M" "$M"
	printf '%s to=<r@e.net>, odd %s reply: 550 blah\n' "$B" "$M"
} > "$TMP/markup.log"
run mh -f html "$TMP/markup.log"
check "HTML: no <script> from the log" sh -c "! grep -qi '<script' '$TMP/mh.out'"
check "HTML: domain, host and sample escaped as entities" sh -c "
	test \$(grep -c '&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;' '$TMP/mh.out') -ge 3"
check "HTML: no raw quote from the log inside a tag" sh -c "
	! grep -q 'alert(\"' '$TMP/mh.out'"

# ---- CSV: RFC 4180 quoting and formulas ---------------------------------------------------------------
{
	for d in '=cmd|calc!a0' '+1+2' '-2+3' 'a,b' 'q"uote' 'ok.example'; do
		printf '%s to=<r@%s>, relay=mx[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx[192.0.2.1] said: 550 5.1.1 no (in reply to RCPT TO command))\n' "$B" "$d"
	done
} > "$TMP/csv.log"
run csv -f csv --top 20 "$TMP/csv.log"
check "CSV: parsed by python's csv, fields as written" python3 - "$TMP/csv.out" << 'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head = rows[0]
n = len(head)
assert all(len(r) == n for r in rows), [r for r in rows if len(r) != n]
doms = sorted(r[head.index("domain")] for r in rows[1:] if r[head.index("domain")])
want = sorted(["'=cmd|calc!a0", "'+1+2", "'-2+3", "a,b", 'q"uote', "ok.example"])
assert doms == want, doms
EOF
check "CSV: no field starts a formula" python3 - "$TMP/csv.out" << 'EOF'
import csv, sys
for r in csv.reader(open(sys.argv[1], newline="")):
    for f in r:
        assert not f or f[0] not in "=+-@\t\r", (f, r)
EOF

# ---- JSON whatever bytes came in -----------------------------------------------------------------------
python3 - "$TMP/allbytes.log" << 'EOF'
import sys
pre = b"Nov 22 18:55:28 mail postfix/smtp[1]: A: to=<r@d"
post = (b".net>, relay=mx[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, "
        b"status=bounced (host mx[192.0.2.1] said: 550 5.1.1 t%s (in reply to RCPT TO command))\n")
with open(sys.argv[1], "wb") as f:
    for b in range(256):
        if b == 10 or b in b"<>,":
            continue
        x = bytes([b])
        f.write(pre + x + x + post.replace(b"%s", x))
        f.write(b"Nov 22 18:55:28 mail postfix/smtp[1]: A: strange" + x + b": 550 x\n")
EOF
run ab -f json --top 300 --peers 300 "$TMP/allbytes.log"
check "every byte value in names and samples: strict JSON, balanced" \
	balanced "$TMP/ab.out" 'd["events"] == 252'
check "every byte value: the JSON is clean" clean "$TMP/ab.out"
smtplog merge -f json "$TMP/ab.out" > "$TMP/abm.out" 2> "$TMP/abm.err"
check "every byte value: smtplog merge reads the summary back, strict JSON" \
	balanced "$TMP/abm.out" 'd["events"] == 252'
check "every byte value: merged, the names are the same bytes" python3 - \
	"$TMP/ab.out" "$TMP/abm.out" << 'EOF'
import json, sys
def names(f):
    d = json.load(open(f, encoding="utf-8"))
    return sorted(bytes.fromhex(p["name_hex"]) if "name_hex" in p
                  else p["name"].encode("utf-8", "surrogatepass")
                  for p in d["peers"])
a, b = names(sys.argv[1]), names(sys.argv[2])
assert a == b and len(a) > 200, (len(a), len(b))
EOF

# ---- a pattern that backtracks catastrophically -------------------------------------------------------
mkdir "$TMP/evil"
cat > "$TMP/evil/evil.pat" << 'EOF'
mta postfix
program ^postfix/
literal said:
event boom dir=out (?<code>[2-5][0-5][0-9]) (a+)+$
EOF
python3 -c '
print("Nov 22 18:55:28 mail postfix/smtp[1]: A: said: 550 " + "a" * 5000 + "!")
print("Nov 22 18:55:28 mail postfix/smtp[1]: A: said: 550 aaaa")
print("Nov 22 18:55:28 mail postfix/smtp[1]: A: nothing here")' > "$TMP/evil.log"
start=$(date +%s)
timeout 60 "$SMTPLOG" --patterns "$TMP/evil" -f json "$TMP/evil.log" > "$TMP/ev.out" 2> "$TMP/ev.err"
rc=$?
took=$(($(date +%s) - start))
check "(a+)+\$ on 5000 a's: ends at once (${took}s), exit 0" \
	sh -c "test $rc = 0 && test $took -lt 10"
check "(a+)+\$: the limit hit is counted and the line is unparsed" \
	balanced "$TMP/ev.out" 'd["match_limit_hits"] == 1 and d["unparsed"] == 1 and d["events"] == 1 and d["noreply"] == 1'
check "(a+)+\$: the limit hit is said on stderr" \
	grep -q '^smtplog: a pattern gave up 1 time at the PCRE2 match or depth limit' "$TMP/ev.err"
SMTPLOG_NO_JIT=1 timeout 60 "$SMTPLOG" --patterns "$TMP/evil" -f json "$TMP/evil.log" > "$TMP/ev2.out" 2> /dev/null
check "(a+)+\$ without JIT: the same" \
	balanced "$TMP/ev2.out" 'd["match_limit_hits"] == 1 and d["unparsed"] == 1'
timeout 60 "$SMTPLOG" --patterns "$TMP/evil" "$TMP/evil.log" > "$TMP/ev.txt" 2> /dev/null
check "(a+)+\$: the text report shows the hits" \
	grep -q '^  match limit hits    1 ' "$TMP/ev.txt"

# ---- memory with millions of distinct names -----------------------------------------------------------
# 2 million bounces, each to its own domain, through a pipe.
N=2000000
gen() {
	awk -v n=$N 'BEGIN { for (i = 0; i < n; i++) printf "Nov 22 18:55:28 mail postfix/smtp[1]: A: to=<u@d%d.example>, relay=none, delay=1, status=bounced (host h%d[192.0.2.1] said: 550 5.1.1 t%d)\n", i, i, i }'
}
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true > /dev/null 2>&1; then
	gen | /usr/bin/time -o "$TMP/rss" -f %M "$SMTPLOG" --patterns "$PATTERNS" -f json > "$TMP/mem.out" 2> /dev/null
	rss=$(tail -1 "$TMP/rss")
else
	gen > "$TMP/mem.log"
	rss=$(python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:4], stdin=open(sys.argv[4]), stdout=open(sys.argv[5], "w"))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' \
		"$SMTPLOG" "--patterns=$PATTERNS" -fjson "$TMP/mem.log" "$TMP/mem.out")
	rm -f "$TMP/mem.log"
fi
check "2M distinct domains: peak RSS ${rss:-?} KiB < 64 MiB" test "${rss:-999999}" -lt 65536
check "2M distinct domains: every line counted, balanced" \
	balanced "$TMP/mem.out" "d['events'] == $N and d['lines'] == $N"
check "2M distinct domains: lists sampled, the rest in other rows" \
	balanced "$TMP/mem.out" \
	'd["other_rows"]["peers"] > 0 and d["top"][0]["domains_sampling"] > 1 and len(d["peers"]) <= 65536'
N=300000
gen | smtplog --max-peers 4096 > "$TMP/mem.txt" 2> /dev/null
check "many domains: the text report says the list is sampled" sh -c "
	grep -q 'too many to keep all: about 1 in [0-9]* is counted' '$TMP/mem.txt' &&
	grep -q 'peers counted as \"other\"' '$TMP/mem.txt'"
