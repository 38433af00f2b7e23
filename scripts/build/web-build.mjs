// The console build (web/dist) and its stamp: a hash of the console's sources, the shared domain code,
// the lockfile and the package version. The console is rebuilt when that hash changes, not only when
// web/dist is missing, so an upgrade never serves a stale console.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export const webSources = [
  "web/src",
  "web/index.html",
  "web/field",
  "web/tip",
  "web/tip.html",
  "web/vite.config.ts",
  "domain",
  "package-lock.json",
];
export const stampName = ".safegrid-build.json";

const skip = (name) => /\.test\.tsx?$/.test(name) || name === "node_modules" || name === "dist";

function listFiles(root, rel, out) {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return;
  if (!fs.statSync(full).isDirectory()) {
    out.push(rel);
    return;
  }
  for (const name of fs.readdirSync(full).sort()) if (!skip(name)) listFiles(root, path.join(rel, name), out);
}

/** sha256 over the package version and every console source file (path and content). */
export function webSourceHash(root) {
  const hash = createHash("sha256");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  hash.update(`version ${pkg.version}\n`);
  const files = [];
  for (const rel of webSources) listFiles(root, rel, files);
  for (const rel of files) {
    hash.update(`${rel.split(path.sep).join("/")}\n`);
    hash.update(fs.readFileSync(path.join(root, rel)));
  }
  return hash.digest("hex");
}

export function readWebStamp(webDist) {
  try {
    return JSON.parse(fs.readFileSync(path.join(webDist, stampName), "utf8"));
  } catch {
    return undefined;
  }
}

/** True when web/dist has no index.html, no stamp, or a stamp from other sources or another version. */
export function webBuildIsStale(root, webDist) {
  if (!fs.existsSync(path.join(webDist, "index.html"))) return true;
  return readWebStamp(webDist)?.hash !== webSourceHash(root);
}

const compressible = /\.(js|css|html|webmanifest|svg|json)$/;

/**
 * Writes `<file>.br` and `<file>.gz` next to every text asset of the build, which the server sends
 * when the browser accepts them (@fastify/static `preCompressed`): the phone on a slow link downloads
 * ≈ 85 KB of JavaScript for /m instead of ≈ 265 KB.
 */
export function precompress(dir) {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) {
      precompress(file);
      continue;
    }
    if (!compressible.test(name)) continue;
    const data = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
}

/**
 * vite build of the console into webDist, then of the field app (web/field, served at /m) into webDist/m,
 * their pre-compressed copies, then the stamp. Needs vite (a dev dependency).
 */
export async function buildWeb(root, webDist) {
  const { build } = await import("vite");
  const hash = webSourceHash(root);
  await build({
    configFile: path.join(root, "web/vite.config.ts"),
    build: { outDir: webDist },
    logLevel: "warn",
  });
  await build({
    configFile: path.join(root, "web/field/vite.config.ts"),
    build: { outDir: path.join(webDist, "m") },
    logLevel: "warn",
  });
  precompress(webDist);
  fs.writeFileSync(
    path.join(webDist, stampName),
    `${JSON.stringify({ hash, builtAt: new Date().toISOString() })}\n`,
  );
}

/**
 * At start: rebuild the console when stale and vite is installed; without vite (production install)
 * serve what is there, with a warning.
 */
export async function ensureWebBuild(root, webDist, log = console.log) {
  if (!webBuildIsStale(root, webDist)) return "fresh";
  try {
    await import("vite");
  } catch {
    log(
      fs.existsSync(path.join(webDist, "index.html"))
        ? "警告：控制台源码已变更，但未安装 vite，继续使用现有构建 / console sources changed, vite is not installed"
        : "警告：没有控制台构建 (web/dist)，且未安装 vite：只提供 API / no console build and no vite: API only",
    );
    return "stale";
  }
  log("构建控制台前端 (vite build)… / building the console");
  await buildWeb(root, webDist);
  return "built";
}
