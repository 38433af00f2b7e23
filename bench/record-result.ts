import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const file = path.resolve("docs/performance.md");

/** Machine facts printed next to every result. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const mem = Math.round(os.totalmem() / 2 ** 30);
  return `${cpu}, ${os.cpus().length} cores, ${mem} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Rewrites the benchmark's own section of docs/performance.md (between its markers) with the new figures. */
export function recordResult(name: string, figures: Record<string, unknown>, now = new Date()) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Performance\n";
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const body = [
    start,
    `Last run ${now.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}:`,
    "",
    "```json",
    JSON.stringify({ bench: name, ...figures }),
    "```",
    end,
  ].join("\n");
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next =
    i >= 0 && j > i
      ? text.slice(0, i) + body + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n## ${name}\n${body}\n`;
  fs.writeFileSync(file, next);
}
