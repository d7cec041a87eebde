"""The rolling restart of bench/recovery.py: two server processes on one Redis
behind nginx running docs/deploy/nginx.conf (as tests/rolling.py starts them),
restarted one after the other as a deploy does."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from tests.redis_server import RedisServer
from tests.rolling import RollingDeployment


@contextlib.asynccontextmanager
async def behind_nginx() -> AsyncIterator[RollingDeployment]:
    """Redis, two processes and nginx, on loopback; all stopped on the way out."""
    with tempfile.TemporaryDirectory(prefix="recovery-rolling-") as name:
        workdir = Path(name)
        redis = await asyncio.to_thread(RedisServer, workdir)
        deployment = RollingDeployment(workdir, redis.url)
        try:
            await asyncio.to_thread(deployment.start)
            yield deployment
        finally:
            await asyncio.to_thread(deployment.stop)
            await asyncio.to_thread(redis.stop)


async def restart_one_after_the_other(deployment: RollingDeployment) -> None:
    """SIGTERM each process, start it again and wait until it is ready, in turn."""
    for node in deployment.nodes:
        await asyncio.to_thread(deployment.terminate, node)
        await asyncio.to_thread(deployment.bring_back, node)
