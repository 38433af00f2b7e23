import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, InputNumber, Progress, Space, Table } from "antd";
import { useState } from "react";
import { trainingPlanGate } from "../../../../domain/policies/assessment-policy";
import { createTrainingPlan, type TrainingPlan } from "../../api/tasks";
import { errorMessage } from "../../components/error-message";
import { FormDialog } from "../../components/form-dialog";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";

interface PlanValues {
  regionCode: string;
  year: number;
  title: string;
  content?: string;
  plannedSessions: number;
  plannedHours: number;
}

/** 年度培训计划 (R19): a county's or township's plan for the year, and how many sessions were held under it. */
export function TrainingPlansCard(props: {
  plans: TrainingPlan[];
  loading: boolean;
  error: unknown;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<PlanValues>();
  const year = new Date().getFullYear();
  return (
    <Card
      title={t("trainingPlan.title")}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="training-plans"
      extra={
        trainingPlanGate.manage(user) && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="training-plan-new">
            {t("trainingPlan.new")}
          </Button>
        )
      }
    >
      {props.error != null && <Alert type="error" showIcon title={errorMessage(props.error, t)} />}
      <Table<TrainingPlan>
        rowKey="id"
        size="small"
        loading={props.loading}
        dataSource={props.plans}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t("trainingPlan.none") }}
        columns={[
          { title: t("trainingPlan.year"), dataIndex: "year", width: 70 },
          {
            title: t("trainingPlan.name"),
            dataIndex: "title",
            render: (v: string, p) => (
              <Space orientation="vertical" size={0}>
                <span>{v}</span>
                {p.content && <span style={{ color: "#8c8c8c", fontSize: 12 }}>{p.content}</span>}
              </Space>
            ),
          },
          { title: t("trainingPlan.hours"), dataIndex: "plannedHours", width: 110 },
          {
            title: t("trainingPlan.held"),
            key: "held",
            width: 180,
            render: (_: unknown, p) => (
              <Space orientation="vertical" size={0} data-testid="training-plan-held">
                <span>{t("trainingPlan.heldOf", { held: p.heldSessions, planned: p.plannedSessions })}</span>
                <Progress
                  size="small"
                  showInfo={false}
                  percent={p.plannedSessions ? Math.min(100, (p.heldSessions / p.plannedSessions) * 100) : 0}
                />
              </Space>
            ),
          },
        ]}
      />
      <FormDialog<PlanValues>
        open={creating}
        title={t("trainingPlan.new")}
        form={form}
        fields={["regionCode", "year", "title", "content", "plannedSessions", "plannedHours"]}
        initialValues={{ regionCode: user.scope[0]?.slice(0, 9), year, plannedSessions: 4, plannedHours: 16 }}
        testId="training-plan-dialog"
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await createTrainingPlan({ ...v, content: v.content?.trim() ?? "" });
          props.onSaved();
        }}
      >
        <Form.Item name="title" label={t("trainingPlan.name")} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="training-plan-title" />
        </Form.Item>
        <Form.Item name="regionCode" label={t("trainingPlan.region")} rules={[{ required: true }]}>
          <RegionCascader
            onChange={(c) => form.setFieldValue("regionCode", c)}
            maxLevel="township"
            anyLevel
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label={t("trainingPlan.year")} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="plannedSessions" label={t("trainingPlan.sessions")} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} style={{ width: 110 }} data-testid="training-plan-sessions" />
          </Form.Item>
          <Form.Item name="plannedHours" label={t("trainingPlan.hours")} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} style={{ width: 110 }} data-testid="training-plan-hours" />
          </Form.Item>
        </Space>
        <Form.Item name="content" label={t("trainingPlan.content")}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="training-plan-content" />
        </Form.Item>
      </FormDialog>
    </Card>
  );
}
