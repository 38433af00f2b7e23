import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureWebBuild, stampName, webBuildIsStale, webSourceHash } from "./web-build.mjs";

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe("console build stamp", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-web-"));
  const webDist = path.join(root, "web/dist");
  const stamp = () => write(path.join(webDist, stampName), JSON.stringify({ hash: webSourceHash(root) }));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  write(path.join(root, "package.json"), JSON.stringify({ name: "safegrid", version: "0.1.0" }));
  write(path.join(root, "web/index.html"), "<div id=root></div>");
  write(path.join(root, "web/src/main.tsx"), "export const a = 1;");
  write(path.join(root, "domain/rules.ts"), "export const b = 2;");

  it("is stale without a build, without a stamp, or with the stamp of other sources", () => {
    expect(webBuildIsStale(root, webDist)).toBe(true);
    write(path.join(webDist, "index.html"), "<html></html>");
    expect(webBuildIsStale(root, webDist)).toBe(true);
    stamp();
    expect(webBuildIsStale(root, webDist)).toBe(false);
    write(path.join(root, "web/src/main.tsx"), "export const a = 3;");
    expect(webBuildIsStale(root, webDist)).toBe(true);
    stamp();
    write(path.join(root, "domain/rules.ts"), "export const b = 4;");
    expect(webBuildIsStale(root, webDist)).toBe(true);
    stamp();
    write(path.join(root, "web/src/new-page.tsx"), "export {};");
    expect(webBuildIsStale(root, webDist)).toBe(true);
  });

  it("is stale after a version bump, not after a test file changed", () => {
    stamp();
    write(path.join(root, "web/src/main.test.ts"), "// a test");
    expect(webBuildIsStale(root, webDist)).toBe(false);
    write(path.join(root, "package.json"), JSON.stringify({ name: "safegrid", version: "0.2.0" }));
    expect(webBuildIsStale(root, webDist)).toBe(true);
  });

  it("leaves a fresh build alone", async () => {
    stamp();
    const said: string[] = [];
    expect(await ensureWebBuild(root, webDist, (m: string) => said.push(m))).toBe("fresh");
    expect(said).toEqual([]);
  });
});
