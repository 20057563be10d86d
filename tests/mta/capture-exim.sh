#!/bin/bash
# capture-exim.sh - install Exim 4 from Debian, run it on loopback only as
# mx.smtplog.test with a small custom configuration, provoke a fixed list of
# delivery outcomes and SMTP-level rejections with swaks (plus a tiny raw
# client for what swaks cannot send), and copy Exim's own log files into
# sample-logs/:
#   sample-logs/exim-real-mainlog     /var/log/exim4/mainlog
#   sample-logs/exim-real-rejectlog   /var/log/exim4/rejectlog
#   tests/mta/observed-exim.txt       replies the SMTP client actually saw
# (Exim often logs a rejection without its SMTP code; observed-exim.txt says
# which code the client got.)
#
# Run as root on a throwaway Debian 12 machine/container (it purges postfix
# and sendmail, installs exim4-daemon-light, rsyslog and swaks).
# See tests/mta/README.md.
set -eu

MTA=exim
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# ------------------------------------------------------------- install ---
mkdir -p "$WORK/transcripts" "$OUT"
rm -f "$WORK"/transcripts/*

log "removing other MTAs"
postfix stop 2>/dev/null || true
[ -s /run/sendmail/mta/sendmail.pid ] && kill "$(head -1 /run/sendmail/mta/sendmail.pid)" 2>/dev/null || true
[ -s /run/exim4/exim.pid ] && kill "$(cat /run/exim4/exim.pid)" 2>/dev/null || true
purge_pkgs 'postfix*' 'sendmail*'

log "installing exim4 rsyslog swaks"
echo "$FQDN" >/etc/mailname
$APT install --no-install-recommends exim4-daemon-light rsyslog swaks python3 >/dev/null
[ -s /run/exim4/exim.pid ] && kill "$(cat /run/exim4/exim.pid)" 2>/dev/null || true
sleep 1

# ----------------------------------------------------------- configure ---
# A complete non-split configuration in /etc/exim4/exim4.conf; Debian's
# exim4 binary prefers that file over update-exim4.conf's generated one.
log "configuring exim"
cat >/etc/exim4/exim4.conf <<EOC
# smtplog capture configuration: loopback only, fake names; everything
# outbound goes to the Python sink via a manualroute router.
primary_hostname = $FQDN
qualify_domain = $LOCALDOM
domainlist local_domains = @ : $LOCALDOM : localhost
domainlist relay_to_domains =
# 127.0.0.1 may relay; 127.0.0.2 plays an outside client.
hostlist relay_from_hosts = 127.0.0.1
local_interfaces = 127.0.0.1
daemon_smtp_ports = 25
keep_environment =
acl_smtp_connect = acl_check_connect
acl_smtp_rcpt = acl_check_rcpt
acl_smtp_data = acl_check_data
tls_advertise_hosts =
pipelining_connect_advertise_hosts =
host_lookup = *
rfc1413_hosts =
never_users = root
log_file_path = /var/log/exim4/%slog
log_selector = +smtp_protocol_error +smtp_syntax_error +smtp_no_mail
ignore_bounce_errors_after = 2d
timeout_frozen_after = 7d
spool_directory = /var/spool/exim4
exim_user = Debian-exim
exim_group = Debian-exim
trusted_users = Debian-exim
smtp_banner = \$primary_hostname ESMTP Exim \$version_number \$tod_full

begin acl

# A short greeting delay for outsiders; Exim only notices clients that talk
# before the greeting (early talkers) when the connect ACL delays.
acl_check_connect:
  accept  hosts = +relay_from_hosts
  accept  delay = 1s

acl_check_rcpt:
  accept  hosts = :
  deny    message     = Restricted characters in address
          domains     = +local_domains
          local_parts = ^[.] : ^.*[@%!/|]
  accept  local_parts = postmaster
          domains     = +local_domains
  accept  domains     = +local_domains
          endpass
          verify      = recipient
  accept  hosts       = +relay_from_hosts
  deny    message     = relay not permitted

acl_check_data:
  accept

begin routers

sink_route:
  driver     = manualroute
  domains    = ! +local_domains
  transport  = remote_smtp
  self       = send
  route_list = example.net 127.0.0.1::$SINK_PORT ; \\
               example.org 127.0.0.1::$SINK_PORT ; \\
               remote.test 127.0.0.1::$SINK_PORT ; \\
               greet421.test 127.0.0.1::$SINK_421 ; \\
               hangup.test 127.0.0.1::$SINK_CLOSE ; \\
               refused.test 127.0.0.1::$NO_LISTENER

system_aliases:
  driver       = redirect
  domains      = +local_domains
  allow_fail
  allow_defer
  data         = \${lookup{\$local_part}lsearch{/etc/exim4/smtplog-aliases}}

local_user:
  driver           = accept
  domains          = +local_domains
  check_local_user
  transport        = local_delivery

begin transports

remote_smtp:
  driver          = smtp
  allow_localhost
  hosts_avoid_tls = *
  connect_timeout = 10s

local_delivery:
  driver           = appendfile
  file             = /var/mail/\$local_part_data
  delivery_date_add
  envelope_to_add
  return_path_add
  group            = mail
  mode             = 0660

begin retry
*   *   F,2h,15m; G,16h,1h,1.5; F,4d,6h

begin rewrite
EOC
# root's mail goes to the "mail" user (Exim never delivers as root)
printf 'root: mail\n' >/etc/exim4/smtplog-aliases
exim4 -bV | grep -i 'configuration file' >&2
exim4 -bV >/dev/null

# -------------------------------------------------------------- start ---
exim4 -bp | awk '/^ *[0-9]/{print $3}' | xargs -r exim4 -Mrm >/dev/null 2>&1 || true
mkdir -p /var/log/exim4
for f in mainlog rejectlog paniclog; do : >"/var/log/exim4/$f"; done
chown Debian-exim:adm /var/log/exim4/*log 2>/dev/null || true
start_rsyslog
start_sink
log "starting exim"
exim4 -bd -q30m -oP "$WORK/exim.pid"
sleep 2

rm -f "$OBS"
cat >"$OBS" <<EOF2
# Replies the SMTP client saw from Exim ($FQDN on 127.0.0.1:25), one block
# per scenario run by capture-exim.sh.  Generated; do not edit.
# Clients: 127.0.0.1 is in relay_from_hosts (trusted), 127.0.0.2 is an outsider.
# Outbound scenarios show only the local MTA accepting the message (250);
# the remote outcome is in sample-logs/exim-real-mainlog.
EOF2

# ----------------------------------------------------------- scenarios ---
run_scenarios

# --------------------------------------------------------------- drain ---
log "waiting for the queue"
sleep 5
exim4 -qff
sleep 5
exim4 -bp >"$WORK/queue.txt" 2>&1 || true
log "stopping exim"
kill_pidfile "$WORK/exim.pid"
sleep 1
logger -p mail.info -t smtplog-capture "capture end ($MTA)"
sleep 1
kill_pidfile "$WORK/sink.pid"
kill_pidfile "$WORK/rsyslogd.pid"

# ---------------------------------------------------------------- copy ---
copy_log() {   # copy_log SRC DST: sanitize a copy
	cat "$1" >"$2"
	sanitize "$2"
}
copy_log /var/log/exim4/mainlog "$OUT/exim-real-mainlog"
copy_log /var/log/exim4/rejectlog "$OUT/exim-real-rejectlog"
if [ -s /var/log/exim4/paniclog ]; then
	log "WARNING: exim paniclog is not empty:"
	cat /var/log/exim4/paniclog >&2
fi
# drop leftover (deferred) messages only now, so the "removed by root" lines
# stay out of the sample
exim4 -bp | awk '/^ *[0-9]/{print $3}' | xargs -r exim4 -Mrm >/dev/null 2>&1 || true
sanitize "$OBS"
log "wrote $OUT/exim-real-mainlog ($(wc -l <"$OUT/exim-real-mainlog") lines)," \
	"$OUT/exim-real-rejectlog ($(wc -l <"$OUT/exim-real-rejectlog") lines), $OBS"
