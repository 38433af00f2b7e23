import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import type { Config } from "../config";
import { metricsReply, metricsRequest } from "../routes/metrics-routes";

/** `--workers N` on SQLite: refused, SQLite has one writer (docs/operations.md "Several processes"). */
export const sqliteWorkersRefusal =
  "--workers 大于 1 需要 PostgreSQL（DATABASE_URL）：SQLite 只允许一个写入进程，请以单进程运行。\n" +
  "--workers above 1 needs PostgreSQL (DATABASE_URL): SQLite has a single writer; run one process.";

/** `--workers N`: a whole number from 1 to 64, or a usage error (null). */
export function workerCount(value: string | undefined): number | null {
  if (value === undefined) return 1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : null;
}

/**
 * The cluster primary: forks `workers` processes that share the port, forks a replacement when one dies
 * (after a second, so a worker that cannot start does not spin), answers a worker's request for every
 * worker's metrics together (prom-client's aggregator), and on SIGTERM/SIGINT passes the signal on and
 * exits when the workers have finished (each closes gracefully, like a single process).
 */
export function startCluster(config: Config, workers: number) {
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker: Worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        console.log("SafeGrid 已停止 / stopped");
        process.exit(0);
      }
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(() => cluster.fork(), 1_000).unref();
  });
  cluster.on("message", (worker: Worker, msg: { type?: string; id?: string }) => {
    if (msg?.type !== metricsRequest) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: metricsReply, id: msg.id, text }),
      (err: Error) => worker.send({ type: metricsReply, id: msg.id, error: err.message }),
    );
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${workers} workers`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(1), config.resilience.shutdownGraceMs + 5_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers)
      console.log(
        `SafeGrid 已启动：http://127.0.0.1:${config.port}/ （${workers} 个工作进程 workers，数据库 postgres）`,
      );
  });
}
