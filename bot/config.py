"""Settings from the environment and `.env`, with embedded defaults that need no servers."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Kept in step with .env.example (a test compares them).
DEFAULTS: dict[str, str] = {
    "GEMEENTE_NAAM": "Lindeveld",
    "GEMEENTE_TELEFOON": "14 0123",
    "GEMEENTE_WEBSITE": "www.lindeveld.example",
    "MEEDENKERS_TELEFOON": "0123 456 700",
    "MEEDENKERS_EMAIL": "meedenkers@lindeveld.example",
    "MEEDENKERS_SPREEKUUR": "dinsdag en donderdag 9.00-12.00 uur in Wijkpunt De Akkers, Akkerplein 4",
    "REACTIETIJD": "twee werkdagen",
    "DATABASE_URL": "sqlite:///var/bot.db",
    "TRACKER_STORE_URL": "sqlite:///var/tracker.db",
    "LOCK_STORE_URL": "",
    "BEWAARTERMIJN_GESPREK_DAGEN": "30",
    "BEWAARTERMIJN_OVERDRACHT_DAGEN": "90",
    "BEWAARTERMIJN_TOEGANGSLOG_DAGEN": "1825",
    "WIJKEN": "Centrum,De Akkers,Molenwijk,Vaartkwartier,Zuiderpark,Bosrijk,Hoogzand,Kleidorp",
    "NETWERK_VERVERSEN_SECONDEN": "60",
    "RASA_HOST": "127.0.0.1",
    "RASA_PORT": "5005",
    "ACTION_HOST": "127.0.0.1",
    "ACTION_PORT": "5055",
    "ACTION_GEHEIM": "",
    "WERKPLEK_HOST": "127.0.0.1",
    "WERKPLEK_PORT": "8080",
    "SITE_HOST": "127.0.0.1",
    "SITE_PORT": "8000",
    "CHAT_SITES": "",
    "CHAT_GEHEIM": "",
    "WERKPLEK_GEHEIM": "",
    "WERKPLEK_HTTPS": "nee",
    "WERKPLEK_PROXY": "",
    "WERKPLEK_URL": "",
    "VRAGENLIJST_URL": "",
    "MAIL_HOST": "",
    "MAIL_PORT": "587",
    "MAIL_STARTTLS": "ja",
    "MAIL_GEBRUIKER": "",
    "MAIL_WACHTWOORD": "",
    "MAIL_AFZENDER": "werkplek@lindeveld.example",
    "MAIL_CA": "",
    "MAIL_MAP": "var/mail",
    "RAPPORT_DREMPEL": "5",
    "VERWERKINGSACTIVITEIT": "urn:lindeveld:verwerkingsactiviteit:clientondersteuning-warme-overdracht",
}


@dataclass(frozen=True)
class Settings:
    gemeente_naam: str
    gemeente_telefoon: str
    gemeente_website: str
    meedenkers_telefoon: str
    meedenkers_email: str
    meedenkers_spreekuur: str
    reactietijd: str
    database_url: str
    tracker_store_url: str
    lock_store_url: str
    bewaartermijn_gesprek_dagen: int
    bewaartermijn_overdracht_dagen: int
    bewaartermijn_toegangslog_dagen: int
    wijken_lijst: str
    netwerk_verversen_seconden: int
    rasa_host: str
    rasa_port: int
    action_host: str
    action_port: int
    action_geheim: str
    werkplek_host: str
    werkplek_port: int
    site_host: str
    site_port: int
    chat_sites: str
    chat_geheim: str
    werkplek_geheim: str
    werkplek_https: str
    werkplek_proxy: str
    werkplek_url_publiek: str
    vragenlijst_url_publiek: str
    mail_host: str
    mail_port: int
    mail_starttls: str
    mail_gebruiker: str
    mail_wachtwoord: str
    mail_afzender: str
    mail_ca: str
    mail_map: str
    rapport_drempel: int
    verwerkingsactiviteit: str

    @property
    def wijken(self) -> dict[str, str]:
        """The gemeente's wijken and kernen: key -> name as inwoners write it."""
        from bot.vocabulaire import slug

        names = [n.strip() for n in self.wijken_lijst.split(",") if n.strip()]
        return {slug(n): n for n in names}

    @property
    def site_url(self) -> str:
        return f"http://{_reachable(self.site_host)}:{self.site_port}"

    @property
    def werkplek_url(self) -> str:
        return f"http://{_reachable(self.werkplek_host)}:{self.werkplek_port}"

    @property
    def werkplek_link(self) -> str:
        """The workspace as its users reach it: the base of every link in a mail."""
        return (self.werkplek_url_publiek or self.werkplek_url).rstrip("/")

    @property
    def vragenlijst_link(self) -> str:
        """Where inwoners fill in the questionnaire: the links in invitations and the address on the card."""
        return (self.vragenlijst_url_publiek or f"{self.site_url}/vragenlijst").rstrip("/")

    @property
    def mail_folder(self) -> Path:
        path = Path(self.mail_map)
        return path if path.is_absolute() else PROJECT_ROOT / path

    @property
    def reactietijd_werkdagen(self) -> int:
        """REACTIETIJD ("twee werkdagen", "3 werkdagen") as a number: reminders count these working days."""
        return werkdagen(self.reactietijd)

    @property
    def rasa_url(self) -> str:
        return f"http://{_reachable(self.rasa_host)}:{self.rasa_port}"

    @property
    def action_server_url(self) -> str:
        return f"http://{_reachable(self.action_host)}:{self.action_port}/webhook"

    @property
    def chat_origins(self) -> list[str]:
        """Sites whose pages may call the bot (CORS); by default only the demo page."""
        configured = [o.strip().rstrip("/") for o in self.chat_sites.split(",") if o.strip()]
        return configured or [self.site_url]

    def gemeente_slots(self) -> dict[str, str]:
        """Values the bot's texts fill in (slot names in domain.yml)."""
        return {
            "gemeente_naam": self.gemeente_naam,
            "gemeente_telefoon": self.gemeente_telefoon,
            "gemeente_website": self.gemeente_website,
            "meedenkers_telefoon": self.meedenkers_telefoon,
            "meedenkers_email": self.meedenkers_email,
            "meedenkers_spreekuur": self.meedenkers_spreekuur,
            "bewaartermijn_dagen": str(self.bewaartermijn_gesprek_dagen),
            "reactietijd": self.reactietijd,
        }


_GETALLEN = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
             "negen": 9, "tien": 10}


def werkdagen(reactietijd: str) -> int:
    """'twee werkdagen' -> 2, '5 werkdagen' -> 5; anything else is a configuration error with its fix."""
    words = reactietijd.strip().lower().split()
    if len(words) == 2 and words[1] in ("werkdag", "werkdagen"):
        number = int(words[0]) if words[0].isdigit() else _GETALLEN.get(words[0])
        if number and 1 <= number <= 30:
            return number
    raise SystemExit(f"Configuratiefout: REACTIETIJD moet een aantal werkdagen zijn, zoals 'twee werkdagen' of "
                     f"'3 werkdagen' (1 tot en met 30), niet {reactietijd!r}.")


def _reachable(host: str) -> str:
    """Where this machine reaches a server that listens on `host` (all interfaces: via loopback)."""
    if host in ("", "0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _absolute_sqlite(url: str) -> str:
    """Relative SQLite paths are relative to the project, not to whatever folder a process runs in."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite:///:memory:":
        return prefix + str(PROJECT_ROOT / url[len(prefix):])
    return url


_ENV_NAMES = {"wijken_lijst": "WIJKEN", "werkplek_url_publiek": "WERKPLEK_URL",
              "vragenlijst_url_publiek": "VRAGENLIJST_URL"}


def load_settings(env_file: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults < .env file < process environment."""
    env_file = env_file if env_file is not None else PROJECT_ROOT / ".env"
    values = dict(DEFAULTS)
    if env_file.exists():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    environ = os.environ if environ is None else environ
    values.update({k: environ[k] for k in DEFAULTS if k in environ})

    kwargs = {}
    for f in fields(Settings):
        raw = values[_ENV_NAMES.get(f.name, f.name.upper())]
        if f.type == "int":
            try:
                kwargs[f.name] = int(raw)
            except ValueError:
                raise SystemExit(f"Configuratiefout: {f.name.upper()} moet een getal zijn, niet {raw!r}.")
        else:
            kwargs[f.name] = raw
    kwargs["database_url"] = _absolute_sqlite(kwargs["database_url"])
    kwargs["tracker_store_url"] = _absolute_sqlite(kwargs["tracker_store_url"])
    for name in ("MAIL_STARTTLS", "WERKPLEK_HTTPS"):
        if kwargs[name.lower()] not in ("ja", "nee"):
            raise SystemExit(f"Configuratiefout: {name} moet 'ja' of 'nee' zijn, niet {kwargs[name.lower()]!r}.")
    settings = Settings(**kwargs)
    settings.reactietijd_werkdagen  # noqa: B018 (fails at start with the fix, not at the first reminder)
    return settings
