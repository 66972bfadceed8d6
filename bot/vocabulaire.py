"""Every fixed vocabulary, with its Dutch labels, in one place: the NLU contract's values, the network file's
columns, matching, handovers, signals and reports all use these keys and these labels (workspace and report
alike). Imports nothing of the project."""
from __future__ import annotations

import re
import unicodedata
from enum import Enum


class Levensdomein(str, Enum):
    """The four levensdomeinen of the intake; each is one NLU intent (`vraag_<value>`)."""

    WONEN = "wonen"
    WERK_INKOMEN = "werk_inkomen"
    JEUGD = "jeugd"
    WMO_AANVRAAG = "wmo_aanvraag"

    @property
    def intent(self) -> str:
        return f"vraag_{self.value}"


# The four levensdomeinen as coordinators and policy officers read them (the bot's buttons, in domain.yml, speak
# to inwoners).
LEVENSDOMEINEN = {"wonen": "Wonen", "werk_inkomen": "Werk en inkomen", "jeugd": "Jeugd", "wmo_aanvraag": "Wmo-aanvraag"}

# Kinds of meedenker: the noun in a sentence, and the label on a card (standard, B1).
SOORTEN = {"vrijwillig": "vrijwilliger", "beroepsmatig": "beroepskracht"}
SOORTEN_MEERVOUD = {"vrijwillig": ("vrijwilligers", "vrijwilligers"),
                    "beroepsmatig": ("beroepskrachten", "mensen die dit als werk doen")}
SOORT_LABELS = {"vrijwillig": ("Vrijwilliger", "Vrijwilliger"), "beroepsmatig": ("Beroepskracht", "Doet dit als werk")}

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

# The button a finer sub-topic of the NLU belongs to; those without one (an occasion such as the keukentafelgesprek,
# or a topic of its own such as the pgb) stand alone.
HOOFDONDERWERP: dict[str, str] = {
    "urgentie": "woning_zoeken", "verhuizen": "woning_zoeken", "zelfstandig_wonen": "beschermd_wonen",
    "bijstand": "uitkering", "bijzondere_bijstand": "uitkering", "wajong": "uitkering", "re_integratie": "werk_zoeken",
    "beschut_werk": "werk_zoeken", "zorgen_kind": "jeugdhulp", "jonge_mantelzorger": "jeugdhulp",
    "passend_onderwijs": "school", "leerplicht": "school", "dagbesteding": "begeleiding",
    "woningaanpassing": "hulpmiddelen", "respijtzorg": "mantelzorg", "beschikking": "bezwaar",
}


def verwante_onderwerpen(key: str | None) -> set[str]:
    """A sub-topic with its button and its finer sub-topics: 'begeleiding' -> {begeleiding, dagbesteding}."""
    if not key:
        return set()
    hoofd = HOOFDONDERWERP.get(key, key)
    return {key, hoofd} | {fijn for fijn, h in HOOFDONDERWERP.items() if h == hoofd}


# Labels of every sub-topic: the button label for those with a button, and these for the ones the NLU knows besides.
ONDERWERP_LABELS: dict[str, str] = {
    **{key: labels[0] for per in ONDERWERPEN.values() for key, labels in per.items()},
    "urgentie": "Urgentie voor een woning", "verhuizen": "Verhuizen", "zelfstandig_wonen": "Zelfstandig wonen",
    "bijstand": "Bijstand", "bijzondere_bijstand": "Bijzondere bijstand", "minimaregeling": "Minimaregelingen",
    "re_integratie": "Re-integratie", "beschut_werk": "Beschut werk", "wajong": "Wajong",
    "inburgering": "Inburgering", "zorgen_kind": "Zorgen om een kind", "passend_onderwijs": "Passend onderwijs",
    "leerplicht": "Leerplicht", "jonge_mantelzorger": "Jonge mantelzorger", "dagbesteding": "Dagbesteding",
    "woningaanpassing": "Woningaanpassing", "respijtzorg": "Respijtzorg",
    "keukentafelgesprek": "Keukentafelgesprek", "beschikking": "Beschikking", "eigen_bijdrage": "Eigen bijdrage",
    "pgb": "Persoonsgebonden budget (pgb)",
}
# Sub-topics for which not the gemeente's network but the zorgkantoor offers cliëntondersteuning.
WLZ_ONDERWERPEN = {"wlz"}


def label(mapping: dict[str, str], key: str | None, leeg: str = "Onbekend") -> str:
    """Dutch label; an unknown key reads as text instead of failing a page or a report."""
    if not key:
        return leeg
    return mapping.get(key, key.replace("_", " ").capitalize())


# Expertise of a meedenker: a doelgroep or a sub-topic.
EXPERTISES = set(DOELGROEPEN) | ALLE_ONDERWERPEN

TALEN = {
    "arabisch": "Arabisch", "turks": "Turks", "engels": "Engels", "pools": "Pools", "tigrinya": "Tigrinya",
    "somalisch": "Somalisch", "papiaments": "Papiaments", "tamazight": "Tamazight (Berbers)",
    "oekraiens": "Oekraïens", "russisch": "Russisch", "frans": "Frans", "duits": "Duits", "spaans": "Spaans",
    "farsi": "Farsi", "dari": "Dari", "koerdisch": "Koerdisch", "portugees": "Portugees",
    "roemeens": "Roemeens", "bulgaars": "Bulgaars", "nederlandse_gebarentaal": "Nederlandse Gebarentaal",
}

# For whom an inwoner asks (the handover's `namens`): key -> the noun, as in "uw moeder".
NAMENS = {
    "moeder": "moeder", "vader": "vader", "zoon": "zoon", "dochter": "dochter", "kind": "kind", "partner": "partner",
    "broer": "broer", "zus": "zus", "vriend": "vriend", "vriendin": "vriendin", "buurman": "buurman",
    "buurvrouw": "buurvrouw", "kleinzoon": "kleinzoon", "kleindochter": "kleindochter", "kleinkind": "kleinkind",
    "opa": "opa", "oma": "oma", "schoonmoeder": "schoonmoeder", "schoonvader": "schoonvader", "oom": "oom",
    "tante": "tante", "neef": "neef", "nicht": "nicht", "client": "cliënt",
}

HELE_GEMEENTE = "hele_gemeente"


def slug(text: str) -> str:
    """'De Akkers' -> 'de_akkers', 'Oekraïens' -> 'oekraiens'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# --- The way a question came in (handovers and signals) and how a handover ended -----------------------
# Chat channels as Rasa names them; every chat counts as "chat" in the reports.
CHAT_KANALEN = {"rest", "socketio", "web", "terminal"}
# Questions a coordinator or meedenker registers by hand (`bot.overdracht.overdracht.registreer`).
KANALEN = {"telefoon": "Telefoon", "wijkpunt": "Wijkpunt (langs geweest)", "email": "E-mail",
           "verwijzer": "Via een verwijzer"}
VERWIJZERS = {"huisarts": "Huisarts", "wijkteam": "Wijkteam", "school": "School", "wmo_consulent": "Wmo-consulent",
              "anders": "Andere verwijzer"}

# How a handover ends: the meedenker's (or coordinator's) answer to "did the inwoner get support?".
UITKOMSTEN_OVERDRACHT = {
    "ondersteuning": "Passende ondersteuning gevonden",
    "doorverwezen": "Doorverwezen",
    "afgezien": "Inwoner zag ervan af",
    "geen_contact": "Geen contact mogelijk",
}
DOORVERWIJZINGEN = {
    "wijkteam": "Wijkteam", "schuldhulp": "Schuldhulpverlening", "huisarts": "Huisarts", "jeugdhulp": "Jeugdhulp",
    "wlz": "Wlz / zorgkantoor", "andere_meedenker": "Andere meedenker of cliëntondersteuner", "anders": "Anders",
}

# --- Did it help? (the gemeente's monitoring questions) ------------------------------------------------------------
# "Hoe kent u ons?": how an inwoner found cliëntondersteuning (chat feedback and registered questions).
BEKEND_VIA = {"website": "Via de website van de gemeente", "huisarts": "Via de huisarts", "wijkteam": "Via het wijkteam",
              "school": "Via school", "familie": "Via familie of kennissen", "brief": "Door een brief van de gemeente",
              "anders": "Anders"}
BEKEND_VIA_B1 = {"website": "Op de website van de gemeente", "huisarts": "Van de huisarts",
                 "wijkteam": "Van het wijkteam", "school": "Van school", "familie": "Van familie of vrienden",
                 "brief": "Uit een brief van de gemeente", "anders": "Anders"}
# "Heeft dit gesprek u geholpen?" at the end of a chat.
CHAT_OORDELEN = {"ja": "Ja", "een_beetje": "Een beetje", "nee": "Nee"}
# Koploper Putten's questionnaire after support (Movisie handreiking): five statements on a five-point scale.
STELLINGEN = {  # key -> (standard Dutch, B1)
    "geholpen": ("Ik heb de cliëntondersteuning als helpend ervaren.", "De hulp van de meedenker hielp mij."),
    "verder": ("Ik kan nu zelfstandig of met passende hulp verder.", "Ik kan nu verder. Alleen, of met de goede hulp."),
    "keuzes": ("Ik kon zelf keuzes maken.", "Ik mocht zelf kiezen."),
    "zelfde": ("Ik zou weer contact opnemen met dezelfde cliëntondersteuner.",
               "Ik zou deze meedenker weer vragen."),
    "aanraden": ("Ik zou cliëntondersteuning aanraden aan anderen.", "Ik zou dit ook aan anderen vertellen."),
}
SCHAAL = {1: ("Helemaal mee oneens", "Helemaal niet waar"), 2: ("Mee oneens", "Niet waar"),
          3: ("Neutraal", "Een beetje"), 4: ("Mee eens", "Waar"), 5: ("Helemaal mee eens", "Helemaal waar")}
