"""A private nginx running the project's own docs/deploy/nginx.conf, with only its
upstream and listen lines pointed at loopback ports, as compose.yaml runs it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .processes import Process, free_port, require

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "docs" / "deploy" / "nginx.conf"

WRAPPER = """\
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log stderr notice;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/site.conf;
}}
"""


def site_for(upstream_ports: list[int], listen_port: int) -> str:
    """docs/deploy/nginx.conf with `server web:8000 <its parameters>;` (one line
    per process, as compose's replicas, with the same parameters) and `listen
    8000;` moved to loopback ports; each must be there exactly once, or the test
    says so."""
    text = SITE.read_text()
    [upstream] = re.findall(r"^ *server web:8000\b[^;]*;", text, re.MULTILINE)
    upstream = upstream.strip()
    servers = " ".join(
        upstream.replace("web:8000", f"127.0.0.1:{port}") for port in upstream_ports
    )
    for line, local in (
        (upstream, servers),
        ("listen 8000;", f"listen 127.0.0.1:{listen_port};"),
    ):
        assert text.count(line) == 1, f"{SITE} no longer has one {line!r}"
        text = text.replace(line, local)
    return text


class Nginx:
    """nginx on 127.0.0.1 in front of the servers on `upstream_ports`."""

    def __init__(self, workdir: Path, upstream_ports: list[int]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        (workdir / "site.conf").write_text(site_for(upstream_ports, self.port))
        (workdir / "nginx.conf").write_text(WRAPPER.format(dir=workdir))
        argv = [nginx(), "-c", str(workdir / "nginx.conf"), "-p", str(workdir)]
        self.process = Process(argv, workdir / "nginx.log")
        self.process.wait_for_output(b"start worker process")

    def stop(self) -> None:
        self.process.stop()


def nginx() -> str:
    """nginx's path: Debian puts it in /usr/sbin, which a user's PATH may lack."""
    if shutil.which("nginx") is None and Path("/usr/sbin/nginx").exists():
        return "/usr/sbin/nginx"
    return require("nginx")
