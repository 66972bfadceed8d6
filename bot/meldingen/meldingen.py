"""Which notification mails a change to a handover causes, and to whom. Mails go into the outbox (models.Mail)
in the caller's transaction: the mail exists exactly when the change does.

A mail names no inwoner, no topic, no contact detail: only a short reference and a link into the workspace,
where signing in and the access log stand between the link and any personal data.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.models import Gebruiker, Mail, Meedenker, Overdracht
from bot.tijd import lokale_dag, nu, werkdagen_tussen
from bot.vocabulaire import KANALEN

NIEUW = "nieuwe_overdracht"
TOEGEWEZEN = "toegewezen"
TERUG = "terug_naar_coordinator"
HERINNERING_OPPAKKEN = "herinnering_oppakken"
HERINNERING_CONTACT = "herinnering_contact"
VRAGENLIJST = "vragenlijst"
SOORTEN = {NIEUW: "Nieuwe overdracht", TOEGEWEZEN: "Toegewezen aan meedenker",
           TERUG: "Terug bij de coördinator", HERINNERING_OPPAKKEN: "Herinnering: nog niet opgepakt",
           HERINNERING_CONTACT: "Herinnering: nog geen eerste contact", VRAGENLIJST: "Vragenlijst aan inwoner"}
AAN_INWONER = {VRAGENLIJST}  # the only mails with personal data: the inwoner's address and a one-time link
GEWIST = "(gewist na het versturen)"
ONDERTEKENING = ("\n\nDeze mail bevat geen gegevens van de inwoner. Die staan alleen in de werkplek, achter je "
                 "aanmelding.\n-- \nWerkplek cliëntondersteuning {gemeente}")


def kort(referentie: str) -> str:
    """The reference as people read it aloud: the first 8 characters of the handover's id."""
    return referentie[:8].upper()


def coordinatoren(session: Session, settings: Settings) -> list[str]:
    """Active coordinators with an e-mail address; without any, the network's shared address."""
    adressen = sorted(set(session.scalars(select(Gebruiker.email).where(
        Gebruiker.rol == "coordinator", Gebruiker.actief.is_(True), Gebruiker.email.is_not(None)))))
    return adressen or [settings.meedenkers_email]


def meedenker(session: Session, sleutel: str | None) -> list[str]:
    """The meedenker's own accounts with an address; else the address in the network file; else nobody."""
    if not sleutel:
        return []
    adressen = sorted(set(session.scalars(select(Gebruiker.email).where(
        Gebruiker.meedenker_sleutel == sleutel, Gebruiker.actief.is_(True), Gebruiker.email.is_not(None)))))
    if adressen:
        return adressen
    netwerk = session.scalars(select(Meedenker.email).where(Meedenker.sleutel == sleutel)).first()
    return [netwerk] if netwerk else []


def _link(settings: Settings, o: Overdracht) -> str:
    return f"{settings.werkplek_link}/overdrachten/{o.referentie}"


def _zet(session: Session, soort: str, aan: list[str], o: Overdracht, onderwerp: str, tekst: str,
         settings: Settings, sleutel: str | None = None, tijd: dt.datetime | None = None) -> list[Mail]:
    tijd = tijd or nu()
    made = []
    for adres in aan:
        mail = Mail(soort=soort, sleutel=f"{sleutel}:{adres}" if sleutel else None, referentie=o.referentie,
                    aan=adres, onderwerp=f"{onderwerp} (ref. {kort(o.referentie)})",
                    tekst=tekst + ONDERTEKENING.format(gemeente=settings.gemeente_naam),
                    aangemaakt=tijd, pogingen=0, volgende_poging=tijd)
        session.add(mail)
        made.append(mail)
    return made


def nieuwe_overdracht(session: Session, settings: Settings, o: Overdracht) -> list[Mail]:
    waar = "geregistreerd in de werkplek" if o.kanaal in KANALEN else "via de chat"
    return _zet(session, NIEUW, coordinatoren(session, settings), o, "Nieuwe overdracht",
                f"Er is een nieuwe overdracht ({waar}) met referentie {kort(o.referentie)}. Een inwoner wacht "
                f"op contact; de meedenkers beloven dat binnen {settings.reactietijd}.\n\n"
                f"Bekijk en verdeel hem in de werkplek:\n{_link(settings, o)}", settings)


def toegewezen(session: Session, settings: Settings, o: Overdracht) -> list[Mail]:
    return _zet(session, TOEGEWEZEN, meedenker(session, o.toegewezen_sleutel), o, "Er is een inwoner voor je",
                f"De coördinator heeft een overdracht aan je toegewezen (referentie {kort(o.referentie)}).\n\n"
                f"Open hem in de werkplek en laat weten of je hem aanneemt. Neem daarna binnen "
                f"{settings.reactietijd} contact op met de inwoner:\n{_link(settings, o)}", settings)


def terug_naar_coordinator(session: Session, settings: Settings, o: Overdracht, waarom: str) -> list[Mail]:
    """`waarom` is one of our own sentences ("afgewezen", "een collega gevraagd"), never the meedenker's text."""
    return _zet(session, TERUG, coordinatoren(session, settings), o, "Overdracht terug bij de coördinator",
                f"De meedenker heeft {waarom} bij overdracht {kort(o.referentie)}. Kies een andere meedenker; "
                f"de reden staat in de werkplek:\n{_link(settings, o)}", settings)


def wis_na_versturen(mail: Mail) -> None:
    """Once a mail to an inwoner is out, the outbox keeps neither their address nor the link: nobody with access
    to the database can read where it went or fill in the questionnaire in their place."""
    if mail.soort in AAN_INWONER:
        mail.aan = mail.tekst = GEWIST


def vragenlijst(session: Session, settings: Settings, o: Overdracht, link: str) -> list[Mail]:
    """The invitation to the inwoner's own address: the link, nothing about their question or meedenker."""
    tijd = nu()
    if o.taalniveau == "b1":
        onderwerp = "Wat vond u van de hulp?"
        tekst = (f"Beste meneer of mevrouw,\n\nEen meedenker heeft u geholpen. Wij willen graag weten hoe dat "
                 f"ging. Er zijn 5 korte vragen. Niemand weet wat u invult.\n\nKlik hier:\n{link}\n\nDe link werkt "
                 f"1 keer, en 30 dagen lang.\n\nMet vriendelijke groet,\nHet meedenkersnetwerk {settings.gemeente_naam}")
    else:
        onderwerp = "Hoe was de cliëntondersteuning? Vijf korte vragen"
        tekst = (f"Beste meneer of mevrouw,\n\nEen meedenker heeft met u meegedacht. Wij horen graag hoe u dat heeft "
                 f"ervaren, zodat de ondersteuning beter wordt. Het zijn vijf uitspraken en één open vraag; uw "
                 f"antwoorden zijn anoniem.\n\n{link}\n\nDe link werkt één keer en is 30 dagen geldig.\n\n"
                 f"Met vriendelijke groet,\nHet meedenkersnetwerk {settings.gemeente_naam}")
    mail = Mail(soort=VRAGENLIJST, referentie=o.referentie, aan=o.contact_gegeven, onderwerp=onderwerp, tekst=tekst,
                aangemaakt=tijd, pogingen=0, volgende_poging=tijd)
    session.add(mail)
    return [mail]


def herinneringen(session: Session, settings: Settings, op: dt.datetime | None = None) -> list[Mail]:
    """Reminders for open handovers without a meedenker who took them on, or without a first contact, on the
    last working day of REACTIETIJD (a Friday handover with "twee werkdagen": Tuesday), while the promise to the
    inwoner can still be kept. One per handover, kind and address: the outbox's unique key sees to that."""
    op = op or nu()
    vandaag = lokale_dag(op)
    dagen = settings.reactietijd_werkdagen
    made = []
    rows = session.scalars(select(Overdracht).where(Overdracht.status.in_(
        ("nieuw", "opgepakt", "toegewezen", "geaccepteerd"))))
    coord = None  # read once per round, and only when a reminder is due
    al_gestuurd = set(session.scalars(select(Mail.sleutel).where(
        Mail.soort.in_((HERINNERING_OPPAKKEN, HERINNERING_CONTACT)))))
    for o in rows:
        if werkdagen_tussen(lokale_dag(o.aangemaakt), vandaag) < dagen:
            continue
        coord = coord if coord is not None else coordinatoren(session, settings)
        if o.status in ("nieuw", "opgepakt", "toegewezen"):
            soort, onderwerp = HERINNERING_OPPAKKEN, "Herinnering: overdracht nog niet aangenomen"
            tekst = (f"Overdracht {kort(o.referentie)} is {settings.reactietijd} na binnenkomst nog niet door een "
                     f"meedenker aangenomen. De inwoner wacht op contact.")
            aan = coord + meedenker(session, o.toegewezen_sleutel)
        else:
            soort, onderwerp = HERINNERING_CONTACT, "Herinnering: nog geen eerste contact"
            tekst = (f"Bij overdracht {kort(o.referentie)} is {settings.reactietijd} na binnenkomst nog geen eerste "
                     f"contact met de inwoner vastgelegd. Heb je al contact gehad? Vul dan de datum in.")
            aan = meedenker(session, o.toegewezen_sleutel) + coord
        for adres in dict.fromkeys(aan):
            if f"{soort}:{o.referentie}:{adres}" in al_gestuurd:
                continue
            try:
                with session.begin_nested():  # two workspace processes may both try: the unique key decides
                    made += _zet(session, soort, [adres], o, onderwerp,
                                 f"{tekst}\n\nOpen hem in de werkplek:\n{_link(settings, o)}", settings,
                                 sleutel=f"{soort}:{o.referentie}", tijd=op)
            except IntegrityError:
                continue
    return made
