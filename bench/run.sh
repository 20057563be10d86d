#!/bin/bash
#
# bench/run.sh - time smtplog on generated mail logs (make bench).
#
# For each size in BENCH_SIZES (default 200M; K, M, G are powers of 1024)
# bench/genlog writes a deterministic mixed log (Postfix classic and RFC
# 3339, Exim mainlog, Sendmail) into a temporary directory, the page cache
# is warmed, and `smtplog -f json FILE` is timed: median of BENCH_RUNS runs
# (default 5; hyperfine when installed, else a loop around date +%s.%N),
# and its peak RSS is read from GNU time (/usr/bin/time -f %M). When
# smtplog has --jobs, -j 1 and -j $(nproc) are timed too, and their JSON
# outputs must be byte-identical.
#
# Standard input (cat LOG | smtplog -) and a gzip copy of the log are
# timed too, with the pipe alone (cat LOG | cat) beside them, and their
# JSON must be the file's.
#
# When pflogsumm is installed, the Postfix-only log (genlog --mix postfix,
# classic time) of the same size is timed with pflogsumm (median of
# BENCH_PFLOGSUMM_RUNS, default 3) and with smtplog, the ratio printed, and
# the counts compared. pflogsumm "Grand Totals" against smtplog's JSON:
#
#   delivered                 outbound.by_class["2"]  (every status=sent
#                             line: smtp, lmtp, local, bounce notices)
#   deferred (N deferrals)    outbound.by_class["4"]  compared with N, the
#                             status=deferred lines; pflogsumm's first
#                             number counts distinct queue ids
#   bounced                   outbound.by_class["5"]  (status=bounced lines)
#   rejected                  inbound.by_class["4"] + inbound.by_class["5"]
#                             - inbound.by_code["535"]: pflogsumm counts
#                             every "reject:" line (smtpd NOQUEUE and
#                             postscreen), 4xx and 5xx alike; failed SASL
#                             logins are smtplog events (535 5.7.8) but
#                             only warnings for pflogsumm
#
# pflogsumm abbreviates counts above 524288 ("966k"); the per-day table,
# printed when the log spans more than one day, is summed instead (genlog
# writes about 1.7 million lines a day, so every day stays below that).
#
# This is a benchmark, not a test: it never fails because the machine is
# slow. It exits non-zero only when something cannot run, or, with
# BENCH_STRICT=1, when the counts disagree or the -j outputs differ.
#
# Environment: BENCH_SIZES, BENCH_SEED (42), BENCH_RUNS, BENCH_PFLOGSUMM_RUNS,
# BENCH_TMPDIR (TMPDIR, /tmp), BENCH_STRICT, BENCH_REV (label of the build),
# SMTPLOG, GENLOG, PATTERNS (the binaries and patterns to use), CC, CFLAGS
# (to build genlog when GENLOG does not exist, and for the report),
# BENCH_BUILD_FLAGS (the flags smtplog was built with, for the report in
# place of CFLAGS; make bench sets it, LTO included).

if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -eu

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/.." && pwd)
SMTPLOG=${SMTPLOG:-$srcdir/src/smtplog}
GENLOG=${GENLOG:-$srcdir/bench/genlog}
PATTERNS=${PATTERNS:-$srcdir/patterns}
BENCH_SIZES=${BENCH_SIZES:-200M}
BENCH_SEED=${BENCH_SEED:-42}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_PFLOGSUMM_RUNS=${BENCH_PFLOGSUMM_RUNS:-3}
BENCH_STRICT=${BENCH_STRICT:-0}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2}
export LC_ALL=C TZ=UTC

note() { printf '%s\n' "$*" >&2; }
die() { note "bench: $*"; exit 1; }

[ -x "$SMTPLOG" ] || die "no $SMTPLOG: build it first (make)"
[ -d "$PATTERNS" ] || die "no patterns directory $PATTERNS"

tmp=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/smtplog-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

if [ ! -x "$GENLOG" ]; then
	note "bench: building genlog with $CC"
	$CC -std=c11 $CFLAGS -o "$tmp/genlog" "$here/genlog.c" ||
	    die "cannot build genlog"
	GENLOG=$tmp/genlog
fi

# A JSON value by path ("outbound by_class 2"), 0 when absent; python3 or jq.
if command -v python3 >/dev/null 2>&1; then
	json_get() {
		python3 - "$@" <<'EOF'
import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2:]:
    if isinstance(v, dict):
        v = v.get(k, 0)
    elif isinstance(v, list) and k.isdigit() and int(k) < len(v):
        v = v[int(k)]
    else:
        v = 0
print(v)
EOF
	}
elif command -v jq >/dev/null 2>&1; then
	json_get() {
		local f=$1 p=""
		shift
		for k in "$@"; do
			case $k in
			[0-9]*) p="$p[$k]" ;;
			*) p="$p[\"$k\"]" ;;
			esac
		done
		jq -r ".$p // 0" "$f" 2>/dev/null || echo 0
	}
else
	json_get() { echo ""; }
fi

# Size in bytes of "200M", "1G", "5000" (powers of 1024).
bytes_of() {
	awk -v s="$1" 'BEGIN {
		n = s + 0; u = toupper(substr(s, length(s)))
		if (u == "B") u = toupper(substr(s, length(s) - 1, 1))
		if (u == "K") n *= 1024; else if (u == "M") n *= 1048576
		else if (u == "G") n *= 1073741824
		printf "%.0f\n", n }'
}

# Median wall-clock seconds of N runs of a command, stdout to $out.
# hyperfine when installed (one warm-up run) and stdout is not kept, else
# date +%s.%N around each run, under GNU time when there is one: the
# largest peak RSS of those runs is left in $tmp/loop_rss.
out=/dev/null
median_time() {
	local n=$1 i t0 t1
	shift
	if [ -n "$HYPERFINE" ] && [ "$out" = /dev/null ] &&
	    hyperfine -N --warmup 1 --runs "$n" --style none \
	    --export-json "$tmp/hf.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
	then
		json_get "$tmp/hf.json" results 0 median
		return 0
	fi
	: >"$tmp/times"
	: >"$tmp/loop_rss"
	for i in $(seq "$n"); do
		t0=$(date +%s.%N)
		if [ -n "$GNUTIME" ]; then
			"$GNUTIME" -f %M -o "$tmp/rss" "$@" >"$out"
		else
			"$@" >"$out"
		fi
		t1=$(date +%s.%N)
		awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' \
		    >>"$tmp/times"
		[ -z "$GNUTIME" ] || tail -n 1 "$tmp/rss" >>"$tmp/loop_rss"
	done
	sort -g "$tmp/loop_rss" | tail -n 1 >"$tmp/loop_rss.max"
	mv "$tmp/loop_rss.max" "$tmp/loop_rss"
	sort -g "$tmp/times" | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]
		else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The speedup of -j $JOBS over -j 1 in N paired rounds: each round runs
# both, one right after the other (-j 1 first in odd rounds, last in
# even ones), and gives the ratio of their two times. On a shared
# machine the second CPU's speed changes from hour to hour, and the two
# medians above, taken minutes apart, can differ for that alone; two runs
# a second apart see the same hour. Prints "median min max".
paired_speedup() {
	local n=$1 log=$2 i a b t0 t1 t2
	: >"$tmp/ratios"
	for i in $(seq "$n"); do
		if [ $((i % 2)) -eq 1 ]; then a=1 b=$JOBS; else a=$JOBS b=1; fi
		t0=$(date +%s.%N)
		"$SMTPLOG" -p "$PATTERNS" -f json -j "$a" "$log" >/dev/null
		t1=$(date +%s.%N)
		"$SMTPLOG" -p "$PATTERNS" -f json -j "$b" "$log" >/dev/null
		t2=$(date +%s.%N)
		# the -j 1 time over the -j JOBS time
		awk -v a="$t0" -v b="$t1" -v c="$t2" -v first="$a" 'BEGIN {
			x = b - a; y = c - b
			printf "%.6f\n", first == 1 ? x / y : y / x }' \
		    >>"$tmp/ratios"
	done
	sort -g "$tmp/ratios" | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.4f %.4f %.4f\n", m, v[1], v[NR] }'
}

# Peak RSS in KiB of one run (GNU time), or "" without it.
peak_rss() {
	[ -n "$GNUTIME" ] || { echo ""; return 0; }
	"$GNUTIME" -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$tmp/rss"
}

HYPERFINE=""
if command -v hyperfine >/dev/null 2>&1 &&
    { command -v python3 || command -v jq; } >/dev/null 2>&1; then
	HYPERFINE=hyperfine
fi
GNUTIME=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/rss" true \
    2>/dev/null && grep -q '^[0-9]' "$tmp/rss"; then
	GNUTIME=/usr/bin/time
fi
JOBS=""
if "$SMTPLOG" --help 2>/dev/null | grep -q -- '--jobs'; then
	JOBS=$(nproc 2>/dev/null || echo 1)
fi
PFLOGSUMM=$(command -v pflogsumm 2>/dev/null || true)

# ---- the machine and the build ----------------------------------------
rev=${BENCH_REV:-}
if [ -z "$rev" ] && git -C "$srcdir" rev-parse --short HEAD >/dev/null 2>&1
then
	rev=$(git -C "$srcdir" rev-parse --short HEAD)
	git -C "$srcdir" diff --quiet HEAD -- 2>/dev/null ||
	    rev="$rev + uncommitted changes"
fi
echo "smtplog benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "  build:     $("$SMTPLOG" --version 2>/dev/null | head -n 1)${rev:+ ($rev)}"
echo "  machine:   $(nproc 2>/dev/null || echo '?') CPUs," \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
	head -n 1)," \
    "$(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' \
	/proc/meminfo 2>/dev/null)"
echo "  kernel:    $(uname -sr)"
echo "  compiler:  $($CC --version 2>/dev/null | head -n 1) (${BENCH_BUILD_FLAGS:-$CFLAGS})"
rss_how="peak RSS from GNU time"
[ -n "$GNUTIME" ] || rss_how="peak RSS not measured (no GNU time: apt-get install time)"
echo "  timing:    ${HYPERFINE:-date loop}, median of $BENCH_RUNS runs; $rss_how"
if [ -n "$JOBS" ]; then
	echo "  -j:        -j 1 and -j $JOBS timed"
else
	echo "  -j:        smtplog has no --jobs"
fi
echo "  pflogsumm: ${PFLOGSUMM:-not installed (apt-get install pflogsumm)}"
echo "  logs:      genlog --seed $BENCH_SEED, sizes $BENCH_SIZES"
echo

# ---- one size ---------------------------------------------------------
problems=0

# One table row: label, lines, bytes, seconds, peak RSS KiB.
row() {
	awk -v l="$1" -v n="$2" -v b="$3" -v s="$4" -v r="$5" 'BEGIN {
		printf "%-24s %10d %9.3f %9.1f %12.0f %10s\n", l, n, s,
		    b / s / 1e6, n / s, r == "" ? "-" : sprintf("%.1f MiB",
		    r / 1024) }'
}

hdr() {
	printf '%-24s %10s %9s %9s %12s %10s\n' "run" "lines" "median s" \
	    "MB/s" "lines/s" "peak RSS"
}

# Values of pflogsumm's report: delivered deferrals bounced rejected exact.
pflogsumm_counts() {
	awk '
	function num(v,   n) {
		n = v + 0
		if (v ~ /k$/) { inexact = 1; n *= 1024 }
		if (v ~ /m$/) { inexact = 1; n *= 1048576 }
		return n
	}
	/^Grand Totals/ { sec = "grand" }
	/^Per-Day Traffic/ { sec = "day"; next }
	/^Per-Hour Traffic/ { sec = "" }
	sec == "grand" && $2 == "delivered" { gd = $1 }
	sec == "grand" && $2 == "deferred" { gf = $3; sub(/^\(/, "", gf) }
	sec == "grand" && $2 == "bounced" { gb = $1 }
	sec == "grand" && $2 == "rejected" { gr = $1 }
	sec == "day" && NF == 8 && $3 ~ /^[0-9][0-9][0-9][0-9]$/ {
		days++; dd += num($5); df += num($6); db += num($7); dr += num($8)
	}
	sec == "day" && NF == 6 && $1 ~ /^[0-9]+-[0-9]+-[0-9]+$/ {
		days++; dd += num($3); df += num($4); db += num($5); dr += num($6)
	}
	END {
		if (days > 1 && !inexact) {
			print dd, df, db, dr, "per-day"
			exit
		}
		inexact = 0
		d = num(gd); f = num(gf == "" ? 0 : gf); b = num(gb); r = num(gr)
		print d, f, b, r, inexact ? "abbreviated" : "totals"
	}' "$1"
}

# Compare one count: name, pflogsumm value, smtplog value, precision.
agree() {
	local name=$1 p=$2 s=$3 how=$4 ok=MISMATCH
	if [ "$how" = abbreviated ]; then
		# pflogsumm printed N k: N = int(count / 1024)
		[ "$((s / 1024))" -eq "$((p / 1024))" ] && ok="OK (to 1024)"
	else
		[ "$p" -eq "$s" ] && ok=OK
	fi
	printf '  %-26s pflogsumm %10s  smtplog %10s  %s\n' "$name" "$p" "$s" \
	    "$ok"
}

summary="$tmp/summary"
: >"$summary"

for size in $BENCH_SIZES; do
	bytes=$(bytes_of "$size")
	[ "$bytes" -gt 0 ] 2>/dev/null || die "bad size $size"
	avail=$(df -Pk "$tmp" | awk 'NR == 2 { printf "%.0f\n", $4 * 1024 }')
	if [ "$avail" -lt "$((bytes + bytes / 10))" ]; then
		note "bench: $size: not enough space in $tmp ($avail bytes free)"
		continue
	fi
	log=$tmp/all.log
	note "bench: $size: generating the mixed log"
	"$GENLOG" --seed "$BENCH_SEED" --size "$size" --mix all >"$log"
	cat "$log" >/dev/null
	n=$(wc -l <"$log")
	b=$(wc -c <"$log")
	echo "== $size mixed log (Postfix 60% / Exim 25% / Sendmail 15% of lines)"
	hdr
	note "bench: $size: timing smtplog -f json"
	s0=$(median_time "$BENCH_RUNS" "$SMTPLOG" -p "$PATTERNS" -f json "$log")
	r0=$(peak_rss "$SMTPLOG" -p "$PATTERNS" -f json "$log")
	row "$size smtplog" "$n" "$b" "$s0" "$r0" | tee -a "$summary"
	if [ -n "$JOBS" ]; then
		note "bench: $size: timing -j 1 and -j $JOBS"
		s1=$(median_time "$BENCH_RUNS" "$SMTPLOG" -p "$PATTERNS" -f json \
		    -j 1 "$log")
		r1=$(peak_rss "$SMTPLOG" -p "$PATTERNS" -f json -j 1 "$log")
		row "$size smtplog -j 1" "$n" "$b" "$s1" "$r1" | tee -a "$summary"
		sj=$(median_time "$BENCH_RUNS" "$SMTPLOG" -p "$PATTERNS" -f json \
		    -j "$JOBS" "$log")
		rj=$(peak_rss "$SMTPLOG" -p "$PATTERNS" -f json -j "$JOBS" "$log")
		row "$size smtplog -j $JOBS" "$n" "$b" "$sj" "$rj" |
		    tee -a "$summary"
		"$SMTPLOG" -p "$PATTERNS" -f json -j 1 "$log" >"$tmp/j1.json"
		"$SMTPLOG" -p "$PATTERNS" -f json -j "$JOBS" "$log" >"$tmp/jn.json"
		"$SMTPLOG" -p "$PATTERNS" -f json "$log" >"$tmp/j0.json"
		same="byte-identical"
		if ! cmp -s "$tmp/j1.json" "$tmp/jn.json" ||
		    ! cmp -s "$tmp/j1.json" "$tmp/j0.json"; then
			same="DIFFER"
			problems=$((problems + 1))
		fi
		awk -v a="$s1" -v c="$sj" -v j="$JOBS" -v s="$same" -v z="$size" \
		    'BEGIN { printf "  %s: -j %d speedup over -j 1: %.2fx; JSON of" \
		    " -j 1, -j %d and the default: %s\n", z, j, a / c, j, s }' |
		    tee -a "$summary"
		note "bench: $size: -j 1 and -j $JOBS in paired rounds"
		read -r pm plo phi < <(paired_speedup "$BENCH_RUNS" "$log")
		awk -v m="$pm" -v lo="$plo" -v hi="$phi" -v j="$JOBS" \
		    -v n="$BENCH_RUNS" -v z="$size" 'BEGIN { printf "  %s: -j %d" \
		    " over -j 1 in %d paired rounds: %.2fx (median; %.2fx-%.2fx)\n",
		    z, j, n, m, lo, hi }' | tee -a "$summary"
	fi
	# standard input and a gzip file: one thread takes the lines, a
	# second reads (and decompresses) ahead; the pipe alone, and zlib
	# alone, are what they cannot beat
	note "bench: $size: timing a pipe and a gzip file"
	sp=$(median_time "$BENCH_RUNS" sh -c 'cat "$1" | "$2" -p "$3" -f json -' \
	    sh "$log" "$SMTPLOG" "$PATTERNS")
	rp=$(peak_rss sh -c 'cat "$1" | "$2" -p "$3" -f json -' sh "$log" \
	    "$SMTPLOG" "$PATTERNS")
	row "$size cat | smtplog" "$n" "$b" "$sp" "$rp" | tee -a "$summary"
	sc=$(median_time "$BENCH_RUNS" sh -c 'cat "$1" | cat' sh "$log")
	row "$size cat | cat" "$n" "$b" "$sc" "" | tee -a "$summary"
	cat "$log" | "$SMTPLOG" -p "$PATTERNS" -f json - >"$tmp/pipe.json"
	streams="$tmp/pipe.json"
	if command -v gzip >/dev/null 2>&1; then
		gzip -c "$log" >"$log.gz"
		sz=$(median_time "$BENCH_RUNS" "$SMTPLOG" -p "$PATTERNS" -f json \
		    "$log.gz")
		rz=$(peak_rss "$SMTPLOG" -p "$PATTERNS" -f json "$log.gz")
		row "$size smtplog .gz" "$n" "$b" "$sz" "$rz" | tee -a "$summary"
		s1z=$(median_time "$BENCH_RUNS" "$SMTPLOG" -p "$PATTERNS" -f json \
		    -j 1 "$log.gz")
		row "$size smtplog .gz -j 1" "$n" "$b" "$s1z" "" |
		    tee -a "$summary"
		"$SMTPLOG" -p "$PATTERNS" -f json "$log.gz" >"$tmp/gz.json"
		streams="$streams $tmp/gz.json"
		rm -f "$log.gz"
	fi
	same="byte-identical"
	"$SMTPLOG" -p "$PATTERNS" -f json "$log" >"$tmp/file.json"
	for f in $streams; do
		if ! cmp -s "$tmp/file.json" "$f"; then
			same="DIFFER"
			problems=$((problems + 1))
		fi
	done
	awk -v p="$sp" -v c="$sc" -v z="$size" -v s="$same" 'BEGIN {
		printf "  %s: through a pipe %.2fx the time of the pipe alone;" \
		    " JSON of the pipe and the .gz against the file: %s\n", z,
		    p / c, s }' | tee -a "$summary"
	rm -f "$log"
	echo

	[ -n "$PFLOGSUMM" ] || continue
	plog=$tmp/postfix.log
	note "bench: $size: generating the Postfix-only log"
	"$GENLOG" --seed "$BENCH_SEED" --size "$size" --mix postfix >"$plog"
	cat "$plog" >/dev/null
	n=$(wc -l <"$plog")
	b=$(wc -c <"$plog")
	echo "== $size Postfix-only log (classic syslog time)"
	hdr
	note "bench: $size: timing smtplog on the Postfix log"
	ss=$(median_time "$BENCH_RUNS" "$SMTPLOG" -p "$PATTERNS" -f json "$plog")
	rs=$(peak_rss "$SMTPLOG" -p "$PATTERNS" -f json "$plog")
	row "$size postfix smtplog" "$n" "$b" "$ss" "$rs" | tee -a "$summary"
	note "bench: $size: timing pflogsumm ($BENCH_PFLOGSUMM_RUNS runs)"
	out=$tmp/pflogsumm.txt
	ps=$(median_time "$BENCH_PFLOGSUMM_RUNS" "$PFLOGSUMM" "$plog")
	out=/dev/null
	rp=$(cat "$tmp/loop_rss")
	row "$size postfix pflogsumm" "$n" "$b" "$ps" "$rp" | tee -a "$summary"
	awk -v p="$ps" -v s="$ss" -v z="$size" 'BEGIN {
		printf "  %s: smtplog is %.1fx as fast as pflogsumm\n", z, p / s
	}' | tee -a "$summary"
	"$SMTPLOG" -p "$PATTERNS" -f json "$plog" >"$tmp/p.json"
	read -r pd pf pb pj how <<EOF
$(pflogsumm_counts "$tmp/pflogsumm.txt")
EOF
	sd=$(json_get "$tmp/p.json" outbound by_class 2)
	if [ -z "$sd" ]; then
		echo "  (no python3 or jq: counts not compared)"
	else
		sf=$(json_get "$tmp/p.json" outbound by_class 4)
		sb=$(json_get "$tmp/p.json" outbound by_class 5)
		i4=$(json_get "$tmp/p.json" inbound by_class 4)
		i5=$(json_get "$tmp/p.json" inbound by_class 5)
		i535=$(json_get "$tmp/p.json" inbound by_code 535)
		sj=$((i4 + i5 - i535))
		echo "  counts (pflogsumm $how):"
		{
			agree "delivered / out 2xx" "$pd" "$sd" "$how"
			agree "deferrals / out 4xx" "$pf" "$sf" "$how"
			agree "bounced / out 5xx" "$pb" "$sb" "$how"
			agree "rejected / in 4xx+5xx-535" "$pj" "$sj" "$how"
		} | tee "$tmp/agree"
		sed "s/^  /  $size: /" "$tmp/agree" >>"$summary"
		problems=$((problems + $(grep -c MISMATCH "$tmp/agree" || true)))
	fi
	rm -f "$plog"
	echo
done

echo "== summary"
hdr
grep -v '^ ' "$summary" || true
grep '^ ' "$summary" || true
if [ "$problems" -gt 0 ]; then
	echo "bench: $problems disagreement(s) (see above)"
	[ "$BENCH_STRICT" = 1 ] && exit 1
fi
exit 0
