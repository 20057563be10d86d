#!/bin/sh
# fuzz/run.sh - run the libFuzzer harnesses that "make fuzz" built, each
# for a while, and say which ones crashed.
#
#   fuzz/run.sh [-t SECONDS] [-b BINDIR] [-s SRCDIR] [-w WORKDIR] [NAME...]
#
# NAME is lines, pat, sig or merge (default: all four), run one after the
# other for SECONDS each (default 60). BINDIR holds the harnesses
# (default: fuzz), SRCDIR is the source tree (default: this script's
# parent), WORKDIR keeps each harness's growing corpus between runs and
# its crash inputs (default: fuzz/work).
#
# Seeds, made afresh in WORKDIR/seed-NAME on every run: the sample logs cut
# into pieces of 16 lines (each after one option byte, see
# fuzz/fuzz_lines.c), the .pat files, signatures.sig cut into blocks of a
# few signatures, the golden JSON summaries of tests/golden and the small
# ones of fuzz/corpus/merge, and for every harness its fuzz/regress inputs.
#
# Exit status 0 when no harness failed; else 1, after the path of each
# input that made one crash, leak, hang or run out of memory.
set -u
LC_ALL=C
export LC_ALL

secs=60
bin=fuzz
src=$(cd "$(dirname "$0")/.." && pwd)
work=fuzz/work
while getopts t:b:s:w: opt; do
	case $opt in
	t) secs=$OPTARG ;;
	b) bin=$OPTARG ;;
	s) src=$OPTARG ;;
	w) work=$OPTARG ;;
	*) sed -n 's/^#   //p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- lines pat sig merge

# The longest input each harness is given: a few dozen log lines; a
# pattern file; a few signatures; a summary.
max_len() {
	case $1 in
	lines) echo 4096 ;;
	pat) echo 16384 ;;
	sig) echo 8192 ;;
	merge) echo 32768 ;;
	esac
}

# The seeds of harness $1 into directory $2.
seed() {
	sname=$1
	sdir=$2
	mkdir -p "$sdir"
	case $sname in
	lines)
		i=0
		for f in "$src"/sample-logs/*; do
			split -l 16 "$f" "$sdir/piece." || return 1
			for p in "$sdir"/piece.*; do
				# the option byte: windows, trace, each report
				i=$((i + 1))
				case $((i % 8)) in
				0) o=000 ;; 1) o=001 ;; 2) o=002 ;; 3) o=004 ;;
				4) o=010 ;; 5) o=020 ;; 6) o=030 ;; *) o=040 ;;
				esac
				{ printf "\\$o"; cat "$p"; } \
					> "$sdir/$(basename "$f")-$i"
				rm -f "$p"
			done
		done ;;
	pat)
		cp "$src"/patterns/*.pat "$sdir/" ;;
	sig)
		awk -v dir="$sdir" '/^\[/ { n++ }
			{ print > (dir "/block-" int(n / 6)) }' \
			"$src/patterns/signatures.sig" ;;
	merge)
		cp "$src"/tests/golden/*.json "$src"/fuzz/corpus/merge/*.json \
			"$sdir/" ;;
	esac
	if [ -d "$src/fuzz/regress/$sname" ]; then
		cp "$src/fuzz/regress/$sname"/* "$sdir/" 2> /dev/null || true
	fi
}

failed=0
for name in "$@"; do
	harness=$bin/fuzz_$name
	if [ ! -x "$harness" ]; then
		echo "fuzz $name: no $harness (make fuzz builds it)" >&2
		failed=1
		continue
	fi
	rm -rf "$work/seed-$name" "$work/crash-$name"
	mkdir -p "$work/corpus-$name" "$work/crash-$name"
	seed "$name" "$work/seed-$name" || { failed=1; continue; }
	dict=
	[ -f "$src/fuzz/$name.dict" ] && dict=-dict=$src/fuzz/$name.dict
	"$harness" -max_total_time="$secs" -max_len="$(max_len "$name")" \
		-timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$work/crash-$name/" $dict \
		"$work/corpus-$name" "$work/seed-$name" \
		> "$work/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$name.log")
	crash=$(ls "$work/crash-$name" 2> /dev/null | head -1)
	if [ "$rc" = 0 ] && [ -z "$crash" ]; then
		echo "fuzz $name: ok, ${runs:-?} runs in ${secs} s (${speed:-?}/s)"
	else
		failed=1
		echo "fuzz $name: FAILED (exit $rc), log $work/$name.log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz:)' "$work/$name.log" | head -5
		for c in "$work/crash-$name"/*; do
			[ -f "$c" ] && echo "fuzz $name: crash input $c"
		done
	fi
done
exit "$failed"
