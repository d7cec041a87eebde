/**
 * What the page says, by notice code, in the page's language now (the sentences live
 * in i18n/en.js and i18n/de.js as "notice.<code>"). Server refusals are worded here
 * too, by their code; an unknown code is undefined, so the server's sentence is shown.
 */
import { has, t } from "./i18n.js";

/** @type {Record<string, string>} */
export const TEXT = new Proxy({}, {
  get: (target, code) => (typeof code === "string" && has(`notice.${code}`)
    ? t(`notice.${code}`) : undefined),
});

/**
 * A server refusal in the page's words: by its code, or the server's own sentence for
 * a code this page does not know.
 * @param {string | undefined} code
 * @param {string | undefined} message
 * @returns {string}
 */
export const refusalText = (code, message) =>
  TEXT[code ?? "server-error"] ?? message ?? TEXT["server-error"];
