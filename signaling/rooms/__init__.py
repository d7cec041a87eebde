"""Rooms of two, pure: name rules, the registry of seats, seat tokens and the refusal
codes. No I/O, no asyncio, no logging, no Socket.IO: plain values in, outcomes out."""

from .errors import (
    MESSAGE_INVALID,
    MESSAGE_TOO_LARGE,
    NAME_INVALID,
    NAME_REQUIRED,
    NOT_IN_ROOM,
    ROOM_FULL,
    SERVER_ERROR,
    SERVER_UNAVAILABLE,
    UNKNOWN_EVENT,
    SignalingError,
)
from .names import MAX_ROOM_NAME_LENGTH, RoomName, parse_room_name, room_full_error
from .outcomes import JoinOutcome, JoinResult, LeaveOutcome
from .registry import RoomRegistry
from .room import ROOM_CAPACITY
from .tokens import SeatTokens

__all__ = [
    "MAX_ROOM_NAME_LENGTH",
    "MESSAGE_INVALID",
    "MESSAGE_TOO_LARGE",
    "NAME_INVALID",
    "NAME_REQUIRED",
    "NOT_IN_ROOM",
    "ROOM_CAPACITY",
    "ROOM_FULL",
    "SERVER_ERROR",
    "SERVER_UNAVAILABLE",
    "UNKNOWN_EVENT",
    "JoinOutcome",
    "JoinResult",
    "LeaveOutcome",
    "RoomName",
    "RoomRegistry",
    "SeatTokens",
    "SignalingError",
    "parse_room_name",
    "room_full_error",
]
