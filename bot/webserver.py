"""Serving our two web apps (workspace, demo site) with waitress, a production WSGI server, on loopback."""
from __future__ import annotations

from typing import Callable


def serve(app, port: int, *, ident: str, threads: int, host: str = "127.0.0.1",
          ready: Callable[[str], None] | None = None) -> None:
    """`ready` gets the URL once the port is bound, so a message never announces a server that failed to start."""
    from waitress import create_server

    server = create_server(app, host=host, port=port, threads=threads, ident=ident)
    if ready:
        ready(f"http://{host}:{server.effective_port}")
    try:
        server.run()
    finally:
        server.close()
