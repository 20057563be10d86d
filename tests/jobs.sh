#!/bin/sh
# tests/jobs.sh - -j N gives byte-identical reports to -j 1: a file large
# enough to be cut into pieces (every sample log many times, with
# unparsed lines spread through it, whose line numbers must survive the
# merge), in text and JSON, for 2, 3 and 7 threads; also when there are
# more peers than --max-peers keeps, so that only a sample is kept; and
# two such files in one run, with the limit hits of every piece. A
# pipe and a compressed file, read ahead by a thread with -j 2, whole or
# cut short, give what -j 1 gives, errors included.
. "${top_srcdir:-.}/tests/lib.sh"
plan 17

big=$TMP/big.log
i=0
while [ "$i" -lt 60 ]; do
	cat "$top_srcdir"/sample-logs/*
	sec=$(printf %02d "$i")
	echo "Nov 22 10:00:$sec mail postfix/smtpd[$i]: NOQUEUE: reject: Unsupported $i"
	echo "Nov 22 10:01:$sec mail postfix/smtp[$i]: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! status="
	# clients seen once each, as from a botnet: many distinct peers
	k=0
	while [ "$k" -lt 40 ]; do
		echo "Nov 22 10:02:$sec mail postfix/smtpd[$i]: NOQUEUE: reject: RCPT from unknown[10.9.$i.$k]: 554 5.7.1 Service unavailable; Client host [10.9.$i.$k] blocked using zen.spamhaus.org; from=<a@b$k.example> to=<u@c$i.example> proto=ESMTP helo=<x>"
		k=$((k + 1))
	done
	i=$((i + 1))
done > "$big"
size=$(wc -c < "$big")
check "the test file is large enough to be split (4 MiB)" test "$size" -ge 4194304

smtplog -j 1 -f json "$big" > "$TMP/j1.json"
smtplog -j 1 --color=never "$big" > "$TMP/j1.txt"
check "unparsed samples are reported" grep -q '"where": ".*big.log:[0-9]*"' "$TMP/j1.json"
for j in 2 3 7; do
	smtplog -j $j -f json "$big" > "$TMP/j$j.json"
	smtplog -j $j --color=never "$big" > "$TMP/j$j.txt"
	if cmp -s "$TMP/j1.json" "$TMP/j$j.json" &&
	    cmp -s "$TMP/j1.txt" "$TMP/j$j.txt"; then
		ok "-j $j report is byte-identical to -j 1"
	else
		not_ok "-j $j report is byte-identical to -j 1" \
			"$(diff "$TMP/j1.json" "$TMP/j$j.json" | head -20)"
	fi
done
# with a small peer cap only a sample of the clients is kept, chosen by a
# hash of the name: the same sample whatever the split
smtplog -j 1 --max-peers 64 -f json "$big" > "$TMP/s1.json"
check "--max-peers 64: the clients are sampled" \
	grep -Eq '"hosts_sampling": ([2-9]|[1-9][0-9]+)' "$TMP/s1.json"
for j in 2 7; do
	smtplog -j $j --max-peers 64 -f json "$big" > "$TMP/s$j.json"
	if cmp -s "$TMP/s1.json" "$TMP/s$j.json"; then
		ok "--max-peers 64 -j $j is byte-identical to -j 1"
	else
		not_ok "--max-peers 64 -j $j is byte-identical to -j 1" \
			"$(diff "$TMP/s1.json" "$TMP/s$j.json" | head -20)"
	fi
done

# match-limit hits of every piece are counted: a rule that backtracks
# without end on the "aaa...!" lines, in a patterns directory of our own
mkdir "$TMP/pat"
cp "$PATTERNS"/*.pat "$TMP/pat/"
sed -i 's/^literal status=$/literal status=\nignore slow ^(a|a?)+$/' "$TMP/pat/postfix.pat"
"$SMTPLOG" --patterns "$TMP/pat" -j 1 -f json "$big" > "$TMP/l1.json"
"$SMTPLOG" --patterns "$TMP/pat" -j 3 -f json "$big" > "$TMP/l3.json"
check "limit hits: one per catastrophic line with -j 1" \
	test "$(json_num match_limit_hits "$TMP/l1.json")" = 60
check "limit hits: the same with -j 3" cmp "$TMP/l1.json" "$TMP/l3.json"

# two large files, each read in pieces: every piece's limit hits are
# counted once, and the report is that of one thread
cp "$big" "$TMP/big2.log"
"$SMTPLOG" --patterns "$TMP/pat" -j 1 -f json "$big" "$TMP/big2.log" \
	> "$TMP/m1.json"
"$SMTPLOG" --patterns "$TMP/pat" -j 3 -f json "$big" "$TMP/big2.log" \
	> "$TMP/m3.json"
check "limit hits of two large files: 60 each with -j 1" \
	test "$(json_num match_limit_hits "$TMP/m1.json")" = 120
check "two large files: -j 3 is byte-identical to -j 1" \
	cmp "$TMP/m1.json" "$TMP/m3.json"

# one thread per piece reads its own lines: nothing is counted twice
lines=$(wc -l < "$big")
check "-j 2 counts every line once" \
	test "$(json_num lines "$TMP/j2.json")" = "$lines"
check "-j 2 accounting balances" grep -q '"balanced": true' "$TMP/j2.json"

# standard input and a compressed file are read ahead by a second thread
same_j() { # NAME FILE...: -j 2 and -j 1 give the same report and errors
	name=$1
	shift
	"$@" -j 1 > "$TMP/a1.json" 2> "$TMP/a1.err"
	r1=$?
	"$@" -j 2 > "$TMP/a2.json" 2> "$TMP/a2.err"
	r2=$?
	if [ "$r1" = "$r2" ] && cmp -s "$TMP/a1.json" "$TMP/a2.json" &&
	    cmp -s "$TMP/a1.err" "$TMP/a2.err"; then
		ok "$name"
	else
		not_ok "$name" "exit $r1/$r2 $(diff "$TMP/a1.json" "$TMP/a2.json" |
			head -10) $(cat "$TMP/a1.err" "$TMP/a2.err")"
	fi
}
gzip -c "$big" > "$TMP/big.gz"
size=$(wc -c < "$TMP/big.gz")
head -c $((size / 2)) "$TMP/big.gz" > "$TMP/cut.gz"
piped() {
	cat "$big" | "$SMTPLOG" --patterns "$PATTERNS" -f json - "$@"
}
same_j "a pipe read ahead (-j 2) gives the report of -j 1" piped
same_j "a gzip file read ahead (-j 2) gives the report of -j 1" \
	"$SMTPLOG" --patterns "$PATTERNS" -f json "$TMP/big.gz"
same_j "a cut gzip file read ahead: the same lines, error and exit" \
	"$SMTPLOG" --patterns "$PATTERNS" -f json "$TMP/cut.gz"
