import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import type { DeliveryTargetFilter } from "../../../../domain/schemas/delivery-schemas";
import { riskLevelLabel, riskLevels, siteKindLabel, siteKinds } from "../../../../domain/site/site-kinds";
import type { EvidenceView } from "../../api/cases";
import { type DeliveryPreview, previewDelivery, sendDelivery } from "../../api/deliveries";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { RegionCascader } from "../../components/region-cascader";
import { RegionName } from "../../components/region-name";
import { useI18n } from "../../i18n/i18n-context";
import { EvidenceUpload } from "../cases/evidence-upload";
import { IndustryPicker } from "../sites/industry-picker";

interface Values {
  title: string;
  body: string;
  dueDate?: string;
  document?: EvidenceView[];
}

/** /deliveries/new: write the document, choose the sites by filter, see the count, send (R15). */
export function DeliveryNewPage() {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [filter, setFilter] = useState<Partial<DeliveryTargetFilter>>({});
  const [preview, setPreview] = useState<{ filter: string; result: DeliveryPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const key = JSON.stringify(filter);
  const counted = preview?.filter === key ? preview.result : null;

  const change = (patch: Partial<DeliveryTargetFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const count = async () => {
    setProblem(null);
    if (!filter.region) return setProblem(t("form.choose", { label: t("deliveryNew.region") }));
    setBusy(true);
    try {
      setPreview({ filter: key, result: await previewDelivery(filter as DeliveryTargetFilter) });
    } catch (err) {
      setProblem(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const send = async (values: Values) => {
    if (!counted) return setProblem(t("deliveryNew.countFirst"));
    Modal.confirm({
      title: t("deliveryNew.title"),
      content: t("deliveryNew.confirm", { title: values.title, n: counted.count }),
      okButtonProps: { "data-testid": "delivery-confirm" } as Record<string, string>,
      onOk: async () => {
        try {
          const made = await sendDelivery({
            title: values.title,
            body: values.body,
            documentEvidenceId: values.document?.[0]?.id,
            dueDate: values.dueDate || undefined,
            filter: filter as DeliveryTargetFilter,
            expectedCount: counted.count,
          });
          message.success(t("deliveryNew.sent", { n: made.targetCount }));
          navigate(`/deliveries/${made.id}`);
        } catch (err) {
          setProblem(errorMessage(err, t));
        }
      },
    });
  };

  return (
    <Card title={t("deliveryNew.title")} className="page-card" data-testid="delivery-new-page">
      <Form<Values> form={form} layout="vertical" onFinish={send} style={{ maxWidth: 720 }}>
        <Form.Item
          name="title"
          label={t("deliveryNew.docTitle")}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t("deliveryNew.required", { label: t("deliveryNew.docTitle") }),
            },
          ]}
        >
          <Input maxLength={100} data-testid="delivery-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t("deliveryNew.body")}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t("deliveryNew.required", { label: t("deliveryNew.body") }),
            },
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={5000}
            placeholder={t("deliveryNew.bodyHint")}
            data-testid="delivery-body"
          />
        </Form.Item>
        <Space wrap size={16} align="start">
          <Form.Item name="document" label={t("deliveryNew.document")}>
            <EvidenceUpload data-testid="delivery-document" onBusyChange={setUploading} />
          </Form.Item>
          <Form.Item name="dueDate" label={t("deliveryNew.due")}>
            <Input type="date" style={{ width: 180 }} data-testid="delivery-due" />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t("deliveryNew.targets")}</Typography.Title>
        <div className="toolbar" data-testid="delivery-filter">
          <RegionCascader
            maxLevel="village"
            anyLevel
            autoSelectSingle
            value={filter.region}
            onChange={(region) => change({ region })}
            placeholder={t("deliveryNew.region")}
            style={{ minWidth: 220 }}
            data-testid="delivery-region"
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t("deliveryNew.kind")}
            value={filter.kind}
            onChange={(kind) => change({ kind })}
            options={siteKinds.map((k) => ({ value: k, label: pick(siteKindLabel[k]) }))}
          />
          <div style={{ minWidth: 220 }}>
            <IndustryPicker
              value={filter.industry}
              onChange={(industry) => change({ industry: industry ?? undefined })}
              data-testid="delivery-industry"
            />
          </div>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t("deliveryNew.risk")}
            value={filter.riskLevel}
            onChange={(riskLevel) => change({ riskLevel })}
            options={riskLevels.map((r) => ({ value: r, label: pick(riskLevelLabel[r]) }))}
          />
          <Button onClick={count} loading={busy} data-testid="delivery-count">
            {t("deliveryNew.count")}
          </Button>
        </div>
        {counted && (
          <Alert
            style={{ margin: "12px 0" }}
            showIcon
            type={counted.count === 0 || counted.tooMany ? "warning" : "info"}
            data-testid="delivery-count-result"
            title={
              counted.count === 0
                ? t("deliveryNew.none")
                : counted.tooMany
                  ? t("deliveryNew.tooMany")
                  : t("deliveryNew.found", { n: counted.count })
            }
            description={
              counted.sample.length > 0 && (
                <ItemList
                  size="small"
                  header={t("deliveryNew.sample", { n: counted.sample.length })}
                  dataSource={counted.sample}
                  style={{ maxHeight: 220, overflow: "auto" }}
                  renderItem={(s) => (
                    <ListRow>
                      <span>{s.siteName}</span>
                      <Typography.Text type="secondary">
                        <RegionName code={s.regionCode} />
                      </Typography.Text>
                    </ListRow>
                  )}
                />
              )
            }
          />
        )}
        {problem && <Alert type="error" showIcon title={problem} style={{ margin: "12px 0" }} />}
        <Space style={{ marginTop: 12 }}>
          <Button onClick={() => navigate("/deliveries")}>{t("common.cancel")}</Button>
          <Button
            type="primary"
            htmlType="submit"
            disabled={!counted || counted.count === 0 || counted.tooMany || uploading}
            data-testid="delivery-send"
          >
            {counted ? t("deliveryNew.send", { n: counted.count }) : t("deliveryNew.countFirst")}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
