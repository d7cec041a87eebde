"""docs/PROTOCOL.md lists every event the server handles or emits and every refusal
code, and nothing the code no longer has."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import socketio

from signaling.config import Settings
from signaling.config.limits import LIMITS
from signaling.protocol.handlers import Signaling
from signaling.protocol.limits import MessageLimits
from signaling.rooms import RoomRegistry, errors
from signaling.store.memory import MemoryRooms
from tests.docs import ROOT, code_names, first_column_names, read, section, table_rows

PROTOCOL = "docs/PROTOCOL.md"
# Socket.IO's own events, which every server has.
RESERVED = {"connect", "disconnect", "*"}
UNITS = {"": 1, " KiB": 1024, " MiB": 1024 * 1024}


def handled_events() -> set[str]:
    """The events `Signaling.register` gives a handler, read off a real server."""
    sio = socketio.AsyncServer()

    async def probe(sid: str, timeout: float) -> bool:
        return True

    async def close_all() -> None:
        return None

    Signaling(
        sio,
        MemoryRooms(RoomRegistry(), grace_seconds=30.0),
        MessageLimits(Settings().max_message_bytes),
        probe=probe,
        close_all=close_all,
    ).register()
    return set(sio.handlers["/"]) - RESERVED


def emitted_events() -> set[str]:
    """The event names of every `.emit(...)` in signaling/: a literal, or a local
    name whose assignments are literals."""
    events: set[str] = set()
    for path in (ROOT / "signaling").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if isinstance(function, ast.AsyncFunctionDef | ast.FunctionDef):
                events |= _emits_in(function, path)
    return events


def _emits_in(function: ast.AsyncFunctionDef | ast.FunctionDef, path: Path) -> set[str]:
    events: set[str] = set()
    for call in ast.walk(function):
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "emit"
            and call.args
        ):
            continue
        event = call.args[0]
        if isinstance(event, ast.Name):
            values = [
                node.value
                for node in ast.walk(function)
                if isinstance(node, ast.Assign)
                and any(
                    isinstance(t, ast.Name) and t.id == event.id for t in node.targets
                )
            ]
        else:
            values = [event]
        names = {
            node.value
            for value in values
            for node in ast.walk(value)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        if not names and isinstance(event, ast.Name) and function.name == "emit":
            continue  # a manager's own emit passing its argument on
        assert names, f"{path.name}:{call.lineno}: cannot tell which event is emitted"
        events |= names
    return events


def refusal_codes() -> set[str]:
    return {
        value
        for name, value in vars(errors).items()
        if name.isupper() and isinstance(value, str)
    }


def assert_same(in_code: set[str], documented: set[str], table: str) -> None:
    missing = sorted(in_code - documented)
    assert not missing, f"add to {PROTOCOL}'s {table} table: {missing}"
    gone = sorted(documented - in_code)
    assert not gone, f"{PROTOCOL}'s {table} table lists what the code lacks: {gone}"


def test_every_handled_event_is_in_the_client_to_server_table() -> None:
    table = "Client → server"
    assert_same(handled_events(), first_column_names(read(PROTOCOL), table), table)


def test_every_emitted_event_is_in_the_server_to_client_table() -> None:
    table = "Server → client"
    assert_same(emitted_events(), first_column_names(read(PROTOCOL), table), table)


def test_every_refusal_code_is_in_the_refusals_table() -> None:
    table = "Refusals"
    assert_same(refusal_codes(), first_column_names(read(PROTOCOL), table), table)


def test_the_refusals_an_event_lists_are_codes_the_server_has() -> None:
    rows = table_rows(section(read(PROTOCOL), "Client → server"))
    listed = {
        code
        for row in rows
        for code in code_names(row[3])
        if re.fullmatch(r"[a-z]+(-[a-z]+)*", code)
    }
    assert "room-full" in listed
    assert sorted(listed - refusal_codes()) == []


def test_the_limit_defaults_in_the_refusals_table_are_the_code_defaults() -> None:
    """ "`SETTING` (default" in the refusals table states the code's default."""
    table = section(read(PROTOCOL), "Refusals")
    stated = {
        setting: int(number.replace(",", "")) * UNITS[unit]
        for setting, number, unit in re.findall(
            r"`([A-Z_]+)` \((\d[\d,]*)( KiB| MiB)?", table
        )
    }
    defaults = {setting: default for _, setting, default, *_ in LIMITS}
    defaults["MAX_MESSAGE_BYTES"] = Settings().max_message_bytes
    assert stated, "no `SETTING` (default) in the refusals table"
    assert {s: defaults.get(s) for s in stated} == stated
