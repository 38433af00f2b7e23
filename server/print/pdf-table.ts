import { type Doc, zh, zhBold } from "./pdf-doc";

export interface TableSpec {
  x: number;
  width: number;
  /** Column widths as fractions of the width (they sum to 1). */
  columns: number[];
  header: string[];
  fontSize?: number;
  /** Bottom of the usable area: a row that would cross it starts a new page. */
  bottom: number;
  /** Top of the usable area on a new page. */
  top: number;
  /** Called after a page break (to draw running headers); returns nothing. */
  onNewPage?: () => void;
}

const pad = 3;

/** Draws a table with wrapped cells from `doc.y`, repeating the header on each new page. */
export function drawTable(doc: Doc, spec: TableSpec, rows: string[][]): void {
  const size = spec.fontSize ?? 9;
  const widths = spec.columns.map((c) => c * spec.width);
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return (
      Math.max(
        ...cells.map((t, i) => doc.heightOfString(t || " ", { width: widths[i] - 2 * pad, lineGap: 1 })),
      ) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    let x = spec.x;
    if (fill) doc.rect(spec.x, y, spec.width, h).fill(fill);
    doc.fillColor("#000").font(font).fontSize(size);
    cells.forEach((t, i) => {
      doc.rect(x, y, widths[i], h).lineWidth(0.5).strokeColor("#666").stroke();
      doc.fillColor("#000").text(t || " ", x + pad, y + pad, { width: widths[i] - 2 * pad, lineGap: 1 });
      x += widths[i];
    });
    doc.x = spec.x;
    doc.y = y + h;
  };
  const header = () => drawRow(spec.header, zhBold, "#e8eef7");
  const newPage = () => {
    doc.addPage();
    doc.y = spec.top;
    spec.onNewPage?.();
  };
  if (doc.y + heightOf(spec.header, zhBold) + (rows[0] ? heightOf(rows[0], zh) : 0) > spec.bottom) newPage();
  header();
  for (const row of rows) {
    if (doc.y + heightOf(row, zh) > spec.bottom) {
      newPage();
      header();
    }
    drawRow(row, zh);
  }
}
