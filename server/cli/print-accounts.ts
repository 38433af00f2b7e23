import fs from "node:fs";
import path from "node:path";
import { type Role, roleLabel } from "../../domain/auth/roles";
import type { Config } from "../config";
import type { DemoResult } from "../demo/create-demo";

/** Prints the demo accounts and keeps a copy (mode 0600) in the data folder for later reference. */
export function printAccounts(config: Config, demo: DemoResult) {
  const lines = [
    `演示县 Demo county: ${demo.county.name} (${demo.county.code})`,
    "演示账号 Demo accounts (username / password / role):",
    ...demo.accounts.map(
      (a) =>
        `  ${a.username.padEnd(10)} ${a.password.padEnd(20)} ${roleLabel[a.role as Role].zh} / ${roleLabel[a.role as Role].en}`,
    ),
  ];
  console.log(lines.join("\n"));
  if (!config.databaseUrl) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(path.join(config.dataDir, "demo-accounts.txt"), `${lines.join("\n")}\n`, {
      mode: 0o600,
    });
  }
}
