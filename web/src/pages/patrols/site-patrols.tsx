import { Empty, Space, Tag, Typography } from "antd";
import type { SitePatrol } from "../../api/patrols";
import { ItemList, ListRow } from "../../components/item-list";
import { PhotoLinks } from "../../components/photo-links";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/** A site's patrol records (its file, 动态档案), newest first: who, when, how far from the site, flags. */
export function SitePatrols({ items }: { items: SitePatrol[] }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <Empty description={t("patrols.noRecords")} />;
  return (
    <ItemList
      data-testid="site-patrols"
      size="small"
      dataSource={items}
      renderItem={(p) => (
        <ListRow key={p.id}>
          <Space orientation="vertical" size={2} style={{ width: "100%" }}>
            <Space wrap>
              <Typography.Text strong>{formatDateTime(p.receivedAt, lang)}</Typography.Text>
              <Typography.Text type="secondary">
                {t("patrols.by")}：{p.user.displayName}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t("patrols.distance")}：{p.distanceM === null ? "—" : `${p.distanceM} m`}
                {p.location?.accuracy != null && `（±${Math.round(p.location.accuracy)} m）`}
              </Typography.Text>
              {p.flags.map((f) => (
                <Tag key={f.code} color="orange">
                  {f.label}
                </Tag>
              ))}
            </Space>
            {p.note && <Typography.Text>{p.note}</Typography.Text>}
            {p.evidenceIds.length > 0 && <PhotoLinks ids={p.evidenceIds} label={t("tasks.photo")} />}
            {p.clientAt !== p.receivedAt && p.flags.some((f) => f.code === "clock_skew") && (
              <Typography.Text type="secondary">
                {t("patrols.phoneAt")}：{formatDateTime(p.clientAt, lang)}
              </Typography.Text>
            )}
          </Space>
        </ListRow>
      )}
    />
  );
}
