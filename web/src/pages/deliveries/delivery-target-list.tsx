import { Image, Space, Tag, Typography } from "antd";
import { deliveryFlagLabel, deliveryStatusLabel } from "../../../../domain/schemas/delivery-schemas";
import { fieldFlagLabel } from "../../../../domain/schemas/field-schemas";
import { type DeliveryTarget, deliveryFileUrl } from "../../api/deliveries";
import { ItemList, ListRow } from "../../components/item-list";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

const flagLabels: Record<string, { zh: string; en: string }> = { ...fieldFlagLabel, ...deliveryFlagLabel };
const statusColor = { pending: "default", delivered: "success", refused: "error" } as const;

/** A delivery's sites at phone width: one card-like row per site instead of the wide table. */
export function DeliveryTargetList({
  deliveryId,
  targets,
}: {
  deliveryId: string;
  targets: DeliveryTarget[];
}) {
  const { t, pick, lang } = useI18n();
  return (
    <ItemList<DeliveryTarget>
      data-testid="delivery-targets"
      dataSource={targets}
      pagination={targets.length > 50 ? { pageSize: 50, size: "small" } : false}
      renderItem={(row) => {
        const r = row.record;
        return (
          <ListRow key={row.siteId}>
            <Space orientation="vertical" size={2} style={{ width: "100%" }}>
              <Space style={{ justifyContent: "space-between", width: "100%" }}>
                <span>{row.siteName}</span>
                {row.removed ? (
                  <Tag>{t("delivery.removed")}</Tag>
                ) : (
                  <Tag color={statusColor[row.status]} data-testid={`status-${row.status}`}>
                    {pick(deliveryStatusLabel[row.status])}
                  </Tag>
                )}
              </Space>
              {row.address && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.address}
                </Typography.Text>
              )}
              {r && (
                <Typography.Text style={{ fontSize: 13 }}>
                  {r.recordedBy.displayName} · {formatDateTime(r.at, lang)}
                  {r.distanceM != null && ` · ${t("delivery.distance", { m: r.distanceM })}`}
                </Typography.Text>
              )}
              {r?.outcome === "refused" && (
                <Typography.Text type="danger" style={{ fontSize: 13 }}>
                  {t("delivery.reason")}：{r.reason}
                </Typography.Text>
              )}
              {r && (r.evidenceIds.length > 0 || r.flags.length > 0) && (
                <Space size={4} wrap>
                  <Image.PreviewGroup>
                    {r.evidenceIds.map((id) => (
                      <Image
                        key={id}
                        width={48}
                        height={48}
                        style={{ objectFit: "cover", background: "#fff", border: "1px solid #f0f0f0" }}
                        src={deliveryFileUrl(deliveryId, id)}
                        alt={t("delivery.proof")}
                      />
                    ))}
                  </Image.PreviewGroup>
                  {r.flags.map((f) => (
                    <Tag key={f} color="warning">
                      {pick(flagLabels[f], f)}
                    </Tag>
                  ))}
                </Space>
              )}
            </Space>
          </ListRow>
        );
      }}
    />
  );
}
