
import pytest
from dotenv import dotenv_values

from bot.config import DEFAULTS, PROJECT_ROOT, load_settings


def test_env_example_documents_every_setting_with_its_default():
    example = dotenv_values(PROJECT_ROOT / ".env.example")
    assert example == DEFAULTS


def test_defaults_need_no_servers(tmp_path):
    settings = load_settings(env_file=tmp_path / "missing.env", environ={})
    assert settings.database_url.startswith("sqlite:///")
    assert settings.tracker_store_url.startswith("sqlite:///")
    assert str(PROJECT_ROOT / "var") in settings.database_url


def test_env_file_and_environment_override_defaults(tmp_path):
    env = tmp_path / ".env"
    env.write_text("GEMEENTE_NAAM=Zeestad\nRASA_PORT=6000\n")
    settings = load_settings(env_file=env, environ={"RASA_PORT": "7000"})
    assert settings.gemeente_naam == "Zeestad"
    assert settings.rasa_port == 7000


def test_a_bad_number_is_a_clear_error(tmp_path):
    env = tmp_path / ".env"
    env.write_text("ACTION_PORT=vijf\n")
    with pytest.raises(SystemExit, match="ACTION_PORT"):
        load_settings(env_file=env, environ={})
