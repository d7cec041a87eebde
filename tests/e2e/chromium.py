"""How Debian's Chromium is started for the browser tests and the recovery benchmark:
fake camera and microphone, and nothing that reaches outside this machine."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--use-fake-device-for-media-stream",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-sandbox",  # the test machines run as root
]
