import { AimOutlined } from "@ant-design/icons";
import { App as AntApp, Button, InputNumber, Space } from "antd";
import { useState } from "react";
import type { GeoPoint } from "../../../../domain/case/case-types";
import { useI18n } from "../../i18n/i18n-context";

interface LocationInputProps {
  value?: GeoPoint;
  onChange?: (value: GeoPoint | undefined) => void;
}

/** Longitude and latitude (WGS84) typed in, or taken from the device's position. */
export function LocationInput({ value, onChange }: LocationInputProps) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [locating, setLocating] = useState(false);
  const set = (patch: Partial<GeoPoint>) => {
    const next = { lng: value?.lng, lat: value?.lat, ...patch };
    onChange?.(next.lng == null && next.lat == null ? undefined : (next as GeoPoint));
  };

  const here = () => {
    if (!navigator.geolocation) {
      message.warning(t("location.failed"));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onChange?.({
          lng: Number(pos.coords.longitude.toFixed(6)),
          lat: Number(pos.coords.latitude.toFixed(6)),
        });
      },
      () => {
        setLocating(false);
        message.warning(t("location.failed"));
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  return (
    <Space wrap>
      <InputNumber<number>
        data-testid="location-lng"
        style={{ width: 150 }}
        placeholder={t("location.lng")}
        min={-180}
        max={180}
        step={0.0001}
        precision={6}
        value={value?.lng ?? null}
        onChange={(lng) => set({ lng: lng ?? undefined })}
      />
      <InputNumber<number>
        data-testid="location-lat"
        style={{ width: 150 }}
        placeholder={t("location.lat")}
        min={-90}
        max={90}
        step={0.0001}
        precision={6}
        value={value?.lat ?? null}
        onChange={(lat) => set({ lat: lat ?? undefined })}
      />
      <Button icon={<AimOutlined />} loading={locating} onClick={here}>
        {t("location.here")}
      </Button>
      {value && <Button onClick={() => onChange?.(undefined)}>{t("location.clear")}</Button>}
    </Space>
  );
}
