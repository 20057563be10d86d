#!/usr/bin/env python3
"""Rule-driven SMTP sink for capturing real MTA log lines on loopback.

Standard library only (asyncio).  It plays the "remote server" that a local
Postfix / Exim / Sendmail delivers to, and answers according to rules encoded
in the recipient's local part, so that one test message per rule provokes a
well-known delivery outcome in the MTA's log.

Recipient rules (local part, case-insensitive; anything after a '+' ignored):

  rcpt550-511@...   RCPT -> 550 5.1.1 <addr>: Recipient address rejected: User unknown
  rcpt550@...       same as rcpt550-511
  rcpt451@...       RCPT -> 451 4.7.1 Greylisted, please try again later
  rcpt452@...       RCPT -> 452 4.2.2 <addr>: Mailbox full
  rcpt421@...       RCPT -> 421 4.4.2 ... closing connection (then the sink hangs up)
  rcptNNN-XYZ@...   RCPT -> NNN X.Y.Z <addr>: Recipient rejected by rule (generic)
  multi550@...      RCPT -> multi-line 550-5.7.1 / 550-5.7.1 / 550 5.7.1 reply
  data552@...       RCPT 250, end of DATA -> 552 5.3.4 Message size exceeds fixed limit
  data554@...       RCPT 250, end of DATA -> 554 5.7.1 Message rejected as spam
  data451@...       RCPT 250, end of DATA -> 451 4.3.0 Temporary local problem, try later
  dataNNN-XYZ@...   RCPT 250, end of DATA -> NNN X.Y.Z Message rejected by rule (generic)
  anything else     RCPT 250 2.1.5 Ok, end of DATA -> 250 2.0.0 Ok: queued as <id>

Listener modes (per port, see --listen):
  ok      normal ESMTP greeting (default)
  421     greet with "421 4.3.2 Service not available, closing transmission channel"
          and hang up
  554     greet with "554 5.3.2 No SMTP service here" and keep answering 503
          to everything except QUIT (RFC 5321 4.3.1)
  close   accept the TCP connection and close it at once without a greeting

Examples:
  sink.py --listen 2525                      # normal sink on 127.0.0.1:2525
  sink.py --listen 2525 --listen 2526:421 --listen 2527:close --log /tmp/sink.log
"""

import argparse
import asyncio
import itertools
import re
import sys
import time

HOSTNAME = "sink.remote.test"
MAX_SIZE = 10240000

_ids = itertools.count(1)


def now():
    return time.strftime("%H:%M:%S")


class Logger:
    def __init__(self, path):
        self.fh = open(path, "a", buffering=1) if path else sys.stderr

    def __call__(self, peer, direction, text):
        for line in text.rstrip("\r\n").split("\r\n"):
            self.fh.write(f"{now()} {peer} {direction} {line}\n")


LOG = Logger(None)

ADDR_RE = re.compile(r"<([^>]*)>")


def extract_addr(arg):
    """Return the address inside <...> of a MAIL/RCPT argument, or None."""
    m = ADDR_RE.search(arg)
    if m:
        return m.group(1)
    # Tolerate a bare address (some clients / hand tests).
    parts = arg.split(":", 1)
    if len(parts) == 2 and parts[1].strip():
        return parts[1].strip().split()[0]
    return None


GENERIC_RE = re.compile(r"^(rcpt|data)([245]\d\d)(?:-(\d)(\d)(\d))?$")


def rcpt_rule(addr):
    """Return (rcpt_reply, data_reply, close_after) for a recipient.

    rcpt_reply is the full reply text for RCPT (may be multi-line, CRLF
    separated, without the trailing CRLF).  data_reply is the reply to give at
    end of DATA if this recipient is accepted (None = normal 250).
    """
    local = addr.split("@", 1)[0].lower().split("+", 1)[0]
    ok = "250 2.1.5 Ok"
    if local in ("rcpt550", "rcpt550-511"):
        return (f"550 5.1.1 <{addr}>: Recipient address rejected: User unknown", None, False)
    if local == "rcpt451":
        return ("451 4.7.1 Greylisted, please try again later", None, False)
    if local == "rcpt452":
        return (f"452 4.2.2 <{addr}>: Mailbox full", None, False)
    if local == "rcpt421":
        return (f"421 4.4.2 {HOSTNAME} Error: timeout exceeded, closing connection", None, True)
    if local == "multi550":
        return ("550-5.7.1 Your message was rejected by our policy.\r\n"
                "550-5.7.1 Please see https://policy.remote.test/why for details\r\n"
                f"550 5.7.1 <{addr}>: Recipient address rejected: Access denied",
                None, False)
    if local == "data552":
        return (ok, "552 5.3.4 Message size exceeds fixed limit", False)
    if local == "data554":
        return (ok, "554 5.7.1 Message rejected as spam", False)
    if local == "data451":
        return (ok, "451 4.3.0 Temporary local problem, try again later", False)
    m = GENERIC_RE.match(local)
    if m:
        kind, code, a, b, c = m.groups()
        if a is None:
            a, b, c = code[0], "0", "0"
        if kind == "rcpt":
            return (f"{code} {a}.{b}.{c} <{addr}>: Recipient rejected by rule", None,
                    code == "421")
        return (ok, f"{code} {a}.{b}.{c} Message rejected by rule", False)
    return (ok, None, False)


class Session:
    def __init__(self, reader, writer, mode):
        self.r = reader
        self.w = writer
        self.mode = mode
        peer = writer.get_extra_info("peername") or ("?", 0)
        sock = writer.get_extra_info("sockname") or ("?", 0)
        self.peer = f"{peer[0]}:{peer[1]}->{sock[1]}"
        self.reset()
        self.helo = None

    def reset(self):
        self.mail_from = None
        self.rcpts = []          # accepted recipients
        self.data_reply = None   # first data rule among accepted recipients

    async def send(self, text):
        LOG(self.peer, "<", text)
        self.w.write((text + "\r\n").encode("utf-8", "replace"))
        await self.w.drain()

    async def readline(self):
        line = await self.r.readline()
        if not line:
            return None
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        LOG(self.peer, ">", text)
        return text

    async def run(self):
        try:
            await self._run()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            try:
                self.w.close()
                await self.w.wait_closed()
            except Exception:
                pass

    async def _run(self):
        if self.mode == "close":
            LOG(self.peer, "*", "closing without greeting")
            return
        if self.mode == "421":
            await self.send("421 4.3.2 Service not available, closing transmission channel")
            return
        if self.mode == "554":
            await self.send(f"554 5.3.2 {HOSTNAME} No SMTP service here")
        else:
            await self.send(f"220 {HOSTNAME} ESMTP smtplog-sink")

        while True:
            line = await self.readline()
            if line is None:
                return
            verb, _, arg = line.partition(" ")
            verb = verb.upper()
            if self.mode == "554" and verb != "QUIT":
                await self.send("503 5.5.1 Bad sequence of commands: no SMTP service here")
                continue
            handler = getattr(self, "do_" + verb, None)
            if handler is None:
                await self.send("502 5.5.2 Error: command not recognized")
                continue
            if await handler(arg.strip()) == "quit":
                return

    async def do_EHLO(self, arg):
        if not arg:
            await self.send("501 5.5.4 Syntax: EHLO hostname")
            return
        self.helo = arg
        self.reset()
        await self.send(f"250-{HOSTNAME}\r\n250-PIPELINING\r\n250-SIZE {MAX_SIZE}\r\n"
                        "250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8")

    async def do_HELO(self, arg):
        if not arg:
            await self.send("501 Syntax: HELO hostname")
            return
        self.helo = arg
        self.reset()
        await self.send(f"250 {HOSTNAME}")

    async def do_MAIL(self, arg):
        if self.helo is None:
            await self.send("503 5.5.1 Error: send HELO/EHLO first")
            return
        if self.mail_from is not None:
            await self.send("503 5.5.1 Error: nested MAIL command")
            return
        if not arg.upper().startswith("FROM:"):
            await self.send("501 5.5.4 Syntax: MAIL FROM:<address>")
            return
        addr = extract_addr(arg)
        if addr is None:
            await self.send("501 5.1.7 Bad sender address syntax")
            return
        m = re.search(r"\bSIZE=(\d+)", arg, re.I)
        if m and int(m.group(1)) > MAX_SIZE:
            await self.send("552 5.3.4 Message size exceeds fixed limit")
            return
        self.mail_from = addr
        await self.send("250 2.1.0 Ok")

    async def do_RCPT(self, arg):
        if self.mail_from is None:
            await self.send("503 5.5.1 Error: need MAIL command")
            return
        if not arg.upper().startswith("TO:"):
            await self.send("501 5.5.4 Syntax: RCPT TO:<address>")
            return
        addr = extract_addr(arg)
        if not addr:
            await self.send("501 5.1.3 Bad recipient address syntax")
            return
        reply, data_reply, close_after = rcpt_rule(addr)
        await self.send(reply)
        if close_after:
            return "quit"
        if reply.startswith("2"):
            self.rcpts.append(addr)
            if data_reply and self.data_reply is None:
                self.data_reply = data_reply

    async def do_DATA(self, arg):
        if self.mail_from is None:
            await self.send("503 5.5.1 Error: need MAIL command")
            return
        if not self.rcpts:
            await self.send("554 5.5.1 Error: no valid recipients")
            return
        await self.send("354 End data with <CR><LF>.<CR><LF>")
        size = 0
        while True:
            raw = await self.r.readline()
            if not raw:
                return "quit"
            if raw in (b".\r\n", b".\n"):
                break
            size += len(raw)
        LOG(self.peer, ">", f"[{size} bytes of message data]")
        if self.data_reply:
            await self.send(self.data_reply)
        else:
            qid = f"{int(time.time()) % 100000:05d}{next(_ids):04d}"
            await self.send(f"250 2.0.0 Ok: queued as {qid}")
        self.reset()

    async def do_RSET(self, arg):
        self.reset()
        await self.send("250 2.0.0 Ok")

    async def do_NOOP(self, arg):
        await self.send("250 2.0.0 Ok")

    async def do_VRFY(self, arg):
        await self.send("252 2.0.0 Cannot VRFY user")

    async def do_HELP(self, arg):
        await self.send("214 2.0.0 See RFC 5321")

    async def do_QUIT(self, arg):
        await self.send("221 2.0.0 Bye")
        return "quit"


async def main():
    global LOG
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    ap.add_argument("--listen", action="append", metavar="PORT[:MODE]",
                    help="port to listen on, optionally with mode ok|421|554|close; "
                         "repeatable (default 2525:ok)")
    ap.add_argument("--port", type=int, help="shorthand for --listen PORT")
    ap.add_argument("--greeting", choices=["ok", "421", "554", "close"], default="ok",
                    help="mode for --port (default ok)")
    ap.add_argument("--log", help="append the SMTP transcript to this file (default stderr)")
    args = ap.parse_args()

    LOG = Logger(args.log)
    listens = list(args.listen or [])
    if args.port:
        listens.append(f"{args.port}:{args.greeting}")
    if not listens:
        listens = ["2525:ok"]

    servers = []
    for spec in listens:
        port, _, mode = spec.partition(":")
        mode = mode or "ok"
        if mode not in ("ok", "421", "554", "close"):
            ap.error(f"bad mode in --listen {spec}")

        async def handler(r, w, mode=mode):
            await Session(r, w, mode).run()

        srv = await asyncio.start_server(handler, args.host, int(port), reuse_address=True)
        servers.append(srv)
        LOG("sink", "*", f"listening on {args.host}:{port} mode={mode}")

    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
