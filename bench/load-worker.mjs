// Load generator for bench/intake.ts, run in a worker thread so that the client has its own event loop
// (on the second core) and the server under test has the main thread to itself, as with a separate
// load-testing process. `connections` keep-alive connections each send one request after the other for
// `seconds`; latencies are returned in ms.
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { url, body, token, seconds, connections } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
// `body` may be a list: the requests go through it in turn (reports from many counties).
const payloads = (Array.isArray(body) ? body : [body]).map((b) => JSON.stringify(b));
let turn = 0;

function send() {
  const payload = payloads[turn++ % payloads.length];
  const headers = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

const latencies = [];
let errors = 0;
const started = performance.now();
const end = started + seconds * 1000;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const status = await send();
      latencies.push(performance.now() - t);
      if (status >= 300) errors++;
    }
  }),
);
agent.destroy();
parentPort.postMessage({ latencies, errors, elapsed: (performance.now() - started) / 1000 });
