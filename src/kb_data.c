/*
 * kb_data.c - the text of the knowledge base.
 *
 * This file is not a module and is not compiled on its own: kb.c includes
 * it, so every table stays static and the rest of the program reaches the
 * text only through kb_basic(), kb_enhanced(), kb_*_table() and
 * kb_explain(). Build systems list it as a header-like source
 * (noinst_HEADERS / EXTRA_DIST), never in a _SOURCES line.
 *
 *   kb_basic_tab     basic reply codes (RFC 5321, 3207, 4954, 1985, 7504),
 *                    sorted by code
 *   kb_enh_tab       subject.detail of the IANA "SMTP Enhanced Status
 *                    Codes" registry, sorted numerically by subject, then
 *                    detail ("X.1.9" before "X.1.10")
 *   kb_subject_tab   one generic text per subject 0..7, for details the
 *                    registry does not define
 *   kb_class_tab     one generic text per reply class 2..5, and one for
 *                    an event with no usable code at all
 *   kb_stage_tab     readings that depend on the SMTP stage (550 at RCPT,
 *                    554 at the greeting, ...)
 *
 * Every field of every entry is a non-empty string. fix_in is advice for
 * the administrator whose server sent the code to a client; fix_out for
 * the administrator whose server received the code while delivering.
 * All text is original to this project.
 */

/* A reading that depends on where in the session a code was seen. */
struct kb_stage {
	int code;            /* basic code, e.g. 550 */
	int stage;           /* enum event_stage */
	int subject, detail; /* enhanced code to match; -1: none/X.0.0 */
	const struct kb_entry *e;
};

/* The tables are laid out by hand, one field a line group. */
/* clang-format off */
static const struct kb_entry kb_basic_tab[] = {
	{ "211", N_("System status"),
	  N_("A status report about the server itself, or a reply to a request "
	     "for system help. It carries information only; nothing failed."),
	  N_("In answer to HELP with an argument or to server-specific status "
	     "commands. Few MTAs send it and it rarely shows in delivery logs."),
	  N_("Nothing to fix. Many such replies to one client usually mean a "
	     "scanner is probing your server's capabilities."),
	  N_("Nothing to fix; the remote server answered an informational "
	     "command.") },
	{ "214", N_("Help message"),
	  N_("Free-form help text meant for a person typing the SMTP dialogue "
	     "by hand, not for a program."),
	  N_("In answer to HELP, typically during a manual test with telnet, nc "
	     "or swaks."),
	  N_("Nothing to fix. If you prefer not to reveal the software name, "
	     "keep it out of the help text and the banner."),
	  N_("Nothing to fix; MTAs do not send HELP on their own, so this comes "
	     "from someone testing by hand.") },
	{ "220", N_("Service ready"),
	  N_("The server's greeting: it is ready for the SMTP dialogue. After "
	     "STARTTLS the same code means the TLS handshake may start."),
	  N_("As the first line of every session, before EHLO, and as the "
	     "answer to STARTTLS."),
	  N_("Nothing to fix. Keep the host name in the banner (Postfix "
	     "smtpd_banner and myhostname, Exim smtp_banner) a real name that "
	     "resolves to this machine; it makes other people's debugging "
	     "easier."),
	  N_("Nothing to fix. If sessions stall right after this line, look at "
	     "the EHLO or STARTTLS step that follows it.") },
	{ "221", N_("Closing connection"),
	  N_("The server ends the session in an orderly way and is about to "
	     "close the TCP connection."),
	  N_("Normally in answer to QUIT. Some servers also send it after "
	     "refusing a client, as a last word before hanging up."),
	  N_("Nothing to do after a normal QUIT. Many sessions that end with "
	     "221 and carry no message are probes or clients that gave up "
	     "after a refusal; the earlier replies of the session tell which."),
	  N_("Nothing to do. When a session ends without a message accepted, "
	     "the reason is in an earlier reply of the same session.") },
	{ "235", N_("Authentication succeeded"),
	  N_("The SMTP AUTH exchange (RFC 4954) finished and the client is now "
	     "logged in; usually sent with enhanced code 2.7.0."),
	  N_("At the end of AUTH, mostly on the submission ports 587 and 465."),
	  N_("Nothing to fix. A successful login from an unfamiliar network or "
	     "followed by a burst of mail can mean a stolen password: compare "
	     "with the user's usual pattern and rate-limit submission."),
	  N_("Nothing to fix; our client logged in to the relay or smarthost.") },
	{ "250", N_("Requested action completed"),
	  N_("The command succeeded. After the final dot of DATA it means the "
	     "receiving server has taken responsibility for the message."),
	  N_("In answer to EHLO, HELO, MAIL FROM, RCPT TO, RSET and NOOP, and "
	     "at the end of the message data, where it usually carries a queue "
	     "ID."),
	  N_("Nothing to fix. The queue ID in the reply lets you follow the "
	     "message through the rest of your own log."),
	  N_("Nothing to fix: the next hop has the message. If the recipient "
	     "says it never arrived, have them check their spam folder and "
	     "give the receiving site the queue ID from this reply.") },
	{ "251", N_("User not local; will forward"),
	  N_("The recipient is accepted, but this server is not its final "
	     "destination and will pass the message on by itself."),
	  N_("In answer to RCPT TO on servers that forward for moved users; "
	     "rare today."),
	  N_("Nothing to fix. If forwarding was not intended, look at the alias "
	     "and forward entries for that address."),
	  N_("Nothing to fix; the remote server forwards the message on its "
	     "own.") },
	{ "252", N_("Cannot verify user, will attempt delivery"),
	  N_("The server will not say whether the address exists, but will "
	     "accept mail for it and try to deliver."),
	  N_("In answer to VRFY on servers that keep their user list private "
	     "to defeat address harvesting."),
	  N_("Nothing to fix; it is a sensible answer to VRFY. Postfix can "
	     "refuse VRFY entirely with disable_vrfy_command = yes."),
	  N_("Nothing to fix. To find out whether an address works, send a "
	     "real message or ask the site's postmaster; VRFY will not tell.") },
	{ "334", N_("Authentication challenge"),
	  N_("An intermediate step of SMTP AUTH: the server sends a base64 "
	     "challenge, possibly empty, and waits for the client's answer."),
	  N_("After AUTH with a mechanism such as LOGIN, CRAM-MD5, or PLAIN "
	     "without an initial response."),
	  N_("Nothing to fix. Sessions that stop right after it mean the client "
	     "did not answer; many of them from one address are usually "
	     "password guessing, worth blocking with fail2ban or rate limits."),
	  N_("Nothing to fix. If our client stalls here, check which mechanism "
	     "it picked (Postfix smtp_sasl_mechanism_filter).") },
	{ "354", N_("Start mail input"),
	  N_("The server is ready for the message: the client sends headers "
	     "and body and ends with a line holding a single dot."),
	  N_("In answer to DATA, once at least one recipient was accepted."),
	  N_("Nothing to fix. A timeout right after 354 means the client or "
	     "the network dropped during the upload; look at smtpd_timeout and "
	     "at MTU or firewall trouble on the client's path."),
	  N_("Nothing to fix. A timeout right after 354 while we send usually "
	     "points at the network path: MTU problems, or a firewall or proxy "
	     "that inspects SMTP.") },
	{ "421", N_("Service not available, closing connection"),
	  N_("The server cannot serve this session now and closes it. The "
	     "condition is temporary: the sender keeps the message and tries "
	     "again later."),
	  N_("At the greeting or after any command: the server is shutting "
	     "down, overloaded, or limiting this client for too many "
	     "connections, errors or messages."),
	  N_("Find which limit fired in the lines before it: Postfix "
	     "smtpd_client_connection_count_limit, "
	     "smtpd_client_connection_rate_limit, smtpd_hard_error_limit or "
	     "the process limit in master.cf; Exim smtp_accept_max and "
	     "smtp_accept_max_per_host. Raise it for legitimate senders, keep "
	     "it for abusive ones."),
	  N_("Usually nothing: the message stays queued and is retried. If one "
	     "destination keeps answering 421, send more gently: lower "
	     "smtp_destination_concurrency_limit or set "
	     "smtp_destination_rate_delay for it (Exim: remote_max_parallel, "
	     "serialize_hosts), and check whether the text complains about "
	     "your IP's reputation.") },
	{ "432", N_("Password transition needed"),
	  N_("RFC 4954, with enhanced code 4.7.12: the user must change or "
	     "re-enter the password before this mechanism can be used, "
	     "typically because the stored credential does not suit it."),
	  N_("In answer to AUTH; rare in practice."),
	  N_("Have the user log in once with a plain mechanism over TLS, or "
	     "reset the password, so the server can store the credential form "
	     "the mechanism needs."),
	  N_("Log in to the provider account through its normal interface or "
	     "reset the password, then put the new one in "
	     "smtp_sasl_password_maps (and run postmap).") },
	{ "450", N_("Mailbox unavailable (temporary)"),
	  N_("The action on this mailbox was not taken for now: the mailbox is "
	     "busy, or a temporary policy check did not pass. The sender is "
	     "expected to try again later."),
	  N_("Mostly at RCPT TO: greylisting, a recipient check that could not "
	     "be completed, or a client whose reverse DNS does not resolve "
	     "(Postfix answers 450 for several such checks)."),
	  N_("Find which check produced it: greylisting is expected and clears "
	     "on the next attempt; 'cannot find your hostname' comes from "
	     "reject_unknown_client_hostname; 'address verification failed' "
	     "from reject_unverified_recipient. Exempt legitimate senders that "
	     "keep being deferred."),
	  N_("Usually nothing: the message is retried and greylisting clears "
	     "after one or two attempts. If it never clears, check that mail "
	     "leaves from a stable set of IPs and that the sending IP has a "
	     "PTR record matching its forward name.") },
	{ "451", N_("Local error in processing"),
	  N_("The server ran into a problem on its own side and abandoned the "
	     "command. It is temporary; a later attempt should work."),
	  N_("After any command, often RCPT TO or the end of DATA: a lookup "
	     "table, content filter, virus scanner or database was "
	     "unreachable. Some sites also greylist with 451 4.7.1."),
	  N_("Your server has a problem: read the warnings just before this "
	     "line (Postfix 'warning:' lines, Exim paniclog). Usual suspects are "
	     "a milter or content filter that is down, an unreachable LDAP or "
	     "SQL map, or a failing DNS resolver."),
	  N_("The fault is at the receiving site and the message is retried "
	     "automatically. If it still fails after a day, send the full "
	     "reply text to that domain's postmaster.") },
	{ "452", N_("Insufficient system storage"),
	  N_("The server cannot take more right now for lack of resources: "
	     "disk space, or it has already accepted as many recipients as it "
	     "will in one transaction."),
	  N_("At MAIL FROM or RCPT TO (low disk, or 'too many recipients' with "
	     "4.5.3), or at the end of DATA."),
	  N_("If the disk is short, free space on the queue file system "
	     "(Postfix queue_minfree, Exim check_spool_space). For 'too many "
	     "recipients' the client went over smtpd_recipient_limit (Exim "
	     "recipients_max); a correct client sends the rest in a new "
	     "transaction."),
	  N_("For 'too many recipients' the others are retried in a later "
	     "transaction; to save the round trips, lower "
	     "smtp_destination_recipient_limit for that destination (Exim: "
	     "max_rcpt on the smtp transport). For a storage shortage, wait: "
	     "only the receiver can fix it.") },
	{ "454", N_("Temporary authentication or TLS failure"),
	  N_("A service needed for the security step is unavailable for now: "
	     "the authentication back end failed (RFC 4954, 4.7.0) or TLS "
	     "cannot be started at the moment (RFC 3207)."),
	  N_("In answer to AUTH or STARTTLS. Postfix also says 454 4.7.1 'Relay "
	     "access denied' when its relay check defers instead of rejecting."),
	  N_("Check the SASL back end (Dovecot auth socket, saslauthd) and the "
	     "certificate and key named by smtpd_tls_cert_file and "
	     "smtpd_tls_key_file; the warnings around the line say which. For "
	     "'Relay access denied', the client is neither in mynetworks nor "
	     "logged in."),
	  N_("It is retried automatically. If it persists, test the peer with "
	     "'openssl s_client -starttls smtp -connect host:25'; if the peer "
	     "is our relay, check our entry in smtp_sasl_password_maps.") },
	{ "455", N_("Server unable to accommodate parameters"),
	  N_("The server understood the parameters given with MAIL FROM or "
	     "RCPT TO but cannot honour them at the moment."),
	  N_("In answer to MAIL FROM or RCPT TO carrying ESMTP parameters such "
	     "as SIZE or the DSN options."),
	  N_("Look at the warnings near the line to see which parameter could "
	     "not be handled; the client normally retries later."),
	  N_("Retried automatically; if it lasts, the receiver has a problem. "
	     "As a workaround, make our client ignore that extension for this "
	     "destination (Postfix smtp_discard_ehlo_keyword_address_maps).") },
	{ "458", N_("Unable to queue messages for node"),
	  N_("The server could not start a queue run for the domain named in "
	     "an ETRN command (RFC 1985)."),
	  N_("In answer to ETRN, sent by sites that fetch their mail from a "
	     "backup MX once they are back online."),
	  N_("Postfix flushes only domains listed in fast_flush_domains; add "
	     "the domain there, and check that the flush service in master.cf "
	     "is running."),
	  N_("The backup MX cannot flush our domain now. Ask its administrator "
	     "to enable ETRN for it, or wait for its normal retry schedule.") },
	{ "459", N_("Node not allowed"),
	  N_("An ETRN request (RFC 1985) was refused: this client may not ask "
	     "for that domain's queue to be flushed."),
	  N_("In answer to ETRN for a domain the server does not hold mail for, "
	     "or from a client it does not trust."),
	  N_("If the request is legitimate, allow it in smtpd_etrn_restrictions "
	     "and list the domain in fast_flush_domains."),
	  N_("Ask the backup MX's administrator to allow ETRN for our domain "
	     "from our address.") },
	{ "500", N_("Syntax error, command unrecognized"),
	  N_("The server could not make sense of the command line: an unknown "
	     "verb, bad syntax or a line over the length limit. RFC 4954 also "
	     "uses 500 5.5.6 for an AUTH line that is too long."),
	  N_("At any point of the session; typical sources are scanners, "
	     "clients speaking HTTP or TLS to the plain SMTP port, and "
	     "firewalls that rewrite the dialogue."),
	  N_("Usually not your problem: look at the client address, single "
	     "garbage lines from scanners are noise. If a real mail program "
	     "triggers it, record the session (Postfix debug_peer_list) to see "
	     "what it sends."),
	  N_("Our client sent something the peer did not understand. Check the "
	     "command in the log; an SMTP-inspecting firewall (Cisco "
	     "'fixup smtp' and similar) that mangles commands is a classic "
	     "cause.") },
	{ "501", N_("Syntax error in parameters or arguments"),
	  N_("The command is known but its argument is malformed: an address "
	     "without angle brackets, an invalid HELO name, broken base64 in "
	     "AUTH."),
	  N_("In answer to HELO/EHLO, MAIL FROM, RCPT TO or AUTH. Postfix sends "
	     "501 for invalid HELO names (reject_invalid_helo_hostname) and "
	     "bad address syntax."),
	  N_("The client sends malformed commands. When it is one of your own "
	     "devices (printer, scanner, old application), correct its sender "
	     "address or HELO name instead of loosening the check."),
	  N_("Check what our side sends: the HELO name (Postfix smtp_helo_name, "
	     "by default myhostname) must be a valid host name and envelope "
	     "addresses must be well formed; an application passing an odd "
	     "sender is the usual culprit.") },
	{ "502", N_("Command not implemented"),
	  N_("The server knows the command but does not offer it, or has "
	     "switched it off."),
	  N_("In answer to VRFY, EXPN, TURN, HELP and other optional commands "
	     "a site may leave out; Postfix also answers 502 5.5.2 to commands "
	     "it does not know."),
	  N_("Nothing to fix if the command was disabled on purpose (Postfix "
	     "disable_vrfy_command). Frequent hits from one address are "
	     "usually a scanner."),
	  N_("Do not depend on that command: use only what the peer lists in "
	     "its EHLO reply.") },
	{ "503", N_("Bad sequence of commands"),
	  N_("The command came at the wrong point of the dialogue, such as DATA "
	     "while no recipient has been accepted, or a second MAIL inside an "
	     "open transaction."),
	  N_("At MAIL, RCPT, DATA or AUTH. Often a consequence of an earlier "
	     "refusal: every RCPT was rejected, so DATA gets 503. Also sent to "
	     "AUTH when authentication is not offered."),
	  N_("Read the earlier replies of the session: the real refusal usually "
	     "comes before the 503. For AUTH, check smtpd_sasl_auth_enable and "
	     "smtpd_tls_auth_only (with it set, AUTH appears only after "
	     "STARTTLS)."),
	  N_("Look at the peer's previous replies; the 503 follows the actual "
	     "rejection. If the peer wants a login first, set "
	     "smtp_sasl_auth_enable and the credentials.") },
	{ "504", N_("Command parameter not implemented"),
	  N_("The command is supported but not with this parameter, for example "
	     "an AUTH mechanism the server does not know (RFC 4954, 5.5.4)."),
	  N_("In answer to AUTH, or to HELO, MAIL or RCPT: Postfix uses 504 "
	     "(non_fqdn_reject_code) for host names and addresses that are not "
	     "fully qualified (reject_non_fqdn_helo_hostname, "
	     "reject_non_fqdn_sender, reject_non_fqdn_recipient)."),
	  N_("For 'need fully-qualified hostname/address' the client sends a "
	     "bare name like 'localhost' or 'user@server'; it must send a full "
	     "domain name. For AUTH, compare the mechanism with what your EHLO "
	     "reply offers (smtpd_sasl_security_options)."),
	  N_("Give our side full names: set myhostname (or smtp_helo_name) to a "
	     "real FQDN and make sure envelope senders carry a proper domain "
	     "(myorigin, masquerade_domains). For AUTH, limit our client to "
	     "mechanisms the relay offers (smtp_sasl_mechanism_filter).") },
	{ "521", N_("Host does not accept mail"),
	  N_("RFC 7504: this host never accepts mail, so retrying here is "
	     "pointless. It takes the place of the 220 greeting."),
	  N_("At connection, from hosts that run an SMTP listener only to turn "
	     "everyone away, such as web servers or the targets of a null MX."),
	  N_("Send it only from hosts that must not receive mail; if real "
	     "senders reach it, your MX records point at the wrong machine."),
	  N_("The host is not meant to receive mail. Check the domain's MX "
	     "records (dig mx domain): with no MX and an A record pointing at a "
	     "web server, the address cannot receive mail and the sender needs "
	     "another one.") },
	{ "530", N_("Authentication required"),
	  N_("The server refuses the command until the client logs in (RFC "
	     "4954, 5.7.0) or starts TLS (RFC 3207, 'Must issue a STARTTLS "
	     "command first')."),
	  N_("At MAIL FROM or RCPT TO on submission ports and on relays that "
	     "demand AUTH or TLS."),
	  N_("Expected for clients that try to send without logging in: set "
	     "the mail client up for authenticated submission on port 587 or "
	     "465. Never demand AUTH on port 25 from other MTAs, or you refuse "
	     "ordinary inbound mail."),
	  N_("Our server must log in or use TLS: smtp_sasl_auth_enable = yes "
	     "with credentials in smtp_sasl_password_maps, and "
	     "smtp_tls_security_level = encrypt if the relay insists on TLS "
	     "(Exim: a client authenticator and hosts_require_auth).") },
	{ "534", N_("Authentication mechanism too weak"),
	  N_("The AUTH mechanism chosen is not strong enough for the server's "
	     "policy (RFC 4954, 5.7.9). Large providers also use it to demand "
	     "an application password or OAuth."),
	  N_("In answer to AUTH, for example PLAIN or LOGIN on an unencrypted "
	     "connection, or for accounts where password logins are switched "
	     "off."),
	  N_("Tell the user which mechanisms are allowed, or to turn on TLS in "
	     "the client; see smtpd_sasl_security_options and "
	     "smtpd_sasl_tls_security_options."),
	  N_("Use a stronger mechanism or encrypt first "
	     "(smtp_tls_security_level = encrypt). With large providers, "
	     "create an application-specific password or move to OAuth, as "
	     "their help pages describe.") },
	{ "535", N_("Authentication credentials invalid"),
	  N_("The user name or password sent with AUTH was not accepted (RFC "
	     "4954, 5.7.8)."),
	  N_("In answer to AUTH. Bursts of them from unknown addresses are "
	     "password-guessing attacks."),
	  N_("For one of your users, check the account and password in the "
	     "SASL back end (Dovecot, saslauthd) and whether the login name "
	     "needs the domain part. For many failures from strangers, block "
	     "them with fail2ban or rate limits: they are guessing."),
	  N_("Our credentials for the relay are wrong or expired. Correct the "
	     "entry in smtp_sasl_password_maps and run postmap; the key must "
	     "match relayhost exactly, brackets and port included. Exim: the "
	     "authenticator's client_send; Sendmail: the authinfo map.") },
	{ "538", N_("Encryption required for authentication mechanism"),
	  N_("The server allows this AUTH mechanism only on an encrypted "
	     "connection (RFC 4954, 5.7.11)."),
	  N_("In answer to AUTH sent before STARTTLS."),
	  N_("The client tried to log in in clear text; set it up for STARTTLS "
	     "on port 587 or implicit TLS on port 465."),
	  N_("Have our client start TLS before AUTH: smtp_tls_security_level = "
	     "encrypt for that relay, with smtp_sasl_tls_security_options as "
	     "needed.") },
	{ "550", N_("Mailbox unavailable"),
	  N_("The request was refused for good: the mailbox does not exist or "
	     "cannot be used, or policy forbids the action. It is the most "
	     "common permanent refusal; the text after the code says which."),
	  N_("Mostly at RCPT TO (unknown user, relaying refused), also at MAIL "
	     "FROM (sender refused), at connection (blocklists) and after DATA "
	     "(content refused)."),
	  N_("The reply text names the check that refused: unknown users "
	     "(local_recipient_maps, virtual_mailbox_maps, virtual_alias_maps), "
	     "blocklist hits (reject_rbl_client, postscreen_dnsbl_sites) or "
	     "access table entries. If it turned away legitimate mail, correct "
	     "the map or add an exception."),
	  N_("The message bounced; the reply text gives the reason. A missing "
	     "address: tell the sender and correct it. A blocklist naming your "
	     "IP: look it up there and ask for removal. A policy refusal: "
	     "contact the recipient's postmaster.") },
	{ "551", N_("User not local"),
	  N_("The recipient is not handled here; the server may name another "
	     "address to try. Rare today, and some servers misuse it to refuse "
	     "relaying."),
	  N_("In answer to RCPT TO."),
	  N_("Review your relay and forwarding settings; if you use it to point "
	     "at a user's new address, keep that hint current."),
	  N_("Give the sender the new address from the reply, if there is one. "
	     "If it reads like a relay refusal, check that we delivered to the "
	     "right MX for the domain.") },
	{ "552", N_("Exceeded storage allocation"),
	  N_("The request goes over a storage limit: the message is larger "
	     "than the server accepts, or the recipient's mailbox is full."),
	  N_("At MAIL FROM when the SIZE parameter announces too large a "
	     "message, or at the end of DATA; quota problems show at RCPT TO "
	     "or after DATA."),
	  N_("For size, compare with message_size_limit (same name in Postfix "
	     "and Exim) or Sendmail's MaxMessageSize and raise it if such mail "
	     "is wanted. For a full mailbox the user must clean up or get more "
	     "quota (mailbox_size_limit, virtual_mailbox_limit, Dovecot quota)."),
	  N_("If the message is too big, ask the sender to use a download link "
	     "or smaller attachments (encoding adds about a third to their "
	     "size). If the mailbox is full, only the recipient can fix it.") },
	{ "553", N_("Mailbox name not allowed"),
	  N_("The address is not acceptable: its syntax is wrong, or policy "
	     "refuses it, for example a sender address the logged-in user does "
	     "not own."),
	  N_("At MAIL FROM or RCPT TO; Postfix answers 553 5.7.1 for "
	     "reject_sender_login_mismatch."),
	  N_("Check the address for typos and stray characters. For login "
	     "mismatches, map the address to the user in "
	     "smtpd_sender_login_maps, or have them send as their own address."),
	  N_("Check the envelope sender we use (canonical maps, address "
	     "rewriting, the address the application passes); relays usually "
	     "require it to match the account we log in with.") },
	{ "554", N_("Transaction failed"),
	  N_("The transaction failed for good. Sent instead of the greeting it "
	     "means 'no SMTP service here' for this client, commonly because "
	     "of a blocklist or policy."),
	  N_("At the greeting (client refused outright), at RCPT TO (Postfix "
	     "'Relay access denied', access table and blocklist refusals) or "
	     "after DATA (spam or virus verdict)."),
	  N_("Find the restriction in the reply text: relay denied (client not "
	     "in mynetworks and not logged in; smtpd_relay_restrictions), a "
	     "blocklist (reject_rbl_client), access tables or the content "
	     "filter. Change the rule only if the client is legitimate."),
	  N_("Read the text. A named blocklist: look up your IP there and "
	     "follow its removal procedure. 'Relay access denied': the host we "
	     "delivered to does not handle that domain. Refused content: ask "
	     "the recipient's postmaster.") },
	{ "555", N_("MAIL/RCPT parameters not recognized"),
	  N_("The server does not know or support a parameter added to MAIL "
	     "FROM or RCPT TO, such as SIZE, BODY, SMTPUTF8 or the DSN "
	     "options."),
	  N_("In answer to MAIL FROM or RCPT TO, when the client uses an "
	     "extension the server did not advertise."),
	  N_("The client uses an extension you do not offer; expected if you "
	     "hid it on purpose (smtpd_discard_ehlo_keywords). A client that "
	     "ignores your EHLO list is buggy."),
	  N_("Our client sent a parameter the peer did not advertise, or "
	     "something on the path stripped its EHLO list. Look for "
	     "SMTP-aware firewalls; as a workaround, stop using the extension "
	     "for that destination (smtp_discard_ehlo_keywords).") },
	{ "556", N_("Domain does not accept mail"),
	  N_("RFC 7504: the recipient's domain receives no mail at all, usually "
	     "because it publishes a null MX (RFC 7505)."),
	  N_("Produced by the sending MTA or a relay at RCPT TO, with enhanced "
	     "code 5.1.10, when the domain's only MX is '.'."),
	  N_("Normally only relays produce it for outside domains; if your own "
	     "domain should receive mail, remove its null MX record."),
	  N_("The address can never receive mail. Tell the sender to use "
	     "another one and remove it from lists.") },
};

static const struct kb_entry kb_enh_tab[] = {
	/* X.0.x: other */
	{ "X.0.0", N_("Other or undefined status"),
	  N_("No more precise enhanced code applies, so the basic code and the "
	     "reply text carry the meaning. With class 2 it simply means "
	     "success."),
	  N_("With any reply; common in '250 2.0.0 Ok' after DATA and in "
	     "catch-all refusals such as '550 5.0.0'."),
	  N_("Your server used the catch-all code: the log lines just before "
	     "the reply tell which check or component produced it."),
	  N_("Go by the reply text, since the code gives no detail. If a "
	     "refusal is vague, ask the recipient's postmaster what it means.") },
	/* X.1.x: addressing */
	{ "X.1.0", N_("Other address status"),
	  N_("Something about an address, with no finer detail. With class 2 it "
	     "only confirms the address (Postfix answers '250 2.1.0 Ok' to "
	     "MAIL FROM)."),
	  N_("In answer to MAIL FROM or RCPT TO."),
	  N_("For a refusal, the text says which address check failed; review "
	     "your sender and recipient restrictions."),
	  N_("Check both the envelope sender and the recipient for typos and "
	     "syntax; the text should say which one was refused.") },
	{ "X.1.1", N_("Bad destination mailbox address"),
	  N_("The mailbox in the recipient address does not exist at the "
	     "destination: the domain is right but the part before the @ is "
	     "unknown."),
	  N_("At RCPT TO, sometimes after DATA on servers that accept first and "
	     "check later. Typical causes are typos, people who have left, and "
	     "stale list entries."),
	  N_("Often no action is needed: the sender mistyped or used an old "
	     "address. If the user should exist, check local_recipient_maps, "
	     "virtual_mailbox_maps, virtual_alias_maps and the aliases "
	     "(postmap -q address map), or the LDAP/SQL lookup behind them."),
	  N_("The address does not exist at the recipient's domain. Tell the "
	     "sender, check the address for typos and take it off mailing "
	     "lists; sending again will not help.") },
	{ "X.1.2", N_("Bad destination system address"),
	  N_("The domain part of the recipient address cannot take mail: it "
	     "does not exist in DNS, or the server does not accept mail for "
	     "it."),
	  N_("At RCPT TO, or while routing before any connection: a misspelt "
	     "or expired domain, or one without mail servers."),
	  N_("The client sent mail for a domain you do not handle. If you "
	     "should, add it to mydestination, virtual_mailbox_domains or "
	     "relay_domains (Exim: local_domains or relay_to_domains)."),
	  N_("Check the spelling of the domain (gmial.com and friends) and its "
	     "DNS with 'dig mx domain'; an expired or broken domain can only "
	     "be repaired by its owner.") },
	{ "X.1.3", N_("Bad destination mailbox address syntax"),
	  N_("The recipient address is not valid syntax, so it cannot be "
	     "routed at all."),
	  N_("At RCPT TO, for addresses with spaces, illegal characters, bad "
	     "quoting or no domain."),
	  N_("The client sent a malformed address; nothing to change on your "
	     "side unless one of your own forms or applications produced it."),
	  N_("Correct the address where it came from: the application, the "
	     "address book or the mailing list that holds it.") },
	{ "X.1.4", N_("Destination mailbox address ambiguous"),
	  N_("The address matches more than one mailbox at the destination and "
	     "the server cannot pick one."),
	  N_("At RCPT TO on systems that match names against a directory."),
	  N_("Make the lookup return a single result: look for duplicate "
	     "aliases or two directory entries with the same mail attribute."),
	  N_("Ask the sender to use the recipient's exact address; the "
	     "receiving site may have a duplicate to clean up.") },
	{ "X.1.5", N_("Destination address valid"),
	  N_("The recipient address is accepted. It is a success code, "
	     "normally with class 2 (Postfix and Sendmail answer '250 2.1.5' "
	     "to RCPT TO)."),
	  N_("In answer to RCPT TO, and in delivery status notifications."),
	  N_("Nothing to do."),
	  N_("Nothing to do.") },
	{ "X.1.6", N_("Destination mailbox moved, no forwarding address"),
	  N_("The mailbox used to exist but is gone, and the server knows no "
	     "new address for it."),
	  N_("At RCPT TO for people who left the organisation or changed "
	     "provider."),
	  N_("Expected for former users; many sites keep such addresses "
	     "answering this code for a while before removing them entirely."),
	  N_("Tell the sender to find the person's new address another way, "
	     "and take the old one off lists.") },
	{ "X.1.7", N_("Bad sender's mailbox address syntax"),
	  N_("The envelope sender address is not valid syntax."),
	  N_("At MAIL FROM, often from applications that pass a bare user name, "
	     "an address without a domain, or a display name."),
	  N_("The client's MAIL FROM is malformed; have the application send a "
	     "real address. Postfix checks it with strict_rfc821_envelopes and "
	     "reject_non_fqdn_sender."),
	  N_("Fix the envelope sender we use: canonical and rewriting maps, "
	     "myorigin, and the address the application passes with "
	     "sendmail -f.") },
	{ "X.1.8", N_("Bad sender's system address"),
	  N_("The domain of the sender address does not exist or could not "
	     "receive replies, so the message is refused."),
	  N_("At MAIL FROM or RCPT TO, from checks such as "
	     "reject_unknown_sender_domain: the sender domain has no MX or A "
	     "record."),
	  N_("The client's sender domain does not resolve. A DNS hiccup gives "
	     "4.1.8 and clears by itself; if many senders are hit at once, "
	     "check your own resolver."),
	  N_("Make the sender domain resolvable: publish MX (or A) records, "
	     "and keep internal names such as example.local out of envelope "
	     "senders with masquerading or canonical maps.") },
	{ "X.1.9", N_("Message relayed to non-compliant mailer"),
	  N_("A success-type notice (RFC 3886): the message reached a system "
	     "that cannot report delivery status, so no further reports will "
	     "come."),
	  N_("In delivery status notifications for mail passed to gateways or "
	     "older mail systems."),
	  N_("Nothing to fix; it is informational."),
	  N_("Nothing to fix; there will be no confirmation of delivery beyond "
	     "this point.") },
	{ "X.1.10", N_("Recipient address has null MX"),
	  N_("The recipient's domain publishes a null MX (RFC 7505), declaring "
	     "that it receives no mail."),
	  N_("Before or at RCPT TO, usually with basic code 556, when the "
	     "domain's only MX record is '.'."),
	  N_("If the domain is yours and should receive mail, replace the null "
	     "MX with real MX records."),
	  N_("The address can never receive mail; tell the sender and take it "
	     "off lists.") },
	/* X.2.x: mailbox */
	{ "X.2.0", N_("Other or undefined mailbox status"),
	  N_("The mailbox exists but something about it stops delivery, with no "
	     "finer detail. Some greylisting software also uses 4.2.0."),
	  N_("At RCPT TO or after DATA."),
	  N_("Look at the mailbox: its state in the delivery agent (Dovecot, "
	     "procmail) and the local delivery lines of your log."),
	  N_("A 4.2.0 is retried automatically. For a 5.2.0 pass the reply text "
	     "to the sender, who may have to reach the recipient another way.") },
	{ "X.2.1", N_("Mailbox disabled, not accepting messages"),
	  N_("The mailbox exists but is switched off or suspended, for a while "
	     "or for good."),
	  N_("At RCPT TO for suspended, locked or deactivated accounts."),
	  N_("If the account should receive mail, enable it again in your user "
	     "database or directory."),
	  N_("Tell the sender the recipient's mailbox is disabled and that they "
	     "should reach the person another way; drop permanent failures "
	     "from lists.") },
	{ "X.2.2", N_("Mailbox full"),
	  N_("The recipient's mailbox is over its quota. With class 4 the "
	     "sender keeps trying; with class 5 the message bounced."),
	  N_("At RCPT TO when the quota is checked early, otherwise after DATA "
	     "or at final delivery."),
	  N_("The user must delete mail or get a larger quota (Postfix "
	     "mailbox_size_limit or virtual_mailbox_limit, Dovecot quota). A "
	     "quota warning helps users notice before mail bounces."),
	  N_("Only the recipient can fix it; short periods are absorbed by the "
	     "retry queue. If it keeps bouncing, tell the sender to contact the "
	     "person another way.") },
	{ "X.2.3", N_("Message length exceeds administrative limit"),
	  N_("The message is larger than this mailbox or site allows for a "
	     "single message."),
	  N_("At MAIL FROM (SIZE parameter) or after DATA."),
	  N_("Compare the size with your limit (message_size_limit in Postfix "
	     "and Exim, MaxMessageSize in Sendmail) and raise it if such mail "
	     "is wanted."),
	  N_("Ask the sender to shrink the message or share big files by link; "
	     "attachments grow by about a third once encoded.") },
	{ "X.2.4", N_("Mailing list expansion problem"),
	  N_("The address is a mailing list that could not be expanded, for "
	     "example because the member list could not be read."),
	  N_("At RCPT TO or while delivering to a list address."),
	  N_("Check the list software (Mailman, Sympa) and the alias that "
	     "feeds it; the local delivery lines show the error."),
	  N_("The problem is on the list's server; tell the sender and, if it "
	     "lasts, the list owner (usually listname-owner@domain).") },
	/* X.3.x: mail system */
	{ "X.3.0", N_("Other or undefined mail system status"),
	  N_("The destination mail system has a problem not described more "
	     "precisely. Some servers also send 2.3.0 on success."),
	  N_("At any stage; often after DATA when a filter or the delivery back "
	     "end failed."),
	  N_("Something in your mail system failed: the warnings just before "
	     "this reply in your log name it."),
	  N_("The fault is on the receiving side; temporary failures are "
	     "retried. For a permanent one, send the reply text to the "
	     "recipient's postmaster.") },
	{ "X.3.1", N_("Mail system full"),
	  N_("The receiving system has run out of storage for mail as a whole, "
	     "not just for one mailbox."),
	  N_("At MAIL FROM, RCPT TO or after DATA, usually with 452."),
	  N_("Free disk space on the queue and mailbox file systems now; "
	     "Postfix refuses mail when free space drops below queue_minfree, "
	     "Exim below check_spool_space."),
	  N_("Nothing to do but wait: the message is retried. Tell the remote "
	     "postmaster if it goes on.") },
	{ "X.3.2", N_("System not accepting network messages"),
	  N_("The host is not taking mail from the network at the moment, for "
	     "example while shutting down, in maintenance or out of capacity."),
	  N_("At the greeting or at MAIL FROM, often with 421."),
	  N_("Check whether the server was stopping, in maintenance or out of "
	     "processes; postscreen answers '421 4.3.2 All server ports are "
	     "busy' when no smtpd process is free (raise the smtpd process "
	     "limit in master.cf)."),
	  N_("Retried automatically. If one host says this for long, the "
	     "remote site is down or overloaded.") },
	{ "X.3.3", N_("System not capable of selected features"),
	  N_("The message needs a feature the destination lacks, such as 8-bit "
	     "transport, DSN or another requested extension."),
	  N_("At MAIL FROM or RCPT TO with parameters, or after DATA when a "
	     "conversion would be needed."),
	  N_("Check which extension the client asked for; expected if you "
	     "turned it off on purpose."),
	  N_("Send without the feature: let our MTA convert 8-bit mail to "
	     "7-bit (Postfix does unless disable_mime_output_conversion is "
	     "set), or drop the DSN request.") },
	{ "X.3.4", N_("Message too big for system"),
	  N_("The message is over a size limit of the whole destination "
	     "system, as opposed to a limit of one mailbox."),
	  N_("At MAIL FROM with SIZE, or after DATA, typically with 552."),
	  N_("Raise message_size_limit (Postfix, Exim) or MaxMessageSize "
	     "(Sendmail) if such mail should pass, and check the content "
	     "filter's own size limit too."),
	  N_("The receiver will not take a message that large and sending again "
	     "fails the same way; ask the sender to send less or use a file "
	     "sharing link.") },
	{ "X.3.5", N_("System incorrectly configured"),
	  N_("The destination's configuration prevents delivery: a routing loop "
	     "back to itself, a missing transport, a broken lookup table."),
	  N_("At any stage, often 'mail for domain loops back to myself' or "
	     "an unknown mail transport."),
	  N_("Your configuration is at fault: read the Postfix 'warning:' and "
	     "'fatal:' lines or Exim's paniclog, check transport_maps, and list "
	     "each domain in exactly one address class (mydestination, "
	     "virtual_mailbox_domains, relay_domains)."),
	  N_("The receiving site has a configuration error; report the reply "
	     "text to its postmaster.") },
	{ "X.3.6", N_("Requested priority was changed"),
	  N_("A success-type notice (RFC 6710, MT-PRIORITY): the message was "
	     "accepted, but at another priority than the sender asked for."),
	  N_("At the end of DATA or in a DSN, when MT-PRIORITY was used."),
	  N_("Nothing to fix unless your priority policy is wrong."),
	  N_("Nothing to fix; the message travels at the priority the "
	     "receiver chose.") },
	/* X.4.x: network and routing */
	{ "X.4.0", N_("Other or undefined network or routing status"),
	  N_("A network or routing problem without a more specific code."),
	  N_("While delivering: connection trouble, failed DNS lookups, a next "
	     "hop that cannot be reached."),
	  N_("Check this server's network and DNS; the neighbouring log lines "
	     "name the host involved."),
	  N_("Check our own connectivity and resolver first (many domains "
	     "failing at once means the fault is local); otherwise the message "
	     "is retried until the queue lifetime runs out.") },
	{ "X.4.1", N_("No answer from host"),
	  N_("The destination host did not accept the TCP connection: it "
	     "refused or never answered."),
	  N_("Before any SMTP exchange, when connecting to the MX; the log says "
	     "'Connection timed out' or 'Connection refused'."),
	  N_("If clients report this about your server, make sure it listens on "
	     "port 25 from outside and the firewall lets the traffic in."),
	  N_("Test with 'nc -v mxhost 25' from this machine. If no destination "
	     "answers at all, your provider probably blocks outbound port 25 "
	     "(common on home and cloud networks); otherwise that MX is down "
	     "and retries continue.") },
	{ "X.4.2", N_("Bad connection"),
	  N_("The connection was established but broke during the session: "
	     "reset, dropped or timed out halfway."),
	  N_("At any stage after connecting, often during DATA of large "
	     "messages, or at the greeting when the server hangs up on you."),
	  N_("Look for timeouts (Postfix smtpd_timeout), resource limits or a "
	     "firewall cutting long sessions; early disconnects can be "
	     "postscreen or a blocklist refusal."),
	  N_("Retried automatically. If one destination always drops us, check "
	     "MTU and path problems, try another TLS setting for it "
	     "(smtp_tls_policy_maps), and consider that it may be cutting us "
	     "off for reputation.") },
	{ "X.4.3", N_("Directory server failure"),
	  N_("A directory or lookup service needed for routing failed, usually "
	     "DNS, sometimes LDAP or another table."),
	  N_("While routing: the MX lookup returned SERVFAIL or timed out, or a "
	     "lookup table could not be read."),
	  N_("Check your resolver and the maps your server queries (LDAP, SQL); "
	     "Postfix logs 'table lookup problem' or 'Name service error'."),
	  N_("Run 'dig mx domain' from this host. A local resolver problem hits "
	     "many domains at once; broken DNS at the destination affects only "
	     "that domain and only its owner can repair it.") },
	{ "X.4.4", N_("Unable to route"),
	  N_("No route to the destination was found: the domain has no usable "
	     "MX or address records, or the routing table has no entry for "
	     "it."),
	  N_("Before connecting, when DNS lists no mail server for the domain "
	     "('Host or domain name not found')."),
	  N_("If your server gave this for an internal domain, add a route "
	     "(transport_maps, relayhost, or an Exim router)."),
	  N_("Check the domain with 'dig mx domain' and 'dig a domain'; for a "
	     "misspelt domain or one without mail service, the sender must "
	     "correct the address.") },
	{ "X.4.5", N_("Mail system congestion"),
	  N_("The destination or a relay is overloaded and cannot take the "
	     "message now."),
	  N_("At the greeting or after any command, under load or when the "
	     "receiver throttles a sender; usually class 4."),
	  N_("Check load, process limits and queue size; if you are throttling "
	     "a large legitimate sender, raise its limits."),
	  N_("Retried automatically. Go slower towards that destination: lower "
	     "smtp_destination_concurrency_limit or add "
	     "smtp_destination_rate_delay in a dedicated transport.") },
	{ "X.4.6", N_("Routing loop detected"),
	  N_("The message went through too many hops or came back to a host "
	     "it had already visited."),
	  N_("After DATA or while routing: too many Received headers (Postfix "
	     "hopcount_limit) or 'mail for domain loops back to myself'."),
	  N_("Make sure your MX, relayhost and transport settings do not send "
	     "the domain back to you, and that it is in mydestination or "
	     "virtual_mailbox_domains if you deliver it yourself."),
	  N_("Read the Received headers in the bounce to see where the mail "
	     "circles; usually forwarding rules or MX records point at each "
	     "other.") },
	{ "X.4.7", N_("Delivery time expired"),
	  N_("The message could not be delivered within the time the queue "
	     "allows, so it was given up and returned to the sender."),
	  N_("Written by the queue after the last retry, following days of "
	     "temporary failures; the first cause is in the earlier deferral "
	     "lines for the same message."),
	  N_("The message waited too long in your queue: look up its earlier "
	     "4xx deferrals. The limit is maximal_queue_lifetime in Postfix, "
	     "the retry rules in Exim, Timeout.queuereturn in Sendmail."),
	  N_("Read the earlier deferrals for the real reason (timeouts, "
	     "greylisting that never cleared, a full mailbox), fix that, and "
	     "ask the sender to send again.") },
	/* X.5.x: mail delivery protocol */
	{ "X.5.0", N_("Other or undefined protocol status"),
	  N_("An SMTP protocol error that fits no finer code."),
	  N_("After any command."),
	  N_("The client broke the protocol; the reply text and neighbouring "
	     "lines show what it sent."),
	  N_("Our client and the peer disagree about the protocol; read the "
	     "reply text and look for middleboxes that rewrite SMTP.") },
	{ "X.5.1", N_("Invalid command"),
	  N_("The command is not valid at this point: unknown, out of sequence "
	     "or not supported."),
	  N_("With 500, 502 or 503, for example DATA without recipients or "
	     "AUTH when it is not offered."),
	  N_("Usually a scanner or a broken client; look at the previous "
	     "replies for the refusal that led to it."),
	  N_("Check the order of commands our client sent and the extensions "
	     "the peer advertised; a rejection just before is the usual root "
	     "cause.") },
	{ "X.5.2", N_("Syntax error"),
	  N_("The command or its arguments could not be parsed."),
	  N_("With 500 or 501, for malformed commands, bad HELO names or "
	     "addresses."),
	  N_("The client sends malformed commands; correct the device or "
	     "application if it is one of yours."),
	  N_("Check the HELO name and envelope addresses our side sends "
	     "(smtp_helo_name, address rewriting).") },
	{ "X.5.3", N_("Too many recipients"),
	  N_("The transaction names more recipients than the server will take "
	     "at once."),
	  N_("At RCPT TO, normally as 452 4.5.3, after which the client sends "
	     "the rest in another transaction; 5.5.3 is a hard limit."),
	  N_("The client went over smtpd_recipient_limit (Exim recipients_max, "
	     "Sendmail MaxRecipientsPerMessage); raise it for trusted senders "
	     "if needed."),
	  N_("Send fewer recipients per message to that destination: "
	     "smtp_destination_recipient_limit (or a per-transport limit), "
	     "Exim max_rcpt. Deferred recipients are retried automatically.") },
	{ "X.5.4", N_("Invalid command arguments"),
	  N_("The command is valid but its parameters are not: an unknown ESMTP "
	     "parameter, a wrong value, an unsupported AUTH mechanism."),
	  N_("With 501, 504 or 555 at MAIL FROM, RCPT TO or AUTH."),
	  N_("The client uses parameters your server does not offer; compare "
	     "with what your EHLO reply lists."),
	  N_("Our client used an option the peer did not advertise; look for "
	     "firewalls altering the EHLO reply, or stop using the extension "
	     "for that destination.") },
	{ "X.5.5", N_("Wrong protocol version"),
	  N_("The two sides do not speak compatible protocol versions, for "
	     "example ESMTP features expected of a plain SMTP server."),
	  N_("At the greeting or at EHLO; rare."),
	  N_("Find out what the client expects; usually a very old or broken "
	     "program."),
	  N_("Fall back to plain HELO for that destination (Postfix "
	     "smtp_never_send_ehlo in a dedicated transport) and tell the "
	     "peer's administrator.") },
	{ "X.5.6", N_("Authentication exchange line too long"),
	  N_("A line of the AUTH exchange was longer than the server accepts "
	     "(RFC 4954), often with a large GSSAPI or OAuth token."),
	  N_("As 500 5.5.6 in answer to AUTH or to one of its continuation "
	     "lines."),
	  N_("The client sends an oversized token; have it use another "
	     "mechanism, or raise the line limit if your SASL software allows."),
	  N_("Pick a mechanism with shorter lines (smtp_sasl_mechanism_filter), "
	     "or send the response as a continuation instead of on the AUTH "
	     "line.") },
	/* X.6.x: message content or media */
	{ "X.6.0", N_("Other or undefined media error"),
	  N_("The message content prevented delivery, with no finer detail. "
	     "Microsoft Exchange also answers 2.6.0 when it queues a message, "
	     "which is a success."),
	  N_("After DATA, when a filter refuses the content, or in 250 replies "
	     "as 2.6.0."),
	  N_("For a refusal, find the rule that hit in your content checks "
	     "(header_checks, body_checks, milters, SpamAssassin, Rspamd)."),
	  N_("For a refusal, the receiver objected to the content: look at the "
	     "reply text, the attachments and the format, and ask the "
	     "recipient's postmaster if unclear. For 2.6.0, nothing to do.") },
	{ "X.6.1", N_("Media not supported"),
	  N_("The message contains a content type the destination does not "
	     "accept, such as a blocked attachment type."),
	  N_("After DATA."),
	  N_("One of your content rules refused a type (executable attachments "
	     "via mime_header_checks, say); relax it only if the type is safe "
	     "for you."),
	  N_("Ask the sender to send the file in another format, or as a link, "
	     "as the recipient's policy allows.") },
	{ "X.6.2", N_("Conversion required and prohibited"),
	  N_("The message would have to be converted to be delivered (8-bit to "
	     "7-bit, for instance), but the message or policy forbids it."),
	  N_("When relaying to a next hop that lacks 8BITMIME or BINARYMIME."),
	  N_("Check that you advertise 8BITMIME; a client that sends 8-bit data "
	     "to a server that does not is at fault."),
	  N_("Let our MTA convert (Postfix does unless "
	     "disable_mime_output_conversion = yes) or have the sender use a "
	     "7-bit encoding such as quoted-printable or base64.") },
	{ "X.6.3", N_("Conversion required but not supported"),
	  N_("The message needs a conversion the relaying system cannot do."),
	  N_("When relaying content types or encodings the relay cannot "
	     "transform."),
	  N_("Your server cannot convert this content for its next hop; check "
	     "its MIME conversion settings."),
	  N_("Send the message in a form the destination accepts as is (7-bit "
	     "encodings) or through another route.") },
	{ "X.6.4", N_("Conversion with loss performed"),
	  N_("A warning-type status: the message was delivered, but converted "
	     "in a way that lost some information."),
	  N_("In DSNs or after DATA, at gateways between different mail "
	     "systems."),
	  N_("Nothing urgent; look at the conversion if users report damaged "
	     "content."),
	  N_("Delivered; the recipient may see altered formatting or "
	     "attachments. Nothing to do unless they complain.") },
	{ "X.6.5", N_("Conversion failed"),
	  N_("A needed conversion was tried and failed, so the message could "
	     "not be delivered."),
	  N_("While relaying or at final delivery, typically with malformed "
	     "MIME or an unsupported character set."),
	  N_("Inspect the message structure; broken MIME from the sending "
	     "program is the usual cause."),
	  N_("Ask the sender to send again from another program or in a "
	     "simpler format; malformed MIME is the usual cause.") },
	{ "X.6.6", N_("Message content not available"),
	  N_("The content that a BURL command (RFC 4468) refers to could not "
	     "be fetched from the IMAP server."),
	  N_("At BURL during submission, when the URL is wrong or expired, or "
	     "the IMAP server is unreachable."),
	  N_("Check the trust set up between the submission and IMAP servers "
	     "(URLAUTH) and that the IMAP server is reachable."),
	  N_("Our client used BURL; turn it off or send the message with DATA "
	     "instead.") },
	{ "X.6.7", N_("Non-ASCII addresses not permitted"),
	  N_("An address contains non-ASCII (UTF-8) characters, and this "
	     "sender, recipient or server does not allow that (RFC 6531)."),
	  N_("At MAIL FROM or RCPT TO, or when relaying SMTPUTF8 mail to a "
	     "server without SMTPUTF8."),
	  N_("Turn on SMTPUTF8 (Postfix smtputf8_enable = yes) if you want to "
	     "accept internationalized addresses."),
	  N_("The destination does not support internationalized addresses; "
	     "the sender must use an ASCII address for that recipient.") },
	{ "X.6.8", N_("UTF-8 reply required but not permitted by client"),
	  N_("The server would have to answer with UTF-8 text (RFC 6531), but "
	     "the client did not announce SMTPUTF8."),
	  N_("In answer to VRFY or EXPN for an internationalized address from a "
	     "client without SMTPUTF8."),
	  N_("Nothing to change on your side; the client must use SMTPUTF8."),
	  N_("Enable SMTPUTF8 in our client (Postfix smtputf8_enable) if we "
	     "need such answers.") },
	{ "X.6.9", N_("UTF-8 header message cannot be transferred"),
	  N_("The message has UTF-8 headers (an SMTPUTF8 message) and the next "
	     "server cannot receive it, so it has to be rejected (RFC 6531)."),
	  N_("When relaying to a next hop that did not advertise SMTPUTF8."),
	  N_("Enable SMTPUTF8 if you want to receive such mail."),
	  N_("The recipient's server lacks SMTPUTF8; the sender should use "
	     "ASCII-only addresses and headers for this recipient.") },
	{ "X.6.10", N_("UTF-8 header message cannot be transferred (deprecated)"),
	  N_("Registered by mistake as a duplicate of X.6.9 and deprecated; a "
	     "server that still sends it means the same thing: an SMTPUTF8 "
	     "message could not be passed on."),
	  N_("When relaying to a next hop without SMTPUTF8, from software that "
	     "uses the old duplicate code."),
	  N_("Enable SMTPUTF8 if you want to receive such mail, and use X.6.9 "
	     "if your own software emits this code."),
	  N_("As for X.6.9: the sender should use ASCII-only addresses and "
	     "headers for this recipient.") },
	/* X.7.x: security or policy */
	{ "X.7.0", N_("Other or undefined security status"),
	  N_("A security or policy reason without a finer code. With class 2 it "
	     "marks success, as in '235 2.7.0 Authentication successful'; as "
	     "4.7.0 it is a common temporary policy refusal, including "
	     "greylisting and rate limits."),
	  N_("At any stage: AUTH, STARTTLS, RCPT TO after policy checks, or at "
	     "the greeting."),
	  N_("Your policy refused the client; the log lines before the reply "
	     "show which restriction, rate limit, greylist or policy service "
	     "fired."),
	  N_("For 4.7.0, wait: greylisting and rate limits clear on retry with "
	     "no action. For 5.7.0, read the text: often a login or TLS is "
	     "required, or the receiver's policy blocked us; ask their "
	     "postmaster if it is unclear.") },
	{ "X.7.1", N_("Delivery not authorized, message refused"),
	  N_("The sender or client is not allowed to send this message to this "
	     "recipient; the most common policy refusal."),
	  N_("At RCPT TO (relay access denied, sender or client blocked, "
	     "recipient restricted), at the greeting (blocklisted IP) or after "
	     "DATA (spam verdict)."),
	  N_("Relay denied: the client is neither in mynetworks nor logged in "
	     "(smtpd_relay_restrictions); your users should submit on port 587 "
	     "with AUTH. Blocklist: the text names the list; check the client "
	     "there before exempting it. Otherwise the rule is in your access "
	     "maps or filters."),
	  N_("If the text names a blocklist (Spamhaus, Barracuda, ...), look up "
	     "our sending IP on that list, fix the cause (compromised account, "
	     "open relay, bad script) and request delisting. 'Relay access "
	     "denied' means we delivered to a host that does not handle the "
	     "domain: check MX records, relayhost and transport_maps. Otherwise "
	     "contact the recipient's postmaster.") },
	{ "X.7.2", N_("Mailing list expansion prohibited"),
	  N_("The sender may not post to this mailing list, or its expansion "
	     "is restricted."),
	  N_("At RCPT TO or during list processing, for members-only lists."),
	  N_("Check the list's posting policy if a member was refused; a "
	     "different sender address than the subscribed one is typical."),
	  N_("The sender must subscribe, post from the subscribed address, or "
	     "ask the list owner for permission.") },
	{ "X.7.3", N_("Security conversion required but not possible"),
	  N_("Delivery would need converting the message between security "
	     "formats (for example encrypted forms), and that cannot be done."),
	  N_("At gateways between mail systems with different security "
	     "mechanisms; rare."),
	  N_("Check how the gateway handles signed or encrypted content."),
	  N_("Send the message in a security format the destination supports, "
	     "or unencrypted another way if that is allowed.") },
	{ "X.7.4", N_("Security features not supported"),
	  N_("The message asks for security features the destination does not "
	     "offer."),
	  N_("When a requested security service is missing at the receiver; "
	     "rare."),
	  N_("Check which security extension the client wanted and whether you "
	     "should offer it."),
	  N_("Deliver without the feature or by a route that supports it; "
	     "review smtp_tls_security_level and smtp_tls_policy_maps for that "
	     "destination.") },
	{ "X.7.5", N_("Cryptographic failure"),
	  N_("A cryptographic operation on the message failed, for example a "
	     "signature did not verify or decryption failed."),
	  N_("When relaying or delivering signed or encrypted messages; rare in "
	     "SMTP replies."),
	  N_("Look at the keys and certificates your gateway uses."),
	  N_("Check the sender's signing or encryption setup; the message may "
	     "have been changed on the way.") },
	{ "X.7.6", N_("Cryptographic algorithm not supported"),
	  N_("The message uses a cryptographic algorithm the destination does "
	     "not support."),
	  N_("With signed or encrypted messages; rare."),
	  N_("Update the algorithms your gateway accepts if the client's choice "
	     "is reasonable."),
	  N_("Sign or encrypt with a more widely supported algorithm.") },
	{ "X.7.7", N_("Message integrity failure"),
	  N_("The message failed an integrity check: it was changed after "
	     "signing, or is damaged."),
	  N_("When delivering signed messages; rare."),
	  N_("Check whether something on your path (footer, disclaimer, content "
	     "filter) modifies signed messages."),
	  N_("Find what alters the message on our side after signing: "
	     "disclaimers, list footers, encoding conversion.") },
	{ "X.7.8", N_("Authentication credentials invalid"),
	  N_("The user name or password given in AUTH was rejected (RFC 4954)."),
	  N_("As 535 5.7.8 in answer to AUTH; bursts from unknown IPs are "
	     "brute-force attempts."),
	  N_("For your own user, check the account in the SASL back end and the "
	     "expected login form (with or without domain). For strangers "
	     "trying many passwords, block them (fail2ban, postscreen, rate "
	     "limits)."),
	  N_("Our relay credentials are wrong or expired: fix them in "
	     "smtp_sasl_password_maps and run postmap; the key must match "
	     "relayhost exactly. Exim: client_send; Sendmail: authinfo.") },
	{ "X.7.9", N_("Authentication mechanism too weak"),
	  N_("The chosen AUTH mechanism is too weak for the server's policy "
	     "(RFC 4954). Large providers also send 5.7.9 to ask for an "
	     "application password."),
	  N_("As 534 5.7.9 in answer to AUTH."),
	  N_("Tell the user which mechanisms you allow or to enable TLS; see "
	     "smtpd_sasl_security_options."),
	  N_("Use a stronger mechanism or TLS first, or an application-specific "
	     "password or OAuth when the provider requires it.") },
	{ "X.7.10", N_("Encryption needed"),
	  N_("The server requires an encrypted connection for this action (RFC "
	     "5248)."),
	  N_("At AUTH, MAIL FROM or RCPT TO when the client did not start TLS "
	     "and policy demands it."),
	  N_("Expected if you enforce TLS (smtpd_tls_security_level = "
	     "encrypt); clients must use STARTTLS. Enforcing it on port 25 "
	     "refuses mail from servers without TLS."),
	  N_("Make our client use TLS for that destination: "
	     "smtp_tls_security_level = may at least, or encrypt in "
	     "smtp_tls_policy_maps; check that TLS works with 'openssl s_client "
	     "-starttls smtp'.") },
	{ "X.7.11", N_("Encryption required for authentication mechanism"),
	  N_("This AUTH mechanism may only be used over an encrypted connection "
	     "(RFC 4954)."),
	  N_("As 538 5.7.11 in answer to AUTH before STARTTLS."),
	  N_("The client tried to log in in clear text; set it up for STARTTLS "
	     "on 587 or TLS on 465."),
	  N_("Start TLS before AUTH: smtp_tls_security_level = encrypt for the "
	     "relay.") },
	{ "X.7.12", N_("Password transition needed"),
	  N_("The user must change or re-enter the password before this "
	     "mechanism can be used (RFC 4954)."),
	  N_("As 432 4.7.12 in answer to AUTH."),
	  N_("Have the user log in once with a plain mechanism over TLS, or "
	     "reset the password."),
	  N_("Log in to the provider account, renew the password and update "
	     "smtp_sasl_password_maps.") },
	{ "X.7.13", N_("User account disabled"),
	  N_("The account used to log in, or the sender or recipient account, "
	     "is disabled (RFC 5248)."),
	  N_("At AUTH, MAIL FROM or RCPT TO for locked or suspended accounts; "
	     "providers also lock accounts after detecting abuse."),
	  N_("Enable the account again if that is right; if you locked it for "
	     "abuse, keep it locked until the password has been changed."),
	  N_("Our relay account is disabled: log in to the provider's portal, "
	     "look for abuse notices and unlock it, then update "
	     "smtp_sasl_password_maps if the password changed.") },
	{ "X.7.14", N_("Trust relationship required"),
	  N_("The action needs a trust relationship between the two systems "
	     "that is not in place (RFC 5248). Gmail also uses 5.7.14 to ask "
	     "for an interactive sign-in in a browser."),
	  N_("At AUTH or RCPT TO."),
	  N_("Set up the trust (relay agreement, allowed client list or client "
	     "certificate) if the client should be trusted."),
	  N_("Sign in to the account in a browser as the provider asks, or use "
	     "an application password or OAuth; for relays, ask the provider "
	     "to authorise our server.") },
	{ "X.7.15", N_("Priority level too low"),
	  N_("The message's priority (MT-PRIORITY, RFC 6710) is below what the "
	     "server currently accepts."),
	  N_("At MAIL FROM or RCPT TO, when the server is in a restricted mode "
	     "and takes only high-priority mail."),
	  N_("Nothing to fix unless your priority policy is too strict."),
	  N_("A temporary refusal is retried; otherwise send with a higher "
	     "allowed priority or wait.") },
	{ "X.7.16", N_("Message too big for specified priority"),
	  N_("The message is larger than the server accepts at its priority "
	     "(RFC 6710)."),
	  N_("At MAIL FROM with SIZE and MT-PRIORITY, or after DATA."),
	  N_("Check your size limits per priority level."),
	  N_("Send it at a lower priority or make it smaller.") },
	{ "X.7.17", N_("Mailbox owner has changed"),
	  N_("RFC 7293 (RRVS): the mailbox has been given to someone else since "
	     "the date the sender says it last confirmed the address."),
	  N_("At RCPT TO with the RRVS parameter, used by senders such as banks "
	     "to avoid writing to a recycled address."),
	  N_("Informational; your server reports that the address was "
	     "reassigned."),
	  N_("The address now belongs to another person; remove it or confirm "
	     "it again before sending personal data.") },
	{ "X.7.18", N_("Domain owner has changed"),
	  N_("RFC 7293 (RRVS): the recipient's domain has changed hands since "
	     "the date given in the check."),
	  N_("At RCPT TO with the RRVS parameter."),
	  N_("Informational."),
	  N_("Confirm the address with its owner again before writing to it.") },
	{ "X.7.19", N_("RRVS test cannot be completed"),
	  N_("The server cannot tell whether the mailbox changed owners (RFC "
	     "7293), for example because it keeps no account history."),
	  N_("At RCPT TO with the RRVS parameter."),
	  N_("Nothing to fix unless you mean to keep account history."),
	  N_("Decide by your own policy whether to send without the check; "
	     "leave out the RRVS parameter to deliver normally.") },
	{ "X.7.20", N_("No passing DKIM signature found"),
	  N_("The receiver requires a valid DKIM signature and none verified "
	     "(RFC 7372)."),
	  N_("After DATA, when the message is unsigned or every signature "
	     "fails."),
	  N_("Your policy refused unsigned mail; make sure the rule is meant "
	     "and applies to the right senders."),
	  N_("Sign outgoing mail with DKIM (OpenDKIM, Rspamd, Exim's dkim_* "
	     "transport options), publish the public key in DNS, and make sure "
	     "nothing changes the message after signing.") },
	{ "X.7.21", N_("No acceptable DKIM signature found"),
	  N_("Some DKIM signatures verify, but none meets the receiver's "
	     "requirements, such as the signing domain or key strength (RFC "
	     "7372)."),
	  N_("After DATA."),
	  N_("Check which signatures your policy accepts; it may be stricter "
	     "than intended."),
	  N_("Sign with our own domain (the one in From), with RSA keys of at "
	     "least 1024 bits, better 2048, and rsa-sha256.") },
	{ "X.7.22", N_("No valid author-matched DKIM signature found"),
	  N_("No valid DKIM signature has a domain that matches the author's "
	     "(From header) domain (RFC 7372)."),
	  N_("After DATA, typically for mail sent through a third party."),
	  N_("Your policy requires author-domain signatures; exempt known "
	     "mailing lists if they are rejected."),
	  N_("Sign with d= equal to the From domain or its parent; newsletter "
	     "and ticketing services must be set up to sign for our domain.") },
	{ "X.7.23", N_("SPF validation failed"),
	  N_("The sending IP is not authorized by the SPF record of the "
	     "envelope sender's domain, and the receiver refuses such mail "
	     "(RFC 7372)."),
	  N_("At MAIL FROM or RCPT TO, or after DATA."),
	  N_("Your SPF check (policyd-spf, Rspamd) refused the client; for "
	     "forwarded mail consider exempting known forwarders."),
	  N_("Add our sending IPs to the domain's SPF record (check it with "
	     "'dig txt domain'), with ip4:/ip6: or include:. Forwarding breaks "
	     "SPF, so use SRS when we forward mail.") },
	{ "X.7.24", N_("SPF validation error"),
	  N_("SPF evaluation ended in an error: a DNS problem (4.7.24) or a "
	     "broken SPF record (5.7.24), such as bad syntax or too many DNS "
	     "lookups (RFC 7372)."),
	  N_("At MAIL FROM or RCPT TO, or after DATA."),
	  N_("For 4.7.24 check your resolver; for 5.7.24 the sender's record is "
	     "broken and only they can fix it."),
	  N_("Check the domain's SPF record with a validator: a single record, "
	     "correct syntax, at most 10 mechanisms that need DNS lookups.") },
	{ "X.7.25", N_("Reverse DNS validation failed"),
	  N_("The sending IP has no PTR record, or the PTR name does not "
	     "resolve back to the same IP (RFC 7372)."),
	  N_("At the greeting, HELO or RCPT TO (Postfix "
	     "reject_unknown_client_hostname and similar checks)."),
	  N_("Your reverse DNS check refused a client. Many legitimate servers "
	     "have imperfect rDNS; reject_unknown_reverse_client_hostname is "
	     "the milder choice."),
	  N_("Ask whoever owns the sending IP (hosting provider, ISP) to set a "
	     "PTR record to a name whose A/AAAA record points back to that IP, "
	     "and use that name as HELO (myhostname). Check with 'dig -x IP'.") },
	{ "X.7.26", N_("Multiple authentication checks failed"),
	  N_("Several sender authentication checks failed together (RFC 7372). "
	     "In practice large providers such as Gmail return 5.7.26 for mail "
	     "that fails DMARC: neither SPF nor DKIM passed in alignment with "
	     "the From domain."),
	  N_("After DATA, for unauthenticated mail from domains with a DMARC "
	     "policy, or from senders that must authenticate."),
	  N_("Your DMARC or authentication policy refused the message; check "
	     "the recorded results and exempt known forwarders or lists if "
	     "needed."),
	  N_("Make the mail pass DMARC: SPF must authorize our IP for a domain "
	     "aligned with From, or a DKIM signature with d= aligned with From "
	     "must verify. Check the domain's _dmarc record and every third "
	     "party that sends as it.") },
	{ "X.7.27", N_("Sender address has null MX"),
	  N_("The sender's domain publishes a null MX (RFC 7505), so replies and "
	     "bounces could not be delivered and the message is refused."),
	  N_("At MAIL FROM, usually as 550 5.7.27."),
	  N_("Nothing to fix; the client uses a sender domain that declares it "
	     "receives no mail."),
	  N_("Send from a domain that can receive mail, or replace the domain's "
	     "null MX with real MX records.") },
	{ "X.7.28", N_("Mail flood detected"),
	  N_("The message looks like part of a flood of similar unwanted "
	     "messages and is refused."),
	  N_("At RCPT TO or after DATA, during large volumes of similar mail."),
	  N_("Check your rate and bulk detection rules if legitimate bulk mail "
	     "was caught."),
	  N_("Slow down towards that destination, look for a compromised "
	     "account or script sending in bulk, and make sure list mail is "
	     "wanted and carries unsubscribe headers.") },
	{ "X.7.29", N_("ARC validation failure"),
	  N_("The message's ARC chain (RFC 8617) did not validate, so the "
	     "receiver did not trust the intermediaries that forwarded it."),
	  N_("After DATA, mostly for forwarded or mailing list mail."),
	  N_("Check your ARC verification; broken chains on forwarded mail are "
	     "common."),
	  N_("If we forward mail or run lists, seal ARC correctly (OpenARC, "
	     "Rspamd) and change nothing in the message after sealing.") },
	{ "X.7.30", N_("REQUIRETLS support required"),
	  N_("The message demands REQUIRETLS delivery (RFC 8689) and the next "
	     "hop does not support it, or the path is not secured as "
	     "required."),
	  N_("At MAIL FROM with REQUIRETLS, or when relaying such a message."),
	  N_("Your server cannot honour REQUIRETLS on this path; tell the "
	     "sender."),
	  N_("The recipient's server cannot guarantee the TLS the sender "
	     "demanded; the sender may resend without REQUIRETLS if that is "
	     "acceptable.") },
};

/* Indexed by subject: used when the detail is not in the registry. */
static const struct kb_entry kb_subject_tab[] = {
	{ "X.0.x", N_("Other status (unlisted detail)"),
	  N_("An enhanced code in the 'other' subject with a detail the "
	     "registry does not define; the server gives it its own meaning."),
	  N_("With any reply; the reply text is the only reliable guide."),
	  N_("Look up the code in your own software's documentation and in the "
	     "log lines before the reply."),
	  N_("Go by the reply text; if a refusal is unclear, ask the "
	     "recipient's postmaster.") },
	{ "X.1.x", N_("Addressing problem (unlisted detail)"),
	  N_("Something is wrong with the sender or recipient address; the "
	     "detail is not one the registry defines."),
	  N_("Usually at MAIL FROM or RCPT TO."),
	  N_("Check which address was refused and your address checks: "
	     "recipient maps, aliases, sender restrictions."),
	  N_("Check the sender and recipient addresses for typos and syntax, "
	     "and the recipient domain's DNS.") },
	{ "X.2.x", N_("Mailbox problem (unlisted detail)"),
	  N_("The recipient's mailbox cannot take the message (disabled, full, "
	     "limited); the detail is not one the registry defines."),
	  N_("At RCPT TO, after DATA, or at final delivery."),
	  N_("Look at the mailbox state, its quota and the local delivery "
	     "lines in your log."),
	  N_("Only the recipient's site can fix it; temporary failures are "
	     "retried, for permanent ones tell the sender.") },
	{ "X.3.x", N_("Mail system problem (unlisted detail)"),
	  N_("The receiving mail system has a problem of its own; the detail "
	     "is not one the registry defines."),
	  N_("At any stage, often after DATA."),
	  N_("Something in your mail system failed: read the warnings just "
	     "before the reply."),
	  N_("The fault is on the receiving side; temporary failures are "
	     "retried, permanent ones need its postmaster.") },
	{ "X.4.x", N_("Network or routing problem (unlisted detail)"),
	  N_("Delivery failed for network or routing reasons; the detail is not "
	     "one the registry defines."),
	  N_("While connecting or routing, or during the session."),
	  N_("Check this server's network, DNS resolver and routing tables."),
	  N_("Check our connectivity and resolver, then the destination's MX "
	     "records; deferred mail is retried automatically.") },
	{ "X.5.x", N_("Protocol problem (unlisted detail)"),
	  N_("The SMTP dialogue itself went wrong; the detail is not one the "
	     "registry defines."),
	  N_("After any command."),
	  N_("Look at what the client sent; scanners and broken clients are "
	     "the usual source."),
	  N_("Look at the command our client sent and the peer's EHLO reply; "
	     "firewalls that rewrite SMTP are a frequent cause.") },
	{ "X.6.x", N_("Content problem (unlisted detail)"),
	  N_("The message content or format was not acceptable; the detail is "
	     "not one the registry defines."),
	  N_("After DATA, or when converting content while relaying."),
	  N_("Find the content rule or filter that refused the message."),
	  N_("Look at the message format and attachments; ask the recipient's "
	     "postmaster what their filter objected to.") },
	{ "X.7.x", N_("Security or policy problem (unlisted detail)"),
	  N_("A security or policy check refused the request; the detail is "
	     "not one the registry defines."),
	  N_("At the greeting, AUTH, MAIL FROM, RCPT TO or after DATA."),
	  N_("Find the restriction, policy service or filter that fired in the "
	     "log lines before the reply."),
	  N_("Read the text for blocklists, authentication (SPF, DKIM, DMARC) "
	     "or TLS demands, and fix what it names; otherwise ask the "
	     "recipient's postmaster.") },
};

/* Entry 0 stands for "no usable code at all", then classes 2 to 5. */
static const struct kb_entry kb_class_tab[] = {
	{ "unknown", N_("Unknown reply"),
	  N_("The log line carries no reply code that could be interpreted."),
	  N_("When the MTA logged an outcome without an SMTP code, or the code "
	     "is outside the SMTP ranges."),
	  N_("Read the full log line and the lines around it for the reason."),
	  N_("Read the full log line and the remote server's text for the "
	     "reason.") },
	{ "2xx", N_("Success"),
	  N_("The request was carried out. After the end of the message data, "
	     "the receiver has taken over responsibility for it."),
	  N_("At any command that succeeded."),
	  N_("Nothing to fix."),
	  N_("Nothing to fix.") },
	{ "3xx", N_("Waiting for more input"),
	  N_("The server accepted the command so far and expects the client to "
	     "send more, such as the message body or an AUTH response."),
	  N_("After DATA or during AUTH."),
	  N_("Nothing to fix; if sessions stop here, the client did not send "
	     "the rest."),
	  N_("Nothing to fix; if sessions stop here, look for network trouble "
	     "while sending.") },
	{ "4xx", N_("Temporary failure"),
	  N_("The request failed for now; the sender keeps the message and "
	     "tries again later."),
	  N_("At any stage: greylisting, rate limits, overload, lookups that "
	     "could not be completed."),
	  N_("Read the reply text and the warnings before it to see which "
	     "temporary condition your server reported."),
	  N_("Usually nothing: the message is retried. If it stays deferred "
	     "for long, read the text and contact the receiving site.") },
	{ "5xx", N_("Permanent failure"),
	  N_("The request was refused for good; retrying unchanged will fail "
	     "again and the message bounces."),
	  N_("At any stage: unknown recipients, policy or blocklist refusals, "
	     "content rejection, size limits."),
	  N_("Read the reply text to find the check that refused; change it "
	     "only if it turned away legitimate mail."),
	  N_("Read the reply text for the reason, fix what it names (address, "
	     "reputation, authentication, content) and tell the sender.") },
};

/* Readings that depend on the stage; see kb_stage_tab below. */
static const struct kb_entry kb_stage_ent[] = {
	{ "550", N_("Recipient rejected"),
	  N_("The receiving server refused this recipient for good: most often "
	     "the mailbox does not exist there, sometimes policy forbids mail "
	     "to it or relaying for its domain."),
	  N_("At RCPT TO, without an enhanced code to say more."),
	  N_("Check whether the recipient should exist (local_recipient_maps, "
	     "virtual_mailbox_maps, virtual_alias_maps, aliases); if so, fix "
	     "the map. If the text says relaying is denied, the domain is not "
	     "yours or the client must log in."),
	  N_("Usually the address does not exist: tell the sender and check it "
	     "for typos. If the text mentions relaying, we delivered to a host "
	     "that does not handle that domain; check its MX records.") },
	{ "554", N_("Refused at connection"),
	  N_("The server refused to talk to this client at all, in place of "
	     "the greeting; most often because the client IP is on a blocklist "
	     "or fails a reputation check."),
	  N_("Right after connecting, before EHLO."),
	  N_("Find the rule that refused the IP (postscreen_dnsbl_sites, "
	     "reject_rbl_client, smtpd_client_restrictions, access maps); check "
	     "the IP at the named list before exempting it."),
	  N_("Look up our sending IP on the blocklist named in the text (or at "
	     "a multi-list checker), fix the cause, and follow the list's "
	     "delisting procedure; check that the IP has a proper PTR record.") },
	{ "421", N_("Not accepting connections now"),
	  N_("The server turned the connection away at the greeting for the "
	     "time being: too many connections from this client, overload or "
	     "shutdown."),
	  N_("Right after connecting, before EHLO."),
	  N_("Look at the connection limits "
	     "(smtpd_client_connection_count_limit, postscreen, Exim "
	     "smtp_accept_max_per_host) and at the process limit in "
	     "master.cf."),
	  N_("Retried automatically. Open fewer parallel connections to that "
	     "destination (smtp_destination_concurrency_limit) if it keeps "
	     "happening.") },
	{ "550", N_("Message refused after data"),
	  N_("The receiver took the whole message and then refused it, usually "
	     "because a content filter judged it spam, found malware, or a "
	     "policy check on the headers failed."),
	  N_("At the end of DATA, after the message was transferred."),
	  N_("Find which filter refused it (milter, content_filter, "
	     "header_checks, body_checks, SpamAssassin or Rspamd score) and "
	     "look at that message's verdict before tuning the rule."),
	  N_("Read the text for the verdict: spam scores, a virus, or SPF, "
	     "DKIM and DMARC failures. Check our IP reputation and message "
	     "authentication, and ask the recipient's postmaster if unclear.") },
	{ "450", N_("Recipient deferred"),
	  N_("The recipient was refused for now: greylisting, or a policy or "
	     "verification check that could not finish."),
	  N_("At RCPT TO, as a temporary answer."),
	  N_("Greylisting is expected and passes on the next attempt; for "
	     "other checks see the text (reject_unknown_client_hostname, "
	     "reject_unverified_recipient, a policy service)."),
	  N_("Nothing to do at first: retries happen automatically and "
	     "greylisting clears after a few minutes. If it lasts, check our "
	     "PTR record and that retries leave from the same IP.") },
	{ "550", N_("Sender refused"),
	  N_("The server refused the envelope sender: its domain does not "
	     "resolve, it is blocked by policy, or it fails authentication "
	     "checks."),
	  N_("At MAIL FROM."),
	  N_("See which sender restriction fired (reject_unknown_sender_domain, "
	     "access maps, SPF policy) and whether the sender is legitimate."),
	  N_("Check our envelope sender: a resolvable domain with MX records, "
	     "an SPF record that covers our IP, and no internal-only names.") },
	{ "503", N_("No valid recipients"),
	  N_("DATA was refused because no recipient of the transaction had "
	     "been accepted; the real refusal is in the earlier RCPT replies."),
	  N_("At DATA, after every RCPT TO was rejected."),
	  N_("Look at the RCPT replies just before this one for the reason the "
	     "recipients were refused."),
	  N_("Look at the RCPT replies just before this one; they hold the "
	     "actual reason.") },
};

/* Stage-dependent readings, tried in order; the first match wins. */
static const struct kb_stage kb_stage_tab[] = {
	{ 550, EVENT_STAGE_RCPT,    -1, -1, &kb_stage_ent[0] },
	{ 554, EVENT_STAGE_CONNECT, -1, -1, &kb_stage_ent[1] },
	{ 554, EVENT_STAGE_CONNECT,  7,  1, &kb_stage_ent[1] },
	{ 550, EVENT_STAGE_CONNECT,  7,  1, &kb_stage_ent[1] },
	{ 421, EVENT_STAGE_CONNECT, -1, -1, &kb_stage_ent[2] },
	{ 550, EVENT_STAGE_EOM,     -1, -1, &kb_stage_ent[3] },
	{ 554, EVENT_STAGE_EOM,     -1, -1, &kb_stage_ent[3] },
	{ 550, EVENT_STAGE_EOM,      7,  1, &kb_stage_ent[3] },
	{ 554, EVENT_STAGE_EOM,      7,  1, &kb_stage_ent[3] },
	{ 450, EVENT_STAGE_RCPT,    -1, -1, &kb_stage_ent[4] },
	{ 450, EVENT_STAGE_RCPT,     7,  1, &kb_stage_ent[4] },
	{ 451, EVENT_STAGE_RCPT,     7,  1, &kb_stage_ent[4] },
	{ 550, EVENT_STAGE_MAIL,    -1, -1, &kb_stage_ent[5] },
	{ 503, EVENT_STAGE_DATA,    -1, -1, &kb_stage_ent[6] },
	{ 503, EVENT_STAGE_DATA,     5,  1, &kb_stage_ent[6] },
	{ 554, EVENT_STAGE_DATA,    -1, -1, &kb_stage_ent[6] },
	{ 554, EVENT_STAGE_DATA,     5,  1, &kb_stage_ent[6] },
};
/* clang-format on */
