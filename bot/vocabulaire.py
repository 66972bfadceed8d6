"""Fixed vocabularies shared by the NLU contract, the network file, matching and signals."""
from __future__ import annotations

import re
import unicodedata

SOORTEN = {"vrijwillig": "vrijwilliger", "beroepsmatig": "beroepskracht"}

DOELGROEPEN = {
    "ouderen": "ouderen", "jongeren": "jongeren", "lvb": "licht verstandelijke beperking",
    "ggz": "psychische problemen", "mantelzorger": "mantelzorgers", "nah": "niet-aangeboren hersenletsel",
    "autisme": "autisme", "migranten": "nieuwkomers", "dak_thuislozen": "dak- en thuislozen",
}

# Sub-topics per levensdomein (entity `onderwerp`), with labels for buttons (standard, B1).
ONDERWERPEN: dict[str, dict[str, tuple[str, str]]] = {
    "wonen": {
        "huurachterstand": ("Huurachterstand", "Huur niet betaald"),
        "uitzetting": ("Dreigende uitzetting", "Ik moet mijn huis uit"),
        "woning_zoeken": ("Een (andere) woning zoeken", "Ik zoek een huis"),
        "dakloos": ("Geen vaste woonplek", "Ik heb geen huis"),
        "overlast": ("Overlast of onveilig huis", "Last van buren"),
        "beschermd_wonen": ("Beschermd of zelfstandig wonen", "Wonen met hulp"),
    },
    "werk_inkomen": {
        "schulden": ("Schulden", "Schulden"),
        "rekeningen": ("Rekeningen niet kunnen betalen", "Rekeningen betalen"),
        "uitkering": ("Bijstand of uitkering", "Uitkering"),
        "toeslagen": ("Toeslagen", "Toeslag"),
        "werk_zoeken": ("Werk of re-integratie", "Werk zoeken"),
    },
    "jeugd": {
        "opvoeding": ("Opvoeding", "Opvoeden"),
        "school": ("School of leerplicht", "School"),
        "jeugdhulp": ("Jeugdhulp", "Hulp voor mijn kind"),
        "overgang_18": ("Bijna 18 jaar", "Bijna 18"),
    },
    "wmo_aanvraag": {
        "huishoudelijke_hulp": ("Huishoudelijke hulp", "Hulp in huis"),
        "begeleiding": ("Begeleiding of dagbesteding", "Begeleiding"),
        "hulpmiddelen": ("Hulpmiddelen of woningaanpassing", "Rolstoel of traplift"),
        "vervoer": ("Vervoer", "Vervoer"),
        "mantelzorg": ("Steun als mantelzorger", "Ik zorg voor iemand"),
        "bezwaar": ("Beschikking of bezwaar", "Brief van de gemeente"),
        "wlz": ("Langdurige zorg (Wlz)", "Veel zorg, altijd"),
    },
}
ALLE_ONDERWERPEN = {
    *(o for per in ONDERWERPEN.values() for o in per),
    "urgentie", "verhuizen", "zelfstandig_wonen", "bijstand", "bijzondere_bijstand", "minimaregeling",
    "re_integratie", "beschut_werk", "wajong", "inburgering", "zorgen_kind", "passend_onderwijs",
    "leerplicht", "jonge_mantelzorger", "dagbesteding", "woningaanpassing", "respijtzorg",
    "keukentafelgesprek", "beschikking", "eigen_bijdrage", "pgb",
}

# Expertise of a meedenker: a doelgroep or a sub-topic.
EXPERTISES = set(DOELGROEPEN) | ALLE_ONDERWERPEN

TALEN = {
    "arabisch": "Arabisch", "turks": "Turks", "engels": "Engels", "pools": "Pools", "tigrinya": "Tigrinya",
    "somalisch": "Somalisch", "papiaments": "Papiaments", "tamazight": "Tamazight (Berbers)",
    "oekraiens": "Oekraïens", "russisch": "Russisch", "frans": "Frans", "duits": "Duits", "spaans": "Spaans",
    "farsi": "Farsi", "dari": "Dari", "koerdisch": "Koerdisch", "portugees": "Portugees",
    "roemeens": "Roemeens", "bulgaars": "Bulgaars", "nederlandse_gebarentaal": "Nederlandse Gebarentaal",
}

HELE_GEMEENTE = "hele_gemeente"


def slug(text: str) -> str:
    """'De Akkers' -> 'de_akkers', 'Oekraïens' -> 'oekraiens'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
