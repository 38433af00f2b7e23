// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each prints one JSON line.
const names = ["assign", "import", "map", "intake", "loop", "queue"] as const;

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = wanted.filter((w) => !names.includes(w as (typeof names)[number]));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(", ")}; choose from ${names.join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : names) {
  const mod = (await import(`./${name}.ts`)) as { run: () => Promise<Record<string, unknown>> };
  const figures = await mod.run();
  console.log(JSON.stringify({ bench: name, ...figures }));
}
