import { LockOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { changePassword } from "../../api/account";
import { errorMessage } from "../../components/error-message";
import { PageSpinner } from "../../components/page-spinner";
import { useI18n } from "../../i18n/i18n-context";
import { LanguageToggle } from "../../layout/language-toggle";
import { useSession } from "../../session/session-context";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changes one's own password; forced after an administrator's reset and at the first sign-in of a created account. */
export function ChangePasswordPage() {
  const { state, refresh, logout } = useSession();
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === "loading") return <PageSpinner />;
  if (state.status !== "signed-in") return <Navigate to="/login" replace />;
  const reason = state.passwordChangeRequired;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      message.success(t("password.changed"));
      await refresh();
      navigate("/", { replace: true });
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageToggle />
      </div>
      <Card className="login-card" data-testid="change-password">
        <Typography.Title level={3} className="login-title">
          {t("password.title")}
        </Typography.Title>
        {reason && (
          <Alert
            type="warning"
            showIcon
            title={t(
              reason === "reset"
                ? "password.requiredReset"
                : reason === "expired"
                  ? "password.requiredExpired"
                  : "password.requiredCreated",
            )}
            style={{ marginBottom: 16 }}
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            role="alert"
            data-testid="password-error"
          />
        )}
        <Form<Values> layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t("password.current")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="password-current"
            />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t("password.new")}
            extra={t("password.hint")}
            rules={[{ required: true, min: 12, message: t("password.hint") }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="password-new"
            />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t("password.confirm")}
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: t("password.mismatch") },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue("newPassword")
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("password.mismatch"))),
              }),
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="password-confirm"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
            {t("password.submit")}
          </Button>
          {reason && (
            <Button type="link" block onClick={() => logout()} style={{ marginTop: 8 }}>
              {t("layout.logout")}
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
