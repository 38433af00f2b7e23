import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "./main";

describe("safegrid CLI", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-cli-"));
  const saved = { ...process.env };
  let out: string[] = [];

  beforeAll(() => {
    Object.assign(process.env, {
      SAFEGRID_DATA_DIR: dir,
      SAFEGRID_DEMO: "0",
      SAFEGRID_NEW_PASSWORD: "Cli-Strong-Pass-2026",
      DATABASE_URL: "",
    });
    vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  });
  afterAll(() => {
    process.env = saved;
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("migrates, adds a user, disables a user", async () => {
    expect(await main(["migrate"])).toBe(0);
    expect(
      await main([
        "user",
        "add",
        "--username",
        "firstadmin",
        "--role",
        "system_admin",
        "--scope",
        "62",
        "--name",
        "首位管理员",
      ]),
    ).toBe(0);
    expect(out.join("\n")).toContain("已创建用户 firstadmin");
    expect(
      await main([
        "user",
        "add",
        "--username",
        "station2",
        "--role",
        "township_station",
        "--scope",
        "620123100",
      ]),
    ).toBe(0);
    expect(await main(["user", "disable", "station2"])).toBe(0);
    const db = new SQLite(path.join(dir, "safegrid.db"));
    expect(db.prepare("select status from app_user where username = ?").get("station2")).toEqual({
      status: "disabled",
    });
    db.close();
  });

  it("rebuilds the dashboards' rollup from the trail; a county code that is no code is refused", async () => {
    out = [];
    expect(await main(["tally", "rebuild"])).toBe(0);
    expect(out.join("\n")).toMatch(/已从留痕重建统计汇总：全部县，0 行/);
    expect(await main(["tally", "rebuild", "620123"])).toBe(0);
    expect(out.join("\n")).toMatch(/620123，0 行/);
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await main(["tally", "rebuild", "榆中县"])).toBe(2);
    expect(await main(["tally"])).toBe(2);
    err.mockRestore();
  });

  it("loads another province by code", async () => {
    expect(await main(["regions", "load", "64"])).toBe(0);
    expect(out.at(-1)).toMatch(/^64: 区划 \d+ 条/);
  });

  it("verifies the trail, and names the first row altered directly in the database", async () => {
    out = [];
    expect(await main(["verify"])).toBe(0);
    expect(out.join("\n")).toContain("留痕校验通过");
    const db = new SQLite(path.join(dir, "safegrid.db"));
    const row = db
      .prepare("select id from event where action = 'user.created' order by id limit 1")
      .get() as { id: number };
    db.prepare("update event set data = ? where id = ?").run('{"role":"grid_worker"}', row.id);
    db.close();
    out = [];
    expect(await main(["verify"])).toBe(1);
    expect(out.join("\n")).toContain(`id=${row.id}`);
  });
});
