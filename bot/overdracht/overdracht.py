"""Warm handover: what an inwoner consented to pass on, and what coordinators do with it.

Every change records who did it and when (OverdrachtGebeurtenis). Withdrawal by the inwoner erases the
transcript and contact details at once; only a stub remains so a coordinator knows not to call.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Overdracht, OverdrachtGebeurtenis, TranscriptRegel
from bot.overdracht.transcript import Regel
from bot.tijd import nu as now

NIEUW = "nieuw"
OPGEPAKT = "opgepakt"
TOEGEWEZEN = "toegewezen"
AFGEROND = "afgerond"
INGETROKKEN = "ingetrokken"
STATUSSEN = {NIEUW: "Nieuw", OPGEPAKT: "Opgepakt", TOEGEWEZEN: "Toegewezen", AFGEROND: "Afgerond",
             INGETROKKEN: "Ingetrokken door inwoner"}
OPEN = (NIEUW, OPGEPAKT, TOEGEWEZEN)
INWONER = "inwoner"


class OverdrachtFout(Exception):
    """A change that is not allowed in the handover's current state; the message is Dutch, for the user."""


@dataclass(frozen=True)
class Gekozen:
    """Snapshot of a meedenker: the network may be re-imported, the handover must keep its meaning."""

    sleutel: str
    naam: str
    organisatie: str


def maak(session: Session, *, gesprek_id: str, contact_manier: str, contact_gegeven: str,
         contact_moment: str | None, transcript: list[Regel], gekozen: Gekozen | None = None,
         levensdomein: str | None = None, onderwerp: str | None = None, wijk: str | None = None,
         doelgroep: str | None = None, taalniveau: str | None = None, taal: str | None = None,
         namens: str | None = None, huisbezoek: bool = False, tijd: dt.datetime | None = None) -> Overdracht:
    tijd = tijd or now()
    o = Overdracht(
        referentie=str(uuid.uuid4()), gesprek_id=gesprek_id, aangemaakt=tijd, status=NIEUW,
        levensdomein=levensdomein, onderwerp=onderwerp, wijk=wijk, doelgroep=doelgroep, taalniveau=taalniveau,
        taal=taal, namens=namens, huisbezoek=huisbezoek, contact_manier=contact_manier, contact_gegeven=contact_gegeven, contact_moment=contact_moment,
        gekozen_sleutel=gekozen.sleutel if gekozen else None, gekozen_naam=gekozen.naam if gekozen else None,
        gekozen_organisatie=gekozen.organisatie if gekozen else None,
    )
    o.berichten = [TranscriptRegel(volgnummer=i, tijd=r.tijd, afzender=r.afzender, tekst=r.tekst)
                   for i, r in enumerate(transcript)]
    o.gebeurtenissen = [OverdrachtGebeurtenis(tijd=tijd, gebruiker=INWONER, soort="aangemaakt",
                                              tekst="Toestemming gegeven in de chat")]
    session.add(o)
    return o


def trek_in(session: Session, gesprek_id: str) -> int:
    """The inwoner erased the conversation: withdraw every handover from it and erase its personal data."""
    count = 0
    for o in session.scalars(select(Overdracht).where(Overdracht.gesprek_id == gesprek_id,
                                                      Overdracht.status != INGETROKKEN)):
        o.berichten.clear()  # delete-orphan: the transcript lines are deleted
        # Notes may quote the inwoner; the history keeps only who did what and when.
        for g in o.gebeurtenissen:
            g.tekst = None
        o.contact_gegeven = None
        o.contact_moment = None
        o.status = INGETROKKEN
        o.afgerond = now()  # the retention period of the remaining stub starts now
        o.gebeurtenissen.append(OverdrachtGebeurtenis(tijd=now(), gebruiker=INWONER, soort="ingetrokken",
                                                      tekst="Gesprek verwijderd door de inwoner"))
        count += 1
    return count


def lijst(session: Session, *, status: str | None = None, organisatie: str | None = None,
          levensdomein: str | None = None) -> list[Overdracht]:
    """Handovers for the list view, oldest waiting first (open ones), then the rest newest first."""
    query = select(Overdracht)
    if status:
        query = query.where(Overdracht.status == status)
    if organisatie:
        query = query.where((Overdracht.gekozen_organisatie == organisatie)
                            | (Overdracht.toegewezen_organisatie == organisatie))
    if levensdomein:
        query = query.where(Overdracht.levensdomein == levensdomein)
    rows = list(session.scalars(query))
    open_rows = sorted((o for o in rows if o.status in OPEN), key=lambda o: o.aangemaakt)
    closed = sorted((o for o in rows if o.status not in OPEN), key=lambda o: o.aangemaakt, reverse=True)
    return open_rows + closed


def organisaties(session: Session) -> list[str]:
    names = set(session.scalars(select(Overdracht.gekozen_organisatie).distinct()))
    names |= set(session.scalars(select(Overdracht.toegewezen_organisatie).distinct()))
    return sorted(n for n in names if n)


def vind(session: Session, referentie: str) -> Overdracht | None:
    return session.scalars(select(Overdracht).where(Overdracht.referentie == referentie)).first()


def wachttijd(o: Overdracht, op: dt.datetime | None = None) -> dt.timedelta:
    end = o.afgerond if o.afgerond else (op or now())
    return end - o.aangemaakt


def _wijzigbaar(o: Overdracht) -> None:
    if o.status == INGETROKKEN:
        raise OverdrachtFout("Deze overdracht is ingetrokken door de inwoner en kan niet meer worden gewijzigd.")
    if o.status == AFGEROND:
        raise OverdrachtFout("Deze overdracht is al afgerond.")


def _log(o: Overdracht, gebruiker: str, soort: str, tekst: str | None = None) -> None:
    o.gebeurtenissen.append(OverdrachtGebeurtenis(tijd=now(), gebruiker=gebruiker, soort=soort, tekst=tekst))


def pak_op(o: Overdracht, gebruiker: str) -> None:
    _wijzigbaar(o)
    if o.behandelaar and o.behandelaar != gebruiker:
        _log(o, gebruiker, "opgepakt", f"Overgenomen van {o.behandelaar}")
    else:
        _log(o, gebruiker, "opgepakt")
    o.behandelaar = gebruiker
    if o.status == NIEUW:
        o.status = OPGEPAKT


def wijs_toe(o: Overdracht, gebruiker: str, meedenker: Gekozen) -> None:
    _wijzigbaar(o)
    o.toegewezen_sleutel, o.toegewezen_naam = meedenker.sleutel, meedenker.naam
    o.toegewezen_organisatie = meedenker.organisatie
    o.behandelaar = o.behandelaar or gebruiker
    o.status = TOEGEWEZEN
    _log(o, gebruiker, "toegewezen", f"{meedenker.naam} ({meedenker.organisatie})")


def notitie(o: Overdracht, gebruiker: str, tekst: str) -> None:
    tekst = (tekst or "").strip()
    if not tekst:
        raise OverdrachtFout("Een notitie mag niet leeg zijn.")
    if len(tekst) > 4000:
        raise OverdrachtFout("Een notitie mag hoogstens 4000 tekens lang zijn.")
    if o.status == INGETROKKEN:
        raise OverdrachtFout("Deze overdracht is ingetrokken door de inwoner en kan niet meer worden gewijzigd.")
    _log(o, gebruiker, "notitie", tekst)


def rond_af(o: Overdracht, gebruiker: str) -> None:
    _wijzigbaar(o)
    o.status = AFGEROND
    o.afgerond = now()
    o.behandelaar = o.behandelaar or gebruiker
    _log(o, gebruiker, "afgerond")
