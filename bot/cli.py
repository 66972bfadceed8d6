"""The `bot` command: run the stack, chat in the terminal, manage data."""
from __future__ import annotations

import argparse
import signal
import sys
import time

from bot.config import PROJECT_ROOT, load_settings


def _serve(args: argparse.Namespace) -> int:
    from bot.launcher import Stack

    from bot import db, netwerk

    settings = load_settings()
    db.upgrade(settings.database_url)
    loaded = netwerk.load_demo_if_empty(db.session_factory(settings.database_url), settings.wijken)
    if loaded:
        print(f"Het netwerk was leeg: {loaded} demo-meedenkers ingelezen uit {netwerk.DEMO_FILE.name}.")
    stack = Stack(settings=settings, log_dir=PROJECT_ROOT / "var" / "log")
    print("De bot start (Rasa-server en actieserver); dit duurt ongeveer een halve minuut...", flush=True)
    try:
        stack.start()
    except (RuntimeError, SystemExit) as exc:
        print(f"Starten mislukt: {exc}", file=sys.stderr)
        return 1
    print(
        "\nDe bot draait.\n"
        f"  Chatten in de terminal:  make chat   (in een tweede terminal)\n"
        f"  REST-kanaal:             POST {stack.webhook_url}\n"
        f"                           body: {{\"sender\": \"u\", \"message\": \"hallo\"}}\n"
        f"  Logboeken:               {stack.log_dir}\n"
        "Stoppen: Ctrl-C.", flush=True)
    stopping = []

    def stop(*_):
        stopping.append(True)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping:
            for proc in stack.processes:
                if proc.poll() is not None:
                    print(f"{proc.name} is gestopt (code {proc.returncode}); alles wordt gestopt.", file=sys.stderr)
                    stopping.append(True)
            time.sleep(1)
    finally:
        print("\nStoppen...", flush=True)
        stack.stop()
    return 0


def _chat(args: argparse.Namespace) -> int:
    from bot.chat import run_terminal_chat

    settings = load_settings()
    run_terminal_chat(args.url or f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook")
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from bot import db

    db.upgrade()
    print("Database is bijgewerkt.")
    return 0


def _meedenkers_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot import db, netwerk

    settings = load_settings()
    db.upgrade()
    with db.new_session() as session:
        if args.alleen_als_leeg and netwerk.network_size(session) > 0:
            print("Het netwerk bevat al meedenkers; er is niets ingelezen.")
            return 0
    try:
        records = netwerk.read_file(Path(args.bestand), settings.wijken)
    except netwerk.ImportRejected as rejected:
        for problem in rejected.problems:
            print(problem, file=sys.stderr)
        print(f"\nNiets ingelezen: {len(rejected.problems)} probleem/problemen gevonden. "
              "Verbeter het bestand en probeer het opnieuw.", file=sys.stderr)
        return 1
    with db.new_session() as session, session.begin():
        netwerk.replace_network(session, records)
    organisaties = len({r.organisatie for r in records})
    print(f"{len(records)} meedenkers van {organisaties} organisaties ingelezen uit {args.bestand}.")
    return 0


def _meedenkers_export(args: argparse.Namespace) -> int:
    from bot import db, netwerk

    db.upgrade()
    with db.new_session() as session:
        records = netwerk.load_network(session)
    if args.bestand:
        with open(args.bestand, "w", encoding="utf-8", newline="") as out:
            netwerk.write_csv(records, out)
        print(f"{len(records)} meedenkers geschreven naar {args.bestand}.", file=sys.stderr)
    else:
        netwerk.write_csv(records, sys.stdout)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description="Intakebot cliëntondersteuning")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start de Rasa-server en de actieserver")
    serve.set_defaults(func=_serve)
    chat = sub.add_parser("chat", help="chat in de terminal met de draaiende bot")
    chat.add_argument("--url", help="REST-webhook van de bot")
    chat.set_defaults(func=_chat)

    database = sub.add_parser("db", help="database").add_subparsers(dest="db_command", required=True)
    database.add_parser("upgrade", help="schema bijwerken (Alembic-migraties)").set_defaults(func=_db_upgrade)

    meedenkers = sub.add_parser("meedenkers", help="het meedenkersnetwerk").add_subparsers(
        dest="meedenkers_command", required=True)
    imp = meedenkers.add_parser("import", help="netwerk inlezen uit een CSV-bestand (alles of niets)")
    imp.add_argument("bestand")
    imp.add_argument("--alleen-als-leeg", action="store_true", help="alleen als er nog geen meedenkers zijn")
    imp.set_defaults(func=_meedenkers_import)
    exp = meedenkers.add_parser("export", help="netwerk schrijven als CSV (zelfde formaat als import)")
    exp.add_argument("bestand", nargs="?", help="bestand; zonder bestand naar standaarduitvoer")
    exp.set_defaults(func=_meedenkers_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
