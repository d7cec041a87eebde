/**
 * Shows the call's safety code (safety-code.js) while the call is connected, and
 * nothing otherwise: a code shown before the session is up would be a code for nothing.
 */
import { sessionSafetyCode } from "./safety-code.js";

const panel = document.getElementById("safety");
const output = document.getElementById("safety-code");

function clear() {
  output.textContent = "";
  panel.hidden = true;
}

/**
 * Keep #safety-code in step with the page: the code of `page.call.pc` in the
 * `connected` state, empty in every other.
 * @param {{page: any, on: (listener: (event: any) => void) => void}} hooks main.js's
 *   hooks: `page.state`, `page.call.pc`, and the listener of every change
 * @param {(...args: unknown[]) => void} log
 */
export function wireSafetyCode({ page, on }, log) {
  let shownFor = null;
  on(async () => {
    const pc = page.state === "connected" ? page.call?.pc ?? null : null;
    if (pc === shownFor) return;
    shownFor = pc;
    clear();
    if (pc === null) return;
    try {
      const code = await sessionSafetyCode(pc);
      if (shownFor !== pc || code === null) return; // the call moved on meanwhile
      output.textContent = code;
      panel.hidden = false;
    } catch (err) {
      log("no safety code", err);
    }
  });
}
