import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { trainingPlanGate } from "../../../../domain/policies/assessment-policy";
import { type TrainingKind, trainingKindLabel } from "../../../../domain/tasks/training-plan";
import { fetchTrainingPlans, fetchTrainings, type Training } from "../../api/tasks";
import { errorMessage } from "../../components/error-message";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { AttendanceDrawer, NewTrainingDialog, TrainingQrModal } from "./training-dialogs";
import { TrainingHoursCard } from "./training-hours-card";
import { TrainingPlansCard } from "./training-plans-card";
import "./tasks.css";

const phase = (tr: Training, now: number) =>
  now < Date.parse(tr.startsAt) ? "upcoming" : now > Date.parse(tr.endsAt) ? "ended" : "ongoing";
const phaseColor = { upcoming: "blue", ongoing: "green", ended: "default" } as const;

/**
 * /trainings (网格员培训): annual plans, each grid worker's hours of the year, and the sessions the actor
 * organises or oversees; create, show the check-in QR, attendance with scores.
 */
export function TrainingsPage() {
  const { t, lang, pick } = useI18n();
  const { user } = useSignedIn();
  const { data, loading, error, reload } = useLoad(fetchTrainings);
  const plans = useLoad(fetchTrainingPlans);
  const [creating, setCreating] = useState(false);
  const [qr, setQr] = useState<Training | null>(null);
  const [attendance, setAttendance] = useState<Training | null>(null);
  // a new plan, or scores entered in the attendance drawer, change the hours card: read it again then
  const [hoursVersion, setHoursVersion] = useState(0);
  const now = Date.now();
  return (
    <Card
      title={t("training.title")}
      className="page-card"
      data-testid="trainings-page"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="training-new"
        >
          {t("training.new")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("training.intro")}</Typography.Paragraph>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      <TrainingPlansCard
        plans={plans.data?.items ?? []}
        loading={plans.loading}
        error={plans.error}
        onSaved={() => {
          plans.reload();
          setHoursVersion((v) => v + 1);
        }}
      />
      <Table<Training>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 820 }}
        columns={[
          {
            title: t("training.name"),
            dataIndex: "title",
            width: 280,
            render: (v: string, tr) => (
              <Space orientation="vertical" size={0}>
                <span>{v}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pick(trainingKindLabel[tr.kind as TrainingKind], tr.kind)} · {tr.trainer} ·{" "}
                  {t("training.hoursN", { n: tr.hours })}
                </Typography.Text>
                {tr.materials && (
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12 }}
                    data-testid="training-row-materials"
                  >
                    {tr.materials}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("training.time"),
            key: "time",
            width: 190,
            render: (_: unknown, tr) => (
              <Space orientation="vertical" size={0}>
                <span>{formatDateTime(tr.startsAt, lang)}</span>
                <Tag color={phaseColor[phase(tr, now)]}>{t(`training.${phase(tr, now)}`)}</Tag>
              </Space>
            ),
          },
          { title: t("training.place"), dataIndex: "place", width: 200 },
          { title: t("training.attendees"), dataIndex: "attendees", width: 90 },
          {
            title: t("common.actions"),
            key: "actions",
            width: 190,
            render: (_: unknown, tr) => (
              <Space size={0} wrap>
                {tr.abilities.manage && phase(tr, now) !== "ended" && (
                  <Button type="link" size="small" onClick={() => setQr(tr)} data-testid="training-show-qr">
                    {t("training.qr")}
                  </Button>
                )}
                {tr.abilities.manage && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setAttendance(tr)}
                    data-testid="training-attendance"
                  >
                    {t("training.attendance")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {trainingPlanGate.hours(user) && <TrainingHoursCard version={hoursVersion} />}
      <NewTrainingDialog
        open={creating}
        home={user.scope[0]}
        plans={plans.data?.items ?? []}
        onClose={() => setCreating(false)}
        onSaved={() => {
          reload();
          plans.reload();
        }}
      />
      <TrainingQrModal training={qr} onClose={() => setQr(null)} />
      <AttendanceDrawer
        training={attendance}
        onClose={() => {
          setAttendance(null);
          setHoursVersion((v) => v + 1);
        }}
      />
    </Card>
  );
}
