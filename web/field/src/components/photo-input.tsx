import { useEffect, useRef, useState } from "react";
import { t } from "../i18n/i18n";
import { type PreparedPhoto, preparePhoto } from "../photos/prepare-photo";

function Thumb({ photo, onRemove }: { photo: PreparedPhoto; onRemove: () => void }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const u = URL.createObjectURL(photo.blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [photo.blob]);
  return (
    <div className="thumb">
      {url ? <img src={url} alt={photo.name} /> : null}
      <button type="button" className="thumb-x" onClick={onRemove} aria-label={t("photo.remove")}>
        ×
      </button>
    </div>
  );
}

/**
 * Take or pick photos: each is compressed on the phone (long side ≤ 1600 px), its EXIF GPS/time read
 * and then dropped, hashed. `value`/`onChange` hold the prepared photos; pass them to enqueue({ files }).
 */
export function PhotoInput({
  value,
  onChange,
  max = 9,
  testId = "photo-input",
}: {
  value: PreparedPhoto[];
  onChange: (photos: PreparedPhoto[]) => void;
  max?: number;
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(undefined);
    const out = [...value];
    for (const file of Array.from(files).slice(0, max - value.length)) {
      try {
        const photo = await preparePhoto(file);
        if (!out.some((p) => p.sha256 === photo.sha256)) out.push(photo);
      } catch (err) {
        setError(err instanceof Error ? err.message : t("photo.failed"));
      }
    }
    onChange(out);
    setBusy(false);
    if (input.current) input.current.value = "";
  };
  return (
    <div className="photos" data-testid={testId}>
      <div className="thumbs">
        {value.map((p, i) => (
          <Thumb key={p.sha256} photo={p} onRemove={() => onChange(value.filter((_, j) => j !== i))} />
        ))}
        {value.length < max ? (
          <label className="thumb thumb-add">
            <span>{busy ? t("photo.busy") : t("photo.take")}</span>
            <input
              ref={input}
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              data-testid={`${testId}-file`}
              onChange={(e) => void pick(e.target.files)}
            />
          </label>
        ) : null}
      </div>
      {error ? <div className="field-error">{error}</div> : null}
      <div className="field-hint">{t("photo.cameraHint")}</div>
    </div>
  );
}
