import { Alert, App as AntApp, Button, Form, InputNumber, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { caseTypeLabel, caseTypes } from "../../../../domain/case/case-types";
import type { PaySettings } from "../../../../domain/pay/pay-rules";
import { fetchPaySettings, type PaySettingsView, savePaySettings } from "../../api/pay";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

type FormValues = Omit<PaySettings, "rewards"> & { rewards: Record<string, number | null> };

/** 报酬标准: a county's base and performance pay, information rewards per case type, deductions. */
export function PaySettingsPanel({ county }: { county: string }) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [view, setView] = useState<PaySettingsView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    if (!/^\d{6}$/.test(county)) return;
    fetchPaySettings(county)
      .then((v) => {
        setView(v);
        setError(null);
        const s = v.settings;
        form.setFieldsValue({
          baseFullTime: s?.baseFullTime ?? 0,
          basePartTime: s?.basePartTime ?? 0,
          performanceMax: s?.performanceMax ?? 0,
          missedPatrolDeduction: s?.missedPatrolDeduction ?? 0,
          rewardCap: s?.rewardCap ?? 0,
          rewards: Object.fromEntries(
            caseTypes.map((ty) => [ty, s?.rewards.find((r) => r.type === ty && !r.category)?.amount ?? null]),
          ),
        });
      })
      .catch(setError);
  }, [county, form]);
  const save = async (v: FormValues) => {
    const rewards = Object.entries(v.rewards ?? {})
      .filter(([, a]) => a !== null && a !== undefined)
      .map(([type, amount]) => ({ type, amount }));
    const kept = view?.settings?.rewards.filter((r) => r.category) ?? [];
    try {
      setView(await savePaySettings(county, { ...v, rewards: [...rewards, ...kept] }));
      setError(null);
      message.success(t("common.saved"));
    } catch (err) {
      setError(err);
    }
  };
  const money = { min: 0, max: 1_000_000, precision: 2, style: { width: 160 } };
  const manage = view?.abilities.manage ?? false;
  return (
    <Space orientation="vertical" style={{ width: "100%", maxWidth: 640 }}>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {view && !view.configured && <Alert type="warning" showIcon title={t("pay.settings.notConfigured")} />}
      <Form form={form} layout="vertical" onFinish={save} disabled={!manage} data-testid="pay-settings-form">
        <Space wrap size="large">
          <Form.Item name="baseFullTime" label={t("pay.settings.baseFullTime")}>
            <InputNumber {...money} data-testid="pay-base-full" />
          </Form.Item>
          <Form.Item name="basePartTime" label={t("pay.settings.basePartTime")}>
            <InputNumber {...money} data-testid="pay-base-part" />
          </Form.Item>
          <Form.Item name="performanceMax" label={t("pay.settings.performanceMax")}>
            <InputNumber {...money} data-testid="pay-performance-max" />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t("pay.settings.rewards")}</Typography.Text>
        <Space wrap size="large" style={{ marginTop: 8 }}>
          {caseTypes.map((ty) => (
            <Form.Item key={ty} name={["rewards", ty]} label={pick(caseTypeLabel[ty])}>
              <InputNumber {...money} style={{ width: 120 }} data-testid={`pay-reward-${ty}`} />
            </Form.Item>
          ))}
        </Space>
        <Space wrap size="large">
          <Form.Item name="missedPatrolDeduction" label={t("pay.settings.missedPatrolDeduction")}>
            <InputNumber {...money} />
          </Form.Item>
          <Form.Item name="rewardCap" label={t("pay.settings.rewardCap")}>
            <InputNumber {...money} />
          </Form.Item>
        </Space>
        {manage && (
          <Button type="primary" htmlType="submit" data-testid="pay-settings-save">
            {t("common.save")}
          </Button>
        )}
      </Form>
    </Space>
  );
}
