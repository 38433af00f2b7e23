// Client for bench/field-replay.ts, in a worker thread (its own event loop, as a separate load process):
// `connections` loops take outbox items in turn; an item marked `twice` is sent on two sockets at the same
// moment (the phone retrying while its first attempt is still on the wire). Returns the statuses.
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { url, items, connections } = workerData;
// LIFO: the sockets used most recently go first, so few sit idle past the server's keep-alive timeout.
const agent = new http.Agent({ keepAlive: true, maxSockets: connections * 2, scheduling: "lifo" });
let retried = 0;

/**
 * A connection that fails before an answer (a keep-alive socket the server closed just then) is tried once
 * more, as the phone's outbox does; the retry is a replay like any other.
 */
async function send(item) {
  const first = await sendOnce(item);
  if (typeof first === "number") return first;
  retried++;
  return sendOnce(item);
}

function sendOnce(item) {
  const headers = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(item.payload),
    authorization: `Bearer ${item.token}`,
  };
  return new Promise((resolve) => {
    const req = http.request(url, { method: "POST", agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    // A failed connection counts under its error code (e.g. ECONNRESET), never as an answer.
    req.on("error", (err) => resolve(err.code ?? "error"));
    req.end(item.payload);
  });
}

const statuses = {};
let requests = 0;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (next < items.length) {
      const item = items[next++];
      const copies = item.twice ? [send(item), send(item)] : [send(item)];
      for (const status of await Promise.all(copies)) {
        statuses[status] = (statuses[status] ?? 0) + 1;
        requests++;
      }
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
agent.destroy();
parentPort.postMessage({ statuses, requests, elapsed, retried });
