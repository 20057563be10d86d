#!/bin/sh
# tests/fuzz-regress.sh - every input of fuzz/regress/NAME/ (one that once
# made the fuzz harness NAME crash, or broke one of its promises) run
# through that harness again, built by the normal compiler without
# libFuzzer (tests/replay_NAME, fuzz/replay.c). An input passes when the
# harness ends normally: no abort, no crash, no sanitizer report.
. "${top_srcdir:-.}/tests/lib.sh"
: "${REPLAY_DIR:?REPLAY_DIR must name the directory of the replay_* programs}"

inputs=$(cd "$top_srcdir/fuzz/regress" && ls -d */* | LC_ALL=C sort)
plan "$(echo "$inputs" | wc -l)"
for input in $inputs; do
	name=${input%%/*}
	check "$input" "$REPLAY_DIR/replay_$name" \
		"$top_srcdir/fuzz/regress/$input"
done
