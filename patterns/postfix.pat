# Postfix: delivery agents (smtp, lmtp, local, virtual, pipe, error),
# smtpd and postscreen rejects, cleanup header/body and milter rejects.
# Shapes checked against Postfix 3.7 on Debian 12 and public logs.
mta postfix

# "postfix/smtp", "postfix/submission/smtpd", "postfix-out/smtp",
# "postfix2/qmgr", and the daemon names used with a custom syslog_name.
program ^postfix[^/\s]*/|/(?:smtpd?|lmtp|postscreen|cleanup|qmgr|oqmgr|local|virtual|pipe|error|retry|discard|bounce|defer|trace|pickup|anvil|tlsmgr|tlsproxy|scache|verify|dnsblog|master|trivial-rewrite|postlogd|flush|showq|sendmail|postdrop)$

literal status=
literal reject
literal said:
literal refused to talk to me
literal authentication failed

# Delivery outcome, one line per recipient (first: most lines that carry
# a reply are these, and no later rule's line starts "QID: to="):
#   QID: to=<a@b>, [orig_to=<..>,] relay=mx[ip]:25, delay=.., [delays=..,]
#   [dsn=5.1.1,] status=bounced (host mx[ip] said: 550 5.1.1 ... (in reply
#   to RCPT TO command))
# The code is the reply at the start of the text, or after "said:" /
# "refused to talk to me:". A multi-line reply logged joined
# ("550-5.1.1 ... 550 5.1.1 ...") gives its first code: one event.
event status dir=out ^\w+: to=(?|<(?<rcpt>[^>]*)>|(?<rcpt>[^,\s]*)),(?: orig_to=(?:<[^>]*>|[^,\s]*),)? relay=(?:none|(?<host>[^,\[\s]*(?:\[[^\]]*\])?)[^,]*),(?:(?=.*?, dsn=(?<dsn>\d\.\d{1,3}\.\d{1,3}),)|).*?\bstatus=(?<status>[a-z]+)(?: \((?:(?=(?:[^()]*? (?:said|refused to talk to me): )?(?<code>[2-5][0-5]\d)[ -]#?(?:(?<enh>[245]\.\d{1,3}\.\d{1,3})(?![\d.]))?)|)(?<text>.*?)(?: \(in reply to (?<stage>[^()]*?) command\))?\)?)?$

# Not replies: a rule that only warns, and milter actions that accepted
# the message (the client saw 250).
ignore reject-warning ^\w+: reject_warning:
ignore milter-accept ^\w+: milter-(?:discard|hold|redirect|quarantine):

# Queue manager gave up on a message: the sender is told, no reply.
event expired dir=out class=5 ^\w+: from=<.*?>, status=(?<status>(?:force-)?expired)

# A reply logged before trying the next MX host: one event, the final
# status line of the recipient is another.
event host-said dir=out ^\w+: host (?<host>[^\s\[]+(?:\[[^\]]*\])?) (?:said|refused to talk to me): (?<code>[2-5][0-5]\d)[ -]#?(?:(?<enh>[245]\.\d{1,3}\.\d{1,3})(?![\d.]))?(?<text>.*?)(?: \(in reply to (?<stage>[^()]*?) command\))?$

# smtpd, postscreen and milter rejects (before the cleanup rejects, which
# are rarer: a stage is upper case, their "header" ... lower case):
#   NOQUEUE: reject: RCPT from h[ip]: 554 5.7.1 <x>: Relay access denied;
#   from=<a> to=<b> proto=ESMTP helo=<h>
#   NOQUEUE: reject: RCPT from [ip]:port: 550 5.7.1 Service unavailable;
#   client [ip] blocked using zen.spamhaus.org; from=<a>, to=<b>, ...
#   QID: milter-reject: END-OF-MESSAGE from h[ip]: 5.7.1 Spam; from=<a> ...
event smtpd-reject dir=in ^\w+: (?:milter-)?reject: (?<stage>[A-Z][A-Z-]*)(?: from (?<host>[^\s\[]*\[[^\]]*\])(?::\d+)?)?: (?:(?<code>[2-5][0-5]\d)[ -])?(?:(?<enh>[245]\.\d{1,3}\.\d{1,3}) )?(?<text>.*?)(?:[;,] from=<[^>]*>,? to=<(?<rcpt>[^>]*)>.*)?$

# cleanup header_checks/body_checks (the client got it after DATA):
#   QID: reject: header Subject: xx from h[ip]; from=<> to=<> proto=ESMTP
#   helo=<h>: 5.7.1 message content rejected
event cleanup-reject dir=in class=5 stage=end-of-data ^\w+: (?:milter-)?reject: (?:header|body|mime-header|nested-header|content) .*? from (?<host>[^\s\[;]*\[[^\]]*\])(?:;| ).*?\bto=<(?<rcpt>[^>]*)>.*?(?:: (?:(?<code>[2-5][0-5]\d) )?(?<enh>[245]\.\d{1,3}\.\d{1,3}) (?<text>.*))?$

# Failed SMTP AUTH. Postfix answers "535 5.7.8 Error: authentication
# failed" but logs only a warning, so the code is inferred.
event sasl-failed dir=in code=535 enh=5.7.8 stage=AUTH ^warning: (?<host>[^\s\[]*\[[^\]]*\]): SASL \S+ authentication failed(?<text>.*)$

candidate (?:\bstatus=|\breject: |milter-reject: | said: |refused to talk to me|\b[245][0-5]\d[ -][245]\.\d{1,3}\.\d)
