/**
 * Everything the page says, in English. Keys are shared with de.js (a test checks
 * both have the same keys and the same {placeholders}); index.html names them in
 * data-i18n attributes.
 */
export default {
  "language.name": "English",
  "language.switch": "Language",
  "app.title": "Video room",
  "room.label": "Room",
  // Camera and microphone.
  "media.heading": "Camera and microphone",
  "media.hint": "Allow camera and microphone when your browser asks. Both are needed for a call.",
  "media.retry": "Try again",
  // The room form.
  "room.heading": "Start or join a call",
  "room.name": "Room name",
  "room.placeholder": "for example: family-sunday",
  "room.hint": "Two people who enter the same name meet in the same room.",
  "room.prejoin": "Check yourself first: your picture, and below, your camera, " +
    "microphone (the bar moves when you speak) and speaker.",
  "room.submit": "Enter room",
  "room.cancel": "Cancel",
  "room.or": "or",
  "room.new": "Create a private room and copy its link",
  "after.left": "You left the call in room",
  "after.rejoin": "Rejoin",
  "after.new": "New room",
  "recent.heading": "Recent rooms (kept in this browser only)",
  "recent.remove": "Remove",
  "recent.remove-room": "Remove {room} from this list",
  // Waiting for the other person.
  "waiting.heading": "Waiting for someone to join",
  "waiting.hint": "Send this link to the person you want to talk to:",
  "waiting.copy": "Copy invite link",
  "copy.done": "Link copied",
  "copy.failed": "Copy failed: select the link",
  // The state, in a line.
  "status.media": "Waiting for camera and microphone…",
  "status.joining": "Entering the room…",
  "status.connecting": "Connecting to the other person…",
  "status.reconnecting": "Reconnecting…",
  "remote.play": "Click to hear and see the other person",
  // Views over the call.
  "view.group": "View",
  "view.self": "Your own picture: drag it, or use the arrow keys, to move it",
  "view.fullscreen": "Full screen",
  "view.fullscreen-exit": "Exit full screen",
  "view.pip": "Picture in picture",
  "view.pip-exit": "Back to the page",
  "view.hide-me": "Hide me",
  "view.show-me": "Show me",
  // Call controls and devices.
  "controls.group": "Call controls",
  "devices.group": "Devices",
  "devices.camera": "Camera",
  "devices.mic": "Microphone",
  "devices.mic-level": "Microphone level",
  "devices.speaker": "Speaker",
  "devices.toggle": "Devices",
  "devices.camera-n": "camera {n}",
  "devices.mic-n": "microphone {n}",
  "devices.speaker-n": "speaker {n}",
  "devices.the-camera": "The camera",
  "devices.the-mic": "The microphone",
  "devices.the-speaker": "The speaker",
  "devices.gone": "{gone} was disconnected: now using {next}.",
  "devices.added": "Now using {next}, just connected.",
  "devices.failed": "{device} could not be started. It may be in use by another app: " +
    "close it, or choose another one.",
  "controls.mute": "Mute",
  "controls.unmute": "Unmute",
  "controls.camera-off": "Camera off",
  "controls.camera-on": "Camera on",
  "controls.share": "Share screen",
  "controls.share-stop": "Stop sharing",
  "controls.flip": "Flip camera",
  "controls.copy-link": "Copy link",
  "controls.hang-up": "Hang up",
  // Call quality.
  "quality.area": "Call quality",
  "quality.details": "Details",
  "quality.details-heading": "Call details",
  "quality.copy": "Copy details",
  "quality.copied": "Details copied",
  "quality.copy-failed": "Copy failed: select the text",
  "quality.via-relay": "via relay",
  "quality.direct": "direct",
  "quality.good": "Good connection",
  "quality.fair": "Fair connection",
  "quality.poor": "Poor connection",
  "quality.advice.upload-weak":
    "Your upload is weak: video was lowered to keep your voice clear.",
  "quality.advice.peer-unstable": "The other person's connection is unstable.",
  "quality.advice.connection-unstable":
    "The connection between you is unstable: video may freeze or blur.",
  "quality.advice.relay": "This call goes through a relay server.",
  "quality.they-see": " They see you at {picture}.",
  "quality.row.quality": "Quality",
  "quality.row.path": "Path",
  "quality.row.rtt": "Round trip",
  "quality.row.loss": "Packet loss",
  "quality.row.jitter": "Jitter",
  "quality.row.bitrate": "Bitrate",
  "quality.row.audio-codec": "Audio codec",
  "quality.row.video-in": "Video in",
  "quality.row.video-out": "Video out",
  "quality.row.they-see": "They see you at",
  "quality.reason.rtt": "long round trip",
  "quality.reason.loss": "packet loss",
  "quality.reason.jitter": "jitter",
  "quality.reason.upload": "weak upload",
  "quality.now": "now",
  "quality.in": "in",
  "quality.out": "out",
  "quality.over": "over",
  "quality.no-video": "no video",
  "quality.held-back": "held back by",
  "quality.upload-estimate": "upload estimate",
  "quality.loss": "loss",
  "quality.details-title": "Video room call details",
  "shortcuts.heading": "Keyboard shortcuts",
  "shortcuts.open": "Shortcuts (?)",
  "shortcuts.hint": "Shortcuts do nothing while you type in a field.",
  "shortcuts.close": "Close",
  "shortcuts.mute": "Mute or unmute",
  "shortcuts.camera": "Camera off or on",
  "shortcuts.share": "Share the screen, or stop",
  "shortcuts.fullscreen": "Full screen, or back",
  "shortcuts.details": "Call details",
  "shortcuts.chat": "Write in the chat",
  "shortcuts.hang-up": "Hang up",
  // Notices, by notice code (the UI contract's and the server's refusal codes).
  "notice.media-denied": "A call needs both your camera and your microphone, and this " +
    "site is not allowed to use them. Click the camera icon or the lock in the address " +
    "bar, allow camera and microphone for this site, then press Try again.",
  "notice.media-unavailable": "A call needs both your camera and your microphone, but " +
    "they could not be started. Check that both are connected and not in use by " +
    "another app or tab, then press Try again.",
  "notice.insecure-context": "Camera and microphone only work on a secure page. Open " +
    "this site with https:// (or on localhost) to make a call.",
  "notice.name-required": "Enter a room name to start a call, or create a private room.",
  "notice.name-invalid": "That room name cannot be used. Use up to 64 letters, digits " +
    "or punctuation.",
  "notice.room-full": "This room already has two people. Pick another name.",
  "notice.peer-left": "The other person left the call. Send the invite link to call again.",
  "notice.reconnecting": "The connection was lost. Reconnecting…",
  "notice.peer-reconnecting": "The other person's connection dropped. Waiting for them…",
  "notice.server-error": "The server did not answer. Check your connection and try again.",
  "notice.server-unavailable": "The server cannot look up rooms right now. Try again " +
    "in a moment.",
  "notice.call-failed": "Something went wrong with the call. Hang up and try again.",
  "notice.turn-failed": "The call could not connect through the relay (TURN) server. " +
    "Check your network, or ask whoever runs this site to check its TURN settings.",
  "notice.relay-needed": "Your two networks cannot connect directly, and this site has " +
    "no relay (TURN) server for such calls. Whoever runs this site can add one.",
  "notice.too-many-joins": "Too many attempts to enter a room. Wait a minute, then " +
    "try again.",
  "notice.too-many-rooms": "This site has as many rooms as it can take right now. Try " +
    "again in a few minutes.",
  "notice.too-many-seats": "Too many calls are open from your network right now. " +
    "Leave a call you no longer need, or try again in a minute.",
  "notice.too-many-connections": "Too many connections to this site from your network " +
    "right now. Close the tabs of it you no longer use, then reload this page.",
  "notice.too-many-connection-attempts": "Too many connections to this site from your " +
    "network in the last minute. Wait a minute, then reload this page.",
  "notice.server-full": "This site has as many people as it can take right now. " +
    "Reload this page in a few minutes.",
  "notice.replaced": "This call moved to another tab or window. Enter a room name to " +
    "call here.",
  "notice.key-missing": "This is a private room, and the link you opened lacks its " +
    "key (the part after #). Open the whole link exactly as it was sent to you.",
  "notice.key-invalid": "This private room link is damaged: the key after # is " +
    "incomplete. Ask for the link again and open it exactly as sent.",
  "side.label": "Safety code and chat",
  "safety.heading": "Safety code",
  "safety.hint": "Read it to each other. Different codes mean someone is in the middle: hang up.",
  "room.private": "private",
  "chat.heading": "Chat",
  "chat.message": "Message",
  "chat.send": "Send",
  "chat.unread": "{count} unread",
  "chat.too-long": "A message can be at most {max} characters. Shorten it or send it in parts.",
  "chat.not-connected": "Messages are sent once the call is connected. Wait a moment.",
};
