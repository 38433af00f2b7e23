/**
 * Site import benchmark (R13, issue 3): a 100,000-row .xlsx of sites is written (exceljs streaming writer),
 * then imported through the real import code path — `importSites`: streamed read (the sheet XML inflated
 * and scanned row by row, `server/commands/sites/xlsx-rows.ts`; exceljs's SAX reader took 2.5× the CPU),
 * every row validated (USCC check character and duplicates, industry code, coordinates converted and checked,
 * region), assigned (grid by point-in-polygon over the demo county's real grids, worker, department by the
 * routing table, direct supervision) and inserted with one trail event per site — into an on-disk SQLite
 * database (WAL, synchronous=FULL). About 1 % of the rows are bad on purpose (mode keep_good).
 * Figures: rows, seconds (the import alone), peak_rss_mb (the whole process, generation included).
 * Run: `node --import tsx bench/import.ts` — prints one line of JSON.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { openDatabase } from "../db/db";
import { migrateToLatest } from "../db/migrate";
import { listRegionChildren } from "../db/queries/region-queries";
import { defaultCountyDepartments } from "../domain/department/department-kinds";
import { usccCharset, usccCheckCharacter } from "../domain/site/uscc";
import { createDepartment } from "../server/commands/departments/save-department";
import { loadRegions } from "../server/commands/regions/load-regions";
import { seedRoutingRules } from "../server/commands/routing/seed-routing-rules";
import { importSites } from "../server/commands/sites/import-sites";
import { templateHeaders } from "../server/commands/sites/site-import-columns";
import { demoGrids } from "../server/demo/demo-grids";
import { seeded } from "../server/demo/demo-names";
import type { Deps } from "../server/deps";
import { testDeps } from "../server/test/fixtures";

const ROWS = 100_000;
const county = "620123";

async function writeWorkbook(file: string, villages: string[]) {
  const r = seeded(100_000);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet("监督管理对象");
  ws.addRow(templateHeaders).commit();
  const kinds = ["企业", "小商铺", "小作坊", "小娱乐场所", "家庭户", "其他"];
  const industries = ["3011", "5211", "1431", "9013", null, "8111"];
  const risks = ["重大风险", "较大风险", "一般风险", "一般风险", "低风险", ""];
  for (let i = 0; i < ROWS; i++) {
    const k = Math.floor(r.next() * kinds.length);
    let uscc = "";
    if (k === 0) {
      let body = "";
      for (let j = 0; j < 9; j++) body += usccCharset[Math.floor(r.next() * 31)];
      const first17 = `91${county}${body}`;
      uscc = first17 + usccCheckCharacter(first17);
    }
    const bad = i % 100 === 99; // 1 % bad rows: a wrong check character or coordinates swapped
    if (bad && uscc) uscc = uscc.slice(0, 17) + (uscc[17] === "0" ? "1" : "0");
    const lon = 103.85 + r.next() * 0.7;
    const lat = 35.6 + r.next() * 0.8;
    ws.addRow([
      `基准对象${i}`,
      kinds[k],
      uscc,
      industries[k],
      k === 0 ? "小型" : "微型",
      "其他",
      risks[Math.floor(r.next() * risks.length)],
      villages[Math.floor(r.next() * villages.length)],
      `榆中县城关镇${i}号`,
      bad && !uscc ? lat : lon,
      bad && !uscc ? lon : lat,
      "张三",
      "13800138000",
      "在营",
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

export async function run(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-bench-import-"));
  const database = openDatabase({ file: path.join(dir, "bench.db") });
  try {
    await migrateToLatest(database);
    const deps: Deps = testDeps(database);
    await loadRegions(deps, "62");
    await seedRoutingRules(deps);
    for (const d of defaultCountyDepartments("榆中县"))
      await createDepartment(deps, null, {
        regionCode: county,
        name: d.name,
        kind: d.kind,
        gridRole: d.role,
      });
    const townships = await listRegionChildren(deps.db, county);
    await demoGrids(deps, {
      province: "62",
      city: "6201",
      county,
      township: townships[0].code,
      village: `${townships[0].code}001`,
    });
    const villages: string[] = [];
    for (const t of townships)
      for (const v of await listRegionChildren(deps.db, t.code)) villages.push(v.code);

    const file = path.join(dir, "sites.xlsx");
    const g0 = performance.now();
    await writeWorkbook(file, villages);
    const g1 = performance.now();
    let sampled = 0;
    const timer = setInterval(() => {
      sampled = Math.max(sampled, process.memoryUsage().rss);
    }, 20);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await importSites(deps, null, file, "xlsx", {
      mode: "keep_good",
      crs: "WGS84",
      region: county,
    });
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    const assigned = await deps.db
      .selectFrom("site")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("gridId", "is not", null)
      .executeTakeFirstOrThrow();
    return {
      rows: result.rows,
      seconds: Math.round((t1 - t0) / 10) / 100,
      // CPU time of this process during the import: what it costs when the machine is shared
      cpu_seconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      peak_rss_mb: Math.round(Math.max(sampled, process.resourceUsage().maxRSS * 1024) / 2 ** 20),
      import_peak_rss_mb: Math.round(sampled / 2 ** 20),
      imported: result.imported,
      rejected: result.rejected,
      assigned_to_grid: Number(assigned.n),
      rows_per_s: Math.round(result.rows / ((t1 - t0) / 1000)),
      file_mb: Math.round((fs.statSync(file).size / 2 ** 20) * 10) / 10,
      generate_seconds: Math.round((g1 - g0) / 10) / 100,
    };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => console.log(JSON.stringify({ bench: "import", ...r })));
}
