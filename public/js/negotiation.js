/**
 * Perfect negotiation, as in MDN "Establishing a connection: The WebRTC perfect
 * negotiation pattern" and webrtc/samples "perfect-negotiation": either side may offer
 * at any time; on a collision the polite side yields. Also restarts ICE when it fails.
 * Knows nothing of sockets or the page: messages go out through `send`.
 */

// A "disconnected" ICE transport often recovers by itself; restart only if it lingers.
const DISCONNECTED_GRACE_MS = 3000;

/**
 * Drive `pc`'s offers and answers.
 * @param {RTCPeerConnection} pc
 * @param {object} options
 * @param {boolean} options.polite yields when both sides offer at once (from the server)
 * @param {(payload: {description?: RTCSessionDescription,
 *   candidate?: RTCIceCandidate | null}) => void} options.send
 * @param {(...args: unknown[]) => void} options.log
 * @param {boolean} [options.answerFirst] make no offer before answering the other
 *   side's first one (they were told to offer first)
 * @returns {{receive: (message: {description?: RTCSessionDescriptionInit,
 *   candidate?: RTCIceCandidateInit | null}) => Promise<void>, detach: () => void}}
 */
export function attach(pc, { polite, send, log, answerFirst = false }) {
  let makingOffer = false;
  // The tracks we add before their offer arrives join its m-sections (JSEP 5.10), so
  // the answer carries them: the negotiation they ask for needs no offer of ours.
  let mayOffer = !answerFirst;
  let ignoreOffer = false;
  let isSettingRemoteAnswerPending = false;
  let disconnectedTimer = 0;

  pc.onnegotiationneeded = async () => {
    if (!mayOffer) return;
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      send({ description: pc.localDescription });
    } catch (err) {
      log("could not make an offer", err);
    } finally {
      makingOffer = false;
    }
  };

  // Trickle ICE: every candidate goes out as soon as it is found.
  pc.onicecandidate = ({ candidate }) => send({ candidate });

  pc.oniceconnectionstatechange = () => {
    clearTimeout(disconnectedTimer);
    if (pc.iceConnectionState === "failed") {
      log("ICE failed: restarting");
      pc.restartIce();
    } else if (pc.iceConnectionState === "disconnected") {
      disconnectedTimer = setTimeout(() => {
        if (pc.iceConnectionState !== "disconnected") return;
        log("ICE still disconnected: restarting");
        pc.restartIce();
      }, DISCONNECTED_GRACE_MS);
    }
  };

  async function receive({ description, candidate }) {
    if (description) {
      // https://w3c.github.io/webrtc-pc/#perfect-negotiation-example
      const readyForOffer =
        !makingOffer && (pc.signalingState === "stable" || isSettingRemoteAnswerPending);
      const offerCollision = description.type === "offer" && !readyForOffer;
      ignoreOffer = !polite && offerCollision;
      if (ignoreOffer) {
        log("ignoring a colliding offer");
        return;
      }
      isSettingRemoteAnswerPending = description.type === "answer";
      await pc.setRemoteDescription(description);
      isSettingRemoteAnswerPending = false;
      if (description.type === "offer") {
        await pc.setLocalDescription();
        send({ description: pc.localDescription });
      }
      mayOffer = true;
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (err) {
        if (!ignoreOffer) throw err; // candidates of an ignored offer are expected to fail
      }
    }
  }

  function detach() {
    clearTimeout(disconnectedTimer);
    pc.onnegotiationneeded = null;
    pc.onicecandidate = null;
    pc.oniceconnectionstatechange = null;
  }

  return { receive, detach };
}
