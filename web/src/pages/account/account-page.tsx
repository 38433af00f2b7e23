import { App as AntApp, Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { useCallback } from "react";
import { Link } from "react-router-dom";
import { fetchMySessions, revokeMySession } from "../../api/account";
import { errorMessage } from "../../components/error-message";
import { useLoad } from "../../components/use-load";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { SessionTable } from "./session-table";

/** 我的账号: two-factor status, password change, and my sessions (each may be ended). */
export function AccountPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { user, twoFactor } = useSignedIn();
  const load = useCallback(() => fetchMySessions(), []);
  const { data, reload } = useLoad(load);

  const onRevoke = async (id: string) => {
    try {
      await revokeMySession(id);
      message.success(t("account.revoked"));
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="account-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("account.title")}
      </Typography.Title>
      <Card>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t("users.username")}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t("users.displayName")}>{user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t("account.twoFactor")}>
            {twoFactor.enrolled ? (
              <Tag color="green" data-testid="two-factor-on">
                {t("account.twoFactorOn")}
              </Tag>
            ) : (
              <Space>
                <Tag>{t("account.twoFactorOff")}</Tag>
                <Link to="/two-factor" data-testid="two-factor-start">
                  {t("enrol.start")}
                </Link>
              </Space>
            )}
          </Descriptions.Item>
        </Descriptions>
        <Link to="/change-password">
          <Button data-testid="account-change-password">{t("password.title")}</Button>
        </Link>
      </Card>
      <Card title={t("account.sessions")}>
        <SessionTable sessions={data?.items ?? []} onRevoke={(s) => onRevoke(s.id)} />
      </Card>
    </Space>
  );
}
