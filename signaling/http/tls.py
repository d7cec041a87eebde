"""HTTPS for self-hosting without a proxy: the certificate and key, loaded once at
start, so a wrong path or a mismatched key stops the server with a clear message."""

from __future__ import annotations

import ssl

from ..config import ConfigError, Settings


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """A server TLS context from CERTFILE/KEYFILE, or None for plain HTTP."""
    if not settings.certfile:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(settings.certfile, settings.keyfile)
    except (OSError, ssl.SSLError) as error:
        raise ConfigError(
            f"CERTFILE is {settings.certfile!r} and KEYFILE is {settings.keyfile!r}: "
            f"they could not be loaded ({error.strerror or error}); expected "
            "readable PEM files, the certificate (with its chain) and its key."
        ) from None
    return context
