"""Every use of python-socketio's, python-engineio's and aiohttp's internals lives in
this package, and nowhere else. The rest of the app sees one small surface: build the
server (`build_transport`), then `Transport.sio` (public python-socketio API only),
`close_all`, `is_alive` and `connection_count`.

Audit this package, and tests/unit/test_library_contract.py, on every upgrade of
python-socketio, python-engineio, aiohttp or orjson.
"""

from .base import PeerOf, RelayCounter, RelayRoom, Transport
from .surface import build_transport

__all__ = ["PeerOf", "RelayCounter", "RelayRoom", "Transport", "build_transport"]
