"""The page's words come from its dictionaries (public/js/i18n/en.js and de.js).

Every text and every spoken attribute in index.html names its dictionary key, so the
page can be worded in either language; every key the scripts name exists.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

PUBLIC = Path(__file__).resolve().parents[2] / "public"
# Attributes a screen reader speaks or a person sees, and the one naming their key.
SPOKEN = {"aria-label": "data-i18n-label", "placeholder": "data-i18n-placeholder"}


@functools.cache
def dictionaries() -> dict[str, dict[str, str]]:
    node = shutil.which("node")
    assert node is not None, "Node is needed: scripts/setup-system"
    script = (
        "const {DICTIONARIES} = await import('./public/js/i18n.js');"
        "console.log(JSON.stringify(DICTIONARIES));"
    )
    result = subprocess.run(
        [node, "--input-type=module", "-e", script],
        cwd=PUBLIC.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(json.loads(result.stdout))


class PageTexts(HTMLParser):
    """Each text of the page with the attributes of the element that holds it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict[str, str | None]] = []
        self.texts: list[tuple[str, dict[str, str | None]]] = []
        self.elements: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = {"tag": tag, **dict(attrs)}
        self.elements.append(element)
        if tag not in {"meta", "link", "input", "br", "img"}:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1]["tag"] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and self.stack and self.stack[-1]["tag"] not in {"script", "style"}:
            self.texts.append((text, self.stack[-1]))


def page_texts() -> PageTexts:
    parser = PageTexts()
    parser.feed((PUBLIC / "index.html").read_text(encoding="utf-8"))
    return parser


def test_every_text_of_the_page_is_the_english_one_of_its_key() -> None:
    words = dictionaries()
    for text, element in page_texts().texts:
        language = element.get("data-language")
        if language is not None:  # each language's name, in that language
            assert text == words[language]["language.name"]
            continue
        key = element.get("data-i18n")
        assert key is not None, f"{text!r} names no data-i18n key"
        assert words["en"][key] == " ".join(text.split()), key


def test_every_spoken_attribute_names_its_key() -> None:
    english = dictionaries()["en"]
    for element in page_texts().elements:
        for attribute, key_attribute in SPOKEN.items():
            if attribute in element:
                key = element.get(key_attribute)
                assert key is not None, f"{attribute}={element[attribute]!r}"
                assert english[key] == element[attribute], key


def test_every_key_the_scripts_name_exists() -> None:
    english = dictionaries()["en"]
    named = set()
    for script in PUBLIC.glob("js/**/*.js"):
        source = script.read_text(encoding="utf-8")
        named |= set(re.findall(r"""\bt\(\s*"([\w.-]+)\"""", source))
        named |= set(re.findall(r"""setText\(\w+, "([\w.-]+)"\)""", source))
        named |= set(re.findall(r"""data-i18n(?:-\w+)?="([\w.-]+)\"""", source))
    html = (PUBLIC / "index.html").read_text(encoding="utf-8")
    named |= set(re.findall(r"""data-i18n(?:-\w+)?="([\w.-]+)\"""", html))
    assert named, "no keys found: the patterns above no longer match the page"
    assert sorted(named - english.keys()) == []
