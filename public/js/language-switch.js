/**
 * The English/Deutsch switch in the header, and the page's first wording: it changes
 * only words and `html[lang]`, never the call or the page state.
 */
import { language, onLanguageChange, setLanguage, translatePage } from "./i18n.js";

const buttons = /** @type {HTMLButtonElement[]} */ (
  [...document.querySelectorAll("#languages [data-language]")]);

function showChoice() {
  for (const button of buttons) {
    button.setAttribute("aria-pressed", String(button.dataset.language === language()));
  }
}

/** Word the page in its language, and let the switch change it live. */
export function wireLanguageSwitch() {
  translatePage();
  showChoice();
  onLanguageChange(showChoice);
  for (const button of buttons) {
    button.addEventListener("click", () => setLanguage(button.dataset.language));
  }
}
