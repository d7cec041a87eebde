"""The library code the transport replaces or relies on, with a hash of its source
as audited, and the private attributes it touches (docs/INTERNALS.md says where and
why). tests/unit/test_library_contract.py fails, naming what to re-audit, when an
upgrade changes any of it. After re-auditing, refresh a hash with
`python -m signaling.transport.contract`.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from typing import NamedTuple

from .contract_redis import REDIS_AUDITED


class Audited(NamedTuple):
    target: str  # "module:Qualified.name"
    ours: str  # where we replace it or rely on it
    source_hash: str


# Audited on python-socketio 5.18.1, python-engineio 4.15.1, aiohttp 3.14.5.
AUDITED: tuple[Audited, ...] = (
    # engine.io's socket: LeanSocket replaces these ...
    Audited(
        "engineio.async_socket:AsyncSocket._websocket_handler",
        "lean_socket.py, upgrade.py",
        "27f120df4d717a24",
    ),
    Audited(
        "engineio.async_socket:AsyncSocket.send", "lean_socket.py", "0437276ccba7ab09"
    ),
    Audited(
        "engineio.async_socket:AsyncSocket.receive",
        "liveness.py, stock.py (probe)",
        "a91ae36ec2fb5340",
    ),
    Audited(
        "engineio.async_socket:AsyncSocket.schedule_ping",
        "liveness.py, heartbeat.py",
        "fe316639159cd70d",
    ),
    Audited(
        "engineio.async_socket:AsyncSocket.check_ping_timeout",
        "liveness.py",
        "77616d5ca7809257",
    ),
    # ... and relies on these as they are.
    Audited(
        "engineio.async_socket:AsyncSocket.close",
        "lean_socket.py, base.py (close_all)",
        "faa2e93902543244",
    ),
    Audited(
        "engineio.async_socket:AsyncSocket.poll",
        "stock.py (end_transport), sendqueue.py",
        "826f58a9f3606db2",
    ),
    Audited(
        "engineio.async_socket:AsyncSocket._upgrade_websocket",
        "websocket.py",
        "820b83efe96adb98",
    ),
    Audited(
        "engineio.async_socket:AsyncSocket.handle_post_request",
        "liveness.py (probe), environ.py (wsgi.input: the body already read)",
        "82dca119a261a959",
    ),
    Audited(
        "engineio.base_socket:BaseSocket.__init__",
        "lean_socket.py, sendqueue.py",
        "8532b631a4dc815f",
    ),
    # engine.io's server: LeanEngineServer.
    Audited(
        "engineio.async_server:AsyncServer.handle_request",
        "closed_sessions.py (a closed session raises KeyError on POST)",
        "1a8c878e35166cfe",
    ),
    Audited(
        "engineio.async_server:AsyncServer._handle_connect",
        "engine.py (_make_lean)",
        "5bd7edc1d1ae115a",
    ),
    Audited(
        "engineio.async_server:AsyncServer._trigger_event",
        "engine.py",
        "4a09b6e47eb66532",
    ),
    Audited(
        "engineio.async_server:AsyncServer.shutdown",
        "engine.py, base.py",
        "3f734c62c291d56a",
    ),
    Audited(
        "engineio.async_server:AsyncServer.create_queue",
        "engine.py, sendqueue.py",
        "5ff5673a0c017681",
    ),
    Audited(
        "engineio.async_drivers.aiohttp:translate_request",
        "environ.py",
        "20aa782740060790",
    ),
    Audited(
        "engineio.async_drivers.aiohttp:WebSocket", "websocket.py", "96fbcb0d1f45694a"
    ),
    # Socket.IO: SignalingServer and InlineManager.
    Audited(
        "socketio.async_server:AsyncServer._handle_eio_message",
        "server.py (direct relay)",
        "bef50fc0e1635921",
    ),
    Audited(
        "socketio.async_server:AsyncServer._handle_event",
        "guard.py (reserved names, both modes)",
        "65178105ef8b593d",
    ),
    Audited(
        "socketio.async_server:AsyncServer._get_event_handler",
        "guard.py (a reserved name never reaches the catch-all)",
        "e18d9a6570aaaaf4",
    ),
    Audited(
        "socketio.async_server:AsyncServer._engineio_server_class",
        "server.py",
        "199c42bf149247e0",
    ),
    Audited(
        "socketio.async_manager:AsyncManager.emit", "manager.py", "01ccd5b82b4f955e"
    ),
    Audited(
        "socketio.base_manager:BaseManager.basic_enter_room",
        "manager.py (rooms of bidicts)",
        "3f509586d2d7f47e",
    ),
    Audited(
        "socketio.base_manager:BaseManager.get_participants",
        "manager.py",
        "7d78ad681c95de5b",
    ),
    Audited(
        "socketio.base_manager:BaseManager.sid_from_eio_sid",
        "server.py",
        "15467098a36bcd71",
    ),
    Audited(
        "socketio.base_manager:BaseManager.eio_sid_from_sid",
        "base.py (probe)",
        "b0c0aeb5430d5248",
    ),
    # aiohttp: LeanWebSocket writes frames to the transport beside aiohttp's writer,
    # which must write each frame at once, never hold one back.
    Audited(
        "aiohttp._websocket.writer:WebSocketWriter.send_frame",
        "websocket.py",
        "7ab812cc70561f8e",
    ),
    Audited(
        "aiohttp._websocket.writer:WebSocketWriter._write_websocket_frame",
        "websocket.py",
        "b677e4e11a7bdfb5",
    ),
    Audited(
        "aiohttp.web_ws:WebSocketResponse.prepare", "websocket.py", "bd6bf6c6d4105c47"
    ),
    # A close that finds the peer gone keeps its error in `_exception`: a cycle
    # through the error's traceback that LeanWebSocket._let_go breaks.
    Audited(
        "aiohttp.web_ws:WebSocketResponse.close",
        "websocket.py (_let_go)",
        "2d0acd02fdef1edd",
    ),
)


# The Redis paths: python-socketio's manager (stock) and ours (fast), contract_redis.py.
AUDITED += tuple(Audited(*entry) for entry in REDIS_AUDITED)


class Attribute(NamedTuple):
    """A private attribute of a library object that we read or replace: its class
    must still set it (`self.<name>` in the class's source)."""

    target: str  # "module:Class.attribute"
    ours: str


ATTRIBUTES = (
    Attribute("engineio.async_server:AsyncServer._async", "engine.py, stock.py"),
    Attribute("socketio.async_server:AsyncServer._binary_packet", "server.py"),
    Attribute("engineio.async_drivers.aiohttp:WebSocket._sock", "lean_socket.py"),
    Attribute("aiohttp.web_ws:WebSocketResponse._exception", "websocket.py"),
    Attribute(
        "socketio.async_server:AsyncServer.manager_initialized", "redis_manager.py"
    ),
    Attribute(
        "socketio.async_redis_manager:AsyncRedisManager.redis", "redis_manager.py"
    ),
    Attribute(
        "socketio.async_redis_manager:AsyncRedisManager.pubsub", "redis_manager.py"
    ),
    Attribute(
        "socketio.async_redis_manager:AsyncRedisManager.connected", "redis_manager.py"
    ),
    # A connection redis-py opened, then read and written by the bus itself.
    Attribute("redis.asyncio.connection:Connection._reader", "redis_line.py"),
    Attribute("redis.asyncio.connection:Connection._writer", "redis_line.py"),
)


def has_attribute(target: str) -> bool:
    """Whether the class named in `target` still sets the attribute."""
    module_name, _, qualname = target.partition(":")
    class_name, _, attribute = qualname.rpartition(".")
    found: object = importlib.import_module(module_name)
    for part in class_name.split("."):
        found = getattr(found, part)
    assert isinstance(found, type), target
    library = module_name.split(".")[0]
    # The class or one of the library's own classes it inherits from sets it.
    source = "".join(
        inspect.getsource(cls)
        for cls in found.__mro__
        if cls.__module__.split(".")[0] == library
    )
    return f"self.{attribute}" in source


def current_hash(target: str) -> str:
    """A short hash of the installed source of `target`."""
    module_name, _, qualname = target.partition(":")
    obj: object = importlib.import_module(module_name)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    source = inspect.getsource(obj)  # type: ignore[arg-type]
    return hashlib.sha256(source.encode()).hexdigest()[:16]


if __name__ == "__main__":
    for audited in AUDITED:
        print(f"{current_hash(audited.target)}  {audited.target}")
