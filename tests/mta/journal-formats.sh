#!/bin/bash
# Render captured RFC 3339 syslog samples through the real systemd journal
# and journalctl, so the journalctl sample logs in sample-logs/ are what
# journalctl really prints (-o short, short-iso, short-precise, short-full,
# short-unix), "-- Boot ... --" markers included, and what it prints
# with -o json (one JSON object per entry).
#
# Needs: python3, systemd (journalctl) and systemd-journal-remote.
# Usage: tests/mta/journal-formats.sh   (from the top of the source tree)
set -eu
export TZ=UTC LC_ALL=C
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/sample-logs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
remote=/lib/systemd/systemd-journal-remote
[ -x "$remote" ] || { echo "install systemd-journal-remote" >&2; exit 1; }

# syslog lines -> journal export format; the second half of the lines gets
# a second boot id so that journalctl prints a boot marker between them.
# Each entry gets the unit journald gives the MTA on Debian 12.
to_export() {
	python3 - "$1" "$2" <<'PY'
import datetime, re, sys
lines = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read().splitlines()
boots = ("5f3c0e1ab6a34c8d9e2f71c4d8b09a11", "0b7e2d94c1f845a6a3d2e0f9b7c61d58")
mono = 1000000
for i, line in enumerate(lines):
    m = re.match(r"(\S+) (\S+) ([^\[:]+)(?:\[(\d+)\])?: (.*)$", line)
    if not m:
        continue
    ts, host, ident, pid, msg = m.groups()
    us = int(datetime.datetime.fromisoformat(ts).timestamp() * 1000000)
    mono += 1000
    out = [f"__REALTIME_TIMESTAMP={us}", f"__MONOTONIC_TIMESTAMP={mono}",
           f"_BOOT_ID={boots[i * 2 >= len(lines)]}", f"_HOSTNAME={host}",
           f"SYSLOG_IDENTIFIER={ident}", "PRIORITY=6", "SYSLOG_FACILITY=2"]
    if pid:
        out += [f"_PID={pid}", f"SYSLOG_PID={pid}"]
    out.append(f"_SYSTEMD_UNIT={sys.argv[2]}")
    out.append(f"MESSAGE={msg}")
    sys.stdout.write("\n".join(out) + "\n\n")
PY
}

for mta in postfix sendmail; do
	src=$out/$mta-real-rfc3339.log
	[ -f "$src" ] || { echo "missing $src" >&2; continue; }
	case $mta in
	postfix) unit=postfix@-.service ;;
	*) unit=$mta.service ;;
	esac
	to_export "$src" "$unit" > "$work/$mta.export"
	"$remote" --output="$work/$mta.journal" - < "$work/$mta.export" 2> /dev/null
	for fmt in short short-iso short-precise short-full short-unix json; do
		journalctl --file "$work/$mta.journal" --no-pager -o "$fmt" \
			> "$out/journal-$mta-$fmt.log"
	done
done
# What journalctl prints when a filter matches nothing, after a real run.
journalctl --file "$work/postfix.journal" --no-pager -o short-iso \
	_SYSTEMD_UNIT=nonexistent.service >> "$out/journal-postfix-short-iso.log" || true
ls -l "$out"/journal-*.log
