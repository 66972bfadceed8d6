"""A meedenker's availability as set in the workspace: away until a date, or no new inwoners for now.

Kept apart from the network file (by sleutel), so an import neither needs it nor undoes it. Matching reads it
on every search (one small query), so a change counts from the next chat message on: no restart, no import.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.models import Beschikbaarheid
from bot.tijd import nu

MAX_AFWEZIG = dt.timedelta(days=366)


class BeschikbaarheidFout(Exception):
    """Refused: the message is Dutch, for the person who filled in the form."""


@dataclass(frozen=True)
class Stand:
    afwezig_tot: dt.date | None = None
    geen_nieuwe: bool = False

    def beschikbaar(self, vandaag: dt.date) -> bool:
        return not self.geen_nieuwe and not (self.afwezig_tot and self.afwezig_tot >= vandaag)


def stand(session: Session, sleutel: str) -> Stand:
    row = session.scalars(select(Beschikbaarheid).where(Beschikbaarheid.sleutel == sleutel)).first()
    return Stand(row.afwezig_tot, row.geen_nieuwe) if row else Stand()


def alle(session: Session) -> dict[str, Stand]:
    return {r.sleutel: Stand(r.afwezig_tot, r.geen_nieuwe) for r in session.scalars(select(Beschikbaarheid))}


def zet(session: Session, sleutel: str, *, afwezig_tot: dt.date | None, geen_nieuwe: bool, door: str,
        vandaag: dt.date) -> Stand:
    if afwezig_tot is not None:
        if afwezig_tot < vandaag:
            raise BeschikbaarheidFout(f"'Afwezig tot en met' ({afwezig_tot:%d-%m-%Y}) ligt in het verleden. Laat het "
                                      "vak leeg als je er weer bent.")
        if afwezig_tot > vandaag + MAX_AFWEZIG:
            raise BeschikbaarheidFout("'Afwezig tot en met' ligt meer dan een jaar vooruit. Kies dan 'Ik neem geen "
                                      "nieuwe inwoners aan'.")
    row = session.scalars(select(Beschikbaarheid).where(Beschikbaarheid.sleutel == sleutel)).first()
    if row is None:
        row = Beschikbaarheid(sleutel=sleutel)
        session.add(row)
    row.afwezig_tot, row.geen_nieuwe, row.gewijzigd, row.door = afwezig_tot, geen_nieuwe, nu(), door
    return Stand(afwezig_tot, geen_nieuwe)


def niet_beschikbaar(session: Session, vandaag: dt.date) -> set[str]:
    """Sleutels of meedenkers who take no new inwoners today."""
    return set(session.scalars(select(Beschikbaarheid.sleutel).where(
        or_(Beschikbaarheid.geen_nieuwe.is_(True), Beschikbaarheid.afwezig_tot >= vandaag))))
