"""Room names: what a valid name is, and the key two spellings of one room share.
Pure: no I/O."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import NAME_INVALID, NAME_REQUIRED, ROOM_FULL, SignalingError

MAX_ROOM_NAME_LENGTH = 64

# Whitespace we trim and collapse; every other control or format character is refused.
_WHITESPACE_RUN = re.compile(
    r"[\t\n\r\f\v \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Cn"}
_ALLOWED_FORMAT_CHARACTERS = {"\u200d"}  # zero-width joiner: part of many emoji


@dataclass(frozen=True)
class RoomName:
    """A valid room name: `name` as typed (trimmed), `key` for matching."""

    name: str
    key: str


def parse_room_name(raw: object) -> RoomName:
    """Check and normalise a room name, or raise SignalingError saying what to fix."""
    if not isinstance(raw, str):
        raise SignalingError(NAME_INVALID, "The room name must be text.")
    # Bound the work before normalising: a huge string is refused, not processed.
    if len(raw) > MAX_ROOM_NAME_LENGTH * 4:
        raise _too_long()
    name = _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", raw)).strip()
    if not name:
        raise SignalingError(NAME_REQUIRED, "Type a name for the room.")
    if len(name) > MAX_ROOM_NAME_LENGTH:
        raise _too_long()
    for character in name:
        if (
            unicodedata.category(character) in _REFUSED_CATEGORIES
            and character not in _ALLOWED_FORMAT_CHARACTERS
        ):
            raise SignalingError(
                NAME_INVALID,
                "Room names cannot contain control characters. "
                "Use letters, digits, spaces or punctuation.",
            )
    key = unicodedata.normalize("NFC", name.casefold())
    return RoomName(name=name, key=key)


def room_full_error(room: RoomName) -> SignalingError:
    return SignalingError(
        ROOM_FULL, f"Room “{room.name}” already has two people. Pick another name."
    )


def _too_long() -> SignalingError:
    return SignalingError(
        NAME_INVALID,
        f"Room names can be at most {MAX_ROOM_NAME_LENGTH} characters. "
        "Pick a shorter name.",
    )
