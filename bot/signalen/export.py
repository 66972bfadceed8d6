"""The policy report as a web page (standalone or as a fragment for the workspace), CSV and Excel.

Charts are PNG images made with matplotlib's object API (no pyplot, no global backend) and embedded as
data: URIs: nothing is fetched from another site, and the workspace's Content-Security-Policy (img-src
'self' data:, no inline styles) allows them. The fragment uses NL Design System (Utrecht) classes plus the
`rapport-*` classes styled by static/rapport.css; the HTML is built from the Jinja templates in templates/.

CSV: one file in long form, one line per table cell: `tabel,rij,kolom,waarde` (UTF-8 with BOM so that
Excel reads the accents). Counts without thousands separator, shares as "12,5%", hidden cells as "<5" or
"x", the key figures as tabel "Kerncijfers".
"""
from __future__ import annotations

import base64
import csv
import io
import math
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from bot.signalen.rapportage import (
    DOMEINEN,
    KLEIN,
    MAANDEN,
    NVT,
    TE_WEINIG,
    VERBORGEN,
    Cel,
    Rapport,
    Rij,
    Tabel,
    datum_tekst,
)

KLEUREN = ["#154273", "#e17000", "#39870c", "#a90061"]  # dark blue, orange, green, violet
MAANDEN_KORT = dict(zip(MAANDEN, ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
                                   "dec"]))


def titel(r: Rapport) -> str:
    wie = f"Gemeente {r.gemeente} – " if r.gemeente else ""
    return f"{wie}Cliëntondersteuning in cijfers"


def periode(r: Rapport) -> str:
    return f"{datum_tekst(r.van)} tot en met {datum_tekst(r.tot)}"


def legenda(r: Rapport) -> list[str]:
    d = r.drempel
    return [
        f"<{d}: een aantal van 0 tot en met {d - 1}. Het precieze aantal is verborgen, zodat niemand te herkennen is.",
        f"x: een aantal van {d} of meer dat ook verborgen is. Anders kon u een klein aantal terugrekenen door "
        f"de andere getallen van het totaal af te trekken. Een percentage van een verborgen aantal is ook x.",
        f"–: niet van toepassing, of (bij een mediaan of percentiel) minder dan {d} waarden om die uit te rekenen.",
    ]


# --- Charts ------------------------------------------------------------------------------------------

def _figuur(breedte: float, hoogte: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(breedte, hoogte), dpi=144, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor="white")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _stijl(ax, raster: str) -> None:
    """Quiet axes: no box, light grid lines along the value axis ("x" or "y")."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(colors="#333333", labelsize=9)
    ax.grid(axis=raster, color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)


def _getal(cel: Cel) -> float:
    return cel.waarde if cel.getoond else math.nan


def grafiek_maanden(r: Rapport) -> tuple[str, str] | None:
    rijen = [rij for rij in r.per_maand.rijen if rij.soort != "totaal"]
    if len(rijen) < 2:
        return None
    fig = _figuur(8, 3.6)
    ax = fig.add_subplot()
    x = range(len(rijen))
    for i, (naam, markering) in enumerate(zip(DOMEINEN.values(), "osD^")):
        ax.plot(x, [_getal(rij.cellen[i]) for rij in rijen], marker=markering, color=KLEUREN[i], label=naam,
                linewidth=2)
    labels = []
    for rij in rijen:
        maand, jaar = rij.koppen[0].split()[:2]
        kort = MAANDEN_KORT[maand]
        labels.append(f"{kort}\n{jaar}" if maand == "januari" or not labels else kort)
    ax.set_xticks(list(x), labels)
    ax.set_ylabel("Aantal contacten")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=9, ncol=4, loc="upper center", bbox_to_anchor=(0.5, 1.14))
    _stijl(ax, "y")
    alt = ("Lijngrafiek van het aantal contacten per maand, met een lijn per levensdomein. Een ontbrekend punt "
           "is een verborgen aantal. De cijfers staan in de tabel hieronder.")
    return _png(fig), alt


def grafiek_uitkomsten(r: Rapport) -> tuple[str, str]:
    rij = r.uitkomsten_aandeel.rijen[-1]
    namen = r.uitkomsten_aandeel.koppen[1:]
    fig = _figuur(8, 2.9)
    ax = fig.add_subplot()
    y = list(range(len(namen)))[::-1]
    waarden = [_getal(c) for c in rij.cellen]
    ax.barh(y, [0 if math.isnan(v) else v for v in waarden], color=KLEUREN[0], height=0.6)
    for yi, v, cel in zip(y, waarden, rij.cellen):
        ax.text(0 if math.isnan(v) else v, yi, "  " + cel.tekst(r.drempel), va="center", fontsize=9)
    ax.set_yticks(y, namen)
    ax.set_xlabel("Percentage")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
    ax.set_xlim(0, max([v for v in waarden if not math.isnan(v)] + [0.1]) * 1.18)
    _stijl(ax, "x")
    alt = ("Staafdiagram met per uitkomst het percentage van alle contacten. De cijfers staan in de tabel "
           "'Uitkomsten als percentage van de contacten'.")
    return _png(fig), alt


def grafiek_wijken(r: Rapport) -> tuple[str, str]:
    rijen = [rij for rij in r.per_wijk.rijen if rij.soort != "totaal"]
    fig = _figuur(8, 0.42 * len(rijen) + 1.1)
    ax = fig.add_subplot()
    y = list(range(len(rijen)))[::-1]
    hoogste = max([c.waarde for rij in rijen for c in rij.cellen[:2] if c.getoond] + [1])
    for kolom, (naam, kleur, verschuiving) in enumerate([("Meedenkers gevonden", KLEUREN[0], 0.2),
                                                         ("Geen meedenker", KLEUREN[1], -0.2)]):
        cellen = [rij.cellen[kolom] for rij in rijen]
        posities = [yi + verschuiving for yi in y]
        ax.barh(posities, [c.waarde if c.getoond else 0 for c in cellen], height=0.38, color=kleur, label=naam)
        for p, c in zip(posities, cellen):
            ax.text((c.waarde if c.getoond else 0) + hoogste * 0.01, p, c.tekst(r.drempel), va="center",
                    fontsize=8, color="#333333")
    ax.set_yticks(y, [rij.koppen[0] for rij in rijen])
    ax.set_xlabel("Aantal gesprekken")
    ax.set_xlim(0, hoogste * 1.12)
    ax.legend(frameon=False, fontsize=9, ncol=2, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    _stijl(ax, "x")
    alt = ("Staafdiagram met per wijk hoe vaak de bot meedenkers vond en hoe vaak er geen passende meedenker "
           "was. Verborgen aantallen staan als tekst zonder staaf. De cijfers staan in de tabel hieronder.")
    return _png(fig), alt


def grafiek_gaten(r: Rapport, hoeveel: int = 10) -> tuple[str, str] | None:
    rijen = [rij for rij in r.gaten.rijen if not rij.soort and rij.cellen[3].getoond
             and rij.koppen[1] != "Onderwerp niet bekend"]
    rijen = sorted(rijen, key=lambda rij: -rij.cellen[3].waarde)[:hoeveel]
    if not rijen:
        return None
    fig = _figuur(8, 0.36 * len(rijen) + 1.0)
    ax = fig.add_subplot()
    y = list(range(len(rijen)))[::-1]
    domeinen = list(DOMEINEN.values())
    kleuren = [KLEUREN[domeinen.index(rij.koppen[0])] for rij in rijen]
    ax.barh(y, [rij.cellen[3].waarde for rij in rijen], color=kleuren, height=0.6)
    for yi, rij in zip(y, rijen):
        ax.text(rij.cellen[3].waarde, yi, "  " + rij.cellen[3].tekst(r.drempel), va="center", fontsize=9)
    ax.set_yticks(y, [f"{rij.koppen[1]} ({rij.koppen[0].lower()})" for rij in rijen])
    ax.set_xlabel("Percentage")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
    ax.set_xlim(0, max(rij.cellen[3].waarde for rij in rijen) * 1.2)
    _stijl(ax, "x")
    alt = ("Staafdiagram van de onderwerpen waarbij de bot het vaakst geen passende meedenker vond, als "
           "percentage van de keren dat hij zocht. De cijfers staan in de tabel hieronder.")
    return _png(fig), alt


def _detailrijen(t: Tabel) -> list[Rij]:
    return [rij for rij in t.rijen if not rij.soort]


def _balken(r: Rapport, labels: list[str], reeksen: list[tuple[str, str, list[Cel]]], as_label: str,
            procent: bool = False):
    """Horizontal bars, one group per label and one bar per series; a hidden value is text without a bar."""
    fig = _figuur(8, max(2.0, (0.2 * len(reeksen) + 0.12) * len(labels) + 1.0))
    ax = fig.add_subplot()
    aantal = len(reeksen)
    dikte = 0.8 / aantal
    y = list(range(len(labels)))[::-1]
    hoogste = max([c.waarde for _, _, cellen in reeksen for c in cellen if c.getoond] + [0]) or 1
    for j, (naam, kleur, cellen) in enumerate(reeksen):
        posities = [yi + (aantal - 1) / 2 * dikte - j * dikte for yi in y]
        ax.barh(posities, [c.waarde if c.getoond else 0 for c in cellen], height=dikte * 0.9, color=kleur, label=naam)
        for p, c in zip(posities, cellen):
            ax.text((c.waarde if c.getoond else 0) + hoogste * 0.01, p, c.tekst(r.drempel), va="center", fontsize=8,
                    color="#333333")
    ax.set_yticks(y, labels)
    ax.set_xlabel(as_label)
    if procent:
        ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
    ax.set_xlim(0, hoogste * 1.15)
    if aantal > 1:
        ax.legend(frameon=False, fontsize=9, ncol=aantal, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    _stijl(ax, "x")
    return fig, ax


VERBORGEN_KLEUR = "#d9d9d9"


def _gestapeld(r: Rapport, labels: list[str], rijen: list[tuple[list[Cel], Cel]], namen: list[str],
               kleuren: list[str], witte_tekst: set[int]):
    """Bars of 100%: each row's counts as parts of its total. Hidden counts are one grey part together, the
    size a reader computes from the table anyway (total minus the shown counts); a row whose total is hidden
    has no bar."""
    from matplotlib.patches import Patch

    fig = _figuur(8, 0.5 * len(labels) + 1.5)
    ax = fig.add_subplot()
    y = list(range(len(labels)))[::-1]
    met_verborgen = False
    for yi, (cellen, totaal) in zip(y, rijen):
        if not totaal.getoond or not totaal.waarde:
            ax.text(0.01, yi, "te weinig antwoorden om te tonen" if totaal.getoond else "verborgen: zie de tabel",
                    va="center", fontsize=8, color="#555555")
            continue
        rest = totaal.waarde - sum(c.waarde for c in cellen if c.getoond)
        verborgen = [i for i, c in enumerate(cellen) if not c.getoond]
        # Next to each other, the hidden counts keep their place; apart, their sum goes at the end.
        plek = verborgen[0] if verborgen and verborgen[-1] - verborgen[0] == len(verborgen) - 1 else len(cellen)
        links = 0.0
        for i, c in enumerate([*cellen, None]):
            if c is not None and c.getoond:
                deel, kleur, arcering = c.waarde / totaal.waarde, kleuren[i], None
            elif i == plek and rest > 0:
                deel, kleur, arcering = rest / totaal.waarde, VERBORGEN_KLEUR, "///"
                met_verborgen = True
            else:
                continue
            ax.barh(yi, deel, left=links, height=0.62, color=kleur, hatch=arcering, edgecolor="white", linewidth=0.8)
            if deel >= 0.07 and arcering is None:
                ax.text(links + deel / 2, yi, f"{deel * 100:.0f}%", ha="center", va="center", fontsize=8,
                        color="white" if i in witte_tekst else "#1b1b1b")
            links += deel
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
    legenda_ = [Patch(facecolor=k, label=n) for n, k in zip(namen, kleuren)]
    if met_verborgen:
        legenda_.append(Patch(facecolor=VERBORGEN_KLEUR, hatch="///", edgecolor="white", label="Verborgen (samen)"))
    ax.legend(handles=legenda_, frameon=False, fontsize=8, ncol=min(len(legenda_), 3), loc="lower center",
              bbox_to_anchor=(0.5, 1.0))
    _stijl(ax, "x")
    return fig, ax


def grafiek_kanalen(r: Rapport) -> tuple[str, str] | None:
    rijen = [rij for rij in _detailrijen(r.per_kanaal) if rij.koppen[0] not in ("Chat", "Via een verwijzer")]
    if not any(rij.cellen[0].getoond and rij.cellen[0].waarde for rij in rijen):
        return None
    kleuren = [KLEUREN[1] if rij.koppen[0].startswith("Verwijzer") else KLEUREN[0] for rij in rijen]
    fig, ax = _balken(r, [rij.koppen[0] for rij in rijen],
                      [("Contacten", KLEUREN[0], [rij.cellen[0] for rij in rijen])], "Aantal contacten")
    for balk, kleur in zip(ax.patches, kleuren):
        balk.set_color(kleur)
    alt = ("Staafdiagram van het aantal vragen dat niet via de chat binnenkwam: per telefoon, bij een wijkpunt, per "
           "e-mail, en via een verwijzer per soort verwijzer. Verborgen aantallen staan als tekst zonder staaf. De "
           "cijfers, ook die van de chat, staan in de tabel hieronder.")
    return _png(fig), alt


def grafiek_bekend_via(r: Rapport) -> tuple[str, str] | None:
    rijen = _detailrijen(r.bekend_via)
    rijen = [rij for rij in rijen if rij.koppen[0] != "Niet ingevuld"]
    if not any(c.getoond for rij in rijen for c in (rij.cellen[1], rij.cellen[3])):
        return None
    fig, _ = _balken(r, [rij.koppen[0] for rij in rijen],
                     [("Na een chatgesprek", KLEUREN[0], [rij.cellen[1] for rij in rijen]),
                      ("Geregistreerde vragen", KLEUREN[1], [rij.cellen[3] for rij in rijen])],
                     "Percentage van wie de vraag beantwoordde", procent=True)
    alt = ("Staafdiagram met per antwoord op 'Hoe kent u ons?' het percentage, apart voor antwoorden na een "
           "chatgesprek en bij geregistreerde vragen. De cijfers staan in de tabel hieronder.")
    return _png(fig), alt


def grafiek_doelgroepen(r: Rapport) -> tuple[str, str] | None:
    rijen = [rij for rij in _detailrijen(r.bereik_doelgroep) if rij.koppen[0] != "Geen doelgroep bekend"]
    if not any(rij.cellen[0].getoond and rij.cellen[0].waarde for rij in rijen):
        return None
    fig, _ = _balken(r, [rij.koppen[0] for rij in rijen],
                     [("Contacten", KLEUREN[0], [rij.cellen[0] for rij in rijen]),
                      ("Overdrachten afgerond", KLEUREN[2], [rij.cellen[1] for rij in rijen])], "Aantal")
    alt = ("Staafdiagram met per doelgroep het aantal contacten en het aantal afgeronde overdrachten. Contacten "
           "zonder bekende doelgroep staan alleen in de tabel. Verborgen aantallen staan als tekst zonder staaf.")
    return _png(fig), alt


def grafiek_eerste_contact(r: Rapport) -> tuple[str, str] | None:
    rijen = r.eerste_contact.rijen
    if not any(rij.cellen[1].getoond for rij in rijen):
        return None
    fig, ax = _balken(r, [rij.koppen[0] for rij in rijen],
                      [("Mediaan", KLEUREN[0], [rij.cellen[1] for rij in rijen]),
                       ("90e percentiel", KLEUREN[1], [rij.cellen[2] for rij in rijen])],
                      "Werkdagen tot eerste contact")
    ax.xaxis.get_major_locator().set_params(integer=True)
    alt = ("Staafdiagram met per levensdomein de mediaan en het 90e percentiel van het aantal werkdagen van "
           "overdracht tot eerste contact. Een streepje betekent te weinig overdrachten om te tonen.")
    if r.reactietijd_dagen is not None:
        grens = r.reactietijd_dagen
        ax.axvline(grens, color=KLEUREN[3], linestyle="--", linewidth=1.5)
        ax.text(grens, ax.get_ylim()[1], f" reactietijd: {grens} werkdagen", color=KLEUREN[3], fontsize=8, va="top")
        ax.set_xlim(0, max(ax.get_xlim()[1], grens * 1.2))
        alt += f" Een stippellijn staat bij de reactietijd van {grens} werkdagen."
    return _png(fig), alt + " De cijfers staan in de tabel hieronder."


UITKOMST_KLEUREN = ["#39870c", "#154273", "#e17000", "#a90061"]  # support, referred, declined, no contact


def _gestapelde_tabel(r: Rapport, tabel, rijen, delen: int, kleuren: list[str], witte_tekst: set[int],
                      alt: str) -> tuple[str, str] | None:
    """A 100% bar per row: the row's first `delen` counts as parts of the count after them (its total); no chart
    when no row has a shown, non-zero total."""
    if not any(rij.cellen[delen].getoond and rij.cellen[delen].waarde for rij in rijen):
        return None
    fig, _ = _gestapeld(r, [rij.koppen[0] for rij in rijen], [(rij.cellen[:delen], rij.cellen[delen]) for rij in rijen],
                        tabel.koppen[1:delen + 1], kleuren, witte_tekst)
    return _png(fig), alt


def grafiek_per_soort(r: Rapport) -> tuple[str, str] | None:
    rijen = [rij for rij in _detailrijen(r.per_soort) if rij.koppen[0] != "Soort niet bekend"] + r.per_soort.rijen[-1:]
    return _gestapelde_tabel(r, r.per_soort, rijen, 4, UITKOMST_KLEUREN, {0, 1, 3},
                             "Gestapeld staafdiagram: voor vrijwilligers, beroepskrachten en samen hoe de afgeronde "
                             "overdrachten afliepen, in procenten. De cijfers staan in de tabel hieronder.")


def grafiek_doorverwezen_naar(r: Rapport) -> tuple[str, str] | None:
    t = r.doorverwezen_naar
    rijen = [rij for rij in _detailrijen(t) if rij.koppen[0] != "Onbekend"]
    reeksen = [(naam, kleur, t.koppen.index(f"{naam} (%)") - t.rijkoppen)
               for naam, kleur in (("Vrijwilliger", KLEUREN[0]), ("Beroepskracht", KLEUREN[1]), ("Samen", KLEUREN[2]))]
    if not any(rij.cellen[i].getoond and rij.cellen[i].waarde for rij in rijen for _, _, i in reeksen):
        return None
    fig, _ = _balken(r, [rij.koppen[0] for rij in rijen],
                     [(naam, kleur, [rij.cellen[i] for rij in rijen]) for naam, kleur, i in reeksen],
                     "Percentage van de doorverwijzingen", procent=True)
    alt = ("Staafdiagram met per plek waar inwoners naartoe werden doorverwezen het percentage van de "
           "doorverwijzingen: door vrijwilligers, door beroepskrachten en samen. Verborgen percentages staan als "
           "tekst zonder staaf. De cijfers staan in de tabel hieronder.")
    return _png(fig), alt


SCHAAL_KLEUREN = ["#d73027", "#fc8d59", "#fee090", "#91bfdb", "#4575b4"]


def grafiek_ervaringen(r: Rapport) -> tuple[str, str] | None:
    return _gestapelde_tabel(
        r, r.ervaringen, r.ervaringen.rijen, 5, SCHAAL_KLEUREN, {0, 4},
        "Gestapeld staafdiagram: per stelling van de vragenlijst hoe inwoners antwoordden, van helemaal mee oneens "
        "(links) tot helemaal mee eens (rechts), in procenten van de antwoorden. Verborgen aantallen staan samen "
        "in grijs. De cijfers staan in de tabel hieronder.")


OORDEEL_KLEUREN = ["#4575b4", "#91bfdb", "#d73027"]


def grafiek_chat_oordeel(r: Rapport) -> tuple[str, str] | None:
    return _gestapelde_tabel(
        r, r.chat_oordeel, r.chat_oordeel.rijen, 3, OORDEEL_KLEUREN, {0, 2},
        "Gestapeld staafdiagram: per maand hoe vaak inwoners na een chatgesprek ja, een beetje of nee zeiden op "
        "'Heeft dit gesprek u geholpen?', in procenten. Verborgen aantallen staan samen in grijs. De cijfers "
        "staan in de tabel hieronder.")


GRAFIEKEN = {  # table name -> (chart, caption)
    "Contacten per maand": (grafiek_maanden, "Contacten per maand, per levensdomein. Een onderbroken lijn "
                                             "betekent een verborgen aantal in die maand."),
    "Per kanaal": (grafiek_kanalen, "Vragen die niet via de chat binnenkwamen, per ingang en per soort verwijzer"),
    "Hoe inwoners ons vonden": (grafiek_bekend_via, "Hoe kent u ons? In procenten van wie de vraag beantwoordde"),
    "Bereik per doelgroep": (grafiek_doelgroepen, "Contacten en afgeronde overdrachten per doelgroep (als die "
                                                  "bekend is)"),
    "Uitkomsten in procenten": (grafiek_uitkomsten, "Uitkomsten als percentage van alle contacten"),
    "Gaten in het netwerk": (grafiek_gaten, "Onderwerpen met het hoogste percentage zonder passende meedenker"),
    "Per wijk": (grafiek_wijken, "Meedenkers gevonden en geen meedenker, per wijk. Een verborgen aantal staat er "
                                 "als <5 of x, zonder staaf."),
    "Tijd tot eerste contact": (grafiek_eerste_contact, "Werkdagen van overdracht tot eerste contact: mediaan en "
                                                        "90e percentiel"),
    "Uitkomst per soort meedenker": (grafiek_per_soort, "Afloop van overdrachten bij vrijwilligers en "
                                                        "beroepskrachten, in procenten"),
    "Doorverwezen naar": (grafiek_doorverwezen_naar, "Waar meedenkers naartoe doorverwezen: vrijwilligers, "
                                                     "beroepskrachten en samen, in procenten van hun "
                                                     "doorverwijzingen. Een verborgen percentage staat er als x, "
                                                     "zonder staaf."),
    "Ervaringen na de ondersteuning": (grafiek_ervaringen, "Antwoorden op de vragenlijst na de ondersteuning, "
                                                           "per stelling, in procenten. Grijs: verborgen aantallen, "
                                                           "samen."),
    "Chat-feedback": (grafiek_chat_oordeel, "Heeft dit gesprek u geholpen? Antwoorden per maand, in procenten"),
}


# --- HTML --------------------------------------------------------------------------------------------

HIER = Path(__file__).resolve().parent
RAPPORT_CSS_BESTAND = HIER / "static" / "rapport.css"
PAGINA_CSS_BESTAND = HIER / "static" / "rapport-pagina.css"


def _id(tekst: str) -> str:
    return "rapport-" + re.sub(r"[^a-z0-9]+", "-", tekst.lower()).strip("-")


def _groepslengte(rijen, start: int) -> int:
    lengte = 1
    while start + lengte < len(rijen) and rijen[start + lengte].koppen[0] == rijen[start].koppen[0]:
        lengte += 1
    return lengte


@lru_cache(maxsize=1)
def _templates():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(HIER / "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, keep_trailing_newline=False)
    env.globals.update(anker=_id, groepslengte=_groepslengte, KLEIN=KLEIN, VERBORGEN=VERBORGEN, NVT=NVT,
                       TE_WEINIG=TE_WEINIG)
    return env


def naar_html_fragment(r: Rapport, grafieken: bool = True) -> str:
    """The report without <html>/<head>: for the workspace page (role beleid). Headings start at h2."""
    charts = {}
    for t in r.tabellen:
        if grafieken and t.naam in GRAFIEKEN:
            maak, onderschrift = GRAFIEKEN[t.naam]
            grafiek = maak(r)
            if grafiek:
                charts[t.naam] = {"png": grafiek[0], "alt": grafiek[1], "onderschrift": onderschrift}
    return _templates().get_template("rapport_fragment.html").render(
        r=r, periode=periode(r), legenda=legenda(r), grafieken=defaultdict(dict, charts))


def naar_html(r: Rapport) -> str:
    """A complete standalone Dutch page: no scripts, nothing loaded from elsewhere (the style is inline)."""
    from markupsafe import Markup

    css = PAGINA_CSS_BESTAND.read_text(encoding="utf-8") + RAPPORT_CSS_BESTAND.read_text(encoding="utf-8")
    return _templates().get_template("rapport_pagina.html").render(
        r=r, titel=titel(r), periode=periode(r), css=Markup(css), fragment=Markup(naar_html_fragment(r)),
        gemaakt=datum_tekst(r.gemaakt))


# --- CSV and Excel -----------------------------------------------------------------------------------

def _veilig(tekst: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def _csv_waarde(cel: Cel, drempel: int) -> str:
    if cel.getoond and isinstance(cel.waarde, int):
        return str(cel.waarde)
    return cel.tekst(drempel)  # shares as "12,5%", a median as "2,5"


def naar_csv(r: Rapport, path: str | Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as uit:
        schrijver = csv.writer(uit)
        schrijver.writerow(["tabel", "rij", "kolom", "waarde"])
        for naam, cel in r.kerncijfers:
            schrijver.writerow(["Kerncijfers", naam, "Waarde", _csv_waarde(cel, r.drempel)])
        for t in r.tabellen:
            kolommen = t.koppen[t.rijkoppen:]
            for rij in t.rijen:
                rijnaam = _veilig(" – ".join(k for k in rij.koppen if k))
                for kolom, cel in zip(kolommen, rij.cellen):
                    schrijver.writerow([t.naam, rijnaam, kolom, _csv_waarde(cel, r.drempel)])


def naar_xlsx(r: Rapport, path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    kopvulling = PatternFill("solid", fgColor="154273")
    subvulling = PatternFill("solid", fgColor="F2F4F6")
    dik = Side(style="medium", color="154273")
    rechts = Alignment(horizontal="right")

    def tekst(cel, waarde: str) -> None:
        cel.value = waarde
        cel.data_type = "s"  # never a formula, whatever a quote starts with

    boek = Workbook()
    blad = boek.active
    blad.title = "Toelichting"
    blad["A1"] = titel(r)
    blad["A1"].font = Font(bold=True, size=14, color="154273")
    regels = [f"Periode: {periode(r)}", f"Gemaakt op {datum_tekst(r.gemaakt)}", "",
              "De cijfers komen uit anonieme signalen van de chatbot en de werkplek: alleen de dag en categorieën. "
              "Ze tellen gesprekken en overdrachten, geen personen. De antwoorden op de vragenlijst na de "
              "ondersteuning zijn bewaard zonder koppeling aan de overdracht of de inwoner.", "",
              "Verborgen aantallen:", *legenda(r), "",
              "Kerncijfers"]
    for i, regel in enumerate(regels, start=3):
        tekst(blad.cell(row=i, column=1), regel)
    rij_nr = 3 + len(regels)
    blad.cell(row=rij_nr - 1, column=1).font = Font(bold=True)
    for naam, cel in r.kerncijfers:
        tekst(blad.cell(row=rij_nr, column=1), naam)
        _xlsx_cel(blad.cell(row=rij_nr, column=2), cel, r.drempel, tekst, rechts)
        rij_nr += 1
    blad.column_dimensions["A"].width = 60
    blad.column_dimensions["B"].width = 14

    for t in r.tabellen:
        blad = boek.create_sheet(t.naam[:31])
        tekst(blad["A1"], t.titel)
        blad["A1"].font = Font(bold=True, size=14, color="154273")
        tekst(blad["A2"], t.uitleg)
        blad["A2"].alignment = Alignment(wrap_text=True, vertical="top")
        blad.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(t.koppen))
        blad.row_dimensions[2].height = 15 * max(2, math.ceil(len(t.uitleg) / 110))
        for kolom, kop in enumerate(t.koppen, start=1):
            cel = blad.cell(row=4, column=kolom)
            tekst(cel, kop)
            cel.font = Font(bold=True, color="FFFFFF")
            cel.fill = kopvulling
            cel.alignment = Alignment(wrap_text=True, vertical="bottom",
                                      horizontal="right" if kolom > t.rijkoppen else "left")
        for i, rij in enumerate(t.rijen, start=5):
            for kolom, kop in enumerate(rij.koppen, start=1):
                tekst(blad.cell(row=i, column=kolom), kop)
            for kolom, c in enumerate(rij.cellen, start=t.rijkoppen + 1):
                _xlsx_cel(blad.cell(row=i, column=kolom), c, r.drempel, tekst, rechts)
            if rij.soort:
                for kolom in range(1, len(t.koppen) + 1):
                    cel = blad.cell(row=i, column=kolom)
                    cel.font = Font(bold=True)
                    if rij.soort == "totaal":
                        cel.border = Border(top=dik, bottom=dik)
                    else:
                        cel.fill = subvulling
        voet = 6 + len(t.rijen)
        tekst(blad.cell(row=voet, column=1), f"<{r.drempel} = 0 tot en met {r.drempel - 1}; x = verborgen (zie "
                                             "Toelichting); – = niet van toepassing.")
        blad.cell(row=voet, column=1).font = Font(italic=True, color="555555")
        for kolom, kop in enumerate(t.koppen, start=1):
            langste = max([len(kop)] + [len(rij.koppen[kolom - 1]) for rij in t.rijen if kolom <= t.rijkoppen])
            blad.column_dimensions[get_column_letter(kolom)].width = min(70, max(12, langste + 2))
        blad.freeze_panes = blad.cell(row=5, column=t.rijkoppen + 1)
    boek.save(path)


def _xlsx_cel(cel, c: Cel, drempel: int, tekst, rechts) -> None:
    if c.getoond:
        cel.value = c.waarde
        cel.number_format = "0.0%" if c.aandeel else "0.0" if isinstance(c.waarde, float) else "#,##0"
    else:
        tekst(cel, c.tekst(drempel))
        cel.alignment = rechts
