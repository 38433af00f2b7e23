import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Space, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useCallback, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import {
  fetchCatalogue,
  fetchRuns,
  fetchSchemes,
  type RunSummary,
  type Scheme,
  startRun,
} from "../../api/assessment";
import { errorMessage } from "../../components/error-message";
import { FormDialog } from "../../components/form-dialog";
import { RegionName } from "../../components/region-name";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { RunStatusTag } from "./run-status-tag";
import { SchemeDialog } from "./scheme-dialog";

/** The previous month as YYYY-MM (Shanghai), the usual period to assess. */
export function lastMonth(now = new Date()): string {
  const sh = new Date(now.getTime() + 8 * 3600_000);
  const y = sh.getUTCFullYear();
  const m = sh.getUTCMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, "0")}`;
}

function RunDialog({ scheme, onClose }: { scheme: Scheme | null; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ period: string; reason?: string }>();
  return (
    <FormDialog<{ period: string; reason?: string }>
      open={scheme !== null}
      title={t("assess.runTitle", { name: scheme?.name ?? "" })}
      form={form}
      fields={["period", "reason"]}
      okText={t("assess.run")}
      testId="run-dialog"
      initialValues={{ period: lastMonth() }}
      onSubmit={async (v) => {
        if (!scheme) return;
        const made = await startRun(scheme.id, v.period, v.reason?.trim() || undefined);
        navigate(`/assessment/runs/${made.id}`);
      }}
      onClose={onClose}
    >
      <Form.Item
        name="period"
        label={t("assess.period")}
        rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t("assess.periodFormat") }]}
      >
        <Input placeholder="YYYY-MM" maxLength={7} data-testid="run-period" />
      </Form.Item>
      <Form.Item name="reason" label={t("assess.rerunReason")} extra={t("assess.rerunHint")}>
        <Input.TextArea rows={2} maxLength={500} data-testid="run-reason" />
      </Form.Item>
    </FormDialog>
  );
}

function SchemesTab() {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const schemes = useLoad(useCallback(() => fetchSchemes(), []));
  const catalogue = useLoad(useCallback(() => fetchCatalogue(), []));
  const [creating, setCreating] = useState(false);
  const [running, setRunning] = useState<Scheme | null>(null);
  const regions = user.scope.filter((s) => s.length === 4 || s.length === 6);
  const canCreate = ["city_office", "county_office"].includes(user.role) && regions.length > 0;
  const names = new Map((catalogue.data?.items ?? []).map((c) => [c.id, c]));
  return (
    <>
      {schemes.error != null && <Alert type="error" showIcon title={errorMessage(schemes.error, t)} />}
      {canCreate && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() => setCreating(true)}
          disabled={!catalogue.data}
          data-testid="new-scheme"
        >
          {t("assess.newScheme")}
        </Button>
      )}
      <Table<Scheme>
        rowKey="id"
        size="small"
        scroll={{ x: 760 }}
        loading={schemes.loading}
        dataSource={schemes.data?.items ?? []}
        data-testid="scheme-table"
        locale={{ emptyText: t("assess.noSchemes") }}
        columns={[
          { title: t("assess.schemeName"), dataIndex: "name" },
          {
            title: t("assess.level"),
            dataIndex: "level",
            render: (l: string) => t(`assess.level.${l}` as never),
          },
          {
            title: t("assess.region"),
            dataIndex: "regionCode",
            render: (c: string) => <RegionName code={c} />,
          },
          {
            title: t("assess.indicators"),
            key: "items",
            render: (_v, s) => (
              <Space size={[4, 4]} wrap>
                {s.definition.indicators.map((i) => {
                  const c = names.get(i.indicatorId);
                  return (
                    <Tooltip key={i.indicatorId} title={c ? pick(c.formula) : i.indicatorId}>
                      <Tag>
                        {c ? pick(c) : i.indicatorId} {i.weight}
                      </Tag>
                    </Tooltip>
                  );
                })}
                {s.definition.manualItems.map((m) => (
                  <Tag key={m.id} color="purple">
                    {m.zh} {m.maxPoints}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t("assess.createdAt"), dataIndex: "createdAt", render: (v: string) => formatDateTime(v) },
          {
            title: "",
            key: "run",
            render: (_v, s) =>
              s.abilities.run && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setRunning(s)}
                  data-testid={`run-${s.name}`}
                >
                  {t("assess.run")}
                </Button>
              ),
          },
        ]}
      />
      {catalogue.data && (
        <SchemeDialog
          open={creating}
          catalogue={catalogue.data.items}
          regions={regions}
          onClose={() => setCreating(false)}
          onSaved={() => schemes.reload()}
        />
      )}
      <RunDialog scheme={running} onClose={() => setRunning(null)} />
      {!canCreate && <Typography.Paragraph type="secondary">{t("assess.readOnly")}</Typography.Paragraph>}
    </>
  );
}

function RunsTab() {
  const { t, lang } = useI18n();
  const runs = useLoad(useCallback(() => fetchRuns(), []));
  return (
    <>
      {runs.error != null && <Alert type="error" showIcon title={errorMessage(runs.error, t)} />}
      <Table<RunSummary>
        rowKey="id"
        size="small"
        scroll={{ x: 900 }}
        loading={runs.loading}
        dataSource={runs.data?.items ?? []}
        data-testid="run-table"
        locale={{ emptyText: t("assess.noRuns") }}
        columns={[
          {
            title: t("assess.scheme"),
            dataIndex: "schemeName",
            render: (v: string, r) => (
              <Link to={`/assessment/runs/${r.id}`} data-testid={`run-link-${r.period}-v${r.version}`}>
                {v}
              </Link>
            ),
          },
          { title: t("assess.period"), dataIndex: "period" },
          { title: t("assess.version"), dataIndex: "version", render: (v: number) => `v${v}` },
          {
            title: t("assess.status"),
            dataIndex: "status",
            render: (s: RunSummary["status"]) => <RunStatusTag status={s} />,
          },
          {
            title: t("assess.region"),
            dataIndex: "regionCode",
            render: (c: string) => <RegionName code={c} />,
          },
          { title: t("assess.subjects"), dataIndex: "subjectCount" },
          {
            title: t("assess.runBy"),
            key: "runBy",
            render: (_v, r) => `${r.runByName ?? "—"} · ${formatDateTime(r.runAt, lang)}`,
          },
          { title: t("assess.reviewedBy"), key: "rev", render: (_v, r) => r.reviewedByName ?? "—" },
          {
            title: t("assess.publishedBy"),
            key: "pub",
            render: (_v, r) =>
              r.publishedAt ? `${r.publishedByName ?? "—"} · ${formatDateTime(r.publishedAt, lang)}` : "—",
          },
        ]}
      />
    </>
  );
}

/** 考核 (R23, issue 13.4): the schemes for the level below and the runs of them (who assessed whom, when). */
export function AssessmentPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "runs" ? "runs" : "schemes";
  return (
    <Card className="page-card" title={t("nav.assessment")} data-testid="assessment-page">
      <Typography.Paragraph type="secondary">{t("assess.intro")}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === "runs" ? { tab: "runs" } : {})}
        items={[
          {
            key: "schemes",
            label: <span data-testid="tab-schemes">{t("assess.schemes")}</span>,
            children: <SchemesTab />,
          },
          {
            key: "runs",
            label: <span data-testid="tab-runs">{t("assess.runs")}</span>,
            children: <RunsTab />,
          },
        ]}
      />
    </Card>
  );
}
