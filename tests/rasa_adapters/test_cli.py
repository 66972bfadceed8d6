"""Rasa's own checks: training data validation and the end-to-end test stories."""
import subprocess

import pytest

from bot.config import PROJECT_ROOT
from bot.rasa_adapters.cli import COMMAND as RASA  # Rasa without telemetry
from bot.runtime.launcher import MODEL_PATH

pytestmark = pytest.mark.e2e  # a real process, browser or Rasa command: not in the fast lane


def test_rasa_data_validate():
    result = subprocess.run([*RASA, "data", "validate", "--quiet"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_rasa_end_to_end_test_stories(tmp_path):
    result = subprocess.run(
        [*RASA, "test", "core", "--model", str(MODEL_PATH), "--stories", "tests/rasa_adapters/stories.yml",
         "--out", str(tmp_path), "--fail-on-prediction-errors", "--no-plot"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900)
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, detail or (result.stdout[-4000:] + result.stderr[-4000:])
