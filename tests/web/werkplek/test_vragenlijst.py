"""The experience questionnaire from the workspace: one invitation per handover closed with support, by e-mail or
as a printed card, and the public page where it is filled in once and cannot be traced back."""
from __future__ import annotations

import email
import email.policy
import re

import pytest
from sqlalchemy import func, select

from bot import db
from bot.meldingen import meldingen, verzenden
from bot.models import Mail, Overdracht, VragenlijstAntwoord, VragenlijstUitnodiging
from bot.overdracht import overdracht, vragenlijst
from bot.web.site.app import create_app as create_site

from .conftest import afgerond_met_steun, post_form


@pytest.fixture
def site(settings, refs):
    return create_site(settings).test_client()


def _kaart(coordinator, ref):
    page = f"/overdrachten/{ref}"
    reply = post_form(coordinator, page, f"{page}/vragenlijst", {"manier": "kaart"})
    assert reply.status_code == 200, reply.status_code
    html = reply.get_data(as_text=True)
    code = re.search(r'werkplek-kaart__code">([A-Z0-9-]+)<', html).group(1)
    return html, code


def test_a_card_has_a_code_and_a_qr_code_and_can_be_made_only_once(coordinator, refs, sessions):
    afgerond_met_steun(sessions, refs["huur"])
    html, code = _kaart(coordinator, refs["huur"])
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert "<svg" in html and "QR-code naar de vragenlijst" in html
    with sessions() as session:
        u = session.scalars(select(VragenlijstUitnodiging)).one()
        # Only hashes: neither the code nor anything of the handover is in the invitation.
        assert code.replace("-", "") not in (u.token_hash + u.code_hash)
        assert set(VragenlijstUitnodiging.__table__.columns.keys()) == {"id", "token_hash", "code_hash", "verloopt",
                                                                        "taalniveau"}
        assert overdracht.vind(session, refs["huur"]).vragenlijst_verstuurd is not None
    page = f"/overdrachten/{refs['huur']}"
    post_form(coordinator, page, f"{page}/vragenlijst", {"manier": "kaart"})
    assert "al een vragenlijst gemaakt" in coordinator.get(page).get_data(as_text=True)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(VragenlijstUitnodiging)) == 1


@pytest.mark.parametrize("uitkomst, mag, waarom", [("geen_contact", True, "passende ondersteuning"),
                                                   ("ondersteuning", False, "niet aangegeven")])
def test_no_invitation_without_support_or_without_consent(coordinator, refs, sessions, uitkomst, mag, waarom):
    afgerond_met_steun(sessions, refs["huur"], uitkomst=uitkomst, mag=mag)
    page = f"/overdrachten/{refs['huur']}"
    post_form(coordinator, page, f"{page}/vragenlijst", {"manier": "kaart"})
    assert waarom in coordinator.get(page).get_data(as_text=True)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(VragenlijstUitnodiging)) == 0


def test_an_emailed_link_is_answered_once_and_the_answer_has_no_link_back(coordinator, refs, sessions, site,
                                                                          settings):
    afgerond_met_steun(sessions, refs["huur"], email=True)
    page = f"/overdrachten/{refs['huur']}"
    assert post_form(coordinator, page, f"{page}/vragenlijst", {"manier": "email"}).status_code == 302
    with sessions() as session:
        [mail] = session.scalars(select(Mail).where(Mail.soort == "vragenlijst"))
        assert mail.aan == "inwoner@example.nl"
        assert "huurachterstand" not in mail.tekst.lower() and "Anna" not in mail.tekst
        link = re.search(r"http\S+/vragenlijst/(\S+)", mail.tekst).group(1)
    # The coordinators' mail page names the kind of mail, not the inwoner's address.
    mails = coordinator.get("/mails").get_data(as_text=True)
    assert "Vragenlijst aan inwoner" in mails and "inwoner@example.nl" not in mails
    # Once it is out, the outbox keeps neither the address nor the link (nobody can answer in the inwoner's place).
    verzenden.verstuur_wachtende(sessions, settings)
    with sessions() as session:
        [mail] = session.scalars(select(Mail).where(Mail.soort == "vragenlijst"))
        assert mail.verstuurd is not None and link not in mail.tekst and mail.aan == mail.tekst == meldingen.GEWIST
    berichten = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                 for p in settings.mail_folder.rglob("*.eml")]
    [bericht] = [b for b in berichten if b["To"] == "inwoner@example.nl"]  # delivered with both
    assert link in bericht.get_content()
    assert site.get(f"/vragenlijst/{link}").status_code == 200
    reply = site.post(f"/vragenlijst/{link}", data={"geholpen": "5", "verder": "4", "keuzes": "weet_niet",
                                                   "zelfde": "2", "aanraden": "5",
                                                   "verbeterpunt": "Jan Jansen belde pas na twee weken, 06 12345678"})
    assert reply.status_code == 200 and "Bedankt" in reply.get_data(as_text=True)
    # Once: the link and a second submit find nothing.
    assert site.get(f"/vragenlijst/{link}").status_code == 404
    assert site.post(f"/vragenlijst/{link}", data={"geholpen": "1"}).status_code == 404
    with sessions() as session:
        [a] = session.scalars(select(VragenlijstAntwoord))
        assert (a.geholpen, a.verder, a.keuzes, a.zelfde, a.aanraden) == (5, 4, None, 2, 5)
        assert re.fullmatch(r"\d{4}-\d{2}", a.maand)
        # Only the month: a levensdomein or kind of meedenker beside it would, in a quiet month, name the handover.
        assert set(VragenlijstAntwoord.__table__.columns.keys()) == {"id", "maand", "geholpen", "verder", "keuzes",
                                                                     "zelfde", "aanraden", "verbeterpunt"}
        assert "Jan Jansen" not in a.verbeterpunt and "12345678" not in a.verbeterpunt and "twee weken" in a.verbeterpunt
        assert session.scalar(select(func.count()).select_from(VragenlijstUitnodiging)) == 0
        # Nothing in the answer's row names the handover or its conversation.
        o = session.scalars(select(Overdracht).where(Overdracht.referentie == refs["huur"])).one()
        row = " ".join(str(v) for v in a.__dict__.values())
        assert o.referentie not in row and o.gesprek_id not in row


def test_the_code_from_a_card_opens_the_form_and_wrong_codes_and_answers_are_told(coordinator, refs, sessions, site):
    afgerond_met_steun(sessions, refs["huur"])
    _, code = _kaart(coordinator, refs["huur"])
    reply = site.get(f"/vragenlijst?code={code.lower().replace('-', ' ')}")
    assert reply.status_code == 302
    form = site.get(reply.headers["Location"])
    assert form.status_code == 200 and "Ik kon zelf keuzes maken." in form.get_data(as_text=True)
    bad = site.get("/vragenlijst?code=ABC")
    assert bad.status_code == 400 and "Deze code klopt niet" in bad.get_data(as_text=True)
    assert site.get("/vragenlijst/ACDEFGHJKMNP").status_code == 404  # a guessed code finds nothing
    wrong = site.post(reply.headers["Location"], data={"geholpen": "7", "verbeterpunt": "sneller bellen"})
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and "Kies bij elke uitspraak" in html and "sneller bellen" in html
    with sessions() as session:  # a refused submit uses nothing up
        assert session.scalar(select(func.count()).select_from(VragenlijstUitnodiging)) == 1


def test_b1_and_standard_texts(coordinator, refs, sessions, site):
    afgerond_met_steun(sessions, refs["huur"])
    _, code = _kaart(coordinator, refs["huur"])
    sleutel = code.replace("-", "")
    standaard = site.get(f"/vragenlijst/{sleutel}").get_data(as_text=True)
    b1 = site.get(f"/vragenlijst/{sleutel}?taal=b1").get_data(as_text=True)
    assert "Ik heb de cliëntondersteuning als helpend ervaren." in standaard
    assert "De hulp van de meedenker hielp mij." in b1 and "helpend ervaren" not in b1


def test_expired_invitations_do_not_work_and_are_purged(settings, refs, sessions):
    import datetime as dt

    with sessions() as session, session.begin():
        o = overdracht.vind(session, refs["huur"])
        o.status, o.uitkomst, o.vragenlijst_mag = "afgerond", "ondersteuning", True
        u = vragenlijst.nodig_uit(session, o, "coord", overdracht.now() - dt.timedelta(days=31))
    with sessions() as session:
        assert vragenlijst.vind(session, u.token) is None
    from bot.privacy import bewaren

    assert bewaren.purge(settings)["vragenlijsten"] == 1


def test_two_submits_at_once_store_one_answer(settings, refs, sessions):
    with sessions() as session, session.begin():
        o = overdracht.vind(session, refs["huur"])
        o.status, o.uitkomst, o.vragenlijst_mag = "afgerond", "ondersteuning", True
        u = vragenlijst.nodig_uit(session, o, "coord")
    first, second = sessions(), sessions()
    a, b = vragenlijst.vind(first, u.token), vragenlijst.vind(second, u.token)
    vragenlijst.beantwoord(first, a, {"geholpen": 4}, None)
    first.commit()
    with pytest.raises(vragenlijst.VragenlijstFout, match="al ingevuld"):
        vragenlijst.beantwoord(second, b, {"geholpen": 1}, None)
    second.rollback()
    with db.session_factory(settings.database_url)() as session:
        assert session.scalar(select(func.count()).select_from(VragenlijstAntwoord)) == 1
