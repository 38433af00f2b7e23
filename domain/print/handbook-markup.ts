import { z } from "zod";

/**
 * The handbook's rich text (网格手册, R10): a small safe subset written as plain text and kept as a
 * restricted structure, never as HTML. One block per line group:
 *   `# 标题` / `## 小标题`   headings (two levels)
 *   `- 条目` / `1. 条目`      list items (bulleted or numbered; consecutive lines make one list)
 *   other lines               paragraphs (a blank line ends one)
 *   `**加粗**`                bold inside any line
 * Anything else (HTML tags, links, images) stays literal text: the PDF and the console draw text runs only.
 */
export interface TextRun {
  text: string;
  bold?: boolean;
}
export type HandbookBlock =
  | { type: "heading"; level: 1 | 2; runs: TextRun[] }
  | { type: "paragraph"; runs: TextRun[] }
  | { type: "list"; ordered: boolean; items: TextRun[][] };

/** Characters of the source a version may have (the page budget limits it further). */
export const handbookMaxChars = 100_000;

const runSchema = z.strictObject({ text: z.string().max(handbookMaxChars), bold: z.boolean().optional() });
/** The stored structure, checked again when read back (a hand-edited row cannot smuggle anything in). */
export const handbookBlocksSchema = z.array(
  z.discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("heading"),
      level: z.union([z.literal(1), z.literal(2)]),
      runs: z.array(runSchema),
    }),
    z.strictObject({ type: z.literal("paragraph"), runs: z.array(runSchema) }),
    z.strictObject({ type: z.literal("list"), ordered: z.boolean(), items: z.array(z.array(runSchema)) }),
  ]),
);

/** Splits `**bold**` runs; an unmatched `**` stays literal. Control characters become spaces. */
export function parseRuns(line: string): TextRun[] {
  const clean = Array.from(line, (ch) => {
    const c = ch.charCodeAt(0);
    return c < 0x20 || c === 0x7f ? " " : ch;
  }).join("");
  const runs: TextRun[] = [];
  let rest = clean;
  while (rest.length) {
    const open = rest.indexOf("**");
    const close = open >= 0 ? rest.indexOf("**", open + 2) : -1;
    if (open < 0 || close < 0) {
      runs.push({ text: rest });
      break;
    }
    if (open > 0) runs.push({ text: rest.slice(0, open) });
    if (close > open + 2) runs.push({ text: rest.slice(open + 2, close), bold: true });
    rest = rest.slice(close + 2);
  }
  return runs;
}

/** Parses the editor's text into blocks (pure; the same function runs in the console's preview). */
export function parseHandbook(source: string): HandbookBlock[] {
  const blocks: HandbookBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: TextRun[][] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ type: "paragraph", runs: parseRuns(paragraph.join("")) });
    paragraph = [];
    if (list) blocks.push({ type: "list", ...list });
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const heading = /^(#{1,2})\s+(.+)$/.exec(line);
    const bullet = /^[-*•]\s+(.+)$/.exec(line);
    const numbered = /^\d{1,3}[.、)]\s*(.+)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ type: "heading", level: heading[1].length as 1 | 2, runs: parseRuns(heading[2]) });
    } else if (bullet || numbered) {
      const ordered = !bullet;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseRuns((bullet ?? numbered)?.[1] ?? ""));
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** The plain text of runs (for previews and search). */
export const runsText = (runs: TextRun[]) => runs.map((r) => r.text).join("");
