import { Empty, Space, Tag, Timeline, Typography } from "antd";
import { Link } from "react-router-dom";
import type { Role } from "../../../../domain/auth/roles";
import { roleLabel } from "../../../../domain/auth/roles";
import type { SiteEvent } from "../../api/sites";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

const actionColour = (action: string) =>
  action.includes("override")
    ? "gold"
    : action.includes("reassign")
      ? "purple"
      : action.includes("regist")
        ? "green"
        : action.includes("case")
          ? "red"
          : "blue";

/**
 * The site file (R22): everything recorded about the site, oldest first, with who and when (China time),
 * each kind by its readable name with links to what it is about (domain/trail/site-event-kinds.ts).
 */
export function SiteTimeline({ events }: { events: SiteEvent[] }) {
  const { t, pick, lang } = useI18n();
  if (events.length === 0) return <Empty description={t("sites.fileEmpty")} />;
  return (
    <Timeline
      data-testid="site-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: actionColour(e.action),
        title: formatDateTime(e.at, lang),
        content: (
          <div data-testid="site-event" data-action={e.action}>
            <Tag color={actionColour(e.action)}>{e.actionLabel}</Tag>
            {e.actor && (
              <Typography.Text type="secondary">
                {e.actor.displayName}（{pick(roleLabel[e.actor.role as Role], e.actor.role)}）
              </Typography.Text>
            )}
            <Typography.Paragraph style={{ margin: "4px 0 0" }}>{e.summary}</Typography.Paragraph>
            {e.links.length > 0 && (
              <Space size={[12, 0]} wrap>
                {e.links.map((l) =>
                  l.href ? (
                    <Link key={`${l.kind}:${l.id}`} to={l.href} data-testid={`site-event-link-${l.kind}`}>
                      {pick(l.label, l.label.zh)}
                    </Link>
                  ) : (
                    <Typography.Text key={`${l.kind}:${l.id}`} type="secondary">
                      {pick(l.label, l.label.zh)}
                    </Typography.Text>
                  ),
                )}
              </Space>
            )}
          </div>
        ),
      }))}
    />
  );
}
