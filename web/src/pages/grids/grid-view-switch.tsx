import { Segmented } from "antd";
import { useNavigate } from "react-router-dom";
import { useI18n } from "../../i18n/i18n-context";

/** 网格地图 | 网格列表: the two views of the grids section. */
export function GridViewSwitch({ current }: { current: "map" | "list" }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Segmented
      data-testid="grid-view-switch"
      value={current}
      onChange={(v) => navigate(v === "map" ? "/grids" : "/grids/list")}
      options={[
        { value: "map", label: t("grids.viewMap") },
        { value: "list", label: t("grids.viewList") },
      ]}
    />
  );
}
