# Sendmail through syslog: "sendmail[pid]:" or "sm-mta[pid]:" (Debian
# names the daemon sm-mta; submission runs as "sm-msp-queue").
mta sendmail

program ^(?:sendmail|sm-mta|sm-msp-queue|sm-msp)$

literal stat=
literal reply=
literal reject=
literal ... 
literal AUTH failure
literal protocol error
literal rejecting commands
literal [rejected]

# Not outcomes: a message put in the queue for later delivery, and the
# bounce message sendmail writes (the failure itself has its own line).
ignore queued ^\w++: to=.*?\bstat=queued
ignore dsn-notice ^\w+: \w+: (?:DSN|return to sender|postmaster notify): 

# Sendmail 8.17 and later log the remote reply in its own field:
#   QID: to=<a@b>, ..., relay=mx.b. [ip], dsn=5.1.1, reply=550 5.1.1
#   <a@b>: Recipient address rejected, stat=User unknown
# (a multi-line reply keeps its first line). The reply gives the code.
# The lookaheads scan the line on their own: a ".*?" before them would
# let PCRE2 retry them at every position (cubic on long lines).
event stat-reply dir=out class=5 ^\w++: to=<?(?<rcpt>[^,\s>]++)>?(?=.*?, reply=)(?:(?=.*?, relay=(?<host>[^,\s]+(?: \[[^\]]*\])?)[,\s])|)(?:(?=.*?, dsn=(?<dsn>\d\.\d{1,3}\.\d{1,3}),)|).*?, reply=(?<code>[2-5][0-5]\d)[ -](?:(?<enh>[245]\.\d{1,3}\.\d{1,3})(?![\d.]) ?)?(?<text>.*), stat=(?<status>[A-Za-z]+)

# Delivery outcome, one line for one or more recipients of one mailer:
#   QID: to=<a@b>, delay=00:00:01, xdelay=.., mailer=esmtp, pri=..,
#   relay=mx.b. [ip], dsn=4.3.5, stat=Deferred: 451 4.3.5 Server busy
#   QID: to=<a@b>, ..., dsn=2.0.0, stat=Sent (Ok: queued as 12345)
# stat= is "Sent", "Deferred" or the reason of a permanent failure
# ("User unknown", "Service unavailable"): class 5 unless dsn= says else.
event stat dir=out class=5 ^\w++: to=<?(?<rcpt>[^,\s>]++)>?(?:(?=.*?, relay=(?<host>[^,\s]+(?: \[[^\]]*\])?)[,\s])|)(?:(?=.*?, dsn=(?<dsn>\d\.\d{1,3}\.\d{1,3}),)|).*?, stat=(?<status>[A-Za-z]+)[:\s(]*(?:(?<code>[2-5][0-5]\d)[ -](?:(?<enh>[245]\.\d{1,3}\.\d{1,3})(?![\d.]) ?)?)?(?<text>.*?)\)?$

# A remote server's reply that broke the protocol exchange:
#   QID: mx.b.: SMTP DATA-2 protocol error: 500 Mail appears to be spam
event protocol-error dir=out ^\w+: (?<host>\S+?)\.?: SMTP (?<stage>[A-Za-z]+)(?:-\d+)? protocol error: (?<code>[2-5][0-5]\d)[ -](?:(?<enh>[245]\.\d{1,3}\.\d{1,3}) )?(?<text>.*)$

# Rejections of the SMTP server, logged with the reply it sent:
#   ruleset=check_rcpt, arg1=<a@b>, relay=h [ip], reject=550 5.7.1
#   <a@b>... Relaying denied
#   QID: Milter: data, reject=554 5.7.1 Rejected by content filter
event reject dir=in ^(?:\w+: )?(?:ruleset=(?<stage>\w+),.*?|Milter: (?:(?<stage2>\w+)\b.*?)?)(?:, )?(?:(?=.*?\brelay=(?<host>[^,\[\s]*(?: ?\[[^\]]*\])?)[,\s])|).*?\breject=(?<code>[2-5][0-5]\d)[ -](?:(?<enh>[245]\.\d{1,3}\.\d{1,3}) )?(?<text>.*)$

# The SMTP server's own answers to RCPT that it logs without the code
# (LogLevel 9 and up); sendmail sends these codes for them.
#   QID: <a@b>... User unknown
event user-unknown dir=in code=550 enh=5.1.1 stage=RCPT ^(?:\w+: )?<(?<rcpt>[^>]*)>\.\.\. (?<text>User unknown|No such user(?: here)?)$
event relaying-denied dir=in code=550 enh=5.7.1 stage=RCPT ^(?:\w+: )?<?(?<rcpt>[^>\s]*)>?\.\.\. (?<text>Relaying denied.*)$
event sender-domain dir=in code=553 enh=5.1.8 stage=MAIL ^(?:\w+: )?<?(?<rcpt>[^>\s]*)>?\.\.\. (?<text>Domain of sender address \S+ does not exist)$

# An early talker (greet_pause): sendmail answers the greeting with 554
# and refuses every command after it.
#   QID: rejecting commands from h [ip] due to pre-greeting traffic
event greet-pause dir=in code=554 stage=CONNECT ^(?:\w+: )?rejecting commands from (?<host>.*?\[[^\]]*\]) due to (?<text>pre-greeting traffic.*)$

# EXPN and VRFY refused by PrivacyOptions: EXPN gets "502 5.7.0", VRFY
# gets "252 2.5.2 Cannot VRFY user" (a 2xx: the address is not revealed).
event expn-refused dir=in code=502 enh=5.7.0 stage=OTHER ^(?:\w+: )?(?<host>.*?\[[^\]]*\]): (?i:expn) (?<text>\S*) \[rejected\]$
event vrfy-refused dir=in code=252 enh=2.5.2 stage=OTHER ^(?:\w+: )?(?<host>.*?\[[^\]]*\]): (?i:vrfy) (?<text>\S*) \[rejected\]$

# Failed SMTP AUTH: sendmail answers "535 5.7.0 authentication failed".
#   AUTH failure (LOGIN): authentication failure (-13) SASL(-13): ...
event auth-failed dir=in code=535 enh=5.7.0 stage=AUTH ^(?:\w+: )?AUTH failure \((?<text>[^)]*\).*)$

candidate (?:\bstat=|\breject=|\.\.\. (?:User unknown|Relaying denied|No such user)|\bdsn=[245]\.)
