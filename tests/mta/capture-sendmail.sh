#!/bin/bash
# capture-sendmail.sh - install Sendmail from Debian, run it on loopback only
# as mx.smtplog.test (sendmail.cf built with m4 from our sendmail.mc),
# provoke a fixed list of delivery outcomes and SMTP-level rejections with
# swaks (plus a tiny raw client for what swaks cannot send), and copy the
# resulting real logs into sample-logs/:
#   sample-logs/sendmail-real.log          classic BSD syslog format
#   sample-logs/sendmail-real-rfc3339.log  RFC 3339 high-precision format
#   tests/mta/observed-sendmail.txt        replies the SMTP client actually saw
#
# Run as root on a throwaway Debian 12 machine/container (it purges postfix
# and exim4, installs sendmail-bin, sendmail-cf, rsyslog and swaks).
# See tests/mta/README.md.
set -eu

MTA=sendmail
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# ------------------------------------------------------------- install ---
mkdir -p "$WORK/transcripts" "$OUT"
rm -f "$WORK"/transcripts/*

log "removing other MTAs"
postfix stop 2>/dev/null || true
[ -s /run/exim4/exim.pid ] && kill "$(cat /run/exim4/exim.pid)" 2>/dev/null || true
[ -s /run/sendmail/mta/sendmail.pid ] && kill "$(head -1 /run/sendmail/mta/sendmail.pid)" 2>/dev/null || true
purge_pkgs 'postfix*' 'exim4*'

log "installing sendmail rsyslog swaks"
echo "$FQDN" >/etc/mailname
$APT install --no-install-recommends sendmail-bin sendmail-cf sensible-mda m4 rsyslog swaks python3 >/dev/null
[ -s /run/sendmail/mta/sendmail.pid ] && kill "$(head -1 /run/sendmail/mta/sendmail.pid)" 2>/dev/null || true
sleep 1

# ----------------------------------------------------------- configure ---
# Ports of the sink: each SMTP-family mailer gets its own port, so the
# mailertable picks the outcome: esmtp -> normal sink, smtp8 -> sink that
# greets 421, relay -> sink that hangs up, smtp -> port without listener.
log "configuring sendmail"
cat >/etc/mail/sendmail.mc <<EOC
divert(-1)dnl
# smtplog capture configuration: loopback only, fake names; outbound mail
# for the test domains goes to the Python sink via the mailertable.
divert(0)dnl
include(\`/usr/share/sendmail/cf/m4/cf.m4')dnl
VERSIONID(\`smtplog capture')dnl
OSTYPE(\`debian')dnl
DOMAIN(\`debian-mta')dnl
define(\`confDOMAIN_NAME', \`$FQDN')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`confTO_IDENT', \`0')dnl
define(\`confTO_CONNECT', \`10s')dnl
define(\`confPRIVACY_FLAGS', \`authwarnings,novrfy,noexpn,restrictqrun')dnl
define(\`confHOST_STATUS_DIRECTORY', \`')dnl
define(\`ALIAS_FILE', \`/etc/mail/aliases')dnl
define(\`ESMTP_MAILER_ARGS', \`TCP \$h $SINK_PORT')dnl
define(\`SMTP8_MAILER_ARGS', \`TCP \$h $SINK_421')dnl
define(\`RELAY_MAILER_ARGS', \`TCP \$h $SINK_CLOSE')dnl
define(\`SMTP_MAILER_ARGS', \`TCP \$h $NO_LISTENER')dnl
FEATURE(\`no_default_msa')dnl
FEATURE(\`use_cw_file')dnl
FEATURE(\`access_db', \`hash -T<TMPF> -o /etc/mail/access.db')dnl
FEATURE(\`mailertable', \`hash -o /etc/mail/mailertable.db')dnl
FEATURE(\`greet_pause', \`1000')dnl
DAEMON_OPTIONS(\`Family=inet, Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOC
cat >/etc/mail/local-host-names <<EOC
$FQDN
$LOCALDOM
localhost
EOC
# 127.0.0.1 may relay and is not made to wait; 127.0.0.2 is an outsider.
cat >/etc/mail/access <<EOC
Connect:127.0.0.1	RELAY
GreetPause:127.0.0.1	0
# there is no DNS here: accept these sender domains without resolving them
# (nxdomain.test is left out on purpose: scenario sender-domain-unresolvable)
From:example.org	OK
From:example.net	OK
From:outside.test	OK
EOC
cat >/etc/mail/mailertable <<EOC
example.net	esmtp:[127.0.0.1]
example.org	esmtp:[127.0.0.1]
remote.test	esmtp:[127.0.0.1]
greet421.test	smtp8:[127.0.0.1]
hangup.test	relay:[127.0.0.1]
refused.test	smtp:[127.0.0.1]
EOC
printf 'postmaster:\troot\nMAILER-DAEMON:\tpostmaster\n' >/etc/mail/aliases
m4 /etc/mail/sendmail.mc >/etc/mail/sendmail.cf
for map in access mailertable; do   # the way Debian's /etc/mail/Makefile does it
	rm -f /etc/mail/$map.new.db
	makemap hash /etc/mail/$map.new.db </etc/mail/$map
	chown smmta:smmsp /etc/mail/$map.new.db
	chmod 0640 /etc/mail/$map.new.db
	mv -f /etc/mail/$map.new.db /etc/mail/$map.db
done
newaliases >/dev/null 2>&1 || sendmail -bi >/dev/null 2>&1 || true

# Sendmail insists on a fully qualified name for this machine: with only an
# unqualified hostname it logs "My unqualified host name (...) unknown;
# sleeping for retry" and waits 60 s on every start.  If needed, map the
# machine's short name to the fake FQDN for the duration of the capture:
# 127.0.1.1 (Debian's convention) as the first line of /etc/hosts, restored
# on exit, in place, so that a bind-mounted /etc/hosts in a container works.
HOSTS_BACKUP=$WORK/hosts.orig
restore_hosts() {
	if [ -f "$HOSTS_BACKUP" ]; then
		cat "$HOSTS_BACKUP" >/etc/hosts
		rm -f "$HOSTS_BACKUP"
	fi
}
case $(hostname -f 2>/dev/null || hostname) in
*.*) ;;
*)
	cp /etc/hosts "$HOSTS_BACKUP"
	trap restore_hosts EXIT
	{ printf '127.0.1.1\t%s %s\n' "$FQDN" "$(hostname)"; cat "$HOSTS_BACKUP"; } >/etc/hosts
	;;
esac

# -------------------------------------------------------------- start ---
rm -f /var/spool/mqueue/* 2>/dev/null || true
start_rsyslog
start_sink
log "starting sendmail"
mkdir -p /run/sendmail/mta
/usr/sbin/sendmail-mta -L sm-mta -bd -q30m -O PidFile="$WORK/sendmail.pid"
sleep 3

rm -f "$OBS"
cat >"$OBS" <<EOF2
# Replies the SMTP client saw from Sendmail ($FQDN on 127.0.0.1:25), one
# block per scenario run by capture-sendmail.sh.  Generated; do not edit.
# Clients: 127.0.0.1 may relay (access db), 127.0.0.2 is an outsider.
# Outbound scenarios show only the local MTA accepting the message (250);
# the remote outcome is in sample-logs/sendmail-real*.log.
EOF2

# ----------------------------------------------------------- scenarios ---
run_scenarios

# sendmail only: a sender domain that does not resolve (no access entry)
run_swaks sender-domain-unresolvable "sender domain that does not resolve (no access entry)" \
	--local-interface 127.0.0.2 --from someone@nxdomain.test --to root@$LOCALDOM

# --------------------------------------------------------------- drain ---
log "waiting for the queue"
sleep 5
/usr/sbin/sendmail-mta -L sm-mta -q
sleep 5
/usr/sbin/sendmail-mta -bp >"$WORK/queue.txt" 2>&1 || true
log "stopping sendmail"
kill_pidfile "$WORK/sendmail.pid"
sleep 1
logger -p mail.info -t smtplog-capture "capture end ($MTA)"
sleep 1
kill_pidfile "$WORK/sink.pid"
kill_pidfile "$WORK/rsyslogd.pid"
rm -f /var/spool/mqueue/* 2>/dev/null || true
restore_hosts

# ---------------------------------------------------------------- copy ---
copy_log() {   # copy_log SRC DST: drop our own marker lines, sanitize
	grep -v 'smtplog-capture' "$1" >"$2" || true
	sanitize "$2"
}
copy_log "$WORK/syslog/mail-classic.log" "$OUT/sendmail-real.log"
copy_log "$WORK/syslog/mail-rfc3339.log" "$OUT/sendmail-real-rfc3339.log"
sanitize "$OBS"
log "wrote $OUT/sendmail-real.log ($(wc -l <"$OUT/sendmail-real.log") lines)," \
	"$OUT/sendmail-real-rfc3339.log, $OBS"
