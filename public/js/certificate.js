/**
 * This browser's DTLS certificate, kept in IndexedDB: every peer connection uses the
 * same one, so the safety code stays the same across reloads and reconnects. A browser
 * that cannot keep it (storage off, or an RTCCertificate it cannot store) gets a fresh
 * one per page load, and its code changes with each.
 */

const DATABASE = "video-room";
const STORE = "certificates";
const ENTRY = "dtls";
// A year: Chromium and Firefox both honour `expires` (their default is 30 days).
const VALID_MS = 365 * 24 * 3600 * 1000;
// Renewed a day early: a certificate must not expire in the middle of a call.
const RENEW_MS = 24 * 3600 * 1000;

/** @type {Promise<RTCCertificate> | null} */
let loading = null;

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

function openDatabase() {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

async function readStored(db) {
  return request(db.transaction(STORE).objectStore(STORE).get(ENTRY));
}

async function store(db, certificate) {
  const transaction = db.transaction(STORE, "readwrite");
  transaction.objectStore(STORE).put(certificate, ENTRY);
  await new Promise((resolve, reject) => {
    transaction.oncomplete = resolve;
    transaction.onerror = () => reject(transaction.error);
  });
}

function generate() {
  // `expires` is Chromium's extension of the algorithm, not in the DOM types.
  const algorithm = /** @type {AlgorithmIdentifier} */ (/** @type {unknown} */ ({
    name: "ECDSA", namedCurve: "P-256", expires: VALID_MS,
  }));
  return RTCPeerConnection.generateCertificate(algorithm);
}

async function loadOrCreate(log) {
  let db;
  try {
    db = await openDatabase();
    const stored = await readStored(db);
    if (stored instanceof RTCCertificate && stored.expires - Date.now() > RENEW_MS) {
      return stored;
    }
  } catch (err) {
    log("no stored DTLS certificate: the safety code will change on reload", err);
  }
  const certificate = await generate();
  try {
    if (db) await store(db, certificate);
  } catch (err) {
    log("could not keep the DTLS certificate: the safety code will change on reload", err);
  } finally {
    db?.close();
  }
  return certificate;
}

/**
 * The browser's certificate: the stored one, or a new one that is stored.
 * @param {(...args: unknown[]) => void} log
 * @returns {Promise<RTCCertificate>}
 */
export function loadCertificate(log) {
  loading ??= loadOrCreate(log).catch((err) => {
    loading = null; // try again next call; this one uses the browser's own certificate
    throw err;
  });
  return loading;
}
