import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def warm():
    """deduce and the word lists, loaded once for the whole session."""
    from bot.anonimiseren import warm_up

    warm_up()


@pytest.fixture(scope="session")
def evaluation():
    """scripts/anonimiser_eval.py as a module: the tests assert on the figures it reports."""
    spec = importlib.util.spec_from_file_location("anonimiser_eval", ROOT / "scripts" / "anonimiser_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["anonimiser_eval"] = module
    spec.loader.exec_module(module)
    return module
