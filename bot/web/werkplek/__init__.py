"""The coordinators' web workspace ("werkplek"): handovers for coordinators, reports for policy."""
from __future__ import annotations

from typing import Callable

from bot.config import Settings


def create_app(settings: Settings, **kwargs):
    from bot.web.werkplek.app import create_app as _create_app

    return _create_app(settings, **kwargs)


def serve(settings: Settings, ready: Callable[[str], None] | None = None) -> None:
    """Serve on WERKPLEK_HOST:WERKPLEK_PORT (this machine only, unless configured otherwise)."""
    from bot.web.server import serve as serve_app

    serve_app(create_app(settings), settings.werkplek_port, ident="werkplek", threads=8, host=settings.werkplek_host,
              trusted_proxy=settings.werkplek_proxy, ready=ready)
