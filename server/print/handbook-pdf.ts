import type { HandbookBlock, TextRun } from "../../domain/print/handbook-markup";
import { gridWorkerDuties, reportingFlow } from "../../domain/print/print-texts";
import { type Doc, newDoc, withPhone, zh, zhBold } from "./pdf-doc";
import { drawTable } from "./pdf-table";

export interface HandbookGrid {
  code: string;
  name: string;
  townshipName: string | null;
  workers: { name: string; phone: string | null }[];
  officer: { name: string | null; phone: string | null };
  leader: { name: string | null; phone: string | null };
}
export interface HandbookData {
  title: string;
  regionName: string;
  issuingOffice: string;
  /** 0 when the region has no saved version (generated chapters only). */
  version: number;
  date: string;
  blocks: HandbookBlock[];
  grids: HandbookGrid[];
  checklists: { title: string; siteKinds: string; items: string[] }[];
  /** One row per category: its label and the limits of the stages a case passes through. */
  deadlines: { header: string[]; rows: string[][] };
  hotline: string | null;
}

// A4 in points, with 2 cm margins.
const W = 595.28;
const H = 841.89;
const M = 56;
const top = M + 14;
const bottom = H - M;
const width = W - 2 * M;

function runsInline(doc: Doc, runs: TextRun[], size: number, opts: PDFKit.Mixins.TextOptions) {
  const list = runs.length ? runs : [{ text: " " }];
  list.forEach((r, i) => {
    doc
      .font(r.bold ? zhBold : zh)
      .fontSize(size)
      .text(r.text || " ", { ...opts, continued: i < list.length - 1 });
  });
}

/** Running header and page number on every page but the cover. */
function decorate(doc: Doc, title: string, count: number) {
  for (let i = 1; i < count; i += 1) {
    doc.switchToPage(i);
    doc.font(zh).fontSize(8).fillColor("#555");
    doc.text(title, M, M - 24, { width, align: "left", lineBreak: false });
    doc.text(`第 ${i} 页`, M, H - M + 14, { width, align: "center", lineBreak: false });
    doc
      .moveTo(M, M - 10)
      .lineTo(W - M, M - 10)
      .lineWidth(0.5)
      .strokeColor("#999")
      .stroke();
    doc.fillColor("#000");
  }
}

function chapter(doc: Doc, title: string) {
  doc.addPage();
  doc.x = M;
  doc.y = top;
  doc.font(zhBold).fontSize(16).fillColor("#0b3d91").text(title, { width });
  doc.moveDown(0.6).fillColor("#000");
}

function ensureRoom(doc: Doc, h: number) {
  if (doc.y + h > bottom) {
    doc.addPage();
    doc.x = M;
    doc.y = top;
  }
}

function drawBlocks(doc: Doc, blocks: HandbookBlock[]) {
  for (const b of blocks) {
    if (b.type === "heading") {
      ensureRoom(doc, 40);
      doc.moveDown(0.4).fillColor("#0b3d91");
      runsInline(doc, b.runs, b.level === 1 ? 14 : 12, { width });
      doc.fillColor("#000").moveDown(0.3);
    } else if (b.type === "paragraph") {
      ensureRoom(doc, 16);
      runsInline(doc, b.runs, 10.5, { width, indent: 21, lineGap: 3, align: "justify" });
      doc.moveDown(0.4);
    } else {
      b.items.forEach((item, i) => {
        ensureRoom(doc, 16);
        const y = doc.y;
        doc
          .font(zh)
          .fontSize(10.5)
          .text(b.ordered ? `${i + 1}.` : "•", M + 8, y, { width: 18 });
        doc.x = M + 28;
        doc.y = y;
        runsInline(doc, item, 10.5, { width: width - 28, lineGap: 3 });
        doc.x = M;
      });
      doc.moveDown(0.4);
    }
  }
}

const table = (doc: Doc, columns: number[], header: string[], rows: string[][], fontSize = 9) =>
  drawTable(doc, { x: M, width, columns, header, bottom, top, fontSize }, rows);

/**
 * The grid handbook (网格手册): a cover, the locality's own norms, then the generated chapters (grids and
 * their people, the reporting flow, checklists per site kind, time limits, the hotline). Returns the bytes
 * and the page count (the caller enforces the page budget).
 */
export async function renderHandbook(d: HandbookData): Promise<{ pdf: Buffer; pages: number }> {
  const { doc, pages, finish } = newDoc({ title: d.title, author: d.issuingOffice, bufferPages: true });
  // Cover.
  doc.addPage();
  doc.font(zhBold).fontSize(26).fillColor("#0b3d91").text(d.title, M, 250, { width, align: "center" });
  doc.moveDown(1).font(zh).fontSize(14).fillColor("#000").text(d.regionName, { width, align: "center" });
  doc.font(zh).fontSize(12);
  doc.text(d.issuingOffice, M, 640, { width, align: "center" });
  doc.text(`${d.date}${d.version ? `　第 ${d.version} 版` : ""}`, { width, align: "center" });

  chapter(doc, "第一章　本地工作规范");
  if (d.blocks.length) drawBlocks(doc, d.blocks);
  else
    doc
      .font(zh)
      .fontSize(10.5)
      .fillColor("#777")
      .text("（本地工作规范尚未编写）", { width })
      .fillColor("#000");

  chapter(doc, "第二章　网格及人员");
  doc.font(zh).fontSize(10).text(`共 ${d.grids.length} 个网格。`, { width }).moveDown(0.5);
  table(
    doc,
    [0.22, 0.3, 0.24, 0.24],
    ["网格", "网格员", "安全监管责任人", "联系负责人"],
    d.grids.map((g) => [
      `${g.name}\n${g.code}${g.townshipName ? `\n${g.townshipName}` : ""}`,
      g.workers.map((w) => withPhone(w.name, w.phone)).join("\n") || "（未配备）",
      withPhone(g.officer.name, g.officer.phone),
      withPhone(g.leader.name, g.leader.phone),
    ]),
  );

  chapter(doc, "第三章　网格员职责与报告流程");
  doc.font(zhBold).fontSize(12).text("网格员职责", { width }).moveDown(0.3);
  gridWorkerDuties.forEach((t, i) => {
    doc
      .font(zh)
      .fontSize(10.5)
      .text(`${i + 1}. ${t}`, { width, lineGap: 3 });
  });
  doc.moveDown(0.8).font(zhBold).fontSize(12).text("报告流程", { width }).moveDown(0.3);
  table(
    doc,
    [0.2, 0.8],
    ["环节", "要求"],
    reportingFlow.map((s, i) => [`${i + 1}. ${s.step}`, s.text]),
    10,
  );

  chapter(doc, "第四章　各类场所检查表");
  for (const c of d.checklists) {
    ensureRoom(doc, 60);
    doc.font(zhBold).fontSize(12).text(c.title, M, doc.y, { width });
    doc.font(zh).fontSize(9).fillColor("#555").text(`适用：${c.siteKinds}`, { width }).fillColor("#000");
    doc.moveDown(0.2);
    table(
      doc,
      [0.08, 0.92],
      ["序号", "检查内容"],
      c.items.map((t, i) => [String(i + 1), t]),
    );
    doc.moveDown(0.6);
  }

  chapter(doc, "第五章　办理时限");
  doc
    .font(zh)
    .fontSize(10)
    .text("各环节时限按工作日（或工作小时）计算，节假日顺延。", { width })
    .moveDown(0.4);
  table(
    doc,
    d.deadlines.header.map(() => 1 / d.deadlines.header.length),
    d.deadlines.header,
    d.deadlines.rows,
  );

  chapter(doc, "第六章　举报投诉电话");
  doc
    .font(zhBold)
    .fontSize(20)
    .text(d.hotline ?? "（县区尚未设置举报电话）", { width });
  doc
    .moveDown(0.5)
    .font(zh)
    .fontSize(10.5)
    .text("群众和网格员均可拨打，重大隐患、事故请立即报告。", { width });

  decorate(doc, d.title, pages());
  const count = pages();
  return { pdf: await finish(), pages: count };
}
