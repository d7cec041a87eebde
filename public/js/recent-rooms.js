/**
 * After hanging up: "Rejoin" the room just left, or a "New room"; and the rooms used
 * lately, kept in this browser only (localStorage), each removable. Joining is
 * main.js's job; this only remembers names and offers them.
 */
import { onLanguageChange, t } from "./i18n.js";

const STORAGE_KEY = "video-room.recent-rooms";
const MAX_ROOMS = 5;

const afterCall = document.getElementById("after-call");
const afterRoom = document.getElementById("after-room");
const rejoinButton = document.getElementById("rejoin");
const newRoomButton = document.getElementById("new-room");
const roomNew = document.getElementById("room-new");
const recent = document.getElementById("recent");
const recentList = document.getElementById("recent-list");

/** @returns {string[]} the rooms used lately, the latest first */
export function recentRooms() {
  try {
    const rooms = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(rooms) ? rooms.filter((room) => typeof room === "string") : [];
  } catch {
    return []; // storage blocked or spoilt: nothing to offer
  }
}

/** @param {string[]} rooms */
function keep(rooms) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(rooms.slice(0, MAX_ROOMS)));
  } catch {
    // storage blocked: the list lasts as long as the page
  }
}

/**
 * Wire the after-call choices and the list of recent rooms.
 * @param {{on: (listener: import("./page.js").Listener) => void}} hooks main.js's hooks
 * @param {{join: (name: string) => void}} actions
 */
export function wireRecentRooms({ on }, { join }) {
  let lastRoom = null;

  function render() {
    const rooms = recentRooms();
    recent.hidden = rooms.length === 0;
    recentList.replaceChildren(...rooms.map((room) => {
      const item = document.createElement("li");
      const enter = document.createElement("button");
      enter.type = "button";
      enter.className = "recent-join";
      enter.textContent = room;
      enter.addEventListener("click", () => join(room));
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "recent-remove";
      remove.textContent = t("recent.remove");
      remove.setAttribute("aria-label", t("recent.remove-room", { room }));
      remove.addEventListener("click", () => {
        keep(recentRooms().filter((kept) => kept !== room));
        render();
        recentList.querySelector("button")?.focus(); // focus stays in the list
      });
      item.append(enter, remove);
      return item;
    }));
  }

  on((event, page) => {
    if (event.type === "joined" && page.room !== null) {
      lastRoom = page.room;
      keep([page.room, ...recentRooms().filter((room) => room !== page.room)]);
      render();
    }
    if (event.type === "hung-up" && lastRoom !== null) {
      afterRoom.textContent = lastRoom;
      afterCall.hidden = false;
    } else if (page.state !== "naming") {
      afterCall.hidden = true;
    }
  });
  rejoinButton.addEventListener("click", () => join(lastRoom));
  newRoomButton.addEventListener("click", () => roomNew.click());
  onLanguageChange(render);
  render();
}
