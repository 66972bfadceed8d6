"""A small SMTP relay for the mail tests, run as a real process of its own:

    python -m tests.meldingen.smtp_server PORT MAILDIR [--weiger] [--tls CERT KEY] [--gebruiker NAME --wachtwoord PW]

It listens on 127.0.0.1:PORT (aiosmtpd) and writes every message it accepts into the Maildir MAILDIR, exactly as
received, after a few headers of its own that say how it came in (X-Envelope-From, X-Envelope-To, X-TLS,
X-Aangemeld). It prints "klaar" once it listens and stops cleanly on SIGTERM or SIGINT.

--weiger      answer every RCPT TO with 550 5.7.1 Relaying denied
--tls         offer STARTTLS with this certificate and key, and require it before MAIL FROM
--gebruiker   require AUTH (LOGIN or PLAIN, only after STARTTLS) with this name and --wachtwoord
"""
from __future__ import annotations

import argparse
import mailbox
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

KLAAR = "klaar"


class Maildir:
    """aiosmtpd handler: keep each message in a Maildir (written to tmp/, then moved to new/: readers never
    see half a message)."""

    def __init__(self, folder: str, weiger: bool):
        self.box = mailbox.Maildir(folder, create=True)
        self.weiger = weiger
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.weiger:
            return "550 5.7.1 Relaying denied"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else ""
        trace = (f"X-Envelope-From: {envelope.mail_from}\r\n"
                 f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
                 f"X-TLS: {'ja' if session.ssl else 'nee'}\r\n"
                 f"X-Aangemeld: {login}\r\n").encode()
        with self.lock:
            self.box.add(trace + envelope.original_content)
        return "250 Message accepted for delivery"


def _authenticator(gebruiker: str, wachtwoord: str):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == gebruiker.encode()
              and auth_data.password == wachtwoord.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("maildir")
    parser.add_argument("--weiger", action="store_true")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--gebruiker")
    parser.add_argument("--wachtwoord", default="")
    args = parser.parse_args(argv)
    if args.gebruiker and not args.tls:
        parser.error("--gebruiker needs --tls: a password is only accepted over STARTTLS")

    options: dict = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.tls)
        options.update(tls_context=context, require_starttls=True)
    if args.gebruiker:
        options.update(authenticator=_authenticator(args.gebruiker, args.wachtwoord), auth_required=True,
                       auth_require_tls=True)
    controller = Controller(Maildir(args.maildir, args.weiger), hostname="127.0.0.1", port=args.port,
                            server_hostname="relay.test", **options)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    controller.start()
    print(KLAAR, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
