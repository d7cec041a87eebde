/**
 * The rules for a chat message's text, the same for what we send and what we accept:
 * plain text (never markup: the page shows it with textContent), at most
 * MAX_CHAT_CHARS characters. Pure.
 */

export const MAX_CHAT_CHARS = 1000;

/**
 * Why `text` cannot be sent ("empty", "too-long"), or null when it can.
 * @param {string} text
 * @returns {"empty" | "too-long" | null}
 */
export function sendingProblem(text) {
  if (text.trim() === "") return "empty";
  if (text.length > MAX_CHAT_CHARS) return "too-long";
  return null;
}

/**
 * The text of a chat message from the other page, or null when it breaks the rules.
 * @param {{text?: unknown}} message
 * @returns {string | null}
 */
export function receivedText(message) {
  const { text } = message;
  return typeof text === "string" && sendingProblem(text) === null ? text : null;
}
