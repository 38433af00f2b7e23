import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { migrationState } from "../../db/migrate";
import { insertEvent } from "../../db/queries/event-queries";
import { deleteUserSessions } from "../../db/queries/session-queries";
import { findUserByUsername, updateUser } from "../../db/queries/user-queries";
import { type Role, roles } from "../../domain/auth/roles";
import { AppError } from "../../domain/errors";
import { ensureReferenceData, openDeps } from "../bootstrap";
import { rebuildTally } from "../commands/dashboard/rebuild-tally";
import { loadRegions } from "../commands/regions/load-regions";
import { createUser } from "../commands/users/create-user";
import { loadConfig } from "../config";
import { createDemo } from "../demo/create-demo";
import { demoSteps } from "../demo/demo-steps";
import { backupCommand, restoreCommand } from "./backup-cli";
import { sqliteWorkersRefusal, workerCount } from "./cluster-primary";
import { evidenceCommand } from "./evidence-cli";
import { printAccounts } from "./print-accounts";
import { serve } from "./serve";
import { verifyCommand, verifyOptions } from "./verify-cli";

const usage = `用法 Usage: safegrid <command>
  serve [--workers N]           启动平台（N 个工作进程共享端口，需 PostgreSQL）start the platform (default; N cluster workers need PostgreSQL)
  migrate                       执行数据库迁移 apply migrations
  regions load <省代码...>      加载省级区划 load provinces' regions, e.g. 62 63
  user add --username U --role R --scope 62[,6201] [--name 名] [--department ID]   (asks for the password)
  user disable <username>       停用账号
  demo                          创建演示县和演示账号
  verify [--against MANIFEST] [--witness [FILE]]
                                校验留痕哈希链与根（并核对备份清单、见证文件）verify every chain and root (and that
                                nothing after a backup's head is missing; that the database holds every witnessed root)
  backup <目录>                 在线备份数据库、证据文件和清单 online backup (see README "Backup")
  restore <备份目录>            恢复到空的数据目录并校验 restore into an empty data directory and verify
  tally rebuild [县代码...]       从留痕重建统计汇总（升级后补上新的统计维度，或恢复旧备份后修复）rebuild the dashboards'
                                rollup from the trail, every county or the ones named (after an upgrade that adds a dimension)
  evidence migrate --to database|s3 [--from local]   把证据文件复制到另一种证据存储 copy evidence files to another store`;

async function askPassword(): Promise<string> {
  if (process.env.SAFEGRID_NEW_PASSWORD) return process.env.SAFEGRID_NEW_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const pw = await rl.question("密码 Password: ");
  rl.close();
  return pw;
}

export async function main(argv: string[]): Promise<number> {
  const config = loadConfig();
  const [cmd = "serve", sub, ...rest] = argv;
  if (cmd === "serve") {
    let workers: number | null;
    try {
      const args = argv.slice(1);
      workers = workerCount(parseArgs({ args, options: { workers: { type: "string" } } }).values.workers);
    } catch {
      workers = null;
    }
    if (workers === null) {
      console.error(usage);
      return 2;
    }
    if (workers > 1 && !config.databaseUrl) {
      console.error(sqliteWorkersRefusal);
      return 2;
    }
    await serve(config, { workers });
    return -1;
  }
  if (cmd === "help" || cmd === "--help") {
    console.log(usage);
    return 0;
  }
  if (cmd === "restore") return restoreCommand(config, sub);
  const deps = await openDeps(config);
  try {
    switch (cmd) {
      case "migrate": {
        const state = await migrationState({ db: deps.db, dialect: deps.dialect, close: async () => {} });
        console.log(
          `数据库 ${deps.dialect}：已执行 ${state.applied.length} 个迁移，待执行 ${state.pending.length} 个`,
        );
        return 0;
      }
      case "regions": {
        if (sub !== "load" || rest.length === 0) throw new AppError("bad_request", { zh: usage });
        for (const code of rest) {
          const r = await loadRegions(deps, code);
          console.log(`${code}: 区划 ${r.regions} 条，县界 ${r.boundaries} 个`);
        }
        return 0;
      }
      case "user": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            username: { type: "string" },
            role: { type: "string" },
            scope: { type: "string" },
            name: { type: "string" },
            department: { type: "string" },
          },
        });
        if (sub === "add") {
          const role = values.role as Role;
          if (!values.username || !roles.includes(role) || !values.scope)
            throw new AppError("bad_request", { zh: usage });
          await ensureReferenceData(deps);
          const user = await createUser(deps, null, {
            username: values.username,
            displayName: values.name ?? values.username,
            role,
            scope: values.scope.split(","),
            departmentId: values.department ?? null,
            password: await askPassword(),
          });
          console.log(`已创建用户 ${user.username}（${user.role}）`);
          return 0;
        }
        if (sub === "disable" && positionals[0]) {
          const user = await findUserByUsername(deps.db, positionals[0].toLowerCase());
          if (!user) throw new AppError("not_found");
          await deps.db.transaction().execute(async (tx) => {
            await updateUser(tx, user.id, { status: "disabled", updatedAt: deps.clock.now().toISOString() });
            await deleteUserSessions(tx, user.id);
            await insertEvent(
              tx,
              null,
              {
                action: "user.updated",
                subjectType: "user",
                subjectId: user.id,
                regionCode: user.regionCode,
                data: { status: "disabled", via: "cli" },
              },
              deps.clock.now(),
            );
          });
          console.log(`已停用 ${user.username}`);
          return 0;
        }
        throw new AppError("bad_request", { zh: usage });
      }
      case "evidence":
        return await evidenceCommand(deps, sub, rest);
      case "tally": {
        if (sub !== "rebuild" || rest.some((c) => !/^\d{6}$/.test(c)))
          throw new AppError("bad_request", { zh: usage });
        const counties = rest.length ? rest : undefined;
        const rows = await rebuildTally(deps, { counties });
        console.log(`已从留痕重建统计汇总：${counties ? counties.join("、") : "全部县"}，${rows} 行`);
        return 0;
      }
      case "demo": {
        await ensureReferenceData(deps);
        printAccounts(
          config,
          await createDemo(deps, {
            fixedPassword: process.env.SAFEGRID_DEMO_PASSWORD,
            fixedTotpSecret: process.env.SAFEGRID_DEMO_TOTP_SECRET,
            steps: demoSteps,
          }),
        );
        return 0;
      }
      case "backup":
        return await backupCommand(deps, sub);
      case "verify":
        return await verifyCommand(deps, verifyOptions(argv.slice(1), usage));
      default:
        console.error(usage);
        return 2;
    }
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${err.code}: ${err.zh}`);
      return 2;
    }
    throw err;
  } finally {
    await deps.close();
  }
}
