import { Button, Space } from "antd";
import type { GeoPoint } from "../../../../domain/case/case-types";
import { useI18n } from "../../i18n/i18n-context";
import { CoordinateInputs, HereButton } from "../../map/coordinate-inputs";

interface LocationInputProps {
  value?: GeoPoint;
  onChange?: (value: GeoPoint | undefined) => void;
}

/** Longitude and latitude (WGS84) typed in, or taken from the device's position. */
export function LocationInput({ value, onChange }: LocationInputProps) {
  const { t } = useI18n();
  const set = (patch: Partial<GeoPoint>) => {
    const next = { lng: value?.lng, lat: value?.lat, ...patch };
    onChange?.(next.lng == null && next.lat == null ? undefined : (next as GeoPoint));
  };
  return (
    <Space wrap>
      <CoordinateInputs testIdPrefix="location" lng={value?.lng} lat={value?.lat} onChange={set} />
      <HereButton onFix={({ lng, lat }) => onChange?.({ lng, lat })} />
      {value && <Button onClick={() => onChange?.(undefined)}>{t("location.clear")}</Button>}
    </Space>
  );
}
