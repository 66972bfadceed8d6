"""The coordinators' web workspace ("werkplek"): handovers for coordinators, reports for policy."""
from __future__ import annotations

from typing import Callable

from bot.config import Settings


def create_app(settings: Settings, **kwargs):
    from bot.werkplek.app import create_app as _create_app

    return _create_app(settings, **kwargs)


def serve(settings: Settings, host: str = "127.0.0.1", ready: Callable[[str], None] | None = None) -> None:
    """Serve with waitress (a production WSGI server) on the configured port, only on this machine.

    `ready` gets the URL once the port is bound, so a message never announces a server that failed to start.
    """
    from waitress import create_server

    server = create_server(create_app(settings), host=host, port=settings.werkplek_port, threads=8,
                           ident="werkplek")
    if ready:
        ready(f"http://{host}:{server.effective_port}")
    try:
        server.run()
    finally:
        server.close()
