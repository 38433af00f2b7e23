import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const demoPassword = "E2e-Demo-Pass-2026";
export const shotsDir = path.resolve("test-results");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface E2eServer {
  url: string;
  stop(): Promise<void>;
  log(): string;
}

/**
 * Starts the real platform the way the README does (`safegrid serve`) on a free port with a fresh
 * data folder (or TEST_DATABASE_URL's PostgreSQL when E2E_DATABASE_URL is set) and the demo loaded.
 */
export async function startServer(): Promise<E2eServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-e2e-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["bin/safegrid.mjs", "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SAFEGRID_DATA_DIR: dataDir,
      SAFEGRID_DEMO_PASSWORD: demoPassword,
      LOG_LEVEL: "warn",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    log: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** Signs in through the login page as a demo account. */
export async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(demoPassword);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("user-menu").waitFor({ timeout: 15_000 });
}
