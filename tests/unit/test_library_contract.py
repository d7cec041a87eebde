"""The library code signaling/transport/ replaces or relies on is the code it was
audited against, and the installed libraries are within the pins that audit covers."""

import configparser
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from signaling.transport.contract import AUDITED, Audited, current_hash

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
