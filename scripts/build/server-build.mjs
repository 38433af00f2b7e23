// The compiled server: esbuild bundles server/ db/ domain/ into one ES module in dist/ (packages stay
// external, source map beside it). Plain JavaScript so that bin/safegrid.mjs can decide and build
// without tsx, and a production install (no dev dependencies) can still run an existing build.
import fs from "node:fs";
import path from "node:path";

export const serverSourceDirs = ["server", "db", "domain"];
export const serverEntry = "server/cli/run.ts";
export const serverOutfile = "dist/safegrid.mjs";

const isSource = (name) => /\.(ts|mts|json)$/.test(name) && !/\.test\.ts$/.test(name);

/** Newest modification time (ms) of the sources the bundle is made of (tests excluded). */
export function newestSourceMtime(root, dirs = serverSourceDirs) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "data" && entry.name !== "node_modules") walk(full);
      } else if (isSource(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of dirs) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return newest;
}

/** True when the bundle is missing or a source file is newer than it. */
export function serverBuildIsStale(root, outfile = serverOutfile) {
  let built;
  try {
    built = fs.statSync(path.resolve(root, outfile)).mtimeMs;
  } catch {
    return true;
  }
  return newestSourceMtime(root) > built;
}

/**
 * `import.meta.url` keeps meaning "this source file" inside the bundle (db/regions reads its data
 * files relative to itself): it becomes the source's URL computed from the bundle's own location.
 */
function sourceImportMetaUrl(outDir) {
  return {
    name: "source-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.m?ts$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, "utf8");
        if (!text.includes("import.meta.url")) return undefined;
        const rel = path.relative(outDir, args.path).split(path.sep).join("/");
        const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
        return { contents: text.replaceAll("import.meta.url", url), loader: "ts" };
      });
    },
  };
}

/** Bundles the server and CLI into `outfile` (relative to root). Needs esbuild (a dev dependency). */
export async function buildServer(root, outfile = serverOutfile) {
  const { build } = await import("esbuild");
  const out = path.resolve(root, outfile);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [serverEntry],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
    plugins: [sourceImportMetaUrl(path.dirname(out))],
    write: false,
  });
  // Written beside and renamed into place: a process starting meanwhile never loads half a bundle.
  fs.mkdirSync(path.dirname(out), { recursive: true });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  return out;
}

async function esbuildAvailable() {
  try {
    await import("esbuild");
    return true;
  } catch {
    return false;
  }
}

/**
 * Before running dist/: rebuild when stale and esbuild is installed; a stale build without esbuild
 * (production install) still runs, with a warning; no build at all is an error with the remedy.
 */
export async function ensureServerBuild(root, { outfile = serverOutfile, log = console.error } = {}) {
  if (!serverBuildIsStale(root, outfile)) return "fresh";
  const exists = fs.existsSync(path.resolve(root, outfile));
  if (await esbuildAvailable()) {
    log("编译服务端 (esbuild → dist/)… / building the server");
    await buildServer(root, outfile);
    return "built";
  }
  if (exists) {
    log(
      "警告：源码比 dist/ 新，但未安装构建工具 (esbuild)，运行现有构建 / sources are newer than dist/, running it anyway",
    );
    return "stale";
  }
  throw new Error(
    "缺少编译后的服务端 dist/safegrid.mjs，且未安装构建工具：请先执行 npm install（含开发依赖）或 npm run build\n" +
      "dist/safegrid.mjs is missing and esbuild is not installed: run npm install (with dev dependencies) or npm run build",
  );
}
