// Reference for the benchmark: a plain Node socket.io 4.8 server speaking the Google
// codelab protocol, as the codelab's own server does, with two changes that ours has
// too: a room holds two people, and `message` goes to the other member only.
// Same heartbeat and frame cap as ours, so the two do the same background work.
"use strict";

const http = require("node:http");
const { Server } = require("socket.io");

const port = Number(process.argv[process.argv.indexOf("--port") + 1] || 8001);
const MAX_MESSAGE_BYTES = 64 * 1024;

const httpServer = http.createServer();
const io = new Server(httpServer, {
  pingInterval: 10000,
  pingTimeout: 10000,
  maxHttpBufferSize: 2 * MAX_MESSAGE_BYTES + 4096,
  serveClient: false,
});

io.on("connection", (socket) => {
  let joined = null;

  socket.on("create or join", (room) => {
    if (typeof room !== "string" || room.length === 0 || room.length > 64) return;
    const members = io.sockets.adapter.rooms.get(room);
    const count = members ? members.size : 0;
    if (count === 0) {
      socket.join(room);
      joined = room;
      socket.emit("created", room, socket.id);
    } else if (count === 1) {
      io.to(room).emit("join", room);
      socket.join(room);
      joined = room;
      socket.emit("joined", room, socket.id);
      io.to(room).emit("ready");
    } else {
      socket.emit("full", room);
    }
  });

  socket.on("message", (payload) => {
    if (joined !== null) socket.to(joined).emit("message", payload);
  });

  socket.on("disconnect", () => {
    if (joined !== null) socket.to(joined).emit("message", "bye");
  });
});

httpServer.listen(port, "127.0.0.1");

process.on("SIGTERM", () => {
  io.close();
  process.exit(0);
});
