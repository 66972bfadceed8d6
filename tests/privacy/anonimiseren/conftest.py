import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def warm():
    """deduce and the word lists, loaded once for the whole session."""
    from bot.privacy.anonimiseren import warm_up

    warm_up()


@pytest.fixture(scope="session")
def evaluation():
    """scripts/anonimiseren_eval.py as a module: the tests assert on the figures it reports."""
    spec = importlib.util.spec_from_file_location("anonimiseren_eval", ROOT / "scripts" / "anonimiseren_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["anonimiseren_eval"] = module
    spec.loader.exec_module(module)
    return module
