"""What each kind of client hears when something happens in a room.

Our client (it holds a seat token) hears our events only. A classic client sends the
same `create or join` whether it is the Google codelab's page or the freeCodeCamp
demo's, so it hears both classic dialects and ignores the one it does not listen
for. Refusals come before the server knows who is asking: they go out in all three.
"""

from __future__ import annotations

from socketio import AsyncServer

from signaling.rooms import (
    NOT_IN_ROOM,
    ROOM_FULL,
    JoinOutcome,
    JoinResult,
    LeaveOutcome,
    SignalingError,
)

# The freeCodeCamp reference server's own words: its page shows them as they are.
FREECODECAMP_FULL = "Could not join room. It's full!"
FREECODECAMP_NOT_IN_ROOM = "You don't belong to this room kid!"
FREECODECAMP_NEWCOMER = "Hi there people!"
BYE = "bye"


def freecodecamp_joined(room_name: str) -> str:
    """The `joined room` text, the same for the first person and the second."""
    return f"You have successfully joined {room_name}!"


class Announcer:
    """Turns registry outcomes into Socket.IO emits."""

    def __init__(self, sio: AsyncServer) -> None:
        self.sio = sio

    async def seated(self, outcome: JoinOutcome) -> None:
        """Tell the newcomer, and on a real arrival who waits, what happened.

        Our client learns its own seat from the ack, so it is told nothing here.
        """
        sid, name, peer = outcome.sid, outcome.room.name, outcome.peer_sid
        classic = outcome.seat_token is None
        if outcome.returned:
            if peer is not None and outcome.peer_holds_token:
                await self.sio.emit("peer-returned", {"room": name}, to=peer)
            return
        if outcome.result is JoinResult.CREATED:
            if classic:
                await self.sio.emit("created", (name, sid), to=sid)
                await self.sio.emit(
                    "joined room",
                    {"initiator": True, "data": freecodecamp_joined(name)},
                    to=sid,
                )
            return
        tell_peer = peer is not None and not outcome.is_repeat
        classic_peer = tell_peer and not outcome.peer_holds_token
        if tell_peer and not classic_peer:
            await self.sio.emit("peer-joined", {"room": name}, to=peer)
        if classic_peer:
            await self.sio.emit("join", name, to=peer)
            await self.sio.emit("newcomer", FREECODECAMP_NEWCOMER, to=peer)
        if classic:
            await self.sio.emit("joined", (name, sid), to=sid)
            await self.sio.emit(
                "joined room",
                {"initiator": False, "data": freecodecamp_joined(name)},
                to=sid,
            )
            await self.sio.emit("ready", to=sid)
        if classic_peer:
            await self.sio.emit("ready", to=peer)

    async def left(self, outcome: LeaveOutcome) -> None:
        """Tell whoever stays that the other person is gone and the room is theirs,
        or, while the seat is held (our client only), that they are reconnecting.

        The codelab client hangs up on 'bye' and forgets it was first; 'created' makes
        it the initiator again so that the next newcomer gets an offer. The
        freeCodeCamp demo has no event for this.
        """
        remaining, name = outcome.remaining_sid, outcome.room.name
        if remaining is None:
            return
        if outcome.remaining_holds_token:
            event = "peer-reconnecting" if outcome.held else "peer-left"
            await self.sio.emit(event, {"room": name}, to=remaining)
        elif not outcome.held:
            await self.sio.emit("message", BYE, to=remaining)
            await self.sio.emit("created", (name, remaining), to=remaining)

    async def refused(
        self, sid: str, error: SignalingError, room_name: str = ""
    ) -> None:
        """Every refusal: our coded event, the freeCodeCamp text, codelab's 'full'."""
        await self.sio.emit(
            "signaling-error", {"code": error.code, "message": error.message}, to=sid
        )
        if error.code == ROOM_FULL:
            await self.sio.emit("full", room_name, to=sid)
        text = FREECODECAMP_TEXTS.get(error.code, error.message)
        await self.sio.emit("errorMessage", text, to=sid)


FREECODECAMP_TEXTS = {
    ROOM_FULL: FREECODECAMP_FULL,
    NOT_IN_ROOM: FREECODECAMP_NOT_IN_ROOM,
}
