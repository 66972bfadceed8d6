"""deduce loads from our own small cache: built in seconds, never deduce's two-minute full build."""
import logging
import subprocess
import sys
import time

import pytest

from bot.privacy.anonimiseren.deduce_model import NAME_LISTS, build_cache, cache_file, load_deduce


@pytest.mark.e2e  # builds deduce's cache from scratch, as `make setup` does
def test_cache_holds_only_the_name_lookups_and_builds_in_seconds(tmp_path):
    start = time.perf_counter()
    build_cache(tmp_path)
    assert time.perf_counter() - start < 60  # deduce's own full build takes about two minutes
    assert cache_file(tmp_path).stat().st_size < 20_000_000  # the full cache is about 77 MB
    model = load_deduce(tmp_path)
    names = set(dict(model.lookup_structs.items()))
    assert "street" not in names and "healthcare_institution" not in names
    assert {"first_name", "surname", "whitelist"} <= names
    assert len(NAME_LISTS) == len({path.split("/")[-1] for path in NAME_LISTS})


@pytest.mark.e2e  # builds deduce's cache from scratch
def test_missing_cache_is_built_on_load(tmp_path):
    model = load_deduce(tmp_path / "nieuw")
    assert cache_file(tmp_path / "nieuw").exists()
    assert model.deidentify("Ik ben Jan Jansen").annotations


def test_importing_deduce_leaves_logging_alone():
    """deduce calls logging.basicConfig(stream=sys.stdout, level=DEBUG) on import; a fresh process shows it."""
    code = ("import logging; from bot.privacy.anonimiseren.deduce_model import import_deduce; import_deduce(); "
            "root = logging.getLogger(); print(len(root.handlers), root.level)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["0", str(logging.WARNING)]
