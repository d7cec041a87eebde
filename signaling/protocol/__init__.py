"""The Socket.IO protocol: handlers, what each dialect hears, seat expiry and message
limits. Public python-socketio API only: nothing here reaches into a transport."""

from .handlers import Signaling
from .tags import room_tag, socketio_room

__all__ = ["Signaling", "room_tag", "socketio_room"]
