"""python-socketio's and python-engineio's own log lines, without what they carry.

At INFO those libraries log every packet with its data: SDP and ICE candidates,
which hold IP addresses, and room names. Their lines go through loggers of ours
that let them out only with LOG_LEVEL=DEBUG, and then with every argument that is
not an id or a packet name replaced by its type and size.
"""

from __future__ import annotations

import logging
import re

SOCKETIO_LOGGER = "signaling.library.socketio"
ENGINEIO_LOGGER = "signaling.library.engineio"
# What may appear as is: Engine.IO/Socket.IO sids (20 URL-safe base64 characters,
# some upper case, which a casefolded room key never has), packet names (PING,
# MESSAGE), the default namespace.
_SHOWN = re.compile(r"(?=[^A-Z]*[A-Z])[A-Za-z0-9_-]{20}|[A-Z]+|/")


class RedactPayloads(logging.Filter):
    """Replace each log argument that could carry a payload by its type and size."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_shown(arg) for arg in record.args)
        elif record.args:
            record.args = (_shown(record.args),)  # a mapping: never shown
            record.msg = "%s"
        return True


# engine.io's own words for a packet or body from a client that does not decode:
# the client's fault, so no ERROR and no traceback (issue 12, item 8).
CLIENT_MISTAKES = frozenset({"post request handler error", "Unknown receive error"})
CLIENT_ERRORS = (ValueError, UnicodeError, IndexError)  # IndexError: packet type
# engine.io's first line about a bad request (an unknown or closed session, a bad
# transport or upgrade) is an ERROR with this suffix, later ones INFO: the request
# is the client's mistake, so every one of them is INFO.
FIRST_OF_MANY = " (further occurrences of this error will be logged with level INFO)"


class ClientMistakesAtDebug(logging.Filter):
    """A malformed client packet that engine.io logs with a traceback becomes one
    DEBUG line without it, and its first line about a bad request an INFO line like
    the rest; engine.io's other errors stay as they are."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.endswith(FIRST_OF_MANY):
            record.msg = record.msg.removesuffix(FIRST_OF_MANY)
            record.levelno, record.levelname = logging.INFO, "INFO"
            return logging.getLogger(record.name).isEnabledFor(logging.INFO)
        error = record.exc_info[1] if record.exc_info else None
        if record.msg in CLIENT_MISTAKES and isinstance(error, CLIENT_ERRORS):
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            record.msg = "%s (a malformed packet from a client: dropped)"
            record.args = (type(error).__name__,)
            return record.name == ENGINEIO_LOGGER and logging.getLogger(
                record.name
            ).isEnabledFor(logging.DEBUG)
        return True


def _shown(arg: object) -> object:
    if arg is None or isinstance(arg, bool | int | float):
        return arg
    if isinstance(arg, str) and _SHOWN.fullmatch(arg):
        return arg
    size = len(arg) if isinstance(arg, str | bytes | list | tuple | dict) else "?"
    return f"<{type(arg).__name__} of {size}>"


def library_loggers(debug: bool) -> tuple[logging.Logger, logging.Logger]:
    """The loggers handed to python-socketio and python-engineio: silent below
    WARNING unless `debug`, and always redacted.

    Passing loggers of our own (not True/False) also keeps python-socketio from
    setting the level of its global loggers, and from adding a handler to them.
    """
    loggers = (logging.getLogger(SOCKETIO_LOGGER), logging.getLogger(ENGINEIO_LOGGER))
    for logger in loggers:
        logger.setLevel(logging.INFO if debug else logging.WARNING)
        if not any(isinstance(f, RedactPayloads) for f in logger.filters):
            logger.addFilter(RedactPayloads())
        if not any(isinstance(f, ClientMistakesAtDebug) for f in logger.filters):
            logger.addFilter(ClientMistakesAtDebug())
    return loggers
