import { Button, Image, Popconfirm, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { deliveryFlagLabel, deliveryStatusLabel } from "../../../../domain/schemas/delivery-schemas";
import { fieldFlagLabel } from "../../../../domain/schemas/field-schemas";
import { type DeliveryTarget, deliveryFileUrl } from "../../api/deliveries";
import { formatDateTime } from "../../format/date-time";
import type { useI18n } from "../../i18n/i18n-context";

const flagLabels: Record<string, { zh: string; en: string }> = { ...fieldFlagLabel, ...deliveryFlagLabel };
const statusColor = { pending: "default", delivered: "success", refused: "error" } as const;

/** The per-site columns of a delivery: status, who, when, where, why refused, photo or signature. */
export function targetColumns(opts: {
  i18n: ReturnType<typeof useI18n>;
  deliveryId: string;
  canManage: boolean;
  onRemove: (t: DeliveryTarget) => void;
}): ColumnsType<DeliveryTarget> {
  const { t, pick, lang } = opts.i18n;
  return [
    {
      title: t("delivery.site"),
      dataIndex: "siteName",
      fixed: "left",
      width: 180,
      render: (name: string, row) => (
        <Space orientation="vertical" size={0}>
          <span>{name}</span>
          {row.address && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.address}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t("delivery.status"),
      dataIndex: "status",
      width: 90,
      render: (s: DeliveryTarget["status"], row) =>
        row.removed ? (
          <Tag>{t("delivery.removed")}</Tag>
        ) : (
          <Tag color={statusColor[s]} data-testid={`status-${s}`}>
            {pick(deliveryStatusLabel[s])}
          </Tag>
        ),
    },
    {
      title: t("delivery.recorder"),
      key: "recorder",
      width: 100,
      render: (_, row) => row.record?.recordedBy.displayName ?? "—",
    },
    {
      title: t("delivery.at"),
      key: "at",
      width: 140,
      render: (_, row) => (row.record ? formatDateTime(row.record.at, lang) : "—"),
    },
    {
      title: t("delivery.where"),
      key: "where",
      width: 170,
      render: (_, row) => {
        const loc = row.record?.location;
        if (!loc) return "—";
        return (
          <Space orientation="vertical" size={0}>
            <span>
              {loc.lng.toFixed(5)}, {loc.lat.toFixed(5)}
            </span>
            {row.record?.distanceM != null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("delivery.distance", { m: row.record.distanceM })}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t("delivery.reason"),
      key: "reason",
      width: 180,
      render: (_, row) => (row.record?.outcome === "refused" ? row.record.reason : "—"),
    },
    {
      title: t("delivery.proof"),
      key: "proof",
      width: 150,
      render: (_, row) =>
        row.record?.evidenceIds.length ? (
          <Image.PreviewGroup>
            <Space size={4} wrap>
              {row.record.evidenceIds.map((id) => (
                <Image
                  key={id}
                  width={44}
                  height={44}
                  style={{ objectFit: "cover", background: "#fff", border: "1px solid #f0f0f0" }}
                  src={deliveryFileUrl(opts.deliveryId, id)}
                  alt={t("delivery.proof")}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        ) : (
          "—"
        ),
    },
    {
      title: t("delivery.flags"),
      key: "flags",
      width: 150,
      render: (_, row) =>
        row.record?.flags.length ? (
          <Space size={2} wrap>
            {row.record.flags.map((f) => (
              <Tag key={f} color="warning">
                {pick(flagLabels[f], f)}
              </Tag>
            ))}
          </Space>
        ) : (
          "—"
        ),
    },
    ...(opts.canManage
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            width: 80,
            render: (_: unknown, row: DeliveryTarget) =>
              row.status === "pending" && !row.removed ? (
                <Popconfirm title={t("delivery.removeConfirm")} onConfirm={() => opts.onRemove(row)}>
                  <Button size="small" type="link" danger>
                    {t("delivery.remove")}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];
}
