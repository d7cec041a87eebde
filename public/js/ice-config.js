/**
 * GET /config, asked for once and reused while its TURN credentials stay valid: a new
 * peer connection does not cost a request (the server limits them per address), and
 * the other person cannot drain that limit by making this page rebuild its call.
 */
import { fetchIceConfig } from "./call.js";

// Asked for again this long before the credentials expire, so a call never starts
// with credentials about to run out.
const RENEW_BEFORE_MS = 60_000;
// Without TURN credentials (STUN only, or none), asked for again after this long.
const PLAIN_CONFIG_MS = 10 * 60_000;

/**
 * When the configuration's TURN credentials expire: the earliest `<unix expiry>:`
 * prefix of a username (the TURN REST scheme), or null when it has none.
 * @param {RTCConfiguration} config
 * @returns {number | null} milliseconds since the epoch
 */
export function expiresAt(config) {
  const expiries = (config.iceServers ?? [])
    .map(({ username }) => /^(\d+):/.exec(String(username ?? ""))?.[1])
    .filter((seconds) => seconds !== undefined)
    .map((seconds) => Number(seconds) * 1000);
  return expiries.length ? Math.min(...expiries) : null;
}

/**
 * A function that answers the ICE configuration, fetching it only when there is none
 * yet or the last one's credentials are about to expire. A failed fetch is not kept.
 * @returns {() => Promise<RTCConfiguration>}
 */
export function iceConfigSource() {
  /** @type {Promise<RTCConfiguration> | null} */
  let pending = null;
  let validUntil = 0;
  return () => {
    if (pending !== null && Date.now() < validUntil) return pending;
    validUntil = Infinity; // while the request runs, everyone waits for it
    const request = fetchIceConfig();
    pending = request;
    request.then(
      (config) => {
        const expiry = expiresAt(config);
        validUntil = expiry === null ? Date.now() + PLAIN_CONFIG_MS : expiry - RENEW_BEFORE_MS;
      },
      () => {
        if (pending === request) pending = null;
      },
    );
    return request;
  };
}
