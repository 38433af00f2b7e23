import { Space, Tag, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router-dom";
import { riskLevelColor, riskLevelLabel, riskLevels } from "../../../../domain/site/site-kinds";
import type { StaffingItem } from "../../api/coverage";
import { GridName } from "../../components/grid-name";
import type { I18n } from "../../i18n/i18n-context";
import { StaffingTag } from "../grids/staffing-tag";

/** Columns of the staffing table: sites by risk, workload, capacity, load and the suggested split. */
export function staffingColumns(t: I18n["t"], pick: I18n["pick"]): ColumnsType<StaffingItem> {
  return [
    {
      title: t("grids.name"),
      key: "grid",
      render: (_, r) => <GridName name={r.grid.name} code={r.grid.code} id={r.grid.id} />,
    },
    { title: t("grids.siteCount"), dataIndex: "sites", width: 80 },
    {
      title: t("staffing.byRisk"),
      key: "byRisk",
      width: 200,
      render: (_, r) => (
        <Space size={2} wrap>
          {riskLevels
            .filter((lv) => r.workload.byRisk[lv]?.sites)
            .map((lv) => {
              const b = r.workload.byRisk[lv];
              return (
                <Tooltip
                  key={lv}
                  title={t("staffing.bucket", {
                    risk: pick(riskLevelLabel[lv]),
                    n: b.sites,
                    patrols: b.patrolsPerMonth,
                    hours: b.score,
                  })}
                >
                  <Tag color={riskLevelColor[lv]} style={lv === "yellow" ? { color: "#5c4a00" } : undefined}>
                    {b.sites}
                  </Tag>
                </Tooltip>
              );
            })}
        </Space>
      ),
    },
    {
      title: t("staffing.workload"),
      key: "score",
      width: 130,
      render: (_, r) => r.workload.score.toFixed(1),
    },
    {
      title: t("staffing.patrols"),
      key: "patrols",
      width: 110,
      render: (_, r) => r.workload.patrolsPerMonth.toFixed(0),
    },
    {
      title: t("staffing.capacity"),
      key: "capacity",
      width: 210,
      render: (_, r) =>
        t("staffing.capacityText", {
          full: r.capacity.fullTime,
          part: r.capacity.partTime,
          fte: r.capacity.fte.toFixed(1),
        }),
    },
    {
      title: t("staffing.ratio"),
      key: "status",
      width: 150,
      render: (_, r) => <StaffingTag status={r.status} ratio={r.ratio} />,
    },
    {
      title: t("staffing.suggestedSplit"),
      key: "split",
      width: 130,
      render: (_, r) =>
        r.suggestedSplit && r.suggestedSplit > 1 ? (
          <Link to={`/grids?grid=${encodeURIComponent(r.grid.id)}&split=${r.suggestedSplit}`}>
            {t("staffing.splitInto", { n: r.suggestedSplit })}
          </Link>
        ) : (
          "—"
        ),
    },
  ];
}
