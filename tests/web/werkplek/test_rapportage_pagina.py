"""The policy report as a page in the workspace: behind sign-in, the same suppressed figures as the CLI."""
import datetime as dt
import io

import openpyxl
from sqlalchemy import delete

from bot.models import Signaal
from bot.signalen import signalen

from .conftest import maart_signalen


def test_policy_officer_sees_the_report_with_small_numbers_hidden(beleid, sessions, settings):
    maart_signalen(sessions, settings.wijken)
    page = beleid.get("/rapportage?van=2026-03-01&tot=2026-03-31")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kerncijfers" in html and "maart 2026" in html
    assert ">12<" in html and ">3<" not in html and "&lt;5" in html  # 3 jeugd contacts are hidden
    assert "rapport.css" in html and beleid.get("/rapportage/rapport.css").mimetype == "text/css"


def test_downloads_are_the_same_report(beleid, sessions, settings):
    maart_signalen(sessions, settings.wijken)
    reply = beleid.get("/rapportage/download?formaat=xlsx&van=2026-03-01&tot=2026-03-31")
    assert reply.status_code == 200 and "attachment" in reply.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(reply.data))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "<5" in cells and 3 not in cells
    csv = beleid.get("/rapportage/download?formaat=csv&van=2026-03-01&tot=2026-03-31")
    assert csv.status_code == 200 and "<5" in csv.get_data(as_text=True)
    assert beleid.get("/rapportage/download?formaat=pdf").status_code == 404


def test_bad_dates_fall_back_to_the_default_period_with_a_message(beleid):
    html = beleid.get("/rapportage?van=gisteren&tot=2026-01-01").get_data(as_text=True)
    assert "JJJJ-MM-DD" in html and "Kerncijfers" in html


def test_anonymous_visitors_get_no_report(app, sessions, settings):
    maart_signalen(sessions, settings.wijken)
    client = app.test_client()
    for url in ("/rapportage", "/rapportage/download?formaat=csv", "/rapportage/rapport.css"):
        reply = client.get(url)
        assert reply.status_code == 302 and "/aanmelden" in reply.headers["Location"]


def test_the_adviesraad_sees_the_report_and_nothing_else(adviesraad, refs, sessions, settings):
    import re

    maart_signalen(sessions, settings.wijken)
    assert adviesraad.get("/").headers["Location"].endswith("/rapportage")
    page = adviesraad.get("/rapportage?van=2026-03-01&tot=2026-03-31")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kerncijfers" in html and ">12<" in html and ">3<" not in html and "Ervaringen van inwoners" in html
    menu = html.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a [^>]*>([^<]+)</a>', menu) == ["Rapportage"]
    assert "(Adviesraad)" in html
    reply = adviesraad.get("/rapportage/download?formaat=csv&van=2026-03-01&tot=2026-03-31")
    assert reply.status_code == 200 and "<5" in reply.get_data(as_text=True)
    # A handover, its access log and the list are not for the adviesraad: 403, and nothing is opened.
    for url in (f"/overdrachten/{refs['huur']}", f"/overdrachten/{refs['huur']}/toegangslog", "/overdrachten",
                "/mails", "/netwerk", "/registreren"):
        reply = adviesraad.get(url)
        assert reply.status_code == 403, url
        assert "+31 6 12345678" not in reply.get_data(as_text=True)
    from sqlalchemy import func, select

    from bot.models import Toegangsregel

    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Toegangsregel)) == 0


def test_the_report_compares_first_contact_with_the_configured_reactietijd(beleid, sessions, settings):
    day = dt.date(2026, 3, 10)
    with sessions() as session, session.begin():
        session.execute(delete(Signaal))
        for dagen in (1, 2, 3, 1, 2, 3, 0, 4, 9, 5, 6, 8):
            signalen.record(session, "afgesloten", levensdomein="wonen", uitkomst="ondersteuning",
                            werkdagen_tot_contact=dagen, meedenker_soort="vrijwillig", datum=day)
    assert settings.reactietijd == "twee werkdagen"  # within when the first contact took at most 2 working days
    html = beleid.get("/rapportage?van=2026-03-01&tot=2026-03-31").get_data(as_text=True)
    assert "binnen 2 werkdagen (REACTIETIJD)" in html
    assert "Eerste contact binnen de reactietijd" in html and "41,7%" in html  # 5 of 12
