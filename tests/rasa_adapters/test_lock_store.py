"""The atomic Redis lock store on the local Redis: two stores (two Rasa servers) never hold one
conversation's lock at the same time, also when both ask at the very same moment."""
import asyncio
import time
import uuid

import pytest
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_adapters.lock_store import AtomicRedisLockStore


@pytest.fixture
def stores():
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"Redis op 127.0.0.1:6379 is nodig voor het productieprofiel: {exc}")
    config = EndpointConfig(url="127.0.0.1", type="bot.rasa_adapters.lock_store.AtomicRedisLockStore", port=6379, db=3,
                            key_prefix="locktest")
    return AtomicRedisLockStore(endpoint_config=config), AtomicRedisLockStore(endpoint_config=config)


def test_two_servers_taking_one_conversation_at_the_same_moment_take_turns(stores):
    conversation = f"c-{uuid.uuid4().hex}"
    spans = []

    async def turn(store):
        async with store.lock(conversation):
            start = time.monotonic()
            await asyncio.sleep(0.2)
            spans.append((start, time.monotonic()))

    async def both():
        await asyncio.gather(*(turn(store) for store in stores * 3))

    asyncio.run(both())
    spans.sort()
    assert len(spans) == 6
    assert all(later[0] >= earlier[1] for earlier, later in zip(spans, spans[1:]))  # never overlapping


def test_other_conversations_are_not_held_up(stores):
    async def timed():
        start = time.monotonic()

        async def turn(store, conversation):
            async with store.lock(conversation):
                await asyncio.sleep(0.3)

        await asyncio.gather(*(turn(s, f"c-{uuid.uuid4().hex}") for s in stores * 2))
        return time.monotonic() - start

    assert asyncio.run(timed()) < 0.9  # four conversations in parallel, not 4 x 0.3 s
