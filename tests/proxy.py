"""A loopback TCP proxy in front of several server processes, as a load balancer:
each new connection goes to the preferred one, or to the next that accepts."""

from __future__ import annotations

import asyncio
import contextlib


class LoopbackProxy:
    """Listens on 127.0.0.1; `prefer(n)` picks where new connections go first."""

    def __init__(self, target_ports: list[int]) -> None:
        self.target_ports = target_ports
        self.preferred = 0
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def prefer(self, index: int) -> None:
        self.preferred = index

    async def start(self) -> None:
        """Listen: on a new port the first time, on the same one when started again."""
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        """Stop listening and cut every connection through it, both ways."""
        if self._server is not None:
            self._server.close()
        for pipe in list(self._pipes):
            pipe.cancel()
        for pipe in list(self._pipes):
            with contextlib.suppress(asyncio.CancelledError):
                await pipe
        if self._server is not None:
            await self._server.wait_closed()

    async def _accept(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        order = (
            self.target_ports[self.preferred :] + self.target_ports[: self.preferred]
        )
        for port in order:
            try:
                upstream = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                continue  # that process is gone: the next one
            self._pipe(reader, upstream[1])
            self._pipe(upstream[0], writer)
            return
        writer.close()

    def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def copy() -> None:
            try:
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            except (OSError, asyncio.IncompleteReadError):
                pass
            finally:
                writer.close()

        task = asyncio.ensure_future(copy())
        self._pipes.add(task)
        task.add_done_callback(self._pipes.discard)
