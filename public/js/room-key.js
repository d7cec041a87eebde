/**
 * The key two spellings of one room share, computed exactly as the server does
 * (signaling/rooms/names.py): NFC, runs of whitespace collapsed to one space, trimmed,
 * case-folded as Python's `str.casefold`, NFC again. The page keeps seat tokens by it.
 * tests/room_keys.json holds the names both sides are tested with.
 */

// The whitespace the server collapses (its _WHITESPACE_RUN).
const WHITESPACE_RUN = /[\t\n\r\f\v \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
// What Python's str.strip() removes: str.isspace() characters. Not JS's trim(), which
// also removes U+FEFF and keeps U+001C–U+001F and U+0085.
const EDGE_SPACE =
  // eslint-disable-next-line no-control-regex -- U+001C–U+001F are Python whitespace
  /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
// The two code points whose case folding is not their capital's lower case.
/** @type {Record<string, string>} */
const FOLD_EXCEPTIONS = { "\u0131": "\u0131", "\u1e9e": "ss" };

/**
 * @param {number} codePoint
 * @returns {boolean}
 */
function isCherokee(codePoint) {
  return (codePoint >= 0x13a0 && codePoint <= 0x13fd) || (codePoint >= 0xab70 && codePoint <= 0xabbf);
}

/**
 * Python's `str.casefold` (Unicode full case folding), one code point at a time so
 * that no context rule applies (a final sigma folds to σ like any other).
 * @param {string} text
 * @returns {string}
 */
export function casefold(text) {
  return Array.from(text, (character) => {
    const exception = FOLD_EXCEPTIONS[character];
    if (exception !== undefined) return exception;
    // Case folding maps Cherokee to its capitals; every other letter to the lower
    // case of its capital (ß → SS → ss, ς → Σ → σ, ﬁ → FI → fi).
    if (isCherokee(character.codePointAt(0) ?? 0)) return character.toUpperCase();
    return character.toUpperCase().toLowerCase();
  }).join("");
}

/**
 * The key the server matches rooms by: "Straße " and "STRASSE" are one room.
 * @param {string} roomName
 * @returns {string}
 */
export function roomKey(roomName) {
  const name = roomName.normalize("NFC").replace(WHITESPACE_RUN, " ").replace(EDGE_SPACE, "");
  return casefold(name).normalize("NFC");
}
