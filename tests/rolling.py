"""Two server processes on one Redis and one SECRET_KEY behind a real nginx running
docs/deploy/nginx.conf, restarted one after the other as a deploy does: SIGTERM,
start it again, wait until it says it is ready, then the next."""

from __future__ import annotations

import secrets
import time
import urllib.error
import urllib.request
from pathlib import Path

from .nginx import Nginx
from .nodes import SignalingNode

# A bound, not a speed: the machine may be busy with other tests.
READY_SECONDS = 30.0


class RollingDeployment:
    """`processes` nodes behind nginx; `url` is where people (and browsers) go."""

    def __init__(self, workdir: Path, redis_url: str, processes: int = 2) -> None:
        self.workdir = workdir
        secret = secrets.token_hex(32)  # shared: a seat token verifies on any node
        prefix = f"rolling-{secrets.token_hex(4)}"
        self.nodes = [
            SignalingNode(f"node-{n}", redis_url, prefix, secret)
            for n in range(processes)
        ]
        self.nginx: Nginx | None = None

    @property
    def url(self) -> str:
        assert self.nginx is not None
        return self.nginx.url

    def start(self) -> None:
        for node in self.nodes:
            node.start(self.workdir)
            wait_until_ready(node)
        (self.workdir / "nginx").mkdir(exist_ok=True)
        self.nginx = Nginx(self.workdir / "nginx", [node.port for node in self.nodes])

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.stop()
        for node in self.nodes:
            node.stop()

    def terminate(self, node: SignalingNode) -> None:
        """SIGTERM `node` and wait until it exits by itself (SIGKILL would come only
        after processes.STOP_SECONDS, and fails here)."""
        assert node.process is not None
        process = node.process.popen
        node.stop()
        assert process.returncode == 0, f"{node.name} did not exit by itself"

    def bring_back(self, node: SignalingNode) -> None:
        """Start `node` again; return once its /readyz says it takes calls."""
        node.start()
        wait_until_ready(node)


def wait_until_ready(node: SignalingNode) -> None:
    """Poll the node's own /readyz (as a load balancer's health check does)."""
    deadline = time.monotonic() + READY_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{node.url}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        assert time.monotonic() < deadline, f"{node.name} never became ready"
        time.sleep(0.1)
