import { type Doc, newDoc, zh, zhBold } from "./pdf-doc";
import { drawTable } from "./pdf-table";

export interface MapGrid {
  code: string;
  name: string;
  /** GeoJSON Polygon or MultiPolygon (WGS84). */
  geometry: { type: string; coordinates: unknown };
  center: [number, number];
  workers: string;
  officer: string;
  leader: string;
}
export interface GridMapData {
  title: string;
  regionName: string;
  issuingOffice: string;
  date: string;
  grids: MapGrid[];
}
export type MapSize = "A3" | "A4";

const palette = ["#cfe3f7", "#d9f0d3", "#fde4c8", "#e8dcf3", "#fbd5d5", "#d4f1ef", "#f6efc4", "#e1e6ea"];
const metresPerDegree = 111_320;

type Ring = [number, number][];
function polygonsOf(g: MapGrid["geometry"]): Ring[][] {
  if (g.type === "Polygon") return [g.coordinates as Ring[]];
  if (g.type === "MultiPolygon") return g.coordinates as Ring[][];
  return [];
}

/** A round length (1, 2 or 5 × 10ⁿ metres) not above `max`. */
export function niceLength(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= max) ?? p;
}

function northArrow(doc: Doc, x: number, y: number) {
  doc.save();
  doc.polygon([x, y], [x - 9, y + 26], [x, y + 20]).fill("#000");
  doc
    .polygon([x, y], [x + 9, y + 26], [x, y + 20])
    .lineWidth(0.8)
    .strokeColor("#000")
    .stroke();
  doc
    .font(zhBold)
    .fontSize(10)
    .fillColor("#000")
    .text("北", x - 6, y + 28, { width: 12, align: "center" });
  doc.restore();
}

function scaleBar(doc: Doc, x: number, y: number, metresPerPt: number, maxPt: number) {
  const metres = niceLength(maxPt * metresPerPt);
  const len = metres / metresPerPt;
  doc.save().lineWidth(1).strokeColor("#000");
  doc.rect(x, y, len / 2, 4).fill("#000");
  doc
    .rect(x + len / 2, y, len / 2, 4)
    .lineWidth(0.8)
    .stroke();
  const label = metres >= 1000 ? `${metres / 1000} 公里` : `${metres} 米`;
  doc
    .font(zh)
    .fontSize(8)
    .fillColor("#000")
    .text("0", x - 3, y + 6, { lineBreak: false });
  doc.text(label, x + len - 10, y + 6, { lineBreak: false });
  doc.restore();
}

/**
 * The grid map (网格示意图) of a township or county: grid outlines with numbers and names, a legend table
 * of each grid's worker, supervision officer and contact leader with phones, scale bar, north arrow, date
 * and issuing office. Landscape A4 or A3; a long legend continues on further pages.
 */
export async function renderGridMap(d: GridMapData, size: MapSize): Promise<{ pdf: Buffer; pages: number }> {
  const { doc, pages, finish } = newDoc({ title: d.title, author: d.issuingOffice, size, landscape: true });
  doc.addPage();
  const W = doc.page.width;
  const H = doc.page.height;
  const m = 28;
  doc
    .font(zhBold)
    .fontSize(size === "A3" ? 22 : 17)
    .text(d.title, m, m - 6, { width: W - 2 * m, align: "center" });
  const box = { x: m, y: m + 30, w: (W - 2 * m) * 0.6, h: H - 2 * m - 60 };
  doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.8).strokeColor("#333").stroke();

  // Fit every grid's rings into the box, keeping shape (longitudes shrink by cos(latitude)).
  const all = d.grids.flatMap((g) => polygonsOf(g.geometry).flat(2) as unknown as [number, number][]);
  const pts = all.length ? all : [[0, 0] as [number, number]];
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * cos, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const k = Math.min((box.w - 40) / spanX, (box.h - 60) / spanY);
  const ox = box.x + (box.w - spanX * k) / 2;
  const oy = box.y + 20 + (box.h - 60 - spanY * k) / 2;
  const at = (lon: number, lat: number): [number, number] => [
    ox + (lon - minLon) * cos * k,
    oy + (maxLat - lat) * k,
  ];

  d.grids.forEach((g, i) => {
    for (const poly of polygonsOf(g.geometry)) {
      for (const ring of poly) {
        ring.forEach(([lon, lat], j) => {
          const [x, y] = at(lon, lat);
          if (j === 0) doc.moveTo(x, y);
          else doc.lineTo(x, y);
        });
        doc.closePath();
      }
      doc
        .lineWidth(0.8)
        .fillColor(palette[i % palette.length])
        .strokeColor("#0b3d91")
        .fillAndStroke();
    }
  });
  const labelSize = d.grids.length > 30 ? 6 : 8;
  d.grids.forEach((g, i) => {
    const [x, y] = at(g.center[0], g.center[1]);
    doc
      .font(zhBold)
      .fontSize(labelSize + 1)
      .fillColor("#b71c1c")
      .text(String(i + 1), x - 20, y - labelSize - 2, { width: 40, align: "center", lineBreak: false });
    doc
      .font(zh)
      .fontSize(labelSize)
      .fillColor("#000")
      .text(g.name, x - 40, y + 1, { width: 80, align: "center", lineBreak: false });
  });
  northArrow(doc, box.x + box.w - 24, box.y + 10);
  scaleBar(doc, box.x + 16, box.y + box.h - 22, metresPerDegree / k, box.w / 4);
  doc.font(zh).fontSize(8).fillColor("#333");
  doc.text(
    `制图单位：${d.issuingOffice}　　制图日期：${d.date}　　${d.regionName}共 ${d.grids.length} 个网格`,
    m,
    H - m - 14,
    {
      width: W - 2 * m,
      lineBreak: false,
    },
  );

  // Legend table on the right, continued on new pages at full width.
  const lx = box.x + box.w + 12;
  doc.x = lx;
  doc.y = box.y;
  doc.fillColor("#000");
  const rows = d.grids.map((g, i) => [`${i + 1}. ${g.name}`, g.workers, g.officer, g.leader]);
  drawTable(
    doc,
    {
      x: lx,
      width: W - m - lx,
      columns: [0.25, 0.27, 0.24, 0.24],
      header: ["网格", "网格员", "安全监管责任人", "联系负责人"],
      fontSize: size === "A3" ? 8 : 6.5,
      top: m,
      bottom: H - m - 20,
      onNewPage: () => undefined,
    },
    rows,
  );
  const count = pages();
  return { pdf: await finish(), pages: count };
}
