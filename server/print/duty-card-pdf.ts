import { gridWorkerDuties, howToReport } from "../../domain/print/print-texts";
import { type Doc, newDoc, withPhone, zh, zhBold } from "./pdf-doc";
import { drawQr } from "./pdf-qr";

export interface DutyCard {
  name: string;
  phone: string | null;
  /** JPEG or PNG bytes; a framed blank when absent. */
  photo: Buffer | null;
  townshipName: string;
  grids: {
    code: string;
    name: string;
    officer: string;
    leader: string;
  }[];
  /** The link the QR code opens (the field app's report page for the first grid). */
  reportUrl: string;
  hotline: string | null;
  issuingOffice: string;
  date: string;
}
export interface SkippedWorker {
  name: string;
  reason: string;
}
export type CardLayout = "a6" | "a4x4";

// A6 in points; an A4 page holds exactly two by two.
const CW = 297.64;
const CH = 419.53;
const pad = 14;
const inner = CW - 2 * pad;

function drawCard(doc: Doc, c: DutyCard, x: number, y: number) {
  doc.save();
  doc.rect(x, y, CW, 46).fill("#0b3d91");
  doc
    .fillColor("#fff")
    .font(zhBold)
    .fontSize(17)
    .text("网格员明白卡", x + pad, y + 8, { width: inner, lineBreak: false });
  doc
    .font(zh)
    .fontSize(8)
    .text(`${c.townshipName}安全生产网格化监管`, x + pad, y + 30, { width: inner, lineBreak: false });
  doc.fillColor("#000");

  // Photo (optional) and who.
  const py = y + 56;
  if (c.photo) doc.image(c.photo, x + pad, py, { fit: [54, 72], align: "center", valign: "center" });
  else {
    doc
      .rect(x + pad, py, 54, 72)
      .lineWidth(0.5)
      .dash(2, { space: 2 })
      .strokeColor("#999")
      .stroke()
      .undash();
    doc
      .font(zh)
      .fontSize(8)
      .fillColor("#999")
      .text("照片", x + pad, py + 30, { width: 54, align: "center" });
    doc.fillColor("#000");
  }
  const tx = x + pad + 64;
  const tw = inner - 64;
  doc.font(zhBold).fontSize(15).text(c.name, tx, py, { width: tw, lineBreak: false });
  doc
    .font(zh)
    .fontSize(8.5)
    .text(c.phone ? `电话：${c.phone}` : "电话：—", tx, py + 22, { width: tw });
  const gridLines = c.grids.map((g) => `${g.name}（${g.code}）`).join("\n");
  doc
    .font(zh)
    .fontSize(7.5)
    .text(`网格：${gridLines}`, tx, py + 36, { width: tw, height: 38, ellipsis: true });
  const first = c.grids[0];
  let cy = py + 78;
  doc.font(zh).fontSize(7.5);
  doc.text(`安全监管责任人：${first?.officer ?? "—"}`, x + pad, cy, { width: inner, lineBreak: false });
  cy += 11;
  doc.text(`联系负责人：${first?.leader ?? "—"}`, x + pad, cy, { width: inner, lineBreak: false });
  cy += 15;

  doc
    .font(zhBold)
    .fontSize(9)
    .fillColor("#0b3d91")
    .text("工作任务", x + pad, cy);
  doc.fillColor("#000").font(zh).fontSize(7);
  cy += 13;
  for (const [i, t] of gridWorkerDuties.entries()) {
    doc.text(`${i + 1}. ${t}`, x + pad, cy, { width: inner, lineGap: 0.5 });
    cy = doc.y + 1;
  }
  cy += 4;
  doc
    .font(zhBold)
    .fontSize(9)
    .fillColor("#0b3d91")
    .text("报告方式", x + pad, cy);
  doc.fillColor("#000");
  cy += 13;
  const qr = 84;
  drawQr(doc, c.reportUrl, x + CW - pad - qr, cy - 4, qr);
  doc.font(zh).fontSize(7);
  for (const [i, t] of howToReport.entries()) {
    doc.text(`${i + 1}. ${t}`, x + pad, cy, { width: inner - qr - 4, lineGap: 0.5 });
    cy = doc.y + 1;
  }

  // Hotline and issuer at the foot.
  const fy = y + CH - 52;
  doc.rect(x + pad, fy, inner, 24).fill("#fdecea");
  doc.fillColor("#b71c1c").font(zhBold).fontSize(11);
  doc.text(`举报投诉电话：${c.hotline ?? "—"}`, x + pad + 6, fy + 6, { width: inner - 12, lineBreak: false });
  doc.fillColor("#555").font(zh).fontSize(6.5);
  doc.text(`${c.issuingOffice}　${c.date}`, x + pad, y + CH - 22, {
    width: inner,
    lineBreak: false,
    align: "right",
  });
  doc.fillColor("#000").restore();
}

function cutMarks(doc: Doc) {
  doc.save().lineWidth(0.3).strokeColor("#bbb").dash(3, { space: 3 });
  doc
    .moveTo(CW, 0)
    .lineTo(CW, 2 * CH)
    .stroke();
  doc
    .moveTo(0, CH)
    .lineTo(2 * CW, CH)
    .stroke();
  doc.undash().restore();
}

/**
 * Duty cards (明白卡): one A6 page each, or an A4 sheet of four with cut lines. Workers left out (no grid)
 * are listed on a last page with the reason, so a batch says what it did not print; so are the cards printed
 * without a photo (an empty frame).
 */
export async function renderDutyCards(
  cards: DutyCard[],
  layout: CardLayout,
  meta: { title: string; author: string },
  skipped: SkippedWorker[] = [],
  withoutPhoto: string[] = [],
): Promise<{ pdf: Buffer; pages: number }> {
  const { doc, pages, finish } = newDoc({ ...meta, size: layout === "a6" ? "A6" : "A4" });
  cards.forEach((c, i) => {
    if (layout === "a6") {
      doc.addPage();
      drawCard(doc, c, 0, 0);
      return;
    }
    const slot = i % 4;
    if (slot === 0) {
      doc.addPage();
      cutMarks(doc);
    }
    drawCard(doc, c, (slot % 2) * CW, Math.floor(slot / 2) * CH);
  });
  if (skipped.length || !cards.length) {
    doc.addPage({ size: "A4" });
    doc
      .font(zhBold)
      .fontSize(14)
      .text(`未生成明白卡的网格员（${skipped.length} 人）`, 50, 50, { width: 495 });
    doc.moveDown(0.5).font(zh).fontSize(10);
    for (const s of skipped) {
      if (doc.y > 790) doc.addPage({ size: "A4" }).font(zh).fontSize(10).text("", 50, 50);
      doc.text(`${s.name}：${s.reason}`, 50, doc.y, { width: 495 });
    }
  }
  if (withoutPhoto.length) {
    if (!(skipped.length || !cards.length)) doc.addPage({ size: "A4" }).text("", 50, 30);
    doc
      .font(zhBold)
      .fontSize(14)
      .text(`无照片的明白卡（${withoutPhoto.length} 张，照片处留空框，可补传照片后重印）`, 50, doc.y + 20, {
        width: 495,
      });
    doc.moveDown(0.5).font(zh).fontSize(10).text(withoutPhoto.join("、"), 50, doc.y, { width: 495 });
  }
  const count = pages();
  return { pdf: await finish(), pages: count };
}
