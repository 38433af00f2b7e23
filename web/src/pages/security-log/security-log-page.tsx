import { Button, Card, DatePicker, Input, Select, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import {
  type SecurityEventKind,
  securityEventKindLabel,
  securityEventKinds,
} from "../../../../domain/auth/security-event-kinds";
import { fetchSecurityLog, type SecurityLogEntry, type SecurityLogFilter } from "../../api/security-log";
import { PagedFilterTable, usePagedFilter } from "../../components/paged-filter-table";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { chinaDayBoundary } from "../cases/case-filters";

/** /security-log: the security log (安全日志) for the audit administrator, filtered by user, kind and days. */
export function SecurityLogPage() {
  const { t, lang, pick } = useI18n();
  const list = usePagedFilter<SecurityLogFilter, SecurityLogEntry>(fetchSecurityLog);
  const { filterKey, change, reset } = list;

  const columns: ColumnsType<SecurityLogEntry> = [
    {
      title: t("securityLog.at"),
      dataIndex: "at",
      width: 170,
      render: (at: string) => formatDateTime(at, lang),
    },
    {
      title: t("securityLog.kind"),
      dataIndex: "kind",
      width: 180,
      render: (kind: string) => (
        <span>
          {pick(securityEventKindLabel[kind as SecurityEventKind], kind)}{" "}
          <Typography.Text code>{kind}</Typography.Text>
        </span>
      ),
    },
    {
      title: t("securityLog.username"),
      dataIndex: "username",
      width: 150,
      render: (u: string | null) => u ?? "—",
    },
    { title: t("securityLog.ip"), dataIndex: "ip", width: 150, render: (ip: string | null) => ip ?? "—" },
    {
      title: t("securityLog.detail"),
      dataIndex: "detail",
      render: (d: unknown) => (
        <Typography.Text style={{ fontFamily: "monospace", fontSize: 12 }}>
          {d == null ? "" : typeof d === "string" ? d : JSON.stringify(d)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card title={t("securityLog.title")} className="page-card">
      <Typography.Paragraph type="secondary">{t("securityLog.intro")}</Typography.Paragraph>
      <div className="toolbar" key={filterKey} data-testid="security-log-filters">
        <Input.Search
          allowClear
          placeholder={t("securityLog.username")}
          style={{ width: 180 }}
          onSearch={(v) => change({ username: v.trim() || undefined })}
          data-testid="security-log-username"
        />
        <Select
          allowClear
          placeholder={t("securityLog.kind")}
          style={{ width: 200 }}
          options={securityEventKinds.map((k) => ({ value: k, label: pick(securityEventKindLabel[k]) }))}
          onChange={(kind?: SecurityEventKind) => change({ kind })}
          data-testid="security-log-kind"
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t("trailBrowse.dateFrom"), t("trailBrowse.dateTo")]}
          onChange={(range) =>
            change({
              from: range?.[0] ? chinaDayBoundary(range[0], false) : undefined,
              to: range?.[1] ? chinaDayBoundary(range[1], true) : undefined,
            })
          }
        />
        <Button onClick={reset}>{t("trailBrowse.reset")}</Button>
      </div>
      <PagedFilterTable list={list} columns={columns} scrollX={900} testId="security-log-table" />
    </Card>
  );
}
