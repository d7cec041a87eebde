"""How rooms appear in logs (a short stable tag, never the name) and in Socket.IO
(a prefixed room, apart from the rooms named after connection ids)."""

from __future__ import annotations

import hashlib


def room_tag(key: str) -> str:
    """A short stable tag for logs, so room names never appear in clear."""
    return hashlib.blake2s(key.encode(), digest_size=4).hexdigest()


# Socket.IO puts every connection in a room named after its sid: a room key of
# ours must never be able to name one of those (issue 12, item 11).
SOCKETIO_ROOM_PREFIX = "room:"


def socketio_room(key: str) -> str:
    """The Socket.IO room the members of the room `key` are in."""
    return SOCKETIO_ROOM_PREFIX + key
