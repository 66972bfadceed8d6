import socket

import pytest

from bot.config import load_settings
from bot.runtime.launcher import Stack, port_in_use


def test_a_busy_port_is_refused_with_a_clear_message(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert port_in_use(port)
        settings = load_settings(environ={"RASA_PORT": str(port)})
        with pytest.raises(RuntimeError, match=f"poort {port} is al in gebruik"):
            Stack(settings=settings, log_dir=tmp_path).start()
    assert not port_in_use(port)
