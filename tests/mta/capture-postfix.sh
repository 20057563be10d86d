#!/bin/bash
# capture-postfix.sh - install Postfix from Debian, run it on loopback only as
# mx.smtplog.test, provoke a fixed list of delivery outcomes and SMTP-level
# rejections with swaks (plus a tiny raw client for what swaks cannot send),
# and copy the resulting real logs into sample-logs/:
#   sample-logs/postfix-real.log          classic BSD syslog format
#   sample-logs/postfix-real-rfc3339.log  RFC 3339 high-precision format
#   tests/mta/observed-postfix.txt        replies the SMTP client actually saw
#
# Run as root on a throwaway Debian 12 machine/container (it purges exim4 and
# sendmail, installs postfix, rsyslog and swaks). See tests/mta/README.md.
set -eu

MTA=postfix
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# ------------------------------------------------------------- install ---
mkdir -p "$WORK/transcripts" "$OUT"
rm -f "$WORK"/transcripts/*

log "removing other MTAs"
for p in /run/exim4/exim.pid /var/run/exim4/exim.pid /run/sendmail/mta/sendmail.pid; do
	[ -s "$p" ] && kill "$(head -1 "$p")" 2>/dev/null || true
done
purge_pkgs 'exim4*' 'sendmail*'

log "installing postfix rsyslog swaks"
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "postfix postfix/mailname string $FQDN" | debconf-set-selections
$APT install --no-install-recommends postfix rsyslog swaks python3 >/dev/null
postfix stop 2>/dev/null || true
sleep 1

# ----------------------------------------------------------- configure ---
log "configuring postfix"
echo "$FQDN" >/etc/mailname
cat >/etc/postfix/main.cf <<EOF
# smtplog capture configuration: loopback only, fake names, everything
# outbound goes to the Python sink via transport_maps.
compatibility_level = 3.6
myhostname = $FQDN
mydomain = $LOCALDOM
myorigin = \$mydomain
mydestination = \$myhostname, \$mydomain, localhost
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
# 127.0.0.1 is trusted (may relay); 127.0.0.2 plays an outside client.
mynetworks = 127.0.0.1/32
smtpd_banner = \$myhostname ESMTP Postfix
biff = no
append_dot_mydomain = no
readme_directory = no
alias_maps = hash:/etc/aliases
alias_database = hash:/etc/aliases
local_recipient_maps = proxy:unix:passwd.byname \$alias_maps
smtpd_helo_required = yes
smtpd_helo_restrictions = permit_mynetworks, reject_invalid_helo_hostname
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_recipient_restrictions = reject_unauth_pipelining
smtpd_data_restrictions = reject_unauth_pipelining
smtpd_forbid_unauth_pipelining = yes
transport_maps = hash:/etc/postfix/transport
smtpd_tls_security_level = none
smtp_tls_security_level = none
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtp_connect_timeout = 10s
smtp_helo_name = \$myhostname
EOF
cat >/etc/postfix/transport <<EOF
example.net     smtp:[127.0.0.1]:$SINK_PORT
example.org     smtp:[127.0.0.1]:$SINK_PORT
remote.test     smtp:[127.0.0.1]:$SINK_PORT
greet421.test   smtp:[127.0.0.1]:$SINK_421
hangup.test     smtp:[127.0.0.1]:$SINK_CLOSE
refused.test    smtp:[127.0.0.1]:$NO_LISTENER
EOF
postmap /etc/postfix/transport
[ -f /etc/aliases ] || printf 'postmaster: root\n' >/etc/aliases
newaliases
# No chroot: the Debian init script normally copies /etc files into the
# chroot; we start postfix directly.
postconf -F '*/*/chroot = n'
postfix check || true

# -------------------------------------------------------------- start ---
postsuper -d ALL >/dev/null 2>&1 || true
start_rsyslog
start_sink
log "starting postfix"
postfix start
sleep 3

rm -f "$OBS"
cat >"$OBS" <<EOF
# Replies the SMTP client saw from Postfix ($FQDN on 127.0.0.1:25), one
# block per scenario run by capture-postfix.sh.  Generated; do not edit.
# Clients: 127.0.0.1 is in mynetworks (trusted), 127.0.0.2 is an outsider.
# Outbound scenarios show only the local MTA accepting the message (250);
# the remote outcome is in sample-logs/postfix-real*.log.
EOF

# ----------------------------------------------------------- scenarios ---
run_scenarios

# --------------------------------------------------------------- drain ---
log "waiting for the queue"
sleep 5
postqueue -f
sleep 8
postqueue -p >"$WORK/queue.txt" 2>&1 || true
log "stopping postfix"
postfix stop
sleep 2
logger -p mail.info -t smtplog-capture "capture end ($MTA)"
sleep 1
kill_pidfile "$WORK/sink.pid"
kill_pidfile "$WORK/rsyslogd.pid"
postsuper -d ALL >/dev/null 2>&1 || true

# ---------------------------------------------------------------- copy ---
copy_log() {   # copy_log SRC DST: drop our own marker lines, sanitize
	grep -v 'smtplog-capture' "$1" >"$2" || true
	sanitize "$2"
}
copy_log "$WORK/syslog/mail-classic.log" "$OUT/postfix-real.log"
copy_log "$WORK/syslog/mail-rfc3339.log" "$OUT/postfix-real-rfc3339.log"
sanitize "$OBS"
log "wrote $OUT/postfix-real.log ($(wc -l <"$OUT/postfix-real.log") lines)," \
	"$OUT/postfix-real-rfc3339.log, $OBS"
