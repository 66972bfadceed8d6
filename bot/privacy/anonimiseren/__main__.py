"""`python -m bot.privacy.anonimiseren [--warm]`: anonymise standard input, or build deduce's cache (make setup)."""
import argparse
import sys

from bot.privacy.anonimiseren import _warm_command, main

parser = argparse.ArgumentParser(prog="python -m bot.privacy.anonimiseren",
                                 description="Persoonsgegevens in chatberichten vervangen door labels.")
parser.add_argument("--warm", action="store_true", help="bouw de cache van deduce (bij de installatie)")
args = parser.parse_args()
sys.exit(_warm_command() if args.warm else main())
