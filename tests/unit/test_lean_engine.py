"""engine.io's new sockets become LeanSockets, and anything else fails loudly."""

import pytest
from engineio.async_socket import AsyncSocket

from signaling.transport.engine import UnexpectedSocketError, _make_lean
from signaling.transport.lean_socket import LeanSocket


class SomeOtherSocket(AsyncSocket):  # type: ignore[misc]
    """What a future python-engineio might make instead."""

    def __init__(self) -> None:
        pass


def test_the_stock_socket_becomes_a_lean_socket() -> None:
    socket = AsyncSocket.__new__(AsyncSocket)
    _make_lean(socket)
    assert type(socket) is LeanSocket


def test_a_socket_of_another_class_names_the_fix() -> None:
    with pytest.raises(UnexpectedSocketError, match="TRANSPORT=stock"):
        _make_lean(SomeOtherSocket())


def test_no_socket_at_all_fails_too() -> None:
    with pytest.raises(UnexpectedSocketError, match="re-audit signaling/transport"):
        _make_lean(None)
