import { parseArgs } from "node:util";
import { type TrailCheck, verifyTrail } from "../../db/queries/event-queries";
import { AppError } from "../../domain/errors";
import type { Deps } from "../deps";
import { checkWitness } from "../trail/check-witness";
import { verifyAgainstCommand } from "./backup-cli";

export interface VerifyOptions {
  against?: string;
  /** `--witness` alone: the configured witness file; `--witness FILE`: that file. */
  witness?: string | true;
}

/** `verify [--against MANIFEST] [--witness [FILE]]`; a usage error for anything else. */
export function verifyOptions(args: string[], usage: string): VerifyOptions {
  const rest = [...args];
  let witness: string | true | undefined;
  const at = rest.indexOf("--witness");
  if (at >= 0) {
    const next = rest[at + 1];
    const file = next !== undefined && !next.startsWith("--") ? next : undefined;
    rest.splice(at, file === undefined ? 1 : 2);
    witness = file ?? true;
  }
  try {
    const { against } = parseArgs({ args: rest, options: { against: { type: "string" } } }).values;
    return { against, witness };
  } catch {
    throw new AppError("bad_request", { zh: usage, en: usage });
  }
}

export function printTrailCheck(check: TrailCheck): void {
  if (check.ok)
    console.log(
      `留痕校验通过：${check.checked} 条记录，${check.chains ?? 0} 条链，${check.roots ?? 0} 个根 / trail verified: ${check.checked} rows, ${check.chains ?? 0} chains, ${check.roots ?? 0} roots`,
    );
  else {
    const b = check.firstBroken!;
    console.log(
      `留痕校验失败：第一条异常 id=${b.id}（${b.reason}${b.chain !== undefined ? `，链 "${b.chain}"` : ""}），此前 ${check.checked} 条正常 / trail broken: ${b.reason} at id=${b.id}`,
    );
  }
}

/** Runs `safegrid verify` with its options; 0 when everything verifies, 1 when anything does not. */
export async function verifyCommand(deps: Deps, opts: VerifyOptions): Promise<number> {
  if (opts.against) {
    const code = await verifyAgainstCommand(deps, opts.against);
    return opts.witness ? Math.max(code, await witnessPart(deps, opts.witness)) : code;
  }
  const check = await verifyTrail(deps.db);
  printTrailCheck(check);
  const witness = opts.witness ? await witnessPart(deps, opts.witness) : 0;
  return check.ok && witness === 0 ? 0 : 1;
}

async function witnessPart(deps: Deps, witness: string | true): Promise<number> {
  const file = witness === true ? deps.config.trail.witnessFile : witness;
  if (!file)
    throw new AppError("bad_request", {
      zh: "未配置见证文件（SAFEGRID_WITNESS_FILE）",
      en: "No witness file",
    });
  const w = await checkWitness(deps.db, file);
  if (w.ok)
    console.log(
      `见证核对通过：见证文件中的 ${w.matched} 个根均在数据库中 / witness: all ${w.matched} roots present`,
    );
  else
    console.log(
      `见证核对失败：见证文件的根 id=${w.firstBroken!.id}（${w.firstBroken!.reason}）——数据库被回退或删除了记录 / witness check failed: ${w.firstBroken!.reason} at ${w.firstBroken!.id}`,
    );
  return w.ok ? 0 : 1;
}
