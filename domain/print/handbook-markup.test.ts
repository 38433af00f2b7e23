import { describe, expect, it } from "vitest";
import { handbookBlocksSchema, parseHandbook, parseRuns } from "./handbook-markup";

describe("handbook markup", () => {
  it("parses headings, paragraphs, bulleted and numbered lists and bold runs", () => {
    const blocks = parseHandbook(
      "# 第一章 总则\n本手册适用于**城关镇**各网格。\n继续一段。\n\n## 巡查要求\n- 每月一次\n- 重点场所**每周**\n1. 发现\n2. 上报",
    );
    expect(blocks).toEqual([
      { type: "heading", level: 1, runs: [{ text: "第一章 总则" }] },
      {
        type: "paragraph",
        runs: [{ text: "本手册适用于" }, { text: "城关镇", bold: true }, { text: "各网格。继续一段。" }],
      },
      { type: "heading", level: 2, runs: [{ text: "巡查要求" }] },
      {
        type: "list",
        ordered: false,
        items: [[{ text: "每月一次" }], [{ text: "重点场所" }, { text: "每周", bold: true }]],
      },
      { type: "list", ordered: true, items: [[{ text: "发现" }], [{ text: "上报" }]] },
    ]);
    expect(handbookBlocksSchema.parse(blocks)).toEqual(blocks);
  });

  it("keeps HTML and unmatched markers as literal text", () => {
    expect(parseRuns("<script>alert(1)</script> **未闭合")).toEqual([
      { text: "<script>alert(1)</script> **未闭合" },
    ]);
    expect(parseHandbook("<b>x</b>")).toEqual([{ type: "paragraph", runs: [{ text: "<b>x</b>" }] }]);
  });

  it("refuses a stored structure with anything beyond the subset", () => {
    expect(() => handbookBlocksSchema.parse([{ type: "html", html: "<img>" }])).toThrow();
    expect(() =>
      handbookBlocksSchema.parse([{ type: "paragraph", runs: [{ text: "x", href: "y" }] }]),
    ).toThrow();
  });
});
