/**
 * Everything the page says, in German (Sie-Form, as a public service speaks). Same
 * keys and {placeholders} as en.js.
 */
export default {
  "language.name": "Deutsch",
  "language.switch": "Sprache",
  "app.title": "Videoraum",
  "room.label": "Raum",
  // Kamera und Mikrofon.
  "media.heading": "Kamera und Mikrofon",
  "media.hint": "Erlauben Sie Kamera und Mikrofon, wenn Ihr Browser fragt. Für ein " +
    "Gespräch werden beide gebraucht.",
  "media.retry": "Erneut versuchen",
  // Das Raumformular.
  "room.heading": "Gespräch beginnen oder beitreten",
  "room.name": "Raumname",
  "room.placeholder": "zum Beispiel: familie-sonntag",
  "room.hint": "Zwei Personen, die denselben Namen eingeben, treffen sich im selben Raum.",
  "room.prejoin": "Prüfen Sie sich zuerst: Ihr Bild und darunter Kamera, Mikrofon " +
    "(der Balken bewegt sich, wenn Sie sprechen) und Lautsprecher.",
  "room.submit": "Raum betreten",
  "room.cancel": "Abbrechen",
  "room.or": "oder",
  "room.new": "Privaten Raum erstellen und Link kopieren",
  "after.left": "Sie haben das Gespräch verlassen, Raum",
  "after.rejoin": "Wieder beitreten",
  "after.new": "Neuer Raum",
  "recent.heading": "Zuletzt benutzte Räume (nur in diesem Browser gespeichert)",
  "recent.remove": "Entfernen",
  "recent.remove-room": "{room} aus dieser Liste entfernen",
  // Warten auf die andere Person.
  "waiting.heading": "Warten, bis jemand beitritt",
  "waiting.hint": "Senden Sie diesen Link an die Person, mit der Sie sprechen möchten:",
  "waiting.copy": "Einladungslink kopieren",
  "copy.done": "Link kopiert",
  "copy.failed": "Kopieren fehlgeschlagen: Link markieren",
  // Der Zustand in einer Zeile.
  "status.media": "Warten auf Kamera und Mikrofon…",
  "status.joining": "Raum wird betreten…",
  "status.connecting": "Verbindung zur anderen Person wird aufgebaut…",
  "status.reconnecting": "Verbindung wird wiederhergestellt…",
  "remote.play": "Klicken, um die andere Person zu hören und zu sehen",
  // Ansichten.
  "view.group": "Ansicht",
  "view.self": "Ihr eigenes Bild: ziehen oder mit den Pfeiltasten verschieben",
  "view.fullscreen": "Vollbild",
  "view.fullscreen-exit": "Vollbild beenden",
  "view.pip": "Bild im Bild",
  "view.pip-exit": "Zurück zur Seite",
  "view.hide-me": "Mich ausblenden",
  "view.show-me": "Mich zeigen",
  // Bedienung und Geräte.
  "controls.group": "Gesprächssteuerung",
  "devices.group": "Geräte",
  "devices.camera": "Kamera",
  "devices.mic": "Mikrofon",
  "devices.mic-level": "Mikrofonpegel",
  "devices.speaker": "Lautsprecher",
  "devices.toggle": "Geräte",
  "devices.camera-n": "Kamera {n}",
  "devices.mic-n": "Mikrofon {n}",
  "devices.speaker-n": "Lautsprecher {n}",
  "devices.the-camera": "Die Kamera",
  "devices.the-mic": "Das Mikrofon",
  "devices.the-speaker": "Der Lautsprecher",
  "devices.gone": "{gone} wurde getrennt: jetzt wird {next} verwendet.",
  "devices.added": "Jetzt wird {next} verwendet, gerade angeschlossen.",
  "devices.failed": "{device} konnte nicht gestartet werden. Vielleicht wird es von " +
    "einer anderen App benutzt: Schließen Sie diese oder wählen Sie ein anderes Gerät.",
  "controls.mute": "Stumm",
  "controls.unmute": "Ton an",
  "controls.camera-off": "Kamera aus",
  "controls.camera-on": "Kamera an",
  "controls.share": "Bildschirm teilen",
  "controls.share-stop": "Teilen beenden",
  "controls.flip": "Kamera wechseln",
  "controls.copy-link": "Link kopieren",
  "controls.hang-up": "Auflegen",
  // Verbindungsqualität.
  "quality.area": "Verbindungsqualität",
  "quality.details": "Details",
  "quality.details-heading": "Gesprächsdetails",
  "quality.copy": "Details kopieren",
  "quality.copied": "Details kopiert",
  "quality.copy-failed": "Kopieren fehlgeschlagen: Text markieren",
  "quality.via-relay": "über Relay",
  "quality.direct": "direkt",
  "quality.good": "Gute Verbindung",
  "quality.fair": "Mittlere Verbindung",
  "quality.poor": "Schlechte Verbindung",
  "quality.advice.upload-weak": "Ihr Upload ist schwach: Das Video wurde verringert, " +
    "damit Ihre Stimme klar bleibt.",
  "quality.advice.peer-unstable": "Die Verbindung der anderen Person ist instabil.",
  "quality.advice.connection-unstable": "Die Verbindung zwischen Ihnen ist instabil: " +
    "Das Video kann stocken oder unscharf werden.",
  "quality.advice.relay": "Dieses Gespräch läuft über einen Relay-Server.",
  "quality.they-see": " Man sieht Sie mit {picture}.",
  "quality.row.quality": "Qualität",
  "quality.row.path": "Weg",
  "quality.row.rtt": "Umlaufzeit",
  "quality.row.loss": "Paketverlust",
  "quality.row.jitter": "Jitter",
  "quality.row.bitrate": "Bitrate",
  "quality.row.audio-codec": "Audio-Codec",
  "quality.row.video-in": "Video empfangen",
  "quality.row.video-out": "Video gesendet",
  "quality.row.they-see": "Man sieht Sie mit",
  "quality.reason.rtt": "lange Umlaufzeit",
  "quality.reason.loss": "Paketverlust",
  "quality.reason.jitter": "Jitter",
  "quality.reason.upload": "schwacher Upload",
  "quality.now": "jetzt",
  "quality.in": "ein",
  "quality.out": "aus",
  "quality.over": "über",
  "quality.no-video": "kein Video",
  "quality.held-back": "gebremst durch",
  "quality.upload-estimate": "Upload geschätzt",
  "quality.loss": "Verlust",
  "quality.details-title": "Videoraum Gesprächsdetails",
  "shortcuts.heading": "Tastenkürzel",
  "shortcuts.open": "Tastenkürzel (?)",
  "shortcuts.hint": "Während Sie in ein Feld tippen, wirken Tastenkürzel nicht.",
  "shortcuts.close": "Schließen",
  "shortcuts.mute": "Stumm oder Ton an",
  "shortcuts.camera": "Kamera aus oder an",
  "shortcuts.share": "Bildschirm teilen oder beenden",
  "shortcuts.fullscreen": "Vollbild oder zurück",
  "shortcuts.details": "Gesprächsdetails",
  "shortcuts.chat": "Im Chat schreiben",
  "shortcuts.hang-up": "Auflegen",
  // Hinweise, nach Code (die des UI-Vertrags und die Ablehnungen des Servers).
  "notice.media-denied": "Für ein Gespräch werden Kamera und Mikrofon gebraucht, und " +
    "diese Seite darf sie nicht benutzen. Klicken Sie auf das Kamerasymbol oder das " +
    "Schloss in der Adressleiste, erlauben Sie Kamera und Mikrofon für diese Seite und " +
    "drücken Sie dann Erneut versuchen.",
  "notice.media-unavailable": "Für ein Gespräch werden Kamera und Mikrofon gebraucht, " +
    "aber sie konnten nicht gestartet werden. Prüfen Sie, ob beide angeschlossen sind " +
    "und nicht von einer anderen App oder einem anderen Tab benutzt werden, und drücken " +
    "Sie dann Erneut versuchen.",
  "notice.insecure-context": "Kamera und Mikrofon funktionieren nur auf einer sicheren " +
    "Seite. Öffnen Sie diese Seite mit https:// (oder auf localhost), um zu telefonieren.",
  "notice.name-required": "Geben Sie einen Raumnamen ein, um ein Gespräch zu beginnen, " +
    "oder erstellen Sie einen privaten Raum.",
  "notice.name-invalid": "Dieser Raumname geht nicht. Verwenden Sie bis zu 64 " +
    "Buchstaben, Ziffern oder Satzzeichen.",
  "notice.room-full": "In diesem Raum sind schon zwei Personen. Wählen Sie einen " +
    "anderen Namen.",
  "notice.peer-left": "Die andere Person hat das Gespräch verlassen. Senden Sie den " +
    "Einladungslink, um wieder zu telefonieren.",
  "notice.reconnecting": "Die Verbindung wurde unterbrochen. Sie wird wiederhergestellt…",
  "notice.peer-reconnecting": "Die Verbindung der anderen Person ist abgebrochen. " +
    "Warten auf sie…",
  "notice.server-error": "Der Server hat nicht geantwortet. Prüfen Sie Ihre Verbindung " +
    "und versuchen Sie es erneut.",
  "notice.server-unavailable": "Der Server kann gerade keine Räume nachschlagen. " +
    "Versuchen Sie es gleich noch einmal.",
  "notice.call-failed": "Beim Gespräch ist etwas schiefgegangen. Legen Sie auf und " +
    "versuchen Sie es erneut.",
  "notice.turn-failed": "Das Gespräch konnte nicht über den Relay-Server (TURN) " +
    "verbunden werden. Prüfen Sie Ihr Netzwerk oder bitten Sie die Betreiber dieser " +
    "Seite, die TURN-Einstellungen zu prüfen.",
  "notice.relay-needed": "Ihre beiden Netzwerke können sich nicht direkt verbinden, " +
    "und diese Seite hat keinen Relay-Server (TURN) für solche Gespräche. Die " +
    "Betreiber dieser Seite können einen einrichten.",
  "notice.too-many-joins": "Zu viele Versuche, einen Raum zu betreten. Warten Sie eine " +
    "Minute und versuchen Sie es dann erneut.",
  "notice.too-many-rooms": "Diese Seite hat gerade so viele Räume, wie sie tragen kann. " +
    "Versuchen Sie es in ein paar Minuten erneut.",
  "notice.too-many-seats": "Aus Ihrem Netzwerk sind gerade zu viele Gespräche offen. " +
    "Verlassen Sie ein Gespräch, das Sie nicht mehr brauchen, oder versuchen Sie es in " +
    "einer Minute erneut.",
  "notice.too-many-connections": "Aus Ihrem Netzwerk gibt es gerade zu viele " +
    "Verbindungen zu dieser Seite. Schließen Sie die Tabs, die Sie nicht mehr brauchen, " +
    "und laden Sie diese Seite neu.",
  "notice.too-many-connection-attempts": "Aus Ihrem Netzwerk gab es in der letzten " +
    "Minute zu viele Verbindungen zu dieser Seite. Warten Sie eine Minute und laden Sie " +
    "diese Seite dann neu.",
  "notice.server-full": "Diese Seite hat gerade so viele Personen, wie sie tragen kann. " +
    "Laden Sie diese Seite in ein paar Minuten neu.",
  "notice.replaced": "Dieses Gespräch wurde in einen anderen Tab oder ein anderes " +
    "Fenster verschoben. Geben Sie einen Raumnamen ein, um hier zu telefonieren.",
  "notice.key-missing": "Dies ist ein privater Raum, und dem geöffneten Link fehlt sein " +
    "Schlüssel (der Teil nach #). Öffnen Sie den ganzen Link genau so, wie er Ihnen " +
    "geschickt wurde.",
  "notice.key-invalid": "Dieser Link zu einem privaten Raum ist beschädigt: Der " +
    "Schlüssel nach # ist unvollständig. Bitten Sie um den Link und öffnen Sie ihn " +
    "genau so, wie er geschickt wurde.",
  "side.label": "Sicherheitscode und Chat",
  "safety.heading": "Sicherheitscode",
  "safety.hint": "Lesen Sie ihn einander vor. Verschiedene Codes heißen: Jemand sitzt " +
    "dazwischen. Legen Sie auf.",
  "room.private": "privat",
  "chat.heading": "Nachrichten",
  "chat.message": "Nachricht",
  "chat.send": "Senden",
  "chat.unread": "{count} ungelesen",
  "chat.too-long": "Eine Nachricht hat höchstens {max} Zeichen. Kürzen Sie sie oder " +
    "senden Sie sie in Teilen.",
  "chat.not-connected": "Nachrichten gehen hinaus, sobald das Gespräch verbunden ist. " +
    "Einen Moment bitte.",
};
