"""The meedenkers network: the coordinators' CSV file, its validation, and the database.

Import is all or nothing: every row is checked first and every problem is reported with line number,
column and what is wrong; only a file without problems replaces the network, in one transaction.
"""
from __future__ import annotations

import csv
import io
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from bot.config import PROJECT_ROOT
from bot.models import Meedenker, MeedenkerKenmerk, Organisatie
from bot.vocabulaire import EXPERTISES, HELE_GEMEENTE, SOORTEN, TALEN, Levensdomein

COLUMNS = ["sleutel", "naam", "organisatie", "soort", "levensdomeinen", "expertise", "wijken", "talen",
           "neemt_nieuwe_inwoners", "telefoon", "email", "spreekuur", "intro", "intro_b1"]
# May be left out of a file: the workspace account (role meedenker) of this meedenker, linked on import.
OPTIONAL = ["account"]
REQUIRED = ["sleutel", "naam", "organisatie", "soort", "levensdomeinen", "wijken", "neemt_nieuwe_inwoners",
            "intro", "intro_b1"]
LIST_SEPARATOR = ";"
JA_NEE = {"ja": True, "nee": False}
_SLEUTEL = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


@dataclass(frozen=True)
class MeedenkerRecord:
    sleutel: str
    naam: str
    organisatie: str
    soort: str
    levensdomeinen: frozenset[str]
    expertise: frozenset[str] = frozenset()
    wijken: frozenset[str] = frozenset()  # empty means: the whole gemeente
    talen: frozenset[str] = frozenset()
    neemt_nieuwe_inwoners: bool = True
    telefoon: str = ""
    email: str = ""
    spreekuur: str = ""
    intro: str = ""
    intro_b1: str = ""
    account: str = ""  # user name of the meedenker's workspace account, if the file names one
    regel: int = field(default=0, compare=False)  # line in the file, for problems found after parsing

    @property
    def hele_gemeente(self) -> bool:
        return not self.wijken


@dataclass(frozen=True)
class Probleem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, regel {self.line}" + (f", kolom '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    def __init__(self, problems: list[Probleem]):
        super().__init__(f"{len(problems)} probleem/problemen")
        self.problems = problems


@dataclass
class _Row:
    file: str
    line: int
    values: dict
    problems: list = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Probleem(self.file, self.line, column, message))

    def text(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def values_of(self, column: str, allowed: Iterable[str], what: str) -> frozenset[str]:
        items = [v.strip().lower() for v in self.text(column).split(LIST_SEPARATOR) if v.strip()]
        allowed = set(allowed)
        for item in items:
            if item not in allowed:
                self.problem(column, f"onbekende {what} '{item}' (toegestaan: {', '.join(sorted(allowed))})")
        return frozenset(i for i in items if i in allowed)


def _phone(row: _Row) -> str:
    raw = row.text("telefoon")
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "NL")
    except phonenumbers.NumberParseException:
        number = None
    # possible, not necessarily assigned: the demo uses the fictional area code 0123
    if number is None or not phonenumbers.is_possible_number(number):
        row.problem("telefoon", f"'{raw}' is geen geldig telefoonnummer")
        return ""
    return raw


def _email(row: _Row) -> str:
    raw = row.text("email")
    if not raw:
        return ""
    try:
        return validate_email(raw, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        row.problem("email", f"'{raw}' is geen geldig e-mailadres ({exc})")
        return ""


def _record(row: _Row, wijken: dict[str, str]) -> MeedenkerRecord | None:
    for column in REQUIRED:
        if not row.text(column):
            row.problem(column, "is leeg, maar verplicht")
    sleutel = row.text("sleutel").lower()
    if sleutel and not _SLEUTEL.match(sleutel):
        row.problem("sleutel", f"'{sleutel}' mag alleen kleine letters, cijfers en '-' bevatten")
    soort = row.text("soort").lower()
    if soort and soort not in SOORTEN:
        row.problem("soort", f"onbekende soort '{soort}' (toegestaan: {', '.join(SOORTEN)})")
    domeinen = row.values_of("levensdomeinen", [d.value for d in Levensdomein], "levensdomein")
    expertise = row.values_of("expertise", EXPERTISES, "expertise")
    gebieden = row.values_of("wijken", [*wijken, HELE_GEMEENTE], "wijk")
    talen = row.values_of("talen", TALEN, "taal")
    beschikbaar = row.text("neemt_nieuwe_inwoners").lower()
    if beschikbaar and beschikbaar not in JA_NEE:
        row.problem("neemt_nieuwe_inwoners", f"'{beschikbaar}' moet 'ja' of 'nee' zijn")
    telefoon, email = _phone(row), _email(row)
    spreekuur = row.text("spreekuur")
    if not (row.text("telefoon") or row.text("email") or spreekuur):
        row.problem("telefoon", "geen contact: vul telefoon, e-mail of spreekuur in")
    if row.problems:
        return None
    return MeedenkerRecord(
        sleutel=sleutel, naam=row.text("naam"), organisatie=row.text("organisatie"), soort=soort,
        levensdomeinen=domeinen, expertise=expertise,
        wijken=frozenset() if HELE_GEMEENTE in gebieden else gebieden, talen=talen,
        neemt_nieuwe_inwoners=JA_NEE[beschikbaar], telefoon=telefoon, email=email, spreekuur=spreekuur,
        intro=row.text("intro"), intro_b1=row.text("intro_b1"), account=row.text("account").lower(),
        regel=row.line,
    )


def parse_csv(stream: TextIO, wijken: dict[str, str], filename: str = "<invoer>") -> list[MeedenkerRecord]:
    """Validate a whole file; raise ImportRejected with every problem, or return all records."""
    reader = csv.DictReader(stream)
    header = [h.strip() for h in reader.fieldnames or []]
    problems: list[Probleem] = []
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS + OPTIONAL]
    if missing:
        problems.append(Probleem(filename, 1, "", f"kolommen ontbreken: {', '.join(missing)}"))
    if unknown:
        problems.append(Probleem(filename, 1, "", f"onbekende kolommen: {', '.join(unknown)}"))
    if problems:
        raise ImportRejected(problems)
    reader.fieldnames = header

    records, first_line, accounts = [], {}, {}
    for values in reader:
        row = _Row(filename, reader.line_num, values)
        if None in values:
            row.problem("", "meer velden dan kolommen (staat er een komma te veel?)")
        record = _record(row, wijken)
        sleutel = row.text("sleutel").lower()
        if sleutel in first_line:
            row.problem("sleutel", f"'{sleutel}' staat dubbel (ook op regel {first_line[sleutel]})")
        elif sleutel:
            first_line[sleutel] = row.line
        account = row.text("account").lower()
        if account and account in accounts:
            row.problem("account", f"account '{account}' staat al bij een andere meedenker (regel {accounts[account]}); "
                                   "een account hoort bij één meedenker")
        elif account:
            accounts[account] = row.line
        problems += row.problems
        if record is not None and not row.problems:
            records.append(record)
    if not records and not problems:
        problems.append(Probleem(filename, 1, "", "het bestand bevat geen meedenkers"))
    if problems:
        raise ImportRejected(problems)
    return records


def read_file(path: Path, wijken: dict[str, str]) -> list[MeedenkerRecord]:
    try:
        text = path.read_text(encoding="utf-8-sig")  # spreadsheets often write a BOM
    except UnicodeDecodeError as exc:
        raise ImportRejected([Probleem(str(path), 1, "", f"het bestand is geen UTF-8 ({exc.reason}); "
                                      "sla het op als 'CSV UTF-8'")])
    except OSError as exc:
        raise ImportRejected([Probleem(str(path), 0, "", f"kan het bestand niet lezen: {exc.strerror}")])
    return parse_csv(io.StringIO(text), wijken, filename=str(path))


def controleer_accounts(session: Session, records: list[MeedenkerRecord], filename: str) -> list[Probleem]:
    """Every account the file names must exist with the role meedenker: a precise problem per row if not."""
    from bot.models import Gebruiker

    named = {r.account for r in records if r.account}
    found = {g.gebruikersnaam: g for g in session.scalars(select(Gebruiker).where(Gebruiker.gebruikersnaam.in_(named)))}
    problems = []
    for r in records:
        if not r.account:
            continue
        g = found.get(r.account)
        if g is None:
            problems.append(Probleem(filename, r.regel, "account", f"er is geen account '{r.account}'. Maak het "
                                     f"eerst: bot users add {r.account} --rol meedenker --meedenker {r.sleutel}, "
                                     "of laat het vak leeg"))
        elif g.rol != "meedenker":
            problems.append(Probleem(filename, r.regel, "account", f"account '{r.account}' heeft de rol '{g.rol}', "
                                     "niet 'meedenker'; alleen een meedenkersaccount hoort bij een meedenker"))
    return problems


def koppel_accounts(session: Session, records: list[MeedenkerRecord]) -> int:
    """Link the accounts the file names to their meedenker (after controleer_accounts found no problem)."""
    from bot.models import Gebruiker

    sleutels = {r.account: r.sleutel for r in records if r.account}
    for g in session.scalars(select(Gebruiker).where(Gebruiker.gebruikersnaam.in_(sleutels))):
        g.meedenker_sleutel = sleutels[g.gebruikersnaam]
    return len(sleutels)


def met_accounts(session: Session, records: list[MeedenkerRecord]) -> list[MeedenkerRecord]:
    """The records with the `account` column filled from the linked accounts (the first by name when a meedenker
    has several), so an export read back in keeps every link."""
    from dataclasses import replace

    from bot.models import Gebruiker

    linked: dict[str, str] = {}
    for naam, sleutel in session.execute(select(Gebruiker.gebruikersnaam, Gebruiker.meedenker_sleutel).where(
            Gebruiker.meedenker_sleutel.is_not(None)).order_by(Gebruiker.gebruikersnaam)):
        linked.setdefault(sleutel, naam)
    return [replace(r, account=linked.get(r.sleutel, "")) for r in records]


def write_csv(records: Iterable[MeedenkerRecord], stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS + OPTIONAL, lineterminator="\n")
    writer.writeheader()
    join = lambda values: LIST_SEPARATOR.join(sorted(values))  # noqa: E731
    for r in sorted(records, key=lambda r: r.sleutel):
        writer.writerow({
            "sleutel": r.sleutel, "naam": r.naam, "organisatie": r.organisatie, "soort": r.soort,
            "levensdomeinen": join(r.levensdomeinen), "expertise": join(r.expertise),
            "wijken": join(r.wijken) if r.wijken else HELE_GEMEENTE, "talen": join(r.talen),
            "neemt_nieuwe_inwoners": "ja" if r.neemt_nieuwe_inwoners else "nee",
            "telefoon": r.telefoon, "email": r.email, "spreekuur": r.spreekuur,
            "intro": r.intro, "intro_b1": r.intro_b1, "account": r.account,
        })


# --- database ---------------------------------------------------------------------------------

_KENMERKEN = {"levensdomein": "levensdomeinen", "expertise": "expertise", "wijk": "wijken", "taal": "talen"}


def replace_network(session: Session, records: list[MeedenkerRecord]) -> None:
    """Make the database hold exactly these meedenkers (the file is the source of truth)."""
    organisaties = {o.naam: o for o in session.execute(select(Organisatie)).scalars()}
    bestaand = {m.sleutel: m for m in session.execute(select(Meedenker)).scalars()}
    for record in records:
        org = organisaties.get(record.organisatie)
        if org is None:
            org = organisaties[record.organisatie] = Organisatie(naam=record.organisatie)
            session.add(org)
        m = bestaand.pop(record.sleutel, None)
        if m is None:
            m = Meedenker(sleutel=record.sleutel)
        else:
            m.kenmerken.clear()
            session.flush()  # old values go before equal new ones arrive (unique constraint)
        m.naam, m.organisatie, m.soort = record.naam, org, record.soort
        m.neemt_nieuwe_inwoners, m.hele_gemeente = record.neemt_nieuwe_inwoners, record.hele_gemeente
        m.telefoon, m.email, m.spreekuur = record.telefoon or None, record.email or None, record.spreekuur or None
        m.intro, m.intro_b1 = record.intro, record.intro_b1
        m.kenmerken = [MeedenkerKenmerk(soort=soort, waarde=waarde)
                       for soort, attr in _KENMERKEN.items() for waarde in sorted(getattr(record, attr))]
        session.add(m)
    for weg in bestaand.values():
        session.delete(weg)
    session.flush()
    in_gebruik = select(Meedenker.organisatie_id)
    session.execute(delete(Organisatie).where(Organisatie.id.not_in(in_gebruik))
                    .execution_options(synchronize_session=False))


def load_network(session: Session, sleutel: str | None = None) -> list[MeedenkerRecord]:
    """The whole network, or with `sleutel` only that meedenker (a list of one or none)."""
    query = select(Meedenker).options(selectinload(Meedenker.kenmerken), selectinload(Meedenker.organisatie))
    if sleutel is not None:
        query = query.where(Meedenker.sleutel == sleutel)
    rows = session.execute(query).scalars()
    records = []
    for m in rows:
        values = {attr: set() for attr in _KENMERKEN.values()}
        for k in m.kenmerken:
            values[_KENMERKEN[k.soort]].add(k.waarde)
        records.append(MeedenkerRecord(
            sleutel=m.sleutel, naam=m.naam, organisatie=m.organisatie.naam, soort=m.soort,
            levensdomeinen=frozenset(values["levensdomeinen"]), expertise=frozenset(values["expertise"]),
            wijken=frozenset() if m.hele_gemeente else frozenset(values["wijken"]),
            talen=frozenset(values["talen"]), neemt_nieuwe_inwoners=m.neemt_nieuwe_inwoners,
            telefoon=m.telefoon or "", email=m.email or "", spreekuur=m.spreekuur or "",
            intro=m.intro, intro_b1=m.intro_b1,
        ))
    return records


def vind(session: Session, sleutel: str | None) -> MeedenkerRecord | None:
    """One meedenker by key, without reading the whole network (which takes seconds for a large one)."""
    return next(iter(load_network(session, sleutel)), None) if sleutel else None


def network_size(session: Session) -> int:
    return session.execute(select(func.count(Meedenker.id))).scalar_one()


class NetworkCache:
    """The network as the action server sees it: read once, then refreshed in the background at most
    every `ttl` seconds, so a coordinator's import shows up within a minute and no inwoner waits for a
    database read (a large network takes seconds to load). With ttl=0 every call reads afresh.

    Availability set in the workspace (bot.netwerk.beschikbaarheid) is read on every call: a small query,
    so "away" or "no new inwoners" counts from the next message on."""

    def __init__(self, session_factory, ttl: float = 60.0, clock=None):
        self._session_factory = session_factory
        self._ttl = ttl
        self._clock = clock or time.monotonic
        self._records: list[MeedenkerRecord] | None = None
        self._loaded_at = 0.0
        self._refreshing = threading.Lock()

    def _load(self) -> None:
        with self._session_factory() as session:
            records = load_network(session)
        self._records, self._loaded_at = records, self._clock()

    def _refresh_in_background(self) -> None:
        if not self._refreshing.acquire(blocking=False):
            return  # one refresh at a time

        def refresh():
            try:
                self._load()
            finally:
                self._refreshing.release()

        threading.Thread(target=refresh, daemon=True).start()

    def get(self) -> list[MeedenkerRecord]:
        if self._records is None or self._ttl <= 0:
            self._load()
        elif self._clock() - self._loaded_at > self._ttl:
            self._refresh_in_background()
        return met_beschikbaarheid(self._session_factory, self._records)


def met_beschikbaarheid(session_factory, records: list[MeedenkerRecord]) -> list[MeedenkerRecord]:
    """The records, with meedenkers who are away or take no one new marked as not taking new inwoners."""
    from dataclasses import replace

    from bot.netwerk import beschikbaarheid
    from bot.tijd import lokale_dag, nu

    with session_factory() as session:  # the Dutch calendar day, as the workspace counts "afwezig tot en met"
        weg = beschikbaarheid.niet_beschikbaar(session, lokale_dag(nu()))
    if not weg:
        return records
    return [replace(r, neemt_nieuwe_inwoners=False) if r.sleutel in weg and r.neemt_nieuwe_inwoners else r
            for r in records]


DEMO_FILE = PROJECT_ROOT / "data" / "demo" / "meedenkers.csv"


def load_demo_if_empty(session_factory, wijken: dict[str, str], path: Path = DEMO_FILE) -> int:
    """Fill an empty network with the demo network; returns how many meedenkers were loaded."""
    with session_factory() as session, session.begin():
        if network_size(session) > 0:
            return 0
        records = read_file(path, wijken)
        replace_network(session, records)
        return len(records)
