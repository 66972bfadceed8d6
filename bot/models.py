"""Tables of our own database. Personal data of inwoners never lives here except in handovers."""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, ForeignKey, Integer, String, Text, UniqueConstraint)
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
    kanaal = Column(String(30))
