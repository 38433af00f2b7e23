// npm run build: the console (web/dist) and the compiled server (dist/safegrid.mjs).
//   node scripts/build.mjs            build both
//   node scripts/build.mjs --prepare  npm's prepare hook: build what is out of date; without the dev
//                                     dependencies (npm ci --omit=dev) say so and succeed
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildServer, serverBuildIsStale } from "./build/server-build.mjs";
import { buildWeb, webBuildIsStale } from "./build/web-build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const webDist = path.join(root, "web/dist");
const prepare = process.argv.includes("--prepare");

const installed = (name) =>
  import(name).then(
    () => true,
    () => false,
  );
if (prepare && !((await installed("esbuild")) && (await installed("vite")))) {
  console.log("safegrid: 未安装构建工具（生产安装），跳过构建 / no build tools installed, build skipped");
  process.exit(0);
}
if (!prepare || webBuildIsStale(root, webDist)) {
  console.log("safegrid: building the console (vite) → web/dist and the field app → web/dist/m");
  await buildWeb(root, webDist);
}
if (!prepare || serverBuildIsStale(root)) {
  console.log("safegrid: building the server (esbuild) → dist/safegrid.mjs");
  await buildServer(root);
}
