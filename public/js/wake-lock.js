/**
 * Keeps the screen on during a call (Screen Wake Lock API), so a phone does not go
 * dark while the other person talks: asked for when a call begins, released when it
 * ends, asked again when the page is shown again (a browser releases it whenever the
 * page is hidden). A browser without the API, or one that refuses, only logs it: the
 * call goes on either way. `body[data-wake-lock]` says where it stands: `held`,
 * `released`, `refused` or `unavailable`.
 */

// In a call with someone: the states in which the other person is (or is coming) on
// screen. Waiting alone, or the start screen, may let the screen sleep.
const IN_CALL = ["connecting", "connected", "reconnecting"];

/** @param {string} where held, released, refused or unavailable */
function show(where) {
  document.body.dataset.wakeLock = where;
}

/**
 * Hold a screen wake lock while the page is in a call.
 * @param {{on: (listener: (event: object, page: import("./machine.js").PageData) => void) => void}} hooks
 * @param {(...args: unknown[]) => void} log
 */
export function wireWakeLock(hooks, log) {
  if (!("wakeLock" in navigator)) {
    show("unavailable");
    log("no screen wake lock in this browser: the screen may sleep during a call");
    return;
  }
  let wanted = false;
  /** @type {WakeLockSentinel | null} */
  let sentinel = null;
  /** @type {Promise<void> | null} a request on its way */
  let asking = null;

  async function request() {
    try {
      const lock = await navigator.wakeLock.request("screen");
      lock.addEventListener("release", () => {
        if (sentinel !== lock) return;
        sentinel = null;
        show("released");
      });
      sentinel = lock;
      show("held");
      // The call ended while we asked: let go at once.
      if (!wanted) await release();
    } catch (err) {
      // Refused: the page is hidden, battery saver, or a policy. Nothing to tell.
      log("screen wake lock refused", err);
      show("refused");
    }
  }

  function acquire() {
    if (!wanted || sentinel !== null || asking !== null) return;
    if (document.visibilityState !== "visible") return; // asked again once shown
    asking = request().finally(() => {
      asking = null;
    });
  }

  async function release() {
    const lock = sentinel;
    sentinel = null;
    show("released");
    try {
      await lock?.release();
    } catch (err) {
      log("screen wake lock release failed", err);
    }
  }

  show("released");
  hooks.on((event, page) => {
    const inCall = IN_CALL.includes(page.state);
    if (inCall === wanted) return;
    wanted = inCall;
    if (wanted) acquire();
    else release();
  });
  document.addEventListener("visibilitychange", acquire);
}
