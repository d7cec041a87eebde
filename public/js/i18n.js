/**
 * The page's language: English or German, from `?lang=`, then the person's last
 * choice, then the browser's. Words come from one dictionary per language
 * (i18n/en.js, i18n/de.js); elements name theirs in `data-i18n` (text) and
 * `data-i18n-label` / `data-i18n-placeholder` (attributes), so a switch re-words the
 * page live. Imports nothing of the page: Node tests use `t` as it is served.
 */
import de from "./i18n/de.js";
import en from "./i18n/en.js";

/** @type {Record<string, Record<string, string>>} */
export const DICTIONARIES = { en, de };
export const LANGUAGES = Object.freeze(Object.keys(DICTIONARIES));
const STORAGE_KEY = "video-room.language";
const ATTRIBUTES = { label: "aria-label", placeholder: "placeholder" };

/** @type {Array<(language: string) => void>} */
const listeners = [];

/**
 * The language to start in: `?lang=`, a kept choice, then the browser's languages.
 * @param {string} search the address's query ("?lang=de")
 * @param {string | null} kept the person's last choice, if any
 * @param {readonly string[]} preferred navigator.languages
 * @returns {string}
 */
export function pickLanguage(search, kept, preferred) {
  const asked = new URLSearchParams(search).get("lang");
  for (const tag of [asked, kept, ...preferred]) {
    const base = (tag ?? "").toLowerCase().split("-")[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return "en";
}

function keptChoice() {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage blocked: the browser's language it is
  }
}

let current = pickLanguage(globalThis.location?.search ?? "", keptChoice(),
  globalThis.navigator?.languages ?? []);

/** @returns {string} the page's language now */
export const language = () => current;

/**
 * The words for `key` in the page's language, with `{name}` filled from `params`.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function t(key, params = {}) {
  const text = DICTIONARIES[current][key] ?? en[key];
  if (text === undefined) throw new Error(`no text for ${key}`);
  return text.replace(/\{(\w+)\}/g, (whole, name) => String(params[name] ?? whole));
}

/** @param {string} key @returns {boolean} whether a dictionary has `key` */
export const has = (key) => key in en;

/**
 * The same sentence in the page's language, when `text` is one of the dictionaries'
 * (a notice shown before a switch); other text as it is.
 * @param {string} text
 * @returns {string}
 */
export function reword(text) {
  for (const words of Object.values(DICTIONARIES)) {
    const key = Object.keys(words).find((k) => words[k] === text);
    if (key !== undefined) return t(key);
  }
  return text;
}

/**
 * Give an element its words by key, now and after every switch.
 * @param {HTMLElement} element
 * @param {string} key
 */
export function setText(element, key) {
  element.dataset.i18n = key;
  element.textContent = t(key);
}

/** Word every element that names its key, and `html[lang]`. */
export function translatePage() {
  document.documentElement.lang = current;
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = t(/** @type {HTMLElement} */ (element).dataset.i18n);
  }
  for (const [name, attribute] of Object.entries(ATTRIBUTES)) {
    for (const element of document.querySelectorAll(`[data-i18n-${name}]`)) {
      element.setAttribute(attribute, t(element.getAttribute(`data-i18n-${name}`)));
    }
  }
}

/**
 * Switch the page's language live, and keep the choice for next time.
 * @param {string} next "en" or "de"
 */
export function setLanguage(next) {
  if (!LANGUAGES.includes(next)) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // storage blocked: the choice lasts as long as the page
  }
  translatePage();
  for (const listener of listeners) listener(next);
}

/** @param {(language: string) => void} listener called after every switch */
export const onLanguageChange = (listener) => listeners.push(listener);
