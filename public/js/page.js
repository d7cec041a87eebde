/**
 * The page's one state object and the `dispatch` that changes it: machine.js decides
 * what an event changes, ui.js mirrors it into the DOM, then listeners hear the event.
 * Effects (network, media) are the callers' job.
 */
import { NO_NOTICE, transition } from "./machine.js";
import { render } from "./ui.js";

/** @typedef {import("./machine.js").PageData} PageData */
/** @typedef {import("./machine.js").PageEvent} PageEvent */
/** @typedef {(event: PageEvent, page: PageData, previousState: string) => void} Listener */

/**
 * A fresh page in state "media".
 * @returns {{page: PageData, dispatch: (event: PageEvent) => boolean,
 *   on: (listener: Listener) => void}}
 */
export function createPage() {
  /** @type {PageData} */
  const page = {
    state: "media",
    notice: NO_NOTICE,
    room: null,
    /** @type {string | null} */
    linkKey: null,
    polite: false,
    signaling: "offline",
    localStream: null,
    call: null,
    server: null,
  };
  /** @type {Listener[]} */
  const listeners = [];

  /**
   * Hand `event` to the state machine, apply what it changes, show it, tell listeners.
   * @param {PageEvent} event
   * @returns {boolean} false when the event meant nothing now (skip its effects)
   */
  function dispatch(event) {
    const changes = transition(page, event);
    if (changes === null) return false;
    const previousState = page.state;
    Object.assign(page, changes);
    render(page, changes);
    for (const listener of listeners) {
      try {
        listener(event, page, previousState);
      } catch (err) {
        console.error(`a listener of ${event.type} failed`, err);
      }
    }
    return true;
  }

  return { page, dispatch, on: (listener) => listeners.push(listener) };
}

/**
 * A function that runs async tasks one after the other, in the order given; a task
 * that throws goes to `onError` and the next one still runs.
 * @param {(err: unknown) => void} onError
 * @returns {(task: () => unknown) => Promise<unknown>}
 */
export function serialQueue(onError) {
  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();
  return (task) => {
    queue = queue.then(task).catch(onError);
    return queue;
  };
}
