import { Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router-dom";
import type { GridSummary, Person } from "../../api/grids";
import type { I18n } from "../../i18n/i18n-context";

const person = (p: Person | null, missing: string) =>
  p ? (
    <span>
      {p.name}
      {p.phone && <Typography.Text type="secondary"> {p.phone}</Typography.Text>}
    </span>
  ) : (
    <Typography.Text type="danger">{missing}</Typography.Text>
  );

/** Columns of the grid list: staffing first (workers, supervision officer, contact leader), then the rest. */
export function gridColumns(opts: {
  t: I18n["t"];
  onStaff: (grid: GridSummary) => void;
  onEdit: (grid: GridSummary) => void;
}): ColumnsType<GridSummary> {
  const { t } = opts;
  return [
    { title: t("grids.code"), dataIndex: "code", width: 160, fixed: "left" },
    {
      title: t("grids.name"),
      dataIndex: "name",
      width: 180,
      render: (_, g) => <Link to={`/grids?grid=${encodeURIComponent(g.id)}`}>{g.name}</Link>,
    },
    {
      title: t("grids.township"),
      dataIndex: "townshipName",
      width: 120,
      render: (v, g) => v ?? g.townshipCode,
    },
    {
      title: t("grids.workers"),
      dataIndex: "workerCount",
      width: 100,
      render: (n: number) => (n === 0 ? <Tag color="red">{t("grids.noWorker")}</Tag> : n),
    },
    {
      title: t("grids.supervisionOfficer"),
      dataIndex: "supervisionOfficer",
      width: 180,
      render: (p: Person | null) => person(p, t("grids.notSet")),
    },
    {
      title: t("grids.contactLeader"),
      dataIndex: "contactLeader",
      width: 180,
      render: (p: Person | null) => person(p, t("grids.notSet")),
    },
    {
      title: t("grids.siteCount"),
      dataIndex: "siteCount",
      width: 90,
      render: (n: number, g) => <Link to={`/sites?gridId=${encodeURIComponent(g.id)}`}>{n}</Link>,
    },
    { title: t("grids.kind"), dataIndex: "kindLabel", width: 130 },
    {
      title: t("grids.villages"),
      dataIndex: "villageCodes",
      width: 80,
      render: (v: string[]) => v.length,
    },
    {
      title: t("grids.area"),
      dataIndex: "areaKm2",
      width: 100,
      render: (v: number) => `${v.toFixed(2)} km²`,
    },
    {
      title: t("common.actions"),
      key: "actions",
      fixed: "right",
      width: 150,
      render: (_, g) => (
        <Space size="small">
          {g.abilities.staff && (
            <Typography.Link onClick={() => opts.onStaff(g)}>{t("grids.staffShort")}</Typography.Link>
          )}
          {g.abilities.update && (
            <Typography.Link onClick={() => opts.onEdit(g)}>{t("common.edit")}</Typography.Link>
          )}
          <Link to={`/grids?grid=${encodeURIComponent(g.id)}`}>{t("grids.onMap")}</Link>
        </Space>
      ),
    },
  ];
}
