# smtplog signatures: reply texts of large mail providers and blocklists,
# and the common policy rejections, each with what it means and what the
# administrator reading the log should do. Format: patterns/README,
# "Signature files".
#
# The first signature (in file order) whose filters accept the event and
# whose pattern matches the log message wins: provider texts come first,
# then the blocklists from specific to generic, then the protocol and
# policy texts, the vaguest last. Patterns ignore case.
#
# Gmail joins long replies from several lines, so a Postfix or Exim log
# may show "550-5.7.1" in the middle of a sentence: patterns over Gmail
# text allow a few characters between its words (.{0,20}).

# ---- Gmail / Google Workspace -------------------------------------------
# Every Gmail reply ends in "gsmtp"; the MX hosts are *.google.com.

[gmail-dmarc-reject]
provider = Gmail
dir = out
enh = x.7.26
match = DMARC\b.{0,20}\bpolicy
title = Rejected by the From domain's DMARC policy
explanation = Gmail checked the domain in the From: header, found a DMARC
  record with p=reject (or quarantine), and neither an aligned SPF pass nor
  an aligned DKIM signature for this message.
advice = If the From domain is yours: sign outgoing mail with DKIM for that
  domain (OpenDKIM, rspamd or Exim's dkim_* transport options) and make
  sure the SPF record lists this server; then look at the DMARC aggregate
  reports to find other senders that still fail. If the mail was forwarded
  or sent for a foreign From domain, rewrite the sender (SRS) and do not
  send in another domain's name.
url = https://support.google.com/a/answer/81126

[gmail-unauthenticated]
provider = Gmail
dir = out
enh = x.7.26
match = gsmtp|google\.com|googlemail\.com
title = Gmail requires SPF or DKIM: neither passed
explanation = Since 2024 Gmail refuses mail that passes neither SPF nor DKIM.
  Senders of more than about 5000 messages a day to Gmail must have both,
  plus a DMARC record and a one-click unsubscribe for bulk mail.
advice = Publish an SPF record that covers this server's IP (v=spf1 ip4:...
  ~all), sign outgoing mail with DKIM and publish the selector's TXT
  record, and add a DMARC record (at least v=DMARC1; p=none). Check the
  result in a test message's "Authentication-Results" header, then watch
  the domain in Google Postmaster Tools.
url = https://support.google.com/a/answer/81126

[gmail-spf]
provider = Gmail
dir = out
enh = 4.7.27, 5.7.27
match = gsmtp|google\.com|googlemail\.com
title = Gmail: SPF did not pass
explanation = The envelope sender's domain has no SPF record, or its record
  does not list the IP address this server sent from. A 4.7.27 is a
  deferral that Postfix, Exim and Sendmail retry; a 5.7.27 is final.
advice = Add this server's public IPv4 and IPv6 addresses to the SPF record
  of the envelope sender domain (ip4:/ip6: or include: of your relay), keep
  it under 10 DNS lookups, and verify with a lookup of the TXT record. If
  the server relays for other domains, rewrite envelope senders (SRS).
url = https://support.google.com/a/answer/81126

[gmail-rate-limited]
provider = Gmail
dir = out
match = \bunusual\b.{0,20}\brate\b.{0,30}\bunsolicited\b
match = ^(?=.*?(?:gsmtp|google\.com)).*?\b[45]\.7\.28\b
title = Gmail: unusual rate of unsolicited mail from this IP
explanation = Gmail saw a spike of mail it considers unwanted from this IP
  address (or, with 4.7.28/5.7.28, from a sender that does not meet its
  bulk-sender requirements) and throttles or blocks it.
advice = Find what is sending: a compromised account or web form (postqueue
  -p, mailq, exim -bp; look for one sender with many recipients), stop it,
  and remove the queued spam. For legitimate bulk mail: authenticate (SPF,
  DKIM, DMARC), add one-click unsubscribe, mail only opted-in addresses,
  keep the spam rate in Postmaster Tools below 0.3 %, and let the queue
  retry slowly instead of flushing it.
url = https://support.google.com/a/answer/81126

[gmail-tls]
provider = Gmail
dir = out
match = ^(?=.*?(?:gsmtp|google\.com)).*?\b[45]\.7\.29\b
match = Must issue a STARTTLS command first.*(?:gsmtp|google\.com)
match = TLS required for RCPT domain
title = Gmail requires TLS for this mail
explanation = The message was sent without TLS. Gmail asks bulk senders to
  use TLS, and a Google Workspace domain can require it for all inbound
  mail.
advice = Enable opportunistic TLS in the SMTP client: Postfix
  smtp_tls_security_level = may (with a CA file), Exim's default
  remote_smtp transport already tries STARTTLS, Sendmail needs
  confCACERT/confCLIENT_CERT built with STARTTLS. Then check that the
  delivery line shows a TLS connection.
url = https://support.google.com/a/answer/81126

[gmail-dkim]
provider = Gmail
dir = out
enh = 4.7.30, 5.7.30
match = gsmtp|google\.com|googlemail\.com
title = Gmail: DKIM did not pass
explanation = The message carried no DKIM signature, or the signature did not
  verify (missing or wrong key in DNS, or the message was changed after it
  was signed).
advice = Sign outgoing mail (OpenDKIM or rspamd as a milter, or Exim's
  dkim_domain/dkim_selector/dkim_private_key), publish the public key as
  selector._domainkey TXT record, and make sure nothing (a footer, a
  content filter) rewrites the message after signing.
url = https://support.google.com/a/answer/81126

[gmail-alignment]
provider = Gmail
dir = out
enh = 4.7.32, 5.7.32
match = gsmtp|google\.com|googlemail\.com
title = Gmail: From domain not aligned with SPF or DKIM
explanation = SPF or DKIM may pass, but for a different domain than the one in
  the From: header, so DMARC alignment fails.
advice = Sign with DKIM using the From: domain (d= equal to it or a parent
  of it), or send with an envelope sender in the From: domain so that SPF
  aligns. Mail sent through a third-party service needs that service to
  sign with your domain.
url = https://support.google.com/a/answer/81126

[gmail-ptr]
provider = Gmail
dir = out
match = ^(?=.*?(?:gsmtp|google\.com)).*?\b(?:4\.7\.23|[45]\.7\.25)\b
match = \bIPv6\b.{0,20}\bsending\b.{0,20}\bguidelines\b
title = Gmail: no valid reverse DNS (PTR) for the sending IP
explanation = The sending address has no PTR record, or the name in it does
  not resolve back to the same address. Gmail requires both for all
  senders, and is strict about it over IPv6.
advice = Ask whoever owns the IP (hosting provider, ISP) to set a PTR record
  to this server's name, make sure that name has an A/AAAA record with the
  same address, and use it as HELO name (Postfix myhostname or
  smtp_helo_name, Exim helo_data). If IPv6 cannot get a PTR, send to Gmail
  over IPv4 only (Postfix smtp_address_preference = ipv4 or
  inet_protocols = ipv4).
url = https://support.google.com/a/answer/81126

[gmail-ip-not-authorized]
provider = Gmail
dir = out
match = \bnot\b.{0,20}\bauthorized\b.{0,40}\bdirectly\b
title = Gmail: this IP should not send mail directly
explanation = Gmail treats the sending address as an end-user connection (a
  dynamic or residential range) that should hand its mail to the
  provider's relay instead of delivering it itself.
advice = Send through your ISP's or hosting provider's smarthost (Postfix
  relayhost with SASL, Exim a manualroute smarthost router, Sendmail
  SMART_HOST), or move the server to a static IP with a proper PTR record.
url = https://support.google.com/a/answer/3726730

[gmail-not-in-whitelist]
provider = Google Workspace
dir = out
match = IP not in whitelist
title = The recipient's Workspace domain accepts mail only from listed IPs
explanation = The administrator of the recipient domain has restricted inbound
  mail to certain gateways (for example their own spam filter), and this
  server is not one of them.
advice = Send to the domain's published MX hosts rather than directly to
  Google, or ask the recipient's administrator to add this server's IP to
  their inbound gateway or allow list. Check for a stale transport_maps or
  manualroute entry that points the domain at Google.
url = https://support.google.com/a/answer/3726730

[gmail-receiving-too-quickly]
provider = Gmail
dir = out
enh = 4.2.1
match = \breceiving\b.{0,20}\bmail\b.{0,25}\b(?:too quickly|at a rate)
title = Gmail: the recipient is receiving mail too quickly
explanation = This one mailbox gets more mail than Gmail lets through right
  now; it says nothing about the sender's reputation.
advice = Nothing to fix on this server: leave the message in the queue, it
  is retried and delivered once the rate drops. If one sender floods one
  Gmail user (a loop, an alerting script), slow or stop that source.
url = https://support.google.com/a/answer/3726730

[gmail-account-disabled]
provider = Gmail
dir = out
enh = 5.2.1
match = gsmtp|google\.com|googlemail\.com
title = Gmail: the recipient's account is disabled
explanation = The Gmail account exists but has been disabled, so it accepts
  no mail.
advice = Remove the address from mailing lists and aliases that forward to
  it, and reach the person another way.
url = https://support.google.com/a/answer/3726730

[gmail-no-such-user]
provider = Gmail
dir = out
enh = 5.1.1
match = NoSuchUser|gsmtp|google\.com|googlemail\.com
title = Gmail: the address does not exist
explanation = There is no Gmail or Google Workspace account for this address.
advice = Check the address for typos, remove it from lists and forwards (a
  mailing list that keeps sending to it hurts its reputation), and tell
  the sender. Repeated for many addresses it suggests an old list.
url = https://support.google.com/a/answer/3726730

[gmail-over-quota]
provider = Gmail
dir = out
enh = x.2.2
match = OverQuota|gsmtp|google\.com|googlemail\.com
title = Gmail: the recipient's storage is full
explanation = The recipient has used all of their Google storage. A 4.2.2 is
  retried; a 5.2.2 bounces.
advice = Nothing to change here: the recipient must free space or buy more.
  Let the queue retry a 4.2.2; after a 5.2.2 contact the person another
  way.
url = https://support.google.com/a/answer/3726730

[gmail-too-large]
provider = Gmail
dir = out
enh = 5.3.4
match = gsmtp|google\.com|googlemail\.com
title = Gmail: message larger than Gmail accepts
explanation = Gmail accepts messages up to about 25 MB including encoding,
  which adds roughly a third to attachments.
advice = Tell the sender to share large files as a link instead. Set this
  server's own message_size_limit (Postfix) or message_size_limit (Exim)
  no higher than what the big providers accept, so the error appears at
  submission rather than as a bounce later.
url = https://support.google.com/a/answer/3726730

[gmail-low-reputation]
provider = Gmail
dir = out
match = \bvery\b.{0,20}\blow\b.{0,20}\breputation\b
title = Gmail: sending IP or domain has a very low reputation
explanation = Gmail defers the mail because it has seen mostly unwanted mail
  from this IP address or domain.
advice = Check Google Postmaster Tools for the domain's IP and domain
  reputation and spam rate, stop any unwanted or unrequested mail, make
  sure SPF, DKIM and DMARC pass, and let the queue retry slowly. A new IP
  needs a gradual warm-up.
url = https://postmaster.google.com/

[gmail-likely-spam]
provider = Gmail
dir = out
match = \blikely\b.{0,20}\bunsolicited\b
title = Gmail: this message looks like spam
explanation = Gmail's filters judged the content or the sender of this
  message to be unsolicited mail and refused it.
advice = Look at what was sent: a compromised account, a hacked web form or
  a newsletter to addresses that never opted in. Remove spam from the
  queue, check links and domains in the body against blocklists
  (Spamhaus DBL), and make sure the mail is authenticated.
url = https://support.google.com/a/answer/81126

# ---- Microsoft 365 / Exchange Online / Outlook.com -----------------------

[microsoft-block-list]
provider = Microsoft Outlook.com
dir = out
match = \(S31[0-9]{2}\)
match = part of their network is on our block list
title = Outlook.com has this IP (or its network) on its block list
explanation = Outlook.com, Hotmail and Live refuse mail from this IP address
  (S3150, S3140 and relatives): the address or its range has a poor
  reputation with Microsoft.
advice = Request delisting with the Outlook.com sender support form
  (olcsupport.office.com), naming the IP from the reply. Sign up for
  Microsoft SNDS and the junk mail reporting program to see the IP's data,
  and fix the cause (spam, a compromised account) first, or the block
  returns.
url = https://olcsupport.office.com/

[microsoft-ip-reputation]
provider = Microsoft Outlook.com
dir = out
match = \b4\.7\.650\b
match = rate limited due to IP reputation
title = Outlook.com throttles this IP for its reputation
explanation = The IP is new to Outlook.com or has a poor reputation, so mail
  from it is accepted only slowly.
advice = Let the queue retry; do not flush it. Warm up a new IP with small,
  wanted volumes, enrol in SNDS to watch its status, and ask for
  mitigation through the Outlook.com sender support form if it lasts.
url = https://olcsupport.office.com/

[microsoft-server-busy]
provider = Microsoft 365
dir = out
class = 4
match = ^(?=.*?(?:outlook\.com|hotmail\.com|\bAS\(?\d{3,}\)|server busy)).*?\b4\.7\.[56]\d\d\b
title = Microsoft 365 defers mail from this IP (server busy)
explanation = Exchange Online answers 4.7.500 to 4.7.699 to IPs it does not
  yet trust, often new IPs or ones with a sudden volume increase.
advice = Let the queue retry; the deferrals stop as the IP builds a
  reputation. Lower the concurrency towards *.protection.outlook.com
  (a Postfix transport with a small destination_concurrency_limit), keep
  volume steady, and make sure SPF, DKIM and DMARC pass.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-banned-ip]
provider = Microsoft 365
dir = out
match = \b5\.7\.6(?:0[6-9]|[1-4][0-9])\b
match = banned sending IP
title = Microsoft 365 has banned the sending IP
explanation = Exchange Online refuses all mail from this IP (5.7.606 to
  5.7.649) because of the spam it has seen from it.
advice = Find and stop the cause first (compromised account, open relay,
  spam in the queue), then request removal at the Microsoft delist portal
  sender.office.com with the IP and an address that receives the
  confirmation mail.
url = https://sender.office.com/

[microsoft-banned-sender]
provider = Microsoft 365
dir = out
match = \b5\.7\.511\b
match = banned sender
title = Microsoft 365 has banned the sender address
explanation = The envelope sender address is on Microsoft's list of banned
  senders.
advice = Forward the complete bounce to the delisting address the reply
  names (delist@messaging.microsoft.com) and explain why the ban should be
  lifted. Check that the account has not been sending spam.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-tenant-threshold]
provider = Microsoft 365
dir = out
match = \b5\.7\.705\b
match = tenant has exceeded threshold
title = Microsoft 365 blocked the sending tenant
explanation = Most mail from the sending Microsoft 365 organisation was
  judged spam, so the tenant is blocked as a whole.
advice = If the tenant is yours: secure the accounts (reset passwords,
  enable MFA), remove forwarding rules and connectors an attacker added,
  then open a support request with Microsoft to have the block lifted.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-ip-traffic]
provider = Microsoft 365
dir = out
match = \b5\.7\.708\b
match = traffic not accepted from this IP
title = Microsoft 365 does not accept traffic from this IP
explanation = Exchange Online refuses mail from this IP because most of what
  came from it was spam; new tenants sending from low-reputation IPs
  see it too.
advice = Send through an IP with a good reputation (your provider's relay,
  or a Microsoft 365 connector if the mail comes from your tenant), and
  request delisting at sender.office.com after fixing the cause.
url = https://sender.office.com/

[microsoft-unregistered-domain]
provider = Microsoft 365
dir = out
match = \b5\.7\.750\b
match = unregistered domains?
title = Microsoft 365: sending from an unregistered domain
explanation = A Microsoft 365 tenant tried to send mail from a domain that it
  has not added and verified.
advice = In the Microsoft 365 admin center, add and verify the domain used
  as sender (Settings, Domains), or send with an accepted domain.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-dmarc-reject]
provider = Microsoft 365
dir = out
match = \b5\.7\.509\b
title = Microsoft 365: DMARC failure with a reject policy
explanation = The From: domain publishes DMARC p=reject, and this message
  passed neither aligned SPF nor aligned DKIM.
advice = If the From domain is yours, sign with DKIM for it and cover this
  server in its SPF record; read the DMARC aggregate reports to find the
  failing source. If you forward mail for others, rewrite the envelope
  sender (SRS) and do not change signed content.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-spf]
provider = Microsoft 365
dir = out
match = Sender Policy Framework violation
title = Microsoft 365: SPF failure
explanation = The envelope sender's SPF record does not allow this server's
  IP and the recipient's settings reject on SPF failure.
advice = Add this server's address to the SPF record of the envelope sender
  domain (ip4:/ip6: or include:), or relay through a host it already
  lists. For forwarded mail, rewrite the sender with SRS.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-dbeb]
provider = Microsoft 365
dir = out
enh = 5.4.1
match = Recipient address rejected:\s*Access denied
title = Microsoft 365: recipient not in the directory (edge blocking)
explanation = The recipient domain uses Directory-Based Edge Blocking:
  Exchange Online rejects addresses that do not exist in its directory
  before accepting the message.
advice = Check the address for typos and remove it from lists. If the
  address should exist, the recipient's administrator must create it (or
  sync it from their directory), or set the domain to internal relay.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-recipient-not-found]
provider = Microsoft 365
dir = out
match = \b5\.1\.10\b
match = RecipientNotFound
title = Microsoft 365: recipient not found
explanation = Exchange looked up the address in its directory and found no
  mailbox, contact or group with it.
advice = Check the address for typos, remove it from lists and aliases, and
  tell the sender. If it should exist, the recipient's administrator must
  add it as a proxy address.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-no-forwarding]
provider = Microsoft 365
dir = out
match = \b5\.7\.520\b
match = does not allow external forwarding
title = Microsoft 365: external forwarding is not allowed
explanation = A mailbox in a Microsoft 365 organisation forwards to an outside
  address and the organisation's outbound spam policy forbids automatic
  forwarding.
advice = Forwarding is a choice of the forwarding organisation: its
  administrator can allow it for the mailbox in the outbound spam policy
  of Microsoft Defender. Otherwise ask the person to write to you directly.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-rfc5322]
provider = Microsoft 365
dir = out
match = \b5\.7\.512\b
match = RFC 5322 section 3\.6\.2
title = Microsoft 365: missing or broken From: header
explanation = The message has no valid From: header, which Exchange Online
  requires.
advice = Fix the application that generates the message so that it sets a
  valid From: address; with Postfix, always_add_missing_headers = yes adds
  one for local submissions.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-smtp-auth-disabled]
provider = Microsoft 365
dir = out
match = \b5\.7\.139\b
match = SmtpClientAuthentication is disabled
title = Microsoft 365: SMTP AUTH is disabled for the account
explanation = This server relays through smtp.office365.com with a username
  and password, and authenticated SMTP is turned off for that tenant or
  mailbox (or blocked by security defaults).
advice = Enable "Authenticated SMTP" for the mailbox in the Microsoft 365
  admin center, or stop using SMTP AUTH: send through a connector that
  accepts this server's IP (the tenant's MX host on port 25).
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[microsoft-not-authenticated]
provider = Microsoft 365
dir = out
match = \b5\.7\.57\b
match = not authenticated to send anonymous mail
title = Microsoft 365: the relay expects authentication
explanation = The server sent to smtp.office365.com without logging in;
  that host accepts only authenticated submission.
advice = Configure SMTP AUTH over STARTTLS on port 587: Postfix
  smtp_sasl_auth_enable = yes, smtp_sasl_password_maps and
  smtp_tls_security_level = encrypt; Exim a client authenticator. Or send
  to the tenant's MX host with an IP-based connector instead.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

# ---- Yahoo / AOL --------------------------------------------------------

[yahoo-tss04]
provider = Yahoo
dir = out
match = \[TSS04\]
title = Yahoo: deferred for volume or user complaints
explanation = Yahoo and AOL defer mail from this IP because of unexpected
  volume or because their users marked its mail as spam. This is not an
  authentication problem, even though the code is 4.7.0.
advice = Let the queue retry at a slower pace (do not flush it); lower the
  concurrency towards *.yahoodns.net. Check the complaint feedback loop
  (Yahoo's Complaint Feedback Loop program), remove complainers and
  inactive addresses, and keep to Yahoo's sender requirements:
  SPF, DKIM, DMARC, one-click unsubscribe, complaint rate under 0.3 %.
url = https://postmaster.yahooinc.com/error-codes

[yahoo-tss09]
provider = Yahoo
dir = out
match = \[TSS09\]
title = Yahoo: all mail from this IP is deferred for good
explanation = Yahoo will not accept mail from this IP any more; retrying does
  not help, although the reply is a 4xx.
advice = Stop sending to Yahoo and AOL from this IP (the messages only wait
  in the queue until they expire). Fix the cause of the complaints and
  open a ticket with Yahoo's sender support through the postmaster site,
  or send through another, well-reputed IP.
url = https://postmaster.yahooinc.com/error-codes

[yahoo-policy]
provider = Yahoo
dir = out
match = not accepted for policy reasons
title = Yahoo: message refused for policy reasons (often DMARC)
explanation = Yahoo and AOL answer 554 5.7.9 when a message breaks their
  policy, most often when the From: domain's DMARC check fails.
advice = Check the Authentication-Results of a test message to Yahoo: SPF
  or DKIM must pass for the From: domain. Do not send with a From:
  address at yahoo.com, aol.com or another domain that is not yours; use
  your own domain and sign it.
url = https://postmaster.yahooinc.com/error-codes

[yahoo-no-account]
provider = Yahoo
dir = out
match = doesn't have an? (?:yahoo|aol|ymail|rocketmail)\S* account
title = Yahoo: no such account
explanation = The Yahoo or AOL address does not exist.
advice = Check the address for typos, remove it from lists and forwards, and
  tell the sender.
url = https://postmaster.yahooinc.com/error-codes

[yahoo-other]
provider = Yahoo
dir = out
match = postmaster\.yahoo(?:inc)?\.com|\.yahoodns\.net
title = Yahoo / AOL refused or deferred the message
explanation = A Yahoo or AOL server refused the message; the bracketed code in
  the reply names the reason on Yahoo's error code page.
advice = Look up the bracketed code on Yahoo's postmaster page. Most point
  to Yahoo's 2024 sender requirements: SPF and DKIM passing, a DMARC
  record, valid PTR, one-click unsubscribe for bulk mail and a low
  complaint rate. Let 4xx deferrals retry.
url = https://postmaster.yahooinc.com/error-codes

# ---- Apple iCloud -------------------------------------------------------

[icloud-cs01]
provider = Apple iCloud
dir = out
match = \[CS01\]
title = iCloud: rejected by local policy (CS01)
explanation = iCloud Mail refused the message under its own policy, usually
  the reputation of the sending IP or domain.
advice = Make sure SPF and DKIM pass and the IP has a matching PTR record,
  check the IP on the public blocklists, and if the problem persists
  contact iCloud's postmaster as described on Apple's postmaster page,
  with the complete reply.
url = https://support.apple.com/en-us/HT204137

[icloud-policy]
provider = Apple iCloud
dir = out
match = ^(?=.*?(?:icloud\.com|\bme\.com|\bmac\.com|apple\.com)).*?rejected due to local policy
title = iCloud: rejected by local policy
explanation = iCloud Mail refused the message under its policy (spam
  filtering, sender reputation or authentication).
advice = Check SPF, DKIM, DMARC and the PTR record of the sending IP, look
  for the IP on public blocklists, and contact iCloud's postmaster as
  Apple's postmaster page describes if legitimate mail keeps failing.
url = https://support.apple.com/en-us/HT204137

# ---- Proofpoint ---------------------------------------------------------

[proofpoint-block]
provider = Proofpoint
dir = out
match = ipcheck\.proofpoint\.com|proofpoint\.com/dnsbl-lookup
title = Proofpoint has blocked the sending IP
explanation = The recipient uses Proofpoint, whose reputation service lists
  this server's IP.
advice = Look up the IP at ipcheck.proofpoint.com and request removal there
  after fixing the cause (spam, compromised account).
url = https://ipcheck.proofpoint.com/

# ---- DNS blocklists -----------------------------------------------------
# Inbound (dir in): your own server rejected a client because of a list.
# Outbound (dir out): a remote server rejected this server's IP.

[spamhaus-resolver-error]
provider = Spamhaus
class = any
match = spamhaus.*(?:open resolver|public resolver|returnc/|127\.255\.255\.25[2-5])
match = 127\.255\.255\.25[2-5].*spamhaus
title = Spamhaus refused the DNS query (public resolver or over limit)
explanation = Spamhaus does not answer blocklist queries that arrive through
  public DNS resolvers (Google, Cloudflare, Quad9 ...) or that exceed the
  free usage limits; it returns an error code such as 127.255.255.254
  instead. A configuration that treats every answer as "listed" then
  rejects everybody.
advice = If this is your server: query through your own recursive resolver
  (unbound or bind on localhost, not a forwarder to a public resolver), or
  use Spamhaus DQS with a key; and accept only real list results, e.g.
  postscreen_dnsbl_sites = zen.spamhaus.org=127.0.0.[2..11]. If a remote
  server reports it, tell its postmaster: their DNSBL setup rejects all mail.

[spamhaus-dbl]
provider = Spamhaus
match = dbl\.spamhaus\.org|spamhaus\.org/(?:query/)?dbl\b
title = Spamhaus DBL: a domain in the message is listed
explanation = A domain (of the sender, the HELO name or a link in the body)
  is on the Spamhaus Domain Block List of domains used for spam or abuse.
advice = Look up the domain at check.spamhaus.org. If it is yours, remove
  the cause (a compromised site, spam sent in its name) and request
  delisting there; if it is a link in the message (a URL shortener or
  tracking domain), stop using it.
url = https://check.spamhaus.org/

[spamhaus-pbl]
provider = Spamhaus
match = spamhaus\.org/(?:query/)?pbl|pbl\.spamhaus\.org|\bPBL\d{3,}
title = Spamhaus PBL: the IP is an end-user address
explanation = The sending IP is in a range that its owner (usually an ISP)
  says should not send mail directly: dynamic or residential addresses.
  It is not a sign of spam.
advice = Relay through your ISP's or provider's smarthost (Postfix
  relayhost, Exim smarthost router), or, if the IP is static and really
  yours, remove it from the PBL at check.spamhaus.org.
url = https://check.spamhaus.org/

[spamhaus-xbl]
provider = Spamhaus
match = (?<![\w-])(?:xbl\.spamhaus\.org|cbl\.abuseat\.org)|spamhaus\.org/(?:query/)?xbl
title = Spamhaus XBL: infected or exploited host
explanation = Something at this IP address behaved like malware or a spam bot
  (the XBL includes the former CBL). Behind NAT it can be any device in the
  network.
advice = Find and clean the infected machine or compromised account, and
  allow outbound port 25 only from the mail server. Then look up the IP at
  check.spamhaus.org, which tells what was seen and lets you remove it.
url = https://check.spamhaus.org/

[spamhaus-sbl]
provider = Spamhaus
match = (?<![\w-])sbl\.spamhaus\.org|spamhaus\.org/(?:query/)?sbl|\bSBL\d{3,}
title = Spamhaus SBL: the IP is a known spam source
explanation = Spamhaus has manually listed the IP (or its range) as a source
  of spam or abuse.
advice = Look up the SBL record at check.spamhaus.org; it names the reason
  and who can request removal (often the network owner, i.e. your hosting
  provider). Fix the cause before asking.
url = https://check.spamhaus.org/

[spamhaus]
provider = Spamhaus
match = spamhaus
title = Listed on a Spamhaus blocklist
explanation = The IP address (ZEN combines the SBL, XBL and PBL) or a domain
  is listed at Spamhaus, and the receiving server refuses the mail.
advice = Outbound: look up the IP or domain at check.spamhaus.org, which
  tells which list, why, and how to remove it; fix the cause first.
  Inbound (your server rejected a client): nothing to do unless the client
  is legitimate, in which case exempt it (Postfix check_client_access
  before reject_rbl_client, postscreen_access_list).
url = https://check.spamhaus.org/

[barracuda]
provider = Barracuda
match = barracudacentral|barracuda\s*reputation|\bBRBL\b
title = Listed on the Barracuda Reputation Block List
explanation = The sending IP is on Barracuda's reputation list, used by
  Barracuda appliances and many other servers.
advice = Outbound: check the IP and submit a removal request at
  barracudacentral.org (it needs the IP, a contact address and a reason);
  fix the cause first. Inbound: exempt a legitimate client before the
  b.barracudacentral.org check.
url = https://www.barracudacentral.org/rbl/removal-request

[spamcop]
provider = SpamCop
match = spamcop
title = Listed on the SpamCop blocklist
explanation = SpamCop users reported spam from this IP, or it hit SpamCop's
  spam traps. Listings expire by themselves, normally within a day after
  the reports stop.
advice = Look up the IP at spamcop.net to see why, stop the spam (the
  listing keeps renewing while it continues), and then wait: there is no
  removal request. Inbound: exempt a legitimate client before the
  bl.spamcop.net check.
url = https://www.spamcop.net/bl.shtml

[sorbs]
provider = SORBS
match = \bsorbs\b
title = SORBS blocklist (service shut down)
explanation = SORBS was shut down in 2024; its lists no longer give useful
  answers, and a configuration that still queries them may reject or
  delay mail for no reason.
advice = Inbound: remove dnsbl.sorbs.net (and other *.sorbs.net zones) from
  postscreen_dnsbl_sites, smtpd_*_restrictions (reject_rbl_client) or
  Exim's dnslists, and reload. Outbound: the remote server's configuration
  is stale; tell its postmaster, there is nothing to delist.

[uceprotect-network]
provider = UCEPROTECT
match = dnsbl-[23]\.uceprotect|uceprotect\S*.{0,20}level\s*[23]|level\s*[23].{0,40}uceprotect
title = UCEPROTECT level 2 or 3: your network is listed
explanation = UCEPROTECT level 2 lists whole allocations and level 3 whole
  networks (an ASN) because of spam from other addresses there; your own
  IP may be clean.
advice = Ask your provider to deal with the abuse in its network, or send
  through a relay in another network. Ask the receiving postmaster to use
  level 1 only, which lists single IPs. UCEPROTECT's express delisting is
  paid; listings also expire on their own.
url = https://www.uceprotect.net/en/rblcheck.php

[uceprotect]
provider = UCEPROTECT
match = uceprotect
title = UCEPROTECT level 1: the IP is listed
explanation = The IP sent to UCEPROTECT's spam traps. Level 1 listings expire
  automatically some days after the last hit; early removal is paid.
advice = Find and stop the spam source, then wait for the listing to
  expire; check it at uceprotect.net. Inbound: exempt a legitimate
  client before the dnsbl-1.uceprotect.net check.
url = https://www.uceprotect.net/en/rblcheck.php

[psbl]
provider = PSBL
match = \bpsbl\b
title = Listed on the Passive Spam Block List
explanation = The IP sent mail to PSBL's spam traps.
advice = Look up the IP at psbl.org and remove it with the free removal link
  there, after stopping the spam. Inbound: exempt a legitimate client
  before the psbl.surriel.com check.
url = https://psbl.org/

[mailspike]
provider = Mailspike
match = mailspike
title = Listed by Mailspike
explanation = Mailspike scores IPs by the mail its traps and partners see;
  a bad score puts the IP on bl.mailspike.net.
advice = The reputation recovers by itself once the IP sends clean mail;
  check its status on Mailspike's web site and stop whatever spam it
  sent. Inbound: exempt a legitimate client before the check.

[s5h]
provider = s5h.net
match = \bs5h\.net\b
title = Listed on the s5h.net blocklist
explanation = The IP is listed on all.s5h.net, a small blocklist fed by spam
  traps.
advice = Stop the spam source and use the removal form on the list's web
  site. Inbound: consider whether a small list should reject on its own;
  use it for scoring rather than outright rejects.

[dnsbl-generic]
provider = DNS blocklist
match = \bblocked using\s+\S+
match = \blisted (?:at|on|in|by)\b
match = \b(?:RBL|DNSBL)\b
match = \bblack\s?list(?:ed)?\b|\bblock\s?list(?:ed)?\b
title = Rejected because of a DNS blocklist
explanation = The client IP or a domain is on a DNS blocklist that the
  receiving server consults.
advice = Outbound: find the list named in the reply, look up the IP on its
  web site, fix the cause (spam, compromised account, no PTR) and follow
  its removal procedure. Inbound: if a legitimate client is blocked,
  exempt it before the check (check_client_access, postscreen_access_list,
  or an Exim ACL accept before the dnslists condition).

# ---- Authentication: SPF, DKIM, DMARC -----------------------------------

[dmarc-reject-out]
provider = DMARC
dir = out
match = \bDMARC\b.{0,60}\b(?:fail|reject|policy|quarantine)
match = \bp=reject\b
title = Refused by the recipient's DMARC check
explanation = The From: domain publishes a DMARC policy that asks receivers
  to reject mail that fails it, and this message had neither an aligned
  SPF pass nor an aligned DKIM signature.
advice = For your own domain: sign with DKIM for the From: domain and list
  this server in SPF; read the aggregate reports (rua=) to find failing
  sources. For forwarded or list mail: use SRS, do not modify signed
  messages, or rewrite the From: of list posts (Mailman's DMARC
  mitigation).
url = https://www.rfc-editor.org/rfc/rfc7489

[dmarc-reject-in]
provider = DMARC
dir = in
match = \bDMARC\b.{0,60}\b(?:fail|reject|policy|quarantine)
match = \bp=reject\b
title = Your server rejected a message on DMARC
explanation = The DMARC filter (OpenDMARC, rspamd) refused a message whose
  From: domain asks for rejection and which failed both SPF and DKIM.
advice = Usually correct. If a legitimate forwarder or mailing list is hit,
  trust its ARC seals or exempt it in the filter's configuration (for
  OpenDMARC, IgnoreHosts) rather than disabling the check.
url = https://www.rfc-editor.org/rfc/rfc7489

# x.7.23 is "SPF validation failed" (RFC 7372); Gmail's 4.7.23 means a
# missing PTR and is taken by gmail-ptr above.
[spf-fail-out]
provider = SPF
dir = out
match = \bSPF\b.{0,20}\b(?:hard|soft)?fail
match = does not designate \S+ as permitted sender
match = not permitted by (?:the )?SPF|openspf\.(?:net|org)/Why|\bspf=fail
match = Sender address rejected:.{0,60}\bSPF\b
match = \b5\.7\.23\b
title = Refused: SPF does not allow this server
explanation = The envelope sender's domain has an SPF record that does not
  include the IP this server sent from, and the receiver rejects on SPF
  failure.
advice = Add the server's public addresses to the domain's SPF record
  (ip4:, ip6: or include: of your relay) and wait for the DNS TTL. If the
  server forwards mail for other domains, rewrite the envelope sender
  with SRS (postsrsd for Postfix).
url = https://www.rfc-editor.org/rfc/rfc7208

[spf-fail-in]
provider = SPF
dir = in
match = \bSPF\b.{0,20}\b(?:hard|soft)?fail
match = does not designate \S+ as permitted sender
match = not permitted by (?:the )?SPF|openspf\.(?:net|org)/Why|\bspf=fail
match = Sender address rejected:.{0,60}\bSPF\b
match = \b5\.7\.23\b
title = Your server rejected a client on SPF
explanation = The SPF policy service (policyd-spf, rspamd, Exim's spf
  condition) found that the sender's domain does not allow the client's
  IP.
advice = Usually correct. If a legitimate sender is affected, their SPF
  record is missing a server; tell them, and meanwhile whitelist the
  client in the SPF policy (policyd-spf Whitelist / skip_addresses).
  Forwarders to you need SRS.
url = https://www.rfc-editor.org/rfc/rfc7208

[dkim-fail]
provider = DKIM
match = \bDKIM\b.{0,40}\b(?:fail\w*|invalid|did not verify|not verify|bad signature|body hash)
match = \bdkim=fail\b
title = DKIM signature missing or not valid
explanation = The receiving server required a valid DKIM signature and this
  message's signature failed: missing key in DNS, wrong key, or a message
  changed after signing.
advice = Outbound: check the selector's TXT record (dig TXT
  selector._domainkey.example.com) against the signing key, and sign after
  every filter that adds footers or rewrites headers. Inbound: a failure
  on forwarded or list mail is expected; exempt the forwarder rather than
  dropping DKIM checks.
url = https://www.rfc-editor.org/rfc/rfc6376

# ---- TLS -----------------------------------------------------------------

[tls-required-out]
provider = TLS
dir = out
match = Must issue a STARTTLS command first
match = \b(?:TLS|STARTTLS|encryption)\b.{0,15}\b(?:is )?required\b
match = \brequires?\b.{0,10}\b(?:TLS|STARTTLS|encrypt\w*)\b
title = The receiving server requires TLS
explanation = The remote server refused to go on without STARTTLS, and this
  server did not start TLS (not enabled, or the TLS handshake failed).
advice = Enable opportunistic TLS for the SMTP client: Postfix
  smtp_tls_security_level = may with smtp_tls_CAfile; Exim tries
  STARTTLS by default (check tls_require_ciphers and hosts_avoid_tls);
  Sendmail needs STARTTLS support and client certificates configured. Look
  for TLS errors in the same delivery.

[tls-required-in]
provider = TLS
dir = in
match = Must issue a STARTTLS command first
match = \b(?:TLS|STARTTLS|encryption)\b.{0,15}\b(?:is )?required\b
title = A client did not use TLS where your server requires it
explanation = Your server demands STARTTLS (Postfix
  smtpd_tls_security_level = encrypt) and a client sent without it.
advice = On the submission port this is right: the user's mail program must
  use STARTTLS or port 465. On port 25 (MX) requiring TLS rejects
  legitimate servers; set smtpd_tls_security_level = may there.

# ---- Greylisting and rate limits ----------------------------------------

[greylist-out]
provider = Greylisting
dir = out
class = 4
match = \bgr[ae]y-?list\w*|postgrey
title = Greylisted by the receiving server
explanation = The receiver refuses the first attempt from an unknown
  client/sender/recipient triple and accepts a retry after a few minutes.
advice = Nothing to do: the queue retries and the next attempt goes
  through. Do not flush the queue repeatedly. If retries come from
  different IPs of a sending pool, ask the receiver to whitelist the
  pool.

[greylist-in]
provider = Greylisting
dir = in
class = 4
match = \bgr[ae]y-?list\w*|postgrey
title = Your server greylisted a client
explanation = Your greylisting policy (postgrey, rspamd, an Exim ACL)
  deferred a first attempt; a proper mail server retries.
advice = Normal. For partners whose retries come from changing IPs (large
  providers' pools), add them to the whitelist, e.g.
  /etc/postgrey/whitelist_clients.local, and reload.

[rate-limit-out]
provider = Rate limit
dir = out
match = \brate\s?limit\w*|\bthrottl\w*|\btoo many (?:connections|messages|concurrent\w*|sessions)\b
match = \bconnection limit\b|\bsending rate\b|\bexceeded\b.{0,30}\brate\b
title = The receiving server limits this server's rate
explanation = Too many connections or messages in too short a time from this
  IP or sender for the receiver's limits.
advice = Let the queue retry. Slow down towards that destination: Postfix
  smtp_destination_concurrency_limit and default_destination_rate_delay
  (or a dedicated transport for the domain), Exim remote_max_parallel and
  a serialize_hosts, Sendmail confMAX_QUEUE_CHILDREN. Check that no
  account is sending far more than usual.

[rate-limit-in]
provider = Rate limit
dir = in
match = \brate\s?limit\w*|\bthrottl\w*|\btoo many (?:connections|messages|concurrent\w*|sessions)\b
match = \bconnection limit\b|\bsending rate\b|\bexceeded\b.{0,30}\brate\b|\bratelimited\b
title = Your server rate-limited a client
explanation = A client exceeded your connection or message rate limits
  (Postfix anvil, Exim's ratelimit ACL condition).
advice = Usually a bulk sender or a spam bot. If a legitimate relay is
  hit, raise its limit or exempt it (Postfix
  smtpd_client_event_limit_exceptions, Exim a ratelimit exception in the
  ACL).

# ---- Recipient ----------------------------------------------------------

[mailbox-full]
provider = Mailbox
match = \bmailbox (?:is )?full\b|\bover ?quota\b|\bquota (?:exceeded|exceed)|\bexceeded\b.{0,20}\bquota\b
match = \bmailbox size limit\b|\bOverQuota\b|\bmailbox (?:has )?exceeded\b
title = Recipient's mailbox is full
explanation = The recipient has used up their storage quota.
advice = If the delivery went to your own users (relay=local, lmtp or
  dovecot): raise the quota or have the user clean up. For a remote
  recipient: a 4xx is retried until the queue lifetime ends
  (maximal_queue_lifetime, 5 days by default); after a 5xx, reach the
  person another way.

[user-unknown-table]
provider = Postfix
dir = in
match = User unknown in (?:local recipient|virtual mailbox|virtual alias|relay recipient) table
title = Your server rejected an address it does not know
explanation = Postfix has no such recipient in local_recipient_maps,
  virtual_mailbox_maps, virtual_alias_maps or relay_recipient_maps.
advice = If the address is real, add it to the right map (and run postmap
  on it) or alias it; check that the map is listed in main.cf. Many
  rejects for random names are dictionary attacks and need no action.
url = https://www.postfix.org/LOCAL_RECIPIENT_README.html

# ---- Size -----------------------------------------------------------------

[size-out]
provider = Message size
dir = out
match = \bmessage (?:size )?exceeds\b|\b(?:message|mail) (?:is )?too (?:large|big)\b
match = \bsize limit\b|\bmessage file too big\b|\bexceeds\b.{0,25}\bsize\b
title = Message too large for the receiver
explanation = The receiving server's size limit is smaller than this message
  (attachments grow by a third when encoded).
advice = Tell the sender to send a link instead of the file. Keep your own
  limit (Postfix message_size_limit, Exim message_size_limit) at what
  large receivers accept, so users get the error at once.

[size-in]
provider = Message size
dir = in
match = \bmessage (?:size )?exceeds\b|\b(?:message|mail) (?:is )?too (?:large|big)\b
match = \bsize limit\b|\bexceeds\b.{0,25}\bsize\b
title = Your server refused a message as too large
explanation = A client sent a message larger than your limit (Postfix
  message_size_limit, default 10240000 bytes; Exim message_size_limit).
advice = Raise the limit if such messages are wanted (and the mailbox
  quota allows them), e.g. postconf -e message_size_limit=52428800; with
  Dovecot LMTP delivery check its quota too.

# ---- DNS names: PTR, HELO ------------------------------------------------

[rdns-out]
provider = Reverse DNS
dir = out
match = cannot find your (?:reverse )?hostname|\breverse (?:DNS|lookup|hostname|mapping)\b
match = \b(?:rDNS|PTR)\b|\bno PTR\b
title = Receiver refused this server: bad or missing reverse DNS
explanation = The sending IP has no PTR record, or the PTR name does not
  resolve back to the same IP.
advice = Have the owner of the IP (hosting provider, ISP) set the PTR record
  to the server's name, give that name an A/AAAA record with the same
  address, and use it as HELO (Postfix myhostname, Exim
  primary_hostname or helo_data, Sendmail confDOMAIN_NAME).

[rdns-in]
provider = Reverse DNS
dir = in
match = cannot find your (?:reverse )?hostname|\breverse (?:DNS|lookup|hostname|mapping)\b
match = \b(?:rDNS|PTR)\b|\bno PTR\b
title = Your server rejected a client without valid reverse DNS
explanation = reject_unknown_client_hostname (or a similar check) found no
  PTR for the client, or a PTR name that does not resolve back to its IP.
  A 450 means the DNS lookup failed temporarily.
advice = Reasonable for port 25, but it also stops small legitimate
  servers; reject_unknown_reverse_client_hostname (PTR exists at all) is
  gentler. Exempt known clients with check_client_access before the
  check. Frequent 450s can mean your own resolver is failing.

[helo-out]
provider = HELO
dir = out
match = Helo command rejected|\bneed fully-qualified hostname\b
match = \b(?:invalid|bad|illegal|forged|fake|bogus)\b.{0,10}\b(?:HELO|EHLO)\b
match = \b(?:HELO|EHLO)\b.{0,40}\b(?:rejected|invalid|not (?:a )?(?:valid|fully)|FQDN)\b
title = Receiver refused this server's HELO name
explanation = The name this server announces in HELO/EHLO is not a fully
  qualified domain name, does not resolve, or looks forged (for example
  localhost or the receiver's own name).
advice = Set a real, resolvable name that matches the PTR record: Postfix
  myhostname (or smtp_helo_name), Exim primary_hostname or the smtp
  transport's helo_data, Sendmail confDOMAIN_NAME. Check with postconf
  myhostname and a DNS lookup of the name.

[helo-in]
provider = HELO
dir = in
match = Helo command rejected|\bneed fully-qualified hostname\b
match = \b(?:invalid|bad|illegal|forged|fake|bogus)\b.{0,10}\b(?:HELO|EHLO)\b
match = \b(?:HELO|EHLO)\b.{0,40}\b(?:rejected|invalid|not (?:a )?(?:valid|fully)|FQDN)\b
title = Your server rejected a client's HELO name
explanation = A HELO check (reject_invalid_helo_hostname,
  reject_non_fqdn_helo_hostname, reject_unknown_helo_hostname) refused
  the name the client announced.
advice = Mostly spam bots. Devices on your network with bad names (printers,
  scanners) should submit with authentication on port 587, or be listed
  in mynetworks with permit_mynetworks before the HELO checks.

# ---- Relaying -------------------------------------------------------------

[relay-denied-out]
provider = Relay
dir = out
match = Relay access denied|Relaying denied|relay not permitted|Unable to relay
match = \brelaying\b.{0,10}\b(?:not allowed|not permitted|prohibited|denied)\b|\bwe do not relay\b
title = The remote server refused to relay
explanation = The server this message went to is not responsible for the
  recipient domain and will not forward it for this server: a wrong MX or
  transport, or a smarthost that needs authentication.
advice = Check where the domain was sent (relay= in the log): if it is your
  relayhost, configure SMTP AUTH for it (smtp_sasl_auth_enable,
  smtp_sasl_password_maps) or have your IP allowed; if it is a transport
  or MX entry, fix the routing; if it is the domain's MX, their
  configuration lacks the domain.

[relay-denied-in]
provider = Relay
dir = in
match = Relay access denied|Relaying denied|relay not permitted|Unable to relay
match = \brelaying\b.{0,10}\b(?:not allowed|not permitted|prohibited|denied)\b|\bwe do not relay\b
title = Your server refused to relay for a client
explanation = A client asked your server to deliver to a domain it does not
  host, without being trusted (not in mynetworks, not authenticated).
advice = For strangers this is correct (relay probes). For your own users,
  have them authenticate on port 587 (SASL, permit_sasl_authenticated in
  smtpd_relay_restrictions); for your own hosts, add them to mynetworks
  (Exim relay_from_hosts). If the domain is yours, add it to
  mydestination, virtual_mailbox_domains or relay_domains.
url = https://www.postfix.org/SMTPD_ACCESS_README.html

# ---- Content ------------------------------------------------------------

[spam-content-out]
provider = Content filter
dir = out
match = (?<![@.\w-])spam\b(?![@-]|\.\w)|spamassassin|rspamd|\bjunk mail\b|\bcontent (?:rejected|filter\w*)\b
title = The receiver's content filter judged the message spam
explanation = A spam filter (SpamAssassin, rspamd or a commercial one) at the
  receiver scored this message too high.
advice = Look at the message: links to listed domains, URL shorteners,
  attachments, missing authentication. Make sure SPF, DKIM and DMARC pass,
  check the body's domains at check.spamhaus.org, and ask the recipient's
  postmaster for the filter result if it keeps happening.

[spam-content-in]
provider = Content filter
dir = in
match = (?<![@.\w-])spam\b(?![@-]|\.\w)|spamassassin|rspamd|\bjunk mail\b|\bcontent (?:rejected|filter\w*)\b
title = Your content filter rejected a message
explanation = Your spam filter (rspamd, SpamAssassin via a milter or Exim's
  spam condition) or a header_checks/body_checks rule refused it.
advice = Usually right. For a false positive, find the score and symbols in
  the filter's log, whitelist the sender or lower a rule's weight, and
  check header_checks/body_checks for a rule that is too broad.

# ---- Fallbacks (keep last) ----------------------------------------------
# Microsoft's generic policy replies come after the specific texts above,
# so that a Spamhaus listing or spam verdict seen at Microsoft is named
# as such.

[microsoft-policy]
provider = Microsoft 365
dir = out
match = \bAS\(\d{3,}\)
match = \.protection\.outlook\.com\b.*\b5\.7\.\d+\b
title = Microsoft 365 / Exchange Online policy rejection
explanation = Exchange Online Protection refused the message; the "AS(...)"
  number names the internal rule, and the enhanced code the category.
advice = Look up the enhanced code in Microsoft's list of Exchange Online
  non-delivery codes. If it concerns the sending IP, request delisting at
  sender.office.com; if it concerns the recipient, ask their
  administrator, who can trace the message in the Exchange admin center.
url = https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online

[try-again-later]
provider = Temporary refusal
dir = out
class = 4
code = 450, 451
enh = 4.7.1, 4.2.0, 4.7.0
match = \btry (?:again )?later\b|\bcome back later\b|\btemporarily (?:rejected|deferred|refused)\b
title = Temporary refusal, often greylisting
explanation = The receiver asked this server to come back later without a
  reason; with 450/451 4.7.1 or 4.2.0 this is typically greylisting or a
  soft reputation check.
advice = Let the queue retry: the message is delivered on a later attempt.
  If the same destination defers for hours, check this server's IP on
  the blocklists and its PTR record, and contact that postmaster.
