"""Reading the docs' Markdown the way the doc tests need: a section, the rows of its
first table, and the `code` names in a cell."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CODE = re.compile(r"`([^`]+)`")


def read(relative_path: str) -> str:
    return (ROOT / relative_path).read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under `## heading` (any level), up to the next heading of that level
    or higher."""
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, flags=re.MULTILINE)
    assert match is not None, f"no heading {heading!r}"
    level = len(match.group(1))
    rest = text[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, flags=re.MULTILINE)
    return rest if end is None else rest[: end.start()]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the first Markdown table in `text`, as lists of cells."""
    rows: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    assert len(rows) > 2, "no table"
    return rows[2:]  # less the header and the --- line


def code_names(cell: str) -> list[str]:
    """The `code` spans of a cell, in order."""
    return _CODE.findall(cell)


def first_column_names(text: str, heading: str) -> set[str]:
    """Every `code` name in the first column of the table under `heading`."""
    rows = table_rows(section(text, heading))
    return {name for row in rows for name in code_names(row[0])}
