import { Table, Typography } from "antd";
import type { ColumnType } from "antd/es/table";
import type { PatrolCoverage } from "../../api/patrols";
import { useI18n } from "../../i18n/i18n-context";
import { CoverageBar } from "./patrol-figures";

type Child = PatrolCoverage["children"][number];

/** Each township of a county, or each grid of a township; a click drills down. */
export function PatrolChildren(props: { items: Child[]; onDrill: (c: Child) => void }) {
  const { t } = useI18n();
  const grids = props.items.some((c) => c.kind === "grid");
  const num = (key: "sites" | "done" | "due" | "overdue", title: string): ColumnType<Child> => ({
    title,
    dataIndex: key,
    width: 84,
    align: "right",
    sorter: (a, b) => a[key] - b[key],
    render: (v: number) =>
      key === "overdue" && v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v,
  });
  return (
    <Table<Child>
      data-testid="patrol-children"
      rowKey={(c) => c.gridId ?? c.code ?? "none"}
      size="small"
      pagination={false}
      dataSource={props.items}
      scroll={{ x: 584 }}
      columns={[
        {
          title: grids ? t("patrols.childGrid") : t("patrols.child"),
          dataIndex: "name",
          fixed: "left",
          width: 112,
          render: (_: string, c) => (
            <Typography.Link onClick={() => props.onDrill(c)}>
              {c.kind === "grid" && !c.gridId ? t("patrols.noGrid") : c.name}
            </Typography.Link>
          ),
        },
        {
          title: t("patrols.coverage"),
          key: "coverage",
          width: 136,
          sorter: (a, b) => (a.coverage ?? -1) - (b.coverage ?? -1),
          render: (_, c) => <CoverageBar value={c.coverage} />,
        },
        num("sites", t("patrols.sites")),
        num("done", t("patrols.done")),
        num("due", t("patrols.due")),
        num("overdue", t("patrols.overdue")),
      ]}
    />
  );
}
