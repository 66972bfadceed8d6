"""Tables of our own database. Personal data of inwoners never lives here except in handovers."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Organisatie(Base):
    __tablename__ = "organisaties"

    id = Column(Integer, primary_key=True)
    naam = Column(String(200), nullable=False, unique=True)

    meedenkers = relationship("Meedenker", back_populates="organisatie")


class Meedenker(Base):
    __tablename__ = "meedenkers"

    id = Column(Integer, primary_key=True)
    sleutel = Column(String(100), nullable=False, unique=True)
    naam = Column(String(200), nullable=False)
    organisatie_id = Column(Integer, ForeignKey("organisaties.id"), nullable=False)
    soort = Column(String(20), nullable=False)  # vrijwillig | beroepsmatig
    neemt_nieuwe_inwoners = Column(Boolean, nullable=False, default=True)
    hele_gemeente = Column(Boolean, nullable=False, default=False)
    telefoon = Column(String(40))
    email = Column(String(200))
    spreekuur = Column(Text)
    intro = Column(Text, nullable=False)
    intro_b1 = Column(Text, nullable=False)

    organisatie = relationship("Organisatie", back_populates="meedenkers")
    kenmerken = relationship("MeedenkerKenmerk", cascade="all, delete-orphan", back_populates="meedenker")


class MeedenkerKenmerk(Base):
    """One value of a multi-valued attribute: a levensdomein, expertise, wijk or language."""

    __tablename__ = "meedenker_kenmerken"
    __table_args__ = (UniqueConstraint("meedenker_id", "soort", "waarde"),)

    id = Column(Integer, primary_key=True)
    meedenker_id = Column(Integer, ForeignKey("meedenkers.id", ondelete="CASCADE"), nullable=False, index=True)
    soort = Column(String(20), nullable=False)  # levensdomein | expertise | wijk | taal
    waarde = Column(String(100), nullable=False)

    meedenker = relationship("Meedenker", back_populates="kenmerken")


class Signaal(Base):
    """An anonymous signal for policy: categories only, a day, never a sender or free text."""

    __tablename__ = "signalen"

    id = Column(Integer, primary_key=True)
    datum = Column(Date, nullable=False, index=True)
    soort = Column(String(30), nullable=False)  # e.g. geen_match
    levensdomein = Column(String(30))
    onderwerp = Column(String(50))
    doelgroep = Column(String(50))
    wijk = Column(String(50))
    taalniveau = Column(String(20))
    uitkomst = Column(String(30))
    kanaal = Column(String(30))  # a chat channel, or how a registered question came in (vocabulaire.KANALEN)
    verwijzer = Column(String(30))  # who sent the inwoner, for kanaal 'verwijzer'
    meedenker_soort = Column(String(20))  # outcome signals: vrijwillig | beroepsmatig
    via_soort = Column(String(20))  # outcome signals: the kind of meedenker that referred it on via the coordinator
    doorverwezen_naar = Column(String(30))  # outcome signals: vocabulaire.DOORVERWIJZINGEN
    werkdagen_tot_contact = Column(Integer)  # outcome signals: Dutch working days from handover to first contact
    bekend_via = Column(String(30))  # "Hoe kent u ons?" (vocabulaire.BEKEND_VIA)
    knelpunt = Column(Text)  # a short quote of what the inwoner ran into, only after scrubbing (bot.privacy.anonimiseren)


class Overdracht(Base):
    """A warm handover: an inwoner consented to pass on the conversation and contact details.

    Meedenker fields are snapshots (sleutel + name), because a network import replaces meedenker rows.
    """

    __tablename__ = "overdrachten"

    id = Column(Integer, primary_key=True)
    referentie = Column(String(36), nullable=False, unique=True)  # unguessable id used in URLs
    gesprek_id = Column(String(255), nullable=False, index=True)  # Rasa sender id, for erasure and retention
    aangemaakt = Column(DateTime, nullable=False, index=True)  # UTC
    status = Column(String(20), nullable=False, index=True)  # see bot.overdracht.overdracht.STATUSSEN
    levensdomein = Column(String(30))
    onderwerp = Column(String(50))
    wijk = Column(String(50))
    doelgroep = Column(String(50))
    taalniveau = Column(String(20))
    taal = Column(String(50))  # a language besides Dutch the inwoner asked for
    namens = Column(String(30))  # for whom the inwoner asks (moeder, partner, kind, ...); None: for themselves
    huisbezoek = Column(Boolean, nullable=False, default=False, server_default=false())  # asked for a visit at home
    contact_manier = Column(String(20))  # telefoon | email
    contact_gegeven = Column(String(200))
    contact_moment = Column(String(100))
    kanaal = Column(String(30))  # how the question came in: a chat channel, or vocabulaire.KANALEN
    verwijzer = Column(String(30))  # vocabulaire.VERWIJZERS, when kanaal is 'verwijzer'
    bekend_via = Column(String(30))  # "Hoe kent u ons?" (vocabulaire.BEKEND_VIA)
    vragenlijst_mag = Column(Boolean, nullable=False, default=False, server_default=false())  # may be asked after
    vragenlijst_verstuurd = Column(DateTime)  # UTC; an invitation to the questionnaire was made (once)
    gekozen_sleutel = Column(String(100))  # None: the inwoner left the choice to the coordinator
    gekozen_naam = Column(String(200))
    gekozen_organisatie = Column(String(200), index=True)
    behandelaar = Column(String(100))  # user name of the coordinator who claimed it
    toegewezen_sleutel = Column(String(100))
    toegewezen_naam = Column(String(200))
    toegewezen_organisatie = Column(String(200))
    toegewezen_soort = Column(String(20))  # vrijwillig | beroepsmatig
    toegewezen_op = Column(DateTime)  # UTC; reminders count working days from here
    geaccepteerd = Column(DateTime)  # UTC; the meedenker took it on
    eerste_contact = Column(Date)  # the day the meedenker first reached the inwoner (a local date)
    via_soort = Column(String(20))  # a meedenker of this kind handed it back for a colleague
    uitkomst = Column(String(30))  # vocabulaire.UITKOMSTEN_OVERDRACHT, set when closed
    doorverwezen_naar = Column(String(30))  # vocabulaire.DOORVERWIJZINGEN, when uitkomst is 'doorverwezen'
    afgerond = Column(DateTime)  # UTC; retention counts from here

    berichten = relationship("TranscriptRegel", cascade="all, delete-orphan", passive_deletes=True,
                             order_by="TranscriptRegel.volgnummer", back_populates="overdracht")
    gebeurtenissen = relationship("OverdrachtGebeurtenis", cascade="all, delete-orphan", passive_deletes=True,
                                  order_by="OverdrachtGebeurtenis.id", back_populates="overdracht")


class TranscriptRegel(Base):
    __tablename__ = "transcript_regels"

    id = Column(Integer, primary_key=True)
    overdracht_id = Column(Integer, ForeignKey("overdrachten.id", ondelete="CASCADE"), nullable=False, index=True)
    volgnummer = Column(Integer, nullable=False)
    tijd = Column(DateTime, nullable=False)  # UTC
    afzender = Column(String(10), nullable=False)  # inwoner | bot
    tekst = Column(Text, nullable=False)

    overdracht = relationship("Overdracht", back_populates="berichten")


class OverdrachtGebeurtenis(Base):
    """Who changed what and when: claim, assignment, note, done, withdrawal."""

    __tablename__ = "overdracht_gebeurtenissen"

    id = Column(Integer, primary_key=True)
    overdracht_id = Column(Integer, ForeignKey("overdrachten.id", ondelete="CASCADE"), nullable=False, index=True)
    tijd = Column(DateTime, nullable=False)  # UTC
    gebruiker = Column(String(100), nullable=False)  # user name, or "inwoner"
    soort = Column(String(20), nullable=False)
    tekst = Column(Text)

    overdracht = relationship("Overdracht", back_populates="gebeurtenissen")


class Gebruiker(Base):
    __tablename__ = "gebruikers"

    id = Column(Integer, primary_key=True)
    gebruikersnaam = Column(String(100), nullable=False, unique=True)
    naam = Column(String(200), nullable=False)
    rol = Column(String(20), nullable=False)  # coordinator | meedenker | beleid
    meedenker_sleutel = Column(String(100), index=True)  # role meedenker: who in the network this account is
    email = Column(String(200))  # where notifications go (never with personal data of inwoners)
    wachtwoord_hash = Column(String(255), nullable=False)
    actief = Column(Boolean, nullable=False, default=True)
    aangemaakt = Column(DateTime, nullable=False)


class Sessie(Base):
    """A signed-in browser. The cookie holds a random token; only its hash is stored, so a copy of the
    database signs no one in. Deleting the row ends the session (sign-out, password change, deactivation)."""

    __tablename__ = "sessies"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    gebruiker_id = Column(Integer, ForeignKey("gebruikers.id", ondelete="CASCADE"), nullable=False, index=True)
    aangemaakt = Column(DateTime, nullable=False)  # UTC; the absolute limit counts from here
    laatst_gezien = Column(DateTime, nullable=False)  # UTC; the idle limit counts from here


class Aanmeldpoging(Base):
    """Sign-in attempts, to slow down password guessing and to show it in the log."""

    __tablename__ = "aanmeldpogingen"

    id = Column(Integer, primary_key=True)
    tijd = Column(DateTime, nullable=False, index=True)  # UTC
    gebruikersnaam = Column(String(100), nullable=False, index=True)
    ip = Column(String(64), nullable=False, index=True)
    # The throttle's key for this attempt: "apparaat:<id>" for a browser that signed in as this user before,
    # else "adres:<ip>".
    client = Column(String(100), nullable=False, index=True)
    uitkomst = Column(String(10), nullable=False)  # bezig | gelukt | mislukt | geweigerd


class AanmeldSlot(Base):
    """One row that every sign-in reservation updates first, so counting and reserving an attempt happen one
    at a time (a row lock in PostgreSQL, the write lock in SQLite): parallel guesses cannot slip past the limit."""

    __tablename__ = "aanmeld_slot"

    id = Column(Integer, primary_key=True)
    teller = Column(Integer, nullable=False, default=0)


class Toegangsregel(Base):
    """One access to personal data in the workspace, after the fields of Logboek Dataverwerkingen (Logius).

    Not linked by foreign key: the record must outlive the handover it is about.
    """

    __tablename__ = "toegangslog"

    id = Column(Integer, primary_key=True)
    trace_id = Column(String(32), nullable=False)
    span_id = Column(String(16), nullable=False, unique=True)
    name = Column(String(100), nullable=False)  # the handling, e.g. transcript_inzien
    start_time = Column(DateTime, nullable=False, index=True)  # UTC
    end_time = Column(DateTime, nullable=False)
    status_code = Column(String(10), nullable=False)  # OK | ERROR
    resource_name = Column(String(100), nullable=False)
    resource_version = Column(String(40), nullable=False)
    processing_activity_id = Column(String(300), nullable=False)  # dpl.core.processing_activity_id
    data_subject_id = Column(String(64), nullable=False, index=True)  # dpl.core.data_subject_id: handover ref
    data_subject_id_type = Column(String(40), nullable=False)  # dpl.core.data_subject_id_type
    gebruiker = Column(String(100), nullable=False)  # who
    reden = Column(String(200), nullable=False)  # why: the view that showed the data


class Beschikbaarheid(Base):
    """A meedenker's own availability, set in the workspace. Kept apart from the network file (keyed by
    sleutel), so an import does not undo it; matching reads it on every search."""

    __tablename__ = "beschikbaarheid"

    id = Column(Integer, primary_key=True)
    sleutel = Column(String(100), nullable=False, unique=True)
    afwezig_tot = Column(Date)  # away up to and including this day
    geen_nieuwe = Column(Boolean, nullable=False, default=False)  # takes no new inwoners for now
    gewijzigd = Column(DateTime, nullable=False)  # UTC
    door = Column(String(100), nullable=False)  # user name


class Mail(Base):
    """The outbox: a notification is written in the same transaction as the change it is about, and a
    sender sends it later (bot.meldingen.verzenden), so a mail is never lost and never holds a change up.
    Mails hold a reference and a link, never personal data of an inwoner."""

    __tablename__ = "mails"

    id = Column(Integer, primary_key=True)
    soort = Column(String(40), nullable=False)  # e.g. nieuwe_overdracht, toegewezen, herinnering_oppakken
    sleutel = Column(String(300), unique=True)  # one mail per event: reminders are not sent twice
    referentie = Column(String(36), index=True)  # the handover it is about
    aan = Column(String(200), nullable=False)
    onderwerp = Column(String(200), nullable=False)
    tekst = Column(Text, nullable=False)
    aangemaakt = Column(DateTime, nullable=False)  # UTC
    verstuurd = Column(DateTime, index=True)  # UTC; None: still to send
    pogingen = Column(Integer, nullable=False, default=0)
    volgende_poging = Column(DateTime, nullable=False)  # UTC
    laatste_fout = Column(String(500))  # Dutch, for the coordinators' mail page
    bezig_tot = Column(DateTime)  # UTC; a sender claimed it until then (several workspace processes)


class VragenlijstUitnodiging(Base):
    """A one-time invitation to the experience questionnaire (Putten's questions). Holds no reference to the
    handover or the person: only the hashes of its link token and short code, the language level its page opens
    in, and when it expires. Deleted when it is used, so the answers cannot be traced back."""

    __tablename__ = "vragenlijst_uitnodigingen"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)  # sha256 of the link's token
    code_hash = Column(String(64), nullable=False, unique=True)  # sha256 of the code on the printed card
    verloopt = Column(DateTime, nullable=False, index=True)  # UTC
    taalniveau = Column(String(20))  # the page opens in the level the inwoner chatted in


class VragenlijstAntwoord(Base):
    """One filled-in questionnaire: scores 1-5 (None: not answered), a month and the scrubbed "verbeterpunten".
    No sender, no time, no categories (a levensdomein and a kind of meedenker in a small month would point at the
    one handover that was invited), no link to an invitation or a handover."""

    __tablename__ = "vragenlijst_antwoorden"

    id = Column(Integer, primary_key=True)
    maand = Column(String(7), nullable=False, index=True)  # YYYY-MM
    geholpen = Column(Integer)
    verder = Column(Integer)
    keuzes = Column(Integer)
    zelfde = Column(Integer)
    aanraden = Column(Integer)
    verbeterpunt = Column(Text)  # scrubbed by bot.privacy.anonimiseren before it is stored
