"""A request for an Engine.IO session that has just closed gets engine.io's own
"Invalid session" answer (400), in both modes.

engine.io keeps a closed polling session in its table until something looks it up,
and a POST to it then raises `KeyError('Session is disconnected')` out of
`handle_request`: a 500 and an ERROR traceback in the log, for a client that sent a
CLOSE packet and then one more request (found by tests/protocol/test_fuzz.py).
"""

from __future__ import annotations

from typing import Any


def forget_closed_sessions(eio: Any) -> None:
    """Before engine.io sees a request, drop the closed session it names, so that
    engine.io answers it as an unknown one. Call before the server is attached."""
    handle_request = eio.handle_request

    async def handle(request: Any, *args: Any, **kwargs: Any) -> Any:
        sid = request.query.get("sid")
        if sid is not None:
            socket = eio.sockets.get(sid)
            if socket is not None and socket.closed:
                del eio.sockets[sid]
        return await handle_request(request, *args, **kwargs)

    eio.handle_request = handle
