#!/usr/bin/env node
// SafeGrid command line: runs the compiled server in dist/, rebuilt first when a source in server/,
// db/ or domain/ is newer than it (and the build tools are installed).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureServerBuild, serverOutfile } from "../scripts/build/server-build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
try {
  await ensureServerBuild(root);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(root, serverOutfile)).href);
