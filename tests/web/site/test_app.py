"""The demo site's Flask app without a browser: pages, the embed tag, security headers, what is served."""
from __future__ import annotations

import re

import pytest

from bot.config import load_settings
from bot.runtime.cli import build_parser
from bot.web.site import create_app


@pytest.fixture
def settings(tmp_path):
    return load_settings(env_file=tmp_path / "geen.env", environ={
        "RASA_PORT": "5123", "GEMEENTE_NAAM": "Lindeveld", "GEMEENTE_TELEFOON": "14 0123",
        "BEWAARTERMIJN_GESPREK_DAGEN": "31", "BEWAARTERMIJN_OVERDRACHT_DAGEN": "92"})


@pytest.fixture
def client(settings):
    return create_app(settings).test_client()


def test_the_page_embeds_the_widget_with_one_tag(client):
    page = client.get("/").get_data(as_text=True)
    assert re.findall(r"<script[^>]*>", page) == [
        '<script src="/widget/chat.js" data-bot="http://127.0.0.1:5123" data-telefoon="14 0123" defer>']
    assert '<html lang="nl">' in page and "Cliëntondersteuning: hulp bij uw vraag" in page
    assert "Gemeente <strong>Lindeveld</strong>" in page
    assert "http" not in "".join(re.findall(r'<link[^>]*href="([^"]+)"', page))  # own files only


def test_security_headers_and_no_cookies(client):
    for path in ("/", "/privacy", "/widget/chat.js", "/gezondheid", "/bestaat-niet"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "connect-src http://127.0.0.1:5123;" in csp and "script-src 'self';" in csp
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "Set-Cookie" not in response.headers


def test_a_gemeente_can_point_the_widget_at_its_own_bot(settings):
    client = create_app(settings, bot_url="https://chat.lindeveld.example/").test_client()
    response = client.get("/")
    assert 'data-bot="https://chat.lindeveld.example"' in response.get_data(as_text=True)
    assert "connect-src https://chat.lindeveld.example;" in response.headers["Content-Security-Policy"]


def test_the_privacy_page_tells_the_retention_from_the_settings(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert "31 dagen" in page and "92 dagen" in page
    for what in ("anonieme tellingen", "toestemming", "Gesprek verwijderen", "Autoriteit Persoonsgegevens",
                 'href="tel:140123"'):
        assert what in page


def test_the_privacy_page_tells_what_the_questionnaire_keeps(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert "korte vragenlijst" in page and "De link werkt één keer en 30 dagen" in page
    assert "met alleen de maand" in page and "makkelijke taal" in page


def test_health_widget_files_and_the_design_system(client):
    assert client.get("/gezondheid").get_data(as_text=True) == "ok"
    js, css = client.get("/widget/chat.js"), client.get("/widget/chat.css")
    assert js.status_code == 200 and "javascript" in js.content_type
    assert css.status_code == 200 and css.content_type.startswith("text/css")
    for path in ("/static/utrecht/index.css", "/static/tokens/theme.css", "/static/noto-sans/400.css",
                 "/static/site/site.css"):
        assert client.get(path).status_code == 200, path
    for path in ("/widget/app.py", "/widget/../app.py", "/static/utrecht/../../package.json",
                 "/static/elders/x.css"):
        assert client.get(path).status_code == 404, path


def test_the_widget_never_puts_message_content_into_html():
    from bot.web.site.app import WIDGET_DIR

    source = (WIDGET_DIR / "chat.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink


def test_bot_site_is_a_command():
    args = build_parser().parse_args(["site"])
    assert args.func.__name__ == "_site"
