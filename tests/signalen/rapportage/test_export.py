"""The report as Excel, CSV and HTML: opens, parses, is Dutch, accessible and self-contained."""
from __future__ import annotations

import csv
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from bot.signalen import rapportage
from bot.signalen.export import naar_csv, naar_html, naar_html_fragment, naar_xlsx

from .conftest import FEB, TOT, VAN, WIJKEN, voeg, vul_a, vul_b

FORMULE = "=SOM(A1:A9)*10"  # a knelpunt a spreadsheet would run as a formula


@pytest.fixture
def rapport(sessions):
    with sessions() as session, session.begin():
        vul_a(session)
        voeg(session, 5, "levensdomein", FEB, levensdomein="jeugd", knelpunt=FORMULE)
    with sessions() as session:
        return rapportage.maak_rapport(session, VAN, TOT, WIJKEN, gemeente="Lindeveld")


def test_xlsx_has_a_sheet_per_table_with_hidden_cells_as_text(rapport, tmp_path):
    pad = tmp_path / "rapport.xlsx"
    naar_xlsx(rapport, pad)
    boek = load_workbook(pad)
    # In the order of the monitoring questions: reach, the chat, availability, how it ended, experiences.
    assert boek.sheetnames == ["Toelichting", "Contacten per maand", "Per kanaal", "Hoe inwoners ons vonden",
                               "Bereik per doelgroep", "Per wijk", "Uitkomsten", "Uitkomsten in procenten",
                               "Makkelijke taal (B1)", "Gaten in het netwerk", "Per doelgroep",
                               "Tijd tot eerste contact", "Uitkomst van overdrachten", "Uitkomst per soort meedenker",
                               "Doorverwezen naar", "Verwijzingen tussen soorten", "Ervaringen na de ondersteuning",
                               "Chat-feedback", "Verbeterpunten", "Knelpunten"]
    assert all(len(naam) <= 31 for naam in boek.sheetnames)
    wijk = boek["Per wijk"]
    assert wijk["A1"].value == "Gesprekken met een keuze of geen match, per wijk"
    assert [c.value for c in wijk[4]] == ["Wijk", "Meedenkers gevonden", "Geen meedenker", "Samen",
                                          "Geen meedenker (%)", "Warme overdracht"]
    assert wijk["A4"].font.bold and wijk["A4"].fill.fgColor.rgb.endswith("154273")
    rijen = {r[0].value: [c.value for c in r[1:]] for r in wijk.iter_rows(min_row=5, max_row=9)}
    assert rijen["Centrum"][:3] == [12, 6, 18] and rijen["Centrum"][4] == 7
    assert rijen["Centrum"][3] == pytest.approx(1 / 3)
    assert wijk["E5"].number_format == "0.0%"
    assert rijen["Kleidorp"] == ["<5", "<5", "<5", "x", "<5"]
    assert rijen["Totaal"][:3] == [22, 11, 33]
    assert wijk.freeze_panes == "B5"


def test_xlsx_never_turns_a_quote_into_a_formula(rapport, tmp_path):
    pad = tmp_path / "rapport.xlsx"
    naar_xlsx(rapport, pad)
    blad = load_workbook(pad)["Knelpunten"]
    cellen = [c for r in blad.iter_rows() for c in r if c.value == FORMULE]
    assert cellen and all(c.data_type == "s" for c in cellen)


def test_csv_is_one_long_table_that_parses(rapport, tmp_path):
    pad = tmp_path / "rapport.csv"
    naar_csv(rapport, pad)
    with open(pad, encoding="utf-8-sig", newline="") as f:
        rijen = list(csv.DictReader(f))
    assert list(rijen[0]) == ["tabel", "rij", "kolom", "waarde"]
    waarde = {(r["tabel"], r["rij"], r["kolom"]): r["waarde"] for r in rijen}
    assert waarde["Contacten per maand", "Totaal", "Totaal"] == "90"  # with the 5 formula quotes
    assert waarde["Per wijk", "Kleidorp", "Geen meedenker"] == "<5"
    assert waarde["Per wijk", "Kleidorp", "Geen meedenker (%)"] == "x"
    assert waarde["Gaten in het netwerk", "Wonen – Totaal wonen", "Geen meedenker (%)"] == "33,3%"
    assert waarde["Kerncijfers", "Contacten (vraag herkend)", "Waarde"] == "90"
    formule = [r for r in rijen if FORMULE in r["rij"]]
    assert formule and not any(r["rij"].startswith("=") for r in formule)
    tabellen = {r["tabel"] for r in rijen}
    assert tabellen == {"Kerncijfers", *(t.naam for t in rapport.tabellen)}


def test_csv_escapes_a_row_that_starts_like_a_formula(tmp_path):
    from bot.signalen.export import _veilig

    assert _veilig("=1+1") == "'=1+1" and _veilig("@SOM") == "'@SOM" and _veilig("Wonen") == "Wonen"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "img", "br", "link"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> sluit {self.open[-1:]}"
        self.open.pop()


def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    assert parser.open == [], parser.open
    return parser


def test_html_is_a_dutch_accessible_standalone_page(rapport):
    html = naar_html(rapport)
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    p = tags(html)
    namen = [t for t, _ in p.tags]
    assert namen.count("table") == namen.count("caption") == len(rapport.tabellen)
    assert all(a.get("scope") in ("col", "row", "rowgroup") for t, a in p.tags if t == "th")
    assert namen.count("h1") == 1 and "Cliëntondersteuning in cijfers" in html
    # A chapter (h2) per monitoring question, a section (h3) per table.
    assert namen.count("h3") == len(rapport.tabellen) and namen.count("h2") == 3 + len(rapport.hoofdstukken)
    imgs = [a for t, a in p.tags if t == "img"]
    # Charts for the tables with something to show; this data set has no registered questions, handovers,
    # feedback or questionnaires, so their sections have a table without a chart.
    assert len(imgs) == 4 and all(a["src"].startswith("data:image/png;base64,") and a["alt"] for a in imgs)
    assert "<script" not in html.lower()
    assert not re.search(r"https?://", html), "no address of another site, not even in a link"
    assert not re.search(r"(src|href)=\"//", html)
    assert "Zo leest u dit rapport" in html and "&lt;5: een aantal van 0 tot en met 4" in html
    assert "1 januari 2026 tot en met 31 maart 2026" in html
    assert "Gemeente Lindeveld" in html


def test_an_empty_report_still_exports(sessions, tmp_path):
    with sessions() as session:
        rapport = rapportage.maak_rapport(session, VAN, TOT, WIJKEN)
    assert 'lang="nl"' in naar_html(rapport)
    naar_xlsx(rapport, tmp_path / "leeg.xlsx")
    naar_csv(rapport, tmp_path / "leeg.csv")
    assert load_workbook(tmp_path / "leeg.xlsx")["Contacten per maand"]["B5"].value == "<5"


def test_html_escapes_quotes(rapport, sessions):
    with sessions() as session, session.begin():
        voeg(session, 5, "levensdomein", FEB, levensdomein="wmo_aanvraag", knelpunt="<b>Ik</b> & [NAAM]")
    with sessions() as session:
        rapport = rapportage.maak_rapport(session, VAN, TOT, WIJKEN)
    html = naar_html_fragment(rapport, grafieken=False)
    assert "&lt;b&gt;Ik&lt;/b&gt; &amp; [NAAM]" in html and "<b>Ik</b>" not in html


def test_fragment_fits_the_workspace(rapport):
    fragment = naar_html_fragment(rapport)
    p = tags(fragment)
    namen = {t for t, _ in p.tags}
    assert not namen & {"html", "head", "body", "style", "script", "h1", "link"}
    # The workspace's Content-Security-Policy allows no inline styles; images only from data:.
    assert not any("style" in a for _, a in p.tags)
    assert all(a["src"].startswith("data:") for t, a in p.tags if t == "img")
    assert "utrecht-table" in fragment and fragment.count("<caption") == len(rapport.tabellen)


def test_suppressed_cells_are_marked_for_screen_readers(sessions):
    with sessions() as session, session.begin():
        vul_b(session)
    with sessions() as session:
        html = naar_html_fragment(rapportage.maak_rapport(session, VAN, TOT, WIJKEN), grafieken=False)
    assert '<abbr title="minder dan 5, precies aantal verborgen">&lt;5</abbr>' in html
    assert '<abbr title="verborgen, zodat een klein aantal niet is terug te rekenen">x</abbr>' in html
