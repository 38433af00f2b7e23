import { AimOutlined } from "@ant-design/icons";
import { App as AntApp, Button, InputNumber, Select } from "antd";
import { useEffect, useRef, useState } from "react";
import { type Crs, crsList, fromWgs84, toWgs84 } from "../../../domain/geo/coordinates";
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

/**
 * Coordinates typed in WGS84, GCJ-02 or BD-09 with the system named (issue 11); `value`/`onChange` are
 * always WGS84 (what the platform stores). Switching the system does one of two things, by where the
 * numbers came from: numbers the person typed are read again in the newly named system (the point moves —
 * "按所填坐标的来源选择"), while numbers that follow a point set elsewhere (a map click, the pin, a search,
 * the device) are shown again in the new system (the point stays). Test ids `<testIdPrefix>-crs`, `-lng`,
 * `-lat`.
 */
export function SystemCoordinates(props: {
  testIdPrefix: string;
  value?: { lng: number; lat: number } | null;
  onChange: (wgs84: { lng: number; lat: number } | null) => void;
  width?: number;
}) {
  const { t } = useI18n();
  const [crs, setCrs] = useState<Crs>("WGS84");
  const [typed, setTyped] = useState<{ lng?: number; lat?: number }>({});
  // the key of the point this component emitted from typed numbers (null: the point came from elsewhere)
  const emitted = useRef<string | null>(null);
  const v = props.value ?? null;
  const key = v ? `${v.lng},${v.lat}` : "";
  const show = (p: { lng: number; lat: number } | null, system: Crs) => {
    if (!p) return setTyped({});
    const [x, y] = fromWgs84(p.lng, p.lat, system);
    setTyped({ lng: round6(x), lat: round6(y) });
  };
  // the fields follow a point set elsewhere, in the chosen system
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the point changes
  useEffect(() => {
    if (key === emitted.current) return;
    emitted.current = null;
    show(v, crs);
  }, [key]);

  const emit = (next: { lng?: number; lat?: number }, system: Crs) => {
    if (next.lng == null || next.lat == null) {
      if (next.lng == null && next.lat == null && v) {
        emitted.current = "";
        props.onChange(null);
      }
      return;
    }
    const [x, y] = toWgs84(next.lng, next.lat, system);
    const out = { lng: round6(x), lat: round6(y) };
    emitted.current = `${out.lng},${out.lat}`;
    props.onChange(out);
  };
  const type = (patch: { lng?: number } | { lat?: number }) => {
    const next = { ...typed, ...patch };
    setTyped(next);
    emit(next, crs);
  };
  const choose = (system: Crs) => {
    setCrs(system);
    const typedByHand = emitted.current !== null && emitted.current === key && key !== "";
    if (typedByHand) emit(typed, system);
    else show(v, system);
  };
  return (
    <>
      <Select<Crs>
        value={crs}
        style={{ width: 190 }}
        aria-label={t("locate.crs")}
        data-testid={`${props.testIdPrefix}-crs`}
        onChange={choose}
        options={crsList.map((c) => ({ value: c, label: t(`locate.crs.${c}`) }))}
      />
      <CoordinateInputs
        testIdPrefix={props.testIdPrefix}
        width={props.width}
        lng={typed.lng}
        lat={typed.lat}
        onChange={type}
      />
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
