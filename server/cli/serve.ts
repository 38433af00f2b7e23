import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import closeWithGrace from "close-with-grace";
import { countUsers } from "../../db/queries/user-queries";
import { ensureWebBuild } from "../../scripts/build/web-build.mjs";
import { buildApp } from "../app";
import { ensureReferenceData, openDeps } from "../bootstrap";
import { missingCalendarYears } from "../calendar/load-calendar";
import { createUser } from "../commands/users/create-user";
import type { Config } from "../config";
import { createDemo } from "../demo/create-demo";
import { demoSteps } from "../demo/demo-steps";
import { startJobRunner } from "../jobs/job-runner";
import { createLogger } from "../logging/logger";
import { localEvidenceLeftBehind } from "../storage/local-leftovers";
import { sealSettled, sealTrail } from "../trail/seal-trail";
import { askFirstAdmin } from "./ask-first-admin";
import { startCluster } from "./cluster-primary";
import { printAccounts } from "./print-accounts";

export interface ServeOptions {
  /** Processes sharing the port (node:cluster); more than 1 needs PostgreSQL (checked by the CLI). */
  workers?: number;
}

/**
 * `safegrid serve [--workers N]`: migrate, load reference data, create the first users (demo or admin),
 * then listen — in this process, or in N cluster workers that share the port (the primary prepares
 * once, forks, restarts a worker that dies, and aggregates /metrics). Every worker runs the job runner;
 * its claims use SKIP LOCKED on PostgreSQL, so no row is handled twice.
 */
export async function serve(config: Config, opts: ServeOptions = {}) {
  if (cluster.isWorker) return listen(config, await openDeps(config));
  const deps = await prepare(config);
  if ((opts.workers ?? 1) > 1) {
    await deps.close();
    return startCluster(config, opts.workers!);
  }
  return listen(config, deps);
}

/** Everything done once per installation start, before any process listens. */
async function prepare(config: Config) {
  // The console is rebuilt when its sources or the package version changed (stamp in web/dist).
  await ensureWebBuild(fileURLToPath(new URL("../..", import.meta.url)), config.webDist);
  const deps = await openDeps(config);
  const ref = await ensureReferenceData(deps);
  const missing = missingCalendarYears(deps.calendar, deps.clock.now());
  if (missing.length)
    console.warn(
      `警告：缺少 ${missing.join("、")} 年的法定节假日安排，期限将按周末计算；请在 ${config.calendarDir} 添加日历文件（见 docs/calendar.md）。`,
    );
  const leftBehind = await localEvidenceLeftBehind(config);
  if (leftBehind) console.warn(leftBehind);
  if (ref.regionsLoaded)
    console.log(`已加载行政区划 ${ref.regionsLoaded.regions} 条，县界 ${ref.regionsLoaded.boundaries} 个`);
  if ((await countUsers(deps.db)) === 0) {
    if (config.adminUser && config.adminPassword) {
      await createUser(deps, null, {
        username: config.adminUser,
        displayName: "系统管理员",
        role: "system_admin",
        scope: [process.env.SAFEGRID_PROVINCE || "62"],
        password: config.adminPassword,
      });
      console.log(`已创建系统管理员 ${config.adminUser}`);
    }
    if (config.demo) {
      const demo = await createDemo(deps, {
        fixedPassword: process.env.SAFEGRID_DEMO_PASSWORD,
        fixedTotpSecret: process.env.SAFEGRID_DEMO_TOTP_SECRET,
        steps: demoSteps,
      });
      printAccounts(config, demo);
    } else if (!config.adminUser) {
      await askFirstAdmin(deps);
    }
  }
  return deps;
}

/** One serving process: the HTTP app and the background jobs, closed gracefully on SIGTERM. */
async function listen(config: Config, deps: Awaited<ReturnType<typeof openDeps>>) {
  const app = await buildApp(deps, { logger: createLogger(config.log), serveWeb: true });
  // Deadlines, escalation, re-check reminders, webhook and SMS delivery (safe with several processes).
  const jobs = startJobRunner(deps, {
    log: (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)),
  });
  // SIGTERM / SIGINT: stop accepting connections, let the requests in flight and the job batch in
  // progress finish, then close the database; after the grace period the process exits anyway.
  closeWithGrace(
    { delay: config.resilience.shutdownGraceMs, logger: { error: (m: unknown) => app.log.error(m) } },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, "stopping after an unexpected error");
      else app.log.info(`${signal ?? "close"}: finishing requests and jobs, then stopping`);
      await Promise.all([app.close(), jobs.stop()]);
      // The final seal: every chain head as it is now, into trail_root and the witnesses.
      await sealSettled(deps);
      await sealTrail(deps).catch((e: unknown) => app.log.error({ err: e }, "final trail seal failed"));
      await deps.close();
      console.log("SafeGrid 已停止 / stopped");
    },
  );
  await app.listen({ port: config.port, host: config.host });
  if (cluster.isWorker) return;
  console.log(
    `SafeGrid 已启动：http://127.0.0.1:${config.port}/ （API 文档 /api/docs，数据库 ${deps.dialect}）`,
  );
}
