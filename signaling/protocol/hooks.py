"""What the handlers tell an observer (the metrics), given to `Signaling` when it
is built, so that nothing has to be set before `register`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

Ack = dict[str, Any] | None
Handler = Callable[..., Awaitable[Ack]]


class Hooks(Protocol):
    def wrap(self, event: str, handler: Handler) -> Handler:
        """The handler for the wire event `event`, instrumented."""
        ...

    def count_reconnect(self) -> None:
        """Someone reclaimed their held seat."""
        ...

    def count_relay(self, event: str, size: int) -> None:
        """A message of `size` bytes was relayed (by a handler or the transport)."""
        ...


class NoHooks:
    """Observes nothing."""

    def wrap(self, event: str, handler: Handler) -> Handler:
        return handler

    def count_reconnect(self) -> None:
        pass

    def count_relay(self, event: str, size: int) -> None:
        pass
