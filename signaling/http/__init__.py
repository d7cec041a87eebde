"""The HTTP side of the app: the page and its assets, /config, health, metrics,
security headers, Redis readiness and HTTPS. No Socket.IO handlers here."""
