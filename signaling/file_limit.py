"""The process's open-file limit, raised to fit MAX_CONNECTIONS: each connection
is a file descriptor, and a process out of them cannot even answer /healthz."""

from __future__ import annotations

import logging
import resource

logger = logging.getLogger(__name__)

# Files besides connections: Redis, logs, listening sockets, Engine.IO sessions
# and request bodies on their way.
SPARE_FILES = 1024


def fit_file_limit(max_connections: int) -> int:
    """Raise the soft RLIMIT_NOFILE to MAX_CONNECTIONS + SPARE_FILES, as far as
    the hard limit allows (systemd gives services 1024 soft, 524288 hard), and
    warn when even the hard limit is lower. Returns the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = max_connections + SPARE_FILES
    if soft >= wanted:
        return soft
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    if soft < wanted:
        logger.warning(
            "open-file limit %d is below MAX_CONNECTIONS (%d) + %d: raise it "
            "(ulimit -n, systemd LimitNOFILE=, docker --ulimit nofile=) or lower "
            "MAX_CONNECTIONS",
            soft,
            max_connections,
            SPARE_FILES,
        )
    return soft
