import { Table, Tag, Tooltip } from "antd";
import type { NotificationStatus } from "../../api/cases";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { notificationKindLabel } from "./notification-kind";

const statusColour: Record<NotificationStatus["status"], string> = {
  pending: "gold",
  delivered: "green",
  sent: "green",
  failed: "red",
  not_sent_no_gateway: "default",
  read: "blue",
};

const failureCategories = [
  "timeout",
  "refused",
  "blocked_address",
  "http_status",
  "dns",
  "tls",
  "network",
  "invalid_url",
  "inactive",
] as const;
type FailureCategory = (typeof failureCategories)[number];

/** Who was told about the case, on which channel, and whether delivery worked. */
export function CaseNotifications({ items }: { items: NotificationStatus[] }) {
  const { t, pick, lang } = useI18n();
  return (
    <Table<NotificationStatus>
      data-testid="case-notifications"
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10 } : false}
      locale={{ emptyText: t("detail.noNotifications") }}
      scroll={{ x: 760 }}
      columns={[
        {
          key: "channel",
          title: t("notify.channel"),
          width: 90,
          render: (_, n) => t(`channel.${n.channel}`),
        },
        {
          key: "kind",
          title: t("notify.kind"),
          width: 150,
          render: (_, n) => notificationKindLabel(n.kind, { t, pick }),
        },
        {
          key: "recipient",
          title: t("notify.recipient"),
          render: (_, n) => n.recipientName ?? n.target ?? "—",
        },
        {
          key: "status",
          title: t("notify.status"),
          width: 150,
          render: (_, n) => {
            const tag = <Tag color={statusColour[n.status]}>{t(`notifyStatus.${n.status}`)}</Tag>;
            // Only fixed categories are stored (never the receiver's text); older rows show as they are.
            const known = n.lastError && (failureCategories as readonly string[]).includes(n.lastError);
            const shown = known ? t(`notifyError.${n.lastError as FailureCategory}`) : n.lastError;
            return shown ? <Tooltip title={shown}>{tag}</Tooltip> : tag;
          },
        },
        { key: "attempts", title: t("notify.attempts"), dataIndex: "attempts", width: 80 },
        {
          key: "createdAt",
          title: t("notify.createdAt"),
          width: 140,
          render: (_, n) => formatDateTime(n.createdAt, lang),
        },
        {
          key: "deliveredAt",
          title: t("notify.deliveredAt"),
          width: 140,
          render: (_, n) => formatDateTime(n.deliveredAt, lang),
        },
      ]}
    />
  );
}
