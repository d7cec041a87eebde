/**
 * The call quality on the page: the #quality indicator (data-level, data-path), one
 * line of advice, and the details panel behind #toggle-details (mouse or keyboard;
 * Escape closes it), whose figures can be copied as text. Only shows what it is
 * given; quality.js decides.
 */
import { adviceText, detailsText, levelLabel } from "./quality-words.js";
import { t } from "./i18n.js";
import { copyText, flashLabel } from "./ui.js";

const area = document.getElementById("quality-area");
const indicator = document.getElementById("quality");
const label = document.getElementById("quality-label");
const pathLabel = document.getElementById("quality-path");
const advice = document.getElementById("quality-advice");
const toggle = document.getElementById("toggle-details");
const panel = document.getElementById("quality-details");
const figures = document.getElementById("quality-figures");
const copyButton = /** @type {HTMLButtonElement} */ (document.getElementById("copy-details"));

/** @type {Array<[string, string]>} */
let shownRows = [];

/** Write text only when it changes: #quality is a live region. */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * Show the indicator, the advice and (when open) the details.
 * @param {object} view
 * @param {"good" | "fair" | "poor"} view.level
 * @param {"direct" | "relay" | null} view.path
 * @param {keyof typeof import("./quality-words.js").ADVICE | null} view.adviceCode
 * @param {Array<[string, string]>} view.rows the details panel's figures
 * @param {import("./quality-words.js").PeerReport | null} view.peer the other page's report
 */
export function showQuality({ level, path, adviceCode, rows, peer }) {
  area.hidden = false;
  indicator.dataset.level = level;
  if (path) indicator.dataset.path = path;
  setText(label, levelLabel(level));
  setText(pathLabel, path === "relay" ? t("quality.via-relay") : path === "direct" ? t("quality.direct") : "");
  advice.dataset.code = adviceCode ?? "";
  setText(advice, adviceCode ? adviceText(adviceCode, peer) : "");
  advice.hidden = adviceCode === null;
  shownRows = rows;
  if (!panel.hidden) renderRows();
}

/** The call is over: nothing to show. */
export function hideQuality() {
  area.hidden = true;
  indicator.dataset.level = "";
  indicator.dataset.path = "";
  advice.dataset.code = "";
  shownRows = [];
  setPanelOpen(false);
}

function renderRows() {
  const items = shownRows.flatMap(([name, value]) => {
    const term = document.createElement("dt");
    term.textContent = name;
    const detail = document.createElement("dd");
    detail.textContent = value;
    return [term, detail];
  });
  figures.replaceChildren(...items);
}

function setPanelOpen(open) {
  panel.hidden = !open;
  toggle.setAttribute("aria-expanded", String(open));
  if (open) renderRows();
}

/** Wire the details button, Escape and the copy button (once, at start). */
export function wireQualityDetails() {
  toggle.addEventListener("click", () => setPanelOpen(panel.hidden));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || panel.hidden) return;
    setPanelOpen(false);
    toggle.focus();
  });
  copyButton.addEventListener("click", async () => {
    const copied = await copyText(detailsText(shownRows, new Date()));
    flashLabel(copyButton, t(copied ? "quality.copied" : "quality.copy-failed"));
  });
}
