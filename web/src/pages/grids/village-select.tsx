import { Select } from "antd";
import { useEffect, useState } from "react";
import { cachedRegion } from "../../api/regions";
import type { Region } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";

/** The villages (村/社区) of one township to pick from; value: 12-digit codes. */
export function VillageSelect(props: {
  township: string | undefined;
  value?: string[];
  onChange?: (codes: string[]) => void;
  "data-testid"?: string;
}) {
  const { t } = useI18n();
  const [villages, setVillages] = useState<Region[]>([]);
  useEffect(() => {
    let alive = true;
    if (!props.township || props.township.length < 9) {
      setVillages([]);
      return;
    }
    cachedRegion(props.township.slice(0, 9))
      .then((d) => alive && setVillages(d.children))
      .catch(() => alive && setVillages([]));
    return () => {
      alive = false;
    };
  }, [props.township]);
  return (
    <Select
      mode="multiple"
      allowClear
      data-testid={props["data-testid"]}
      value={props.value ?? []}
      onChange={(codes: string[]) => props.onChange?.(codes)}
      placeholder={props.township ? t("grids.villagesPick") : t("grids.villagesNeedTownship")}
      disabled={!props.township}
      showSearch={{ optionFilterProp: "label" }}
      options={villages.map((v) => ({ value: v.code, label: v.name }))}
      maxTagCount="responsive"
    />
  );
}
