import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useState } from "react";
import { fetchCases } from "../../api/cases";
import {
  type Assessment,
  addExpert,
  createEngagement,
  createOrg,
  decideAssessment,
  type Engagement,
  endEngagement,
  exportWork,
  fetchAssessments,
  fetchEngagements,
  fetchOrgs,
  fetchWork,
  type ServiceOrg,
  type WorkFilter,
  type WorkItem,
} from "../../api/providers";
import { fetchSites } from "../../api/sites";
import { errorMessage } from "../../components/error-message";
import { ExportButton } from "../../components/export-button";
import { useLoad } from "../../components/use-load";
import { UserSelect } from "../../components/user-select";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import { useSignedIn } from "../../session/session-context";

export const riskColor: Record<string, string> = {
  red: "red",
  orange: "orange",
  yellow: "gold",
  blue: "blue",
};
const statusColor = { upcoming: "blue", active: "green", expired: "default", ended: "default" } as const;
const day = (d: Dayjs | undefined) => d?.format("YYYY-MM-DD");
const someSites = () => fetchSites({ page: 1, pageSize: 200 } as never);
const someCases = () => fetchCases({ page: 1, pageSize: 200 } as never);
const allAssessments = () => fetchAssessments();

/** /providers (第三方服务, R27): organisations and experts, engagements, approving assessments, work per period. */
export function ProvidersPage() {
  const { t } = useI18n();
  return (
    <Card title={t("prov.title")} className="page-card" data-testid="providers-page">
      <Typography.Paragraph type="secondary">{t("prov.intro")}</Typography.Paragraph>
      <Tabs
        items={[
          { key: "orgs", label: t("prov.tabOrgs"), children: <OrgsTab /> },
          { key: "engagements", label: t("prov.tabEngagements"), children: <EngagementsTab /> },
          { key: "assessments", label: t("prov.tabAssessments"), children: <AssessmentsTab /> },
          { key: "work", label: t("prov.tabWork"), children: <WorkTab /> },
        ]}
      />
    </Card>
  );
}

function useSubmit() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  return async (run: () => Promise<unknown>, done?: string) => {
    try {
      await run();
      if (done) message.success(done);
      return true;
    } catch (e) {
      message.error(errorMessage(e, t));
      return false;
    }
  };
}

function OrgsTab() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { data, loading, error, reload } = useLoad(fetchOrgs);
  const [newOrg, setNewOrg] = useState(false);
  const [expertOf, setExpertOf] = useState<ServiceOrg | null>(null);
  const submit = useSubmit();
  const [orgForm] = Form.useForm();
  const [expertForm] = Form.useForm();
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewOrg(true)} data-testid="org-new">
          {t("prov.newOrg")}
        </Button>
      </Space>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <Table<ServiceOrg>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t("prov.orgName"),
            dataIndex: "name",
            render: (v: string, o) => (
              <Space orientation="vertical" size={0}>
                <span>{v}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {o.qualification}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t("prov.experts"),
            key: "experts",
            render: (_: unknown, o) => (
              <Space orientation="vertical" size={2}>
                {o.experts.map((e) => (
                  <span key={e.id} data-testid="expert-row">
                    {e.name}（{e.qualification}，{e.validFrom}～{e.validUntil}）{" "}
                    <Tag color={e.qualificationValid ? "green" : "red"}>
                      {t(e.qualificationValid ? "prov.valid" : "prov.expired")}
                    </Tag>
                    {!e.userId && <Tag>{t("prov.noAccount")}</Tag>}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 120,
            render: (_: unknown, o) =>
              o.abilities.manage && (
                <Button type="link" size="small" onClick={() => setExpertOf(o)} data-testid="expert-add">
                  {t("prov.addExpert")}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={newOrg}
        title={t("prov.newOrg")}
        onCancel={() => setNewOrg(false)}
        okText={t("prov.save")}
        onOk={async () => {
          const v = await orgForm.validateFields();
          if (await submit(() => createOrg({ ...v, regionCode: user.scope[0] }))) {
            setNewOrg(false);
            orgForm.resetFields();
            reload();
          }
        }}
      >
        <Form form={orgForm} layout="vertical">
          <Form.Item name="name" label={t("prov.orgName")} rules={[{ required: true }]}>
            <Input data-testid="org-name" />
          </Form.Item>
          <Form.Item name="qualification" label={t("prov.orgQualification")} rules={[{ required: true }]}>
            <Input data-testid="org-qualification" />
          </Form.Item>
          <Form.Item name="contactName" label={t("prov.contact")}>
            <Input />
          </Form.Item>
          <Form.Item name="contactPhone" label={t("prov.contactPhone")}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={expertOf != null}
        title={`${t("prov.addExpert")} · ${expertOf?.name ?? ""}`}
        onCancel={() => setExpertOf(null)}
        okText={t("prov.save")}
        onOk={async () => {
          const v = await expertForm.validateFields();
          const body = {
            ...v,
            validFrom: day(v.validFrom),
            validUntil: day(v.validUntil),
            userId: v.userId || null,
          };
          if (expertOf && (await submit(() => addExpert(expertOf.id, body)))) {
            setExpertOf(null);
            expertForm.resetFields();
            reload();
          }
        }}
      >
        <Form form={expertForm} layout="vertical">
          <Form.Item name="name" label={t("prov.expertName")} rules={[{ required: true }]}>
            <Input data-testid="expert-name" />
          </Form.Item>
          <Form.Item name="qualification" label={t("prov.expertQualification")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="certificateNo" label={t("prov.certificateNo")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="validFrom" label={t("prov.validFrom")} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="validUntil" label={t("prov.validUntil")} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="userId" label={t("prov.account")}>
            <UserSelect ofRole="service_provider" data-testid="expert-account" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function EngagementsTab() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { data, loading, error, reload } = useLoad(fetchEngagements);
  const orgs = useLoad(fetchOrgs);
  const sites = useLoad(someSites);
  const cases = useLoad(someCases);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const submit = useSubmit();
  const experts = (orgs.data?.items ?? []).flatMap((o) =>
    o.experts.map((e) => ({
      value: e.id,
      label: `${o.name} · ${e.name}${e.qualificationValid ? "" : `（${t("prov.expired")}）`}`,
    })),
  );
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setOpen(true)}
          data-testid="engagement-new"
        >
          {t("prov.newEngagement")}
        </Button>
      </Space>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <Table<Engagement>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: t("prov.engagementTitle"), dataIndex: "title" },
          {
            title: t("prov.expert"),
            key: "expert",
            render: (_: unknown, e) => `${e.orgName} · ${e.expertName}`,
          },
          {
            title: t("prov.period"),
            key: "period",
            width: 200,
            render: (_: unknown, e) => `${e.startsOn} ～ ${e.endsOn}`,
          },
          {
            title: t("prov.status"),
            dataIndex: "status",
            width: 110,
            render: (s: Engagement["status"]) => (
              <Tag color={statusColor[s]} data-testid="engagement-status">
                {t(`prov.status.${s}` as MessageKey)}
              </Tag>
            ),
          },
          {
            title: `${t("prov.sites")} / ${t("prov.cases")}`,
            key: "targets",
            render: (_: unknown, e) => e.targets.map((x) => x.name).join("、"),
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 110,
            render: (_: unknown, e) =>
              e.abilities.manage && (
                <Popconfirm
                  title={t("prov.endConfirm")}
                  onConfirm={async () => (await submit(() => endEngagement(e.id))) && reload()}
                >
                  <Button type="link" size="small" danger data-testid="engagement-end">
                    {t("prov.end")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t("prov.newEngagement")}
        onCancel={() => setOpen(false)}
        okText={t("prov.save")}
        okButtonProps={{ "data-testid": "engagement-save" } as never}
        onOk={async () => {
          const v = await form.validateFields();
          const body = {
            ...v,
            regionCode: user.scope[0],
            startsOn: day(v.period?.[0]),
            endsOn: day(v.period?.[1]),
            siteIds: v.siteIds ?? [],
            caseIds: v.caseIds ?? [],
            period: undefined,
          };
          if (await submit(() => createEngagement(body))) {
            setOpen(false);
            form.resetFields();
            reload();
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t("prov.engagementTitle")} rules={[{ required: true }]}>
            <Input data-testid="engagement-title" />
          </Form.Item>
          <Form.Item name="expertId" label={t("prov.expert")} rules={[{ required: true }]}>
            <Select options={experts} data-testid="engagement-expert" />
          </Form.Item>
          <Form.Item name="period" label={t("prov.period")} rules={[{ required: true }]}>
            <DatePicker.RangePicker order={false} data-testid="engagement-period" />
          </Form.Item>
          <Form.Item name="siteIds" label={t("prov.sites")}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              data-testid="engagement-sites"
            />
          </Form.Item>
          <Form.Item name="caseIds" label={t("prov.cases")}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={(cases.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.number} ${c.description.slice(0, 20)}`,
              }))}
              data-testid="engagement-cases"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function AssessmentsTab() {
  const { t, lang } = useI18n();
  const { data, loading, error, reload } = useLoad(allAssessments);
  const submit = useSubmit();
  return (
    <>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <Table<Assessment>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: t("prov.site"), dataIndex: "siteName", width: 180 },
          {
            title: t("prov.result"),
            dataIndex: "result",
            width: 150,
            render: (r: string) => <Tag color={riskColor[r]}>{t(`prov.risk.${r}` as MessageKey)}</Tag>,
          },
          { title: t("prov.findings"), dataIndex: "findings" },
          {
            title: t("prov.expert"),
            key: "who",
            width: 180,
            render: (_: unknown, a) => `${a.orgName ?? ""} · ${a.expertName ?? ""}`,
          },
          {
            title: t("prov.submittedAt"),
            dataIndex: "submittedAt",
            width: 150,
            render: (v: string) => formatDateTime(v, lang),
          },
          {
            title: t("prov.status"),
            dataIndex: "status",
            width: 100,
            render: (s: string) => (
              <Tag data-testid="assessment-status">{t(`prov.assessStatus.${s}` as MessageKey)}</Tag>
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 130,
            render: (_: unknown, a) =>
              a.abilities?.decide && (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    data-testid="assessment-approve"
                    onClick={async () =>
                      (await submit(() => decideAssessment(a.id, true), t("prov.approved"))) && reload()
                    }
                  >
                    {t("prov.approve")}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={async () => (await submit(() => decideAssessment(a.id, false))) && reload()}
                  >
                    {t("prov.reject")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}

function WorkTab() {
  const { t, lang } = useI18n();
  const orgs = useLoad(fetchOrgs);
  const [filter, setFilter] = useState<WorkFilter>({});
  const load = useCallback(() => fetchWork(filter), [filter]);
  const { data, loading, error } = useLoad(load);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t("prov.allOrgs")}
          style={{ minWidth: 220 }}
          options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          onChange={(orgId?: string) => setFilter((f) => ({ ...f, orgId }))}
          data-testid="work-org"
        />
        <DatePicker.RangePicker
          onChange={(r) =>
            setFilter((f) => ({ ...f, from: day(r?.[0] ?? undefined), to: day(r?.[1] ?? undefined) }))
          }
        />
        <ExportButton
          kind="providerWork"
          label={t("prov.export")}
          testId="work-export"
          download={(reason) => exportWork(filter, reason)}
        />
      </Space>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <Space orientation="vertical" style={{ marginBottom: 8 }}>
        {(data?.byOrg ?? []).map((o) => (
          <Typography.Text key={o.orgId} data-testid="work-total">
            {t("prov.totals", { org: o.orgName ?? "", a: o.assessments, g: o.guidance })}
          </Typography.Text>
        ))}
      </Space>
      <Table<WorkItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t("prov.at"),
            dataIndex: "at",
            width: 150,
            render: (v: string) => formatDateTime(v, lang),
          },
          { title: t("prov.org"), dataIndex: "orgName", width: 180 },
          { title: t("prov.expert"), dataIndex: "expertName", width: 90 },
          {
            title: t("prov.kind"),
            dataIndex: "kind",
            width: 100,
            render: (k: string) => t(`prov.kind.${k}` as MessageKey),
          },
          { title: t("prov.target"), dataIndex: "target", width: 160 },
          {
            title: t("prov.result"),
            dataIndex: "result",
            width: 140,
            render: (r: string | null) =>
              r ? <Tag color={riskColor[r]}>{t(`prov.risk.${r}` as MessageKey)}</Tag> : null,
          },
          { title: t("prov.content"), dataIndex: "text" },
        ]}
      />
    </>
  );
}
