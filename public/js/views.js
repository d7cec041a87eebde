/**
 * How the call is seen: the other person full screen or in picture-in-picture, and our
 * own view moved to any corner (drag it, or arrow keys) or hidden. Only looks: never
 * touches media, the call or the page state.
 */
import { setText } from "./i18n.js";

const stage = /** @type {HTMLElement} */ (document.querySelector(".stage"));
const remoteVideo = /** @type {HTMLVideoElement} */ (document.getElementById("remoteVideo"));
const localVideo = /** @type {HTMLVideoElement} */ (document.getElementById("localVideo"));
const fullscreenButton = document.getElementById("view-fullscreen");
const pipButton = document.getElementById("view-pip");
const selfViewButton = document.getElementById("view-self");

const CORNER_KEYS = {
  ArrowUp: ["top", null], ArrowDown: ["bottom", null],
  ArrowLeft: [null, "left"], ArrowRight: [null, "right"],
};

/** @param {HTMLElement} button @param {boolean} isOn @param {string} onKey @param {string} offKey */
function press(button, isOn, onKey, offKey) {
  button.setAttribute("aria-pressed", String(isOn));
  setText(button, isOn ? onKey : offKey);
}

/** Our own view is a small tile over the other person (in a call), not the backdrop. */
function isTile() {
  return localVideo.offsetWidth < stage.clientWidth / 2;
}

/**
 * Put our own view in the corner nearest to a point of the stage.
 * @param {number} x
 * @param {number} y
 */
function snapTo(x, y) {
  const box = stage.getBoundingClientRect();
  const vertical = y < box.top + box.height / 2 ? "top" : "bottom";
  const horizontal = x < box.left + box.width / 2 ? "left" : "right";
  localVideo.dataset.corner = `${vertical}-${horizontal}`;
}

function wireDragging() {
  let start = null;
  localVideo.addEventListener("pointerdown", (event) => {
    if (!isTile()) return;
    start = { x: event.clientX, y: event.clientY };
    localVideo.setPointerCapture(event.pointerId);
    localVideo.classList.add("dragging");
  });
  localVideo.addEventListener("pointermove", (event) => {
    if (!start) return;
    localVideo.style.setProperty("--drag-x", `${event.clientX - start.x}px`);
    localVideo.style.setProperty("--drag-y", `${event.clientY - start.y}px`);
  });
  const drop = (event) => {
    if (!start) return;
    start = null;
    localVideo.classList.remove("dragging");
    localVideo.style.removeProperty("--drag-x");
    localVideo.style.removeProperty("--drag-y");
    snapTo(event.clientX, event.clientY);
  };
  localVideo.addEventListener("pointerup", drop);
  localVideo.addEventListener("pointercancel", drop);
  localVideo.addEventListener("keydown", (event) => {
    const move = CORNER_KEYS[event.key];
    if (!move || !isTile()) return;
    event.preventDefault();
    const [vertical, horizontal] = (localVideo.dataset.corner ?? "bottom-right").split("-");
    localVideo.dataset.corner = `${move[0] ?? vertical}-${move[1] ?? horizontal}`;
  });
}

/**
 * Wire the view buttons over the stage and dragging our own view.
 * @param {(...args: unknown[]) => void} log
 */
export function wireViews(log) {
  fullscreenButton.hidden = !document.fullscreenEnabled;
  pipButton.hidden = !document.pictureInPictureEnabled;

  fullscreenButton.addEventListener("click", () => {
    const change = document.fullscreenElement ? document.exitFullscreen() : stage.requestFullscreen();
    change.catch((err) => log("full screen refused", err));
  });
  document.addEventListener("fullscreenchange", () => {
    press(fullscreenButton, document.fullscreenElement === stage, "view.fullscreen-exit", "view.fullscreen");
  });

  pipButton.addEventListener("click", () => {
    const change = document.pictureInPictureElement
      ? document.exitPictureInPicture()
      : remoteVideo.requestPictureInPicture();
    change.catch((err) => log("picture-in-picture refused", err));
  });
  remoteVideo.addEventListener("enterpictureinpicture", () => press(pipButton, true, "view.pip-exit", "view.pip"));
  remoteVideo.addEventListener("leavepictureinpicture", () => press(pipButton, false, "view.pip-exit", "view.pip"));

  selfViewButton.addEventListener("click", () => {
    const isHidden = localVideo.classList.toggle("self-hidden");
    press(selfViewButton, isHidden, "view.show-me", "view.hide-me");
  });
  wireDragging();
}
