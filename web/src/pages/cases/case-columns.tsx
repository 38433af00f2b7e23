import { Space, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router-dom";
import type { CaseRow } from "../../api/cases";
import { formatDateTime } from "../../format/date-time";
import type { I18n } from "../../i18n/i18n-context";
import { DeadlineTag } from "./deadline-tag";
import { StageTag } from "./stage-tag";

/** Flags shown under a case number: escalated (督办), listed (挂牌督办), recurring, rework, returns, reopens. */
export function CaseFlags({
  row,
  t,
}: {
  row: CaseRow & { recurring?: boolean; reopenCount?: number };
  t: I18n["t"];
}) {
  const tags = [];
  if (row.supervised)
    tags.push(
      <Tag key="s" color="red">
        {t("cases.supervised")}
      </Tag>,
    );
  else if (row.escalated)
    tags.push(
      <Tag key="e" color="volcano">
        {t("cases.escalated")}
      </Tag>,
    );
  if (row.recurring)
    tags.push(
      <Tag key="r" color="purple">
        {t("cases.recurring")}
      </Tag>,
    );
  if (row.reworkCount > 0)
    tags.push(
      <Tag key="w" color="orange">
        {t("cases.rework", { n: row.reworkCount })}
      </Tag>,
    );
  if (row.returnCount > 0)
    tags.push(
      <Tag key="b" color="gold">
        {t("cases.returned", { n: row.returnCount })}
      </Tag>,
    );
  if (row.reopenCount)
    tags.push(
      <Tag key="o" color="magenta">
        {t("cases.reopened", { n: row.reopenCount })}
      </Tag>,
    );
  return tags.length ? <div className="case-flags">{tags}</div> : null;
}

/** Columns of a work queue: number (and report time), category, type, site, stage, department, deadline. */
export function caseColumns({ t, lang }: Pick<I18n, "t" | "lang">): ColumnsType<CaseRow> {
  return [
    {
      key: "number",
      title: t("cases.number"),
      width: 190,
      fixed: "left",
      render: (_, row) => (
        <div>
          <Link to={`/cases/${row.id}`} className="case-number" data-testid="case-link">
            {row.number}
          </Link>
          {row.seen && (
            <Tag
              color={row.seen === "new" ? "blue" : "gold"}
              style={{ marginLeft: 6 }}
              data-testid={`case-seen-${row.seen}`}
            >
              {t(row.seen === "new" ? "workbench.newItem" : "workbench.changedItem")}
            </Tag>
          )}
          <div className="case-reported-at">
            {t("cases.reportedAt")} {formatDateTime(row.reportedAt, lang)}
          </div>
          <CaseFlags row={row} t={t} />
        </div>
      ),
    },
    { key: "category", title: t("cases.category"), dataIndex: "categoryLabel", width: 100 },
    {
      key: "type",
      title: t("cases.type"),
      width: 100,
      render: (_, row) =>
        row.type === "major_hazard" ? <Tag color="red">{row.typeLabel}</Tag> : row.typeLabel,
    },
    {
      key: "site",
      title: t("cases.site"),
      width: 240,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.siteName ?? row.regionName ?? row.regionCode}</span>
          <Tooltip title={row.description}>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 230, fontSize: 12 }}>
              {row.description}
            </Typography.Text>
          </Tooltip>
        </Space>
      ),
    },
    { key: "stage", title: t("cases.stage"), width: 120, render: (_, row) => <StageTag stage={row.stage} /> },
    {
      key: "owner",
      title: t("cases.owner"),
      width: 160,
      render: (_, row) => row.ownerDepartmentName ?? "—",
    },
    {
      key: "deadline",
      title: t("cases.deadline"),
      width: 170,
      render: (_, row) => <DeadlineTag deadline={row.deadline} state={row.deadlineState} />,
    },
  ];
}
