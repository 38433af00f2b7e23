// The open-loop burst of bench/tips.ts, run in a worker thread so that the client has its own event loop
// and the server under test has the main thread to itself (as bench/load-worker.mjs does for intake).
// Tip i leaves at i × `spacingMs` from its own source address on a new connection; answers each tip's
// status and latency (ms, from the moment it left to the end of the answer).
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { url, tips, spacingMs } = workerData;

function send(tip) {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", headers: tip.headers, localAddress: tip.from, agent: false },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
      },
    );
    req.on("error", reject);
    req.end(Buffer.from(tip.body));
  });
}

const started = performance.now();
const results = await Promise.all(
  tips.map(
    (tip, i) =>
      new Promise((resolve, reject) => setTimeout(() => send(tip).then(resolve, reject), i * spacingMs)),
  ),
);
parentPort.postMessage({ results, seconds: (performance.now() - started) / 1000 });
