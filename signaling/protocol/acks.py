"""What the handlers answer: the ack of a seat, the refusals they raise, and the
log line of a seat. No emits here."""

from __future__ import annotations

import logging
from typing import Any

from ..rooms import (
    NOT_IN_ROOM,
    ROOM_FULL,
    SERVER_ERROR,
    JoinOutcome,
    RoomName,
    SignalingError,
    parse_room_name,
)
from .tags import room_tag

logger = logging.getLogger("signaling.protocol.handlers")


SERVER_FAILURE = SignalingError(
    SERVER_ERROR, "Something went wrong on the server. Please try again."
)


def seated_ack(outcome: JoinOutcome) -> dict[str, Any]:
    ack: dict[str, Any] = {
        "ok": True,
        "result": outcome.result.value,
        "room": outcome.room.name,
        "seat": outcome.seat,
        "polite": outcome.polite,
        "returned": outcome.returned,
        "peer_held": outcome.is_peer_held,
    }
    if outcome.seat_token is not None:
        ack["seat_token"] = outcome.seat_token
    return ack


def log_seated(outcome: JoinOutcome) -> None:
    logger.info(
        "sid=%s room=%s %s seat=%d%s",
        outcome.sid,
        room_tag(outcome.room.key),
        outcome.result.value,
        outcome.seat,
        " returned" if outcome.returned else "",
    )


def not_in_room() -> SignalingError:
    return SignalingError(
        NOT_IN_ROOM, "Join a room first: messages only go to the other person in it."
    )


def seat_lost_error(room: RoomName) -> SignalingError:
    """Told to a connection whose seat the room store lost and two others took."""
    return SignalingError(
        ROOM_FULL,
        f"While the server was recovering, two other people took room “{room.name}”. "
        "Pick another name to call again.",
    )


def names_match(raw: object, key: str) -> bool:
    try:
        return parse_room_name(raw).key == key
    except SignalingError:
        return False
