import { CheckOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Segmented, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import {
  fetchNotifications,
  type InboxItem,
  inboxChanged,
  markAllNotificationsRead,
  markNotificationRead,
} from "../../api/notifications";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow, ListRowMeta } from "../../components/item-list";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { notificationKindLabel } from "../cases/notification-kind";
import "./inbox.css";

/** /inbox: the signed-in user's in-app notifications; opening one marks it read. */
export function InboxPage() {
  const { t, pick, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [items, setItems] = useState<InboxItem[]>([]);
  const [total, setTotal] = useState(0);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const res = await fetchNotifications({ unread: unreadOnly, page, pageSize: 20 });
      setItems(res.items);
      setTotal(res.total);
      setUnread(res.unread);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [unreadOnly, page]);
  useEffect(() => {
    load();
  }, [load]);

  const read = async (item: InboxItem) => {
    if (item.readAt) return;
    try {
      await markNotificationRead(item.id);
      inboxChanged();
      load();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const readAll = async () => {
    try {
      await markAllNotificationsRead();
      inboxChanged();
      load();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Card
      className="page-card"
      title={
        <span>
          {t("inbox.title")}{" "}
          <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 14 }}>
            {t("inbox.unreadCount", { n: unread })}
          </Typography.Text>
        </span>
      }
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={unread === 0}
          onClick={readAll}
          data-testid="inbox-read-all"
        >
          {t("inbox.readAll")}
        </Button>
      }
    >
      <div className="toolbar">
        <Segmented<"all" | "unread">
          value={unreadOnly ? "unread" : "all"}
          onChange={(v) => {
            setUnreadOnly(v === "unread");
            setPage(1);
          }}
          options={[
            { value: "all", label: t("inbox.all") },
            { value: "unread", label: t("inbox.unread") },
          ]}
        />
      </div>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      <ItemList<InboxItem>
        data-testid="inbox-list"
        loading={loading}
        dataSource={items}
        empty={t("inbox.empty")}
        pagination={total > 20 ? { current: page, pageSize: 20, total, onChange: setPage } : false}
        renderItem={(item) => (
          <ListRow
            className={item.readAt ? "inbox-item" : "inbox-item inbox-item-unread"}
            data-testid="inbox-item"
            style={{ paddingInline: 12 }}
            actions={[
              item.caseId && (
                <Link key="open" to={`/cases/${item.caseId}`} onClick={() => read(item)}>
                  {t("inbox.openCase", { number: item.caseNumber ?? "" })}
                </Link>
              ),
              !item.readAt && (
                <Button key="read" type="link" size="small" onClick={() => read(item)}>
                  {t("inbox.markRead")}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <ListRowMeta
              title={
                <span className="inbox-item-title">
                  {!item.readAt && <Tag color="red">{t("inbox.unread")}</Tag>}
                  <Tag color="blue">{notificationKindLabel(item.kind, { t, pick })}</Tag>
                  {item.title}
                </span>
              }
              description={
                <>
                  <div>{item.body}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(item.createdAt, lang)}
                  </Typography.Text>
                </>
              }
            />
          </ListRow>
        )}
      />
    </Card>
  );
}
