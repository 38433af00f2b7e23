import { Button, Space } from "antd";
import type { GeoPoint } from "../../../../domain/case/case-types";
import { useI18n } from "../../i18n/i18n-context";
import { HereButton, SystemCoordinates } from "../../map/coordinate-inputs";

interface LocationInputProps {
  value?: GeoPoint;
  onChange?: (value: GeoPoint | undefined) => void;
}

/**
 * Longitude and latitude typed in WGS84, GCJ-02 or BD-09 with the system named (kept as WGS84), or taken
 * from the device's position.
 */
export function LocationInput({ value, onChange }: LocationInputProps) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <SystemCoordinates
        testIdPrefix="location"
        value={value?.lng != null && value.lat != null ? { lng: value.lng, lat: value.lat } : null}
        onChange={(p) => onChange?.(p ?? undefined)}
      />
      <HereButton onFix={({ lng, lat }) => onChange?.({ lng, lat })} />
      {value && <Button onClick={() => onChange?.(undefined)}>{t("location.clear")}</Button>}
    </Space>
  );
}
