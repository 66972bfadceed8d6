"""Workspace accounts: argon2id password hashes, sign-in with throttling, demo accounts.

There are no default passwords: accounts are made with `bot users add`, or with random passwords by
`demo_accounts` for a first local run.
"""
from __future__ import annotations

import datetime as dt
import logging
import math
import os
import re
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.config import PROJECT_ROOT
from bot.models import Aanmeldpoging, Gebruiker

log = logging.getLogger("werkplek.aanmelden")

COORDINATOR = "coordinator"
BELEID = "beleid"
ROLLEN = {COORDINATOR: "Coördinator", BELEID: "Beleid"}
MIN_WACHTWOORD = 12
MAX_MISLUKT = 5
VENSTER = dt.timedelta(minutes=15)
DEMO_FILE = PROJECT_ROOT / "var" / "demo-accounts.txt"

_GEBRUIKERSNAAM = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")
# argon2-cffi's defaults are argon2id with the RFC 9106 low-memory profile.
_hasher = PasswordHasher()
_dummy_hash: str | None = None


class AccountFout(Exception):
    """Refused: the message is Dutch, for the person at the keyboard."""


class Geblokkeerd(AccountFout):
    """Too many failed sign-ins: the password was not even checked."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def normaliseer(gebruikersnaam: str) -> str:
    return (gebruikersnaam or "").strip().lower()


def maak_gebruiker(session: Session, gebruikersnaam: str, wachtwoord: str, rol: str, naam: str | None = None,
                   now: dt.datetime | None = None) -> Gebruiker:
    gebruikersnaam = normaliseer(gebruikersnaam)
    if not _GEBRUIKERSNAAM.match(gebruikersnaam):
        raise AccountFout("Een gebruikersnaam heeft 2 tot 100 tekens: kleine letters, cijfers, punt, streepje "
                          "of liggend streepje, en begint met een letter of cijfer.")
    if rol not in ROLLEN:
        raise AccountFout(f"Onbekende rol '{rol}'. Kies uit: {', '.join(ROLLEN)}.")
    if len(wachtwoord or "") < MIN_WACHTWOORD:
        raise AccountFout(f"Het wachtwoord moet minstens {MIN_WACHTWOORD} tekens lang zijn.")
    if session.scalars(select(Gebruiker).where(Gebruiker.gebruikersnaam == gebruikersnaam)).first():
        raise AccountFout(f"De gebruikersnaam '{gebruikersnaam}' bestaat al.")
    gebruiker = Gebruiker(gebruikersnaam=gebruikersnaam, naam=(naam or "").strip() or gebruikersnaam, rol=rol,
                          wachtwoord_hash=_hasher.hash(wachtwoord), actief=True, aangemaakt=now or _now())
    session.add(gebruiker)
    return gebruiker


def _verify_dummy(wachtwoord: str) -> None:
    """Spend the same work as a real check, so the response time does not tell whether a name exists."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    try:
        _hasher.verify(_dummy_hash, wachtwoord)
    except (VerificationError, InvalidHashError):
        pass


def controleer(session: Session, gebruikersnaam: str, wachtwoord: str) -> Gebruiker | None:
    """The active user with this name and password, or None. Rehashes when the parameters changed."""
    gebruiker = session.scalars(select(Gebruiker).where(
        Gebruiker.gebruikersnaam == normaliseer(gebruikersnaam))).first()
    if gebruiker is None or not gebruiker.actief:
        _verify_dummy(wachtwoord or "")
        return None
    try:
        _hasher.verify(gebruiker.wachtwoord_hash, wachtwoord or "")
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(gebruiker.wachtwoord_hash):
        gebruiker.wachtwoord_hash = _hasher.hash(wachtwoord)
    return gebruiker


def geblokkeerd_tot(session: Session, gebruikersnaam: str, ip: str, now: dt.datetime | None = None
                    ) -> dt.datetime | None:
    """When too many recent failures for this name or this address: the moment attempts are allowed again.

    Counted per name and per address separately, so guessing many passwords for one name and trying one
    password on many names are both slowed down.
    """
    now = now or _now()
    since = now - VENSTER
    unblocked: list[dt.datetime] = []
    for column, value in ((Aanmeldpoging.gebruikersnaam, normaliseer(gebruikersnaam)), (Aanmeldpoging.ip, ip)):
        times = list(session.scalars(
            select(Aanmeldpoging.tijd)
            .where(column == value, Aanmeldpoging.gelukt.is_(False), Aanmeldpoging.tijd > since)
            .order_by(Aanmeldpoging.tijd.desc()).limit(MAX_MISLUKT)))
        if len(times) >= MAX_MISLUKT:
            # Free again when the oldest of the last MAX_MISLUKT failures leaves the window.
            unblocked.append(times[-1] + VENSTER)
    return max(unblocked) if unblocked else None


def _record(session: Session, gebruikersnaam: str, ip: str, gelukt: bool, now: dt.datetime) -> None:
    session.add(Aanmeldpoging(tijd=now, gebruikersnaam=normaliseer(gebruikersnaam)[:100] or "-",
                              ip=(ip or "-")[:64], gelukt=gelukt))


def aanmelden(session: Session, gebruikersnaam: str, wachtwoord: str, ip: str,
              now: dt.datetime | None = None) -> Gebruiker:
    """Check a sign-in and record the attempt; raises AccountFout with the Dutch message on refusal."""
    now = now or _now()
    naam = normaliseer(gebruikersnaam)
    tot = geblokkeerd_tot(session, naam, ip, now)
    if tot is not None:
        _record(session, naam, ip, False, now)
        log.warning("Aanmelden geweigerd (te veel mislukte pogingen): gebruikersnaam=%r ip=%s", naam, ip)
        minuten = max(1, math.ceil((tot - now).total_seconds() / 60))
        raise Geblokkeerd(f"Te veel mislukte pogingen. Probeer het over {minuten} "
                          f"{'minuut' if minuten == 1 else 'minuten'} opnieuw.")
    gebruiker = controleer(session, naam, wachtwoord)
    _record(session, naam, ip, gebruiker is not None, now)
    if gebruiker is None:
        log.warning("Aanmelden mislukt: gebruikersnaam=%r ip=%s", naam, ip)
        raise AccountFout("De gebruikersnaam of het wachtwoord klopt niet.")
    log.info("Aangemeld: gebruikersnaam=%r ip=%s", naam, ip)
    return gebruiker


def demo_accounts(session: Session) -> list[tuple[Gebruiker, str]]:
    """Only when there are no users at all: a coordinator and a policy account with random passwords."""
    if session.scalar(select(func.count()).select_from(Gebruiker)):
        return []
    made = []
    for gebruikersnaam, rol, naam in (("coordinator", COORDINATOR, "Demo-coördinator"),
                                      ("beleid", BELEID, "Demo-beleidsmedewerker")):
        wachtwoord = secrets.token_urlsafe(15)
        made.append((maak_gebruiker(session, gebruikersnaam, wachtwoord, rol, naam), wachtwoord))
    return made


def schrijf_demo_bestand(accounts: list[tuple[Gebruiker, str]], path: Path = DEMO_FILE) -> Path:
    """Write the demo passwords to a file only the owner can read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("Demo-accounts voor de werkplek (alleen voor lokaal gebruik; verwijder dit bestand na "
                  "het overnemen van de wachtwoorden).\n")
        for gebruiker, wachtwoord in accounts:
            out.write(f"{gebruiker.gebruikersnaam} ({ROLLEN[gebruiker.rol]}): {wachtwoord}\n")
    return path

