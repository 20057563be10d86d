# tests/lib.sh - a few TAP helpers for the shell tests (sourced).
# Each test script calls plan N, then ok/fail through check, and ends
# with done_testing. The automake TAP driver reads the output.
set -u
LC_ALL=C
export LC_ALL
TZ=UTC
export TZ
# A fixed "now" keeps year-less syslog lines in a stable year.
SMTPLOG_NOW=${SMTPLOG_NOW:-1795392000}    # 2026-11-23T00:00:00Z
export SMTPLOG_NOW
unset NO_COLOR || true

: "${SMTPLOG:?SMTPLOG must name the smtplog binary}"
: "${top_srcdir:?top_srcdir must name the source tree}"
PATTERNS="$top_srcdir/patterns"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/smtplog-test.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT

# SMTPLOG_WRAPPER="valgrind --error-exitcode=1 ...": every run of the
# binary, by the smtplog function or "$SMTPLOG" (also through xargs), goes
# through the wrapper. Word-split on purpose: a command and its options.
if [ -n "${SMTPLOG_WRAPPER:-}" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$SMTPLOG_WRAPPER" \
		"$SMTPLOG" > "$TMP/smtplog-wrapped"
	chmod +x "$TMP/smtplog-wrapped"
	SMTPLOG=$TMP/smtplog-wrapped
fi
tap_n=0
tap_failed=0

plan() { echo "1..$1"; }

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /'
	done
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# check NAME CMD...: ok when CMD succeeds.
check() {
	name=$1
	shift
	if "$@" > "$TMP/check.out" 2>&1; then
		ok "$name"
	else
		not_ok "$name" "$(head -c 2000 "$TMP/check.out")"
	fi
}

# A JSON field of smtplog's output, without a JSON library: the value of
# a top-level "key": N line.
json_num() {
	sed -n "s/^  \"$1\": \\([0-9]*\\),*\$/\\1/p" "$2"
}

smtplog() { "$SMTPLOG" --patterns "$PATTERNS" "$@"; }
