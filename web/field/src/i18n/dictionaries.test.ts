import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zh } from "./zh";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "i18n" ? [] : sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("field app dictionaries", () => {
  it("zh and en have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it("no value is empty", () => {
    for (const dict of [zh, en])
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe("");
  });

  it("each English text has the same placeholders as its Chinese one", () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[])
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
  });

  it("English texts have no Chinese characters (except the bilingual language label and the switch back)", () => {
    const bilingual = new Set(["me.language", "signin.otherLang"]);
    for (const [key, value] of Object.entries(en))
      if (!bilingual.has(key)) expect(value, key).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("the field app's code has no Chinese text outside comments and the dictionaries", () => {
    const root = join(__dirname, "..");
    const offenders: string[] = [];
    for (const file of sources(root)) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, "").replace(/^\s*(\/\*\*|\*).*$/, "");
          // Chinese in a regular expression matches the server's Chinese messages, not shown text
          if (
            /[\u4e00-\u9fff]/.test(code) &&
            !/\/[^/]*[\u4e00-\u9fff][^/]*\/[a-z]*\.test\(|\.replace\(\//.test(code)
          )
            offenders.push(`${file.slice(root.length + 1)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
