import os
import stat

import pytest

from bot.geheimen import FILES, geheim


@pytest.mark.parametrize("naam", sorted(FILES))
def test_a_generated_secret_is_private_and_reused(tmp_path, naam):
    key = geheim("", naam, tmp_path)
    path = tmp_path / FILES[naam]
    assert len(key) >= 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert geheim("", naam, tmp_path) == key  # a restart keeps sessions and conversations going


def test_a_configured_secret_wins_and_writes_no_file(tmp_path):
    assert geheim("een-geheim-uit-de-omgeving-van-voldoende-lengte", "ACTION_GEHEIM", tmp_path) == \
        "een-geheim-uit-de-omgeving-van-voldoende-lengte"
    assert not any(tmp_path.iterdir())


def test_a_short_configured_secret_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="ACTION_GEHEIM moet minstens 32 tekens"):
        geheim("kort", "ACTION_GEHEIM", tmp_path)
