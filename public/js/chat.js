/**
 * Text chat with the other person over the call's data channel (data-channel.js), so
 * nothing of it passes the server. Messages show as text, never as HTML; a closed
 * panel counts unread messages; a message typed before the channel opens waits for it.
 */
import { MAX_CHAT_CHARS, receivedText, sendingProblem } from "./chat-text.js";
import { t } from "./i18n.js";

const chat = document.getElementById("chat");
const toggle = document.getElementById("chat-toggle");
const unread = document.getElementById("chat-unread");
const chatLog = document.getElementById("chat-log");
const form = document.getElementById("chat-form");
const input = /** @type {HTMLInputElement} */ (document.getElementById("chat-input"));
const hint = document.getElementById("chat-hint");

// Typed while no channel is open (the call is still connecting): sent once it opens.
const MAX_WAITING = 20;

/**
 * @typedef {{send: (type: string, body?: object) => boolean,
 *   on: (type: string, handler: (message: any) => void) => () => void,
 *   onOpen: (handler: () => void) => void}} AppChannel
 */

/**
 * Wire the chat to the page: a channel per call, the log kept for as long as we sit
 * in the room.
 * @param {{page: any, on: (listener: (event: any) => void) => void}} hooks main.js's
 *   hooks: `page.room`, and the listener of every change ("call-started" brings the
 *   call and its channel)
 * @param {(...args: unknown[]) => void} log
 */
export function wireChat({ page, on }, log) {
  /** @type {AppChannel | null} */
  let channel = null;
  /** @type {{text: string, item: HTMLElement}[]} messages not sent yet */
  let waiting = [];
  let unreadCount = 0;

  function isOpen() {
    return toggle.getAttribute("aria-expanded") === "true";
  }

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", String(open));
    chat.classList.toggle("collapsed", !open);
    if (open) {
      unreadCount = 0;
      showUnread();
    }
  }

  function showUnread() {
    unread.hidden = unreadCount === 0;
    unread.textContent = unreadCount === 0 ? "" : String(unreadCount);
    unread.setAttribute("aria-label", t("chat.unread").replace("{count}", String(unreadCount)));
  }

  function append(from, text) {
    const item = document.createElement("li");
    item.dataset.from = from;
    item.textContent = text; // text, never markup
    chatLog.append(item);
    item.scrollIntoView({ block: "nearest" });
    return item;
  }

  function flush() {
    while (channel !== null && waiting.length > 0) {
      if (!channel.send("chat", { text: waiting[0].text })) return;
      delete waiting.shift().item.dataset.pending;
    }
  }

  function received(message) {
    const text = receivedText(message);
    if (text === null) {
      log("ignored a chat message that breaks the rules");
      return;
    }
    append("peer", text);
    if (!isOpen()) {
      unreadCount += 1;
      showUnread();
    }
  }

  on((event) => {
    if (event.type === "call-started") {
      channel = event.call.channel;
      channel.on("chat", received);
      channel.onOpen(flush);
    } else if (event.type === "call-ended") {
      channel = null;
    }
    if (page.room === null) {
      chatLog.replaceChildren(); // a new room starts a new conversation
      waiting = [];
      unreadCount = 0;
      showUnread();
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    const problem = sendingProblem(text);
    if (problem === "too-long") {
      hint.textContent = t("chat.too-long").replace("{max}", String(MAX_CHAT_CHARS));
      return;
    }
    if (problem !== null) return;
    if (waiting.length >= MAX_WAITING) {
      hint.textContent = t("chat.not-connected");
      return;
    }
    const item = append("me", text);
    item.dataset.pending = "true"; // until the channel takes it
    waiting.push({ text, item });
    flush();
    input.value = "";
    hint.textContent = "";
  });
  input.addEventListener("input", () => {
    const over = input.value.length > MAX_CHAT_CHARS;
    hint.textContent = over
      ? t("chat.too-long").replace("{max}", String(MAX_CHAT_CHARS)) : "";
  });
  toggle.addEventListener("click", () => setOpen(!isOpen()));
  // On a small screen the chat would cover the other person: it starts closed there.
  setOpen(!window.matchMedia("(max-width: 600px)").matches);
}
