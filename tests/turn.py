"""coturn on a free port, and a minimal TURN client to prove what it accepts.

The client does exactly what a browser does before relaying: an Allocate request,
the 401 answer carrying realm and nonce, then the same request signed with
MESSAGE-INTEGRITY (RFC 5389 section 15.4, long-term credentials, RFC 5766 section 6).

A browser call through TURN needs only the session fixture `turn_server` (root
conftest) and `relay_only_settings(turn_server)` for the app: with
iceTransportPolicy "relay" from /config, Chromium can only connect through coturn, so
a call that reaches "connected" proves the relay; getStats() then shows the selected
candidate pair with local and remote candidates of type "relay".
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import socket
import struct
from dataclasses import dataclass
from pathlib import Path

from signaling.config import Settings

from .processes import Process, free_port, require

MAGIC_COOKIE = 0x2112A442
ALLOCATE_REQUEST = 0x0003
ALLOCATE_SUCCESS = 0x0103
ALLOCATE_ERROR = 0x0113
REFRESH_REQUEST = 0x0004
USERNAME = 0x0006
MESSAGE_INTEGRITY = 0x0008
ERROR_CODE = 0x0009
LIFETIME = 0x000D
REALM = 0x0014
NONCE = 0x0015
REQUESTED_TRANSPORT = 0x0019
XOR_RELAYED_ADDRESS = 0x0016
UDP = 17
REALM_NAME = "test"


@dataclass(frozen=True)
class StunMessage:
    kind: int
    transaction_id: bytes
    attributes: dict[int, bytes]

    @property
    def error_code(self) -> int | None:
        value = self.attributes.get(ERROR_CODE)
        return None if value is None else value[2] * 100 + value[3]


def encode(
    kind: int,
    attributes: list[tuple[int, bytes]],
    transaction_id: bytes,
    integrity_key: bytes | None = None,
) -> bytes:
    body = b"".join(_attribute(kind_, value) for kind_, value in attributes)
    if integrity_key is not None:
        # The HMAC covers the header with a length that already counts the
        # MESSAGE-INTEGRITY attribute (4 + 20 bytes) it is about to be added.
        header = struct.pack("!HHI", kind, len(body) + 24, MAGIC_COOKIE)
        mac = hmac.new(integrity_key, header + transaction_id + body, hashlib.sha1)
        body += _attribute(MESSAGE_INTEGRITY, mac.digest())
    return struct.pack("!HHI", kind, len(body), MAGIC_COOKIE) + transaction_id + body


def decode(packet: bytes) -> StunMessage:
    kind, length, cookie = struct.unpack("!HHI", packet[:8])
    assert cookie == MAGIC_COOKIE, "not a STUN message"
    attributes: dict[int, bytes] = {}
    offset = 20
    while offset < 20 + length:
        attr, size = struct.unpack("!HH", packet[offset : offset + 4])
        attributes.setdefault(attr, packet[offset + 4 : offset + 4 + size])
        offset += 4 + size + (-size % 4)
    return StunMessage(kind, packet[8:20], attributes)


def _attribute(kind: int, value: bytes) -> bytes:
    return struct.pack("!HH", kind, len(value)) + value + b"\0" * (-len(value) % 4)


class TurnClient:
    """One UDP socket talking to one TURN server (blocking: run it in a thread)."""

    def __init__(self, host: str, port: int, timeout: float = 5.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(timeout)
        self.sock.connect((host, port))

    def close(self) -> None:
        self.sock.close()

    def request(self, packet: bytes) -> StunMessage:
        self.sock.send(packet)
        while True:  # skip stray answers to earlier transactions
            answer = decode(self.sock.recv(2048))
            if answer.transaction_id == packet[8:20]:
                return answer

    def allocate(self, username: str, password: str) -> StunMessage:
        """Allocate a UDP relay with long-term credentials: the final answer."""
        transport = [(REQUESTED_TRANSPORT, struct.pack("!B3x", UDP))]
        challenge = self.request(encode(ALLOCATE_REQUEST, transport, _tid()))
        assert challenge.error_code == 401, "the server must ask for credentials"
        realm = challenge.attributes[REALM]
        nonce = challenge.attributes[NONCE]
        key = hashlib.md5(
            b":".join((username.encode(), realm, password.encode()))
        ).digest()
        signed = transport + [
            (USERNAME, username.encode()),
            (REALM, realm),
            (NONCE, nonce),
        ]
        answer = self.request(encode(ALLOCATE_REQUEST, signed, _tid(), key))
        if answer.kind == ALLOCATE_SUCCESS:
            # Free the relay at once: a refresh with lifetime 0.
            release = signed[1:] + [(LIFETIME, struct.pack("!I", 0))]
            self.request(encode(REFRESH_REQUEST, release, _tid(), key))
        return answer


def allocate(host: str, port: int, username: str, password: str) -> StunMessage:
    client = TurnClient(host, port)
    try:
        return client.allocate(username, password)
    finally:
        client.close()


def _tid() -> bytes:
    return os.urandom(12)


class TurnServer:
    """coturn on 127.0.0.1 (UDP and TCP, no TLS) with a static auth secret, as the
    TURN REST scheme needs: `url` for TURN_URLS, `secret` for TURN_SECRET."""

    def __init__(self, workdir: Path) -> None:
        self.host = "127.0.0.1"
        self.port = free_port(both=True)
        self.secret = secrets.token_hex(16)
        self.url = f"turn:{self.host}:{self.port}"
        argv = [
            require("turnserver"),
            "-n",  # no configuration file
            f"--listening-ip={self.host}",
            f"--relay-ip={self.host}",
            f"--listening-port={self.port}",
            "--use-auth-secret",
            f"--static-auth-secret={self.secret}",
            f"--realm={REALM_NAME}",
            "--no-tls",
            "--no-dtls",
            "--allow-loopback-peers",  # both browsers of a test live on loopback
            "--no-cli",
            "--log-file=stdout",
            "--simple-log",
            f"--pidfile={workdir / 'turnserver.pid'}",
            f"--userdb={workdir / 'turndb'}",
        ]
        self.process = Process(argv, workdir / "turnserver.log")
        self.process.wait_for_output(b"Total General servers")

    def stop(self) -> None:
        self.process.stop()


def relay_only_settings(turn_server: TurnServer) -> Settings:
    """Server settings for a call that may only go through `turn_server`: what a
    browser test needs to prove media flows over a relay."""
    return Settings(
        turn_secret=turn_server.secret,
        turn_urls=(f"{turn_server.url}?transport=udp",),
        ice_transport_policy="relay",
    )
