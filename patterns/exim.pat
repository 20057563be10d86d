# Exim: its own mainlog and rejectlog, or the same lines through syslog
# (the syslog layer removes Exim's inner timestamp and [pid]).
# Message ids: old 16-character (1jmFYj-00039V-QX) and Exim 4.97+
# 23-character (1tEq9X-0001aBcDeFg-HiJk) forms.
mta exim

program ^exim

literal => 
literal -> 
literal ** 
literal == 
literal rejected
literal error
literal authenticator failed
literal dropped

# Delivered (first: most lines that carry a reply are these, and the
# ignore rules below take no "ID =>" line); "->" is a further recipient of
# the same delivery. The remote server's confirmation is in C="250 ..."
# when log_selector has it.
#   ID => a@b R=dnslookup T=remote_smtp H=mx [ip] X=.. C="250 2.0.0 Ok"
event delivered dir=out class=2 ^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (?:=>|->) (?<rcpt>\S+)(?:(?=.*? H=(?<host>[^\s\[]+(?: \([^)]*\))? \[[^\]]*\]))|)(?:(?=.* C="(?<code>[2-5][0-5]\d)[ -](?:(?<enh>[245]\.\d{1,3}\.\d{1,3})(?![\d.]))?(?<text>[^"]*)")|)

# Not replies: suppressed (-N) deliveries, and warnings.
ignore fake-delivery ^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} \*>
ignore warning ^(?:H=.*? )?Warning:

# Bounced (**) or deferred (==), with the remote reply when there was one:
#   ID ** a@b R=.. T=.. H=mx [ip]: SMTP error from remote mail server after
#   RCPT TO:<a@b>: 550 5.1.1 <a@b>: Recipient address rejected
#   ID == a@b R=.. T=.. defer (-44) H=mx [ip]: SMTP error from remote mail
#   server after RCPT TO:<a@b>: 451 4.7.1 Greylisted
event remote-error dir=out ^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (?<status>\*\*|==) (?<rcpt>[^\s:]+)(?:(?=.*? H=(?<host>[^\s\[]+(?: \([^)]*\))? \[[^\]]*\]))|).*?: SMTP error from remote mail(?:er| server) after (?:pipelined )?(?<stage>[A-Za-z]+(?: (?:TO|FROM|of data|connection))?)(?::<[^>]*>)?(?:\s+\S+)*?: (?:host \S+ \[[^\]]*\]: )?(?<code>[2-5][0-5]\d)[ -](?:(?<enh>[245]\.\d{1,3}\.\d{1,3})(?![\d.]) ?)?(?<text>.*)$
# Not a reply: a host's error before the recipient's "==" or "**" line,
# which repeats the same reply (counting both would count one reply
# twice). After remote-error, whose far more numerous lines share its
# words; no "ID ==" or "ID **" line starts "ID H=".
ignore host-error ^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} H=\S+ \[[^\]]*\]\S*:? SMTP error from remote mail(?:er| server)

# Bounced or deferred without a reply: unrouteable, retry timeout,
# connection refused or timed out, a local delivery failure.
event bounced dir=out class=5 ^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} \*\* (?<rcpt>[^\s:]+)(?:(?=.*? H=(?<host>[^\s\[]+(?: \([^)]*\))? \[[^\]]*\]))|)[^:]*(?:: (?<text>.*))?$
event deferred dir=out class=4 ^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} == (?<rcpt>[^\s:]+)(?:(?=.*? H=(?<host>[^\s\[]+(?: \([^)]*\))? \[[^\]]*\]))|)[^:]*(?:: (?<text>.*))?$

# Callouts: our server asked a remote server whether an address exists
# (sender or recipient verification); the remote reply is logged.
#   H=h [ip] sender verify fail for <a@b>: mx.b [ip] : SMTP error from
#   remote mail server after RCPT TO:<a@b>: 550 Unknown user
event callout dir=out ^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} )?.*?\b(?:sender|recipient) verify (?:fail|defer) for <(?<rcpt>[^>]*)>:.*? (?<host>[^\s\[]+ \[[^\]]*\])\S* ?: SMTP error from remote mail(?:er| server) after (?:pipelined )?(?<stage>[A-Za-z]+(?: (?:TO|FROM|of data|connection))?)(?::<[^>]*>)?(?:\s+\S+)*?: (?<code>[2-5][0-5]\d)[ -](?:(?<enh>[245]\.\d{1,3}\.\d{1,3})(?![\d.]) ?)?(?<text>.*)$

# Authentication failures are logged with the reply Exim sent:
#   login authenticator failed for (helo) [ip]: 535 Incorrect authentication
#   data (set_id=user)
event auth-failed dir=in stage=AUTH ^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} )?\S+ authenticator failed (?:for |H=)(?<host>.*?\[[^\]]*\])(?::\d+)?(?: [A-Za-z]+=\S+)*:? (?<code>[2-5][0-5]\d)[ -](?:(?<enh>[245]\.\d{1,3}\.\d{1,3}) )?(?<text>.*)$

# Exim's own rejections do not log the code it sent; the codes below are
# Exim's defaults (see tests/mta/observed-exim.txt for the captured
# transcripts). An ACL "message =" may carry its own code, which Exim
# does not log either.
#   H=h [ip] F=<a> rejected RCPT <b>: relay not permitted
#   H=h [ip] F=<a> temporarily rejected RCPT <b>: greylisted
event acl-rcpt-temp dir=in code=451 stage=RCPT ^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} )?(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\btemporarily rejected RCPT <?(?<rcpt>[^\s>]*?)>?:? (?<text>.*)$
event acl-rcpt dir=in code=550 stage=RCPT ^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} )?(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\brejected RCPT <?(?<rcpt>[^\s>]*?)>?(?::|$) ?(?<text>.*)$
#   H=h [ip] F=<a> rejected MAIL <a>: sender verify failed
#   rejected MAIL from [ip]: no HELO/EHLO given
event no-helo dir=in code=503 stage=MAIL ^rejected MAIL from (?<host>.*?\[[^\]]*\])\S*: (?<text>no HELO/EHLO given)$
event acl-mail-temp dir=in code=451 stage=MAIL ^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} )?(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\btemporarily rejected MAIL\b:? ?(?<text>.*)$
event acl-mail dir=in code=550 stage=MAIL ^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} )?(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\brejected MAIL\b:? ?(?<text>.*)$
#   H=h [ip] F=<a> rejected after DATA: spam score too high
event acl-data-temp dir=in code=451 stage=end-of-data ^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} )?(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\btemporarily rejected (?:after DATA|by local_scan\(\)|during MIME ACL checks|by non-SMTP ACL):? ?(?<text>.*)$
event acl-data dir=in code=550 stage=end-of-data ^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} )?(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\brejected (?:after DATA|by local_scan\(\)|during MIME ACL checks|by non-SMTP ACL):? ?(?<text>.*)$
#   H=h [ip] F=<a> rejected DATA: sender verify failed; rejected EXPN x
event acl-other dir=in code=550 ^(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\brejected (?<stage>DATA|EXPN|VRFY|ETRN)\b:? ?(?<text>.*)$
#   H=h [ip] temporarily rejected connection in "connect" ACL: "ratelimited"
event acl-connect-temp dir=in code=450 stage=CONNECT ^(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\btemporarily rejected connection in "connect" ACL:? ?(?<text>.*)$
event acl-connect dir=in code=554 stage=CONNECT ^(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\brejected connection in "connect" ACL:? ?(?<text>.*)$
#   rejected EHLO from [ip]: syntactically invalid argument(s): _
event helo-syntax dir=in code=501 stage=HELO ^rejected [EH]{1,2}LO from (?<host>.*?\[[^\]]*\])(?::\d+)?(?: I=\S+)?: (?<text>syntactically invalid argument.*)$
event acl-helo-from dir=in code=550 stage=HELO ^rejected [EH]{1,2}LO from (?<host>.*?\[[^\]]*\])\S*(?: I=\S+)?:? ?(?<text>.*)$
event acl-helo dir=in code=550 stage=HELO ^(?:H=(?<host>.*?\[[^\]]*\])\S* )?.*?\brejected (?:EHLO or HELO|EHLO|HELO) \S*?:? ?(?<text>.*)$
#   SMTP syntax error in "xx" H=(h) [ip] unrecognized command
event unknown-command dir=in code=500 ^SMTP syntax error in "[^"]*".*? H=(?<host>.*?\[[^\]]*\])\S*.*?(?<text>unrecognized command)$
event syntax-error dir=in code=501 ^SMTP syntax error in "(?<stage>[A-Za-z]+)[^"]*".*? H=(?<host>.*?\[[^\]]*\])\S*(?: I=\S+)?(?: Ci=\S+)? (?<text>.*)$
#   SMTP protocol error in "AUTH LOGIN" H=(h) [ip] AUTH command used when
#   not advertised
event auth-mechanism dir=in code=504 stage=AUTH ^SMTP protocol error in "AUTH[^"]*".*? H=(?<host>.*?\[[^\]]*\])\S*.*?(?<text>\S+ authentication mechanism not supported)$
event protocol-error dir=in code=503 ^SMTP protocol error in "(?<stage>[A-Za-z]+)[^"]*".*? H=(?<host>.*?\[[^\]]*\])\S*(?: I=\S+)?(?: Ci=\S+)? (?<text>.*)$
#   SMTP protocol synchronization error (input sent without waiting for
#   greeting): rejected connection from H=[ip] input="GET / HTTP/1.1"
event sync-error dir=in code=554 ^SMTP protocol synchronization error \((?<text>[^)]*)\): rejected(?:$| (?:connection from |"(?<stage>[A-Za-z]+)[^"]*" )H=(?<host>.*?\[[^\]]*\]))
#   SMTP call from (h) [ip] dropped: too many syntax or protocol errors
event dropped dir=in code=421 ^SMTP call from (?<host>.*?\[[^\]]*\]|\S+)\S*(?: I=\S+)? dropped: (?<text>too many .*)$

candidate (?:^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (?:\*\*|==|=>|->) |\brejected\b|SMTP error|syntax error|protocol error|authenticator failed)
