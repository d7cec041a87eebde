"""The orjson-backed codec decodes every text to what engine.io's own codec gives."""

import math

import pytest
from engineio import json as engineio_json

from signaling.transport.codec import OrjsonModule

SAME_VALUES = [
    '["create or join","room"]',
    '[1,-2,2.5,"é",{"a":null,"b":[true,false]}]',
    '"\\ud83d\\ude00"',  # an escaped surrogate pair: one astral character
    "123456789012345678",  # 18 digits: orjson reads it exactly
    str(2**63 - 1),
    str(2**70),  # orjson alone would give a float
    "-" + "9" * 40,
    "1.2345678901234567890123",
    '"\\ud800"',  # a lone surrogate: only Python's json accepts it
    '{"a":1,"a":2}',  # duplicate keys: the last wins in both
]


@pytest.mark.parametrize("text", SAME_VALUES)
def test_decodes_as_engineio_does(text: str) -> None:
    ours = OrjsonModule.loads(text)
    assert ours == engineio_json.loads(text)
    assert type(ours) is type(engineio_json.loads(text))


def test_nan_is_read_as_python_reads_it() -> None:
    assert math.isnan(OrjsonModule.loads("[NaN]")[0])


@pytest.mark.parametrize("text", ["1" * 101, "[" + "7" * 500 + "]", "{bad", ""])
def test_refuses_what_engineio_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        engineio_json.loads(text)
    with pytest.raises(ValueError):
        OrjsonModule.loads(text)


@pytest.mark.parametrize(
    "value", [["message", {"sdp": "v=0", "n": 3}], [2**70], {"k": "é"}]
)
def test_encodes_to_json_that_reads_back_the_same(value: object) -> None:
    assert engineio_json.loads(OrjsonModule.dumps(value)) == value
