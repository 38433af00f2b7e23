// Entry of the compiled server (dist/safegrid.mjs, see scripts/build/server-build.mjs): run the CLI.
import { main } from "./main";

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
