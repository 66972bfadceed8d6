"""A fast subset of the simulated inwoners of `make dialogues` (scripts/dialogen.py) through the real Rasa and action
servers: every fifth persona of the tuned part (the held-out fifth is never played here, so a failing test may show
its conversation). Each must end right; the subset's three figures are printed."""
from __future__ import annotations

import importlib.util
import statistics
import sys

import pytest

from bot.config import PROJECT_ROOT

pytestmark = pytest.mark.e2e

_spec = importlib.util.spec_from_file_location("dialogen", PROJECT_ROOT / "scripts" / "dialogen.py")
dialogen = importlib.util.module_from_spec(_spec)
sys.modules["dialogen"] = dialogen  # dataclasses look their module up
_spec.loader.exec_module(dialogen)

SUBSET = [(i, p) for i, p in enumerate(dialogen.load_personas()) if not dialogen.held_out(i) and i % 5 == 0]


@pytest.fixture(scope="module")
def uitslagen(bot_stack):
    return {u.id: u for u in dialogen.speel_alles(bot_stack.webhook_url, bot_stack.settings, SUBSET)}


@pytest.mark.parametrize("persona", [p["id"] for _, p in SUBSET])
def test_the_simulated_inwoner_ends_right(uitslagen, persona):
    uitslag = uitslagen[persona]
    gesprek = "\n".join(f"  {wie:7} {tekst[:200]}" for wie, tekst in uitslag.gesprek)
    assert uitslag.geslaagd, f"{', '.join(uitslag.redenen)}\n{gesprek}"


def test_the_subset_figures(uitslagen, capsys):
    c = dialogen.cijfers(list(uitslagen.values()))
    with capsys.disabled():
        print(f"\ndialogen (deelverzameling): {c['personas']} persona's, geslaagd {c['geslaagd']:.0%}, zonder "
              f"misverstand {c['zonder_misverstand']:.0%}, mediaan berichten tot de keuze "
              f"{c['mediaan_berichten_tot_keuze']}")
    assert c["personas"] == len(SUBSET) >= 12
    steps = [u.berichten_tot_keuze for u in uitslagen.values() if u.berichten_tot_keuze is not None]
    assert statistics.median(steps) <= 6
