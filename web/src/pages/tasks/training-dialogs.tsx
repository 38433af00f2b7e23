import {
  Alert,
  App as AntApp,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { type Role, roleLabel } from "../../../../domain/auth/roles";
import { fieldFlagLabel } from "../../../../domain/schemas/field-schemas";
import { attendanceMethodLabel } from "../../../../domain/tasks/training";
import { type TrainingKind, trainingKindLabel, trainingKinds } from "../../../../domain/tasks/training-plan";
import {
  type Attendance,
  createTraining,
  exportAttendance,
  fetchAttendance,
  fetchTrainingQr,
  removeAttendee,
  saveTrainingScores,
  type Training,
  type TrainingPlan,
} from "../../api/tasks";
import { errorMessage } from "../../components/error-message";
import { ExportButton } from "../../components/export-button";
import { FormDialog } from "../../components/form-dialog";
import { RegionCascader } from "../../components/region-cascader";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { EnterAttendeesDialog } from "./enter-attendees-dialog";

interface TrainingValues {
  title: string;
  regionCode: string;
  time: [Dayjs, Dayjs];
  place: string;
  lng: number;
  lat: number;
  radiusM: number;
  trainer: string;
  kind: TrainingKind;
  hours?: number | null;
  materials?: string;
  planId?: string;
}

/** A new training session: title, audience region, time, place with its location, radius, trainer. */
export function NewTrainingDialog(props: {
  open: boolean;
  home?: string;
  plans: TrainingPlan[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<TrainingValues>();
  return (
    <FormDialog<TrainingValues>
      open={props.open}
      title={t("training.new")}
      form={form}
      fields={[
        "title",
        "kind",
        "regionCode",
        "time",
        "place",
        "lng",
        "lat",
        "radiusM",
        "trainer",
        "hours",
        "materials",
        "planId",
      ]}
      initialValues={{ regionCode: props.home, radiusM: 300, kind: "class" }}
      testId="training-dialog"
      onClose={props.onClose}
      onSubmit={async (v) => {
        await createTraining({
          title: v.title,
          regionCode: v.regionCode,
          startsAt: v.time[0].toISOString(),
          endsAt: v.time[1].toISOString(),
          place: v.place,
          location: { lng: v.lng, lat: v.lat },
          radiusM: v.radiusM,
          trainer: v.trainer,
          kind: v.kind,
          ...(v.hours != null ? { hours: v.hours } : {}),
          ...(v.materials?.trim() ? { materials: v.materials.trim() } : {}),
          ...(v.planId ? { planId: v.planId } : {}),
        });
        props.onSaved();
      }}
    >
      <Form.Item name="title" label={t("training.name")} rules={[{ required: true }]}>
        <Input maxLength={100} data-testid="training-title" />
      </Form.Item>
      <Form.Item name="kind" label={t("training.kind")} rules={[{ required: true }]}>
        <Select
          data-testid="training-kind"
          options={trainingKinds.map((k) => ({ value: k, label: pick(trainingKindLabel[k]) }))}
        />
      </Form.Item>
      <Form.Item name="regionCode" label={t("training.audience")} rules={[{ required: true }]}>
        <RegionCascader onChange={(c) => form.setFieldValue("regionCode", c)} maxLevel="village" anyLevel />
      </Form.Item>
      <Form.Item name="time" label={t("training.time")} rules={[{ required: true }]}>
        <DatePicker.RangePicker
          showTime={{ format: "HH:mm" }}
          format="YYYY-MM-DD HH:mm"
          data-testid="training-time"
        />
      </Form.Item>
      <Form.Item name="place" label={t("training.place")} rules={[{ required: true }]}>
        <Input maxLength={200} data-testid="training-place" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="lng" label={t("training.lng")} rules={[{ required: true }]}>
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: 150 }} data-testid="training-lng" />
        </Form.Item>
        <Form.Item name="lat" label={t("training.lat")} rules={[{ required: true }]}>
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: 150 }} data-testid="training-lat" />
        </Form.Item>
        <Form.Item name="radiusM" label={t("training.radius")}>
          <InputNumber min={20} max={5000} style={{ width: 150 }} />
        </Form.Item>
      </Space>
      <Form.Item name="trainer" label={t("training.trainer")} rules={[{ required: true }]}>
        <Input maxLength={60} data-testid="training-trainer" />
      </Form.Item>
      <Form.Item name="hours" label={t("training.hours")} extra={t("training.hoursHint")}>
        <InputNumber min={0} max={24} step={0.5} style={{ width: 150 }} data-testid="training-hours" />
      </Form.Item>
      <Form.Item name="planId" label={t("training.plan")}>
        <Select
          allowClear
          data-testid="training-plan"
          options={props.plans.map((p) => ({ value: p.id, label: `${p.year} · ${p.title}` }))}
        />
      </Form.Item>
      <Form.Item name="materials" label={t("training.materials")}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="training-materials" />
      </Form.Item>
    </FormDialog>
  );
}

/** The trainer's screen: the session's current check-in code as a QR code and as text, refreshed as it turns. */
export function TrainingQrModal(props: { training: Training | null; onClose: () => void }) {
  const { t } = useI18n();
  const id = props.training?.id;
  const [now, setNow] = useState(Date.now());
  const fetch = useCallback(() => (id ? fetchTrainingQr(id) : null), [id]);
  const { data, error, reload } = useLoad(fetch);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = data ? Math.max(0, Math.round((Date.parse(data.expiresAt) - now) / 1000)) : 0;
  useEffect(() => {
    if (data && left === 0) reload();
  }, [data, left, reload]);
  return (
    <Modal
      open={!!id}
      title={props.training?.title}
      footer={null}
      onCancel={props.onClose}
      destroyOnHidden
      width={420}
    >
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {data && (
        <div className="training-qr" data-testid="training-qr">
          <img src={data.qrDataUrl} alt={t("training.qr")} />
          <Typography.Text type="secondary">{t("training.code")}</Typography.Text>
          <span className="training-code" data-testid="training-code">
            {data.token.slice(0, 4)}-{data.token.slice(4)}
          </span>
          <Typography.Text type="secondary">{t("training.expires", { s: left })}</Typography.Text>
          <Alert type="info" showIcon title={t("training.qrHint")} />
        </div>
      )}
    </Modal>
  );
}

/**
 * The session's attendance list with its export, how each attendance came (扫码签到, 定位签到, 组织者录入),
 * attendance entered by the organiser (录入签到; an entered one can be removed) and each attendee's score.
 */
export function AttendanceDrawer(props: { training: Training | null; onClose: () => void }) {
  const { t, pick, lang } = useI18n();
  const { message } = AntApp.useApp();
  const id = props.training?.id;
  const fetch = useCallback(() => (id ? fetchAttendance(id) : null), [id]);
  const { data, loading, error } = useLoad(fetch);
  const [rows, setRows] = useState<Attendance[] | null>(null);
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [entering, setEntering] = useState(false);
  const remove = async (r: Attendance) => {
    if (!id) return;
    setSaveError(null);
    try {
      const left = await removeAttendee(id, r.userId);
      setRows(left.items);
      message.success(t("training.removed", { name: r.userName ?? "" }));
    } catch (err) {
      setSaveError(err);
    }
  };
  useEffect(() => {
    setRows(data?.items ?? null);
    setEdits({});
    setSaveError(null);
  }, [data]);
  const changed = Object.entries(edits).flatMap(([userId, score]) =>
    score === null || score === undefined ? [] : [{ userId, score }],
  );
  const save = async () => {
    if (!id || changed.length === 0) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await saveTrainingScores(id, changed);
      setRows(saved.items);
      setEdits({});
      message.success(t("training.scoresSaved", { n: changed.length }));
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open={!!id}
      title={`${t("training.attendance")} · ${props.training?.title ?? ""}`}
      onClose={props.onClose}
      size={Math.min(736, window.innerWidth)}
      extra={
        id && (
          <ExportButton
            kind="trainingAttendance"
            label={t("training.exportAttendance")}
            testId="attendance-export"
            download={(reason) => exportAttendance(id, reason)}
          />
        )
      }
    >
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {saveError != null && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(saveError, t)}
          style={{ marginBottom: 12 }}
          data-testid="attendance-score-error"
        />
      )}
      <Space align="start" style={{ marginBottom: 12, justifyContent: "space-between", width: "100%" }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("training.scoreHint")}
        </Typography.Text>
        <Button onClick={() => setEntering(true)} data-testid="attendance-enter">
          {t("training.enter")}
        </Button>
        <Button
          type="primary"
          disabled={changed.length === 0}
          loading={saving}
          onClick={() => void save()}
          data-testid="attendance-save-scores"
        >
          {t("training.saveScores")}
        </Button>
      </Space>
      <Table<Attendance>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: t("training.none") }}
        scroll={{ x: 760 }}
        data-testid="attendance-table"
        columns={[
          { title: t("training.attendee"), dataIndex: "userName", width: 110 },
          {
            title: t("training.role"),
            dataIndex: "role",
            render: (r: string | null) => (r ? pick(roleLabel[r as Role]) : ""),
          },
          {
            title: t("training.method"),
            dataIndex: "method",
            render: (m: Attendance["method"], r) =>
              m === "entered" ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="blue">{pick(attendanceMethodLabel[m])}</Tag>
                  {r.enteredBy?.name && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("training.enteredBy", { name: r.enteredBy.name })}
                    </Typography.Text>
                  )}
                  {r.note && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.note}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                pick(attendanceMethodLabel[m])
              ),
          },
          {
            title: t("training.checkedInAt"),
            dataIndex: "clientAt",
            render: (v: string) => formatDateTime(v, lang),
          },
          {
            title: t("training.distance"),
            dataIndex: "distanceM",
            render: (d: number | null) => (d === null ? "—" : `${d} m`),
          },
          {
            title: t("tasks.flags"),
            dataIndex: "flags",
            render: (flags: Attendance["flags"]) =>
              flags.map((f) => (
                <Tag key={f} color="orange">
                  {pick(fieldFlagLabel[f])}
                </Tag>
              )),
          },
          {
            title: t("training.score"),
            key: "score",
            width: 100,
            fixed: "right",
            render: (_: unknown, r) => (
              <InputNumber
                size="small"
                min={0}
                max={100}
                style={{ width: 76 }}
                aria-label={`${t("training.score")} ${r.userName ?? ""}`}
                value={r.userId in edits ? edits[r.userId] : r.score}
                onChange={(v) => setEdits((e) => ({ ...e, [r.userId]: v }))}
                data-testid="attendance-score"
              />
            ),
          },
          {
            title: t("training.actions"),
            key: "remove",
            width: 72,
            fixed: "right",
            render: (_: unknown, r) =>
              r.method === "entered" ? (
                <Popconfirm
                  title={
                    r.score === null
                      ? t("training.removeConfirm", { name: r.userName ?? "" })
                      : t("training.removeScored", { name: r.userName ?? "", score: r.score })
                  }
                  onConfirm={() => remove(r)}
                >
                  <Button type="link" size="small" danger data-testid="attendance-remove">
                    {t("training.remove")}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <EnterAttendeesDialog
        training={entering && props.training ? props.training : null}
        onClose={() => setEntering(false)}
        onSaved={(items) => {
          setRows(items);
          setEntering(false);
        }}
      />
    </Drawer>
  );
}
