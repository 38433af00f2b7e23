import { Empty, Tag, Timeline, Typography } from "antd";
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
        : "blue";

/** The site file (R22): everything recorded about the site, oldest first, with who and when (China time). */
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
          <div>
            <Tag color={actionColour(e.action)}>{e.actionLabel}</Tag>
            {e.actor && (
              <Typography.Text type="secondary">
                {e.actor.displayName}（{pick(roleLabel[e.actor.role as Role], e.actor.role)}）
              </Typography.Text>
            )}
            <Typography.Paragraph style={{ margin: "4px 0 0" }}>{e.summary}</Typography.Paragraph>
          </div>
        ),
      }))}
    />
  );
}
