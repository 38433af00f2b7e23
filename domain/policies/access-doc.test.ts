import fs from "node:fs";
import { expect, it } from "vitest";
import { renderAccessDoc } from "./access-doc";

it("docs/access.md is the access table as it is now (run `npm run docs:access` after changing the table)", () => {
  const doc = fs.readFileSync(new URL("../../docs/access.md", import.meta.url), "utf8");
  expect(doc).toBe(renderAccessDoc());
});

it("shows the separation of duties in the table: the auditor reads the trail and no case, site or user", () => {
  const doc = renderAccessDoc();
  const row = (section: string, action: string) => {
    const part = doc.slice(doc.indexOf(`(\`${section}\`)`));
    const line = part.split("\n").find((l) => l.startsWith(`| ${action} |`)) ?? "";
    return line.split("|").map((c) => c.trim());
  };
  const auditorColumn = doc
    .split("\n")
    .find((l) => l.startsWith("| action |"))!
    .split("|")
    .map((c) => c.trim())
    .indexOf("安全审计员");
  expect(row("trail", "read")[auditorColumn]).toBe("✓");
  for (const [section, action] of [
    ["case", "read"],
    ["site", "read"],
    ["user", "read"],
    ["gridWorker", "read"],
  ])
    expect(row(section, action)[auditorColumn], `${section}.${action}`).toBe("—");
});
