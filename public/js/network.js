/**
 * The device's network changing under a call: Wi-Fi to mobile, a VPN coming up, back
 * online. ICE would notice only when its checks fail, seconds later; these events say
 * it at once. Knows nothing of calls.
 */

/**
 * Call `onChange` each time the browser says the network changed: the window's
 * `online` event, and `navigator.connection`'s `change` while online, where it exists
 * (Chromium).
 * @param {(why: string) => void} onChange
 */
export function watchNetwork(onChange) {
  window.addEventListener("online", () => onChange("back online"));
  // Network Information API: not in Firefox or Safari, hence the optional chaining.
  const connection = /** @type {any} */ (navigator).connection;
  // Going offline is a change too: nothing to restart on until the network is back
  // (an ICE restart offered then reaches nobody; the `online` event follows).
  connection?.addEventListener?.("change", () => {
    if (navigator.onLine) onChange("the network changed");
  });
}
