import { useState } from "react";
import type { TaskField } from "../../../../domain/tasks/task-form";
import { taskValuesSchema } from "../../../../domain/tasks/task-form";
import { PhotoInput } from "../components/photo-input";
import { Button, Empty, Field, SubmitFooter } from "../components/ui";
import { usePosition } from "../hooks/use-position";
import { pick, t } from "../i18n/i18n";
import { enqueue } from "../outbox/outbox";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { navigate } from "../router";
import { isQuotaError, quotaText } from "../store/db";
import { useWorkSet } from "../work-set/work-set";
import type { ScreenProps } from "./registry";
import { useTaskKinds } from "./tasks";

type Raw = Record<string, string | boolean>;

/** The form's inputs as the values the schema checks (numbers as numbers; empty optional fields left out). */
function valuesOf(fields: TaskField[], raw: Raw): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = raw[f.key];
    if (f.type === "boolean") {
      if (v !== undefined) out[f.key] = v === true;
    } else if (typeof v === "string" && v.trim() !== "") out[f.key] = f.type === "number" ? Number(v) : v;
  }
  return out;
}

function Input({
  field,
  value,
  onChange,
}: {
  field: TaskField;
  value: string | boolean | undefined;
  onChange: (v: string | boolean) => void;
}) {
  const testId = `task-field-${field.key}`;
  if (field.type === "boolean")
    return (
      <div className="chips">
        {[
          [true, t("task.yes")],
          [false, t("task.no")],
        ].map(([v, label]) => (
          <button
            type="button"
            key={String(v)}
            className={`chip${value === v ? " chip-on" : ""}`}
            onClick={() => onChange(v as boolean)}
            data-testid={`${testId}-${v ? "yes" : "no"}`}
          >
            {label as string}
          </button>
        ))}
      </div>
    );
  if (field.type === "select")
    return (
      <select
        className="input"
        value={String(value ?? "")}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        <option value="">{t("common.choose")}</option>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  return (
    <input
      className="input"
      type={field.type === "number" ? "number" : field.type === "date" ? "date" : "text"}
      inputMode={field.type === "number" ? "numeric" : undefined}
      value={String(value ?? "")}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    />
  );
}

/**
 * One task record from its kind's form: the values are checked on the phone with the same zod schema the
 * server uses (domain/tasks/task-form.ts), then queued in the outbox with the form's version, the photos and
 * the position, and sent when there is network.
 */
export function TaskForm({ params }: ScreenProps) {
  const kinds = useTaskKinds();
  const workSet = useWorkSet();
  const kind = kinds.data?.find((k) => k.code === params.code);
  const { position, error: gpsError, busy, locate } = usePosition();
  const [raw, setRaw] = useState<Raw>({});
  const [siteId, setSiteId] = useState("");
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  if (!kind) return <Empty>{kinds.status === "loading" ? t("common.loading") : t("task.missingKind")}</Empty>;

  const submit = async () => {
    const values = valuesOf(kind.fields, raw);
    const parsed = taskValuesSchema(kind.fields).safeParse(values);
    if (!parsed.success) {
      const byKey: Record<string, string> = {};
      for (const i of parsed.error.issues) byKey[String(i.path[0] ?? "")] ??= i.message;
      setErrors(byKey);
      return setError(parsed.error.issues[0]?.message);
    }
    setErrors({});
    if (photos.length < kind.minPhotos) return setError(t("task.minPhotos", { n: kind.minPhotos }));
    setError(undefined);
    setSaving(true);
    try {
      await enqueue({
        kind: "task-record",
        label: `${pick(kind)}：${Object.values(parsed.data).slice(0, 2).join(" ")}`.slice(0, 40),
        url: "/task-records",
        body: {
          kindCode: kind.code,
          kindVersion: kind.version,
          ...(siteId ? { siteId } : {}),
          at: new Date().toISOString(),
          ...(position
            ? { location: { lng: position.lng, lat: position.lat, accuracy: position.accuracy } }
            : {}),
          values: parsed.data,
        },
        files: photos,
      });
      navigate("/outbox");
    } catch (err) {
      setError(isQuotaError(err) ? quotaText() : t("common.saveFailed", { error: String(err) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="screen form" data-testid="task-form">
      <div className="hello">{pick(kind)}</div>
      {kind.fields.map((f) => (
        <Field key={f.key} label={`${pick(f.label)}${f.required ? " *" : ""}`} hint={errors[f.key]}>
          <Input field={f} value={raw[f.key]} onChange={(v) => setRaw({ ...raw, [f.key]: v })} />
        </Field>
      ))}
      <Field label={t("task.site")}>
        <select
          className="input"
          value={siteId}
          onChange={(e) => setSiteId(e.target.value)}
          data-testid="task-site"
        >
          <option value="">{t("task.noSite")}</option>
          {(workSet?.sites ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={`${t("common.photos")}${kind.minPhotos ? t("task.photosMin", { n: kind.minPhotos }) : ""}`}
      >
        <PhotoInput value={photos} onChange={setPhotos} testId="task-photos" />
      </Field>
      <Field
        label={t("common.location")}
        hint={position ? t("common.gpsAccuracy", { m: position.accuracy ?? "?" }) : gpsError}
      >
        <Button kind="default" onClick={() => void locate()} disabled={busy} data-testid="task-locate">
          {busy ? t("common.locatingShort") : t("common.gps")}
        </Button>
      </Field>
      <SubmitFooter
        name="task"
        error={error}
        saving={saving}
        label={t("common.submitOffline")}
        onSubmit={() => void submit()}
      />
    </div>
  );
}
