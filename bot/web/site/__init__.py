"""The gemeente's public demo website with the chat widget on it (no sessions, no cookies)."""
from __future__ import annotations

from typing import Callable

from bot.config import Settings


def create_app(settings: Settings, **kwargs):
    from bot.web.site.app import create_app as _create_app

    return _create_app(settings, **kwargs)


def serve(settings: Settings, ready: Callable[[str], None] | None = None) -> None:
    """Serve on SITE_HOST:SITE_PORT (this machine only, unless configured otherwise)."""
    from bot.web.server import serve as serve_app

    serve_app(create_app(settings), settings.site_port, ident="site", threads=4, host=settings.site_host, ready=ready)
