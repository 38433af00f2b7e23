// Entry of the compiled server (dist/safegrid.mjs, see scripts/build/server-build.mjs): run the CLI.
import { ConfigError } from "../config-schema";

try {
  // Imported here so that a setting read while the modules load is reported like the others.
  const { main } = await import("./main");
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (err) {
  // A bad setting stops the start with its message only (which variable, why), not a stack trace.
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
