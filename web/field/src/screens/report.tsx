import { useMemo, useState } from "react";
import { PhotoInput } from "../components/photo-input";
import { Button, Field, Notice } from "../components/ui";
import { distanceM, formatDistance, inGeometry, type LngLat } from "../geo/geo";
import { useCachedList } from "../hooks/use-cached-list";
import { usePosition } from "../hooks/use-position";
import { GridMap } from "../map/grid-map";
import { enqueue } from "../outbox/outbox";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { navigate } from "../router";
import { useSession } from "../session/session";
import { isQuotaError, quotaMessage } from "../store/db";
import { useWorkSet, type WorkSet } from "../work-set/work-set";
import type { ScreenProps } from "./registry";

/** Severity = the case type of the intake (domain/case/case-types.ts caseTypes). */
const types = [
  ["general_hazard", "一般隐患"],
  ["major_hazard", "重大隐患"],
  ["violation", "非法违法行为"],
  ["accident", "事故"],
  ["other", "其他"],
] as const;

/**
 * Without a site: the village of the grid the point lies in (grid codes start with it), else the grid the
 * page was opened for (a duty card's QR code: `/m/report?grid=<code>`), else my own area.
 */
export function regionOf(
  where: LngLat | undefined,
  workSet: WorkSet | undefined,
  scope: string[],
  presetGrid?: string | null,
): string {
  const grid = where ? workSet?.grids.find((g) => inGeometry(where, g.geometry)) : undefined;
  if (grid) return grid.code.slice(0, 12);
  if (presetGrid && /^\d{15}$/.test(presetGrid)) return presetGrid.slice(0, 12);
  return scope[0] ?? "";
}

interface Categories {
  items: { code: string; label: string; active: boolean }[];
}

/**
 * Report a hazard (R13, R25) through the existing case intake (POST /cases, idempotencyKey = outbox item
 * id): category, severity, photos, location (GPS or picked on the offline map), the site (nearby first,
 * across the grid's border too), description. Saved to the outbox at once; sent when online.
 */
export function Report({ query }: ScreenProps) {
  const { session } = useSession();
  const workSet = useWorkSet();
  const categories = useCachedList<Categories>("case-categories", "/case-categories");
  const { position, error: gpsError, busy: locating, locate } = usePosition();
  const [type, setType] = useState<string>("general_hazard");
  const [category, setCategory] = useState("");
  const [siteId, setSiteId] = useState(query.get("siteId") ?? "");
  // Opened from a duty card's QR code: the grid it was printed for (its sites first, its village by default).
  const gridCode = query.get("grid");
  const presetGrid = gridCode ? workSet?.grids.find((g) => g.code === gridCode) : undefined;
  const [picked, setPicked] = useState<LngLat>();
  const [showMap, setShowMap] = useState(false);
  const [description, setDescription] = useState("");
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const where: LngLat | undefined = picked ?? position;
  const nearby = useMemo(() => {
    const sites = [
      ...(workSet?.sites ?? []).map((s) => ({ ...s, neighbour: false })),
      ...(workSet?.nearbySites ?? []).map((s) => ({ ...s, neighbour: true })),
    ];
    return sites
      .map((s) => ({ ...s, d: where && s.location ? distanceM(where, s.location) : undefined }))
      .sort(
        (a, b) =>
          Number(b.gridId === presetGrid?.id) - Number(a.gridId === presetGrid?.id) ||
          (a.d ?? Infinity) - (b.d ?? Infinity) ||
          a.name.localeCompare(b.name, "zh"),
      );
  }, [workSet, where, presetGrid]);
  const submit = async () => {
    if (!category) return setError("请选择行业类别");
    if (description.trim().length < 5) return setError("问题描述至少 5 个字（可用输入法的语音输入）");
    if (!siteId && !where) return setError("请选择场所，或定位 / 在地图上标注位置");
    setSaving(true);
    setError(undefined);
    const location = where ? { lng: where.lng, lat: where.lat } : undefined;
    const common = {
      source: session?.user.role === "committee_member" ? "committee_member" : "grid_worker",
      type,
      category,
      description: description.trim(),
      ...(location ? { location } : {}),
    };
    const byLocation = {
      ...common,
      regionCode: regionOf(where, workSet ?? undefined, session?.user.scope ?? [], gridCode),
    };
    try {
      await enqueue({
        kind: "report",
        label: `上报：${description.trim().slice(0, 20)}`,
        url: "/cases",
        idField: "idempotencyKey",
        body: siteId ? { ...common, siteId } : byLocation,
        fallbackBody: siteId && location ? byLocation : undefined,
        files: photos,
      });
      navigate("/outbox");
    } catch (err) {
      setError(isQuotaError(err) ? quotaMessage : `未能保存：${String(err)}`);
    } finally {
      setSaving(false);
    }
  };
  const options = (categories.data?.items ?? []).filter((c) => c.active);
  return (
    <div className="screen form">
      {gridCode ? (
        <Notice kind="info" testId="report-grid">
          {presetGrid ? `上报网格：${presetGrid.name}（${presetGrid.code}）` : `上报网格：${gridCode}`}
        </Notice>
      ) : null}
      <Field label="行业类别">
        <select
          className="input"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          data-testid="report-category"
        >
          <option value="">{options.length ? "请选择" : "（联网后下载类别）"}</option>
          {options.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="严重程度">
        <div className="chips">
          {types.map(([code, label]) => (
            <button
              type="button"
              key={code}
              className={`chip${type === code ? " chip-on" : ""}`}
              onClick={() => setType(code)}
              data-testid={`report-type-${code}`}
            >
              {label}
            </button>
          ))}
        </div>
      </Field>
      <Field label="现场照片">
        <PhotoInput value={photos} onChange={setPhotos} testId="report-photos" />
      </Field>
      <Field
        label="位置"
        hint={
          picked
            ? `已在地图上选点 ${picked.lng.toFixed(5)}, ${picked.lat.toFixed(5)}`
            : position
              ? `GPS 定位，精度约 ${position.accuracy ?? "?"} 米`
              : gpsError
        }
      >
        <div className="row-buttons">
          <Button
            kind="default"
            onClick={() => void locate().then(() => setPicked(undefined))}
            disabled={locating}
            data-testid="report-locate"
          >
            {locating ? "定位中…" : "GPS 定位"}
          </Button>
          <Button kind="default" onClick={() => setShowMap(!showMap)} data-testid="report-map">
            {showMap ? "收起地图" : "地图选点"}
          </Button>
        </div>
        {showMap && workSet ? (
          <GridMap workSet={workSet} me={position} picked={picked} onPick={setPicked} />
        ) : null}
      </Field>
      <Field label="场所（按距离，含相邻网格）">
        <select
          className="input"
          value={siteId}
          onChange={(e) => setSiteId(e.target.value)}
          data-testid="report-site"
        >
          <option value="">不选场所（按位置上报）</option>
          {nearby.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.d !== undefined ? `（${formatDistance(s.d)}）` : ""}
              {s.neighbour ? " · 相邻网格" : ""}
            </option>
          ))}
        </select>
      </Field>
      <Field label="问题描述">
        <textarea
          className="input"
          rows={4}
          value={description}
          placeholder="发现了什么问题？可用输入法的语音输入"
          onChange={(e) => setDescription(e.target.value)}
          data-testid="report-description"
        />
      </Field>
      {error ? (
        <Notice kind="error" testId="report-error">
          {error}
        </Notice>
      ) : null}
      <Button block onClick={() => void submit()} disabled={saving} data-testid="report-submit">
        {saving ? "正在保存…" : "提交（无网络时先存在手机上）"}
      </Button>
    </div>
  );
}
