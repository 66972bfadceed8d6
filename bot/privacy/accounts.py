"""Workspace accounts: argon2id password hashes checked for strength, sign-in with a throttle that a stranger
cannot turn into a lock-out, server-side sessions that can be ended, demo accounts.

There are no default passwords: accounts are made with `bot users add`, or with random passwords by
`demo_accounts` for a first local run.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import os
import re
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.config import PROJECT_ROOT
from bot.models import Aanmeldpoging, AanmeldSlot, Gebruiker, Sessie
from bot.tijd import nu as _now

log = logging.getLogger("werkplek.aanmelden")

COORDINATOR = "coordinator"
MEEDENKER = "meedenker"
BELEID = "beleid"
ADVIESRAAD = "adviesraad"  # the adviesraad or cliëntenraad: the report, nothing else
ROLLEN = {COORDINATOR: "Coördinator", MEEDENKER: "Meedenker", BELEID: "Beleid", ADVIESRAAD: "Adviesraad"}
MIN_WACHTWOORD = 12
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


def normaliseer(gebruikersnaam: str) -> str:
    return (gebruikersnaam or "").strip().lower()


def controleer_koppeling(session: Session, rol: str, meedenker_sleutel: str | None) -> str | None:
    """A meedenker account belongs to exactly one meedenker of the network; other roles to none."""
    from bot.models import Meedenker

    sleutel = (meedenker_sleutel or "").strip().lower() or None
    if rol != MEEDENKER:
        if sleutel:
            raise AccountFout(f"Alleen een account met de rol '{MEEDENKER}' hoort bij een meedenker.")
        return None
    if not sleutel:
        raise AccountFout("Een meedenkersaccount hoort bij een meedenker: geef zijn sleutel uit het "
                          "netwerkbestand mee met --meedenker.")
    if session.scalars(select(Meedenker.id).where(Meedenker.sleutel == sleutel)).first() is None:
        raise AccountFout(f"Er is geen meedenker met de sleutel '{sleutel}' in het netwerk. Kijk in de kolom "
                          "'sleutel' van het netwerkbestand, of lees het bestand eerst in.")
    return sleutel


def controleer_email(email: str | None) -> str | None:
    from email_validator import EmailNotValidError, validate_email

    if not (email or "").strip():
        return None
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise AccountFout(f"'{email}' is geen geldig e-mailadres ({exc}).")


def maak_gebruiker(session: Session, gebruikersnaam: str, wachtwoord: str, rol: str, naam: str | None = None,
                   now: dt.datetime | None = None, meedenker_sleutel: str | None = None,
                   email: str | None = None) -> Gebruiker:
    gebruikersnaam = normaliseer(gebruikersnaam)
    if not _GEBRUIKERSNAAM.match(gebruikersnaam):
        raise AccountFout("Een gebruikersnaam heeft 2 tot 100 tekens: kleine letters, cijfers, punt, streepje "
                          "of liggend streepje, en begint met een letter of cijfer.")
    if rol not in ROLLEN:
        raise AccountFout(f"Onbekende rol '{rol}'. Kies uit: {', '.join(ROLLEN)}.")
    meedenker_sleutel = controleer_koppeling(session, rol, meedenker_sleutel)
    email = controleer_email(email)
    controleer_wachtwoord(wachtwoord, gebruikersnaam, naam)
    if session.scalars(select(Gebruiker).where(Gebruiker.gebruikersnaam == gebruikersnaam)).first():
        raise AccountFout(f"De gebruikersnaam '{gebruikersnaam}' bestaat al.")
    gebruiker = Gebruiker(gebruikersnaam=gebruikersnaam, naam=(naam or "").strip() or gebruikersnaam, rol=rol,
                          wachtwoord_hash=_hasher.hash(wachtwoord), actief=True, aangemaakt=now or _now(),
                          meedenker_sleutel=meedenker_sleutel, email=email)
    session.add(gebruiker)
    return gebruiker


# Words that make a password easy to guess here, besides zxcvbn's own (English) lists.
EIGEN_WOORDEN = ["wachtwoord", "welkom", "werkplek", "meedenker", "meedenkers", "coordinator", "coördinator",
                 "beleid", "gemeente", "lindeveld", "geheim", "inloggen", "aanmelden"]
MIN_STERKTE = 3  # zxcvbn's score 0-4: 3 is "safely unguessable", beyond 10^8 guesses


def controleer_wachtwoord(wachtwoord: str, gebruikersnaam: str, naam: str | None = None) -> None:
    """Refuse short or guessable passwords (zxcvbn, with the user's own names), with a Dutch reason."""
    from zxcvbn import zxcvbn

    wachtwoord = wachtwoord or ""
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise AccountFout(f"Het wachtwoord moet minstens {MIN_WACHTWOORD} tekens lang zijn.")
    eigen = [w for w in (normaliseer(gebruikersnaam), *(normaliseer(naam or "").split())) if len(w) >= 3]
    if any(w in wachtwoord.lower() for w in eigen):
        raise AccountFout("Het wachtwoord mag je gebruikersnaam of naam niet bevatten.")
    # zxcvbn's cost grows with the length; the first 100 characters decide.
    if zxcvbn(wachtwoord[:100], user_inputs=eigen + EIGEN_WOORDEN)["score"] < MIN_STERKTE:
        raise AccountFout("Dit wachtwoord is te makkelijk te raden. Kies bijvoorbeeld vier gewone woorden die niet "
                          "bij elkaar horen, of laat een wachtwoordbeheerder er een maken.")


def _verify_dummy(wachtwoord: str) -> None:
    """Spend the same work as a real check, so the response time does not tell whether a name exists."""
    global _dummy_hash
    if _dummy_hash is None or _hasher.check_needs_rehash(_dummy_hash):
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


# The throttle (see docs/security.md): failures are counted per name *and client*, where the client is a browser
# that signed in as this name before (its device cookie) or else the address the request came from (behind the
# gemeente's proxy: the address the proxy reports). A stranger's failures never count against the real user's
# browser. Refused attempts are not checked and not counted, so a lock ends on time even while someone keeps
# trying. Counting and reserving an attempt happen under one lock (AanmeldSlot), so parallel guesses cannot slip
# past the limit.
MAX_PER_CLIENT = 5  # failures for one name from one client
MAX_PER_NAAM = 20  # failures for one name from all clients without its device cookie (spread-out guessing)
MAX_PER_ADRES = 30  # failures from one address over all names (one password tried on many names)
BEZIG, GELUKT, MISLUKT, GEWEIGERD = "bezig", "gelukt", "mislukt", "geweigerd"
TELT_ALS_FOUT = (BEZIG, MISLUKT)  # an attempt being checked right now counts as a failure until it is known


def client_key(ip: str, apparaat: str | None = None) -> str:
    return f"apparaat:{apparaat}" if apparaat else f"adres:{ip or '-'}"


def _vrij_vanaf(session: Session, where, limit: int, since: dt.datetime) -> dt.datetime | None:
    """When `limit` failures matching `where` fall in the window: the moment the oldest of them leaves it."""
    times = list(session.scalars(
        select(Aanmeldpoging.tijd).where(where, Aanmeldpoging.uitkomst.in_(TELT_ALS_FOUT),
                                         Aanmeldpoging.tijd > since)
        .order_by(Aanmeldpoging.tijd.desc()).limit(limit)))
    return times[-1] + VENSTER if len(times) >= limit else None


def geblokkeerd_tot(session: Session, gebruikersnaam: str, ip: str, apparaat: str | None = None,
                    now: dt.datetime | None = None) -> dt.datetime | None:
    """The moment this client may try this name again, or None when it may now."""
    now = now or _now()
    since = now - VENSTER
    naam = normaliseer(gebruikersnaam)
    checks = [(and_(Aanmeldpoging.gebruikersnaam == naam, Aanmeldpoging.client == client_key(ip, apparaat)),
               MAX_PER_CLIENT),
              (Aanmeldpoging.ip == ip, MAX_PER_ADRES)]
    if apparaat is None:  # a browser this user signed in with before is not slowed by strangers' guesses
        checks.append((and_(Aanmeldpoging.gebruikersnaam == naam, Aanmeldpoging.client.like("adres:%")),
                       MAX_PER_NAAM))
    found = [t for where, limit in checks if (t := _vrij_vanaf(session, where, limit, since)) is not None]
    return max(found) if found else None


def _reserveer(sessions: sessionmaker, naam: str, ip: str, apparaat: str | None,
               now: dt.datetime) -> tuple[int | None, dt.datetime | None]:
    """(id of a reserved attempt, None), or (None, until when) when this client must wait."""
    with sessions() as session, session.begin():
        # First statement of the transaction: takes the lock that the other reservations wait for.
        session.execute(update(AanmeldSlot).where(AanmeldSlot.id == 1).values(teller=AanmeldSlot.teller + 1))
        tot = geblokkeerd_tot(session, naam, ip, apparaat, now)
        poging = Aanmeldpoging(tijd=now, gebruikersnaam=naam[:100] or "-", ip=(ip or "-")[:64],
                               client=client_key(ip, apparaat)[:100], uitkomst=GEWEIGERD if tot else BEZIG)
        session.add(poging)
        session.flush()
        return (None, tot) if tot else (poging.id, None)


def aanmelden(sessions: sessionmaker, gebruikersnaam: str, wachtwoord: str, ip: str,
              apparaat: str | None = None, now: dt.datetime | None = None) -> Gebruiker:
    """Check a sign-in and record the attempt; raises AccountFout with the Dutch message on refusal.

    `apparaat`: the id from a valid device cookie of this name (None without one). Returns the user,
    detached from any session (its id and role are what the caller needs)."""
    now = now or _now()
    naam = normaliseer(gebruikersnaam)
    poging_id, tot = _reserveer(sessions, naam, ip, apparaat, now)
    if poging_id is None:
        log.warning("Aanmelden geweigerd (te veel mislukte pogingen): gebruikersnaam=%r ip=%s", naam, ip)
        minuten = max(1, math.ceil((tot - now).total_seconds() / 60))
        raise Geblokkeerd(f"Te veel mislukte pogingen. Probeer het over {minuten} "
                          f"{'minuut' if minuten == 1 else 'minuten'} opnieuw.")
    with sessions() as session, session.begin():
        gebruiker = controleer(session, naam, wachtwoord)
        session.get(Aanmeldpoging, poging_id).uitkomst = GELUKT if gebruiker else MISLUKT
    if gebruiker is None:
        log.warning("Aanmelden mislukt: gebruikersnaam=%r ip=%s", naam, ip)
        raise AccountFout("De gebruikersnaam of het wachtwoord klopt niet.")
    log.info("Aangemeld: gebruikersnaam=%r ip=%s", naam, ip)
    return gebruiker


# --- sessions: server-side, so they can be ended -------------------------------------------------
SESSIE_MAX = dt.timedelta(hours=8)  # signed in at most this long
SESSIE_INACTIEF = dt.timedelta(minutes=30)  # and not longer than this without a request
_BIJWERKEN = dt.timedelta(seconds=60)  # last-seen is written at most once a minute


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def nieuwe_sessie(session: Session, gebruiker: Gebruiker, now: dt.datetime | None = None) -> str:
    """A new session for this user; returns the token for the cookie (only its hash is stored)."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    session.add(Sessie(token_hash=_hash(token), gebruiker_id=gebruiker.id, aangemaakt=now, laatst_gezien=now))
    return token


def sessie_gebruiker(session: Session, token: str | None, now: dt.datetime | None = None
                     ) -> tuple[Gebruiker | None, str | None]:
    """(user, None) for a live session, else (None, why): 'verlopen' (idle or too old) or 'onbekend'.
    An ended session is deleted."""
    if not token:
        return None, "onbekend"
    now = now or _now()
    sessie = session.scalars(select(Sessie).where(Sessie.token_hash == _hash(token))).first()
    if sessie is None:
        return None, "onbekend"
    gebruiker = session.get(Gebruiker, sessie.gebruiker_id)
    if gebruiker is None or not gebruiker.actief:
        session.delete(sessie)
        return None, "onbekend"
    if now - sessie.aangemaakt > SESSIE_MAX or now - sessie.laatst_gezien > SESSIE_INACTIEF:
        session.delete(sessie)
        return None, "verlopen"
    if now - sessie.laatst_gezien >= _BIJWERKEN:
        sessie.laatst_gezien = now
    return gebruiker, None


def beeindig_sessie(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(Sessie).where(Sessie.token_hash == _hash(token)))


def beeindig_sessies(session: Session, gebruiker: Gebruiker) -> int:
    """End every session of this user (password changed, account deactivated)."""
    return session.execute(delete(Sessie).where(Sessie.gebruiker_id == gebruiker.id)).rowcount


def vind(session: Session, gebruikersnaam: str) -> Gebruiker:
    gebruiker = session.scalars(select(Gebruiker).where(
        Gebruiker.gebruikersnaam == normaliseer(gebruikersnaam))).first()
    if gebruiker is None:
        raise AccountFout(f"Er is geen account '{normaliseer(gebruikersnaam)}'.")
    return gebruiker


def wijzig_wachtwoord(session: Session, gebruiker: Gebruiker, wachtwoord: str) -> int:
    """Set a new password and end every session of the user; returns how many sessions ended."""
    controleer_wachtwoord(wachtwoord, gebruiker.gebruikersnaam, gebruiker.naam)
    gebruiker.wachtwoord_hash = _hasher.hash(wachtwoord)
    return beeindig_sessies(session, gebruiker)


def zet_actief(session: Session, gebruiker: Gebruiker, actief: bool) -> int:
    """(De)activate an account; deactivation ends its sessions at once. Returns how many ended."""
    gebruiker.actief = actief
    return 0 if actief else beeindig_sessies(session, gebruiker)


def verwijder_verlopen_sessies(session: Session, now: dt.datetime | None = None) -> int:
    now = now or _now()
    return session.execute(delete(Sessie).where(
        (Sessie.aangemaakt < now - SESSIE_MAX) | (Sessie.laatst_gezien < now - SESSIE_INACTIEF))).rowcount


def demo_accounts(session: Session) -> list[tuple[Gebruiker, str]]:
    """Only when there are no users at all: a coordinator, a meedenker (the demo network's Anna, when the
    network has her) and a policy account, with random passwords. Their mails go to example addresses."""
    from bot.models import Meedenker

    if session.scalar(select(func.count()).select_from(Gebruiker)):
        return []
    anna = session.scalars(select(Meedenker.sleutel).where(Meedenker.sleutel == "vml-anna")).first()
    made = []
    for gebruikersnaam, rol, naam, sleutel in (
            ("coordinator", COORDINATOR, "Demo-coördinator", None),
            *([("meedenker", MEEDENKER, "Anna de Vries (demo-meedenker)", anna)] if anna else []),
            ("beleid", BELEID, "Demo-beleidsmedewerker", None)):
        wachtwoord = secrets.token_urlsafe(15)
        email = f"{gebruikersnaam}@demo.example" if rol != BELEID else None
        made.append((maak_gebruiker(session, gebruikersnaam, wachtwoord, rol, naam, meedenker_sleutel=sleutel,
                                    email=email), wachtwoord))
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

