#!/usr/bin/env python3
"""Soak the server: many clients joining, relaying, dropping and reconnecting at
random, some of them hostile, for a bounded time on 127.0.0.1 only.

Prints throughput, errors and the server's resident memory over time, and exits
non-zero when memory keeps growing once the load is steady, or an invariant
breaks: the server stops answering /healthz, a traceback reaches its log, or a
room lingers once every client is gone.

    .venv/bin/python bench/soak.py            # 10 minutes, 1,000 clients
    .venv/bin/python bench/soak.py --short    # ~45 s, 200 clients (CI)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# Everyone comes from 127.0.0.1: only the per-address limits are lifted.
SERVER_ENV = {
    "MAX_CONNECTIONS_PER_ADDRESS": "100000",
    "CONNECTIONS_PER_MINUTE": "1000000",
    "SEAT_GRACE_SECONDS": "0",
}
HOSTILE_SHARE = 0.05
SAMPLE_SECONDS = 5.0
# Memory may grow this much from the middle third of the run to the last third.
GROWTH_ALLOWED = 0.15
GROWTH_FLOOR_KB = 8 * 1024


@dataclass
class Stats:
    connects: int = 0
    sent: int = 0
    received: int = 0
    errors: int = 0
    hostile: int = 0
    samples: list[tuple[float, int]] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def open_socket(
    session: aiohttp.ClientSession, base: str
) -> aiohttp.ClientWebSocketResponse:
    ws = await session.ws_connect(f"{base}/socket.io/?EIO=4&transport=websocket")
    assert (await ws.receive_str(timeout=10)).startswith("0{")
    await ws.send_str("40")
    assert (await ws.receive_str(timeout=10)).startswith("40")
    return ws


async def read_all(ws: aiohttp.ClientWebSocketResponse, stats: Stats) -> None:
    async for message in ws:
        if message.type is not aiohttp.WSMsgType.TEXT:
            break
        if message.data == "2":
            await ws.send_str("3")
        elif message.data.startswith('42["message"'):
            stats.received += 1


async def member(
    session: aiohttp.ClientSession, base: str, room: str, stats: Stats, end: float
) -> None:
    """Join, relay a while, drop or leave, come back: until `end`."""
    while time.monotonic() < end:
        try:
            ws = await open_socket(session, base)
            stats.connects += 1
            reader = asyncio.ensure_future(read_all(ws, stats))
            await ws.send_str("42" + json.dumps(["create or join", room]))
            for n in range(random.randint(5, 40)):
                if time.monotonic() >= end:
                    break
                await ws.send_str("42" + json.dumps(["message", {"n": n}]))
                stats.sent += 1
                await asyncio.sleep(random.uniform(0.05, 0.3))
            if random.random() < 0.5:
                await ws.send_str('42["bye"]')
                await ws.close()
            else:  # a network drop: no goodbye
                transport = (
                    ws._response.connection and ws._response.connection.transport
                )
                if transport is not None:
                    transport.abort()
            reader.cancel()
        except (TimeoutError, aiohttp.ClientError, AssertionError, OSError):
            stats.errors += 1
        await asyncio.sleep(random.uniform(0.1, 1.0))


HOSTILE_FRAMES = {
    "flood": ['42["nope",1]'] * 400,
    "malformed": ["42["] * 200,
    "reserved": ['42["disconnect"]', '42["connect"]'] * 5,
    "binary": ['451-["message",{"_placeholder":true,"num":0}]'],
}


async def hostile(session: aiohttp.ClientSession, base: str, stats: Stats) -> None:
    """One hostile client: it sends its frames and never reads a thing."""
    kind = random.choice(list(HOSTILE_FRAMES))
    try:
        ws = await open_socket(session, base)
        stats.hostile += 1
        for frame in HOSTILE_FRAMES[kind]:
            await ws.send_str(frame)
        if kind == "binary":
            for _ in range(20):
                await ws.send_bytes(b"\x04" + b"x" * 100_000)
        await asyncio.sleep(random.uniform(0.5, 3.0))
        await ws.close()
    except (TimeoutError, aiohttp.ClientError, OSError):
        pass  # dropped by the server: what it is for


async def metrics(session: aiohttp.ClientSession, base: str) -> dict[str, float]:
    async with session.get(f"{base}/metrics") as response:
        text = await response.text()
    values = {}
    for line in text.splitlines():
        if line.startswith(("videoroom_rooms ", "videoroom_connected_clients ")):
            name, value = line.split()
            values[name] = float(value)
    return values


async def sample(
    session: aiohttp.ClientSession, base: str, pid: int, stats: Stats, start: float
) -> None:
    async with session.get(f"{base}/healthz") as response:
        assert response.status == 200, "the server stopped answering /healthz"
    counts = await metrics(session, base)
    elapsed = time.monotonic() - start
    rss = rss_kb(pid)
    stats.samples.append((elapsed, rss))
    print(
        f"{elapsed:6.0f} s  connects {stats.connects:7d}  sent {stats.sent:8d}  "
        f"received {stats.received:8d}  errors {stats.errors:5d}  "
        f"hostile {stats.hostile:5d}  rooms {counts.get('videoroom_rooms', 0):5.0f}  "
        f"clients {counts.get('videoroom_connected_clients', 0):5.0f}  "
        f"RSS {rss / 1024:6.1f} MB",
        flush=True,
    )


def memory_keeps_growing(samples: list[tuple[float, int]]) -> bool:
    """The last third's median RSS over the middle third's, past the allowance."""
    rss = [kb for _, kb in samples]
    third = len(rss) // 3
    if third < 1:
        return False
    middle = statistics.median(rss[third : 2 * third])
    last = statistics.median(rss[2 * third :])
    return last - middle > max(GROWTH_FLOOR_KB, GROWTH_ALLOWED * middle)


async def soak(base: str, pid: int, clients: int, seconds: float) -> Stats:
    stats = Stats()
    start = time.monotonic()
    end = start + seconds
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        members = [
            asyncio.ensure_future(member(session, base, f"soak-{n // 2}", stats, end))
            for n in range(clients)
        ]
        hostiles: set[asyncio.Future[None]] = set()
        next_sample = start + SAMPLE_SECONDS
        while time.monotonic() < end:
            if len(hostiles) < max(1, int(clients * HOSTILE_SHARE)):
                task = asyncio.ensure_future(hostile(session, base, stats))
                hostiles.add(task)
                task.add_done_callback(hostiles.discard)
            if time.monotonic() >= next_sample:
                await sample(session, base, pid, stats, start)
                next_sample += SAMPLE_SECONDS
            await asyncio.sleep(0.1)
        await asyncio.gather(*members, *hostiles, return_exceptions=True)
        await asyncio.sleep(2)  # the server notices the last drops
        await sample(session, base, pid, stats, start)
        counts = await metrics(session, base)
        assert counts.get("videoroom_rooms", 0) == 0, f"rooms linger: {counts}"
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="~45 s, 200 clients")
    parser.add_argument("--seconds", type=float, help="how long (default 600)")
    parser.add_argument("--clients", type=int, help="how many (default 1000)")
    args = parser.parse_args()
    seconds = args.seconds or (45.0 if args.short else 600.0)
    clients = args.clients or (200 if args.short else 1000)
    port = free_port()
    base = f"http://{HOST}:{port}"
    log_path = ROOT / "bench" / "results" / "soak-server.log"
    log_path.parent.mkdir(exist_ok=True)
    env = {**os.environ, **SERVER_ENV, "LOG_LEVEL": "WARNING"}
    env.pop("PORT", None)
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "signaling", "--host", HOST, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    print(f"soak: {clients} clients for {seconds:.0f} s on {base} (pid {server.pid})")
    failures = []
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("soak: the server did not start") from None
                time.sleep(0.1)
        try:
            stats = asyncio.run(soak(base, server.pid, clients, seconds))
        except AssertionError as error:
            failures.append(str(error))
            stats = Stats()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    if "Traceback" in log_path.read_text():
        failures.append(f"a traceback reached the server log ({log_path})")
    if memory_keeps_growing(stats.samples):
        failures.append("memory kept growing once the load was steady")
    duration = stats.samples[-1][0] if stats.samples else seconds
    print(
        f"soak: {stats.sent / duration:.0f} messages/s sent, "
        f"{stats.received / duration:.0f}/s received, {stats.connects} connects, "
        f"{stats.hostile} hostile clients, {stats.errors} client errors"
    )
    for failure in failures:
        print(f"soak: FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
