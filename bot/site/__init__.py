"""The gemeente's public demo website with the chat widget on it (no sessions, no cookies)."""
from __future__ import annotations

from typing import Callable

from bot.config import Settings


def create_app(settings: Settings, **kwargs):
    from bot.site.app import create_app as _create_app

    return _create_app(settings, **kwargs)


def serve(settings: Settings, host: str = "127.0.0.1", ready: Callable[[str], None] | None = None) -> None:
    """Serve with waitress on SITE_PORT, only on this machine; `ready` gets the URL once the port is bound."""
    from waitress import create_server

    server = create_server(create_app(settings), host=host, port=settings.site_port, threads=4, ident="site")
    if ready:
        ready(f"http://{host}:{server.effective_port}")
    try:
        server.run()
    finally:
        server.close()
