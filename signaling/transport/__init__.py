"""Every use of python-socketio's, python-engineio's and aiohttp's internals lives in
this package, and nowhere else: the rest of the app sees only its small surface."""
