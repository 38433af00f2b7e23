import { Progress, Table, Tooltip, Typography } from "antd";
import type { ColumnType } from "antd/es/table";
import type { Coverage, CoverageFigures } from "../../api/coverage";
import { useI18n } from "../../i18n/i18n-context";
import { pctColour } from "./coverage-totals";

type Child = Coverage["children"][number];
type Pct = keyof CoverageFigures["percentages"];

const gap = (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n);

/** The figures of each child region; a click drills down (county → townships → villages). */
export function CoverageChildren(props: {
  items: Child[];
  onDrill: (code: string) => void;
  drillable: boolean;
}) {
  const { t } = useI18n();
  const num = (key: keyof CoverageFigures, title: string, bad = false): ColumnType<Child> => ({
    title,
    dataIndex: key,
    width: 86,
    align: "right",
    sorter: (a, b) => (a[key] as number) - (b[key] as number),
    render: (v: number) => (bad ? gap(v) : v),
  });
  // a percentage of nothing says nothing: no grids (or no sites) is shown as "—", the count tells the gap
  const pct = (key: Pct, base: (c: Child) => number): ColumnType<Child> => ({
    title: t(`coverage.col.${key}`),
    key,
    width: 150,
    sorter: (a, b) => a.percentages[key] - b.percentages[key],
    render: (_, c) =>
      base(c) === 0 ? (
        <Tooltip title={t("coverage.noBase")}>
          <Typography.Text type="secondary">—</Typography.Text>
        </Tooltip>
      ) : (
        <Progress
          percent={c.percentages[key]}
          size="small"
          strokeColor={pctColour(c.percentages[key])}
          format={(p) => `${(p ?? 0).toFixed(1)}%`}
        />
      ),
  });
  return (
    <Table<Child>
      data-testid="coverage-children"
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={props.items}
      scroll={{ x: 1320 }}
      columns={[
        {
          title: t("coverage.childRegion"),
          dataIndex: "name",
          fixed: "left",
          width: 120,
          render: (name: string, c) =>
            props.drillable ? (
              <Typography.Link onClick={() => props.onDrill(c.code)}>{name}</Typography.Link>
            ) : (
              name
            ),
        },
        {
          ...num("grids", t("coverage.col.grids")),
          // a region without any grid is the largest gap of all
          render: (v: number) => (v === 0 ? <Typography.Text type="danger">0</Typography.Text> : v),
        },
        num("gridsWithoutWorker", t("coverage.col.gridsWithoutWorker"), true),
        num("sites", t("coverage.col.sites")),
        num("directSites", t("coverage.col.directSites")),
        num("sitesWithoutGrid", t("coverage.col.sitesWithoutGrid"), true),
        num("sitesWithoutWorker", t("coverage.col.sitesWithoutWorker"), true),
        num("sitesWithoutDepartment", t("coverage.col.sitesWithoutDepartment"), true),
        pct("gridsStaffed", (c) => c.grids),
        pct("sitesWithGrid", (c) => c.gridSites),
        pct("sitesWithWorker", (c) => c.gridSites),
        pct("sitesWithDepartment", (c) => c.sites),
      ]}
    />
  );
}
