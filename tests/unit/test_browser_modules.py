"""The page's pure ES modules, tested by Node's built-in test runner (tests/js/).

They run in Node as they are served, with no build step: a function that needs no
browser (the app channel's wire format, call quality from getStats figures) is
tested on plain values here; what needs a browser is tested in tests/e2e.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

JS_TESTS = Path(__file__).resolve().parents[1] / "js"


def test_browser_modules_pass_their_node_tests() -> None:
    node = shutil.which("node")
    assert node is not None, "Node is needed for tests/js: scripts/setup-system"
    result = subprocess.run(
        [node, "--test", str(JS_TESTS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
