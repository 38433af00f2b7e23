import { Alert, App as AntApp, Button, Descriptions, Drawer, Popconfirm, Space, Tag } from "antd";
import { useCallback } from "react";
import { endUserSessions, fetchAccountSecurity, resetTwoFactor, unlockAccount } from "../../api/account";
import type { User } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { SessionTable } from "../account/session-table";

/** The security administrator's view of one account: lock, second factor, sessions, and the actions on them. */
export function AccountSecurityDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const load = useCallback(() => (user ? fetchAccountSecurity(user.id) : null), [user]);
  const { data, error, reload } = useLoad(load, { clearOnError: true });

  const act = async (
    run: () => Promise<unknown>,
    done: "security.unlocked" | "security.reset" | "security.ended",
  ) => {
    try {
      await run();
      message.success(t(done));
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Drawer
      open={Boolean(user)}
      onClose={onClose}
      title={user ? t("security.title", { name: user.displayName }) : ""}
      size="min(640px, 100vw)"
      destroyOnHidden
      data-testid="account-security"
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error, t)} /> : null}
      {user && data && (
        <Space orientation="vertical" size="large" style={{ width: "100%" }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t("security.lock")}>
              {data.lockedUntil ? (
                <Tag color="red">
                  {t("security.locked", { time: formatDateTime(data.lockedUntil, lang) })}
                </Tag>
              ) : (
                <Tag>{t("security.notLocked")}</Tag>
              )}
              {data.recentFailures > 0 && t("security.failures", { n: data.recentFailures })}
            </Descriptions.Item>
            <Descriptions.Item label={t("account.twoFactor")}>
              <Tag color={data.twoFactorEnrolled ? "green" : undefined}>
                {t(data.twoFactorEnrolled ? "account.twoFactorOn" : "account.twoFactorOff")}
              </Tag>
              {data.passwordChangeRequired && <Tag color="orange">{t("security.passwordChange")}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Button
              disabled={!data.lockedUntil && data.recentFailures === 0}
              onClick={() => act(() => unlockAccount(user.id), "security.unlocked")}
              data-testid="security-unlock"
            >
              {t("security.unlock")}
            </Button>
            <Popconfirm
              title={t("security.confirmReset")}
              onConfirm={() => act(() => resetTwoFactor(user.id), "security.reset")}
            >
              <Button danger disabled={!data.twoFactorEnrolled} data-testid="security-reset-2fa">
                {t("security.resetTwoFactor")}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t("security.confirmEnd")}
              onConfirm={() => act(() => endUserSessions(user.id), "security.ended")}
            >
              <Button danger disabled={data.sessions.length === 0} data-testid="security-end-sessions">
                {t("security.endSessions")}
              </Button>
            </Popconfirm>
          </Space>
          <SessionTable sessions={data.sessions} />
        </Space>
      )}
    </Drawer>
  );
}
