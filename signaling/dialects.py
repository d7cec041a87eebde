"""What each kind of client hears when something happens in a room.

One registry outcome becomes the events of both classic dialects (the Google codelab's
and the freeCodeCamp demo's) plus our own. Every client ignores events it does not
listen for, so sending all of them keeps the server free of per-client guessing.
"""

from __future__ import annotations

from socketio import AsyncServer

from .errors import ROOM_FULL, SignalingError
from .rooms import JoinOutcome, JoinResult, LeaveOutcome

FREECODECAMP_FULL = "Could not join room. It's full!"
BYE = "bye"


class Announcer:
    """Turns registry outcomes into Socket.IO emits."""

    def __init__(self, sio: AsyncServer) -> None:
        self.sio = sio

    async def seated(self, outcome: JoinOutcome) -> None:
        """Tell the newcomer, and on a real arrival who waits, what happened."""
        sid, name = outcome.sid, outcome.room.name
        if outcome.returned:
            if outcome.peer_sid is not None:
                await self.sio.emit(
                    "peer-returned", {"room": name}, to=outcome.peer_sid
                )
            return
        if outcome.result is JoinResult.CREATED:
            await self.sio.emit("created", (name, sid), to=sid)
            await self.sio.emit(
                "joined room",
                {"initiator": True, "data": f"Created room {name}"},
                to=sid,
            )
            return
        peer = outcome.peer_sid
        if peer is not None and not outcome.is_repeat:
            await self.sio.emit("join", name, to=peer)
            await self.sio.emit("newcomer", f"Someone joined room {name}", to=peer)
            await self.sio.emit("peer-joined", {"room": name}, to=peer)
        await self.sio.emit("joined", (name, sid), to=sid)
        await self.sio.emit(
            "joined room", {"initiator": False, "data": f"Joined room {name}"}, to=sid
        )
        await self.sio.emit("ready", to=sid)
        if peer is not None and not outcome.is_repeat:
            await self.sio.emit("ready", to=peer)

    async def left(self, outcome: LeaveOutcome) -> None:
        """Tell whoever stays that the other person is gone and the room is theirs,
        or, while the seat is held, that the other person is reconnecting.

        The codelab client hangs up on 'bye' and forgets it was first; 'created' makes
        it the initiator again so that the next newcomer gets an offer.
        """
        remaining = outcome.remaining_sid
        if remaining is None:
            return
        if outcome.held:
            await self.sio.emit(
                "peer-reconnecting", {"room": outcome.room.name}, to=remaining
            )
            return
        await self.sio.emit("message", BYE, to=remaining)
        await self.sio.emit("peer-left", {"room": outcome.room.name}, to=remaining)
        await self.sio.emit("created", (outcome.room.name, remaining), to=remaining)

    async def refused(
        self, sid: str, error: SignalingError, room_name: str = ""
    ) -> None:
        """Every refusal: our coded event, the freeCodeCamp text, codelab's 'full'."""
        await self.sio.emit(
            "signaling-error", {"code": error.code, "message": error.message}, to=sid
        )
        if error.code == ROOM_FULL:
            await self.sio.emit("full", room_name, to=sid)
            await self.sio.emit("errorMessage", FREECODECAMP_FULL, to=sid)
        else:
            await self.sio.emit("errorMessage", error.message, to=sid)
