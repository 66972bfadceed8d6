"""The `bot` command: run the stack, chat in the terminal, manage data."""
from __future__ import annotations

import argparse
import signal
import sys
import time

from bot.config import PROJECT_ROOT, load_settings


def _serve(args: argparse.Namespace) -> int:
    from bot.launcher import Stack

    settings = load_settings()
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description="Intakebot cliëntondersteuning")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start de Rasa-server en de actieserver")
    serve.set_defaults(func=_serve)
    chat = sub.add_parser("chat", help="chat in de terminal met de draaiende bot")
    chat.add_argument("--url", help="REST-webhook van de bot")
    chat.set_defaults(func=_chat)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
