// Load generator: many socket.io-client connections (websocket only) speaking the
// codelab protocol to one server, or to several sharing rooms through Redis. Prints
// one JSON line of results on stdout; progress goes to stderr. Every phase is bounded
// in count and time.
//
//   node loadgen.js --url http://127.0.0.1:8000 --clients 400 --workload relay
//                   [--duration 10] [--window 4] [--server-pid PID[,PID...]]
//   node loadgen.js --urls http://127.0.0.1:8000,http://127.0.0.1:8001 ...
//                   [--redis-port PORT] [--redis-pid PID]
//
// With --urls, client i connects to URL i mod n: each room's first person is on the
// first server, the second on the second, so every join and message crosses Redis.
// --server-pid sums CPU and memory over the processes given; --redis-port reads
// Redis's INFO commandstats around the join phase and the relay window, to count the
// commands each join and each message costs there.
//
// Workloads: relay (each sender keeps --window messages in flight to its peer),
// steady (each client sends one message a second), idle (connect, join, sit).
"use strict";

const fs = require("node:fs");
const { io } = require("socket.io-client");

const args = parseArgs(process.argv.slice(2));
const URLS = String(args.urls || args.url || "http://127.0.0.1:8000").split(",");
const CLIENTS = 2 * Math.floor(Number(args.clients || 20) / 2);
const WORKLOAD = args.workload || "relay";
const DURATION_MS = 1000 * Number(args.duration || 5);
const WINDOW = Number(args.window || 4);
const SERVER_PIDS = args["server-pid"] ? String(args["server-pid"]).split(",").map(Number) : [];
const REDIS_PORT = args["redis-port"] ? Number(args["redis-port"]) : null;
const REDIS_PID = args["redis-pid"] ? Number(args["redis-pid"]) : null;
const CONNECT_CONCURRENCY = 200;
const JOIN_CONCURRENCY = Number(args["join-concurrency"] || 50); // rooms seated at once
const STEP_TIMEOUT_MS = 10000; // one connect or one join
const PHASE_TIMEOUT_MS = 120000; // all connects, all joins
const DRAIN_TIMEOUT_MS = 15000; // waiting for messages still in flight
const SETTLE_MS = 2000; // before reading the server's memory

// Shaped like real signaling: an SDP description (~1.6 KB) and ICE candidates (~200 B).
const SDP = buildSdp();
let candidateNo = 0;

function log(...parts) {
  process.stderr.write(`[loadgen ${WORKLOAD} ${CLIENTS}] ${parts.join(" ")}\n`);
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i].startsWith("--")) {
      const key = argv[i].slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) out[key] = true;
      else out[key] = argv[(i += 1)];
    }
  }
  return out;
}

function buildSdp() {
  const lines = [
    "v=0",
    "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
    "s=-",
    "t=0 0",
    "a=group:BUNDLE 0 1",
    "a=extmap-allow-mixed",
    "a=msid-semantic: WMS 6f2b3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d",
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
    "c=IN IP4 0.0.0.0",
    "a=rtcp:9 IN IP4 0.0.0.0",
    "a=ice-ufrag:Xk3f",
    "a=ice-pwd:9Yb1c2d3e4f5g6h7i8j9k0lmn",
    "a=ice-options:trickle",
    "a=fingerprint:sha-256 4F:2A:91:0C:3B:DE:77:10:5A:6B:8C:9D:AE:BF:C0:D1:E2:F3:04:15:26:37:48:59:6A:7B:8C:9D:AE:BF:C0:D1",
    "a=setup:actpass",
    "a=mid:0",
    "a=sendrecv",
    "a=rtcp-mux",
    "a=rtpmap:111 opus/48000/2",
    "a=rtcp-fb:111 transport-cc",
    "a=fmtp:111 minptime=10;useinbandfec=1",
    "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107",
    "c=IN IP4 0.0.0.0",
    "a=rtcp:9 IN IP4 0.0.0.0",
    "a=ice-ufrag:Xk3f",
    "a=ice-pwd:9Yb1c2d3e4f5g6h7i8j9k0lmn",
    "a=ice-options:trickle",
    "a=fingerprint:sha-256 4F:2A:91:0C:3B:DE:77:10:5A:6B:8C:9D:AE:BF:C0:D1:E2:F3:04:15:26:37:48:59:6A:7B:8C:9D:AE:BF:C0:D1",
    "a=setup:actpass",
    "a=mid:1",
    "a=sendrecv",
    "a=rtcp-mux",
    "a=rtcp-rsize",
    "a=rtpmap:96 VP8/90000",
    "a=rtcp-fb:96 goog-remb",
    "a=rtcp-fb:96 transport-cc",
    "a=rtcp-fb:96 ccm fir",
    "a=rtcp-fb:96 nack",
    "a=rtcp-fb:96 nack pli",
    "a=rtpmap:97 rtx/90000",
    "a=fmtp:97 apt=96",
    "a=rtpmap:102 H264/90000",
    "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
    "a=ssrc-group:FID 1129301224 3422843513",
    "a=ssrc:1129301224 cname:q7Yb1c2d3e4f5g6h",
  ];
  return `${lines.join("\r\n")}\r\n`;
}

function nextPayload(seq) {
  if (seq % 8 === 0) {
    return { type: seq % 16 === 0 ? "offer" : "answer", sdp: SDP, n: seq };
  }
  candidateNo += 1;
  const port = 50000 + (candidateNo % 10000);
  return {
    type: "candidate",
    label: seq % 2,
    id: String(seq % 2),
    candidate: `candidate:842163049 1 udp 1677729535 192.0.2.${candidateNo % 250} ${port} typ srflx raddr 10.0.0.${candidateNo % 250} rport ${port} generation 0 ufrag Xk3f network-cost 999`,
    n: seq,
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function once(socket, event) {
  return new Promise((resolve) => socket.once(event, (...a) => resolve(a)));
}

async function pool(count, concurrency, deadlineMs, work) {
  let next = 0;
  const deadline = Date.now() + deadlineMs;
  async function worker() {
    while (next < count && Date.now() < deadline) {
      const index = next;
      next += 1;
      await work(index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return next;
}

function serverRssKb() {
  if (SERVER_PIDS.length === 0) return null;
  let total = 0;
  for (const pid of SERVER_PIDS) {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  }
  return total;
}

function cpuTicks(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in ticks of 1/100 s
}

function serverCpuTicks() {
  if (SERVER_PIDS.length === 0) return null;
  return SERVER_PIDS.reduce((sum, pid) => sum + cpuTicks(pid), 0);
}

function redisCpuTicks() {
  return REDIS_PID === null ? null : cpuTicks(REDIS_PID);
}

// Redis's own count of the commands it ran, by command, from INFO commandstats; the
// INFO commands this generator sends are left out.
let redisClient = null;
async function redisCommands() {
  if (REDIS_PORT === null) return null;
  if (redisClient === null) {
    const { createClient } = require("redis");
    redisClient = createClient({ url: `redis://127.0.0.1:${REDIS_PORT}/0` });
    redisClient.on("error", (error) => log(`redis: ${error.message}`));
    await withTimeout(redisClient.connect(), STEP_TIMEOUT_MS, "redis connect");
  }
  const text = await withTimeout(redisClient.info("commandstats"), STEP_TIMEOUT_MS, "info");
  const calls = {};
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== "info") calls[match[1]] = Number(match[2]);
  }
  return calls;
}

function commandsBetween(before, after) {
  if (before === null || after === null) return null;
  const byCommand = {};
  let total = 0;
  for (const [name, calls] of Object.entries(after)) {
    const delta = calls - (before[name] || 0);
    if (delta > 0) {
      byCommand[name] = delta;
      total += delta;
    }
  }
  return { total, byCommand };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function summarise(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50_ms: percentile(sorted, 50),
    p99_ms: percentile(sorted, 99),
    max_ms: sorted.length ? sorted[sorted.length - 1] : null,
  };
}

class Client {
  constructor(index) {
    this.index = index;
    this.peer = null;
    this.socket = null;
    this.sent = new Map(); // seq -> send time, while in flight
    this.seq = 0;
    this.sending = false;
  }

  async connect() {
    this.socket = io(URLS[this.index % URLS.length], {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: STEP_TIMEOUT_MS,
    });
    const connected = once(this.socket, "connect");
    const failed = once(this.socket, "connect_error").then(([error]) => {
      throw error;
    });
    await withTimeout(Promise.race([connected, failed]), STEP_TIMEOUT_MS, "connect");
  }

  send() {
    this.seq += 1;
    this.sent.set(this.seq, performance.now());
    stats.sent += 1;
    this.socket.emit("message", nextPayload(this.seq));
  }

  onMessage(payload) {
    if (payload === "bye" || typeof payload !== "object" || payload === null) return;
    const sender = this.peer;
    const sentAt = sender.sent.get(payload.n);
    if (sentAt === undefined) {
      stats.misdelivered += 1;
      return;
    }
    sender.sent.delete(payload.n);
    stats.received += 1;
    if (stats.recording) stats.latencies.push(performance.now() - sentAt);
    if (WORKLOAD === "relay" && sender.sending) sender.send();
  }
}

const stats = {
  sent: 0,
  received: 0,
  misdelivered: 0,
  recording: false,
  latencies: [],
};

async function connectAll(clients) {
  const started = performance.now();
  let failures = 0;
  await pool(clients.length, CONNECT_CONCURRENCY, PHASE_TIMEOUT_MS, async (i) => {
    try {
      await clients[i].connect();
    } catch (error) {
      failures += 1;
      if (failures <= 3) log(`connect failed: ${error.message}`);
    }
  });
  const connected = clients.filter((c) => c.socket && c.socket.connected).length;
  return { connected, seconds: (performance.now() - started) / 1000 };
}

async function joinAll(clients) {
  const rooms = clients.length / 2;
  const latencies = [];
  let joined = 0;
  let unpaired = 0; // connected, but the other of the pair is not: never seated
  const started = performance.now();
  const redis0 = await redisCommands();
  const genCpu0 = process.cpuUsage();
  const serverCpu0 = serverCpuTicks();
  const redisCpu0 = redisCpuTicks();
  await pool(rooms, JOIN_CONCURRENCY, PHASE_TIMEOUT_MS, async (r) => {
    const first = clients[2 * r];
    const second = clients[2 * r + 1];
    const room = `room-${r}`;
    const up = [first, second].map((c) => Boolean(c.socket && c.socket.connected));
    if (!up[0] || !up[1]) {
      // A pair with a client that failed to connect (already counted as a failure)
      // is skipped: waiting out its join timeout would measure the timeout.
      unpaired += Number(up[0]) + Number(up[1]);
      return;
    }
    try {
      let t0 = performance.now();
      const created = once(first.socket, "created");
      first.socket.emit("create or join", room);
      await withTimeout(created, STEP_TIMEOUT_MS, "created");
      latencies.push(performance.now() - t0);
      joined += 1;
      t0 = performance.now();
      const ready = once(second.socket, "ready");
      const firstReady = once(first.socket, "ready");
      second.socket.emit("create or join", room);
      await withTimeout(Promise.all([ready, firstReady]), STEP_TIMEOUT_MS, "ready");
      latencies.push(performance.now() - t0);
      joined += 1;
      first.peer = second;
      second.peer = first;
      first.socket.on("message", (p) => first.onMessage(p));
      second.socket.on("message", (p) => second.onMessage(p));
    } catch (error) {
      log(`join failed: ${error.message}`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  // Who was busy while seating: a generator near 1.0 limits joins/s, not the server.
  const genCpu = process.cpuUsage(genCpu0);
  const serverCpu = serverCpu0 === null ? null : (serverCpuTicks() - serverCpu0) / 100;
  const redisCpu = redisCpu0 === null ? null : (redisCpuTicks() - redisCpu0) / 100;
  const redis = commandsBetween(redis0, await redisCommands());
  return {
    joined,
    unpaired,
    seconds,
    per_s: joined / seconds,
    gen_cpu: (genCpu.user + genCpu.system) / 1e6 / seconds,
    server_cpu: serverCpu === null ? null : serverCpu / seconds,
    redis_cpu: redisCpu === null ? null : redisCpu / seconds,
    redis_commands: redis === null ? null : redis.total,
    redis_by_command: redis === null ? null : redis.byCommand,
    ...summarise(latencies),
  };
}

// CPU use is read when sending stops, before the drain, so it covers the window only.
const windowEnd = { genCpu: null, serverTicks: null, redisTicks: null, redisCalls: null };
function markWindowEnd() {
  windowEnd.genCpu = process.cpuUsage();
  windowEnd.serverTicks = serverCpuTicks();
  windowEnd.redisTicks = redisCpuTicks();
  windowEnd.redisPending = redisCommands().then((calls) => {
    windowEnd.redisCalls = calls;
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function drain() {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (stats.received + stats.misdelivered < stats.sent && Date.now() < deadline) {
    await sleep(50);
  }
}

async function runRelay(paired) {
  for (const c of paired) c.sending = true;
  stats.recording = true;
  const t0 = performance.now();
  for (const c of paired) for (let k = 0; k < WINDOW; k += 1) c.send();
  await sleep(DURATION_MS);
  for (const c of paired) c.sending = false;
  const seconds = (performance.now() - t0) / 1000;
  markWindowEnd();
  const receivedInWindow = stats.received;
  await drain();
  return { seconds, delivered_per_s: receivedInWindow / seconds };
}

async function runSteady(paired) {
  const timers = [];
  stats.recording = true;
  const t0 = performance.now();
  for (const c of paired) {
    const start = setTimeout(() => {
      c.send();
      timers.push(setInterval(() => c.send(), 1000));
    }, Math.random() * 1000);
    timers.push(start);
  }
  await sleep(DURATION_MS);
  for (const t of timers) clearInterval(t);
  const seconds = (performance.now() - t0) / 1000;
  markWindowEnd();
  const receivedInWindow = stats.received;
  await drain();
  return { seconds, delivered_per_s: receivedInWindow / seconds };
}

async function main() {
  const hardStop = setTimeout(() => {
    log("hard time limit reached");
    process.exit(3);
  }, 2 * PHASE_TIMEOUT_MS + DURATION_MS + DRAIN_TIMEOUT_MS + 30000);
  hardStop.unref();

  const rssBaseline = serverRssKb();
  const clients = Array.from({ length: CLIENTS }, (_, i) => new Client(i));
  const connect = await connectAll(clients);
  log(`connected ${connect.connected}/${CLIENTS} in ${connect.seconds.toFixed(1)} s`);
  const join = await joinAll(clients);
  log(`joined ${join.joined}/${CLIENTS} at ${join.per_s.toFixed(0)}/s`);
  await sleep(SETTLE_MS);
  const rssJoined = serverRssKb();
  const paired = clients.filter((c) => c.peer !== null);

  const redisCalls0 = await redisCommands();
  const genCpu0 = process.cpuUsage();
  const serverCpu0 = serverCpuTicks();
  const redisCpu0 = redisCpuTicks();
  let relay = null;
  if (WORKLOAD === "relay") relay = await runRelay(paired);
  else if (WORKLOAD === "steady") relay = await runSteady(paired);
  else {
    await sleep(DURATION_MS);
    markWindowEnd();
  }
  const genCpuSeconds =
    (windowEnd.genCpu.user - genCpu0.user + windowEnd.genCpu.system - genCpu0.system) /
    1e6;
  const serverCpu1 = windowEnd.serverTicks;
  await windowEnd.redisPending;
  const relayRedis = commandsBetween(redisCalls0, windowEnd.redisCalls);
  const phaseSeconds = relay ? relay.seconds : DURATION_MS / 1000;

  const result = {
    workload: WORKLOAD,
    clients: CLIENTS,
    connected: connect.connected,
    connect_s: connect.seconds,
    joined: join.joined,
    unpaired: join.unpaired,
    joins_per_s: join.per_s,
    join_p50_ms: join.p50_ms,
    join_p99_ms: join.p99_ms,
    join_server_cpu: join.server_cpu,
    join_gen_cpu: join.gen_cpu,
    join_redis_cpu: join.redis_cpu,
    join_redis_commands: join.redis_commands,
    join_redis_per_join:
      join.redis_commands === null ? null : join.redis_commands / Math.max(1, join.joined),
    join_redis_by_command: join.redis_by_command,
    rss_baseline_kb: rssBaseline,
    rss_joined_kb: rssJoined,
    rss_per_client_kb:
      rssBaseline === null ? null : (rssJoined - rssBaseline) / Math.max(1, connect.connected),
    gen_cpu: genCpuSeconds / phaseSeconds,
    server_cpu: serverCpu0 === null ? null : (serverCpu1 - serverCpu0) / 100 / phaseSeconds,
    redis_cpu:
      redisCpu0 === null ? null : (windowEnd.redisTicks - redisCpu0) / 100 / phaseSeconds,
  };
  if (relay) {
    const lat = summarise(stats.latencies);
    Object.assign(result, {
      relay_per_s: relay.delivered_per_s,
      // Per second of server CPU: steadier than msg/s on a machine shared with others.
      relay_per_cpu_s: result.server_cpu ? relay.delivered_per_s / result.server_cpu : null,
      relay_p50_ms: lat.p50_ms,
      relay_p99_ms: lat.p99_ms,
      relay_max_ms: lat.max_ms,
      sent: stats.sent,
      received: stats.received,
      lost: stats.sent - stats.received - stats.misdelivered,
      misdelivered: stats.misdelivered,
      // Counted over the sending window only, as the CPU is; the drain is left out.
      relay_redis_commands: relayRedis === null ? null : relayRedis.total,
      relay_redis_per_msg:
        relayRedis === null ? null : relayRedis.total / Math.max(1, relay.delivered_per_s * relay.seconds),
      relay_redis_by_command: relayRedis === null ? null : relayRedis.byCommand,
    });
  }
  if (redisClient !== null) await redisClient.quit().catch(() => {});
  process.stdout.write(`${JSON.stringify(result)}\n`);
  for (const c of clients) if (c.socket) c.socket.disconnect();
  await sleep(200);
  process.exit(0);
}

main().catch((error) => {
  log(`failed: ${error.stack || error}`);
  process.exit(1);
});
