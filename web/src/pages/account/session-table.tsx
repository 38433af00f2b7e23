import { Popconfirm, Table, Tag, Typography } from "antd";
import type { SessionInfo } from "../../api/account";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/** Sessions of one user: when, from where, until when; a revoke link when `onRevoke` is given. */
export function SessionTable({
  sessions,
  onRevoke,
}: {
  sessions: SessionInfo[];
  onRevoke?: (s: SessionInfo) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <Table<SessionInfo>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={sessions}
      data-testid="session-table"
      columns={[
        {
          title: t("account.sessionStart"),
          dataIndex: "createdAt",
          render: (v: string, s) => (
            <>
              {formatDateTime(v, lang)} {s.current && <Tag color="green">{t("account.current")}</Tag>}
            </>
          ),
        },
        {
          title: t("account.sessionSeen"),
          dataIndex: "lastSeenAt",
          render: (v: string) => formatDateTime(v, lang),
        },
        {
          title: t("account.sessionExpires"),
          dataIndex: "expiresAt",
          render: (v: string) => formatDateTime(v, lang),
        },
        { title: t("account.sessionIp"), dataIndex: "ip", render: (v: string | null) => v ?? "—" },
        ...(onRevoke
          ? [
              {
                title: t("common.actions"),
                key: "actions",
                render: (_: unknown, s: SessionInfo) =>
                  s.current ? null : (
                    <Popconfirm title={t("account.confirmRevoke")} onConfirm={() => onRevoke(s)}>
                      <Typography.Link type="danger" data-testid="session-revoke">
                        {t("account.revoke")}
                      </Typography.Link>
                    </Popconfirm>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}
