import { Tag } from "antd";
import type { RunStatus } from "../../api/assessment";
import { useI18n } from "../../i18n/i18n-context";

const color: Record<RunStatus, string> = {
  computed: "gold",
  reviewed: "blue",
  published: "green",
  superseded: "default",
};

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={color[status]} data-testid="run-status">
      {t(`assess.status.${status}`)}
    </Tag>
  );
}
