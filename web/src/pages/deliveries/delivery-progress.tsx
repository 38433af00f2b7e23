import { Progress, Space, Tag } from "antd";
import { deliveryStatusLabel } from "../../../../domain/schemas/delivery-schemas";
import type { DeliveryProgress } from "../../api/deliveries";
import { useI18n } from "../../i18n/i18n-context";

const colors = { delivered: "success", refused: "error", pending: "default" } as const;

/** Delivered / refused / pending of a delivery as a bar and three counts. */
export function DeliveryProgressBar({ progress }: { progress: DeliveryProgress }) {
  const { pick } = useI18n();
  const total = progress.pending + progress.delivered + progress.refused;
  const pct = (n: number) => (total ? Math.round((n / total) * 100) : 0);
  return (
    <Space orientation="vertical" size={2} style={{ width: "100%", minWidth: 180 }}>
      <Progress
        percent={pct(progress.delivered + progress.refused)}
        success={{ percent: pct(progress.delivered) }}
        size="small"
      />
      <Space size={4} wrap>
        {(["delivered", "refused", "pending"] as const).map((s) => (
          <Tag key={s} color={colors[s]} data-testid={`progress-${s}`}>
            {pick(deliveryStatusLabel[s])} {progress[s]}
          </Tag>
        ))}
      </Space>
    </Space>
  );
}
