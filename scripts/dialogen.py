"""Simulated inwoners played through the real servers: does the bot understand people as they really answer?

Each persona in eval/dialogen/*.yml (written apart from the training data, never trained on) starts with its own
first message and answers every question the bot asks in its own words (or clicks the matching button, when it
is a button user); before a given question it may ask something else first (costs, privacy, simpler language, a
crisis), after the choice it may ask to be contacted or raise a second question. As in the outside measurement:
after being misunderstood twice on one question it types "weet ik niet".

Figures: the share that **ended right** (the right ending, levensdomein and contact details; crisis numbers when
needed and never otherwise), the share **without any misunderstanding**, and the **median number of messages to
the choice** of meedenkers; per part: the tuned four fifths and the held-out fifth (every 5th persona), whose
transcripts are never printed.

Run: make dialogues   (starts its own stack; `--alleen ID,ID` for some, `--fouten` prints the tuned part's failures)
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bot.gesprek.teksten import fill, load_responses  # noqa: E402
from bot.overdracht import contact  # noqa: E402
from bot.runtime.chat import split_key  # noqa: E402

PERSONAS = ROOT / "eval" / "dialogen"
REPORT = ROOT / "reports" / "dialogen.json"
MAX_BERICHTEN = 25
NIET_WETEN = "weet ik niet"

# What the bot's texts mean to the simulated inwoner, by response name (both language levels).
VRAGEN = {
    "utter_vraag_meedenker": "wil_meedenker", "utter_vraag_meedenker_tweede": "wil_meedenker",
    "utter_ask_onderwerp": "onderwerp", "utter_ask_wijk": "wijk", "utter_ask_wijk_namens": "wijk",
    "utter_ask_voorkeur_ondersteuner": "voorkeur", "utter_ask_taal": "taal", "utter_ask_taal_namens": "taal",
    "utter_ask_overdracht_toestemming": "toestemming", "utter_ask_overdracht_toestemming_namens": "toestemming",
    "utter_ask_contact_gegeven": "contact", "utter_contact_vraag_telefoon": "contact",
    "utter_contact_vraag_email": "contact", "utter_ask_contact_moment": "moment",
    "utter_ask_meedenker_keuze": "meedenker_keuze",
}
# A question skipped, or a choice left to the coordinator, after an answer was not understood counts as well.
NIET_BEGREPEN = {"utter_antwoord_niet_herkend", "utter_fallback_herformuleren", "utter_fallback_medewerker",
                 "utter_default", "utter_contact_ongeldig_telefoon", "utter_contact_ongeldig_email",
                 "utter_vraag_overgeslagen", "utter_contact_niet_gelukt", "utter_coordinator_kiest"}
EINDES = {"utter_keuze_intro": "keuze", "utter_geen_match": "keuze", "utter_overdracht_bevestigd": "overdracht",
          "utter_overdracht_geen_toestemming": "geen_toestemming", "utter_geen_meedenker": "geen_meedenker"}
CRISIS = "utter_crisis"
STORING = "Sorry, er ging iets mis aan onze kant"


def held_out(index: int) -> bool:
    return index % 5 == 4


def load_personas() -> list[dict]:
    personas = []
    for path in sorted(PERSONAS.glob("*.yml")):
        personas += yaml.safe_load(path.read_text(encoding="utf-8"))["personas"]
    return personas


class Herkenner:
    """Which of the bot's responses a text is, whatever the language level and the values filled in."""

    def __init__(self, slots: dict[str, str]):
        self.patronen: list[tuple[re.Pattern, str]] = []
        for name, variants in load_responses().items():
            for variant in variants:
                text = fill(variant.get("text") or "", slots).strip()
                if not text:
                    continue
                pattern = re.escape(text)
                pattern = re.sub(r"\\\{\w+\\\}", ".*?", pattern)  # values an action fills in ({wie}, {naam})
                self.patronen.append((re.compile(pattern + r"\Z", re.S), name))

    def namen(self, text: str) -> set[str]:
        return {name for pattern, name in self.patronen if pattern.match(text.strip())}


@dataclass
class Uitslag:
    id: str
    achtergehouden: bool
    geslaagd: bool = False
    misverstanden: int = 0
    berichten_tot_keuze: int | None = None
    berichten: int = 0
    redenen: list[str] = field(default_factory=list)
    velden: dict = field(default_factory=dict)  # expected slot -> right?
    gesprek: list[tuple[str, str]] = field(default_factory=list)


class Inwoner:
    """One persona talking to the bot through the REST channel, as the widget does."""

    def __init__(self, persona: dict, webhook: str, herkenner: Herkenner):
        self.p = persona
        self.webhook = webhook
        self.herkenner = herkenner
        self.sender = f"sim-{uuid.uuid4().hex}"
        self.sleutel = None
        self.uit = Uitslag(persona["id"], False)
        self.namen_gezien: set[str] = set()
        self.kaarten = 0

    def zeg(self, tekst: str) -> tuple[set[str], list[dict]]:
        self.uit.berichten += 1
        self.uit.gesprek.append(("inwoner", tekst))
        body = {"sender": self.sender, "message": tekst, "sleutel": self.sleutel}
        reply = requests.post(self.webhook, json=body, timeout=120)
        reply.raise_for_status()
        berichten, sleutel = split_key(reply.json())
        self.sleutel = sleutel or self.sleutel
        namen = set()
        for m in berichten:
            if m.get("text"):
                self.uit.gesprek.append(("bot", m["text"]))
                namen |= self.herkenner.namen(m["text"])
                if m["text"].startswith(STORING):
                    namen.add("storing")
            if (m.get("custom") or {}).get("type") == "meedenker":
                self.kaarten += 1
                namen.add("kaart")
        self.namen_gezien |= namen
        return namen, berichten

    # --- answering -----------------------------------------------------------------------------
    def antwoord(self, vraag: str, berichten: list[dict], pogingen: int) -> str:
        if pogingen >= 2:
            return NIET_WETEN
        antwoorden = self.p.get("antwoorden") or {}
        overdracht = self.p.get("overdracht") or {}
        getypt = {"toestemming": overdracht.get("toestemming"), "contact": overdracht.get("contact"),
                  "moment": overdracht.get("moment"), "meedenker_keuze": overdracht.get("meedenker_keuze")}
        tekst = antwoorden.get(vraag) or getypt.get(vraag) or NIET_WETEN
        if self.p.get("klikt"):
            knop = self._knop(vraag, tekst, [b for m in berichten for b in m.get("buttons") or []])
            if knop:
                return knop
        return tekst

    def _knop(self, vraag: str, tekst: str, knoppen: list[dict]) -> str | None:
        verwacht = self.p.get("verwacht") or {}
        wanted = {"onderwerp": verwacht.get("onderwerp"), "wijk": verwacht.get("wijk"),
                  "voorkeur": verwacht.get("voorkeur"), "taal": verwacht.get("taal"),
                  "moment": contact.parse_moment(tekst)}.get(vraag)
        if vraag == "wil_meedenker":
            wanted = "/ontkennen" if verwacht.get("einde") == "geen_meedenker" else "/bevestigen"
        if vraag == "toestemming":
            wanted = "/ontkennen" if verwacht.get("einde") == "geen_toestemming" else "/bevestigen"
        if not wanted:
            return None
        for knop in knoppen:
            payload = knop.get("payload", "")
            if payload == wanted or f'"{wanted}"' in payload:
                return payload
        return None

    # --- the conversation ----------------------------------------------------------------------
    def speel(self) -> Uitslag:
        verwacht = self.p["verwacht"]
        for tekst in self.p.get("berichten_voor_vraag") or []:
            self.zeg(tekst)
        namen, berichten = self.zeg(self.p["eerste_bericht"])
        tussendoor = list(self.p.get("tussendoor") or [])
        pogingen: dict[str, int] = {}
        laatste_vraag, herhaald = None, 0
        overdracht_gevraagd = tweede_gesteld = False
        einde = None
        while self.uit.berichten < MAX_BERICHTEN:
            self.uit.misverstanden += len(namen & NIET_BEGREPEN)
            if "storing" in namen:
                self.uit.redenen.append("storing")
                break
            eindes = {EINDES[n] for n in namen if n in EINDES}
            if "kaart" in namen:
                eindes.add("keuze")
            if "keuze" in eindes and self.uit.berichten_tot_keuze is None:
                self.uit.berichten_tot_keuze = self.uit.berichten
            vragen = [VRAGEN[n] for n in namen if n in VRAGEN]
            if eindes and not vragen:
                einde = sorted(eindes)[-1] if "overdracht" not in eindes else "overdracht"
                if tussendoor:  # meant for a question the bot did not need to ask: said now, at the choice
                    voor, vorige = tussendoor.pop(0), namen
                    namen, berichten = self.zeg(voor["zegt"])
                    if voor["soort"] == "crisis" and CRISIS not in namen:
                        self.uit.redenen.append("geen crisisnummers op een crisisbericht")
                    if not any(n in VRAGEN for n in namen):  # the choice is still on the screen
                        namen = set(namen) | {n for n in vorige if n in EINDES or n == "kaart"}
                    continue
                if einde == "keuze" and self.p.get("overdracht") and not overdracht_gevraagd:
                    overdracht_gevraagd = True
                    namen, berichten = self.zeg(self.p["overdracht"]["vraag"])
                    continue
                if self.p.get("tweede_vraag") and not tweede_gesteld and einde in ("keuze", "overdracht",
                                                                                    "geen_toestemming"):
                    tweede_gesteld = True
                    namen, berichten = self.zeg(self.p["tweede_vraag"]["bericht"])
                    domein = self.p["tweede_vraag"]["levensdomein"]
                    if f"utter_erkenning_{domein}" not in namen:
                        self.uit.redenen.append(f"tweede vraag ({domein}) niet herkend")
                    break
                break
            if not vragen:
                if eindes:
                    break
                # No question and no ending: the bot lost the thread. The inwoner says it again.
                self.uit.misverstanden += 1
                herhaald += 1
                if herhaald > 2:
                    self.uit.redenen.append("de bot vroeg niets meer")
                    break
                namen, berichten = self.zeg(self.p["eerste_bericht"] if einde is None else NIET_WETEN)
                continue
            vraag = vragen[0]
            voor = next((t for t in tussendoor if t["voor"] == vraag), None)
            if voor is not None:
                tussendoor.remove(voor)
                laatste_vraag = None  # the question may rightly come again after the answer to this
                namen, berichten = self.zeg(voor["zegt"])
                if voor["soort"] == "crisis" and CRISIS not in namen:
                    self.uit.redenen.append("geen crisisnummers op een crisisbericht")
                continue
            if vraag == laatste_vraag:  # the same question right after our answer: not understood
                pogingen[vraag] = pogingen.get(vraag, 0) + 1
                if not namen & NIET_BEGREPEN:
                    self.uit.misverstanden += 1  # asked again without saying so
            laatste_vraag = vraag
            if pogingen.get(vraag, 0) > 4:
                self.uit.redenen.append(f"lus op de vraag {vraag}")
                break
            namen, berichten = self.zeg(self.antwoord(vraag, berichten, pogingen.get(vraag, 0)))
        else:
            self.uit.redenen.append(f"meer dan {MAX_BERICHTEN} berichten")
        self._beoordeel(einde, verwacht)
        return self.uit

    def _beoordeel(self, einde: str | None, verwacht: dict) -> None:
        if einde != verwacht["einde"]:
            self.uit.redenen.append(f"einde {einde}, verwacht {verwacht['einde']}")
        if verwacht.get("crisis") and CRISIS not in self.namen_gezien:
            self.uit.redenen.append("crisisnummers ontbraken")
        if not verwacht.get("crisis") and CRISIS in self.namen_gezien:
            self.uit.redenen.append("vals crisisalarm")


def controleer_opslag(uitslag: Uitslag, inwoner: Inwoner, settings) -> None:
    """The tracker store's last slot values and the saved handover, against what the persona expects."""
    from sqlalchemy import create_engine, select, text

    verwacht = inwoner.p["verwacht"]
    engine = create_engine(settings.tracker_store_url, future=True)
    waarden: dict = {}
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'slot' ORDER BY id"),
                            {"s": inwoner.sender}).all()
    engine.dispose()
    tweede = inwoner.p.get("tweede_vraag")
    for (data,) in rows:
        event = json.loads(data)
        waarden.setdefault(event["name"], []).append(event.get("value"))
    # The levensdomein of the first question: the value before a second question changed it.
    domeinen = [v for v in waarden.get("levensdomein", []) if v]
    eerste = domeinen[0] if domeinen else None
    if eerste != verwacht["levensdomein"]:
        uitslag.redenen.append(f"levensdomein {eerste}, verwacht {verwacht['levensdomein']}")
    if tweede and tweede["levensdomein"] not in domeinen:
        uitslag.redenen.append("tweede levensdomein niet vastgelegd")
    slotnamen = {"onderwerp": "onderwerp", "wijk": "wijk", "voorkeur": "voorkeur_ondersteuner", "taal": "taal",
                 "namens": "namens"}
    for veld, slot in slotnamen.items():
        if verwacht.get(veld) and verwacht["einde"] in ("keuze", "overdracht", "geen_toestemming"):
            gezien = [v for v in waarden.get(slot, []) if v]
            uitslag.velden[veld] = bool(gezien) and (gezien[-1] == verwacht[veld] or
                                                      (veld == "namens" and bool(gezien[-1])))
    if verwacht["einde"] == "overdracht" or verwacht.get("contact"):
        from bot import db
        from bot.models import Overdracht

        with db.new_session(settings.database_url) as session:
            rows = list(session.scalars(select(Overdracht).where(Overdracht.gesprek_id == inwoner.sender)))
            opgeslagen = [(o.contact_manier, o.contact_gegeven) for o in rows]
        if verwacht["einde"] == "overdracht":
            gewenst = verwacht.get("contact") or ""
            cijfers = re.sub(r"\D", "", gewenst)
            goed = any((g or "").lower() == gewenst.lower() or (cijfers and re.sub(r"\D", "", g or "") == cijfers)
                       for _, g in opgeslagen)
            if not goed:
                uitslag.redenen.append(f"overdracht met {gewenst} niet opgeslagen (wel: {opgeslagen})")


def speel_alles(webhook: str, settings, personas: list[tuple[int, dict]], gelijktijdig: int = 4) -> list[Uitslag]:
    herkenner = Herkenner(settings.gemeente_slots())
    lock = threading.Lock()
    klaar = []

    def een(item):
        index, persona = item
        inwoner = Inwoner(persona, webhook, herkenner)
        uitslag = inwoner.speel()
        uitslag.achtergehouden = held_out(index)
        controleer_opslag(uitslag, inwoner, settings)
        uitslag.geslaagd = not uitslag.redenen
        with lock:
            klaar.append(uitslag)
            print(f"  {'ok ' if uitslag.geslaagd else 'NEE'} {uitslag.id}", flush=True)
        return uitslag

    with ThreadPoolExecutor(max_workers=gelijktijdig) as pool:
        return list(pool.map(een, personas))


def cijfers(uitslagen: list[Uitslag]) -> dict:
    n = len(uitslagen) or 1
    tot_keuze = [u.berichten_tot_keuze for u in uitslagen if u.berichten_tot_keuze is not None]
    velden: dict[str, list[bool]] = {}
    for u in uitslagen:
        for veld, goed in u.velden.items():
            velden.setdefault(veld, []).append(goed)
    return {
        "personas": len(uitslagen),
        "geslaagd": round(sum(u.geslaagd for u in uitslagen) / n, 3),
        "zonder_misverstand": round(sum(u.geslaagd and u.misverstanden == 0 for u in uitslagen) / n, 3),
        "mediaan_berichten_tot_keuze": statistics.median(tot_keuze) if tot_keuze else None,
        "velden_goed": {v: f"{sum(g)}/{len(g)}" for v, g in sorted(velden.items())},
    }


def start_stack(folder: Path):
    from bot import db
    from bot.config import load_settings
    from bot.netwerk import netwerk
    from bot.runtime.launcher import Stack, free_port

    env = {**{k: str(free_port()) for k in ("RASA_PORT", "ACTION_PORT", "WERKPLEK_PORT", "SITE_PORT")},
           "DATABASE_URL": f"sqlite:///{folder}/bot.db", "TRACKER_STORE_URL": f"sqlite:///{folder}/tracker.db",
           "NETWERK_VERVERSEN_SECONDEN": "0"}
    settings = load_settings(environ=env)
    stack = Stack(settings=settings, log_dir=folder / "logs", env=env)
    stack.prepare_database()
    netwerk.load_demo_if_empty(db.session_factory(settings.database_url), settings.wijken)
    return stack.start()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alleen", help="alleen deze persona's (ids, komma's ertussen)")
    parser.add_argument("--fouten", action="store_true", help="toon de mislukte gesprekken (alleen van het afstemdeel)")
    parser.add_argument("--lang", action="store_true",
                        help="toon de gesprekken van het afstemdeel die meer dan 5 berichten tot de keuze nodig hadden")
    parser.add_argument("--geen-doc", action="store_true", help="docs/benchmarks.md niet bijwerken")
    args = parser.parse_args()
    personas = list(enumerate(load_personas()))
    if args.alleen:
        wanted = set(args.alleen.split(","))
        personas = [(i, p) for i, p in personas if p["id"] in wanted]
    with tempfile.TemporaryDirectory() as folder:
        print("Stack starten (Rasa-server, actieserver)...", flush=True)
        stack = start_stack(Path(folder))
        try:
            uitslagen = speel_alles(stack.webhook_url, stack.settings, personas)
        finally:
            stack.stop()
    delen = {"afstemdeel": [u for u in uitslagen if not u.achtergehouden],
             "achtergehouden": [u for u in uitslagen if u.achtergehouden], "totaal": uitslagen}
    if args.fouten:
        for u in delen["afstemdeel"]:
            if not u.geslaagd or u.misverstanden:
                print(f"\n--- {u.id}: {', '.join(u.redenen) or 'misverstand'} ({u.misverstanden} misverstanden)")
                for wie, tekst in u.gesprek:
                    print(f"  {wie:7} {tekst[:160]}")
    if args.lang:
        for u in delen["afstemdeel"]:
            if (u.berichten_tot_keuze or 0) > 5:
                print(f"\n--- {u.id}: {u.berichten_tot_keuze} berichten tot de keuze")
                for wie, tekst in u.gesprek:
                    print(f"  {wie:7} {tekst[:110]}")
    resultaat = {naam: cijfers(us) for naam, us in delen.items()}
    for naam, c in resultaat.items():
        print(f"{naam}: {c['personas']} persona's, geslaagd {c['geslaagd']:.0%}, zonder misverstand "
              f"{c['zonder_misverstand']:.0%}, mediaan berichten tot de keuze {c['mediaan_berichten_tot_keuze']}, "
              f"velden goed {c['velden_goed']}")
    resultaat["redenen"] = {u.id: u.redenen for u in delen["afstemdeel"] if u.redenen}
    if not args.alleen:  # the report and the doc hold the whole suite only
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.geen_doc and not args.alleen:
        from benchmarks_doc import write_section

        regels = ["| part | personas | ended right | without a misunderstanding | median messages to the choice |",
                  "|---|---|---|---|---|"]
        for naam, label in (("afstemdeel", "tuned (4/5)"), ("achtergehouden", "held out (1/5)"), ("totaal", "all")):
            c = resultaat[naam]
            regels.append(f"| {label} | {c['personas']} | {c['geslaagd']:.0%} | {c['zonder_misverstand']:.0%} | "
                          f"{c['mediaan_berichten_tot_keuze']} |")
        write_section("dialogen", "Simulated inwoners from `eval/dialogen/` (written apart from the training data) "
                                  "through the real Rasa and action servers; every 5th is held out.\n\n"
                      + "\n".join(regels) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
