"""One rule for the room key, on the server and in the page: tests/room_keys.json is
the table both are tested with (tests/js/room-key.test.mjs is the page's side), and
the page's case folding is Python's for every code point."""

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


# Prints {code point: folded} for every code point the page's casefold changes.
FOLD_EVERY_CODE_POINT = """
import { casefold } from "./public/js/room-key.js";
const changed = {};
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const character = String.fromCodePoint(cp);
  const folded = casefold(character);
  if (folded !== character) changed[cp] = folded;
}
process.stdout.write(JSON.stringify(changed));
"""


def test_the_page_folds_every_code_point_as_python_does() -> None:
    node = shutil.which("node")
    assert node is not None, (
        "Node is needed for the page's modules: scripts/setup-system"
    )
    result = subprocess.run(
        [node, "--input-type=module", "-e", FOLD_EVERY_CODE_POINT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    page = {int(cp): folded for cp, folded in json.loads(result.stdout).items()}
    differ = {}
    for cp in range(sys.maxunicode + 1):
        character = chr(cp)
        # Code points this Python does not know may be letters to the browser.
        if unicodedata.category(character) in ("Cn", "Cs"):
            continue
        if page.get(cp, character) != character.casefold():
            differ[f"U+{cp:04X}"] = (character.casefold(), page.get(cp, character))
    assert differ == {}
