import { SafetyOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { verifySecondFactor } from "../../api/account";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { useSession } from "../../session/session-context";

/** Sign-in's second step: a TOTP code from the phone, or one of the recovery codes. */
export function SecondFactorStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { refresh, logout } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  const onFinish = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await verifySecondFactor(code.trim());
      const next = await refresh();
      if (next.status === "signed-in") onDone();
    } catch (err) {
      setError(errorMessage(err, t));
      form.setFieldValue("code", "");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="login-second-step">
      <Typography.Title level={4}>{t("totp.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("totp.prompt")}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
          role="alert"
        />
      )}
      <Form form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="code"
          label={t("totp.code")}
          rules={[{ required: true, whitespace: true, message: t("totp.codeRequired") }]}
        >
          <Input
            prefix={<SafetyOutlined />}
            autoComplete="one-time-code"
            inputMode="numeric"
            autoFocus
            maxLength={20}
            data-testid="login-totp"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-totp-submit">
          {t("totp.submit")}
        </Button>
        <Button type="link" block onClick={() => logout()} style={{ marginTop: 8 }}>
          {t("totp.useOther")}
        </Button>
      </Form>
    </div>
  );
}
