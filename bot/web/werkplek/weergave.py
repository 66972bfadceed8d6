"""How values look in the workspace: Dutch labels, local times, waiting times."""
from __future__ import annotations

import datetime as dt

from bot.overdracht.contact import MOMENTEN
from bot.overdracht.overdracht import STATUSSEN
from bot.tijd import AMSTERDAM  # noqa: E402
from bot.vocabulaire import (
    DOELGROEPEN,
    DOORVERWIJZINGEN,
    KANALEN,
    LEVENSDOMEINEN,
    NAMENS,
    ONDERWERP_LABELS,
    SOORT_LABELS,
    TALEN,
    UITKOMSTEN_OVERDRACHT,
    VERWIJZERS,
    label,
)

CONTACT_MANIEREN = {"telefoon": "Telefoon", "email": "E-mail"}
GEBEURTENISSEN = {
    "aangemaakt": "Overdracht gemaakt",
    "opgepakt": "Opgepakt",
    "toegewezen": "Toegewezen",
    "notitie": "Notitie",
    "aangenomen": "Aangenomen door meedenker",
    "afgewezen": "Niet aangenomen",
    "collega_gevraagd": "Collega gevraagd",
    "eerste_contact": "Eerste contact",
    "vragenlijst": "Vragenlijst",
    "afgerond": "Afgerond",
    "ingetrokken": "Ingetrokken",
}
def onderwerp(key: str | None) -> str:
    return label(ONDERWERP_LABELS, key, "Geen")


def doelgroep(key: str | None) -> str:
    return label(DOELGROEPEN, key, "Geen").capitalize()


def status(key: str | None) -> str:
    return label(STATUSSEN, key)


def namens(key: str | None) -> str:
    """For whom the inwoner asks: 'Moeder van de inwoner', or 'De inwoner zelf'."""
    return f"{label(NAMENS, key).capitalize()} van de inwoner" if key else "De inwoner zelf"


def taal(key: str | None) -> str:
    return label(TALEN, key) if key and key != "nederlands" else "Nederlands"


def moment(key: str | None) -> str:
    return label(MOMENTEN, key, "Geen voorkeur opgegeven")


def lokale_tijd(utc: dt.datetime | None, met_seconden: bool = False) -> str:
    """UTC (naive, as stored) to Dutch local time, e.g. '24-11-2025 14:05'."""
    if utc is None:
        return ""
    local = utc.replace(tzinfo=dt.timezone.utc).astimezone(AMSTERDAM)
    return local.strftime("%d-%m-%Y %H:%M:%S" if met_seconden else "%d-%m-%Y %H:%M")


def iso_tijd(utc: dt.datetime | None) -> str:
    """Machine-readable value for <time datetime=...>."""
    return utc.replace(tzinfo=dt.timezone.utc).isoformat() if utc else ""


def duur(delta: dt.timedelta) -> str:
    """'12 minuten', '2 uur', '3 dagen': precise enough to see what waits longest."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 3600:
        minutes = seconds // 60
        return "minder dan een minuut" if minutes == 0 else f"{minutes} {'minuut' if minutes == 1 else 'minuten'}"
    if seconds < 86400:
        return f"{seconds // 3600} uur"
    days = seconds // 86400
    return f"{days} {'dag' if days == 1 else 'dagen'}"


def kanaal(o) -> str:
    """How the handover's question came in: 'Chat', 'Telefoon', 'Via een verwijzer (Huisarts)'."""
    if o.kanaal not in KANALEN:
        return "Chat"
    return KANALEN[o.kanaal] + (f" ({label(VERWIJZERS, o.verwijzer)})" if o.verwijzer else "")


def uitkomst(o) -> str:
    tekst = label(UITKOMSTEN_OVERDRACHT, o.uitkomst, "")
    return tekst + (f": {label(DOORVERWIJZINGEN, o.doorverwezen_naar)}" if o.doorverwezen_naar else "")


def datum(d: dt.date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


def kort(referentie: str | None) -> str:
    from bot.meldingen.meldingen import kort as _kort

    return _kort(referentie) if referentie else ""


FILTERS = {
    "kanaal": kanaal,
    "uitkomst": uitkomst,
    "datum": datum,
    "kort": kort,
    "soort": lambda key: SOORT_LABELS[key][0] if key in SOORT_LABELS else label({}, key),
    "levensdomein": lambda key: label(LEVENSDOMEINEN, key),
    "onderwerp": onderwerp,
    "doelgroep": doelgroep,
    "status": status,
    "moment": moment,
    "namens": namens,
    "taal": taal,
    "contactmanier": lambda key: label(CONTACT_MANIEREN, key),
    "gebeurtenis": lambda key: label(GEBEURTENISSEN, key),
    "lokale_tijd": lokale_tijd,
    "iso_tijd": iso_tijd,
    "duur": duur,
}
