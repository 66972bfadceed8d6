"""The action server: rasa_sdk's app, listening only where configured, refusing calls without the shared secret.

`rasa run actions` listens on every interface and runs any action for whoever can reach its port, e.g. a
made-up tracker that saves a handover or erases someone's conversation. Here every call but the health check
must carry `Authorization: Bearer <ACTION_GEHEIM>`, which our Rasa servers send (endpoints.yml); a refused
call runs nothing and is logged. rasa_sdk's own error answer echoes the whole request, i.e. the tracker with
what the inwoner typed; ours says only that something failed.
"""
from __future__ import annotations

import hmac
import logging

from sanic import response

log = logging.getLogger("actieserver")
HEADER = "Authorization"
OPEN_PATHS = {"/health"}  # readiness checks of the launcher, nginx and orchestrators; tells nothing


def authorization(geheim: str) -> str:
    return f"Bearer {geheim}"


def create_app(geheim: str, package: str = "actions"):
    from rasa_sdk.endpoint import create_app as sdk_app

    app = sdk_app(package, cors_origins=None)  # no browser ever calls the action server
    expected = authorization(geheim).encode()

    @app.middleware("request")
    async def authenticate(request):
        if request.path in OPEN_PATHS:
            return None
        supplied = (request.headers.get(HEADER) or "").encode()
        if hmac.compare_digest(supplied, expected):
            return None
        log.warning("Actieserver: verzoek geweigerd zonder geldig geheim: %s %s van %s",
                    request.method, request.path, request.ip)
        return response.json({"error": "niet toegestaan"}, status=401)

    async def failed(request, exception):
        log.error("Actie mislukt bij %s", request.path, exc_info=exception)
        return response.json({"error": "interne fout"}, status=500)

    app.error_handler.add(Exception, failed)
    return app


def serve(settings) -> None:
    from bot.geheimen import geheim

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(geheim(settings.action_geheim, "ACTION_GEHEIM"))
    from actions import gedeeld

    gedeeld.start()  # the signal writer's thread loads the anonymiser now, not on the first inwoner's message
    app.run(host=settings.action_host, port=settings.action_port, workers=1, access_log=False,
            motd=False)
