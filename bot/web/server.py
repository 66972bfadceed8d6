"""Serving our two web apps (workspace, demo site) with waitress, a production WSGI server, on loopback."""
from __future__ import annotations

from typing import Callable


def proxy_options(trusted_proxy: str) -> dict:
    """waitress reads the client's address from X-Forwarded-For only when the request comes from this proxy
    (the gemeente's reverse proxy); from anyone else the header is removed, so it cannot be forged."""
    options: dict = {"clear_untrusted_proxy_headers": True}
    if trusted_proxy:
        options.update(trusted_proxy=trusted_proxy, trusted_proxy_count=1,
                       trusted_proxy_headers={"x-forwarded-for", "x-forwarded-proto"})
    return options


def serve(app, port: int, *, ident: str, threads: int, host: str = "127.0.0.1", trusted_proxy: str = "",
          ready: Callable[[str], None] | None = None) -> None:
    """`ready` gets the URL once the port is bound, so a message never announces a server that failed to start."""
    from waitress import create_server

    server = create_server(app, host=host, port=port, threads=threads, ident=ident, **proxy_options(trusted_proxy))
    if ready:
        ready(f"http://{host}:{server.effective_port}")
    try:
        server.run()
    finally:
        server.close()
