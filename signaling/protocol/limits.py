"""The message size limit, in one place: the exact measure the handlers refuse by,
the frame size the transport drops a connection over, the frame length under which
the direct relay need not measure, and the size every relay is counted with."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import orjson

from ..rooms import MESSAGE_INVALID, MESSAGE_TOO_LARGE, SignalingError

# Room for a full message plus the framing of a few packets around it.
FRAME_SLACK = 4096
# Compact ASCII JSON (what the limit counts) is at most 12 characters per character
# received: an astral character arrives as one and is counted as two \uXXXX escapes.
MAX_EXPANSION = 12


@dataclass(frozen=True)
class MessageLimits:
    max_message_bytes: int

    @property
    def frame_limit(self) -> int:
        """A single frame over this is not read: that connection alone is closed."""
        return 2 * self.max_message_bytes + FRAME_SLACK

    @property
    def unmeasured_frame_chars(self) -> int:
        """A frame this long or shorter cannot carry a payload over the limit."""
        return self.max_message_bytes // MAX_EXPANSION

    def check(self, payload: Any) -> None:
        """Refuse a payload that is not JSON or is over the limit, measured as
        compact JSON with non-ASCII characters escaped (json.dumps' default)."""
        try:
            size = len(json.dumps(payload, separators=(",", ":")))
        except (TypeError, ValueError):
            raise SignalingError(
                MESSAGE_INVALID, "Messages must be JSON: binary data is not relayed."
            ) from None
        if size > self.max_message_bytes:
            raise SignalingError(
                MESSAGE_TOO_LARGE,
                f"Messages can be at most {self.max_message_bytes} bytes; "
                f"this one was {size}.",
            )


def relayed_size(payload: Any) -> int:
    """The bytes of a relayed payload as compact UTF-8 JSON: what the metrics count,
    on the direct path as on this one (a browser sends exactly that)."""
    try:
        return len(orjson.dumps(payload))
    except TypeError:  # integers over 64 bits
        text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
        return len(text.encode())
