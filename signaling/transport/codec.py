"""The `json` module python-socketio encodes every emit with, backed by orjson, and
decoding with orjson where it reads exactly what engine.io's codec reads."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson
from engineio import json as engineio_json

# Integers orjson reads exactly have at most 18 digits (and some 19 or 20 ones).
LONG_NUMBER = re.compile(r"\d{19}")


class OrjsonModule:
    """The `json` module python-socketio encodes every emit with, backed by orjson.

    What orjson cannot do exactly goes to engine.io's codec, which keeps its own
    limits: encoding integers over 64 bits; decoding text with a run of 19 or more
    digits (orjson would turn a large integer into a float; engine.io refuses ones
    over 100 digits) or what only Python's json accepts (NaN, lone surrogates). So
    every text decodes to the same values as with engine.io's codec alone.
    """

    @staticmethod
    def loads(text: str | bytes, **kwargs: Any) -> Any:
        if not isinstance(text, str):
            text = text.decode()  # messages from the Redis manager arrive as bytes
        if LONG_NUMBER.search(text) is None:
            try:
                return orjson.loads(text)
            except orjson.JSONDecodeError:
                pass
        return engineio_json.loads(text, **kwargs)

    @staticmethod
    def dumps(obj: Any, **kwargs: Any) -> str:
        try:
            return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode()
        except TypeError:
            return json.dumps(obj, **kwargs)
