"""A two-person video room: Socket.IO signaling server and the browser client."""

from .app import create_app

__version__ = "0.1.0"
__all__ = ["__version__", "create_app"]
