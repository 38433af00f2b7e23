// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each ends by printing one JSON
// line of figures, and its section of docs/performance.md is rewritten with the machine and the date.
import { recordResult } from "./record-result";

const names = [
  "assign",
  "import",
  "map",
  "intake",
  "loop",
  "queue",
  "fuzz",
  "demo",
  "delivery",
  "field-replay",
  "field",
  "print",
  "dashboard",
  "tips",
  "site-search",
] as const;

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = wanted.filter((w) => !names.includes(w as (typeof names)[number]));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(", ")}; choose from ${names.join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : names) {
  const mod = (await import(`./${name}.ts`)) as { run: () => Promise<Record<string, unknown>> };
  const figures = await mod.run();
  // A run against PostgreSQL (BENCH_DATABASE_URL) keeps its own section next to the embedded one.
  // A partial run (e.g. BENCH_FIELD_SYNC=0) prints its figures but leaves docs/performance.md as it is.
  if (!figures.partial) recordResult(figures.dialect === "postgres" ? `${name}-postgres` : name, figures);
  console.log(JSON.stringify({ bench: name, ...figures }));
}
process.exit(0);
