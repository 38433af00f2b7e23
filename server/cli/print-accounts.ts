import fs from "node:fs";
import path from "node:path";
import { type Role, roleLabel } from "../../domain/auth/roles";
import type { Config } from "../config";
import type { DemoResult } from "../demo/create-demo";

/** Prints the demo accounts and keeps a copy (mode 0600) in the data folder for later reference. */
export function printAccounts(config: Config, demo: DemoResult) {
  const lines = [
    `演示县 Demo county: ${demo.county.name} (${demo.county.code})`,
    "演示账号 Demo accounts (username / password / role / 动态验证码密钥 TOTP secret):",
    ...demo.accounts.map(
      (a) =>
        `  ${a.username.padEnd(10)} ${a.password.padEnd(20)} ${roleLabel[a.role as Role].zh} / ${roleLabel[a.role as Role].en}${a.totpSecret ? `  TOTP ${a.totpSecret}` : ""}`,
    ),
    "管理员账号登录时需输入动态验证码：把 TOTP 密钥添加到身份验证器（或用 otplib 计算）。",
    "Administrator accounts ask for a TOTP code: add the secret to an authenticator app.",
  ];
  console.log(lines.join("\n"));
  if (!config.databaseUrl) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(path.join(config.dataDir, "demo-accounts.txt"), `${lines.join("\n")}\n`, {
      mode: 0o600,
    });
  }
}
