"""Matching an inwoner's question to a choice of meedenkers: a choice, never an assignment.

Plain functions over MeedenkerRecord, no database: the caller passes the network and the rotation
counter. Ranking is by fit (domain, expertise, wijk, language), only meedenkers who take new inwoners
are offered, and ties are broken by a rotation over organisations so that none is always first.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Sequence

from bot.netwerk.netwerk import MeedenkerRecord
from bot.vocabulaire import verwante_onderwerpen

MIN_OPTIES, MAX_OPTIES = 2, 4
OPTIES = 3

# Weights: what the inwoner told us weighs more than what we guess from the topic.
W_ONDERWERP = 3
W_DOELGROEP = 3
W_WIJK = 2
W_HELE_GEMEENTE = 1
W_TAAL = 4


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
    # 'begeleiding' fits a meedenker who knows dagbesteding, and the other way round
    if vraag.onderwerp and verwante_onderwerpen(vraag.onderwerp) & set(m.expertise):
        s += W_ONDERWERP
    if vraag.doelgroep and vraag.doelgroep in m.expertise:
        s += W_DOELGROEP
    if vraag.wijk:
        s += W_WIJK if vraag.wijk in m.wijken else W_HELE_GEMEENTE if m.hele_gemeente else 0
    if vraag.taal and vraag.taal in m.talen:
        s += W_TAAL
    return s


def _rotated(group, rotatie: int):
    """Order one group of equally fitting meedenkers by turn: the organisations in the group rotate by
    one place every match, and so do colleagues within an organisation, so each comes first equally often.
    Organisations are interleaved: every organisation's first person, then second persons, and so on."""
    by_org = {}
    for m in group:
        by_org.setdefault(m.organisatie, []).append(m)
    orgs = sorted(by_org)
    shift = rotatie % len(orgs)
    ordered = []
    for org in orgs[shift:] + orgs[:shift]:
        members = sorted(by_org[org], key=lambda m: m.sleutel)
        k = rotatie % len(members)
        ordered.append(members[k:] + members[:k])
    return [members[rank] for rank in range(max(map(len, ordered))) for members in ordered if rank < len(members)]


def _ranked(candidates, vraag: Vraag, rotatie: int):
    """Candidates best first, lazily: only the score groups that are looked at get ordered."""
    groups = {}
    for m in candidates:
        groups.setdefault(score(m, vraag), []).append(m)
    for s in sorted(groups, reverse=True):
        yield from _rotated(groups[s], rotatie)


def kies(network: Sequence[MeedenkerRecord], vraag: Vraag, rotatie: int = 0, aantal: int = OPTIES) -> Keuze:
    """A choice of `aantal` (2-4) meedenkers for this question; empty when nobody fits."""
    aantal = max(MIN_OPTIES, min(MAX_OPTIES, aantal))
    candidates = [m for m in network if vraag.levensdomein in m.levensdomeinen and m.neemt_nieuwe_inwoners]
    if not candidates:
        return Keuze((), False, False, False, False)

    voorkeur_niet_beschikbaar = bool(vraag.voorkeur) and not any(m.soort == vraag.voorkeur for m in candidates)
    aangevuld = False
    if vraag.voorkeur and not voorkeur_niet_beschikbaar:
        gekozen = _pick([m for m in candidates if m.soort == vraag.voorkeur], vraag, rotatie, aantal)
        if len(gekozen) < MIN_OPTIES:  # a choice, never one name: add the best of the other kind
            gekozen += _pick([m for m in candidates if m.soort != vraag.voorkeur], vraag, rotatie,
                             MIN_OPTIES - len(gekozen))
            aangevuld = len({m.soort for m in gekozen}) == 2
    else:
        gekozen = _ensure_both_kinds(_pick(candidates, vraag, rotatie, aantal), candidates, vraag, rotatie)

    opties = tuple(Optie(m, score(m, vraag), bool(vraag.taal) and vraag.taal in m.talen) for m in gekozen)
    return Keuze(
        opties=opties,
        beide_soorten=len({o.meedenker.soort for o in opties}) == 2,
        voorkeur_niet_beschikbaar=voorkeur_niet_beschikbaar,
        voorkeur_aangevuld=aangevuld,
        taal_niet_beschikbaar=bool(vraag.taal) and not any(o.spreekt_taal for o in opties),
    )


def _pick(candidates, vraag: Vraag, rotatie: int, aantal: int) -> list:
    """The best `aantal`. At equal fit a new organisation comes before a colleague of one already
    picked, because the rotated order interleaves organisations."""
    return list(islice(_ranked(candidates, vraag, rotatie), max(aantal, 0)))


def _ensure_both_kinds(gekozen: list, candidates, vraag: Vraag, rotatie: int) -> list:
    """Without a preference, show at least one volunteer and one professional when both exist."""
    kinds = {m.soort for m in gekozen}
    if len(kinds) != 1:
        return gekozen
    missing = _pick([m for m in candidates if m.soort not in kinds], vraag, rotatie, 1)
    if not missing:
        return gekozen
    return gekozen + missing if len(gekozen) < MIN_OPTIES else gekozen[:-1] + missing
