"""The policy report as a web page (standalone or as a fragment for the workspace), CSV and Excel.

Charts are PNG images made with matplotlib's object API (no pyplot, no global backend) and embedded as
data: URIs: nothing is fetched from another site, and the workspace's Content-Security-Policy (img-src
'self' data:, no inline styles) allows them. The fragment uses NL Design System (Utrecht) classes plus the
`rapport-*` classes styled by RAPPORT_CSS.

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
from html import escape
from pathlib import Path

from bot.signalen.rapportage import DOMEINEN, KLEIN, MAANDEN, NVT, VERBORGEN, Cel, Rapport, Tabel, datum_tekst

KLEUREN = ["#154273", "#e17000", "#39870c", "#a90061"]  # dark blue, orange, green, violet
MAANDEN_KORT = dict(zip(MAANDEN, ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
                                   "dec"]))


def titel(r: Rapport) -> str:
    wie = f"Gemeente {r.gemeente} – " if r.gemeente else ""
    return f"{wie}Signalen uit de chat cliëntondersteuning"


def periode(r: Rapport) -> str:
    return f"{datum_tekst(r.van)} tot en met {datum_tekst(r.tot)}"


def legenda(r: Rapport) -> list[str]:
    d = r.drempel
    return [
        f"<{d}: een aantal van 0 tot en met {d - 1}. Het precieze aantal is verborgen, zodat niemand te herkennen is.",
        f"x: een aantal van {d} of meer dat ook verborgen is. Anders kon u een klein aantal terugrekenen door "
        f"de andere getallen van het totaal af te trekken. Een percentage van een verborgen aantal is ook x.",
        "–: niet van toepassing.",
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


def _procent(x: float) -> str:
    return f"{x * 100:.1f}".replace(".", ",") + "%"


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


GRAFIEKEN = {  # table name -> (chart, caption)
    "Contacten per maand": (grafiek_maanden, "Contacten per maand, per levensdomein. Een onderbroken lijn "
                                             "betekent een verborgen aantal in die maand."),
    "Uitkomsten in procenten": (grafiek_uitkomsten, "Uitkomsten als percentage van alle contacten"),
    "Gaten in het netwerk": (grafiek_gaten, "Onderwerpen met het hoogste percentage zonder passende meedenker"),
    "Per wijk": (grafiek_wijken, "Meedenkers gevonden en geen meedenker, per wijk. Een verborgen aantal staat er "
                                 "als <5 of x, zonder staaf."),
}


# --- HTML --------------------------------------------------------------------------------------------

RAPPORT_CSS = """
.rapport { --rapport-blauw: #154273; --rapport-licht: #e8f0f7; --rapport-rand: #c9d2dc; color: #1b1b1b; }
.rapport h2 { color: var(--rapport-blauw); font-size: 1.5rem; margin: 2.5rem 0 .75rem;
  padding-bottom: .3rem; border-bottom: 2px solid var(--rapport-blauw); }
.rapport p, .rapport li { max-width: 46rem; line-height: 1.55; }
.rapport-kerncijfers { display: grid; grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr)); gap: .75rem;
  margin: 1rem 0 0; padding: 0; }
.rapport-kerncijfer { background: var(--rapport-licht); border-left: 5px solid var(--rapport-blauw);
  padding: .75rem 1rem; }
.rapport-kerncijfer dt { font-size: .9rem; }
.rapport-kerncijfer dd { margin: .2rem 0 0; font-size: 1.8rem; font-weight: 700; color: var(--rapport-blauw); }
.rapport-legenda { background: #fff8e6; border-left: 5px solid #e17000; padding: .75rem 1rem 0.75rem 2rem;
  max-width: 44rem; }
.rapport-figuur { margin: 1.25rem 0; }
.rapport-figuur img { display: block; max-width: 100%; height: auto; }
.rapport-figuur figcaption { font-size: .9rem; color: #444; margin-top: .3rem; }
.rapport-tabel { overflow-x: auto; margin: 1rem 0 .5rem; }
.rapport table { border-collapse: collapse; min-width: 60%; font-size: .95rem; font-variant-numeric: tabular-nums; }
.rapport caption { text-align: left; font-weight: 700; font-size: 1.05rem; padding: 0 0 .5rem; }
.rapport th, .rapport td { padding: .35rem .7rem; border-bottom: 1px solid var(--rapport-rand);
  vertical-align: top; }
.rapport thead th { background: var(--rapport-blauw); color: #fff; text-align: left; vertical-align: bottom;
  font-weight: 600; }
.rapport tbody th { text-align: left; font-weight: 400; }
.rapport tbody th:first-child { white-space: nowrap; }
.rapport .rapport-getal { text-align: right; }
.rapport td.rapport-getal { white-space: nowrap; }
.rapport .rapport-verborgen { color: #555; }
.rapport tr.rapport-subtotaal > * { background: #f2f4f6; font-weight: 600; }
.rapport tr.rapport-totaal > * { font-weight: 700; border-top: 2px solid var(--rapport-blauw);
  border-bottom: 2px solid var(--rapport-blauw); }
.rapport-inhoud ol { columns: 2; padding-left: 1.25rem; max-width: 40rem; }
.rapport-inhoud a { color: var(--rapport-blauw); }
.rapport-toelichting { font-size: .9rem; color: #444; }
@media print { .rapport h2 { break-after: avoid; } .rapport-sectie { break-inside: avoid-page; } }
"""

PAGINA_CSS = """
body { margin: 0; font-family: "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1rem; background: #fff; }
.pagina-kop { background: #154273; color: #fff; padding: 1.75rem 0 1.5rem; }
.pagina-kop p { margin: 0; opacity: .92; }
.pagina-kop h1 { margin: .3rem 0 .4rem; font-size: 2rem; line-height: 1.2; }
.pagina { max-width: 64rem; margin: 0 auto; padding: 0 1.5rem; }
.pagina-voet { margin: 3rem 0 2rem; padding-top: 1rem; border-top: 1px solid #c9d2dc; font-size: .875rem;
  color: #444; }
@media print { .pagina-kop { background: none; color: #000; border-bottom: 3px solid #154273; } }
"""


def _id(tekst: str) -> str:
    return "rapport-" + re.sub(r"[^a-z0-9]+", "-", tekst.lower()).strip("-")


def _td(cel: Cel, drempel: int) -> str:
    tekst = escape(cel.tekst(drempel))
    if cel.status == KLEIN:
        tekst = f'<abbr title="minder dan {drempel}, precies aantal verborgen">{tekst}</abbr>'
    elif cel.status == VERBORGEN:
        tekst = '<abbr title="verborgen, zodat een klein aantal niet is terug te rekenen">x</abbr>'
    elif cel.status == NVT:
        tekst = '<abbr title="niet van toepassing">–</abbr>'
    klassen = "utrecht-table__cell utrecht-table__cell--numeric-data rapport-getal"
    if cel.status:
        klassen += " rapport-verborgen"
    return f'<td class="{klassen}">{tekst}</td>'


def _tabel_html(t: Tabel, drempel: int) -> str:
    kop = "".join(
        f'<th scope="col" class="utrecht-table__header-cell{" rapport-getal" if i >= t.rijkoppen else ""}">'
        f"{escape(k)}</th>" for i, k in enumerate(t.koppen))
    regels = [f'<div class="rapport-tabel" role="region" aria-labelledby="{_id(t.naam)}-bijschrift" tabindex="0">',
              '<table class="utrecht-table utrecht-table--html-table">',
              f'<caption class="utrecht-table__caption" id="{_id(t.naam)}-bijschrift">{escape(t.titel)}</caption>',
              f'<thead class="utrecht-table__header"><tr class="utrecht-table__row">{kop}</tr></thead>',
              '<tbody class="utrecht-table__body">']
    groep_start = 0
    for i, rij in enumerate(t.rijen):
        klasse = f"utrecht-table__row rapport-{rij.soort}" if rij.soort else "utrecht-table__row"
        koppen = []
        if t.rijkoppen == 2:
            # The levensdomein heads a group of rows; shown once, spanning the group.
            if i == 0 or rij.koppen[0] != t.rijen[i - 1].koppen[0]:
                groep_start = i
                lengte = 1
                while groep_start + lengte < len(t.rijen) and t.rijen[groep_start + lengte].koppen[0] == rij.koppen[0]:
                    lengte += 1
                koppen.append(f'<th scope="rowgroup" rowspan="{lengte}" class="utrecht-table__header-cell">'
                              f"{escape(rij.koppen[0])}</th>")
            koppen.append(f'<th scope="row" class="utrecht-table__header-cell">{escape(rij.koppen[1])}</th>')
        else:
            koppen.append(f'<th scope="row" class="utrecht-table__header-cell">{escape(rij.koppen[0])}</th>')
        cellen = "".join(_td(c, drempel) for c in rij.cellen)
        regels.append(f'<tr class="{klasse}">{"".join(koppen)}{cellen}</tr>')
    regels += ["</tbody>", "</table>", "</div>"]
    return "\n".join(regels)


def _sectie(r: Rapport, t: Tabel, grafieken: bool) -> str:
    delen = [f'<section class="rapport-sectie" aria-labelledby="{_id(t.naam)}">',
             f'<h2 class="utrecht-heading-2" id="{_id(t.naam)}">{escape(t.naam)}</h2>',
             f'<p class="utrecht-paragraph">{escape(t.uitleg)}</p>']
    if grafieken and t.naam in GRAFIEKEN:
        maak, onderschrift = GRAFIEKEN[t.naam]
        grafiek = maak(r)
        if grafiek:
            png, alt = grafiek
            delen.append(f'<figure class="utrecht-figure rapport-figuur"><img src="data:image/png;base64,{png}" '
                         f'alt="{escape(alt)}" width="1152"><figcaption class="utrecht-figure__caption">'
                         f"{escape(onderschrift)}</figcaption></figure>")
    delen += [_tabel_html(t, r.drempel), "</section>"]
    return "\n".join(delen)


def naar_html_fragment(r: Rapport, grafieken: bool = True) -> str:
    """The report without <html>/<head>: for the workspace page (role beleid). Headings start at h2."""
    kern = "".join(f'<div class="rapport-kerncijfer"><dt>{escape(naam)}</dt><dd>{escape(cel.tekst(r.drempel))}</dd>'
                   "</div>" for naam, cel in r.kerncijfers)
    uitleg = "".join(f"<li>{escape(regel)}</li>" for regel in legenda(r))
    return "\n".join([
        '<div class="rapport">',
        '<section class="rapport-sectie" aria-labelledby="rapport-kerncijfers">',
        '<h2 class="utrecht-heading-2" id="rapport-kerncijfers">Kerncijfers</h2>',
        f'<p class="utrecht-paragraph">Periode: {escape(periode(r))}.</p>',
        f'<dl class="rapport-kerncijfers">{kern}</dl>',
        "</section>",
        '<nav class="rapport-inhoud" aria-labelledby="rapport-inhoud-kop">',
        '<h2 class="utrecht-heading-2" id="rapport-inhoud-kop">Inhoud</h2><ol>',
        '<li><a href="#rapport-zo-leest-u">Zo leest u dit rapport</a></li>',
        *(f'<li><a href="#{_id(t.naam)}">{escape(t.naam)}</a></li>' for t in r.tabellen),
        "</ol></nav>",
        '<section class="rapport-sectie" aria-labelledby="rapport-zo-leest-u">',
        '<h2 class="utrecht-heading-2" id="rapport-zo-leest-u">Zo leest u dit rapport</h2>',
        '<p class="utrecht-paragraph">De cijfers komen uit anonieme signalen die de chatbot vastlegt op '
        "belangrijke momenten in een gesprek: alleen de dag en categorieën, zoals het levensdomein, het "
        "onderwerp en de wijk. Er staan geen namen, adressen of gesprekken in. De cijfers tellen gesprekken, "
        "geen personen: één inwoner kan vaker contact hebben gehad.</p>",
        '<p class="utrecht-paragraph">Kleine aantallen laten we niet zien, want dan zou u kunnen weten over '
        "wie het gaat. In de tabellen betekent:</p>",
        f'<ul class="rapport-legenda">{uitleg}</ul>',
        '<p class="utrecht-paragraph">Totalen zijn de echte totalen: de verborgen aantallen tellen daarin mee.</p>',
        "</section>",
        *(_sectie(r, t, grafieken) for t in r.tabellen),
        "</div>",
    ])


def naar_html(r: Rapport) -> str:
    """A complete standalone Dutch page: no scripts, nothing loaded from elsewhere."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(titel(r))}, {escape(periode(r))}</title>",
        f"<style>{PAGINA_CSS}{RAPPORT_CSS}</style>",
        "</head>",
        "<body>",
        '<header class="pagina-kop"><div class="pagina">',
        f"<p>{escape('Gemeente ' + r.gemeente if r.gemeente else 'Gemeente')} · Onafhankelijke cliëntondersteuning</p>",
        "<h1>Signalen uit de chat: wat inwoners vragen en waar het netwerk tekortschiet</h1>",
        f"<p>Rapportage voor beleid over {escape(periode(r))}</p>",
        "</div></header>",
        '<main class="pagina">',
        naar_html_fragment(r),
        f'<footer class="pagina-voet">Gemaakt op {escape(datum_tekst(r.gemaakt))} uit de anonieme signalen van de '
        f"chatbot. Aantallen onder de {r.drempel} zijn verborgen.</footer>",
        "</main>",
        "</body>",
        "</html>",
    ])


# --- CSV and Excel -----------------------------------------------------------------------------------

def _veilig(tekst: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def _csv_waarde(cel: Cel, drempel: int) -> str:
    if cel.getoond and not cel.aandeel:
        return str(cel.waarde)
    return cel.tekst(drempel)


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
              "De cijfers komen uit anonieme signalen van de chatbot: alleen de dag en categorieën. "
              "Ze tellen gesprekken, geen personen.", "", "Verborgen aantallen:", *legenda(r), "",
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
        cel.number_format = "0.0%" if c.aandeel else "#,##0"
    else:
        tekst(cel, c.tekst(drempel))
        cel.alignment = rechts
