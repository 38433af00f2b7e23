import { InfoCircleOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Space,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useCallback, useState } from "react";
import { Link } from "react-router-dom";
import {
  adjustResult,
  fetchResult,
  type ManualScore,
  type Result,
  type RunDetail,
  scoreManual,
} from "../../api/assessment";
import type { EvidenceView } from "../../api/cases";
import { applyFormErrors, errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { EvidenceUpload } from "../cases/evidence-upload";
import { ManualFiles } from "./manual-files";

function ManualForm({
  run,
  result,
  item,
  onDone,
}: {
  run: RunDetail;
  result: Result;
  item: ManualScore;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ points: number; evidence: string; keep: string[]; added: EvidenceView[] }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const attached = item.files ?? [];
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        points: item.points ?? undefined,
        evidence: item.evidence ?? "",
        keep: attached.map((f) => f.id),
        added: [],
      }}
      onFinish={async (v) => {
        setSaving(true);
        setError(null);
        try {
          const ids = [...(v.keep ?? []), ...(v.added ?? []).map((f) => f.id)];
          await scoreManual(run.id, result.id, item.id, v.points, v.evidence.trim(), ids);
          onDone();
        } catch (err) {
          applyFormErrors(form, err, ["points", "evidence"]);
          setError(err);
        } finally {
          setSaving(false);
        }
      }}
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 8 }} />
      )}
      <Form.Item
        name="points"
        label={t("assess.manualPoints", { max: item.maxPoints })}
        rules={[{ required: true, message: t("assess.required") }]}
        style={{ marginBottom: 8 }}
      >
        <InputNumber min={0} max={item.maxPoints} data-testid={`manual-score-${item.id}`} />
      </Form.Item>
      <Form.Item
        name="evidence"
        label={t("assess.evidence")}
        rules={[{ required: true, min: 2, message: t("assess.evidenceRequired") }]}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t("assess.evidencePlaceholder")}
          data-testid={`manual-evidence-${item.id}`}
        />
      </Form.Item>
      {attached.length > 0 && (
        <Form.Item name="keep" label={t("assess.filesKeep")} style={{ marginBottom: 8 }}>
          <Checkbox.Group
            data-testid={`manual-keep-${item.id}`}
            options={attached.map((f) => ({ value: f.id, label: f.fileName }))}
          />
        </Form.Item>
      )}
      <Form.Item name="added" label={t("assess.filesAdd")} style={{ marginBottom: 8 }}>
        <EvidenceUpload onBusyChange={setUploading} data-testid={`manual-files-${item.id}`} />
      </Form.Item>
      {uploading && (
        <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
          {t("assess.filesUploading")}
        </Typography.Text>
      )}
      <Button
        htmlType="submit"
        type="primary"
        size="small"
        loading={saving}
        disabled={uploading}
        data-testid={`manual-save-${item.id}`}
      >
        {t("assess.saveScore")}
      </Button>
    </Form>
  );
}

function AdjustForm({ run, result, onDone }: { run: RunDetail; result: Result; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ delta: number; reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={async (v) => {
        setSaving(true);
        setError(null);
        try {
          await adjustResult(run.id, result.id, v.delta, v.reason.trim());
          form.resetFields();
          onDone();
        } catch (err) {
          applyFormErrors(form, err, ["delta", "reason"]);
          setError(err);
        } finally {
          setSaving(false);
        }
      }}
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 8 }} />
      )}
      <Form.Item
        name="delta"
        label={t("assess.delta")}
        rules={[
          { required: true, message: t("assess.required") },
          {
            validator: async (_r, v) => {
              if (v === 0) throw new Error(t("assess.deltaZero"));
            },
          },
        ]}
        style={{ marginBottom: 8 }}
      >
        <InputNumber min={-100} max={100} step={0.5} data-testid="adjust-delta" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t("assess.adjustReason")}
        rules={[{ required: true, whitespace: true, min: 4, message: t("assess.reasonMin") }]}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea rows={2} maxLength={500} data-testid="adjust-reason" />
      </Form.Item>
      <Button htmlType="submit" size="small" loading={saving} data-testid="adjust-save">
        {t("assess.adjust")}
      </Button>
    </Form>
  );
}

/** One subject's breakdown: each indicator's value, rule and points, the records behind it; manual items; adjustments. */
export function ResultDrawer(props: {
  run: RunDetail;
  result: Result | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, pick, lang } = useI18n();
  const { run } = props;
  const id = props.result?.id;
  const detail = useLoad(useCallback(() => (id ? fetchResult(run.id, id) : null), [run.id, id]));
  const r = detail.data && detail.data.id === id ? detail.data : null;
  const editable = run.abilities.adjust;
  const changed = () => {
    detail.reload();
    props.onChanged();
  };
  const adjustments = run.adjustments.filter((a) => a.resultId === id);
  return (
    <Drawer
      open={!!id}
      onClose={props.onClose}
      size={Math.min(720, window.innerWidth)}
      title={`${props.result?.subjectName ?? ""} · ${run.period} v${run.version}`}
      destroyOnHidden
    >
      {detail.error != null && <Alert type="error" showIcon title={errorMessage(detail.error, t)} />}
      {!r ? (
        <Card loading />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="result-detail">
          <Descriptions
            size="small"
            column={{ xs: 2, sm: 4 }}
            items={[
              { key: "rank", label: t("assess.rank"), children: r.rank ?? "—" },
              {
                key: "final",
                label: t("assess.finalScore"),
                children: <b data-testid="detail-final">{r.finalScore}</b>,
              },
              { key: "computed", label: t("assess.computedScore"), children: r.computedScore },
              { key: "adj", label: t("assess.adjustment"), children: r.adjustment },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("assess.totalHint")}
          </Typography.Text>
          {r.breakdown.items.map((item) => (
            <Card
              key={item.indicatorId}
              size="small"
              data-testid={`item-${item.indicatorId}`}
              title={
                <Space size={4} wrap>
                  {pick(item)}
                  <Tooltip title={pick(item.formula)}>
                    <InfoCircleOutlined />
                  </Tooltip>
                  <Tag>{t("assess.weightOf", { w: item.weight })}</Tag>
                </Space>
              }
              extra={item.available ? <b>{item.points}</b> : <Tag>{t("assess.unavailable")}</Tag>}
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
                {pick(item.formula)}
              </Typography.Paragraph>
              {item.available && (
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {t("assess.value")}：{item.value}
                  {item.denominator !== undefined && `（${item.numerator} / ${item.denominator}）`}
                </Typography.Paragraph>
              )}
              <Typography.Paragraph style={{ marginBottom: 4 }}>{pick(item.explain)}</Typography.Paragraph>
              {(item.records ?? []).length > 0 && (
                <Space size={[4, 4]} wrap data-testid={`records-${item.indicatorId}`}>
                  <Typography.Text type="secondary">
                    {t("assess.records", { n: item.records?.length ?? 0 })}
                  </Typography.Text>
                  {(item.records ?? []).slice(0, 200).map((rec) =>
                    rec.kind === "case" ? (
                      <Link key={rec.id} to={`/cases/${rec.id}`}>
                        <Tag color="blue">{rec.label}</Tag>
                      </Link>
                    ) : (
                      <Tag key={rec.id}>{rec.label}</Tag>
                    ),
                  )}
                </Space>
              )}
            </Card>
          ))}
          {r.breakdown.manual.map((m) => (
            <Card
              key={m.id}
              size="small"
              data-testid={`manual-${m.id}`}
              title={
                <Space size={4}>
                  {m.zh}
                  <Tag color="purple">{t("assess.manual")}</Tag>
                  <Tag>{t("assess.weightOf", { w: m.maxPoints })}</Tag>
                </Space>
              }
              extra={m.points == null ? <Tag color="orange">{t("assess.pending")}</Tag> : <b>{m.points}</b>}
            >
              {m.evidence && (
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  {t("assess.evidence")}：{m.evidence}
                  {m.at && (
                    <Typography.Text type="secondary"> · {formatDateTime(m.at, lang)}</Typography.Text>
                  )}
                </Typography.Paragraph>
              )}
              <ManualFiles files={m.files ?? []} testId={`manual-files-list-${m.id}`} />
              {editable && <ManualForm key={m.at ?? "new"} run={run} result={r} item={m} onDone={changed} />}
            </Card>
          ))}
          <Card size="small" title={t("assess.adjustments")}>
            <ItemList
              size="small"
              dataSource={adjustments}
              empty={t("assess.noAdjustments")}
              renderItem={(a) => (
                <ListRow>
                  {a.delta > 0 ? `+${a.delta}` : a.delta} · {a.reason} · {formatDateTime(a.madeAt, lang)}
                </ListRow>
              )}
            />
            {editable && <AdjustForm run={run} result={r} onDone={changed} />}
          </Card>
        </Space>
      )}
    </Drawer>
  );
}
