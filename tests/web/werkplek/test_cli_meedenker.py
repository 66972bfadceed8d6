"""`bot users add --rol meedenker` and `bot meedenkers import` with the optional `account` column: an account
belongs to exactly one meedenker of the network, and a file that names a wrong account imports nothing."""
import io

import pytest
from sqlalchemy import select

from bot import db
from bot.config import load_settings
from bot.models import Gebruiker
from bot.netwerk import netwerk
from bot.privacy import accounts
from bot.runtime import cli

WACHTWOORD = "een-lang-wachtwoord"
HEADER = ",".join(netwerk.COLUMNS)
RIJEN = {
    "noor": "noor,Noor Bakker,Buurtkracht,vrijwillig,wonen,,centrum,,ja,0123 456 701,,,Ik help graag.,Ik help.",
    "bram": "bram,Bram Jansen,MEEdoen,beroepsmatig,wmo_aanvraag,lvb,hele_gemeente,,ja,0123 456 702,,,"
            "Ik ben consulent.,Ik help.",
    "sara": "sara,Sara Yilmaz,Buurtkracht,vrijwillig,jeugd,,molenwijk,,ja,,sara@buurtkracht.example,,Hoi.,Hoi.",
}


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A database with the demo network, as `bot` finds it through DATABASE_URL."""
    url = f"sqlite:///{tmp_path}/bot.db"
    monkeypatch.setenv("DATABASE_URL", url)
    db.upgrade(url)
    netwerk.load_demo_if_empty(db.session_factory(url), load_settings(environ={}).wijken)
    return url


def _users(url):
    with db.session_factory(url)() as session:
        return {g.gebruikersnaam: g for g in session.scalars(select(Gebruiker))}


def _sleutels(url):
    with db.session_factory(url)() as session:
        return sorted(r.sleutel for r in netwerk.load_network(session))


def _add(monkeypatch, *args):
    monkeypatch.setattr("sys.stdin", io.StringIO(WACHTWOORD + "\n"))
    return cli.main(["users", "add", *args, "--wachtwoord-stdin"])


def _maak(url, naam, rol, sleutel=None):
    with db.session_factory(url)() as session, session.begin():
        accounts.maak_gebruiker(session, naam, WACHTWOORD, rol, meedenker_sleutel=sleutel)


def _csv(tmp_path, *rows, account=True, name="netwerk.csv"):
    """Rows as (key of RIJEN, account name or ""); without `account` the file has the original columns only."""
    lines = [HEADER + (",account" if account else "")]
    lines += [RIJEN[key] + (f",{acc}" if account else "") for key, acc in rows]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- bot users add ----------------------------------------------------------------------------------------

def test_an_unknown_meedenker_sleutel_is_refused_naming_it(database, monkeypatch, capsys):
    assert _add(monkeypatch, "xavier", "--rol", "meedenker", "--meedenker", "onbekend") == 1
    err = capsys.readouterr().err
    assert "Er is geen meedenker met de sleutel 'onbekend' in het netwerk." in err
    assert "Er is geen account gemaakt." in err and "Traceback" not in err
    assert _users(database) == {}


def test_a_meedenker_account_with_a_known_sleutel_is_made_and_listed(database, monkeypatch, capsys):
    assert _add(monkeypatch, "xavier", "--rol", "meedenker", "--meedenker", "VML-Anna", "--naam", "Anna de Vries",
                "--email", "Anna@VML.example") == 0
    assert "Account 'xavier' (Meedenker) is gemaakt." in capsys.readouterr().out
    user = _users(database)["xavier"]
    assert (user.rol, user.meedenker_sleutel, user.email, user.naam) == ("meedenker", "vml-anna", "Anna@vml.example",
                                                                         "Anna de Vries")
    assert cli.main(["users", "lijst"]) == 0
    assert "xavier\tMeedenker\tactief\tAnna de Vries" in capsys.readouterr().out.splitlines()


def test_a_meedenker_account_needs_a_sleutel(database, monkeypatch, capsys):
    assert _add(monkeypatch, "xavier", "--rol", "meedenker") == 1
    assert "geef zijn sleutel uit het netwerkbestand mee met --meedenker" in capsys.readouterr().err
    assert _users(database) == {}


@pytest.mark.parametrize("rol", ["coordinator", "beleid"])
def test_another_role_with_a_meedenker_is_refused(database, monkeypatch, capsys, rol):
    assert _add(monkeypatch, "xavier", "--rol", rol, "--meedenker", "vml-anna") == 1
    err = capsys.readouterr().err
    assert "Alleen een account met de rol 'meedenker' hoort bij een meedenker." in err
    assert "Er is geen account gemaakt." in err
    assert _users(database) == {}


def test_a_bad_email_address_is_refused(database, monkeypatch, capsys):
    assert _add(monkeypatch, "xavier", "--rol", "meedenker", "--meedenker", "vml-anna", "--email", "anna@") == 1
    assert "'anna@' is geen geldig e-mailadres" in capsys.readouterr().err
    assert _users(database) == {}


# --- bot meedenkers import with the account column ------------------------------------------------------

def test_an_unknown_account_imports_nothing_and_names_file_line_and_column(database, tmp_path, capsys):
    before = _sleutels(database)
    path = _csv(tmp_path, ("noor", ""), ("bram", "onbekend"))
    assert cli.main(["meedenkers", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, regel 3, kolom 'account': er is geen account 'onbekend'" in err
    assert "bot users add onbekend --rol meedenker --meedenker bram" in err
    assert "Niets ingelezen: 1 probleem/problemen gevonden." in err and "Traceback" not in err
    assert _sleutels(database) == before and "noor" not in before


@pytest.mark.parametrize("rol", ["coordinator", "beleid"])
def test_an_account_of_another_role_is_refused(database, tmp_path, capsys, rol):
    _maak(database, "carla", rol)
    before = _sleutels(database)
    path = _csv(tmp_path, ("noor", "carla"))
    assert cli.main(["meedenkers", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, regel 2, kolom 'account': account 'carla' heeft de rol '{rol}', niet 'meedenker'" in err
    assert _sleutels(database) == before
    assert _users(database)["carla"].meedenker_sleutel is None


def test_an_existing_meedenker_account_is_linked(database, tmp_path, capsys):
    _maak(database, "noor.b", "meedenker", "vml-anna")
    _maak(database, "anna", "meedenker", "vml-anna")
    path = _csv(tmp_path, ("noor", "Noor.B"), ("bram", ""), ("sara", ""))
    assert cli.main(["meedenkers", "import", str(path)]) == 0
    assert "3 meedenkers van 2 organisaties ingelezen" in capsys.readouterr().out
    assert _sleutels(database) == ["bram", "noor", "sara"]
    users = _users(database)
    assert users["noor.b"].meedenker_sleutel == "noor"
    assert users["anna"].meedenker_sleutel == "vml-anna"  # not named in the file: left as it was


def test_two_rows_naming_the_same_account_are_refused_with_both_lines(database, tmp_path, capsys):
    _maak(database, "noor.b", "meedenker", "vml-anna")
    before = _sleutels(database)
    path = _csv(tmp_path, ("noor", "noor.b"), ("bram", ""), ("sara", "noor.b"))
    assert cli.main(["meedenkers", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, regel 4, kolom 'account': account 'noor.b' staat al bij een andere meedenker (regel 2)" in err
    assert _sleutels(database) == before
    assert _users(database)["noor.b"].meedenker_sleutel == "vml-anna"


def test_a_file_without_the_account_column_still_imports(database, tmp_path, capsys):
    _maak(database, "anna", "meedenker", "vml-anna")
    path = _csv(tmp_path, ("noor", ""), ("bram", ""), account=False)
    assert cli.main(["meedenkers", "import", str(path)]) == 0
    assert "2 meedenkers van 2 organisaties ingelezen" in capsys.readouterr().out
    assert _sleutels(database) == ["bram", "noor"]
    assert _users(database)["anna"].meedenker_sleutel == "vml-anna"


def test_an_account_column_left_empty_links_nobody(database, tmp_path, capsys):
    _maak(database, "anna", "meedenker", "vml-anna")
    path = _csv(tmp_path, ("noor", ""), ("bram", ""))
    assert cli.main(["meedenkers", "import", str(path)]) == 0
    assert _users(database)["anna"].meedenker_sleutel == "vml-anna"


def test_the_export_names_the_linked_account_and_reads_back_with_the_link(database, tmp_path, monkeypatch):
    assert _add(monkeypatch, "anna", "--rol", "meedenker", "--meedenker", "vml-anna") == 0
    path = tmp_path / "export.csv"
    assert cli.main(["meedenkers", "export", str(path)]) == 0
    rows = {line.split(",")[0]: line for line in path.read_text(encoding="utf-8").splitlines()[1:]}
    assert rows["vml-anna"].endswith(",anna") and rows["vml-youssef"].endswith(",")
    with db.session_factory(database)() as session, session.begin():
        session.scalars(select(Gebruiker).where(Gebruiker.gebruikersnaam == "anna")).one().meedenker_sleutel = None
    assert cli.main(["meedenkers", "import", str(path)]) == 0  # the exported file links anna again
    assert _users(database)["anna"].meedenker_sleutel == "vml-anna"
