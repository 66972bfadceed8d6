"""Matching an inwoner's question to a choice of meedenkers: a choice, never an assignment.

Plain functions over MeedenkerRecord, no database: the caller passes the network and the rotation
counter. Ranking is by fit (domain, expertise, wijk, language), only meedenkers who take new inwoners
are offered, and ties are broken by a rotation over organisations so that none is always first.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from bot.netwerk import MeedenkerRecord

MIN_OPTIES, MAX_OPTIES = 2, 4
OPTIES = 3

# Weights: what the inwoner told us weighs more than what we guess from the topic.
W_ONDERWERP = 3
W_DOELGROEP = 3
W_WIJK = 2
W_HELE_GEMEENTE = 1
W_TAAL = 4
W_VOORKEUR = 5


@dataclass(frozen=True)
class Vraag:
    levensdomein: str
    onderwerp: str | None = None
    doelgroep: str | None = None
    wijk: str | None = None
    voorkeur: str | None = None  # vrijwillig | beroepsmatig | None (geen voorkeur)
    taal: str | None = None  # a language besides Dutch, or None


@dataclass(frozen=True)
class Optie:
    meedenker: MeedenkerRecord
    score: int
    spreekt_taal: bool
    in_wijk: bool


@dataclass(frozen=True)
class Keuze:
    opties: tuple[Optie, ...]
    beide_soorten: bool  # a volunteer and a professional are both among the options
    voorkeur_niet_beschikbaar: bool  # the preferred kind had nobody for this question
    voorkeur_aangevuld: bool  # too few of the preferred kind: the other kind fills the choice
    taal_niet_beschikbaar: bool  # nobody who fits speaks the asked language

    @property
    def leeg(self) -> bool:
        return not self.opties


def score(m: MeedenkerRecord, vraag: Vraag) -> int:
    s = 0
    if vraag.onderwerp and vraag.onderwerp in m.expertise:
        s += W_ONDERWERP
    if vraag.doelgroep and vraag.doelgroep in m.expertise:
        s += W_DOELGROEP
    if vraag.wijk:
        s += W_WIJK if vraag.wijk in m.wijken else W_HELE_GEMEENTE if m.hele_gemeente else 0
    if vraag.taal and vraag.taal in m.talen:
        s += W_TAAL
    if vraag.voorkeur and m.soort == vraag.voorkeur:
        s += W_VOORKEUR
    return s


def _turns(candidates: Sequence[MeedenkerRecord], rotatie: int) -> dict[str, tuple[int, int]]:
    """Each candidate's place in this match's turn: organisations rotate by one every match, and so
    do the members within an organisation."""
    organisaties = sorted({m.organisatie for m in candidates})
    org_turn = {org: (i - rotatie) % len(organisaties) for i, org in enumerate(organisaties)}
    turns = {}
    for org in organisaties:
        members = sorted(m.sleutel for m in candidates if m.organisatie == org)
        for i, sleutel in enumerate(members):
            turns[sleutel] = (org_turn[org], (i - rotatie) % len(members))
    return turns


def kies(network: Sequence[MeedenkerRecord], vraag: Vraag, rotatie: int = 0, aantal: int = OPTIES) -> Keuze:
    """A choice of `aantal` (2-4) meedenkers for this question; empty when nobody fits."""
    aantal = max(MIN_OPTIES, min(MAX_OPTIES, aantal))
    candidates = [m for m in network if vraag.levensdomein in m.levensdomeinen and m.neemt_nieuwe_inwoners]
    if not candidates:
        return Keuze((), False, False, False, False)
    scores = {m.sleutel: score(m, vraag) for m in candidates}
    turns = _turns(candidates, rotatie)
    ranked = sorted(candidates, key=lambda m: (-scores[m.sleutel], turns[m.sleutel]))

    voorkeur_niet_beschikbaar = bool(vraag.voorkeur) and not any(m.soort == vraag.voorkeur for m in ranked)
    aangevuld = False
    if vraag.voorkeur and not voorkeur_niet_beschikbaar:
        gekozen = _spread([m for m in ranked if m.soort == vraag.voorkeur], scores, aantal)
        if len(gekozen) < MIN_OPTIES:  # a choice, never one name: add the best of the other kind
            gekozen += [m for m in ranked if m not in gekozen][:MIN_OPTIES - len(gekozen)]
            aangevuld = len({m.soort for m in gekozen}) == 2
    else:
        gekozen = _ensure_both_kinds(_spread(ranked, scores, aantal), ranked)
    opties = tuple(Optie(m, scores[m.sleutel], bool(vraag.taal) and vraag.taal in m.talen,
                         bool(vraag.wijk) and vraag.wijk in m.wijken) for m in gekozen)
    return Keuze(
        opties=opties,
        beide_soorten=len({o.meedenker.soort for o in opties}) == 2,
        voorkeur_niet_beschikbaar=voorkeur_niet_beschikbaar,
        voorkeur_aangevuld=aangevuld,
        taal_niet_beschikbaar=bool(vraag.taal) and not any(o.spreekt_taal for o in opties),
    )


def _spread(ranked: list[MeedenkerRecord], scores: dict[str, int], aantal: int) -> list[MeedenkerRecord]:
    """Best first; at equal score a new organisation goes before a second person of one already shown."""
    gekozen: list[MeedenkerRecord] = []
    rest = list(ranked)
    while rest and len(gekozen) < aantal:
        shown = {g.organisatie for g in gekozen}
        best = scores[rest[0].sleutel]
        pick = next((m for m in rest if scores[m.sleutel] == best and m.organisatie not in shown), rest[0])
        gekozen.append(pick)
        rest.remove(pick)
    return gekozen


def _ensure_both_kinds(gekozen: list[MeedenkerRecord], ranked: list[MeedenkerRecord]) -> list[MeedenkerRecord]:
    """Without a preference, show at least one volunteer and one professional when both exist."""
    kinds = {m.soort for m in gekozen}
    missing = next((m for m in ranked if m.soort not in kinds), None)
    if len(kinds) != 1 or missing is None:
        return gekozen
    if len(gekozen) < MIN_OPTIES:
        return gekozen + [missing]
    return gekozen[:-1] + [missing]
