// Drives Debian's firefox-esr for the browser tests (tests/e2e/firefox.py) over WebDriver
// BiDi with puppeteer-core: one JSON command per stdin line, one JSON answer per stdout
// line. Every page is a person: a browser context of its own, in a window of its own.
//
//   in:  {"id": 1, "cmd": "goto", "page": "p1", "url": "http://..."}
//   out: {"id": 1, "ok": true, "value": ...} or {"id": 1, "ok": false, "error": "..."}
//   out: {"event": "console", "page": "p1", "text": "..."} at any time
//
// It never evaluates code with eval or new Function inside a page, so the page's
// Content-Security-Policy (no 'unsafe-eval') does not get in the way: expressions are
// built here and sent as they are.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const POLL_MS = 50;

const PREFS = {
  // A fake camera (a frame whose colour cycles) and a fake microphone (a tone), granted
  // without a prompt. The permission pref also skips the screen picker: getDisplayMedia
  // takes the first screen (only where there is one, see FIREFOX_HEADLESS).
  "media.navigator.streams.fake": true,
  "media.navigator.permission.disabled": true,
  // Every person's window is in front as far as timers and media are concerned.
  "dom.min_background_timeout_value": 4,
  "media.suspend-background-video.enabled": false,
  "media.block-autoplay-until-in-foreground": false,
};
if (process.env.FIREFOX_AUTOPLAY === "1") {
  // Firefox's own policy: media with sound plays only after the person used the page.
  // Every BiDi script call counts as using the page (puppeteer sends userActivation:
  // true), so only real input events (policy 2: a click) may count here.
  PREFS["media.autoplay.default"] = 1;
  PREFS["media.autoplay.blocking_policy"] = 2;
} else {
  // As in the Chromium runs, the other person's video with sound starts by itself.
  PREFS["media.autoplay.default"] = 0;
}

// With FIREFOX_HEADLESS=0 Firefox opens real windows on $DISPLAY (an Xvfb screen the
// tests start): headless Firefox has no screen, so getDisplayMedia finds nothing to
// share. Camera and microphone stay fake either way. That Firefox also lets BiDi reach
// its own windows (--remote-allow-system-access), for the sharing indicator's "Stop
// Sharing" button (pressStopSharing).
const headless = process.env.FIREFOX_HEADLESS !== "0";
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: FIREFOX,
  headless,
  args: headless ? [] : ["--remote-allow-system-access"],
  extraPrefsFirefox: PREFS,
  // The Python side stops us by closing stdin; no signal handling of our own.
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
});

/** @type {Map<string, {context: import("puppeteer-core").BrowserContext, page: import("puppeteer-core").Page}>} */
const people = new Map();
let pageCount = 0;

function write(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** An expression that is `source`'s value, or `source` called with `arg` if a function. */
function expression(source, arg) {
  return `(() => { const value = (${source}); return typeof value === "function" ? value(${JSON.stringify(arg ?? null)}) : value; })()`;
}

// Firefox's own "Stop Sharing": the button of its sharing indicator, a browser window of
// its own (chrome://browser/content/webrtcIndicator.xhtml) shown while a screen is
// shared. Pressing it ends every screen share, as for a person.
const PRESS_STOP_SHARING = `(() => {
  const button = document.getElementById("stop-sharing");
  if (document.documentElement.getAttribute("sharingscreen") !== "true" || !button) return false;
  button.click();
  return true;
})()`;

/** Press the indicator's button once it shows a shared screen (polled). */
async function pressStopSharing(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { result } = await browser.connection.send("browsingContext.getTree", { "moz:scope": "chrome" });
    const indicator = result.contexts.find((context) => context.url.endsWith("/webrtcIndicator.xhtml"));
    if (indicator) {
      const { result: pressed } = await browser.connection.send("script.evaluate", {
        expression: PRESS_STOP_SHARING, target: { context: indicator.context }, awaitPromise: false,
      });
      if (pressed.type === "success" && pressed.result.value === true) return;
    }
    if (Date.now() > deadline) throw new Error(`no sharing indicator to press within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Until `source` is truthy (polled in the page); a navigation meanwhile is waited out. */
async function waitFor(page, source, arg, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const poll = `new Promise((resolve, reject) => {
    const deadline = Date.now() + ${Math.max(0, timeoutMs)};
    const tick = () => {
      let value;
      try { value = ${expression(source, arg)}; } catch (err) { reject(err); return; }
      if (value) resolve(value);
      else if (Date.now() > deadline) resolve(null);
      else setTimeout(tick, ${POLL_MS});
    };
    tick();
  })`;
  let lastError = null;
  for (;;) {
    try {
      const value = await page.evaluate(poll);
      if (value) return value;
    } catch (err) {
      // The page navigated (a reload) while we polled: poll the new document.
      if (!/context|navigat|destroyed|discarded|no such frame/i.test(String(err?.message))) throw err;
      lastError = err;
    }
    if (Date.now() > deadline) {
      const after = lastError ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${source}${after}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function person(name) {
  const found = people.get(name);
  if (!found) throw new Error(`no page ${name}`);
  return found;
}

const commands = {
  async newPage({ initScripts = [] }) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage({ type: "window" });
    const name = `firefox${++pageCount}`;
    people.set(name, { context, page });
    page.on("console", (message) => write({ event: "console", page: name, text: message.text() }));
    page.on("pageerror", (error) => write({ event: "console", page: name, text: `error: ${error}` }));
    page.on("dialog", async (dialog) => {
      write({ event: "dialog", page: name, text: dialog.message() });
      await dialog.dismiss();
    });
    for (const script of initScripts) await page.evaluateOnNewDocument(script);
    return name;
  },
  async goto({ page, url }) {
    await person(page).page.goto(url, { waitUntil: "load" });
  },
  async reload({ page }) {
    await person(page).page.reload({ waitUntil: "load" });
  },
  async evaluate({ page, source, arg }) {
    return (await person(page).page.evaluate(expression(source, arg))) ?? null;
  },
  async waitFor({ page, source, arg, timeoutMs }) {
    return waitFor(person(page).page, source, arg, timeoutMs);
  },
  async click({ page, selector }) {
    await person(page).page.click(selector);
  },
  async fill({ page, selector, value }) {
    const target = person(page).page;
    await target.$eval(selector, (element) => { element.value = ""; });
    await target.type(selector, value);
  },
  async setOffline({ page, offline }) {
    await person(page).page.setOfflineMode(offline);
  },
  async pressStopSharing({ timeoutMs }) {
    await pressStopSharing(timeoutMs);
  },
  async closePage({ page }) {
    const { context } = person(page);
    people.delete(page);
    await context.close();
  },
};

// The PID and the temporary profile let the Python side clean up if we cannot.
const spawnargs = browser.process()?.spawnargs ?? [];
write({
  event: "ready",
  pid: browser.process()?.pid ?? null,
  profile: spawnargs[spawnargs.indexOf("--profile") + 1] ?? null,
  version: await browser.version(),
});

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { id, cmd, ...args } = JSON.parse(line);
  const command = commands[cmd];
  // Commands run concurrently (two people act at once); answers carry the id.
  (async () => {
    try {
      if (!command) throw new Error(`unknown command ${cmd}`);
      write({ id, ok: true, value: (await command(args)) ?? null });
    } catch (err) {
      write({ id, ok: false, error: String(err?.stack ?? err) });
    }
  })();
}
// stdin closed: the test session is over (or its process died).
await browser.close();
write({ event: "closed" });
