// Reference for the benchmark: a plain Node socket.io 4.8 server speaking the Google
// codelab protocol, as the codelab's own server does, with two changes that ours has
// too: a room holds two people, and `message` goes to the other member only.
// Same heartbeat and frame cap as ours, so the two do the same background work.
//
//   node server.js --port 8001 [--redis redis://127.0.0.1:6379/0]
//
// With --redis, several of these processes share rooms through @socket.io/redis-adapter
// (the `redis` npm client): members are counted across processes with
// `io.in(room).fetchSockets()` (a PUBSUB NUMSUB and a request answered by every other
// process), and emits to a room are published to the others. Unlike ours, there is no
// atomic seat claim across processes: two people joining one room at the same moment
// on two processes can both count one member and both be seated.
"use strict";

const http = require("node:http");
const { Server } = require("socket.io");

function option(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const port = Number(option("--port") || 8001);
const redisUrl = option("--redis");
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

  socket.on("create or join", async (room) => {
    if (typeof room !== "string" || room.length === 0 || room.length > 64) return;
    let count;
    if (redisUrl === undefined) {
      const members = io.sockets.adapter.rooms.get(room);
      count = members ? members.size : 0;
    } else {
      try {
        count = (await io.in(room).fetchSockets()).length;
      } catch (error) {
        console.error(`create or join ${room}: ${error.message}`);
        return;
      }
      if (!socket.connected) return;
    }
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

async function start() {
  if (redisUrl !== undefined) {
    const { createClient } = require("redis");
    const { createAdapter } = require("@socket.io/redis-adapter");
    const pubClient = createClient({ url: redisUrl });
    const subClient = pubClient.duplicate();
    for (const client of [pubClient, subClient]) {
      client.on("error", (error) => console.error(`redis: ${error.message}`));
    }
    await Promise.all([pubClient.connect(), subClient.connect()]);
    io.adapter(createAdapter(pubClient, subClient));
  }
  // Listening only once the adapter is in place: a client that can connect is shared.
  httpServer.listen(port, "127.0.0.1");
}

start().catch((error) => {
  console.error(`failed to start: ${error.stack || error}`);
  process.exit(1);
});

process.on("SIGTERM", () => {
  io.close();
  process.exit(0);
});
