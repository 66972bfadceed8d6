"""Fill the database with a year of synthetic anonymous signals and questionnaire answers, to show and try the
policy report.

    .venv/bin/python scripts/demo_signalen.py [--database-url URL] [--tot YYYY-MM-DD] [--seed N] [--opnieuw]

The numbers are made up but shaped like the real thing: seasons (January bills and toeslagen, the new
school year, a quiet summer), fewer chats at the weekend, more wonen and werk en inkomen than jeugd, a few
small wijken where suppression shows, about 10% in B1, and knelpunten that are already scrubbed: some
said by many inwoners, some by one or two (those must never reach the report). Handovers are closed with an
outcome, a few after a volunteer passed them to a professional (or back); some chats end with feedback and
"Hoe kent u ons?"; some inwoners who found support fill in the questionnaire afterwards (mostly positive).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import NamedTuple

import numpy as np
from sqlalchemy import delete, func, select

from bot import db
from bot.config import load_settings
from bot.models import Signaal, VragenlijstAntwoord
from bot.signalen import signalen
from bot.vocabulaire import ONDERWERPEN, STELLINGEN

DOMEIN_GEWICHT = {"wonen": 0.33, "werk_inkomen": 0.37, "jeugd": 0.10, "wmo_aanvraag": 0.20}
MAAND_FACTOR = [1.3, 1.1, 1.05, 1.0, 0.95, 0.9, 0.7, 0.75, 1.15, 1.05, 1.05, 0.85]
DAG_FACTOR = [1.3, 1.15, 1.1, 1.05, 0.95, 0.45, 0.35]  # Monday .. Sunday
CONTACTEN_PER_DAG = 5.5


def seizoen(domein: str, maand: int) -> float:
    """January-March: annual bills and toeslagen; September-October: school; winter: housing."""
    if domein == "werk_inkomen" and maand <= 3:
        return 1.4
    if domein == "jeugd":
        return 1.6 if maand in (9, 10) else 0.5 if maand in (7, 8) else 1.0
    if domein == "wonen" and maand in (11, 12, 1, 2):
        return 1.2
    return 1.0


EXTRA_ONDERWERPEN = {"wonen": ["urgentie"], "werk_inkomen": ["bijzondere_bijstand", "minimaregeling"],
                     "jeugd": ["passend_onderwijs"], "wmo_aanvraag": ["pgb", "eigen_bijdrage"]}
# Chance that nobody in the network fits, on top of a base chance: thin spots in the demo network.
GAT_ONDERWERP = {"dakloos": 0.3, "beschermd_wonen": 0.25, "overgang_18": 0.4, "wlz": 0.45, "pgb": 0.2,
                 "toeslagen": 0.08}
GAT_DOELGROEP = {"nah": 0.3, "autisme": 0.2, "dak_thuislozen": 0.3, "migranten": 0.1}
DOELGROEP_GEWICHT = {"ouderen": 8, "mantelzorger": 5, "ggz": 5, "lvb": 3, "migranten": 4, "jongeren": 3,
                     "nah": 1, "autisme": 1.5, "dak_thuislozen": 1}

# (levensdomein, already scrubbed quote, weight): some said by many inwoners, some (weight < 1) rarely.
KNELPUNTEN = [
    ("wonen", "Ik heb een brief gekregen dat ik mijn huis uit moet", 8),
    ("wonen", "De woningcorporatie wil dat ik de huurachterstand in één keer betaal", 6),
    ("wonen", "Ik sta al jaren ingeschreven maar vind geen huis", 7),
    ("wonen", "Er zit schimmel in mijn huis en de verhuurder reageert niet", 5),
    ("wonen", "Mijn buren maken elke nacht herrie en niemand doet iets", 4),
    ("wonen", "Ik weet niet hoe ik urgentie moet aanvragen", 4),
    ("wonen", "Ik slaap nu bij vrienden op de bank", 3),
    ("wonen", "Na mijn scheiding heb ik geen woonplek meer", 2),
    ("wonen", "Mijn huisbaas [NAAM] verhoogt steeds de huur", 0.4),
    ("wonen", "Ik woon op [ADRES] en de deurwaarder komt volgende week", 0.3),
    ("werk_inkomen", "Ik snap de brief van de gemeente over de [NUMMER] niet", 9),
    ("werk_inkomen", "Ik moet toeslagen terugbetalen en weet niet hoe", 8),
    ("werk_inkomen", "Ik heb schulden en de deurwaarder belt steeds", 7),
    ("werk_inkomen", "Ik kan mijn energierekening niet meer betalen", 6),
    ("werk_inkomen", "Mijn uitkering is gestopt en ik weet niet waarom", 5),
    ("werk_inkomen", "Ik weet niet waar ik bijzondere bijstand kan aanvragen", 3),
    ("werk_inkomen", "Ik heb een betalingsregeling maar die lukt niet meer", 3),
    ("werk_inkomen", "Ik zoek werk maar met mijn rug kan ik niet alles", 2),
    ("werk_inkomen", "Mijn werkgever [NAAM] betaalt mijn loon te laat", 0.4),
    ("werk_inkomen", "Bel mij op [TELEFOON] over mijn schulden", 0.3),
    ("jeugd", "We wachten al maanden op jeugdhulp", 5),
    ("jeugd", "Mijn zoon gaat niet meer naar school", 4),
    ("jeugd", "Mijn dochter wordt bijna 18 en dan stopt haar hulp", 3),
    ("jeugd", "Het gaat thuis niet goed met de opvoeding", 2),
    ("jeugd", "Ik weet niet wat ik moet doen met de leerplichtambtenaar", 1.5),
    ("jeugd", "De school van [NAAM] wil een gesprek en ik ben bang", 0.3),
    ("jeugd", "Mijn kind van [LEEFTIJD] jaar zit thuis sinds [DATUM]", 0.3),
    ("wmo_aanvraag", "Ik heb een beschikking gekregen maar ik ben het er niet mee eens", 6),
    ("wmo_aanvraag", "Mijn huishoudelijke hulp is minder uren geworden", 5),
    ("wmo_aanvraag", "Ik zorg voor mijn moeder en ik kan het niet meer aan", 5),
    ("wmo_aanvraag", "Ik heb een traplift nodig maar de aanvraag duurt lang", 4),
    ("wmo_aanvraag", "Ik snap de eigen bijdrage niet", 3),
    ("wmo_aanvraag", "Ik weet niet wat ik moet zeggen bij het keukentafelgesprek", 3),
    ("wmo_aanvraag", "Ik kan niet meer zelf naar de dagbesteding", 2),
    ("wmo_aanvraag", "Mijn vader heeft dementie en heeft steeds meer zorg nodig", 2),
    ("wmo_aanvraag", "Mevrouw [NAAM] van het wijkteam belt niet terug", 0.4),
    ("wmo_aanvraag", "Mijn pgb is gestopt sinds [DATUM]", 0.3),
    ("wmo_aanvraag", "Ik woon in [WIJK] en er rijdt geen regiotaxi", 0.3),
    ("wmo_aanvraag", "Mijn e-mail is [EMAIL], stuur mij de aanvraag", 0.2),
    ("wmo_aanvraag", "Ik ben [NAAM] en heb hulp nodig met douchen", 0.2),
]


KANAAL_GEWICHT = {"telefoon": 5, "wijkpunt": 2, "email": 1, "verwijzer": 2}
VERWIJZER_GEWICHT = {"huisarts": 4, "wijkteam": 3, "school": 1, "wmo_consulent": 2, "anders": 1}
UITKOMST_GEWICHT = {"ondersteuning": 62, "doorverwezen": 20, "afgezien": 10, "geen_contact": 8}
DOORVERWIJZING_GEWICHT = {"wijkteam": 5, "schuldhulp": 5, "huisarts": 2, "jeugdhulp": 2, "wlz": 1,
                          "andere_meedenker": 3, "anders": 2}


# "Hoe kent u ons?": chat feedback and registered questions.
BEKEND_VIA_GEWICHT = {"website": 30, "huisarts": 12, "wijkteam": 14, "school": 5, "familie": 22, "brief": 12,
                      "anders": 5}
# "Heeft dit gesprek u geholpen?" after a choice of meedenkers, after no match, and after anything else.
OORDEEL_GEWICHT = {"keuze": {"ja": 64, "een_beetje": 26, "nee": 10},
                   "geen_match": {"ja": 22, "een_beetje": 36, "nee": 42},
                   "anders": {"ja": 45, "een_beetje": 33, "nee": 22}}
# "Wat kan beter?" after a chat and in the questionnaire, already scrubbed: some often, some once.
VERBETERPUNTEN_CHAT = [
    ("Ik wil ook kunnen bellen in plaats van typen", 6), ("Sommige vragen waren moeilijk", 5),
    ("Ik wist niet wat een meedenker is", 4), ("Het duurde lang voordat ik een meedenker kon kiezen", 3),
    ("Graag ook in het Engels", 2), ("Meer meedenkers in mijn wijk", 2),
    ("Mijn buurvrouw [NAAM] heeft hetzelfde probleem", 0.6), ("Bel mij terug op [TELEFOON]", 0.6),
]
VERBETERPUNTEN_VRAGENLIJST = [
    ("Het duurde lang voordat iemand contact opnam", 6), ("Ik had graag vaker contact gehad", 5),
    ("Een vaste contactpersoon zou fijn zijn", 4), ("Meer hulp bij het invullen van formulieren", 4),
    ("Ik wist niet dat het gratis was", 3), ("Mevrouw [NAAM] was heel aardig", 0.3),
    ("Het spreekuur in [WIJK] is te ver weg", 0.3),
]
# How an inwoner who found support answers the five statements: most are positive, some neutral, a few not.
PROFIELEN = {"tevreden": (0.72, {5: 50, 4: 42, 3: 8}), "neutraal": (0.2, {4: 35, 3: 45, 2: 20}),
             "ontevreden": (0.08, {1: 35, 2: 40, 3: 25})}


class Aantallen(NamedTuple):
    signalen: int
    vragenlijsten: int


def wijk_gewichten(wijken: dict[str, str]) -> dict[str, float]:
    """Bigger wijken first; the last two are small kernen, where counts fall below the threshold."""
    gewichten = [0.8 ** i for i in range(len(wijken))]
    for i in range(max(0, len(wijken) - 2), len(wijken)):
        gewichten[i] *= 0.1
    return dict(zip(wijken, gewichten))


class Generator:
    def __init__(self, wijken: dict[str, str], seed: int):
        self.rng = np.random.default_rng(seed)
        self.wijken = wijk_gewichten(wijken)

    def kies(self, gewichten: dict):
        sleutels = list(gewichten)
        kansen = np.array(list(gewichten.values()), dtype=float)
        return sleutels[self.rng.choice(len(sleutels), p=kansen / kansen.sum())]

    def kans(self, p: float) -> bool:
        return self.rng.random() < p

    def variant(self, tekst: str) -> str:
        """How people type: sometimes a full stop, a lower-case start or a double space."""
        r = self.rng.random()
        if r < 0.1:
            return tekst + "."
        if r < 0.17:
            return tekst[0].lower() + tekst[1:]
        if r < 0.2:
            return tekst.replace(" ", "  ", 1)
        return tekst

    def gesprek(self, datum: dt.date) -> list[dict]:
        """The signals of one conversation in which the bot recognised the question."""
        domein = self.kies({d: w * seizoen(d, datum.month) for d, w in DOMEIN_GEWICHT.items()})
        onderwerpen = list(ONDERWERPEN[domein]) + EXTRA_ONDERWERPEN[domein]
        onderwerp = (self.kies({o: 1 / (i + 1.5) for i, o in enumerate(onderwerpen)})
                     if self.kans(0.75) else None)
        doelgroep = self.kies(DOELGROEP_GEWICHT) if self.kans(0.1) else None
        b1 = self.kans(0.3 if doelgroep in ("lvb", "migranten") else 0.09)
        basis = dict(datum=datum, levensdomein=domein, onderwerp=onderwerp, taalniveau="b1" if b1 else "standaard",
                     kanaal="web" if self.kans(0.9) else "rest")
        if self.kans(0.15):  # a question that came by phone, at a wijkpunt, by mail or from a verwijzer
            return self.geregistreerd(datum, dict(basis, taalniveau=None), doelgroep)
        knelpunt = None
        if self.kans(0.65):
            opties = {tekst: w for d, tekst, w in KNELPUNTEN if d == domein}
            knelpunt = self.variant(self.kies(opties))
        signalen = [dict(soort="levensdomein", doelgroep=doelgroep, knelpunt=knelpunt, **basis)]
        r = self.rng.random()
        if r < 0.015:
            return signalen + [dict(soort="crisis", **basis)]
        if r < 0.135:
            return signalen + [dict(soort="afgebroken", **basis)]
        if r < 0.175:
            return signalen + [dict(soort="medewerker", **basis)] + self.mening(basis, "anders")
        if r < 0.32:
            return signalen + self.mening(basis, "anders")  # no meedenker wanted (now)
        wijk = self.kies(self.wijken) if self.kans(0.85) else None
        doelgroep = doelgroep or (self.kies(DOELGROEP_GEWICHT) if self.kans(0.4) else None)
        gat = 0.1 + GAT_ONDERWERP.get(onderwerp, 0) + GAT_DOELGROEP.get(doelgroep, 0)
        if wijk in list(self.wijken)[-3:]:
            gat += 0.2  # few meedenkers live or work in the outer kernen
        vraag = dict(basis, wijk=wijk, doelgroep=doelgroep)
        if self.kans(min(gat, 0.85)):
            return signalen + [dict(soort="geen_match", **vraag)] + self.mening(basis, "geen_match")
        signalen.append(dict(soort="keuze", **vraag))
        if self.kans(0.4):
            signalen.append(dict(soort="overdracht", **vraag))
            signalen += self.afloop(vraag)
        return signalen + self.mening(basis, "keuze")

    def mening(self, basis: dict, na: str) -> list[dict]:
        """About one in four chats ends with feedback; most of those also say how they found us."""
        if not self.kans(0.25):
            return []
        verbeterpunt = None
        if self.kans(0.3):
            verbeterpunt = self.variant(self.kies({tekst: w for tekst, w in VERBETERPUNTEN_CHAT}))
        # Stored apart from the conversation, as the chat does: an opinion, its taalniveau and the day.
        return [dict(soort="mening", datum=basis["datum"], taalniveau=basis["taalniveau"], kanaal=basis["kanaal"],
                     uitkomst=self.kies(OORDEEL_GEWICHT[na]), knelpunt=verbeterpunt,
                     bekend_via=self.kies(BEKEND_VIA_GEWICHT) if self.kans(0.7) else None)]

    def geregistreerd(self, datum: dt.date, basis: dict, doelgroep: str | None) -> list[dict]:
        kanaal = self.kies(KANAAL_GEWICHT)
        verwijzer = self.kies(VERWIJZER_GEWICHT) if kanaal == "verwijzer" else None
        vraag = dict(basis, kanaal=kanaal, verwijzer=verwijzer, doelgroep=doelgroep,
                     wijk=self.kies(self.wijken) if self.kans(0.9) else None)
        bekend = verwijzer if verwijzer in ("huisarts", "wijkteam", "school") else self.kies(BEKEND_VIA_GEWICHT)
        return [dict(soort="levensdomein", bekend_via=bekend if self.kans(0.6) else None, **vraag),
                dict(soort="overdracht", **vraag), *self.afloop(vraag)]

    def afloop(self, vraag: dict) -> list[dict]:
        """Most handovers are closed some weeks later with an outcome; some are still open."""
        if not self.kans(0.85):
            return []
        uitkomst = self.kies(UITKOMST_GEWICHT)
        soort = "vrijwillig" if self.kans(0.55) else "beroepsmatig" if self.kans(0.95) else None
        via = None
        if self.kans(0.14):  # passed on for a colleague: mostly a volunteer to a professional, sometimes back
            via = "vrijwillig" if self.kans(0.75) else "beroepsmatig"
            soort = via if self.kans(0.1) else {"vrijwillig": "beroepsmatig", "beroepsmatig": "vrijwillig"}[via]
        # Working days to first contact: often the same or the next day, a long tail when passed on.
        dagen = int(self.rng.geometric(0.35 if via is None else 0.2)) - 1 if uitkomst != "geen_contact" else None
        if dagen is not None and vraag["levensdomein"] == "wmo_aanvraag":
            dagen += int(self.rng.integers(0, 3))  # a busier part of the network
        datum = vraag["datum"] + dt.timedelta(days=(dagen or 5) + int(self.rng.integers(7, 60)))
        afgesloten = dict(vraag, soort="afgesloten", datum=datum, uitkomst=uitkomst, werkdagen_tot_contact=dagen,
                          doorverwezen_naar=self.kies(DOORVERWIJZING_GEWICHT) if uitkomst == "doorverwezen" else None,
                          meedenker_soort=soort, via_soort=via)
        return [afgesloten]

    def vragenlijst(self, afgesloten: dict) -> dict | None:
        """After support was found: some inwoners agreed to be asked and fill in the questionnaire weeks later."""
        if afgesloten["uitkomst"] != "ondersteuning" or not self.kans(0.6 * 0.55):
            return None
        profiel = self.kies({naam: kans for naam, (kans, _) in PROFIELEN.items()})
        scores = PROFIELEN[profiel][1]
        antwoorden = {k: (None if self.kans(0.12 if k == "zelfde" else 0.04) else int(self.kies(scores)))
                      for k in STELLINGEN}
        if antwoorden["aanraden"] is not None and profiel == "tevreden" and self.kans(0.5):
            antwoorden["aanraden"] = 5
        verbeterpunt = None
        if self.kans(0.35 if profiel == "tevreden" else 0.7):
            verbeterpunt = self.variant(self.kies({tekst: w for tekst, w in VERBETERPUNTEN_VRAGENLIJST}))
        datum = afgesloten["datum"] + dt.timedelta(days=int(self.rng.integers(2, 25)))
        return dict(datum=datum, verbeterpunt=verbeterpunt, **antwoorden)

    def dag(self, datum: dt.date) -> list[dict]:
        factor = MAAND_FACTOR[datum.month - 1] * DAG_FACTOR[datum.weekday()]
        if datum.month == 12 and datum.day >= 24 or datum.month == 1 and datum.day == 1:
            factor *= 0.3  # the holidays
        uit = []
        for _ in range(self.rng.poisson(CONTACTEN_PER_DAG * factor)):
            uit += self.gesprek(datum)
        # Crisis and "not understood" also happen before any question is recognised.
        uit += [dict(soort="crisis", datum=datum) for _ in range(self.rng.poisson(0.1 * factor))]
        uit += [dict(soort="medewerker", datum=datum) for _ in range(self.rng.poisson(0.35 * factor))]
        # The "Mening geven" button, before the bot knew the question.
        uit += [dict(soort="mening", datum=datum, kanaal="web", taalniveau="standaard",
                     uitkomst=self.kies(OORDEEL_GEWICHT["anders"]),
                     bekend_via=self.kies(BEKEND_VIA_GEWICHT) if self.kans(0.5) else None)
                for _ in range(self.rng.poisson(0.05 * factor))]
        return uit


def standaard_periode(vandaag: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve whole months."""
    tot = vandaag.replace(day=1) - dt.timedelta(days=1)
    van = dt.date(tot.year - 1, tot.month, 1) + dt.timedelta(days=31)
    return van.replace(day=1), tot


def vul(session, van: dt.date, tot: dt.date, wijken: dict[str, str], seed: int = 2026) -> Aantallen:
    """Add the synthetic signals and questionnaires for every day from `van` up to and including `tot`; returns
    how many of each."""
    generator = Generator(wijken, seed)
    aantal = vragenlijsten = 0
    datum = van
    while datum <= tot:
        for s in generator.dag(datum):
            if s["datum"] > tot:
                continue  # closed after the period: still open on its last day
            soort = s.pop("soort")
            antwoord = generator.vragenlijst(s) if soort == "afgesloten" else None
            if antwoord is not None and (ingevuld := antwoord.pop("datum")) <= tot:
                # Stored the way the questionnaire page stores it: the month and the answers, nothing else.
                session.add(VragenlijstAntwoord(maand=f"{ingevuld:%Y-%m}", **antwoord))
                vragenlijsten += 1
            signalen.record(session, soort, wijken=wijken, **s)
            aantal += 1
        datum += dt.timedelta(days=1)
    return Aantallen(aantal, vragenlijsten)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vul de database met een jaar verzonnen, anonieme signalen en "
                                                 "ingevulde vragenlijsten.")
    parser.add_argument("--database-url", help="standaard: DATABASE_URL uit de instellingen")
    parser.add_argument("--tot", type=dt.date.fromisoformat,
                        help="laatste dag (JJJJ-MM-DD); standaard het einde van vorige maand")
    parser.add_argument("--seed", type=int, default=2026, help="zelfde seed, zelfde signalen")
    parser.add_argument("--opnieuw", action="store_true",
                        help="verwijder eerst ALLE bestaande signalen en ingevulde vragenlijsten (alleen voor een "
                             "demodatabase)")
    args = parser.parse_args(argv)

    settings = load_settings()
    url = args.database_url or settings.database_url
    van, tot = standaard_periode(dt.date.today())
    if args.tot:
        tot = args.tot
        van = (dt.date(tot.year - 1, tot.month, 1) + dt.timedelta(days=31)).replace(day=1)
    db.upgrade(url)
    with db.new_session(url) as session, session.begin():
        bestaand = session.execute(select(func.count()).select_from(Signaal)).scalar_one()
        antwoorden = session.execute(select(func.count()).select_from(VragenlijstAntwoord)).scalar_one()
        if (bestaand or antwoorden) and not args.opnieuw:
            print(f"De database bevat al {bestaand} signalen en {antwoorden} ingevulde vragenlijsten; er is niets "
                  "toegevoegd. Wilt u ze vervangen door demogegevens, gebruik dan --opnieuw (dat verwijdert alle "
                  "bestaande signalen en ingevulde vragenlijsten).", file=sys.stderr)
            return 1
        session.execute(delete(Signaal))
        session.execute(delete(VragenlijstAntwoord))
        aantal = vul(session, van, tot, settings.wijken, args.seed)
    print(f"{aantal.signalen} demosignalen en {aantal.vragenlijsten} ingevulde vragenlijsten toegevoegd van {van} "
          f"tot en met {tot}.\n"
          f"Rapport maken: .venv/bin/bot report --van {van} --tot {tot} --formaat html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
