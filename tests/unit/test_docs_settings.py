"""README's configuration table lists every setting the server reads, with its flag
and default, and docs/SECURITY.md every limit; neither lists one that is gone."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

from signaling.config import Settings
from signaling.config.limits import LIMITS
from tests.docs import code_names, first_column_names, read, section, table_rows


class RecordingEnviron(Mapping[str, str]):
    """An empty environment that notes every variable asked for."""

    def __init__(self) -> None:
        self.asked: set[str] = set()

    def __getitem__(self, name: str) -> str:
        self.asked.add(name)
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        self.asked.add(str(name))
        return False

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def settings_read() -> set[str]:
    environ = RecordingEnviron()
    Settings.from_env(environ)
    return environ.asked


def readme_rows() -> list[list[str]]:
    return table_rows(section(read("README.md"), "Configuration"))


def test_every_setting_is_in_the_readme() -> None:
    documented = first_column_names(read("README.md"), "Configuration")
    missing = sorted(settings_read() - documented)
    assert not missing, f"add to README's configuration table: {missing}"
    gone = sorted(documented - settings_read())
    assert not gone, f"README lists settings the server no longer reads: {gone}"


def command_line_flags() -> set[str]:
    """The options `python -m signaling` adds with `add_argument`."""
    tree = ast.parse(read("signaling/__main__.py"))
    return {
        argument.value
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "add_argument"
        for argument in call.args
        if isinstance(argument, ast.Constant) and str(argument.value).startswith("--")
    }


def test_every_flag_is_in_the_readme() -> None:
    documented = {flag for row in readme_rows() for flag in code_names(row[1])}
    assert command_line_flags(), "no add_argument found in signaling/__main__.py"
    assert sorted(command_line_flags() ^ documented) == [], "README's flag column"


def readme_defaults() -> dict[str, list[str]]:
    """Each setting's default as README states it (`A` / `B` rows: "x / y")."""
    defaults: dict[str, list[str]] = {}
    for row in readme_rows():
        names = code_names(row[0])
        values = [value.strip() for value in row[2].split(" / ")]
        for index, name in enumerate(names):
            defaults[name] = values[min(index, len(values) - 1)].split()
    return defaults


def test_the_readme_states_each_numeric_default_the_code_has() -> None:
    settings = Settings()
    limits = {setting: default for _, setting, default, *_ in LIMITS}
    wrong = {}
    for name, words in readme_defaults().items():
        default = limits.get(name, getattr(settings, name.lower(), None))
        if isinstance(default, int | float) and not isinstance(default, bool):
            stated = float(words[0].replace(",", ""))
            if stated != default:
                wrong[name] = (words[0], default)
    assert wrong == {}, "README's default column differs from the code's default"


def test_every_limit_is_in_security_md() -> None:
    limits = {setting for _, setting, *_ in LIMITS} | {
        "TRUSTED_PROXIES",
        "MAX_MESSAGE_BYTES",
    }
    in_security = first_column_names(read("docs/SECURITY.md"), "Limits")
    missing = sorted(limits - in_security)
    assert not missing, f"add to docs/SECURITY.md's limits table: {missing}"
    gone = sorted(in_security - settings_read())
    assert not gone, f"docs/SECURITY.md lists settings the server lacks: {gone}"
