# tests/mta/lib.sh - what the capture-*.sh scripts share: paths, ports,
# and the helpers that start rsyslog and the sink, purge packages, run
# swaks or the raw client, record transcripts and sanitize logs.
# Sourced after the script has set MTA; see tests/mta/README.md.
: "${MTA:?set MTA before sourcing lib.sh}"
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=$REPO/sample-logs
OBS=$HERE/observed-$MTA.txt
WORK=/var/tmp/smtplog-capture-$MTA      # scratch; never copied verbatim
FQDN=mx.smtplog.test
LOCALDOM=smtplog.test
SINK_PORT=2525        # normal sink
SINK_421=2526         # sink that greets with 421
SINK_CLOSE=2527       # sink that closes the connection at once
NO_LISTENER=2599      # nothing listens here -> connection refused
SENDER=sender@example.org
export DEBIAN_FRONTEND=noninteractive
APT="apt-get -o DPkg::Lock::Timeout=900 -y -q"

[ "$(id -u)" = 0 ] || { echo "$0: run as root" >&2; exit 1; }

# ---------------------------------------------------------------- helpers ---
log() { echo "== [$MTA] $*" >&2; }

kill_pidfile() {   # kill_pidfile FILE: stop the process whose pid is in FILE
	local f=$1 pid
	[ -s "$f" ] || return 0
	pid=$(head -1 "$f")   # sendmail's pid file has the pid, then the command line
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
	fi
	rm -f "$f"
}

stop_system_rsyslog() {   # the stock rsyslog (if any) holds /dev/log; stop it
	if [ -d /run/systemd/system ]; then
		systemctl stop syslog.socket rsyslog.service 2>/dev/null || true
	fi
	kill_pidfile /run/rsyslogd.pid
}

start_rsyslog() {   # mail facility -> two files: classic + RFC 3339
	mkdir -p "$WORK/syslog"
	cat >"$WORK/rsyslog.conf" <<EOF
global(localHostname="mail" workDirectory="$WORK")
module(load="imuxsock" SysSock.RateLimit.Interval="0")
mail.*	action(type="omfile" file="$WORK/syslog/mail-classic.log" template="RSYSLOG_TraditionalFileFormat")
mail.*	action(type="omfile" file="$WORK/syslog/mail-rfc3339.log" template="RSYSLOG_FileFormat")
EOF
	stop_system_rsyslog
	kill_pidfile "$WORK/rsyslogd.pid"
	rm -f "$WORK"/syslog/*.log
	rsyslogd -f "$WORK/rsyslog.conf" -i "$WORK/rsyslogd.pid"
	sleep 1
	logger -p mail.info -t smtplog-capture "capture start ($MTA)"
}

start_sink() {
	kill_pidfile "$WORK/sink.pid"
	python3 "$HERE/sink.py" --listen "$SINK_PORT" --listen "$SINK_421:421" \
		--listen "$SINK_CLOSE:close" --log "$WORK/sink.log" &
	echo $! >"$WORK/sink.pid"
	sleep 1
}

purge_pkgs() {   # purge_pkgs GLOB... : purge whatever installed packages match
	local pkgs
	pkgs=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null |
		awk '$2 != "not-installed" {print $1}' | tr '\n' ' ')
	if [ -n "$pkgs" ]; then
		log "purging $pkgs"
		# shellcheck disable=SC2086
		$APT purge $pkgs >/dev/null
	fi
}

# Record what the SMTP client saw: every server reply except the greeting,
# the EHLO capability list and the reply to QUIT, tagged with the command it
# answered.  Input is a swaks-style transcript (" -> " client, "<- "/"<** "
# server, "*** " client-side errors).
NUM=0
record() {   # record NAME DESCRIPTION COMMAND TRANSCRIPT
	{
		printf '\n## %02d %s: %s\n' "$NUM" "$1" "$2"
		printf '$ %s\n' "$3"
		awk '
			/^ -> /      { c = substr($0, 5); n = split(c, w, " "); v = toupper(w[1])
			               if (v == "MAIL" || v == "RCPT") cmd = c
			               else if (c == ".") cmd = "end of DATA"
			               else if (inhdr) next
			               else cmd = c
			               if (v == "DATA") inhdr = 1
			               if (c == ".") inhdr = 0
			               next }
			/^(<-|<\*\*|<~|<~\*) / {
			               line = $0; sub(/^<[-*~]+ +/, "", line)
			               if (cmd == "" && line ~ /^220/) next
			               if (cmd ~ /^(EHLO|HELO|ehlo|helo)/ && line ~ /^250/) next
			               if (toupper(cmd) == "QUIT" && line ~ /^221/) next
			               if (length(cmd) > 60) cmd = substr(cmd, 1, 57) "..."
			               printf "  %-40s => %s\n", (cmd == "" ? "(greeting)" : cmd), line
			               next }
			/^\*\*\* /   { printf "  %-40s    %s\n", "(client)", $0 }
		' "$4"
	} >>"$OBS"
}

run_swaks() {   # run_swaks NAME DESCRIPTION swaks-args...
	local name=$1 desc=$2 t
	shift 2
	NUM=$((NUM + 1))
	t=$WORK/transcripts/$(printf %02d $NUM)-$name.txt
	log "$NUM $name"
	case " $* " in
	*" --ehlo "*) ;;
	*" --local-interface 127.0.0.2 "*) set -- --ehlo client.outside.test "$@" ;;
	*) set -- --ehlo client.$LOCALDOM "$@" ;;
	esac
	swaks --server 127.0.0.1:25 --timeout 30 --h-Subject "smtplog capture: $name" \
		--body "test message for scenario $name" "$@" >"$t" 2>&1 || true
	record "$name" "$desc" "swaks $*" "$t"
}

# Raw client for what swaks cannot do (unknown command, AUTH without offer,
# early talking, HELO without argument, pipelining without PIPELINING).
# Arguments after the source address are lines to send one at a time; a line
# starting with "EARLY:" is sent before the greeting is read; a line
# containing "\n" is sent in one write (pipelined) and its replies are read;
# the line "CLOSE" drops the connection without QUIT.
run_raw() {   # run_raw NAME DESCRIPTION SRCADDR LINE...
	local name=$1 desc=$2 t
	shift 2
	NUM=$((NUM + 1))
	t=$WORK/transcripts/$(printf %02d $NUM)-$name.txt
	log "$NUM $name"
	python3 - "$@" >"$t" 2>&1 <<'PY' || true
import socket, sys
src, lines = sys.argv[1], sys.argv[2:]
s = socket.create_connection(("127.0.0.1", 25), timeout=10, source_address=(src, 0))
f = s.makefile("rb")
def reply():
    while True:
        l = f.readline()
        if not l:
            print("*** Remote host closed connection unexpectedly.")
            return False
        l = l.decode("utf-8", "replace").rstrip("\r\n")
        print(("<-  " if l[:1] in "23" else "<** ") + l)
        if len(l) < 4 or l[3] != "-":
            return True
try:
    # Lines marked EARLY: go out before the greeting; each reply is printed
    # after the line it answers, so the transcript pairs them correctly even
    # though the bytes were sent ahead (same for pipelined groups).
    early = [l[6:] for l in lines if l.startswith("EARLY:")]
    rest = [l for l in lines if not l.startswith("EARLY:")]
    for l in early:
        s.sendall(l.encode() + b"\r\n")
    ok = reply()                       # greeting (or what replaces it)
    for l in early:
        print(" -> " + l + "   [sent before the greeting]")
        ok = ok and reply()
    for l in rest:
        if not ok:
            break
        if l == "CLOSE":
            print("*** client closes the connection without QUIT")
            s.close()
            break
        s.sendall(l.replace("\n", "\r\n").encode() + b"\r\n")
        parts = l.split("\n")
        for part in parts:
            print(" -> " + part + ("   [pipelined]" if len(parts) > 1 else ""))
            ok = reply()
            if not ok:
                break
except Exception as e:
    print("*** %s" % e)
PY
	local shown="" l
	for l in "${@:2}"; do shown+="${shown:+ | }${l//$'\n'/\\n}"; done
	record "$name" "$desc" "raw client from $1: $shown" "$t"
}

# Replace anything machine-specific in the copied logs.
sanitize() {   # sanitize FILE
	local h f
	h=$(hostname)
	f=$(hostname -f 2>/dev/null || echo "$h")
	sed -i -E \
		-e "s#$WORK#/var/tmp/capture#g" \
		-e "s/(^|[^A-Za-z0-9.-])$(printf %s "$f" | sed 's/\./\\./g')([^A-Za-z0-9-]|$)/\1$FQDN\2/g" \
		-e "s/(^|[^A-Za-z0-9.-])$h([^A-Za-z0-9-]|$)/\1$FQDN\2/g" \
		"$1"
	for ip in $(hostname -I 2>/dev/null); do
		case $ip in 127.*) ;; *) sed -i "s/$(printf %s "$ip" | sed 's/\./\\./g')/192.0.2.1/g" "$1" ;; esac
	done
}

# The scenarios every MTA runs: outbound outcomes against the sink, then
# an outside client that the MTA should refuse. Each records what the
# client saw into $OBS.
run_scenarios() {
	# ------------------------------------------------------------ outbound ---
	run_swaks delivered "outbound, sink answers 250" \
		--from $SENDER --to ok1@example.net
	run_swaks delivered-2rcpt "outbound, two recipients in two domains, both 250" \
		--from $SENDER --to ok2@example.net,ok3@remote.test
	run_swaks deferred-greylist "outbound, sink answers RCPT 451 4.7.1 greylisted" \
		--from $SENDER --to rcpt451@example.net
	run_swaks deferred-mailbox-full "outbound, sink answers RCPT 452 4.2.2 mailbox full" \
		--from $SENDER --to rcpt452@remote.test
	run_swaks bounced-rcpt550 "outbound, sink answers RCPT 550 5.1.1 user unknown" \
		--from $SENDER --to rcpt550-511@example.net
	run_swaks bounced-data552 "outbound, sink answers end of DATA 552 5.3.4" \
		--from $SENDER --to data552@example.net
	run_swaks bounced-data554 "outbound, sink answers end of DATA 554 5.7.1 spam" \
		--from $SENDER --to data554@example.org
	run_swaks bounced-multiline550 "outbound, sink answers RCPT with a 3-line 550 5.7.1" \
		--from $SENDER --to multi550@remote.test
	run_swaks mixed-rcpts "outbound, one message: one ok, one 550 at RCPT, one 451 at RCPT" \
		--from $SENDER --to ok4@example.net,rcpt550@example.net,rcpt451@example.net
	run_swaks conn-refused "outbound, domain routed to a port with no listener" \
		--from $SENDER --to user@refused.test
	run_swaks greeting-421 "outbound, sink greets with 421 4.3.2 and hangs up" \
		--from $SENDER --to user@greet421.test
	run_swaks conn-closed "outbound, sink closes the connection without greeting" \
		--from $SENDER --to user@hangup.test
	run_swaks local-delivery "local delivery to root's mailbox" \
		--from $SENDER --to root@$LOCALDOM

	# ------------------------------------------------------------- inbound ---
	run_swaks relay-denied "outsider (127.0.0.2) tries to relay to an outside domain" \
		--local-interface 127.0.0.2 --from someone@outside.test --to victim@example.net
	run_swaks unknown-user "outsider sends to an unknown local user" \
		--local-interface 127.0.0.2 --from someone@outside.test --to nosuchuser@$LOCALDOM
	run_swaks invalid-helo "outsider uses a syntactically invalid HELO name" \
		--local-interface 127.0.0.2 --ehlo 'bad_helo!name' --from someone@outside.test --to root@$LOCALDOM
	run_swaks mail-from-syntax "MAIL FROM with an unparsable address" \
		--local-interface 127.0.0.2 --from 'bad address@@outside.test' --to root@$LOCALDOM
	run_raw empty-helo "HELO without an argument" 127.0.0.2 \
		"HELO" "QUIT"
	run_raw mail-from-nocolon "MAIL command without FROM:<...>" 127.0.0.2 \
		"EHLO client.outside.test" "MAIL bogus" "QUIT"
	run_raw rcpt-before-mail "RCPT before MAIL (bad sequence)" 127.0.0.2 \
		"EHLO client.outside.test" "RCPT TO:<root@$LOCALDOM>" "QUIT"
	run_raw auth-not-offered "AUTH although the server does not offer it" 127.0.0.2 \
		"EHLO client.outside.test" "AUTH PLAIN AHRlc3QAdGVzdA==" "QUIT"
	run_raw unknown-command "an unknown SMTP command" 127.0.0.2 \
		"EHLO client.outside.test" "XYZZY foo" "QUIT"
	run_raw drop-after-mail "client disconnects after MAIL without QUIT" 127.0.0.2 \
		"EHLO client.outside.test" "MAIL FROM:<someone@outside.test>" "CLOSE"
	run_raw early-talker "client talks before the greeting" 127.0.0.2 \
		"EARLY:EHLO client.outside.test" "MAIL FROM:<someone@outside.test>" "QUIT"
	run_raw pipelining-after-helo "pipelined commands after HELO (PIPELINING not negotiated)" 127.0.0.2 \
		"HELO client.outside.test" \
		"MAIL FROM:<someone@outside.test>
RCPT TO:<root@$LOCALDOM>
DATA" "QUIT"
}
