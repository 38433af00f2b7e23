import { Tag } from "antd";
import { useI18n } from "../../i18n/i18n-context";

const colour = { over: "red", under: "blue", balanced: "green" } as const;

/** 超负荷 / 适中 / 富余 with the workload-to-capacity ratio ("无网格员" when there are no workers). */
export function StaffingTag({
  status,
  ratio,
}: {
  status: "over" | "under" | "balanced";
  ratio: number | null;
}) {
  const { t } = useI18n();
  return (
    <Tag color={colour[status]}>
      {t(`staffing.status.${status}`)}
      {ratio === null ? ` · ${t("staffing.noWorkers")}` : ` · ${ratio.toFixed(2)}`}
    </Tag>
  );
}
