import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { useCallback, useState } from "react";
import { useSearchParams } from "react-router-dom";
import {
  type EngagedWork,
  engagedWorkKinds,
  engagedWorkLabel,
} from "../../../../domain/provider/engaged-work";
import type { EvidenceView } from "../../api/cases";
import { fetchMyTargets, guideCase, type MyTarget, submitAssessment } from "../../api/providers";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow, ListRowMeta } from "../../components/item-list";
import { useLoad } from "../../components/use-load";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import { EvidenceUpload } from "../cases/evidence-upload";
import { riskColor } from "./providers-page";

/**
 * /engaged (我的委托, R27): the expert's sites and cases of active engagements; assess a site, guide a case.
 * `?work=assess|guide|ending` keeps what needs that work (the workbench's counts link here).
 */
export function EngagedPage() {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const raw = params.get("work");
  const work = engagedWorkKinds.find((w) => w === raw);
  const load = useCallback(() => fetchMyTargets(work), [work]);
  const { data, loading, error, reload } = useLoad(load);
  const [assessing, setAssessing] = useState<MyTarget | null>(null);
  const [guiding, setGuiding] = useState<MyTarget | null>(null);
  /** Photos still uploading: the guidance waits for them. */
  const [uploading, setUploading] = useState(false);
  const [form] = Form.useForm();
  const send = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      setAssessing(null);
      setGuiding(null);
      form.resetFields();
      reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  return (
    <Card title={t("prov.mineTitle")} className="page-card" data-testid="engaged-page">
      <Typography.Paragraph type="secondary">{t("prov.mineIntro")}</Typography.Paragraph>
      <Segmented<EngagedWork | "all">
        data-testid="engaged-filter"
        style={{ marginBottom: 12, maxWidth: "100%", overflowX: "auto" }}
        value={work ?? "all"}
        onChange={(v) => setParams(v === "all" ? {} : { work: v })}
        options={[
          { value: "all", label: t("prov.allWork") },
          ...engagedWorkKinds.map((w) => ({
            value: w,
            label: <span title={pick(engagedWorkLabel[w])}>{t(`prov.work.${w}` as MessageKey)}</span>,
          })),
        ]}
      />
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <ItemList<MyTarget>
        loading={loading}
        dataSource={data?.items ?? []}
        empty={<Empty description={t("prov.none")} />}
        renderItem={(x) => (
          <ListRow
            data-testid="engaged-target"
            actions={[
              x.kind === "site" ? (
                <Button
                  key="a"
                  type="primary"
                  size="small"
                  onClick={() => setAssessing(x)}
                  data-testid="engaged-assess"
                >
                  {t("prov.assess")}
                </Button>
              ) : (
                <Button key="g" size="small" onClick={() => setGuiding(x)} data-testid="engaged-guide">
                  {t("prov.guide")}
                </Button>
              ),
            ]}
          >
            <ListRowMeta
              title={
                <Space wrap>
                  <Tag>{t(x.kind === "site" ? "prov.site" : "prov.cases")}</Tag>
                  <span>{x.name}</span>
                  {x.kind === "site" && (
                    <Tag color={x.riskLevel ? riskColor[x.riskLevel] : undefined}>
                      {t(`prov.risk.${x.riskLevel ?? "none"}` as MessageKey)}
                    </Tag>
                  )}
                  {x.kind === "site" && (
                    <Tag data-testid="engaged-assessment-status">
                      {t(`prov.assessed.${x.assessmentStatus ?? "none"}` as MessageKey)}
                    </Tag>
                  )}
                </Space>
              }
              description={
                <Space orientation="vertical" size={0}>
                  {x.address && <span>{x.address}</span>}
                  <span>
                    {x.engagementTitle} · {t("prov.engagementEnds", { date: x.endsOn })}
                  </span>
                </Space>
              }
            />
          </ListRow>
        )}
      />
      <Modal
        open={assessing != null}
        title={`${t("prov.assess")} · ${assessing?.name ?? ""}`}
        okText={t("prov.save")}
        okButtonProps={{ "data-testid": "assess-save" } as never}
        onCancel={() => setAssessing(null)}
        onOk={async () => {
          // the two dialogs share one form: validate and send only this dialog's fields
          const v = await form.validateFields(["result", "findings"]);
          if (assessing) await send(() => submitAssessment(assessing.id, v), t("prov.sent"));
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="result" label={t("prov.result")} rules={[{ required: true }]}>
            <Select
              data-testid="assess-result"
              options={(["red", "orange", "yellow", "blue"] as const).map((r) => ({
                value: r,
                label: t(`prov.risk.${r}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item name="findings" label={t("prov.findings")} rules={[{ required: true }]}>
            <Input.TextArea rows={4} data-testid="assess-findings" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={guiding != null}
        title={`${t("prov.guide")} · ${guiding?.name ?? ""}`}
        okText={t("prov.save")}
        onCancel={() => setGuiding(null)}
        okButtonProps={{ disabled: uploading }}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields(["comment", "evidence"]);
          if (guiding)
            await send(
              () =>
                guideCase(guiding.id, {
                  comment: v.comment,
                  evidenceIds: ((v.evidence ?? []) as EvidenceView[]).map((e) => e.id),
                }),
              t("prov.guided"),
            );
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label={t("prov.guidance")} rules={[{ required: true }]}>
            <Input.TextArea rows={4} data-testid="guide-comment" />
          </Form.Item>
          <Form.Item name="evidence" label={t("prov.guideEvidence")}>
            <EvidenceUpload onBusyChange={setUploading} data-testid="guide-evidence" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
