import fs from "node:fs";
import path from "node:path";
import { type Role, roleLabel } from "../../domain/auth/roles";
import type { Config } from "../config";
import type { DemoResult } from "../demo/create-demo";

/** Pads to a width counted in terminal columns (a Chinese character takes two). */
function pad(text: string, width: number): string {
  let cols = 0;
  for (const ch of text) cols += /[\u1100-\u115f\u2e80-\uffdc]/.test(ch) ? 2 : 1;
  return text + " ".repeat(Math.max(0, width - cols));
}

/**
 * The demo accounts as printed at the first start: who each one is, the area it covers (for a grid worker
 * the grids, e.g. 网格员 周明 — 城关镇 兴隆路社区 — 兴隆路社区网格) and what to try first with it.
 */
export function accountLines(demo: DemoResult): string[] {
  const roleWidth = Math.max(...demo.accounts.map((a) => roleLabel[a.role as Role].zh.length * 2), 8) + 2;
  const nameWidth = Math.max(...demo.accounts.map((a) => a.displayName.length * 2), 8) + 2;
  return [
    `演示县 Demo county: ${demo.county.name} (${demo.county.code})`,
    "演示账号 Demo accounts（账号 / 密码 / 角色 / 姓名 / 负责区域 / 先试试）:",
    ...demo.accounts.flatMap((a) => [
      `  ${pad(a.username, 11)}${pad(a.password, 21)}${pad(roleLabel[a.role as Role].zh, roleWidth)}${pad(a.displayName, nameWidth)}${a.area}`,
      `  ${" ".repeat(32)}先试试：${a.tryFirst}${a.totpSecret ? `   动态验证码密钥 TOTP ${a.totpSecret}` : ""}`,
    ]),
    "管理员账号登录时需输入动态验证码：把 TOTP 密钥添加到身份验证器（或用 otplib 计算）。",
    "Administrator accounts ask for a TOTP code: add the secret to an authenticator app.",
  ];
}

/**
 * Prints the demo accounts and keeps a copy (mode 0600) in the data folder for later reference — on
 * SQLite and on PostgreSQL alike (the data folder also holds the keys and local evidence).
 */
export function printAccounts(config: Config, demo: DemoResult) {
  const lines = accountLines(demo);
  const file = path.join(config.dataDir, "demo-accounts.txt");
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  console.log([...lines, `账号清单另存于 Account list kept in: ${file}`].join("\n"));
}
