#!/bin/sh
# tests/formats.sh - the CSV and Prometheus outputs end to end: on every
# sample log the CSV parses as a table of 10 columns, the counts of its
# code rows (no domain) add up to the JSON report's events and those of its
# destination rows to the JSON destinations' failures; the Prometheus metrics pass promtool (when
# installed) and their counters agree with the JSON report; hostile log
# text reaches neither output raw; --help and the format error list both.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || exit 1
samples=$(ls sample-logs | LC_ALL=C sort)
n=0
for s in $samples; do n=$((n + 5)); done
plan $((n + 8))

have_promtool=0
command -v promtool > /dev/null 2>&1 && have_promtool=1
have_python=0
command -v python3 > /dev/null 2>&1 && have_python=1

# The sum of a Prometheus family's samples (all label sets).
prom_sum() {
	awk -v m="$1" '$0 !~ /^#/ {
		name = $1; sub(/\{.*/, "", name)
		if (name == m) s += $NF
	} END { printf "%d\n", s }' "$2"
}

for s in $samples; do
	log=sample-logs/$s
	smtplog -f json "$log" > "$TMP/j"
	smtplog -f csv "$log" > "$TMP/c"
	smtplog -f prometheus "$log" > "$TMP/p"
	events=$(json_num events "$TMP/j")
	lines=$(json_num lines "$TMP/j")

	if [ "$have_python" = 1 ]; then
		smtplog -f json "sample-logs/$s" > "$TMP/cj"
		check "$s (csv): parses, 10 columns on every row, counts = events" \
		    python3 -c '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["direction", "mta", "class", "code", "enhanced",
    "stage", "signature", "count", "inferred", "domain"], rows[0]
assert all(len(r) == 10 for r in rows), "ragged row"
total = sum(int(r[7]) for r in rows[1:] if r[9] == "")
assert total == int(sys.argv[2]), (total, sys.argv[2])
dest = json.load(open(sys.argv[3]))["destinations"]
want = {(d["domain"], c["code"] or "", c["enhanced"] or ""): 0
    for d in dest for c in d["codes"]}
for d in dest:
    for c in d["codes"]:
        want[(d["domain"], c["code"] or "", c["enhanced"] or "")] += c["count"]
got = {}
for r in rows[1:]:
    if r[9]:
        k = (r[9], r[3], r[4])
        got[k] = got.get(k, 0) + int(r[7])
assert got == want, (got, want)
' "$TMP/c" "$events" "$TMP/cj"
	else
		skip "$s (csv): parses, 10 columns on every row, counts = events" \
		    "python3 not installed"
	fi
	check "$s (csv): counts of code rows add up to the events (awk)" test \
	    "$(awk -F, 'NR > 1 && $10 == "" { s += $8 } END { printf "%d\n", s }' "$TMP/c")" \
	    = "$events"

	if [ "$have_promtool" = 1 ]; then
		check "$s (prometheus): promtool check metrics" \
		    sh -c 'promtool check metrics < "$1"' sh "$TMP/p"
	else
		skip "$s (prometheus): promtool check metrics" \
		    "promtool not installed"
	fi
	check "$s (prometheus): replies add up to the events" \
	    test "$(prom_sum smtplog_replies_total "$TMP/p")" = "$events"
	check "$s (prometheus): line kinds add up to the lines" \
	    test "$(prom_sum smtplog_lines_total "$TMP/p")" = "$lines"
done

# Hostile bytes in a host name and a reply: neither output carries them.
esc=$(printf '\033')
printf 'Nov 22 10:00:01 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from =cmd\033]0;x\007[192.0.2.66]: 554 5.7.1 <a@b.example>: Relay access "denied",x; from=<x@y> to=<a@b.example> proto=ESMTP helo=<h>\n' > "$TMP/hostile.log"
smtplog -f csv "$TMP/hostile.log" > "$TMP/h.csv"
check "hostile log (csv): no escape byte" sh -c "! grep -q '$esc' '$TMP/h.csv'"
check "hostile log (csv): the reply is counted" \
	grep -qx 'inbound,postfix,5xx,554,5.7.1,RCPT,,1,0,' "$TMP/h.csv"
smtplog -f prometheus "$TMP/hostile.log" > "$TMP/h.prom"
check "hostile log (prometheus): no escape byte" \
	sh -c "! grep -q '$esc' '$TMP/h.prom'"
if [ "$have_promtool" = 1 ]; then
	check "hostile log (prometheus): promtool check metrics" \
	    sh -c 'promtool check metrics < "$1"' sh "$TMP/h.prom"
else
	skip "hostile log (prometheus): promtool check metrics" \
	    "promtool not installed"
fi

# No input at all: a header, and metrics without a time span.
smtplog -f csv < /dev/null > "$TMP/e.csv"
check "empty input (csv): the header alone" test "$(cat "$TMP/e.csv")" = \
	"direction,mta,class,code,enhanced,stage,signature,count,inferred,domain"
smtplog -f prometheus < /dev/null > "$TMP/e.prom"
if [ "$have_promtool" = 1 ]; then
	check "empty input (prometheus): promtool check metrics" \
	    sh -c 'promtool check metrics < "$1"' sh "$TMP/e.prom"
else
	skip "empty input (prometheus): promtool check metrics" \
	    "promtool not installed"
fi

"$SMTPLOG" --help > "$TMP/help"
check "--help lists csv and prometheus" \
	grep -q 'output format: text, json, html, csv, prometheus' "$TMP/help"
smtplog -f xml < /dev/null 2> "$TMP/err"
check "an unknown format lists every format" grep -qx \
	"smtplog: unknown format 'xml' (known: text, json, html, csv, prometheus)" \
	"$TMP/err"
