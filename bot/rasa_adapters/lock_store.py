"""A Redis lock store whose lock is atomic.

Rasa's RedisLockStore reads, changes and writes its ticket lock as a whole; two Rasa servers that get two
turns of one conversation at the same moment can both create the lock, both get ticket 0 and both go on,
and then the tracker store keeps only one of the two turns (seen in tests/e2e/test_productie.py). This
store keeps Rasa's interface but takes redis-py's lock (SET NX with a token, released by a Lua script),
so one turn waits for the other, whichever server it reached.
Configured in the generated endpoints.yml as `type: bot.rasa_adapters.lock_store.AtomicRedisLockStore`.
"""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config=None, **kwargs):
        if endpoint_config is not None:  # how Rasa creates a lock store from a module path
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1):
        from redis.exceptions import LockError as RedisLockError

        redis_lock = self.red.lock(f"{self.key_prefix}atomic:{conversation_id}", timeout=lock_lifetime,
                                   sleep=0.05, thread_local=False)  # taken and released in worker threads
        acquired = await asyncio.to_thread(redis_lock.acquire, blocking=True, blocking_timeout=lock_lifetime)
        if not acquired:
            raise LockError(f"Could not acquire the lock for conversation '{conversation_id}'.")
        try:
            yield TicketLock(conversation_id)
        finally:
            try:
                await asyncio.to_thread(redis_lock.release)
            except RedisLockError:  # expired meanwhile: another turn may already hold it
                pass
