"""The demo website of the (fictional) gemeente: a page with the chat widget, the privacy page, the widget's files,
and the experience questionnaire that inwoners get a link or a card for after their support (vragenlijst.py).

Public and stateless: no sessions, no cookies. Every file comes from this server (the NL Design System CSS
and the font from web/node_modules), so the page asks nothing of another site except the bot itself.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, abort, render_template, send_from_directory

from bot.config import Settings
from bot.web.statisch import GEDEELD

HERE = Path(__file__).resolve().parent
# Only these folders are served: the shared ones (bot/web/statisch.py) and the site's own stylesheet.
STATISCH: dict[str, Path] = {**GEDEELD, "site": HERE / "static" / "site"}
WIDGET_DIR = HERE / "static"
WIDGET_FILES = {"chat.js", "chat.css"}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(bot_url: str) -> str:
    """Own files only; the widget may talk to the bot's origin and nothing else; never framed."""
    return ("default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
            f"connect-src {origin(bot_url)}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(settings: Settings, *, bot_url: str | None = None) -> Flask:
    """`bot_url` is where browsers reach the Rasa server; by default the local one on RASA_PORT."""
    bot_url = (bot_url or f"http://127.0.0.1:{settings.rasa_port}").rstrip("/")
    app = Flask(__name__, static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # only the questionnaire is posted here
    from bot import db
    from bot.web.site import vragenlijst

    app.extensions["site_sessions"] = db.session_factory(settings.database_url)
    app.register_blueprint(vragenlijst.bp)
    app.jinja_env.globals.update(settings=settings, gemeente=settings.gemeente_naam, bot_url=bot_url)
    csp = content_security_policy(bot_url)

    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        # The bot sees no page addresses; nothing here needs them.
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.route("/")
    def start():
        return render_template("start.html")

    @app.route("/privacy")
    def privacy():
        return render_template("privacy.html")

    @app.route("/gezondheid")
    def gezondheid():
        return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}

    @app.route("/widget/<naam>")
    def widget(naam: str):
        if naam not in WIDGET_FILES:
            abort(404)
        # Short cache: a gemeente's pages pick up a new widget version within minutes.
        return send_from_directory(WIDGET_DIR, naam, max_age=300)

    @app.route("/static/<pakket>/<path:pad>")
    def statisch(pakket: str, pad: str):
        folder = STATISCH.get(pakket)
        if folder is None:
            abort(404)
        return send_from_directory(folder, pad, max_age=3600)  # refuses paths outside the folder

    @app.errorhandler(404)
    def niet_gevonden(_error):
        return render_template("niet_gevonden.html"), 404

    return app
