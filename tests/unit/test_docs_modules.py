"""docs/ARCHITECTURE.md's module map names every module there is, and nothing else;
the classes and methods the docs name exist."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import signaling
from tests.docs import ROOT, code_names, read, section, table_rows

DOCS_NAMING_CODE = ("docs/ARCHITECTURE.md", "docs/PROTOCOL.md")


def mapped_paths() -> set[str]:
    """The paths the map's first column names. A bare `name.py` belongs to the
    folder named before it in the same cell (`protocol/acks.py`, `hooks.py`)."""
    paths: set[str] = set()
    for row in table_rows(section(read("docs/ARCHITECTURE.md"), "Modules")):
        folder = None
        for name in code_names(row[0]):
            if "/" not in name:
                assert folder is not None, f"{name!r} has no folder before it: {row}"
                path = folder + name
            elif name.startswith(("signaling/", "public/")):
                path = name
            else:
                path = "signaling/" + name
            paths.add(path)
            folder = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    return paths


def code_paths() -> set[str]:
    """Every package, module and browser module there is."""
    package = ROOT / "signaling"
    paths = {
        f"signaling/{init.parent.relative_to(package)}/"
        for init in package.glob("*/**/__init__.py")
    }
    paths |= {
        str(module.relative_to(ROOT))
        for module in package.rglob("*.py")
        if module.name != "__init__.py"
    }
    paths |= {str(script.relative_to(ROOT)) for script in ROOT.glob("public/js/*.js")}
    return paths


def test_every_module_is_in_the_architecture_map() -> None:
    missing = sorted(code_paths() - mapped_paths())
    assert not missing, f"add a line to docs/ARCHITECTURE.md's module map: {missing}"


def test_every_module_in_the_architecture_map_exists() -> None:
    gone = [path for path in mapped_paths() if not (ROOT / path).exists()]
    assert not gone, f"gone from the code, still in the module map: {gone}"


def signaling_classes() -> dict[str, list[type]]:
    classes: dict[str, list[type]] = {}
    for module_info in pkgutil.walk_packages(signaling.__path__, "signaling."):
        if module_info.name == "signaling.__main__":
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                classes.setdefault(name, []).append(value)
    return classes


def has_member(cls: type, member: str) -> bool:
    """A method, class attribute, dataclass field or attribute set in __init__."""
    if hasattr(cls, member) or member in getattr(cls, "__annotations__", {}):
        return True
    return re.search(rf"\bself\.{member}\b", inspect.getsource(cls)) is not None


# `Class` or `Class.member` in code spans: our classes, by their CamelCase names.
QUALIFIED_NAME = re.compile(r"^([A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]+)(?:\.(\w+))?$")
# CamelCase words in the docs that are not our classes.
NOT_OURS = {
    # Browser APIs and error names, and the names of things that are not Python.
    "RTCPeerConnection",
    "RTCConfiguration",
    "Family",
    "Procfile",
}


@pytest.mark.parametrize("doc", DOCS_NAMING_CODE)
def test_every_class_and_method_the_docs_name_exists(doc: str) -> None:
    classes = signaling_classes()
    unknown = []
    for name in sorted(set(code_names(read(doc)))):
        match = QUALIFIED_NAME.match(name)
        if match is None or match.group(1) in NOT_OURS:
            continue
        class_name, member = match.groups()
        found = classes.get(class_name, [])
        if not found or (member and not any(has_member(c, member) for c in found)):
            unknown.append(name)
    assert not unknown, f"{doc} names what the code does not have: {unknown}"
