#!/usr/bin/env node
// SafeGrid command line: runs the TypeScript sources through tsx (no separate build step).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/cli/main.ts");
const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
