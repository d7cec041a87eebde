"""Refusal codes shared with the browser client, and the error that carries them.

The codes are part of the wire contract (docs/PROTOCOL.md): never rename one.
"""

NAME_REQUIRED = "name-required"
NAME_INVALID = "name-invalid"
ROOM_FULL = "room-full"
NOT_IN_ROOM = "not-in-room"
MESSAGE_INVALID = "message-invalid"
MESSAGE_TOO_LARGE = "message-too-large"
UNKNOWN_EVENT = "unknown-event"
SERVER_ERROR = "server-error"
SERVER_UNAVAILABLE = "server-unavailable"
# Abuse limits (docs/SECURITY.md): one client or address asked for too much.
TOO_MANY_CONNECTIONS = "too-many-connections"
TOO_MANY_CONNECTION_ATTEMPTS = "too-many-connection-attempts"
SERVER_FULL = "server-full"
TOO_MANY_JOINS = "too-many-joins"
TOO_MANY_MESSAGES = "too-many-messages"
TOO_MANY_ROOMS = "too-many-rooms"
TOO_MANY_SEATS = "too-many-seats"
TOO_MANY_REQUESTS = "too-many-requests"


class SignalingError(Exception):
    """A refusal the person can act on: a stable code and a sentence on what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_ack(self) -> dict[str, object]:
        return {"ok": False, "code": self.code, "message": self.message}
