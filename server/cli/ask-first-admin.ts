import { createInterface } from "node:readline/promises";
import { AppError } from "../../domain/errors";
import { createUser } from "../commands/users/create-user";
import type { Deps } from "../deps";

/**
 * A production start on an empty database without the demo: ask for the first system administrator
 * on the terminal (until one is accepted), or say how to create one when there is no terminal.
 */
export async function askFirstAdmin(deps: Deps) {
  if (!process.stdin.isTTY) {
    console.log(
      "数据库中还没有用户。请用 `npx safegrid user add --role system_admin --scope 62 --username <名>` 创建第一个管理员，",
    );
    console.log("或设置 SAFEGRID_ADMIN_USER / SAFEGRID_ADMIN_PASSWORD 后重启。");
    console.log(
      "No users yet: run `npx safegrid user add --role system_admin ...` or set SAFEGRID_ADMIN_USER/PASSWORD.",
    );
    return;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  console.log("创建第一个系统管理员 / Create the first system administrator");
  for (;;) {
    const username = (await rl.question("用户名 Username: ")).trim();
    const password = await rl.question("密码 Password (≥12 位，含三类字符): ");
    try {
      await createUser(deps, null, {
        username,
        displayName: "系统管理员",
        role: "system_admin",
        scope: [process.env.SAFEGRID_PROVINCE || "62"],
        password,
      });
      console.log(`已创建系统管理员 ${username}`);
      break;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      console.log(`${err.zh}，请重试。`);
    }
  }
  rl.close();
}
