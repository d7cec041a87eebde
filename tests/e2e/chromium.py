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

# Screen sharing without a picker (a fake 1280x720 screen) and three fake cameras.
# fake_device_1 is a depth camera that sends no frames: the tests use 0 and 2. The
# fake-UI flag grants camera and microphone to every context, so tests that need a
# refusal never run in this browser.
SHARING_CHROMIUM_ARGS = [
    "--use-fake-device-for-media-stream=device-count=3",
    "--use-fake-ui-for-media-stream",
    *(arg for arg in CHROMIUM_ARGS if arg != "--use-fake-device-for-media-stream"),
]
