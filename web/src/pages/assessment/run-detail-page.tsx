import { ArrowLeftOutlined, InfoCircleOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import {
  exportRun,
  fetchRun,
  fetchRuns,
  publishRun,
  type Result,
  type RunDetail,
  reviewRun,
  startRun,
} from "../../api/assessment";
import { errorMessage } from "../../components/error-message";
import { ExportButton } from "../../components/export-button";
import { FormDialog } from "../../components/form-dialog";
import { RegionName } from "../../components/region-name";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { ResultDrawer } from "./result-drawer";
import { RunStatusTag } from "./run-status-tag";

function ReviewDialog({
  run,
  open,
  onClose,
  onDone,
}: {
  run: RunDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decision: "approve" | "return"; note?: string }>();
  return (
    <FormDialog<{ decision: "approve" | "return"; note?: string }>
      open={open}
      title={t("assess.reviewTitle")}
      form={form}
      fields={["decision", "note"]}
      okText={t("assess.submitReview")}
      testId="review-dialog"
      initialValues={{ decision: "approve" }}
      onSubmit={async (v) => {
        await reviewRun(run.id, v.decision, v.note?.trim() || undefined);
        onDone();
      }}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t("assess.reviewHint")}</Typography.Paragraph>
      <Form.Item name="decision" label={t("assess.decision")}>
        <Radio.Group
          options={[
            { value: "approve", label: t("assess.approve") },
            { value: "return", label: t("assess.return") },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label={t("assess.reviewNote")}>
        <Input.TextArea rows={3} maxLength={500} data-testid="review-note" />
      </Form.Item>
    </FormDialog>
  );
}

function RerunDialog({ run, open, onClose }: { run: RunDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormDialog<{ reason: string }>
      open={open}
      title={t("assess.rerunTitle", { period: run.period })}
      form={form}
      fields={["reason"]}
      okText={t("assess.run")}
      testId="rerun-dialog"
      onSubmit={async (v) => {
        const made = await startRun(run.schemeId, run.period, v.reason.trim());
        navigate(`/assessment/runs/${made.id}`);
      }}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t("assess.rerunExplain")}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t("assess.rerunReason")}
        rules={[{ required: true, min: 4, message: t("assess.reasonMin") }]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="rerun-reason" />
      </Form.Item>
    </FormDialog>
  );
}

/** 考核结果: one run of a scheme for a month — ranked results, review, publication, export, frozen once done. */
export function RunDetailPage() {
  const { id = "" } = useParams();
  const { t, pick, lang } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = useSignedIn();
  const canRun = user.role === "city_office" || user.role === "county_office";
  const run = useLoad(
    useCallback(() => fetchRun(id), [id]),
    { clearOnError: true },
  );
  const data = run.data;
  const people = useLoad(useCallback(() => (data ? fetchRuns({ period: data.period }) : null), [data]));
  const names = people.data?.items.find((r) => r.id === id);
  const [open, setOpen] = useState<Result | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [rerunning, setRerunning] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  if (run.error != null) return <Alert type="error" showIcon title={errorMessage(run.error, t)} />;
  if (!data) return <Card loading className="page-card" />;

  const publish = async () => {
    setActionError(null);
    try {
      await publishRun(data.id);
      message.success(t("assess.publishedOk"));
      await run.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  const columns: ColumnsType<Result> = [
    { title: t("assess.rank"), dataIndex: "rank", width: 64, fixed: "left" },
    {
      title: t("assess.subject"),
      dataIndex: "subjectName",
      fixed: "left",
      render: (v: string, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setOpen(r)}
          data-testid={`result-${v}`}
        >
          {v}
        </Button>
      ),
    },
    {
      title: t("assess.finalScore"),
      dataIndex: "finalScore",
      render: (v: number) => <b data-testid="final-score">{v}</b>,
    },
    { title: t("assess.computedScore"), dataIndex: "computedScore" },
    {
      title: t("assess.adjustment"),
      dataIndex: "adjustment",
      render: (v: number) =>
        v === 0 ? "—" : <Tag color={v > 0 ? "green" : "red"}>{v > 0 ? `+${v}` : v}</Tag>,
    },
    ...data.definition.indicators.map((ind, n) => {
      const first = data.results[0]?.breakdown.items[n];
      return {
        title: (
          <Tooltip title={first ? pick(first.formula) : ind.indicatorId}>
            <span>
              {first ? pick(first) : ind.indicatorId} <InfoCircleOutlined />
            </span>
          </Tooltip>
        ),
        key: ind.indicatorId,
        render: (_v: unknown, r: Result) => {
          const item = r.breakdown.items[n];
          if (!item?.available)
            return (
              <Tooltip title={item ? pick(item.explain) : ""}>
                <Typography.Text type="secondary">{t("assess.unavailable")}</Typography.Text>
              </Tooltip>
            );
          return (
            <Tooltip title={pick(item.explain)}>
              <span>
                {item.points}/{item.weight}
              </span>
            </Tooltip>
          );
        },
      };
    }),
    ...data.definition.manualItems.map((m, n) => ({
      title: m.zh,
      key: `manual-${m.id}`,
      render: (_v: unknown, r: Result) => {
        const item = r.breakdown.manual[n];
        return item?.points == null ? (
          <Tag color="orange">{t("assess.pending")}</Tag>
        ) : (
          `${item.points}/${item.maxPoints}`
        );
      },
    })),
  ];

  const frozen = data.status !== "computed";
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="run-detail">
      <Card
        className="page-card"
        title={
          <Space wrap>
            <Link to="/assessment?tab=runs" aria-label={t("assess.back")}>
              <ArrowLeftOutlined />
            </Link>
            {data.schemeName}
            <Tag>{data.period}</Tag>
            <Tag>v{data.version}</Tag>
            <RunStatusTag status={data.status} />
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "level", label: t("assess.level"), children: t(`assess.level.${data.level}`) },
            { key: "region", label: t("assess.region"), children: <RegionName code={data.regionCode} /> },
            { key: "subjects", label: t("assess.subjects"), children: data.subjectCount },
            {
              key: "run",
              label: t("assess.runBy"),
              children: `${names?.runByName ?? ""} ${formatDateTime(data.runAt, lang)}`,
            },
            {
              key: "review",
              label: t("assess.reviewedBy"),
              children: data.reviewedAt
                ? `${names?.reviewedByName ?? ""} ${formatDateTime(data.reviewedAt, lang)}`
                : "—",
            },
            {
              key: "publish",
              label: t("assess.publishedBy"),
              children: data.publishedAt
                ? `${names?.publishedByName ?? ""} ${formatDateTime(data.publishedAt, lang)}`
                : "—",
            },
            ...(data.reason
              ? [{ key: "reason", label: t("assess.rerunReason"), children: data.reason }]
              : []),
            ...(data.reviewNote
              ? [{ key: "note", label: t("assess.reviewNote"), children: data.reviewNote }]
              : []),
          ]}
        />
        {frozen && (
          <Alert
            style={{ marginTop: 12 }}
            showIcon
            type={data.status === "superseded" ? "warning" : "info"}
            data-testid="run-frozen"
            title={t(`assess.frozen.${data.status as "reviewed" | "published" | "superseded"}`)}
          />
        )}
        {actionError != null && (
          <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorMessage(actionError, t)} />
        )}
        <Space wrap style={{ marginTop: 12 }}>
          {data.abilities.review && (
            <Button type="primary" onClick={() => setReviewing(true)} data-testid="review">
              {t("assess.review")}
            </Button>
          )}
          {data.abilities.publish && (
            <Popconfirm
              title={t("assess.publishConfirm")}
              onConfirm={publish}
              okButtonProps={{ "data-testid": "publish-ok" } as never}
            >
              <Button type="primary" data-testid="publish">
                {t("assess.publish")}
              </Button>
            </Popconfirm>
          )}
          {data.status === "published" && canRun && (
            <Button onClick={() => setRerunning(true)} data-testid="rerun">
              {t("assess.rerun")}
            </Button>
          )}
          {data.abilities.export && (
            <ExportButton
              kind="assessmentResults"
              label={t("assess.export")}
              testId="run-export"
              download={(reason) => exportRun(data, reason)}
            />
          )}
        </Space>
      </Card>
      <Card className="page-card" title={t("assess.results")} size="small">
        <Table<Result>
          rowKey="id"
          size="small"
          data-testid="result-table"
          dataSource={[...data.results].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))}
          columns={columns}
          scroll={{ x: 640 + 120 * (data.definition.indicators.length + data.definition.manualItems.length) }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
        />
        {data.adjustments.length > 0 && (
          <>
            <Typography.Title level={5}>{t("assess.adjustments")}</Typography.Title>
            <ul data-testid="run-adjustments">
              {data.adjustments.map((a) => (
                <li key={a.id}>
                  {data.results.find((r) => r.id === a.resultId)?.subjectName}：
                  {a.delta > 0 ? `+${a.delta}` : a.delta}（{a.reason}） {formatDateTime(a.madeAt, lang)}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <ResultDrawer
        run={data}
        result={open}
        onClose={() => setOpen(null)}
        onChanged={() => {
          run.reload();
        }}
      />
      <ReviewDialog
        run={data}
        open={reviewing}
        onClose={() => setReviewing(false)}
        onDone={() => run.reload()}
      />
      <RerunDialog run={data} open={rerunning} onClose={() => setRerunning(false)} />
    </Space>
  );
}
