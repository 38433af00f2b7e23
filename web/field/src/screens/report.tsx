import { useMemo, useState } from "react";
import { caseTypeLabel } from "../../../../domain/case/case-types";
import { PhotoInput } from "../components/photo-input";
import { Button, Field, Notice, SubmitFooter } from "../components/ui";
import { distanceM, formatDistance, inGeometry, type LngLat } from "../geo/geo";
import { useCachedList } from "../hooks/use-cached-list";
import { usePosition } from "../hooks/use-position";
import { pick, t } from "../i18n/i18n";
import { GridMap } from "../map/grid-map";
import { enqueue } from "../outbox/outbox";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { navigate } from "../router";
import { useSession } from "../session/session";
import { isQuotaError, quotaText } from "../store/db";
import { useWorkSet, type WorkSet } from "../work-set/work-set";
import { categoryLabel } from "./labels";
import type { ScreenProps } from "./registry";

/** Severity = the case type of the intake (domain/case/case-types.ts caseTypes). */
const types = ["general_hazard", "major_hazard", "violation", "accident", "other"] as const;
// names: domain's caseTypeLabel ({ zh, en }), as the console shows them

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
  items: { code: string; label: string; zh?: string; en?: string | null; active: boolean }[];
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
    if (!category) return setError(t("report.needCategory"));
    if (description.trim().length < 5) return setError(t("report.needDescription"));
    if (!siteId && !where) return setError(t("report.needWhere"));
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
        label: t("report.itemLabel", { text: description.trim().slice(0, 20) }),
        url: "/cases",
        idField: "idempotencyKey",
        body: siteId ? { ...common, siteId } : byLocation,
        fallbackBody: siteId && location ? byLocation : undefined,
        files: photos,
      });
      navigate("/outbox");
    } catch (err) {
      setError(isQuotaError(err) ? quotaText() : t("common.saveFailed", { error: String(err) }));
    } finally {
      setSaving(false);
    }
  };
  const options = (categories.data?.items ?? []).filter((c) => c.active);
  return (
    <div className="screen form">
      {gridCode ? (
        <Notice kind="info" testId="report-grid">
          {t("report.grid", { grid: presetGrid ? `${presetGrid.name}（${presetGrid.code}）` : gridCode })}
        </Notice>
      ) : null}
      <Field label={t("common.categoryLabel")}>
        <select
          className="input"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          data-testid="report-category"
        >
          <option value="">{options.length ? t("common.choose") : t("report.noCategories")}</option>
          {options.map((c) => (
            <option key={c.code} value={c.code}>
              {categoryLabel(c)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("report.severity")}>
        <div className="chips">
          {types.map((code) => (
            <button
              type="button"
              key={code}
              className={`chip${type === code ? " chip-on" : ""}`}
              onClick={() => setType(code)}
              data-testid={`report-type-${code}`}
            >
              {pick(caseTypeLabel[code])}
            </button>
          ))}
        </div>
      </Field>
      <Field label={t("common.photos")}>
        <PhotoInput value={photos} onChange={setPhotos} testId="report-photos" />
      </Field>
      <Field
        label={t("common.location")}
        hint={
          picked
            ? t("report.picked", { lng: picked.lng.toFixed(5), lat: picked.lat.toFixed(5) })
            : position
              ? t("common.gpsAccuracy", { m: position.accuracy ?? "?" })
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
            {locating ? t("common.locatingShort") : t("common.gps")}
          </Button>
          <Button kind="default" onClick={() => setShowMap(!showMap)} data-testid="report-map">
            {showMap ? t("report.hideMap") : t("report.pickOnMap")}
          </Button>
        </div>
        {showMap && workSet ? (
          <GridMap workSet={workSet} me={position} picked={picked} onPick={setPicked} />
        ) : null}
      </Field>
      <Field label={t("report.site")}>
        <select
          className="input"
          value={siteId}
          onChange={(e) => setSiteId(e.target.value)}
          data-testid="report-site"
        >
          <option value="">{t("report.noSiteOption")}</option>
          {nearby.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.d !== undefined ? `（${formatDistance(s.d)}）` : ""}
              {s.neighbour ? t("report.neighbour") : ""}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("report.description")}>
        <textarea
          className="input"
          rows={4}
          value={description}
          placeholder={t("report.descriptionPlaceholder")}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="report-description"
        />
      </Field>
      <SubmitFooter
        name="report"
        error={error}
        saving={saving}
        label={t("common.submitOffline")}
        onSubmit={() => void submit()}
      />
    </div>
  );
}
