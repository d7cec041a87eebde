"""The deployment compose.yaml describes, for real: nginx running
docs/deploy/nginx.conf (only its upstream and listen lines moved to loopback ports)
in front of the server with compose.yaml's environment (its own Redis, no TURN),
and people each sending the Origin their browser sends."""

from __future__ import annotations

import asyncio
import os
import secrets
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import socketio

from tests.deploy import compose_services
from tests.nginx import Nginx
from tests.processes import Process, free_port
from tests.redis_server import RedisServer

# A bound, not a speed: the machine may be busy with other tests.
WAIT_SECONDS = 60.0
# People arriving at once: enough for races, few enough for a busy 2-core machine.
ARRIVING_AT_ONCE = 20


@dataclass(frozen=True)
class Deployment:
    proxy_url: str  # nginx, where browsers go
    server_urls: list[str]  # the server processes, which only nginx should reach

    @property
    def server_url(self) -> str:
        return self.server_urls[0]

    @property
    def origin(self) -> str:
        """What a browser on the page nginx serves sends as its Origin."""
        return self.proxy_url


def deployed_env(
    port: int, redis_url: str, prefix: str, **overrides: str
) -> dict[str, str]:
    """compose.yaml's environment for the server, on a loopback port, with this
    test's Redis, without coturn (TURN_SECRET/TURN_URLS), and `overrides`."""
    compose = compose_services()["web"]["environment"]
    env = {**os.environ, **{name: str(value) for name, value in compose.items()}}
    del env["TURN_SECRET"], env["TURN_URLS"]
    env.update(
        PORT=str(port),
        HOST="127.0.0.1",  # tests listen on loopback only (compose: all interfaces)
        REDIS_URL=redis_url,
        REDIS_PREFIX=prefix,  # one deployment: its processes share it
        **overrides,
    )
    return env


@pytest.fixture
def deploy(
    tmp_path: Path, redis_server: RedisServer
) -> Iterator[Callable[..., Deployment]]:
    """Start the server as compose.yaml sets it up and nginx in front of it."""
    started: list[Process | Nginx] = []

    def start(processes: int = 1, **overrides: str) -> Deployment:
        ports = [free_port() for _ in range(processes)]
        prefix = f"nginx-{secrets.token_hex(4)}"
        for index, port in enumerate(ports):
            env = deployed_env(port, redis_server.url, prefix, **overrides)
            argv = [sys.executable, "-m", "signaling"]
            server = Process(argv, tmp_path / f"server-{index}.log", env)
            started.append(server)
            server.wait_for_output(b"serving on http://")
        (tmp_path / "nginx").mkdir()
        proxy = Nginx(tmp_path / "nginx", ports)
        started.append(proxy)
        return Deployment(proxy.url, [f"http://127.0.0.1:{port}" for port in ports])

    yield start
    for process in reversed(started):
        process.stop()


class Person:
    """A python-socketio client from its own loopback address, as a browser."""

    def __init__(self, local_address: str) -> None:
        connector = aiohttp.TCPConnector(local_addr=(local_address, 0))
        self.session = aiohttp.ClientSession(connector=connector)
        self.sio = socketio.AsyncClient(http_session=self.session, reconnection=False)
        self.refusals: list[Any] = []
        self.sio.on("connect_error", self.refusals.append)

    async def connect(
        self, url: str, headers: dict[str, str], transport: str = "websocket"
    ) -> None:
        await self.sio.connect(
            url, headers=headers, transports=[transport], wait_timeout=WAIT_SECONDS
        )

    async def join(self, room: str) -> dict[str, Any]:
        ack: dict[str, Any] = await self.sio.call(
            "create or join", room, timeout=WAIT_SECONDS
        )
        return ack

    async def close(self) -> None:
        await self.sio.disconnect()
        await self.session.close()


@pytest.fixture
async def people() -> AsyncIterator[Callable[[str], Person]]:
    """Make people; every one is disconnected at the end, all at once (a long
    polling client takes up to a heartbeat to notice)."""
    made: list[Person] = []

    def person(local_address: str) -> Person:
        made.append(Person(local_address))
        return made[-1]

    yield person
    await asyncio.gather(*(each.close() for each in made))


async def seat_in_pairs(
    deployment: Deployment, crowd: list[Person], headers: dict[str, str]
) -> list[str]:
    """Connect everyone through nginx (every fourth by long polling, the others
    by websocket) and seat them two by two; what each got: a join result, or
    why it failed."""

    door = asyncio.Semaphore(ARRIVING_AT_ONCE)

    async def arrive(index: int, person: Person) -> str:
        transport = "polling" if index % 4 == 3 else "websocket"
        async with door:
            try:
                await person.connect(deployment.proxy_url, headers, transport)
            except socketio.exceptions.ConnectionError as error:
                return f"refused: {person.refusals or error}"
            ack = await person.join(f"room-{index // 2}")
        return str(ack.get("result") or ack.get("code"))

    return list(
        await asyncio.gather(*(arrive(i, person) for i, person in enumerate(crowd)))
    )


async def test_sixty_people_from_sixty_addresses_are_all_seated_through_nginx(
    deploy: Callable[..., Deployment], people: Callable[[str], Person]
) -> None:
    deployment = deploy()
    crowd = [people(f"127.0.0.{n}") for n in range(2, 62)]
    results = await seat_in_pairs(deployment, crowd, {"Origin": deployment.origin})
    assert sorted(results) == ["created"] * 30 + ["joined"] * 30, results


async def test_a_hundred_people_behind_one_address_get_in_with_the_defaults(
    deploy: Callable[..., Deployment], people: Callable[[str], Person]
) -> None:
    """An office or a carrier's NAT: 50 calls from one address, each person also
    fetching the call settings (/config) as the page does."""
    deployment = deploy()
    crowd = [people("127.0.0.77") for _ in range(100)]
    results = await seat_in_pairs(deployment, crowd, {"Origin": deployment.origin})
    assert sorted(results) == ["created"] * 50 + ["joined"] * 50, results

    async def fetch_config(person: Person) -> int:
        url = f"{deployment.proxy_url}/config"
        async with person.session.get(url) as response:
            return response.status

    statuses = await asyncio.gather(*(fetch_config(person) for person in crowd))
    assert statuses == [200] * 100


async def test_a_client_that_skips_the_proxy_cannot_pick_its_address(
    deploy: Callable[..., Deployment], people: Callable[[str], Person]
) -> None:
    """Every loopback address is private, so here only nginx's own address
    (it connects to the server from 127.0.0.1) is trusted, as a public client
    would be untrusted in a real deployment."""
    deployment = deploy(
        TRUSTED_PROXIES="127.0.0.1/32",
        MAX_CONNECTIONS_PER_ADDRESS="3",
        CONFIG_PER_MINUTE="2",
    )
    direct, proxied = (
        (deployment.server_url, "127.0.0.9"),
        (deployment.proxy_url, "127.0.0.10"),
    )
    for url, address in (direct, proxied):
        outcomes = []
        for n in range(4):
            person = people(address)
            forged = {"Origin": url, "X-Forwarded-For": f"10.9.9.{n}"}
            try:
                await person.connect(url, forged)
                outcomes.append("admitted")
            except socketio.exceptions.ConnectionError:
                outcomes.append(person.refusals[0]["data"]["code"])
        assert outcomes == ["admitted"] * 3 + ["too-many-connections"], url
        statuses = []
        async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(address, 0))
        ) as session:
            for n in range(3):
                headers = {"X-Forwarded-For": f"10.8.8.{n}"}
                async with session.get(f"{url}/config", headers=headers) as response:
                    statuses.append(response.status)
        assert statuses == [200, 200, 429], url


async def test_a_tls_proxy_in_front_of_nginx_passes_the_origin_check(
    deploy: Callable[..., Deployment], people: Callable[[str], Person]
) -> None:
    """Browser → TLS proxy on https://localhost:8443 → nginx → server. The
    client here plays the TLS proxy (Caddy's headers): the server must see the
    scheme and host the browser saw, and still refuse another site's page."""
    deployment = deploy()
    outer = {
        "Host": "localhost:8443",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "localhost:8443",
        "X-Forwarded-For": "203.0.113.50",
    }
    browser = people("127.0.0.5")
    await browser.connect(
        deployment.proxy_url, {**outer, "Origin": "https://localhost:8443"}
    )
    assert (await browser.join("behind-tls"))["result"] == "created"
    elsewhere = people("127.0.0.6")
    with pytest.raises(socketio.exceptions.ConnectionError):
        await elsewhere.connect(
            deployment.proxy_url, {**outer, "Origin": "https://evil.example"}
        )


async def connected_clients(session: aiohttp.ClientSession, server_url: str) -> float:
    async with session.get(f"{server_url}/metrics") as response:
        text = await response.text()
    [line] = [x for x in text.splitlines() if x.startswith("videoroom_connected_")]
    return float(line.split()[-1])


async def test_behind_a_tls_proxy_nginx_spreads_people_over_the_processes(
    deploy: Callable[..., Deployment], people: Callable[[str], Person]
) -> None:
    """compose's `--scale web=2` with a TLS proxy in front: ip_hash must hash
    the browser's address the TLS proxy names, not the TLS proxy's one address,
    or every connection lands on one process."""
    deployment = deploy(processes=2)
    tls_proxy = "127.0.0.5"
    for n in range(20):  # ip_hash keys IPv4 by its first three octets
        browser = people(tls_proxy)
        headers = {
            "Host": "localhost:8443",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"203.0.{n}.7",
            "Origin": "https://localhost:8443",
        }
        await browser.connect(deployment.proxy_url, headers)
    async with aiohttp.ClientSession() as session:
        counts = [
            await connected_clients(session, url) for url in deployment.server_urls
        ]
    assert sum(counts) == 20
    assert min(counts) > 0, counts
