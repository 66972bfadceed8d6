"""The workspace for meedenkers: their own list, what they see before and after accepting, refusals on the record,
the mails a change queues, registering a question by hand, and availability that the chat honours at once."""
import datetime as dt
import logging
import re

import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from bot.models import Beschikbaarheid, Mail, Overdracht, Signaal, Toegangsregel
from bot.netwerk import matching, netwerk
from bot.overdracht import overdracht
from bot.tijd import lokale_dag, werkdagen_tussen

from .conftest import MEEDENKER_2, login, post_form

TELEFOON = "+31 6 12345678"  # the "huur" handover's phone number (tests/web/werkplek/conftest.py)
GESPREK = "Ik heb een huurachterstand"  # and a line of its transcript


def _vandaag() -> dt.date:
    return lokale_dag(overdracht.now())


def _toewijzen(coordinator, ref, sleutel):
    page = f"/overdrachten/{ref}"
    reply = post_form(coordinator, page, f"{page}/toewijzen", {"meedenker": sleutel})
    assert reply.status_code == 302 and reply.headers["Location"] == page
    return page


def _mails(sessions, soort=None):
    with sessions() as session:
        query = select(Mail).order_by(Mail.id)
        if soort:
            query = query.where(Mail.soort == soort)
        return session.scalars(query).all()


def _records(sessions, ref, gebruiker="anna"):
    """The access records of one handover by one user (the coordinator opens it too, to assign it)."""
    with sessions() as session:
        return session.scalars(select(Toegangsregel).where(Toegangsregel.data_subject_id == ref,
                                                           Toegangsregel.gebruiker == gebruiker)
                               .order_by(Toegangsregel.id)).all()


def _vind(sessions, ref):
    with sessions() as session:
        o = overdracht.vind(session, ref)
        o.gebeurtenissen, o.berichten  # noqa: B018 (loaded while the session is open)
        return o


def _signalen(sessions):
    with sessions() as session:
        return session.scalars(select(Signaal).order_by(Signaal.id)).all()


def _flash(client, location):
    return client.get(location).get_data(as_text=True)


@pytest.fixture
def anna_heeft_huur(coordinator, refs):
    """The coordinator assigned the "huur" handover to Anna (vml-anna) and "schulden" to Marloes."""
    _toewijzen(coordinator, refs["huur"], "vml-anna")
    _toewijzen(coordinator, refs["schulden"], "smd-marloes")
    return refs["huur"]


def _aannemen(meedenker, ref):
    page = f"/overdrachten/{ref}"
    reply = post_form(meedenker, page, f"{page}/aannemen")
    assert reply.status_code == 302 and reply.headers["Location"] == page
    return page


# --- her own list, and nothing else ---------------------------------------------------------------

def test_start_page_and_her_list_show_only_her_handovers(meedenker, anna_heeft_huur, refs):
    assert meedenker.get("/").headers["Location"].endswith("/mijn")
    reply = meedenker.get("/mijn")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 200 and "Mijn overdrachten" in html
    assert refs["huur"] in html and "Toegewezen" in html and "1 overdracht," in html
    for other in ("schulden", "xss", "ingetrokken"):
        assert refs[other] not in html, other
    assert TELEFOON not in html and GESPREK not in html


def test_marloes_sees_hers_and_not_annas(app, anna_heeft_huur, refs):
    marloes = app.test_client()
    assert login(marloes, MEEDENKER_2).status_code == 302
    html = marloes.get("/mijn").get_data(as_text=True)
    assert refs["schulden"] in html and refs["huur"] not in html


def test_opening_someone_elses_handover_is_refused_logged_and_on_its_access_log(meedenker, coordinator,
                                                                                anna_heeft_huur, refs, sessions,
                                                                                caplog):
    caplog.set_level(logging.WARNING, logger="werkplek.toegang")
    ref = refs["schulden"]  # Marloes'
    reply = meedenker.get(f"/overdrachten/{ref}")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 403 and "Geen toegang" in html
    assert "+31 20 123 4567" not in html and "Ik heb schulden" not in html
    lines = [r.getMessage() for r in caplog.records if r.name == "werkplek.toegang"]
    assert any("overdracht niet toegewezen" in line and "gebruiker='anna'" in line and "rol=meedenker" in line
               and f"/overdrachten/{ref}" in line for line in lines), lines
    [record] = _records(sessions, ref)
    assert (record.name, record.status_code, record.gebruiker) == ("toegang_geweigerd", "ERROR", "anna")
    assert record.data_subject_id_type == "overdracht-referentie"
    log_page = coordinator.get(f"/overdrachten/{ref}/toegangslog").get_data(as_text=True)
    assert "Geweigerd" in log_page and "anna" in log_page


def test_a_handover_assigned_to_nobody_is_refused_too_and_her_actions_on_it_change_nothing(meedenker, refs,
                                                                                          sessions):
    ref = refs["xss"]
    assert meedenker.get(f"/overdrachten/{ref}").status_code == 403
    for action, data in (("aannemen", {}), ("afwijzen", {"reden": "x"}), ("contact", {"datum": "2026-01-01"}),
                         ("afronden", {"uitkomst": "afgezien"}), ("notitie", {"tekst": "x"}),
                         ("collega", {"reden": "x"})):
        reply = post_form(meedenker, "/mijn", f"/overdrachten/{ref}/{action}", data)
        assert reply.status_code == 403, action
    o = _vind(sessions, ref)
    assert (o.status, o.uitkomst, o.eerste_contact, len(o.gebeurtenissen)) == ("nieuw", None, None, 1)
    assert {r.name for r in _records(sessions, ref)} == {"toegang_geweigerd"}
    assert meedenker.get("/overdrachten/00000000-0000-0000-0000-000000000000").status_code == 404


def test_before_accepting_she_sees_no_conversation_or_contact_and_the_view_is_recorded(meedenker, anna_heeft_huur,
                                                                                     sessions):
    ref = anna_heeft_huur
    reply = meedenker.get(f"/overdrachten/{ref}")
    html = reply.get_data(as_text=True)
    assert reply.status_code == 200
    assert TELEFOON not in html and GESPREK not in html and "Een meedenker kan met je meekijken" not in html
    assert "zie je zodra je de overdracht aanneemt" in html and "/aannemen" in html and "/afwijzen" in html
    assert [r.name for r in _records(sessions, ref)] == ["categorieen_inzien"]

    page = _aannemen(meedenker, ref)
    html = meedenker.get(page).get_data(as_text=True)
    assert "Je hebt de overdracht aangenomen." in html
    assert TELEFOON in html and GESPREK in html
    records = _records(sessions, ref)
    # Two views before accepting (hers above, and the form's page for its token), then the whole handover.
    assert sorted(r.name for r in records) == ["categorieen_inzien"] * 2 + ["contactgegevens_inzien",
                                                                             "transcript_inzien"]
    assert {(r.gebruiker, r.status_code) for r in records} == {("anna", "OK")}
    o = _vind(sessions, ref)
    assert (o.status, o.toegewezen_sleutel) == ("geaccepteerd", "vml-anna") and o.geaccepteerd is not None


# --- mails ---------------------------------------------------------------------------------------------

def test_assigning_mails_her_a_link_without_personal_data(anna_heeft_huur, refs, sessions, settings):
    ref = anna_heeft_huur
    [mail] = [m for m in _mails(sessions, "toegewezen") if m.referentie == ref]
    assert mail.aan == "anna@vml.example" and mail.verstuurd is None
    assert f"/overdrachten/{ref}" in mail.tekst and f"{settings.werkplek_link}/overdrachten/{ref}" in mail.tekst
    assert ref[:8].upper() in mail.onderwerp
    for secret in (TELEFOON, "12345678", GESPREK, "huurachterstand", "Huurachterstand", "De Akkers"):
        assert secret not in mail.tekst and secret not in mail.onderwerp, secret
    # Marloes got the other one, nobody else got anything for this handover.
    assert {(m.aan, m.referentie) for m in _mails(sessions, "toegewezen")} == {
        ("anna@vml.example", ref), ("marloes@schakel.example", refs["schulden"])}


def test_declining_with_a_reason_mails_the_coordinator_and_takes_it_off_her_list(meedenker, anna_heeft_huur,
                                                                                sessions):
    ref = anna_heeft_huur
    page = f"/overdrachten/{ref}"
    reply = post_form(meedenker, page, f"{page}/afwijzen", {"reden": "   "})
    assert reply.headers["Location"] == page
    assert "Schrijf kort op waarom je de overdracht niet aanneemt" in _flash(meedenker, page)
    assert not _mails(sessions, "terug_naar_coordinator")
    assert _vind(sessions, ref).status == "toegewezen"

    reply = post_form(meedenker, page, f"{page}/afwijzen", {"reden": "Geen tijd, ik ben op vakantie"})
    assert reply.status_code == 302 and reply.headers["Location"] == "/mijn"
    assert "De overdracht gaat terug naar de coördinator." in _flash(meedenker, "/mijn")
    [mail] = _mails(sessions, "terug_naar_coordinator")
    assert (mail.aan, mail.referentie) == ("coord@lindeveld.example", ref)
    assert f"/overdrachten/{ref}" in mail.tekst and "vakantie" not in mail.tekst  # the reason stays in the workspace
    o = _vind(sessions, ref)
    assert (o.status, o.toegewezen_sleutel, o.behandelaar) == ("opgepakt", None, "coord")
    assert [(e.gebruiker, e.soort, e.tekst) for e in o.gebeurtenissen][-1] == (
        "anna", "afgewezen", "Geen tijd, ik ben op vakantie")
    assert meedenker.get(page).status_code == 403
    assert ref not in meedenker.get("/mijn").get_data(as_text=True)


def test_asking_for_a_colleague_mails_the_coordinator_and_keeps_the_kind(meedenker, coordinator, anna_heeft_huur,
                                                                         sessions):
    ref = anna_heeft_huur
    page = _aannemen(meedenker, ref)
    reply = post_form(meedenker, page, f"{page}/collega", {"reden": "Zwaarder dan gedacht"})
    assert reply.headers["Location"] == "/mijn"
    [mail] = _mails(sessions, "terug_naar_coordinator")
    assert mail.aan == "coord@lindeveld.example" and "Zwaarder" not in mail.tekst
    o = _vind(sessions, ref)
    assert (o.status, o.via_soort, o.toegewezen_sleutel) == ("opgepakt", "vrijwillig", None)
    _toewijzen(coordinator, ref, "smd-marloes")
    o = _vind(sessions, ref)
    assert (o.toegewezen_sleutel, o.toegewezen_soort, o.via_soort) == ("smd-marloes", "beroepsmatig", "vrijwillig")
    assert [e.soort for e in o.gebeurtenissen].count("toegewezen") == 2
    assert meedenker.get(page).status_code == 403


# --- first contact and the outcome -------------------------------------------------------------------

def test_first_contact_in_the_future_is_refused_in_dutch_and_changes_nothing(meedenker, anna_heeft_huur, sessions):
    ref = anna_heeft_huur
    page = _aannemen(meedenker, ref)
    morgen = _vandaag() + dt.timedelta(days=1)
    before = len(_vind(sessions, ref).gebeurtenissen)
    reply = post_form(meedenker, page, f"{page}/contact", {"datum": morgen.isoformat()})
    assert reply.headers["Location"] == page
    html = _flash(meedenker, page)
    assert f"De datum van het eerste contact ({morgen:%d-%m-%Y}) ligt in de toekomst." in html
    o = _vind(sessions, ref)
    assert (o.status, o.eerste_contact, len(o.gebeurtenissen)) == ("geaccepteerd", None, before)


def test_closing_with_a_referral_writes_one_anonymous_outcome_signal(meedenker, anna_heeft_huur, sessions):
    ref = anna_heeft_huur
    page = _aannemen(meedenker, ref)
    vandaag = _vandaag()
    post_form(meedenker, page, f"{page}/contact", {"datum": vandaag.isoformat()})
    assert _vind(sessions, ref).status == "in_contact"
    assert not _signalen(sessions)
    reply = post_form(meedenker, page, f"{page}/afronden", {"uitkomst": "doorverwezen",
                                                             "doorverwezen_naar": "schuldhulp"})
    assert reply.headers["Location"] == page
    assert "De overdracht is afgerond. Dank je wel!" in _flash(meedenker, page)
    o = _vind(sessions, ref)
    assert (o.status, o.uitkomst, o.doorverwezen_naar) == ("afgerond", "doorverwezen", "schuldhulp")
    [signaal] = _signalen(sessions)
    assert (signaal.soort, signaal.uitkomst, signaal.doorverwezen_naar, signaal.meedenker_soort) == (
        "afgesloten", "doorverwezen", "schuldhulp", "vrijwillig")
    assert signaal.werkdagen_tot_contact == werkdagen_tussen(lokale_dag(o.aangemaakt), vandaag)
    assert (signaal.levensdomein, signaal.onderwerp, signaal.wijk, signaal.datum) == (
        "wonen", "huurachterstand", "de_akkers", vandaag)
    waarden = {c.key: getattr(signaal, c.key) for c in sa_inspect(Signaal).mapper.column_attrs}
    for column, value in waarden.items():
        for secret in (ref, o.gesprek_id, TELEFOON, "anna", "Anna de Vries", "coord"):
            assert secret not in str(value), (column, secret)
    # Closing again is refused and writes no second signal.
    post_form(meedenker, page, f"{page}/afronden", {"uitkomst": "afgezien"})
    assert len(_signalen(sessions)) == 1


def test_closing_with_support_before_first_contact_is_refused_without_a_signal(meedenker, anna_heeft_huur,
                                                                              sessions):
    page = _aannemen(meedenker, anna_heeft_huur)
    post_form(meedenker, page, f"{page}/afronden", {"uitkomst": "ondersteuning"})
    assert "Vul eerst de datum van het eerste contact in" in _flash(meedenker, page)
    assert _vind(sessions, anna_heeft_huur).status == "geaccepteerd" and not _signalen(sessions)


# --- registering a question by hand --------------------------------------------------------------------

TELEFOONVRAAG = {"kanaal": "telefoon", "verwijzer": "", "levensdomein": "wonen", "onderwerp": "huurachterstand",
                 "wijk": "molenwijk", "doelgroep": "ouderen", "namens": "", "taal": "", "contact_manier": "telefoon",
                 "contact_gegeven": "06 4321 8765", "contact_moment": "middag",
                 "toelichting": "Mevrouw belde het wijkpunt", "toestemming": "ja"}


def _nieuw(sessions, before):
    with sessions() as session:
        return [o for o in session.scalars(select(Overdracht)) if o.referentie not in before]


def test_a_coordinator_registers_a_phone_question(coordinator, refs, sessions):
    reply = post_form(coordinator, "/registreren", "/registreren", TELEFOONVRAAG)
    assert reply.status_code == 302
    [o] = _nieuw(sessions, set(refs.values()))
    assert reply.headers["Location"] == f"/overdrachten/{o.referentie}"
    assert (o.kanaal, o.verwijzer, o.status, o.behandelaar) == ("telefoon", None, "opgepakt", "coord")
    assert (o.contact_gegeven, o.wijk, o.doelgroep) == ("+31 6 43218765", "molenwijk", "ouderen")
    with sessions() as session:
        assert overdracht.vind(session, o.referentie).berichten == []
    html = coordinator.get(reply.headers["Location"]).get_data(as_text=True)
    assert "De vraag is geregistreerd." in html and "Deze vraag kwam niet via de chat binnen" in html
    [mail] = _mails(sessions, "nieuwe_overdracht")
    assert (mail.aan, mail.referentie) == ("coord@lindeveld.example", o.referentie)
    assert "geregistreerd in de werkplek" in mail.tekst and "43218765" not in mail.tekst
    signals = _signalen(sessions)
    assert sorted(s.soort for s in signals) == ["levensdomein", "overdracht"]
    for s in signals:
        assert (s.kanaal, s.levensdomein, s.onderwerp, s.wijk, s.datum) == (
            "telefoon", "wonen", "huurachterstand", "molenwijk", _vandaag())


def test_a_registration_with_a_bad_phone_number_keeps_what_was_typed(coordinator, refs, sessions):
    data = {**TELEFOONVRAAG, "contact_gegeven": "06123", "toelichting": "Belt na <b>tienen</b>"}
    reply = post_form(coordinator, "/registreren", "/registreren", data)
    html = reply.get_data(as_text=True)
    assert reply.status_code == 400
    assert "Dit telefoonnummer klopt niet. Schrijf het met netnummer" in html and "Wat je invulde staat er nog." in html
    assert 'name="contact_gegeven" value="06123"' in html
    assert "Belt na &lt;b&gt;tienen&lt;/b&gt;</textarea>" in html
    assert re.search(r'<input [^>]*name="toestemming" value="ja" required checked', html)  # the ticked consent too
    for name in ("kanaal", "levensdomein", "onderwerp", "wijk", "doelgroep", "contact_manier", "contact_moment"):
        assert f'<option value="{TELEFOONVRAAG[name]}" selected>' in html, name
    assert not _nieuw(sessions, set(refs.values())) and not _signalen(sessions) and not _mails(sessions)


def test_a_registration_without_consent_is_refused(coordinator, refs, sessions):
    data = {k: v for k, v in TELEFOONVRAAG.items() if k != "toestemming"}
    reply = post_form(coordinator, "/registreren", "/registreren", data)
    html = reply.get_data(as_text=True)
    assert reply.status_code == 400 and "Vraag de inwoner eerst om toestemming" in html
    assert not re.search(r'name="toestemming" value="ja" required checked', html)
    assert 'value="06 4321 8765"' in html
    assert not _nieuw(sessions, set(refs.values())) and not _signalen(sessions) and not _mails(sessions)


def test_a_meedenker_who_registers_a_question_has_it_accepted_on_her_list(meedenker, refs, sessions):
    reply = post_form(meedenker, "/registreren", "/registreren", {**TELEFOONVRAAG, "levensdomein": "wmo_aanvraag",
                                                                  "onderwerp": "huishoudelijke_hulp",
                                                                  "kanaal": "wijkpunt"})
    assert reply.status_code == 302
    [o] = _nieuw(sessions, set(refs.values()))
    assert reply.headers["Location"] == f"/overdrachten/{o.referentie}"
    assert (o.status, o.toegewezen_sleutel, o.toegewezen_soort, o.kanaal) == (
        "geaccepteerd", "vml-anna", "vrijwillig", "wijkpunt")
    html = meedenker.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Je staat er zelf als meedenker bij." in html and "+31 6 43218765" in html
    assert o.referentie in meedenker.get("/mijn").get_data(as_text=True)
    assert sorted(s.soort for s in _signalen(sessions)) == ["levensdomein", "overdracht"]
    assert {s.kanaal for s in _signalen(sessions)} == {"wijkpunt"}


# --- availability ---------------------------------------------------------------------------------------

def _aangeboden(records, rotaties=range(12)) -> bool:
    vraag = matching.Vraag("wmo_aanvraag", onderwerp="huishoudelijke_hulp", doelgroep="ouderen", wijk="de_akkers")
    return any("vml-anna" in [o.meedenker.sleutel for o in matching.kies(records, vraag, rotatie=r).opties]
               for r in rotaties)


def _anna(records):
    return next(r for r in records if r.sleutel == "vml-anna")


def test_away_until_a_past_date_is_refused(meedenker, sessions):
    gisteren = _vandaag() - dt.timedelta(days=1)
    reply = post_form(meedenker, "/beschikbaarheid", "/beschikbaarheid", {"afwezig_tot": gisteren.isoformat()})
    html = reply.get_data(as_text=True)
    assert reply.status_code == 400
    assert f"&#39;Afwezig tot en met&#39; ({gisteren:%d-%m-%Y}) ligt in het verleden." in html
    assert f'value="{gisteren.isoformat()}"' in html  # what she typed stays
    reply = post_form(meedenker, "/beschikbaarheid", "/beschikbaarheid", {"afwezig_tot": "morgen"})
    assert reply.status_code == 400 and "Vul &#39;afwezig tot en met&#39; in als datum" in reply.get_data(as_text=True)
    with sessions() as session:
        assert session.scalars(select(Beschikbaarheid)).all() == []


def test_no_new_inwoners_counts_in_the_chat_at_once_and_clearing_it_too(meedenker, sessions):
    cache = netwerk.NetworkCache(sessions, ttl=3600)  # built before the change: no restart or re-import needed
    records = cache.get()
    assert _anna(records).neemt_nieuwe_inwoners and _aangeboden(records)

    reply = post_form(meedenker, "/beschikbaarheid", "/beschikbaarheid", {"geen_nieuwe": "ja"})
    assert reply.status_code == 302 and reply.headers["Location"] == "/beschikbaarheid"
    assert "De chat houdt er vanaf nu rekening mee." in _flash(meedenker, "/beschikbaarheid")
    assert "De chat biedt je nu niet aan nieuwe inwoners aan" in meedenker.get("/mijn").get_data(as_text=True)
    records = cache.get()
    assert not _anna(records).neemt_nieuwe_inwoners and not _aangeboden(records)
    assert next(r for r in records if r.sleutel == "vml-youssef").neemt_nieuwe_inwoners  # only her

    post_form(meedenker, "/beschikbaarheid", "/beschikbaarheid", {})
    records = cache.get()
    assert _anna(records).neemt_nieuwe_inwoners and _aangeboden(records)


def test_away_until_today_counts_in_the_chat(meedenker, sessions):
    cache = netwerk.NetworkCache(sessions, ttl=3600)
    assert _anna(cache.get()).neemt_nieuwe_inwoners
    post_form(meedenker, "/beschikbaarheid", "/beschikbaarheid", {"afwezig_tot": _vandaag().isoformat()})
    assert not _anna(cache.get()).neemt_nieuwe_inwoners
    assert f"afwezig tot en met {_vandaag():%d-%m-%Y}" in meedenker.get("/beschikbaarheid").get_data(as_text=True)


def _rij(html, sleutel):
    start = html.index(f'id="m-{sleutel}"')
    return html[start:html.index("</tr>", start)]


def test_the_coordinator_sees_accounts_and_sets_a_meedenkers_availability(coordinator, sessions):
    html = coordinator.get("/netwerk").get_data(as_text=True)
    assert "<td class=\"utrecht-table__cell\">anna <span class=\"werkplek-klein\">anna@vml.example</span></td>" in \
        _rij(html, "vml-anna")
    assert "marloes <span class=\"werkplek-klein\">marloes@schakel.example</span>" in _rij(html, "smd-marloes")
    assert "<td class=\"utrecht-table__cell\">Geen</td>" in _rij(html, "vml-youssef")  # no account
    assert "Beschikbaar" in _rij(html, "vml-anna")
    reply = post_form(coordinator, "/netwerk", "/netwerk/vml-anna/beschikbaarheid", {"geen_nieuwe": "ja"})
    assert reply.status_code == 302 and reply.headers["Location"] == "/netwerk#m-vml-anna"
    html = coordinator.get("/netwerk").get_data(as_text=True)
    assert "De beschikbaarheid is opgeslagen." in html and "neemt geen nieuwe inwoners" in _rij(html, "vml-anna")
    with sessions() as session:
        [row] = session.scalars(select(Beschikbaarheid)).all()
        assert (row.sleutel, row.geen_nieuwe, row.afwezig_tot, row.door) == ("vml-anna", True, None, "coord")
    assert not _anna(netwerk.NetworkCache(sessions, ttl=3600).get()).neemt_nieuwe_inwoners

    gisteren = _vandaag() - dt.timedelta(days=1)
    post_form(coordinator, "/netwerk", "/netwerk/vml-anna/beschikbaarheid", {"afwezig_tot": gisteren.isoformat()})
    assert "ligt in het verleden" in coordinator.get("/netwerk").get_data(as_text=True)
    with sessions() as session:
        assert session.scalars(select(Beschikbaarheid.geen_nieuwe)).one() is True  # unchanged
    assert post_form(coordinator, "/netwerk", "/netwerk/verzonnen/beschikbaarheid", {}).status_code == 404


# --- the mail page, and who may open what ---------------------------------------------------------------

def test_mail_page_shows_the_folder_without_a_mail_server_and_the_queued_mails(coordinator, anna_heeft_huur,
                                                                              settings):
    assert not settings.mail_host
    html = coordinator.get("/mails").get_data(as_text=True)
    assert "Er is geen mailserver ingesteld (MAIL_HOST)" in html and str(settings.mail_folder) in html
    assert "anna@vml.example" in html and "marloes@schakel.example" in html and "Toegewezen aan meedenker" in html
    assert "Wacht op versturen" in html and anna_heeft_huur[:8].upper() in html


@pytest.mark.parametrize("url", ["/mijn", "/registreren", "/mails", "/beschikbaarheid", "/netwerk"])
def test_beleid_gets_no_meedenker_or_coordinator_pages(beleid, url):
    assert beleid.get(url).status_code == 403
