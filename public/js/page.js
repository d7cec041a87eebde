/**
 * The page's one state object and the `dispatch` that changes it: machine.js decides
 * what an event changes, ui.js mirrors it into the DOM, then listeners hear the event.
 * Effects (network, media) are the callers' job.
 */
import { NO_NOTICE, transition } from "./machine.js";
import { render } from "./ui.js";

/**
 * A fresh page in state "media".
 * @returns {{page: object, dispatch: (event: {type: string}) => boolean,
 *   on: (listener: (event: object, page: object, previousState: string) => void) => void}}
 */
export function createPage() {
  const page = {
    state: "media",
    notice: NO_NOTICE,
    room: null,
    polite: false,
    signaling: "offline",
    /** @type {MediaStream | null} */
    localStream: null,
    /** the running call (call.js), or null */
    call: null,
    /** the connection to the signaling server (signaling.js), or null */
    server: null,
  };
  const listeners = [];

  /**
   * Hand `event` to the state machine, apply what it changes, show it, tell listeners.
   * @param {{type: string, [detail: string]: any}} event
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
 * @returns {(task: () => unknown) => Promise<void>}
 */
export function serialQueue(onError) {
  let queue = Promise.resolve();
  return (task) => {
    queue = queue.then(task).catch(onError);
    return queue;
  };
}
