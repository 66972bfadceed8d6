import os
import stat

from bot.werkplek.sleutel import geheime_sleutel

from .conftest import make_settings


def test_generated_key_is_kept_private_and_reused(tmp_path):
    settings = make_settings(tmp_path, WERKPLEK_GEHEIM="")
    path = tmp_path / "var" / "werkplek-geheim"
    key = geheime_sleutel(settings, path)
    assert len(key) >= 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert geheime_sleutel(settings, path) == key  # a restart keeps everyone signed in


def test_configured_key_wins_and_writes_no_file(tmp_path):
    settings = make_settings(tmp_path, WERKPLEK_GEHEIM="een-geheim-uit-de-omgeving-van-voldoende-lengte")
    path = tmp_path / "var" / "werkplek-geheim"
    assert geheime_sleutel(settings, path) == "een-geheim-uit-de-omgeving-van-voldoende-lengte"
    assert not path.exists()
