import { Tag } from "antd";
import type { GridRole } from "../api/types";
import { useI18n } from "../i18n/i18n-context";

/** 牵头 / 配合 / — for a department's grid role. */
export function GridRoleTag({ role }: { role: GridRole }) {
  const { t } = useI18n();
  if (role === "lead") return <Tag color="gold">{t("gridRole.lead")}</Tag>;
  if (role === "cooperating") return <Tag color="blue">{t("gridRole.cooperating")}</Tag>;
  return <span>—</span>;
}
