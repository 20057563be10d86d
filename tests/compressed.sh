#!/bin/sh
# tests/compressed.sh - compressed and rotated logs, end to end: every
# sample log compressed with the gzip, bzip2, xz and zstd tools (those
# installed) gives the same JSON report as the plain text, from a file
# and from standard input, also as concatenated pieces; the format is
# found by its magic number, not by the name; a truncated or corrupt file
# is an error (exit 1, "smtplog: FILE: ...") after its first lines (as
# many as zcat gives, the one cut short included) and the other inputs
# are still read; a big compressed file is read by one
# thread; rotated generations are read oldest first (--trace order).
. "${top_srcdir:-.}/tests/lib.sh"
plan 27

S="$top_srcdir/sample-logs"
cat "$S"/* > "$TMP/all.log"
# the report without the file names of the unparsed samples
report() {
	smtplog -f json "$@" 2> "$TMP/report.err" | grep -v '"where"'
}
report "$TMP/all.log" > "$TMP/plain.json"
# the report is worth comparing: it has events of every MTA
check "the plain report counts events" \
	test "$(json_num events "$TMP/plain.json")" -gt 100

"$SMTPLOG" --version > "$TMP/version"
built=$(sed -n 's/^compressed input: //p' "$TMP/version")
check "--version lists the compressed formats built in" test -n "$built"

# built_in FORMAT: this smtplog decodes FORMAT
built_in() {
	case " $built " in *" $1 "*) return 0 ;; esac
	return 1
}

# tool, format name, suffix, library
for t in "gzip gzip gz zlib" "bzip2 bzip2 bz2 libbz2" "xz xz xz liblzma" \
    "zstd zstd zst libzstd"; do
	set -- $t
	tool=$1 fmt=$2 suf=$3 lib=$4
	if ! command -v "$tool" > /dev/null 2>&1; then
		skip "$fmt file: same report as plain" "$tool not installed"
		skip "$fmt on stdin: same report as plain" "$tool not installed"
		skip "$fmt concatenated: same report as the pieces" \
			"$tool not installed"
		continue
	fi
	z=$TMP/mail.log.2.$suf
	"$tool" -c < "$TMP/all.log" > "$z"
	if ! built_in "$fmt"; then
		# not built in: a clear error instead, and exit 1
		smtplog "$z" > /dev/null 2> "$TMP/e"; rc=$?
		check "$fmt file without $lib: exit 1 and says so" sh -c \
			"test $rc = 1 && grep -qx 'smtplog: $z: $fmt-compressed, but this smtplog was built without $lib' '$TMP/e'"
		skip "$fmt on stdin: same report as plain" "built without $lib"
		skip "$fmt concatenated: same report as the pieces" \
			"built without $lib"
		continue
	fi
	report "$z" > "$TMP/z.json"
	if cmp -s "$TMP/plain.json" "$TMP/z.json"; then
		ok "$fmt file: same report as plain"
	else
		not_ok "$fmt file: same report as plain" \
			"$(diff "$TMP/plain.json" "$TMP/z.json" | head -20)" \
			"$(cat "$TMP/report.err")"
	fi
	report - < "$z" > "$TMP/z.json"
	if cmp -s "$TMP/plain.json" "$TMP/z.json"; then
		ok "$fmt on stdin: same report as plain"
	else
		not_ok "$fmt on stdin: same report as plain" \
			"$(diff "$TMP/plain.json" "$TMP/z.json" | head -20)"
	fi
	# one piece per sample log, compressed one by one, then joined
	: > "$TMP/cat.$suf"
	for f in "$S"/*; do
		"$tool" -c < "$f" >> "$TMP/cat.$suf"
	done
	report "$TMP/cat.$suf" > "$TMP/z.json"
	if cmp -s "$TMP/plain.json" "$TMP/z.json"; then
		ok "$fmt concatenated: same report as the pieces"
	else
		not_ok "$fmt concatenated: same report as the pieces" \
			"$(diff "$TMP/plain.json" "$TMP/z.json" | head -20)" \
			"$(cat "$TMP/report.err")"
	fi
done

LOG=$S/postfix-real.log
report "$LOG" > "$TMP/pf.json"
if command -v gzip > /dev/null 2>&1 && built_in gzip; then
	gzip -c "$LOG" > "$TMP/pf.gz"
	smtplog --color=never "$LOG" > "$TMP/plain.txt"
	smtplog --color=never "$TMP/pf.gz" > "$TMP/gz.txt"
	check "gzip file: same text report as plain" cmp "$TMP/plain.txt" "$TMP/gz.txt"

	# the magic number decides, not the name
	cp "$TMP/pf.gz" "$TMP/mail.txt"
	report "$TMP/mail.txt" > "$TMP/z.json"
	check "gzip data named .txt is decompressed" cmp "$TMP/pf.json" "$TMP/z.json"
	cp "$LOG" "$TMP/plain-named.gz"
	report "$TMP/plain-named.gz" > "$TMP/z.json"
	check "plain text named .gz is read as text" cmp "$TMP/pf.json" "$TMP/z.json"

	# truncated: the lines before the cut count, the error is named,
	# the next input is read, exit 1
	size=$(wc -c < "$TMP/pf.gz")
	head -c $((size / 2)) "$TMP/pf.gz" > "$TMP/cut.gz"
	smtplog -f json "$TMP/cut.gz" "$LOG" > "$TMP/cut.json" 2> "$TMP/e"; rc=$?
	check "truncated gzip: exit 1" test "$rc" = 1
	check "truncated gzip: smtplog: FILE: truncated gzip data" grep -qx \
		"smtplog: $TMP/cut.gz: truncated gzip data (the input ends inside a compressed stream)" "$TMP/e"
	all=$(json_num lines "$TMP/pf.json")
	check "truncated gzip: its first lines are counted, and balance" sh -c \
		"test $(json_num lines "$TMP/cut.json") -gt $all &&
		 grep -q '\"balanced\": true' '$TMP/cut.json'"
	check "truncated gzip: the next input is read too" \
		test "$(json_num inputs "$TMP/cut.json")" = 2
	# every byte before the cut is counted: as many lines as zcat gives,
	# the cut one included
	smtplog -f json "$TMP/cut.gz" > "$TMP/cut1.json" 2> /dev/null
	gzip -dc "$TMP/cut.gz" 2> /dev/null | smtplog -f json - > "$TMP/zcat.json"
	check "truncated gzip: the lines of zcat, the one at the cut too" sh -c \
		"test $(json_num lines "$TMP/cut1.json") = $(json_num lines "$TMP/zcat.json") &&
		 test $(json_num lines "$TMP/zcat.json") = $(gzip -dc "$TMP/cut.gz" 2> /dev/null | awk 'END { print NR }')"

	# corrupt: a stretch of the deflate data overwritten
	cp "$TMP/pf.gz" "$TMP/bad.gz"
	printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' |
		dd of="$TMP/bad.gz" bs=1 seek=$((size / 2)) conv=notrunc 2> /dev/null
	smtplog "$TMP/bad.gz" > /dev/null 2> "$TMP/e"; rc=$?
	check "corrupt gzip: exit 1 and smtplog: FILE: corrupt gzip data" sh -c \
		"test $rc = 1 && grep -q '^smtplog: $TMP/bad.gz: corrupt gzip data' '$TMP/e'"

	# bigger than the -j threshold (4 MiB) even compressed (random
	# bytes in base64 do not shrink below their own size), between
	# sample logs: it must be read whole by one thread
	{
		cat "$S"/*
		head -c 4700000 /dev/urandom | base64 -w 76 |
			sed 's/^/Nov 22 10:00:00 mail postfix\/smtp[1]: /'
		cat "$S"/*
	} > "$TMP/big.log"
	gzip -1 -c "$TMP/big.log" > "$TMP/big.gz"
	report -j 1 "$TMP/big.log" > "$TMP/big1.json"
	report -j 2 "$TMP/big.gz" > "$TMP/big2.json"
	if [ "$(wc -c < "$TMP/big.gz")" -lt 4194304 ]; then
		not_ok "big gzip file with -j 2: same report as plain" \
			"the compressed test file is under 4 MiB"
	elif cmp -s "$TMP/big1.json" "$TMP/big2.json"; then
		ok "big gzip file with -j 2: same report as plain"
	else
		not_ok "big gzip file with -j 2: same report as plain" \
			"$(diff "$TMP/big1.json" "$TMP/big2.json" | head -20)"
	fi
else
	for t in "gzip file: same text report as plain" \
	    "gzip data named .txt is decompressed" \
	    "plain text named .gz is read as text" \
	    "truncated gzip: exit 1" \
	    "truncated gzip: smtplog: FILE: truncated gzip data" \
	    "truncated gzip: its first lines are counted, and balance" \
	    "truncated gzip: the next input is read too" \
	    "truncated gzip: the lines of zcat, the one at the cut too" \
	    "corrupt gzip: exit 1 and smtplog: FILE: corrupt gzip data" \
	    "big gzip file with -j 2: same report as plain"; do
		skip "$t" "gzip not installed or not built in"
	done
fi

# Rotated generations, oldest first: one line per file, and --trace
# prints lines in the order they were read. Compressed generations are
# gzip when it can be made and read, else plain text under the same name
# (the name does not decide the format).
gen() { # gen FILE N: a log with one line naming generation N
	line="Nov 22 10:00:0$2 mail postfix/smtpd[$2]: connect from gen$2.example[192.0.2.$2]"
	case $1 in
	*.gz)
		if command -v gzip > /dev/null 2>&1 && built_in gzip; then
			echo "$line" | gzip -c > "$1"
		else
			echo "$line" > "$1"
		fi ;;
	*) echo "$line" > "$1" ;;
	esac
}
order() { # the generation numbers, in the order --trace printed them
	smtplog --trace "$@" | sed -n 's/.*connect from gen\([0-9]\)\.example.*/\1/p' |
		tr -d '\n'
}
mkdir "$TMP/rot" "$TMP/date" "$TMP/two"
gen "$TMP/rot/mail.log.10.gz" 1
gen "$TMP/rot/mail.log.3.gz" 2
gen "$TMP/rot/mail.log.2.gz" 3
gen "$TMP/rot/mail.log.1" 4
gen "$TMP/rot/mail.log" 5
check "numbered generations: highest number first, live log last" \
	test "$(order "$TMP"/rot/mail.log*)" = 12345
gen "$TMP/date/mail.log-20261031.gz" 1
gen "$TMP/date/mail.log-20261120" 2
gen "$TMP/date/mail.log-20261121.gz" 3
gen "$TMP/date/mail.log" 4
check "dateext generations: by date, live log last" \
	test "$(order "$TMP"/date/mail.log*)" = 1234
gen "$TMP/two/mail.err" 3
gen "$TMP/two/mail.err.1" 2
gen "$TMP/two/mail.log" 6
gen "$TMP/two/mail.log.1" 5
gen "$TMP/two/mail.log.2.gz" 4
gen "$TMP/two/other" 7
check "two bases: each in order, in the order given" \
	test "$(order "$TMP"/two/other "$TMP"/two/mail.*)" = 723456
