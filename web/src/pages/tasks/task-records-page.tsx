import { Alert, Card, DatePicker, Grid, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { fieldFlagLabel } from "../../../../domain/schemas/field-schemas";
import {
  exportTaskRecords,
  fetchTaskKinds,
  fetchTaskRecords,
  type TaskKindView,
  type TaskRecord,
  type TaskRecordFilter,
} from "../../api/tasks";
import { errorMessage } from "../../components/error-message";
import { ExportButton } from "../../components/export-button";
import { PhotoLinks } from "../../components/photo-links";
import { RegionCascader } from "../../components/region-cascader";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import "./tasks.css";

/** One record's values, labelled with its kind's field names where the kind is known. */
function ValuesText({ record, kind }: { record: TaskRecord; kind?: TaskKindView }) {
  const { t, pick } = useI18n();
  const parts = Object.entries(record.values).map(([key, v]) => {
    const field = kind?.fields.find((f) => f.key === key);
    const label = field ? pick({ zh: field.label.zh, en: field.label.en ?? field.label.zh }) : key;
    const text = typeof v === "boolean" ? (v ? t("tasks.yes") : t("tasks.no")) : String(v);
    return `${label}：${text}`;
  });
  return <span className="task-values">{parts.join("；")}</span>;
}

/** /task-records (宣传及任务记录): the office's list of task records by region, kind and period, with export. */
export function TaskRecordsPage() {
  const { t, pick, lang } = useI18n();
  const { user } = useSignedIn();
  const [region, setRegion] = useState<string | undefined>(user.scope[0]);
  const [kind, setKind] = useState<string | undefined>();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [kinds, setKinds] = useState<TaskKindView[]>([]);
  const filter: TaskRecordFilter = {
    region,
    kind,
    from: period?.[0]?.format("YYYY-MM-DD"),
    to: period?.[1]?.format("YYYY-MM-DD"),
  };
  const key = JSON.stringify(filter);
  useEffect(() => {
    fetchTaskKinds(region, true)
      .then(setKinds)
      .catch(() => setKinds([]));
  }, [region]);
  const fetch = useCallback(() => fetchTaskRecords(JSON.parse(key), page, 20), [key, page]);
  const { data, loading, error } = useLoad(fetch);
  const kindOf = (code: string) => kinds.find((k) => k.code === code);
  const narrow = !Grid.useBreakpoint().md;
  const flagTags = (flags: TaskRecord["flags"]) =>
    flags.map((f) => (
      <Tag key={f} color="orange" style={{ marginBottom: 4 }}>
        {pick(fieldFlagLabel[f])}
      </Tag>
    ));
  const phoneColumn = {
    title: t("tasks.values"),
    key: "all",
    render: (_: unknown, r: TaskRecord) => {
      const k = kindOf(r.kindCode);
      return (
        <Space orientation="vertical" size={2} style={{ width: "100%" }}>
          <Typography.Text strong>{k ? pick(k) : r.kindZh}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(r.clientAt, lang)} · {r.recorderName} · {r.regionName ?? r.regionCode}
            {r.siteName ? ` · ${r.siteName}` : ""}
          </Typography.Text>
          <ValuesText record={r} kind={k} />
          <div>{flagTags(r.flags)}</div>
        </Space>
      );
    },
  };

  return (
    <Card title={t("tasks.recordsTitle")} className="page-card" data-testid="task-records-page">
      <Typography.Paragraph type="secondary">{t("tasks.recordsIntro")}</Typography.Paragraph>
      <Space wrap className="task-toolbar">
        <RegionCascader
          value={region}
          onChange={(c) => {
            setRegion(c);
            setPage(1);
          }}
          maxLevel="village"
          anyLevel
          allowClear
          placeholder={t("tasks.region")}
          style={{ minWidth: 220 }}
        />
        <Select
          allowClear
          placeholder={t("tasks.allKinds")}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={kinds.map((k) => ({ value: k.code, label: pick(k) }))}
          style={{ minWidth: 160 }}
          data-testid="task-kind-filter"
        />
        <DatePicker.RangePicker
          value={period}
          onChange={(v) => {
            setPeriod(v);
            setPage(1);
          }}
          data-testid="task-period"
        />
        <ExportButton
          kind="taskRecords"
          label={t("tasks.export")}
          testId="task-export"
          download={(reason) => exportTaskRecords(filter, reason)}
        />
      </Space>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<TaskRecord>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={narrow ? undefined : { x: 960 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t("common.total", { n }),
          showSizeChanger: false,
        }}
        columns={
          narrow
            ? [phoneColumn]
            : [
                {
                  title: t("tasks.doneAt"),
                  dataIndex: "clientAt",
                  width: 150,
                  render: (v: string) => formatDateTime(v, lang),
                },
                {
                  title: t("tasks.kind"),
                  dataIndex: "kindZh",
                  width: 140,
                  render: (_: string, r) => {
                    const k = kindOf(r.kindCode);
                    return (
                      <Space orientation="vertical" size={0}>
                        <span>{k ? pick(k) : r.kindZh}</span>
                        {!k?.builtIn && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t("tasks.version", { n: r.kindVersion })}
                          </Typography.Text>
                        )}
                      </Space>
                    );
                  },
                },
                { title: t("tasks.recorder"), dataIndex: "recorderName", width: 110 },
                {
                  title: t("tasks.region"),
                  dataIndex: "regionName",
                  width: 140,
                  render: (v: string | null, r) => (
                    <Space orientation="vertical" size={0}>
                      <span>{v ?? r.regionCode}</span>
                      {r.siteName && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.siteName}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                {
                  title: t("tasks.values"),
                  key: "values",
                  render: (_: unknown, r) => <ValuesText record={r} kind={kindOf(r.kindCode)} />,
                },
                {
                  title: t("tasks.flags"),
                  dataIndex: "flags",
                  width: 150,
                  render: flagTags,
                },
                {
                  title: t("tasks.photos"),
                  dataIndex: "evidenceIds",
                  width: 110,
                  render: (ids: string[]) => <PhotoLinks ids={ids} label={t("tasks.photo")} />,
                },
              ]
        }
      />
    </Card>
  );
}
