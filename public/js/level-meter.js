/**
 * A live level for one microphone track, shown in a <meter>: so a person can see that
 * the microphone hears them before and during a call. Sends nothing anywhere.
 */

const UPDATES_PER_SECOND = 10;
// Speech peaks near 0.1-0.3 RMS; scale so that talking fills most of the meter.
const GAIN = 4;
// The bar falls back slowly, so a short sound stays visible long enough to be seen.
const FALL_PER_UPDATE = 0.8;

/**
 * Show the level of `track` in `meter` until the returned function is called.
 * A disabled (muted) track reads as silence.
 * @param {MediaStreamTrack} track
 * @param {HTMLMeterElement} meter
 * @returns {() => void} stops measuring
 */
export function showLevel(track, meter) {
  const AudioContextClass = window.AudioContext;
  if (!AudioContextClass) return () => {};
  const context = new AudioContextClass();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  // Some browsers start an AudioContext suspended until the person interacts.
  const resume = () => { context.resume().catch(() => {}); };
  resume();
  document.addEventListener("pointerdown", resume, { once: true });
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    const level = Math.min(1, Math.sqrt(sum / samples.length) * GAIN);
    meter.value = Math.max(level, meter.value * FALL_PER_UPDATE);
  }, 1000 / UPDATES_PER_SECOND);
  return () => {
    clearInterval(timer);
    document.removeEventListener("pointerdown", resume);
    meter.value = 0;
    context.close().catch(() => {});
  };
}
