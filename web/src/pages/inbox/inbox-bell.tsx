import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Empty, Popover, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "react-router-dom";
import {
  fetchNotifications,
  type InboxItem,
  markNotificationRead,
  onInboxChanged,
} from "../../api/notifications";
import { ItemList, ListRow } from "../../components/item-list";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import "./inbox.css";

const pollMs = 60_000;

/** The header bell: unread count (refreshed every minute and on navigation) and the latest unread messages. */
export function InboxBell() {
  const { t, lang } = useI18n();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  const [latest, setLatest] = useState<InboxItem[]>([]);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => {
    fetchNotifications({ unread: true, page: 1, pageSize: 5 })
      .then((res) => {
        setUnread(res.unread);
        setLatest(res.items);
      })
      .catch(() => undefined);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the page changes
  useEffect(() => {
    load();
  }, [load, location.pathname]);
  useEffect(() => {
    const timer = setInterval(load, pollMs);
    const off = onInboxChanged(load);
    return () => {
      clearInterval(timer);
      off();
    };
  }, [load]);

  const content = (
    <div className="inbox-popover" data-testid="inbox-popover">
      {latest.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("inbox.empty")} />
      ) : (
        <ItemList<InboxItem>
          size="small"
          dataSource={latest}
          renderItem={(item) => (
            <ListRow>
              <Link
                to={item.caseId ? `/cases/${item.caseId}` : "/inbox"}
                onClick={() => {
                  setOpen(false);
                  markNotificationRead(item.id).then(load, () => undefined);
                }}
              >
                <div className="inbox-item-title">{item.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(item.createdAt, lang)}
                </Typography.Text>
              </Link>
            </ListRow>
          )}
        />
      )}
      <div style={{ textAlign: "center", marginTop: 8 }}>
        <Link to="/inbox" onClick={() => setOpen(false)} data-testid="inbox-view-all">
          {t("inbox.viewAll")}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover
      content={content}
      title={t("inbox.unreadCount", { n: unread })}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
    >
      <Button type="text" aria-label={t("inbox.bell")} data-testid="inbox-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
