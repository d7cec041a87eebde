"""One rule for the room key, on the server and in the page: tests/room_keys.json is
the table both are tested with (tests/js/room-key.test.mjs is the page's side), and
the page's case folding is Python's for every cased code point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from signaling.rooms import SignalingError
from signaling.rooms.names import parse_room_name

ROOT = Path(__file__).resolve().parents[2]
ROWS = json.loads((ROOT / "tests" / "room_keys.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "row", [row for row in ROWS if "key" in row], ids=lambda row: row["why"]
)
def test_the_server_keys_each_name_as_the_table_says(row: dict[str, str]) -> None:
    assert parse_room_name(row["name"]).key == row["key"]


@pytest.mark.parametrize(
    "row", [row for row in ROWS if "refused" in row], ids=lambda row: row["why"]
)
def test_the_server_refuses_each_name_the_table_refuses(row: dict[str, str]) -> None:
    with pytest.raises(SignalingError) as refusal:
        parse_room_name(row["name"])
    assert refusal.value.code == row["refused"]


# Reads code points on stdin; prints {code point: folded} as the page folds them.
FOLD_CODE_POINTS = """
import { readFileSync } from "node:fs";
import { casefold } from "./public/js/room-key.js";
const folded = {};
for (const cp of JSON.parse(readFileSync(0, "utf8"))) {
  folded[cp] = casefold(String.fromCodePoint(cp));
}
process.stdout.write(JSON.stringify(folded));
"""


def cased_code_points() -> list[int]:
    """Every code point this Python knows with a case mapping or folding: the ones
    a fold can change (any other folds to itself on both sides)."""
    cased = []
    for cp in range(sys.maxunicode + 1):
        character = chr(cp)
        if (
            character.casefold() != character
            or character.lower() != character
            or character.upper() != character
        ) and unicodedata.category(character) not in ("Cn", "Cs"):
            cased.append(cp)
    return cased


def test_the_page_folds_every_cased_code_point_as_python_does() -> None:
    node = shutil.which("node")
    assert node is not None, (
        "Node is needed for the page's modules: scripts/setup-system"
    )
    cased = cased_code_points()
    assert len(cased) > 2000  # Latin, Greek, Cyrillic, Cherokee, Deseret...
    result = subprocess.run(
        [node, "--input-type=module", "-e", FOLD_CODE_POINTS],
        cwd=ROOT,
        input=json.dumps(cased),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    page = {int(cp): folded for cp, folded in json.loads(result.stdout).items()}
    differ = {
        f"U+{cp:04X}": (chr(cp).casefold(), page[cp])
        for cp in cased
        if page[cp] != chr(cp).casefold()
    }
    assert differ == {}
