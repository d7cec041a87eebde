/**
 * Perfect negotiation, as in MDN "Establishing a connection: The WebRTC perfect
 * negotiation pattern" and webrtc/samples "perfect-negotiation": either side may offer
 * at any time; on a collision the polite side yields. Also restarts ICE when it fails,
 * from the side that made the first offer (see `restartIce`). Knows nothing of sockets
 * or the page: messages go out through `send`.
 */

// A "disconnected" ICE transport often recovers by itself; restart only if it lingers.
const DISCONNECTED_GRACE_MS = 3000;
// Both sides see ICE fail at about the same moment, so one restarts and the other asks
// it to: a second restart on top of the first made Firefox fail the call. A restart
// this recent is still under way (a failed one is noticed much later than this).
const RESTART_UNDER_WAY_MS = 5000;

/**
 * Drive `pc`'s offers and answers.
 * @param {RTCPeerConnection} pc
 * @param {object} options
 * @param {boolean} options.polite yields when both sides offer at once (from the server)
 * @param {(payload: {description?: RTCSessionDescription,
 *   candidate?: RTCIceCandidate | null, restartIce?: true}) => void} options.send
 * @param {(...args: unknown[]) => void} options.log
 * @param {boolean} [options.answerFirst] make no offer before answering the other
 *   side's first one (they were told to offer first)
 * @returns {{receive: (message: {description?: RTCSessionDescriptionInit,
 *   candidate?: RTCIceCandidateInit | null, restartIce?: boolean}) => Promise<void>,
 *   detach: () => void, restartIce: (why: string) => Promise<void>,
 *   resendOffer: () => void}}
 */
export function attach(pc, { polite, send, log, answerFirst = false }) {
  let makingOffer = false;
  // The tracks we add before their offer arrives join its m-sections (JSEP 5.10), so
  // the answer carries them: the negotiation they ask for needs no offer of ours.
  let mayOffer = !answerFirst;
  let ignoreOffer = false;
  let isSettingRemoteAnswerPending = false;
  let disconnectedTimer = 0;
  // Whether the first offer this peer connection settled (answered) was ours: it set
  // the DTLS roles. null until one is settled; a rolled-back offer never counts.
  let offeredFirst = null;
  let restartedAt = -Infinity;

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
      restartIce("ICE failed");
    } else if (pc.iceConnectionState === "disconnected") {
      disconnectedTimer = setTimeout(() => {
        if (pc.iceConnectionState !== "disconnected") return;
        restartIce("ICE still disconnected");
      }, DISCONNECTED_GRACE_MS);
    }
  };

  // Only the side whose first offer set the DTLS roles offers an ICE restart; the other
  // asks it to. Firefox answers every offer with a=setup:active, even while it is the
  // DTLS server, and Chromium cannot switch the role of a running DTLS transport
  // ("Failed to set SSL role for the transport"): a re-offer from a Chromium that
  // answered Firefox's first offer ends the call. See docs/BROWSERS.md.
  function restartIce(why) {
    if (restartUnderWay(why)) return;
    restartedAt = performance.now();
    if (offeredFirst === false) {
      log(`${why}: asking the other side to restart ICE`);
      send({ restartIce: true });
    } else {
      log(`${why}: restarting`);
      pc.restartIce();
    }
  }

  function restartUnderWay(why) {
    const underWay = performance.now() - restartedAt < RESTART_UNDER_WAY_MS;
    if (underWay) log(`${why}: an ICE restart is already under way`);
    return underWay;
  }

  /**
   * @param {{description?: RTCSessionDescriptionInit,
   *   candidate?: RTCIceCandidateInit | null, restartIce?: boolean}} message
   */
  async function receive({ description, candidate, restartIce: asked }) {
    if (asked) {
      if (restartUnderWay("the other side asks for an ICE restart")) return;
      restartedAt = performance.now();
      log("the other side asks for an ICE restart");
      pc.restartIce();
    } else if (description) {
      // https://w3c.github.io/webrtc-pc/#perfect-negotiation-example
      const readyForOffer =
        !makingOffer && (pc.signalingState === "stable" || isSettingRemoteAnswerPending);
      const offerCollision = description.type === "offer" && !readyForOffer;
      ignoreOffer = !polite && offerCollision;
      if (ignoreOffer) {
        log("ignoring a colliding offer");
        return;
      }
      if (description.type === "answer" && pc.signalingState !== "have-local-offer") {
        log("an answer to an offer already answered: ignored"); // we sent that one twice
        return;
      }
      isSettingRemoteAnswerPending = description.type === "answer";
      await pc.setRemoteDescription(description);
      isSettingRemoteAnswerPending = false;
      if (description.type === "answer") offeredFirst ??= true;
      if (description.type === "offer") {
        await pc.setLocalDescription();
        offeredFirst ??= false;
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

  // An offer made while signaling was away reached nobody: take it back, then restart
  // (a restart asked for in have-local-offer would wait for an answer that never comes).
  async function restartNow(why) {
    if (restartUnderWay(why)) return; // its offer may be on its way: keep it
    if (pc.signalingState === "have-local-offer") {
      await pc.setLocalDescription({ type: "rollback" });
    }
    restartIce(why);
  }

  // An offer that may never have arrived, or whose answer was lost while signaling was
  // away, goes out again as it stands: the local description carries every candidate
  // gathered since, which were lost with it. (Taking it back and offering anew
  // instead failed the call in Firefox when its first copy had arrived.)
  function resendOffer() {
    if (pc.signalingState !== "have-local-offer" || makingOffer) return;
    log("sending our unanswered offer again");
    send({ description: pc.localDescription });
  }

  function detach() {
    clearTimeout(disconnectedTimer);
    pc.onnegotiationneeded = null;
    pc.onicecandidate = null;
    pc.oniceconnectionstatechange = null;
  }

  return { receive, detach, restartIce: restartNow, resendOffer };
}
