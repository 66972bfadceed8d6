"""Warm handover: what an inwoner consented to pass on, and what coordinators and meedenkers do with it.

The trajectory: nieuw -> opgepakt (a coordinator) -> toegewezen (to a meedenker) -> aangenomen (the meedenker
took it on; or declined, back to the coordinator) -> in contact (first contact's date) -> afgerond, with an
outcome. A meedenker who wants a colleague (volunteer to professional or back) hands it back to the coordinator,
who assigns again: the history keeps every step.

Every change records who did it and when (OverdrachtGebeurtenis). Withdrawal by the inwoner erases the
transcript and contact details at once; only a stub remains so a coordinator knows not to call.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.models import Mail, Overdracht, OverdrachtGebeurtenis, TranscriptRegel
from bot.overdracht.contact import MOMENTEN, Contact, parse
from bot.overdracht.transcript import Regel
from bot.tijd import lokale_dag, werkdagen_tussen
from bot.tijd import nu as now
from bot.vocabulaire import (
    BEKEND_VIA,
    DOELGROEPEN,
    DOORVERWIJZINGEN,
    KANALEN,
    LEVENSDOMEINEN,
    NAMENS,
    ONDERWERPEN,
    TALEN,
    UITKOMSTEN_OVERDRACHT,
    VERWIJZERS,
)

NIEUW = "nieuw"
OPGEPAKT = "opgepakt"
TOEGEWEZEN = "toegewezen"
AANGENOMEN = "geaccepteerd"
IN_CONTACT = "in_contact"
AFGEROND = "afgerond"
INGETROKKEN = "ingetrokken"
STATUSSEN = {NIEUW: "Nieuw", OPGEPAKT: "Opgepakt", TOEGEWEZEN: "Toegewezen", AANGENOMEN: "Aangenomen",
             IN_CONTACT: "In contact", AFGEROND: "Afgerond", INGETROKKEN: "Ingetrokken door inwoner"}
OPEN = (NIEUW, OPGEPAKT, TOEGEWEZEN, AANGENOMEN, IN_CONTACT)
BIJ_MEEDENKER = (AANGENOMEN, IN_CONTACT)
INWONER = "inwoner"
MAX_TEKST = 4000


class OverdrachtFout(Exception):
    """A change that is not allowed in the handover's current state; the message is Dutch, for the user."""


@dataclass(frozen=True)
class Gekozen:
    """Snapshot of a meedenker: the network may be re-imported, the handover must keep its meaning."""

    sleutel: str
    naam: str
    organisatie: str
    soort: str | None = None  # vrijwillig | beroepsmatig


def maak(session: Session, *, gesprek_id: str, contact_manier: str, contact_gegeven: str,
         contact_moment: str | None, transcript: list[Regel], gekozen: Gekozen | None = None,
         levensdomein: str | None = None, onderwerp: str | None = None, wijk: str | None = None,
         doelgroep: str | None = None, taalniveau: str | None = None, taal: str | None = None,
         namens: str | None = None, huisbezoek: bool = False, tijd: dt.datetime | None = None,
         kanaal: str | None = None, verwijzer: str | None = None) -> Overdracht:
    tijd = tijd or now()
    o = Overdracht(
        referentie=str(uuid.uuid4()), gesprek_id=gesprek_id, aangemaakt=tijd, status=NIEUW, kanaal=kanaal,
        verwijzer=verwijzer,
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


@dataclass(frozen=True)
class Registratie:
    """A question that came in another way than the chat: by phone, at a wijkpunt, by e-mail or from a
    verwijzer. The same handover, without a transcript; the person registering confirms consent."""

    kanaal: str
    levensdomein: str
    verwijzer: str | None = None
    onderwerp: str | None = None
    wijk: str | None = None
    doelgroep: str | None = None
    namens: str | None = None
    taal: str | None = None
    contact_manier: str | None = None
    contact_gegeven: str | None = None
    contact_moment: str | None = None
    toelichting: str | None = None
    toestemming: bool = False
    bekend_via: str | None = None  # "Hoe kent u ons?"
    vragenlijst_mag: bool = False  # the inwoner may get the experience questionnaire afterwards


def registreer(session: Session, r: Registratie, gebruiker: str, *, wijken: dict[str, str],
               meedenker: Gekozen | None = None) -> Overdracht:
    """Register a question; a meedenker who registers it takes it on at once. Raises OverdrachtFout."""
    if r.kanaal not in KANALEN:
        raise OverdrachtFout("Kies hoe de vraag binnenkwam.")
    if r.kanaal == "verwijzer" and r.verwijzer not in VERWIJZERS:
        raise OverdrachtFout("Kies wie de inwoner verwees.")
    if r.levensdomein not in LEVENSDOMEINEN:
        raise OverdrachtFout("Kies het levensdomein van de vraag.")
    if r.onderwerp and r.onderwerp not in ONDERWERPEN.get(r.levensdomein, {}):
        raise OverdrachtFout("Dit onderwerp hoort niet bij het gekozen levensdomein.")
    for waarde, toegestaan, wat in ((r.wijk, wijken, "wijk"), (r.doelgroep, DOELGROEPEN, "doelgroep"),
                                    (r.namens, NAMENS, "relatie"), (r.taal, TALEN, "taal"),
                                    (r.bekend_via, BEKEND_VIA, "antwoord op 'Hoe kent u ons?'")):
        if waarde and waarde not in toegestaan:
            raise OverdrachtFout(f"Onbekende {wat}: kies uit de lijst.")
    if not r.toestemming:
        raise OverdrachtFout("Vraag de inwoner eerst om toestemming om de vraag en de contactgegevens vast te "
                             "leggen, en vink dat aan.")
    if r.contact_manier not in ("telefoon", "email"):
        raise OverdrachtFout("Kies hoe de meedenker de inwoner kan bereiken: telefoon of e-mail.")
    contact = parse(r.contact_gegeven)
    if not isinstance(contact, Contact) or contact.manier != r.contact_manier:
        raise OverdrachtFout("Dit telefoonnummer klopt niet. Schrijf het met netnummer, bijvoorbeeld 06 12345678."
                             if r.contact_manier == "telefoon" else
                             "Dit e-mailadres klopt niet. Het ziet eruit als naam@voorbeeld.nl.")
    gegeven = contact.gegeven
    if r.contact_moment and r.contact_moment not in MOMENTEN:
        raise OverdrachtFout("Kies een moment uit de lijst.")
    toelichting = (r.toelichting or "").strip()
    if len(toelichting) > MAX_TEKST:
        raise OverdrachtFout(f"De toelichting mag hoogstens {MAX_TEKST} tekens lang zijn.")
    o = maak(session, gesprek_id=f"geregistreerd-{uuid.uuid4()}", contact_manier=r.contact_manier,
             contact_gegeven=gegeven, contact_moment=r.contact_moment or None, transcript=[],
             levensdomein=r.levensdomein, onderwerp=r.onderwerp or None, wijk=r.wijk or None,
             doelgroep=r.doelgroep or None, namens=r.namens or None, taal=r.taal or None, kanaal=r.kanaal,
             verwijzer=r.verwijzer if r.kanaal == "verwijzer" else None)
    o.bekend_via, o.vragenlijst_mag = r.bekend_via or None, r.vragenlijst_mag
    wie = f"{KANALEN[r.kanaal].lower()}" + (f" ({VERWIJZERS[r.verwijzer]})" if o.verwijzer else "")
    o.gebeurtenissen[0].gebruiker = gebruiker
    o.gebeurtenissen[0].tekst = f"Vraag geregistreerd: {wie}; toestemming van de inwoner bevestigd"
    if toelichting:
        _log(o, gebruiker, "notitie", toelichting)
    if meedenker is not None:
        o.gekozen_sleutel, o.gekozen_naam, o.gekozen_organisatie = meedenker.sleutel, meedenker.naam, \
            meedenker.organisatie
        _wijs(o, meedenker)
        o.status, o.geaccepteerd = AANGENOMEN, now()
        _log(o, gebruiker, "aangenomen", "Zelf geregistreerd")
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
        # Nothing more is sent about it; an unsent invitation to the questionnaire holds the inwoner's address.
        session.execute(delete(Mail).where(Mail.referentie == o.referentie, Mail.verstuurd.is_(None)))
        o.status = INGETROKKEN
        o.afgerond = now()  # the retention period of the remaining stub starts now
        o.gebeurtenissen.append(OverdrachtGebeurtenis(tijd=now(), gebruiker=INWONER, soort="ingetrokken",
                                                      tekst="Gesprek verwijderd door de inwoner"))
        count += 1
    return count


def vragenlijst_mag(session: Session, gesprek_id: str) -> bool:
    """The inwoner said yes in the chat to a questionnaire afterwards: noted on this conversation's newest open
    handover. False when there is none."""
    o = session.scalars(select(Overdracht).where(Overdracht.gesprek_id == gesprek_id, Overdracht.status.in_(OPEN))
                        .order_by(Overdracht.aangemaakt.desc(), Overdracht.id.desc())).first()
    if o is None:
        return False
    o.vragenlijst_mag = True
    _log(o, INWONER, "vragenlijst", "Wil achteraf een vragenlijst krijgen (gezegd in de chat)")
    return True


def lijst(session: Session, *, status: str | None = None, organisatie: str | None = None,
          levensdomein: str | None = None, meedenker: str | None = None) -> list[Overdracht]:
    """Handovers for the list view, oldest waiting first (open ones), then the rest newest first.
    `meedenker`: only those assigned to this meedenker (a sleutel)."""
    query = select(Overdracht)
    if meedenker is not None:
        query = query.where(Overdracht.toegewezen_sleutel == meedenker)
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


def _wijs(o: Overdracht, meedenker: Gekozen) -> None:
    o.toegewezen_sleutel, o.toegewezen_naam = meedenker.sleutel, meedenker.naam
    o.toegewezen_organisatie, o.toegewezen_soort = meedenker.organisatie, meedenker.soort
    o.toegewezen_op, o.geaccepteerd = now(), None


def wijs_toe(o: Overdracht, gebruiker: str, meedenker: Gekozen) -> None:
    _wijzigbaar(o)
    _wijs(o, meedenker)
    o.behandelaar = o.behandelaar or gebruiker
    o.status = TOEGEWEZEN
    _log(o, gebruiker, "toegewezen", f"{meedenker.naam} ({meedenker.organisatie})")


def _van_meedenker(o: Overdracht, sleutel: str, statussen: tuple[str, ...], wat: str) -> None:
    _wijzigbaar(o)
    if o.toegewezen_sleutel != sleutel:
        raise OverdrachtFout("Deze overdracht is niet (meer) aan jou toegewezen.")
    if o.status not in statussen:
        raise OverdrachtFout(wat)


def _reden(reden: str | None, wat: str) -> str:
    reden = (reden or "").strip()
    if not reden:
        raise OverdrachtFout(f"Schrijf kort op waarom je {wat}; de coördinator leest het.")
    if len(reden) > MAX_TEKST:
        raise OverdrachtFout(f"De reden mag hoogstens {MAX_TEKST} tekens lang zijn.")
    return reden


def neem_aan(o: Overdracht, gebruiker: str, sleutel: str) -> None:
    """The assigned meedenker takes the handover on."""
    _van_meedenker(o, sleutel, (TOEGEWEZEN,), "Deze overdracht is al aangenomen.")
    o.status, o.geaccepteerd = AANGENOMEN, now()
    _log(o, gebruiker, "aangenomen")


def _terug(o: Overdracht) -> None:
    o.toegewezen_sleutel = o.toegewezen_naam = o.toegewezen_organisatie = o.toegewezen_soort = None
    o.toegewezen_op = o.geaccepteerd = None
    o.status = OPGEPAKT if o.behandelaar else NIEUW


def wijs_af(o: Overdracht, gebruiker: str, sleutel: str, reden: str) -> None:
    """The assigned meedenker declines: back to the coordinator, with the reason in the history."""
    _van_meedenker(o, sleutel, (TOEGEWEZEN,), "Je hebt deze overdracht al aangenomen. Vraag de coördinator om "
                                              "een collega als een ander beter past.")
    reden = _reden(reden, "de overdracht niet aanneemt")
    _terug(o)
    _log(o, gebruiker, "afgewezen", reden)


def vraag_collega(o: Overdracht, gebruiker: str, sleutel: str, reden: str) -> None:
    """The meedenker asks the coordinator for a colleague (volunteer to professional or back)."""
    _van_meedenker(o, sleutel, BIJ_MEEDENKER, "Neem de overdracht eerst aan, of wijs hem af.")
    reden = _reden(reden, "een collega vraagt")
    o.via_soort = o.toegewezen_soort
    _terug(o)
    _log(o, gebruiker, "collega_gevraagd", reden)


def leg_contact_vast(o: Overdracht, gebruiker: str, datum: dt.date | None, vandaag: dt.date,
                     sleutel: str | None = None) -> None:
    """The day of first contact: not in the future, not before the question came in. `sleutel` is the
    meedenker's (None: a coordinator)."""
    if sleutel is not None:
        _van_meedenker(o, sleutel, BIJ_MEEDENKER, "Neem de overdracht eerst aan.")
    else:
        _wijzigbaar(o)
    if datum is None:
        raise OverdrachtFout("Vul de datum van het eerste contact in als dag-maand-jaar, bijvoorbeeld "
                             f"{vandaag:%d-%m-%Y}.")
    if datum > vandaag:
        raise OverdrachtFout(f"De datum van het eerste contact ({datum:%d-%m-%Y}) ligt in de toekomst. Vul de dag "
                             "in waarop je de inwoner echt gesproken hebt.")
    begin = lokale_dag(o.aangemaakt)
    if datum < begin:
        raise OverdrachtFout(f"De datum van het eerste contact ({datum:%d-%m-%Y}) ligt vóór de dag waarop de vraag "
                             f"binnenkwam ({begin:%d-%m-%Y}).")
    o.eerste_contact = datum
    if o.status == AANGENOMEN:
        o.status = IN_CONTACT
    _log(o, gebruiker, "eerste_contact", f"{datum:%d-%m-%Y}")


def notitie(o: Overdracht, gebruiker: str, tekst: str) -> None:
    tekst = (tekst or "").strip()
    if not tekst:
        raise OverdrachtFout("Een notitie mag niet leeg zijn.")
    if len(tekst) > MAX_TEKST:
        raise OverdrachtFout(f"Een notitie mag hoogstens {MAX_TEKST} tekens lang zijn.")
    if o.status == INGETROKKEN:
        raise OverdrachtFout("Deze overdracht is ingetrokken door de inwoner en kan niet meer worden gewijzigd.")
    _log(o, gebruiker, "notitie", tekst)


def rond_af(o: Overdracht, gebruiker: str, uitkomst: str | None, doorverwezen_naar: str | None = None,
            sleutel: str | None = None) -> None:
    """Close with an outcome. `sleutel`: the meedenker's (None: a coordinator, who may close any open one)."""
    if sleutel is not None:
        _van_meedenker(o, sleutel, BIJ_MEEDENKER, "Neem de overdracht eerst aan.")
    else:
        _wijzigbaar(o)
    if uitkomst not in UITKOMSTEN_OVERDRACHT:
        raise OverdrachtFout("Kies de uitkomst: wat is er met de vraag van de inwoner gebeurd?")
    if uitkomst == "doorverwezen":
        if doorverwezen_naar not in DOORVERWIJZINGEN:
            raise OverdrachtFout("Kies waarheen de inwoner is doorverwezen.")
    else:
        doorverwezen_naar = None
    if uitkomst in ("ondersteuning", "doorverwezen") and o.eerste_contact is None:
        raise OverdrachtFout("Vul eerst de datum van het eerste contact in: zonder contact is er geen "
                             "ondersteuning of doorverwijzing.")
    o.status = AFGEROND
    o.afgerond = now()
    o.uitkomst, o.doorverwezen_naar = uitkomst, doorverwezen_naar
    o.behandelaar = o.behandelaar or gebruiker
    tekst = UITKOMSTEN_OVERDRACHT[uitkomst] + (f": {DOORVERWIJZINGEN[doorverwezen_naar]}" if doorverwezen_naar
                                               else "")
    _log(o, gebruiker, "afgerond", tekst)


def uitkomst_signaal(o: Overdracht) -> dict:
    """The categories of the anonymous outcome signal of a closed handover: nothing that leads back to it."""
    # Working days, as REACTIETIJD promises them: a question on Friday answered on Monday waited one.
    dagen = werkdagen_tussen(lokale_dag(o.aangemaakt), o.eerste_contact) if o.eerste_contact else None
    return dict(levensdomein=o.levensdomein, onderwerp=o.onderwerp, doelgroep=o.doelgroep, wijk=o.wijk,
                taalniveau=o.taalniveau, kanaal=o.kanaal, verwijzer=o.verwijzer, uitkomst=o.uitkomst,
                doorverwezen_naar=o.doorverwezen_naar, meedenker_soort=o.toegewezen_soort, via_soort=o.via_soort,
                werkdagen_tot_contact=dagen)
