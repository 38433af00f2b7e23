import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { errorMessage } from "../components/error-message";
import { PageSpinner } from "../components/page-spinner";
import { useI18n } from "../i18n/i18n-context";
import { LanguageToggle } from "../layout/language-toggle";
import { useSession } from "../session/session-context";
import { SecondFactorStep } from "./account/second-factor-step";

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/";
}

export function LoginPage() {
  const { state, login } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get("next"));

  if (state.status === "loading") return <PageSpinner />;
  if (state.status === "signed-in" && !submitting) return <Navigate to={next} replace />;
  if (state.status === "second-factor" && state.stage === "mfa_enrol")
    return <Navigate to="/two-factor" replace />;
  const secondStep = state.status === "second-factor" && state.stage === "mfa_verify";

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const session = await login(values.username.trim(), values.password);
      if (session.status === "signed-in") navigate(next, { replace: true });
      else if (session.status !== "second-factor") setError(t("login.failed"));
    } catch (err) {
      setError(errorMessage(err, t, { preferOwn: true }));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageToggle />
      </div>
      <Card className="login-card">
        <Typography.Title level={3} className="login-title">
          {t("app.title")}
        </Typography.Title>
        <Typography.Text type="secondary" className="login-subtitle">
          {t("login.subtitle")}
        </Typography.Text>
        {params.get("expired") && !error && (
          <Alert type="warning" showIcon title={t("error.session_expired")} style={{ marginBottom: 16 }} />
        )}
        {secondStep && <SecondFactorStep onDone={() => navigate(next, { replace: true })} />}
        {!secondStep && error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        )}
        {!secondStep && (
          <Form<LoginValues> layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="username"
              label={t("login.username")}
              rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
                placeholder={t("login.username")}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("login.password")}
              rules={[{ required: true, message: t("login.passwordRequired") }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
                placeholder={t("login.password")}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t("login.submit")}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
