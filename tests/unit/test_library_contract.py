"""The library code signaling/transport/ replaces or relies on is the code it was
audited against, and the installed libraries are within the pins that audit covers."""

import ast
import configparser
import re
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from signaling.transport.contract import (
    ATTRIBUTES,
    AUDITED,
    Attribute,
    Audited,
    current_hash,
    has_attribute,
)
from tests.docs import code_names, read, section, table_rows

SETUP_CFG = Path(__file__).resolve().parents[2] / "setup.cfg"
PINNED = ("python-socketio", "python-engineio", "aiohttp")


@pytest.mark.parametrize("audited", AUDITED, ids=[a.target for a in AUDITED])
def test_relied_on_library_code_is_unchanged_since_the_audit(audited: Audited) -> None:
    package = audited.target.split(".", 1)[0]
    distribution = {"socketio": "python-socketio", "engineio": "python-engineio"}
    installed = version(distribution.get(package, package))
    assert current_hash(audited.target) == audited.source_hash, (
        f"{audited.target} changed in {package} {installed}: signaling/transport/"
        f"{audited.ours.split(',')[0].split(' ')[0]} replaces or relies on it. "
        f"Re-audit signaling/transport ({audited.ours}) against the new source "
        "(TRANSPORT=stock runs without it meanwhile), then update its hash in "
        "signaling/transport/contract.py (python -m signaling.transport.contract)."
    )


def install_requires() -> dict[str, Requirement]:
    config = configparser.ConfigParser()
    config.read(SETUP_CFG)
    lines = config["options"]["install_requires"].splitlines()
    requirements = [Requirement(line) for line in lines if line and line[0] != "#"]
    return {requirement.name: requirement for requirement in requirements}


@pytest.mark.parametrize("name", PINNED)
def test_libraries_the_transport_reaches_into_are_pinned_to_one_minor(
    name: str,
) -> None:
    requirement = install_requires()[name]
    upper = [spec for spec in requirement.specifier if spec.operator == "<"]
    lower = [spec for spec in requirement.specifier if spec.operator == ">="]
    assert upper and lower, f"{name} needs >=X.Y,<X.Y+1 in setup.cfg"
    major, minor = (int(part) for part in lower[0].version.split(".")[:2])
    assert upper[0].version == f"{major}.{minor + 1}", (
        f"{name} is pinned {requirement.specifier}: the transport is audited for "
        "one minor release at a time"
    )
    assert requirement.specifier.contains(version(name))


@pytest.mark.parametrize("attribute", ATTRIBUTES, ids=[a.target for a in ATTRIBUTES])
def test_private_attributes_we_touch_are_still_set_by_the_library(
    attribute: Attribute,
) -> None:
    assert has_attribute(attribute.target), (
        f"{attribute.target} is no longer set by the library: signaling/transport/"
        f"{attribute.ours} reads or replaces it. Re-audit and update "
        "signaling/transport/contract.py and docs/INTERNALS.md."
    )


def modules_named(text: str) -> set[str]:
    return set(re.findall(r"\b\w+\.py\b", text))


def test_the_internals_table_is_the_contract() -> None:
    """docs/INTERNALS.md lists every name the contract audits, where the contract
    says it is used, and nothing else."""
    rows = table_rows(section(read("docs/INTERNALS.md"), "Library internals we touch"))
    documented = {code_names(row[0])[0]: modules_named(row[1]) for row in rows}
    contract = {
        entry.target: modules_named(entry.ours) for entry in AUDITED + ATTRIBUTES
    }
    assert sorted(contract.keys() - documented.keys()) == [], "add to docs/INTERNALS.md"
    assert sorted(documented.keys() - contract.keys()) == [], "add to contract.py"
    assert {t: m for t, m in documented.items() if m != contract[t]} == {}, (
        "docs/INTERNALS.md and contract.py disagree on where a name is used"
    )


SELF = {"self", "cls"}


def private_names_used(path: Path) -> list[str]:
    """`x._name` where x is not self or cls, and imports of `_private` modules."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in SELF)
        ):
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if any(p[:1] == "_" and p[:2] != "__" for p in node.module.split(".")):
                found.append(f"{path.name}:{node.lineno} {node.module}")
    return found


def test_no_module_outside_transport_touches_a_private_name() -> None:
    """Library internals stay in signaling/transport/ (docs/INTERNALS.md); the
    other layers use public APIs and each other's public names only."""
    package = SETUP_CFG.parent / "signaling"
    outside = [p for p in package.rglob("*.py") if "transport" not in p.parts]
    assert outside
    assert [name for path in outside for name in private_names_used(path)] == []
