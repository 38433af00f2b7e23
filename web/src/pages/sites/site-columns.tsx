import { LockOutlined } from "@ant-design/icons";
import { Space, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { Site } from "../../api/sites";
import type { I18n } from "../../i18n/i18n-context";
import { AssignedCell, GridCell, RiskTag, SiteStatusTag } from "./site-tags";

/** Columns of the site register; contacts come masked from the server for roles without need. */
export function siteColumns(opts: {
  t: I18n["t"];
  onOpen: (site: Site) => void;
  onEdit: (site: Site) => void;
}): ColumnsType<Site> {
  const { t } = opts;
  return [
    {
      title: t("sites.name"),
      dataIndex: "name",
      fixed: "left",
      width: 220,
      render: (_, s) => (
        <Typography.Link onClick={() => opts.onOpen(s)} data-testid="site-open">
          {s.name}
        </Typography.Link>
      ),
    },
    { title: t("sites.kind"), dataIndex: "kindLabel", width: 100 },
    {
      title: t("sites.risk"),
      dataIndex: "riskLevel",
      width: 100,
      render: (_, s) => <RiskTag level={s.riskLevel} />,
    },
    { title: t("sites.grid"), key: "grid", width: 170, render: (_, s) => <GridCell site={s} /> },
    {
      title: t("sites.worker"),
      key: "worker",
      width: 110,
      render: (_, s) => (
        <AssignedCell
          name={s.assignment.worker?.displayName}
          reason={s.assignment.workerReason}
          manual={s.assignment.overrides.worker}
          direct={s.assignment.direct}
        />
      ),
    },
    {
      title: t("sites.department"),
      key: "department",
      width: 170,
      render: (_, s) => (
        <AssignedCell
          name={s.assignment.department?.name}
          reason={s.assignment.departmentReason}
          manual={s.assignment.overrides.department}
        />
      ),
    },
    {
      title: t("sites.contact"),
      key: "contact",
      width: 170,
      render: (_, s) =>
        s.contactName || s.contactPhone ? (
          <Space size={4}>
            {s.contactsMasked && (
              <Tooltip title={t("sites.contactsMasked")}>
                <LockOutlined style={{ color: "#8c8c8c" }} data-testid="contact-masked" />
              </Tooltip>
            )}
            <span>
              {s.contactName ?? ""} {s.contactPhone ?? ""}
            </span>
          </Space>
        ) : (
          "—"
        ),
    },
    {
      title: t("sites.uscc"),
      dataIndex: "uscc",
      width: 190,
      render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }}>{v}</Typography.Text> : "—"),
    },
    {
      title: t("sites.industry"),
      dataIndex: "industryLabel",
      width: 170,
      ellipsis: true,
      render: (_, s) => (s.industryCode ? `${s.industryCode} ${s.industryLabel ?? ""}` : "—"),
    },
    {
      title: t("sites.region"),
      dataIndex: "regionName",
      width: 130,
      ellipsis: true,
      render: (_, s) => s.regionName ?? s.regionCode,
    },
    {
      title: t("common.status"),
      dataIndex: "status",
      width: 90,
      render: (_, s) => <SiteStatusTag status={s.status} />,
    },
    {
      title: t("common.actions"),
      key: "actions",
      fixed: "right",
      width: 110,
      render: (_, s) => (
        <Space size="small">
          {s.abilities.update && (
            <Typography.Link onClick={() => opts.onEdit(s)}>{t("common.edit")}</Typography.Link>
          )}
          <Typography.Link onClick={() => opts.onOpen(s)}>{t("sites.file")}</Typography.Link>
        </Space>
      ),
    },
  ];
}
