"""The experience questionnaire after support (Koploper Putten's five statements, Movisie handreiking).

A coordinator or meedenker invites an inwoner once, when a handover was closed with support found and the inwoner
agreed to be asked: by e-mail (a link) or on a printed card (a short code and a QR code). The invitation holds no
reference to the handover or the person, only the hashes of its token and code and the language level of the
page; using it deletes it. The answers keep only the month. So an answer cannot be traced back to who gave it, and a link works once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.models import Overdracht, OverdrachtGebeurtenis, VragenlijstAntwoord, VragenlijstUitnodiging
from bot.tijd import lokale_dag, nu
from bot.vocabulaire import STELLINGEN

GELDIG = dt.timedelta(days=30)
# The code on a card: 12 characters without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B): 60 bits, read aloud easily.
ALFABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTE = 12
MAX_VERBETERPUNT = 1000


class VragenlijstFout(Exception):
    """Refused; the message is Dutch, for the person at the keyboard."""


@dataclass(frozen=True)
class Uitnodiging:
    token: str  # in the link; shown once, only its hash is stored
    code: str  # on the card, as XXXX-XXXX-XXXX
    verloopt: dt.datetime


def _hash(waarde: str) -> str:
    return hashlib.sha256(waarde.encode()).hexdigest()


def normaliseer_code(code: str) -> str:
    """'acde-fghj kmnp' -> 'ACDEFGHJKMNP': what people type from a card."""
    return "".join(c for c in (code or "").upper() if c.isalnum())


def kan_uitnodigen(o: Overdracht) -> str | None:
    """Why this handover cannot get an invitation (Dutch), or None when it can."""
    if o.status != "afgerond" or o.uitkomst != "ondersteuning":
        return "Een vragenlijst kan alleen na een overdracht die is afgerond met passende ondersteuning."
    if not o.vragenlijst_mag:
        return "De inwoner heeft niet aangegeven dat we achteraf een vragenlijst mogen sturen."
    if o.vragenlijst_verstuurd is not None:
        return "Voor deze overdracht is al een vragenlijst gemaakt; een inwoner krijgt er één."
    return None


def nodig_uit(session: Session, o: Overdracht, gebruiker: str, op: dt.datetime | None = None) -> Uitnodiging:
    if (waarom := kan_uitnodigen(o)) is not None:
        raise VragenlijstFout(waarom)
    op = op or nu()
    token = secrets.token_urlsafe(24)
    code = "".join(secrets.choice(ALFABET) for _ in range(CODE_LENGTE))
    session.add(VragenlijstUitnodiging(token_hash=_hash(token), code_hash=_hash(code), verloopt=op + GELDIG,
                                       taalniveau=o.taalniveau))
    o.vragenlijst_verstuurd = op
    o.gebeurtenissen.append(OverdrachtGebeurtenis(tijd=op, gebruiker=gebruiker, soort="vragenlijst",
                                                  tekst="Uitnodiging voor de vragenlijst gemaakt"))
    return Uitnodiging(token, "-".join(code[i:i + 4] for i in range(0, CODE_LENGTE, 4)), op + GELDIG)


def vind(session: Session, sleutel: str, op: dt.datetime | None = None) -> VragenlijstUitnodiging | None:
    """The live invitation for a link token or a card code; None when unknown, used or expired."""
    op = op or nu()
    code = normaliseer_code(sleutel)
    hashes = [_hash(sleutel)] + ([_hash(code)] if len(code) == CODE_LENGTE else [])
    return session.scalars(select(VragenlijstUitnodiging).where(
        or_(VragenlijstUitnodiging.token_hash.in_(hashes), VragenlijstUitnodiging.code_hash.in_(hashes)),
        VragenlijstUitnodiging.verloopt > op)).first()


def scores(form: dict) -> dict[str, int | None]:
    """The five scores from a form: 1-5, or None when skipped; anything else is refused."""
    uit = {}
    for key in STELLINGEN:
        raw = (form.get(key) or "").strip()
        if raw in ("", "weet_niet"):
            uit[key] = None
        elif raw in ("1", "2", "3", "4", "5"):
            uit[key] = int(raw)
        else:
            raise VragenlijstFout("Kies bij elke uitspraak een van de antwoorden.")
    return uit


def beantwoord(session: Session, uitnodiging: VragenlijstUitnodiging, antwoorden: dict[str, int | None],
               verbeterpunt: str | None, op: dt.datetime | None = None) -> VragenlijstAntwoord:
    """Store the answers and delete the invitation, both or neither. `verbeterpunt` must already be scrubbed."""
    op = op or nu()
    # The delete decides: of two submits at once, one deletes the row and the other finds it gone.
    if not session.execute(delete(VragenlijstUitnodiging).where(
            VragenlijstUitnodiging.id == uitnodiging.id)).rowcount:
        raise VragenlijstFout("Deze vragenlijst is al ingevuld.")
    dag = lokale_dag(op)
    antwoord = VragenlijstAntwoord(maand=f"{dag.year}-{dag.month:02d}",
                                   verbeterpunt=(verbeterpunt or "").strip()[:MAX_VERBETERPUNT] or None, **antwoorden)
    session.add(antwoord)
    return antwoord


def verwijder_verlopen(session: Session, op: dt.datetime | None = None) -> int:
    return session.execute(delete(VragenlijstUitnodiging).where(
        VragenlijstUitnodiging.verloopt <= (op or nu()))).rowcount
