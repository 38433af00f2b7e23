import { AimOutlined } from "@ant-design/icons";
import { App as AntApp, Button, InputNumber } from "antd";
import { useState } from "react";
import { useI18n } from "../i18n/i18n-context";

const round6 = (n: number) => Number(n.toFixed(6));

/** Longitude and latitude typed in (6 decimals); test ids `<testIdPrefix>-lng` and `<testIdPrefix>-lat`. */
export function CoordinateInputs(props: {
  testIdPrefix: string;
  lng?: number;
  lat?: number;
  onChange: (patch: { lng?: number } | { lat?: number }) => void;
  width?: number;
}) {
  const { t } = useI18n();
  const field = (which: "lng" | "lat", limit: number) => (
    <InputNumber<number>
      data-testid={`${props.testIdPrefix}-${which}`}
      style={{ width: props.width ?? 150 }}
      placeholder={t(`location.${which}`)}
      min={-limit}
      max={limit}
      step={0.0001}
      precision={6}
      value={props[which] ?? null}
      onChange={(n) => props.onChange({ [which]: n ?? undefined })}
    />
  );
  return (
    <>
      {field("lng", 180)}
      {field("lat", 90)}
    </>
  );
}

/** The "my position" button: asks the device once (high accuracy, 10 s) and hands over WGS84 and accuracy. */
export function HereButton(props: { onFix: (p: { lng: number; lat: number; accuracy: number }) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [locating, setLocating] = useState(false);
  const here = () => {
    if (!navigator.geolocation) {
      message.warning(t("location.failed"));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        props.onFix({
          lng: round6(pos.coords.longitude),
          lat: round6(pos.coords.latitude),
          accuracy: Math.round(pos.coords.accuracy),
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
    <Button icon={<AimOutlined />} loading={locating} onClick={here}>
      {t("location.here")}
    </Button>
  );
}
