"""`python -m signaling`: parse flags over the environment, set up logs, serve."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys

from aiohttp import web

from .app import create_app
from .config import (
    LOG_FORMATS,
    ConfigError,
    Settings,
    parse_choice,
    parse_log_level,
    parse_port,
    parse_transport,
)
from .file_limit import fit_file_limit
from .http.tls import ssl_context
from .logs import configure_logging

logger = logging.getLogger("signaling")

# How long a stopping server waits for requests still running after every
# connection was told to close.
SHUTDOWN_TIMEOUT_SECONDS = 5.0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m signaling",
        description="Signaling server and browser client for two-person video rooms.",
    )
    parser.add_argument(
        "--host",
        help="address to listen on (default: $HOST, else 0.0.0.0 when $PORT is set, "
        "else 127.0.0.1)",
    )
    parser.add_argument("--port", help="port to listen on (default: $PORT, else 8000)")
    parser.add_argument(
        "--log-level", help="DEBUG, INFO, WARNING or ERROR (default: INFO)"
    )
    parser.add_argument(
        "--log-format",
        help="text, or json: one object a line (default: $LOG_FORMAT, else text)",
    )
    parser.add_argument(
        "--transport",
        help="fast, or stock: python-engineio's own sockets and heartbeat and "
        "python-socketio's own dispatch (default: $TRANSPORT, else fast)",
    )
    parser.add_argument(
        "--certfile",
        help="PEM certificate (with chain) to serve HTTPS "
        "(default: $CERTFILE, else plain HTTP)",
    )
    parser.add_argument(
        "--keyfile", help="PEM private key for --certfile (default: $KEYFILE)"
    )
    return parser.parse_args(argv)


def load_settings(argv: list[str], environ: dict[str, str]) -> Settings:
    args = parse_args(argv)
    return Settings.from_env(environ).with_overrides(
        host=args.host,
        port=None if args.port is None else parse_port(args.port, "--port"),
        log_level=None
        if args.log_level is None
        else parse_log_level(args.log_level, "--log-level"),
        log_format=None
        if args.log_format is None
        else parse_choice(args.log_format, "--log-format", LOG_FORMATS),
        certfile=args.certfile,
        keyfile=args.keyfile,
        transport=None
        if args.transport is None
        else parse_transport(args.transport, "--transport"),
    )


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop where it is installed (Linux, macOS), asyncio's own loop elsewhere.

    uvloop runs the loop, sockets and timers in C: about 15% more relayed messages
    per second of CPU (docs/PERFORMANCE.md).
    """
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def tune_gc() -> None:
    """Collect cycles rarely, and never walk what exists at startup again.

    Every socket holds tasks, futures and dicts, so the heap grows with the number of
    connections; at the default threshold (700 allocations) the collector ran so
    often over that heap that it halved relay throughput at 5,000 clients. Nearly
    nothing a relay allocates is cyclic, so collecting 70x less often costs little
    memory.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def main(argv: list[str] | None = None) -> int:
    try:
        settings = load_settings(
            sys.argv[1:] if argv is None else argv, dict(os.environ)
        )
        tls = ssl_context(settings)
        app = create_app(settings)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    fit_file_limit(settings.limits.max_connections)
    # aiohttp logs every request at INFO; keep the access log for debugging only.
    access_log = (
        logging.getLogger("aiohttp.access") if settings.log_level == "DEBUG" else None
    )

    def started(_: str) -> None:
        # run_app "prints" once it listens: log then, so the line means "ready".
        logger.info(
            "serving on %s://%s:%d turn=%s redis=%s",
            "https" if tls else "http",
            settings.host,
            settings.port,
            "rest" if settings.turn_secret else "off",
            "on" if settings.redis_url else "off",
        )

    tune_gc()
    web.run_app(
        app,
        loop=new_event_loop(),
        host=settings.host,
        port=settings.port,
        ssl_context=tls,
        print=started,
        access_log=access_log,
        # Connections are closed first (on_shutdown); a request still running
        # after this long must not hold SIGTERM (aiohttp waits 60 s by default).
        shutdown_timeout=SHUTDOWN_TIMEOUT_SECONDS,
    )
    logger.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
