/**
 * What the page says, by notice code, for the notices it words itself (refusals from
 * the server come with their own sentence).
 */
export const TEXT = {
  "name-required": "Enter a room name to start a call, or create a private room.",
  "peer-left": "The other person left the call. Send the invite link to call again.",
  reconnecting: "The connection was lost. Reconnecting…",
  "peer-reconnecting": "The other person's connection dropped. Waiting for them…",
  "server-error": "The server did not answer. Check your connection and try again.",
  "call-failed": "Something went wrong with the call. Hang up and try again.",
  "turn-failed": "The call could not connect through the relay (TURN) server. Check " +
    "your network, or ask whoever runs this site to check its TURN settings.",
  "relay-needed": "Your two networks cannot connect directly, and this site has no " +
    "relay (TURN) server for such calls. Whoever runs this site can add one.",
  "too-many-seats": "Too many calls are open from your network right now. Leave a " +
    "call you no longer need, or try again in a minute.",
  // The server refused the connection (docs/PROTOCOL.md): what to do about it.
  "too-many-connections": "Too many connections to this site from your network " +
    "right now. Close the tabs of it you no longer use, then reload this page.",
  "too-many-connection-attempts": "Too many connections to this site from your " +
    "network in the last minute. Wait a minute, then reload this page.",
  "server-full": "This site has as many people as it can take right now. Reload " +
    "this page in a few minutes.",
  replaced: "This call moved to another tab or window. Enter a room name to call here.",
  "key-missing": "This is a private room, and the link you opened lacks its key (the " +
    "part after #). Open the whole link exactly as it was sent to you.",
  "key-invalid": "This private room link is damaged: the key after # is incomplete. " +
    "Ask for the link again and open it exactly as sent.",
};
