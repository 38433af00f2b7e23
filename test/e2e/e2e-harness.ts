import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { generate } from "otplib";
import pg from "pg";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const demoPassword = "E2e-Demo-Pass-2026";
/** The demo administrators' (system, security, audit) pre-enrolled authenticator secret in browser tests. */
export const demoTotpSecret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
const twoFactorUsers = new Set(["admin", "security", "auditor"]);
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
  /** The server's data folder (SAFEGRID_DATA_DIR). */
  dataDir: string;
  stop(): Promise<void>;
  log(): string;
}

/**
 * A fresh schema on E2E_DATABASE_URL's PostgreSQL for one server (as db/test-db.ts gives each test file):
 * the server's DATABASE_URL selects it with `options=-c search_path=…`; `drop` removes it after the server.
 */
async function freshSchema(url: string): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const schema = `e2e_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set("options", `-c search_path=${schema}`);
  return { databaseUrl: withSchema.toString(), drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/**
 * Starts the real platform the way the README does (`safegrid serve`) on a free port with a fresh
 * data folder and the demo loaded: on embedded SQLite, or in a fresh schema of E2E_DATABASE_URL's
 * PostgreSQL when that is set (`.ci/run` runs the browser tests both ways).
 */
export async function startServer(env: Record<string, string | undefined> = {}): Promise<E2eServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-e2e-"));
  const database = process.env.E2E_DATABASE_URL ? await freshSchema(process.env.E2E_DATABASE_URL) : null;
  let output = "";
  // `env` overrides the defaults below; a key given as undefined is removed (the server's default applies)
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    SAFEGRID_DATA_DIR: dataDir,
    SAFEGRID_DEMO_PASSWORD: demoPassword,
    SAFEGRID_DEMO_TOTP_SECRET: demoTotpSecret,
    LOG_LEVEL: "warn",
    DATABASE_URL: database?.databaseUrl ?? "",
    ...env,
  };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child: ChildProcess = spawn(process.execPath, ["bin/safegrid.mjs", "serve"], {
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
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
    dataDir,
    log: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      if (child.exitCode === null) child.kill("SIGKILL");
      await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
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

/** Saves a screenshot of the whole page (or of the viewport: a drawer over a long page shows as on screen). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
}

/**
 * Waits for what a step should show; when it does not show, fails with where the page is and what it says
 * instead (error alerts, messages, an open dialog), not only "timeout".
 */
export async function shown(page: Page, target: Locator, timeout = 30_000) {
  try {
    await target.waitFor({ timeout });
  } catch (err) {
    const says = await page
      .locator(
        ".ant-alert-error, .ant-message-notice, .ant-modal-confirm, .ant-popconfirm, .ant-form-item-explain-error",
      )
      .allInnerTexts()
      .catch(() => [] as string[]);
    const text = says.join(" | ").replace(/\s+/g, " ") || "(nothing)";
    throw new Error(`not shown at ${page.url()}; the page says: ${text}`, { cause: err });
  }
}

const usedSteps = new Map<string, number>();

/**
 * The current TOTP code of a demo administrator, computed with otplib from the secret the demo prints. The
 * server accepts each 30-second step once per account, so when this test run already used the current step
 * for `username` this waits for the next one, as a person would.
 */
export async function totpCode(username: string, secret = demoTotpSecret): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  if ((usedSteps.get(username) ?? -1) >= step) {
    await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - Date.now() + 50));
    step = Math.floor(Date.now() / 30_000);
  }
  usedSteps.set(username, step);
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) });
}

/** Signs in through the API (password, then the TOTP code for the administrators); the bearer token. */
export async function apiSignIn(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { token, stage } = (await res.json()) as { token: string; stage: string };
  if (stage === "full") return token;
  const verify = await fetch(`${baseUrl}/api/v1/auth/totp/verify`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ code: await totpCode(username) }),
  });
  if (verify.status !== 204) throw new Error(`totp ${username}: ${verify.status} ${await verify.text()}`);
  return token;
}

/** The first sign-in of an account another person created: the initial password is replaced (required). */
export async function changeInitialPassword(
  baseUrl: string,
  username: string,
  initial: string,
  chosen: string,
) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: initial }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const change = await fetch(`${baseUrl}/api/v1/auth/password`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ currentPassword: initial, newPassword: chosen }),
  });
  if (change.status !== 204) throw new Error(`password ${username}: ${change.status} ${await change.text()}`);
}

/** Signs in through the login page as a demo account (with the second step for the administrators). */
export async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(demoPassword);
  await page.getByTestId("login-submit").click();
  if (twoFactorUsers.has(username)) {
    await page.getByTestId("login-totp").fill(await totpCode(username));
    await page.getByTestId("login-totp-submit").click();
  }
  await page.getByTestId("user-menu").waitFor({ timeout: 15_000 });
}

/** The server and the browser of one browser test file. */
export interface BrowserSuite {
  server: E2eServer;
  browser: Browser;
}

/**
 * Starts a server (with `env` set only while it starts) and a browser before the file's tests, and stops both
 * after them. Read `suite.server` / `suite.browser` inside tests and hooks (they are set in beforeAll).
 */
export function browserSuite(opts: { env?: Record<string, string>; timeout?: number } = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    const before = Object.fromEntries(Object.keys(opts.env ?? {}).map((k) => [k, process.env[k]]));
    Object.assign(process.env, opts.env);
    try {
      suite.server = await startServer();
    } finally {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    suite.browser = await launchBrowser();
  }, opts.timeout);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  }, opts.timeout);
  return suite;
}
