import { Card, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router-dom";
import { type Role, roleLabel } from "../../../../domain/auth/roles";
import { subjectHref, subjectTypeLabels } from "../../../../domain/trail/event-labels";
import { exportTrail, fetchTrail, type TrailEvent, type TrailFilter } from "../../api/trail";
import { ExportButton } from "../../components/export-button";
import { PagedFilterTable, usePagedFilter } from "../../components/paged-filter-table";
import { RegionName } from "../../components/region-name";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { TrailFilters } from "./trail-filters";
import { TrailVerify } from "./trail-verify";

const firstKeys = ["reason", "export", "rows", "filter", "username"];

/** An event's data as one line, what a reviewer reads first (the stated reason of an export) leading. */
export function eventDataText(data: unknown): string {
  if (!data || typeof data !== "object" || Array.isArray(data)) return JSON.stringify(data);
  const entries = Object.entries(data as Record<string, unknown>);
  const rank = (k: string) => (firstKeys.includes(k) ? firstKeys.indexOf(k) : firstKeys.length);
  return entries
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("; ");
}

/** /trail: the trail browser of the audit administrator (留痕浏览) and the hash-chain check (留痕校验). */
export function TrailPage() {
  const { t, pick, lang } = useI18n();
  const list = usePagedFilter<TrailFilter, TrailEvent>(fetchTrail);
  const { filter, filterKey, change, reset } = list;

  const columns: ColumnsType<TrailEvent> = [
    {
      title: t("trailBrowse.at"),
      dataIndex: "at",
      width: 160,
      render: (at: string) => formatDateTime(at, lang),
    },
    {
      title: t("trailBrowse.who"),
      key: "who",
      width: 180,
      render: (_v, e) =>
        e.actorUsername ? (
          <span>
            {e.actorName}
            <Typography.Text type="secondary">（{e.actorUsername}）</Typography.Text>
            {e.actorRole && (
              <div>
                <Typography.Text type="secondary">
                  {pick(roleLabel[e.actorRole as Role], e.actorRole)}
                </Typography.Text>
              </div>
            )}
          </span>
        ) : (
          <Typography.Text type="secondary">{t("trailBrowse.system")}</Typography.Text>
        ),
    },
    {
      title: t("trailBrowse.event"),
      dataIndex: "actionLabel",
      width: 150,
      render: (label: string | null) => label ?? "—",
    },
    {
      title: t("trailBrowse.code"),
      dataIndex: "action",
      width: 190,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t("trailBrowse.subject"),
      key: "subject",
      width: 220,
      // the subject by its kind's name, linked to its page; the id on hover and copyable
      render: (_v, e) => {
        const label = pick(subjectTypeLabels[e.subjectType], e.subjectType);
        const href = subjectHref(e.subjectType, e.subjectId);
        return (
          <span>
            <Tooltip title={e.subjectId}>
              {href ? (
                <Link to={href} data-testid="trail-subject-link">
                  {label}
                </Link>
              ) : (
                <span>{label}</span>
              )}
            </Tooltip>{" "}
            <Typography.Text
              type="secondary"
              copyable={{ text: e.subjectId, tooltips: [t("trailBrowse.copyId"), t("trailBrowse.copied")] }}
            />
          </span>
        );
      },
    },
    {
      title: t("trailBrowse.region"),
      dataIndex: "regionCode",
      width: 130,
      render: (code: string) =>
        code.length <= 12 ? (
          <Tooltip title={code}>
            <span>
              <RegionName code={code} />
            </span>
          </Tooltip>
        ) : (
          <code>{code}</code>
        ),
    },
    {
      title: t("trailBrowse.data"),
      dataIndex: "data",
      width: 380,
      render: (d: unknown) => (
        // the record as it was hashed (field names included): raw on purpose, for the auditor
        <Typography.Paragraph
          data-raw="trail-data"
          className="trail-data"
          ellipsis={{ rows: 2, expandable: true, symbol: "…" }}
          style={{ marginBottom: 0, fontFamily: "monospace", fontSize: 12 }}
        >
          {eventDataText(d)}
        </Typography.Paragraph>
      ),
    },
  ];

  return (
    <>
      <Card
        title={t("trailBrowse.title")}
        className="page-card"
        extra={
          <ExportButton
            kind="trail"
            download={(reason) => exportTrail(filter, reason)}
            label={t("trailBrowse.export")}
            testId="trail-export"
          />
        }
      >
        <Typography.Paragraph type="secondary">{t("trailBrowse.intro")}</Typography.Paragraph>
        <TrailFilters key={filterKey} value={filter} onChange={change} onReset={reset} />
        <PagedFilterTable list={list} columns={columns} scrollX={1450} testId="trail-table" />
      </Card>
      <TrailVerify />
    </>
  );
}
