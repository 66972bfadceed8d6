"""Sending the outbox: to the gemeente's SMTP relay (MAIL_HOST), or without one to files under MAIL_MAP.

Python's own smtplib speaks SMTP; nothing else is needed. A mail that cannot be sent stays in the outbox with
the reason in Dutch (shown on the coordinators' mail page) and is tried again later, sooner at first and at
most once an hour: never lost, never sent twice by two workspace processes (each claims a mail first).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import smtplib
import ssl
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from sqlalchemy import or_, select, update
from sqlalchemy.orm import sessionmaker

from bot.config import Settings
from bot.meldingen.meldingen import wis_na_versturen
from bot.models import Mail
from bot.tijd import nu

log = logging.getLogger("werkplek.mail")
CLAIM = dt.timedelta(minutes=10)  # a sender that died mid-send frees its mails after this (> one slow send)
MAX_WACHTEN = dt.timedelta(hours=1)
TIMEOUT = 20  # seconds for one SMTP conversation step


class MailFout(Exception):
    """Sending failed; the message is Dutch, for the coordinators' mail page."""


def bericht(mail: Mail, settings: Settings) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.mail_afzender
    msg["To"] = mail.aan
    msg["Subject"] = mail.onderwerp
    msg["Date"] = format_datetime(mail.aangemaakt.replace(tzinfo=dt.timezone.utc))
    msg["Message-ID"] = make_msgid(domain=settings.mail_afzender.rpartition("@")[2] or None)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to the workspace
    msg.set_content(mail.tekst)
    return msg


def _naar_bestand(msg: EmailMessage, folder: Path, mail: Mail) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = folder / f"{mail.aangemaakt:%Y%m%d-%H%M%S}-{mail.id:06d}-{mail.soort}.eml"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(bytes(msg))


def _context(settings: Settings) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=settings.mail_ca or None)


def _via_smtp(msg: EmailMessage, settings: Settings) -> None:
    waar = f"{settings.mail_host}:{settings.mail_port}"
    try:
        with smtplib.SMTP(settings.mail_host, settings.mail_port, timeout=TIMEOUT) as smtp:
            smtp.ehlo()
            if settings.mail_starttls == "ja":
                if not smtp.has_extn("starttls"):
                    raise MailFout(f"De mailserver {waar} biedt geen STARTTLS aan. Er is niets verstuurd. Zet "
                                   "MAIL_STARTTLS=nee alleen voor een mailserver op deze machine.")
                smtp.starttls(context=_context(settings))
                smtp.ehlo()
            if settings.mail_gebruiker:
                if settings.mail_starttls != "ja":
                    raise MailFout("MAIL_GEBRUIKER is ingesteld maar MAIL_STARTTLS staat uit: het wachtwoord zou "
                                   "onversleuteld over het netwerk gaan. Er is niets verstuurd.")
                smtp.login(settings.mail_gebruiker, settings.mail_wachtwoord)
            smtp.send_message(msg)
    except MailFout:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise MailFout(f"De mailserver {waar} weigerde de aanmelding van '{settings.mail_gebruiker}' "
                       f"({exc.smtp_code} {_tekst(exc.smtp_error)}). Controleer MAIL_GEBRUIKER en MAIL_WACHTWOORD.")
    except smtplib.SMTPRecipientsRefused as exc:
        code, reden = next(iter(exc.recipients.values()))
        raise MailFout(f"De mailserver {waar} weigerde het adres {msg['To']} ({code} {_tekst(reden)}).")
    except smtplib.SMTPSenderRefused as exc:
        if exc.smtp_code == 530:  # "must issue STARTTLS first" / "authentication required": not the sender's fault
            raise MailFout(f"De mailserver {waar} wil eerst versleuteling of een aanmelding ({exc.smtp_code} "
                           f"{_tekst(exc.smtp_error)}). Controleer MAIL_STARTTLS, MAIL_GEBRUIKER en MAIL_WACHTWOORD.")
        raise MailFout(f"De mailserver {waar} weigerde de afzender {settings.mail_afzender} "
                       f"({exc.smtp_code} {_tekst(exc.smtp_error)}). Controleer MAIL_AFZENDER.")
    except smtplib.SMTPResponseException as exc:
        raise MailFout(f"De mailserver {waar} weigerde de mail ({exc.smtp_code} {_tekst(exc.smtp_error)}).")
    except ssl.SSLError as exc:
        raise MailFout(f"De versleutelde verbinding met de mailserver {waar} lukte niet: {exc.reason or exc}. "
                       "Klopt het certificaat (of MAIL_CA)?")
    except (smtplib.SMTPException, OSError) as exc:
        raise MailFout(f"De mailserver {waar} is niet bereikbaar ({exc.strerror or exc}).")


def _tekst(reden) -> str:
    return (reden.decode("utf-8", "replace") if isinstance(reden, bytes) else str(reden)).strip()


def verstuur(mail: Mail, settings: Settings) -> str:
    """Send one mail; returns where it went (for the log). Raises MailFout."""
    msg = bericht(mail, settings)
    if not settings.mail_host:
        try:
            _naar_bestand(msg, settings.mail_folder, mail)
        except OSError as exc:
            raise MailFout(f"De mail kon niet in {settings.mail_folder} worden gezet ({exc.strerror or exc}).")
        return str(settings.mail_folder)
    _via_smtp(msg, settings)
    return f"{settings.mail_host}:{settings.mail_port}"


def wachttijd(pogingen: int) -> dt.timedelta:
    """1, 2, 4, ... minutes after each failed attempt, at most an hour."""
    return min(dt.timedelta(minutes=2 ** min(max(pogingen - 1, 0), 6)), MAX_WACHTEN)  # 2**6: past the cap


@dataclass
class Uitslag:
    verstuurd: int = 0
    mislukt: int = 0


def verstuur_wachtende(sessions: sessionmaker, settings: Settings, op: dt.datetime | None = None) -> Uitslag:
    """Send every mail that is due. Each is claimed first, so parallel senders never send one twice."""
    op = op or nu()
    uitslag = Uitslag()
    with sessions() as session:
        due = list(session.scalars(select(Mail.id).where(
            Mail.verstuurd.is_(None), Mail.volgende_poging <= op,
            or_(Mail.bezig_tot.is_(None), Mail.bezig_tot < op)).order_by(Mail.id)))
    for mail_id in due:
        # The claim counts from now, not from the round's start: a long round must not hand out stale claims.
        claim_op = max(op, nu())
        with sessions() as session, session.begin():
            claimed = session.execute(update(Mail).where(
                Mail.id == mail_id, Mail.verstuurd.is_(None),
                or_(Mail.bezig_tot.is_(None), Mail.bezig_tot < claim_op)).values(bezig_tot=claim_op + CLAIM)).rowcount
        if not claimed:
            continue
        with sessions() as session, session.begin():
            mail = session.get(Mail, mail_id)
            try:
                waar = verstuur(mail, settings)
            except MailFout as fout:
                mail.pogingen += 1
                mail.laatste_fout = str(fout)[:500]
                mail.volgende_poging = op + wachttijd(mail.pogingen)
                mail.bezig_tot = None
                uitslag.mislukt += 1
                log.warning("Mail %d (%s) niet verstuurd, poging %d: %s", mail.id, mail.soort, mail.pogingen, fout)
            else:
                mail.pogingen += 1
                mail.verstuurd, mail.laatste_fout, mail.bezig_tot = nu(), None, None
                wis_na_versturen(mail)
                uitslag.verstuurd += 1
                log.info("Mail %d (%s) verstuurd naar %s", mail.id, mail.soort, waar)
    return uitslag


def ronde(sessions: sessionmaker, settings: Settings, op: dt.datetime | None = None) -> Uitslag:
    """One round: queue the reminders that are due, then send what waits."""
    from bot.meldingen import meldingen

    with sessions() as session, session.begin():
        meldingen.herinneringen(session, settings, op)
    return verstuur_wachtende(sessions, settings, op)


def start(settings: Settings, interval: float = 30.0, stop: threading.Event | None = None) -> threading.Thread:
    """Rounds in the workspace process, every `interval` seconds, for as long as it runs."""
    from bot import db

    stop = stop or threading.Event()
    sessions = db.session_factory(settings.database_url)

    def run() -> None:
        while True:
            try:
                ronde(sessions, settings)
            except Exception:  # a database hiccup must not end the mail for good
                log.exception("Mails versturen mislukt; volgende poging over %d seconden.", interval)
            if stop.wait(interval):
                return

    thread = threading.Thread(target=run, name="werkplek-mail", daemon=True)
    thread.start()
    return thread
