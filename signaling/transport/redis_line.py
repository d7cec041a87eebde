"""One connection to Redis that the bus drives itself: redis-py opens it (TLS, a
password, the database: whatever REDIS_URL says), then the bus writes commands to
it directly and hiredis reads the replies. A loop pass's records cost one write,
and a received PUBLISH costs neither a task nor redis-py's per-reply machinery
(its pipeline and pub/sub layers cost more than the records they carry,
docs/PERFORMANCE.md). Its `_reader` and `_writer` are audited in contract.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..config.optional import hiredis, redis_asyncio

READ_SIZE = 1 << 16


class RedisLine:
    def __init__(self, pool: Any, connection: Any) -> None:
        self.pool = pool
        self.connection = connection
        self.reader: asyncio.StreamReader = connection._reader
        self.writer: asyncio.StreamWriter = connection._writer
        self.hiredis = hiredis()
        self.parser = self.hiredis.Reader()

    @classmethod
    async def open(cls, url: str, timeout: float) -> RedisLine:
        """Connect (and authenticate, and select the database) as redis-py does."""
        pool = redis_asyncio().ConnectionPool.from_url(
            url, socket_connect_timeout=timeout, socket_timeout=timeout
        )
        connection = pool.make_connection()
        try:
            await connection.connect()
        except BaseException:
            await pool.aclose()
            raise
        return cls(pool, connection)

    def send(self, *commands: tuple[bytes | str, ...]) -> None:
        """Write `commands` in one go; their replies come back in order (`replies`)."""
        pack = self.hiredis.pack_command
        packed = [pack(command) for command in commands]
        self.writer.write(packed[0] if len(packed) == 1 else b"".join(packed))

    async def replies(self) -> list[Any]:
        """The replies that have arrived, waiting for at least one. An error reply
        is a `hiredis.ReplyError` in the list, not raised."""
        parser = self.parser
        while True:
            replies = []
            while (reply := parser.gets()) is not False:
                replies.append(reply)
            if replies:
                return replies
            data = await self.reader.read(READ_SIZE)
            if not data:
                raise ConnectionError("Redis closed the connection")
            parser.feed(data)

    async def drain(self) -> None:
        """Wait while Redis reads more slowly than we write."""
        await self.writer.drain()

    async def close(self) -> None:
        try:
            await self.connection.disconnect()
        finally:
            await self.pool.aclose()
