"""The python-socketio client manager that carries emits through Redis when
REDIS_URL is set, and stopping it, which python-socketio never does."""

from __future__ import annotations

import asyncio
import importlib
from contextlib import suppress
from typing import Any

import socketio

from ..config import ConfigError, Settings

MISSING_REDIS = (
    "REDIS_URL is set but the redis package is not installed: pip install '.[redis]'"
)


def redis_asyncio() -> Any:
    """redis.asyncio, or a ConfigError saying how to install it."""
    try:
        return importlib.import_module("redis.asyncio")
    except ImportError:
        raise ConfigError(MISSING_REDIS) from None


def client_manager(settings: Settings) -> socketio.AsyncManager | None:
    """The Redis manager when REDIS_URL is set; None keeps the in-memory default."""
    if not settings.redis_url:
        return None
    redis_asyncio()
    # One channel per deployment: another one on the same Redis hears nothing.
    return socketio.AsyncRedisManager(
        settings.redis_url, channel=f"{settings.redis_prefix}:socketio"
    )


# How long a starting server waits for its Redis subscription before serving anyway.
SUBSCRIBE_SECONDS = 5.0


async def start_manager(sio: socketio.AsyncServer) -> None:
    """Subscribe to the channel before serving. python-socketio starts its listener
    on the first connection, and what other processes publish before the
    subscription is active never arrives (`manager_initialized`, `initialize` and
    redis-py's `PubSub.subscribed`: audited in the contract test)."""
    if not sio.manager_initialized:
        sio.manager_initialized = True
        sio.manager.initialize()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SUBSCRIBE_SECONDS
    while not getattr(getattr(sio.manager, "pubsub", None), "subscribed", False):
        if loop.time() > deadline:
            return  # Redis is slow or away: the listener keeps retrying
        await asyncio.sleep(0.02)


async def stop_manager(manager: Any) -> None:
    """python-socketio starts the listener on the first connection, never stops it
    (its `thread`, `pubsub` and `redis` attributes: audited in the contract test)."""
    listener = getattr(manager, "thread", None)
    if isinstance(listener, asyncio.Future) and not listener.done():
        listener.cancel()
        with suppress(asyncio.CancelledError):
            await listener
    if getattr(manager, "pubsub", None) is not None:
        await manager.pubsub.aclose()
    if getattr(manager, "redis", None) is not None:
        await manager.redis.aclose()
