import { useState } from "react";
import { clockOffset } from "../api/http";
import { PhotoInput } from "../components/photo-input";
import { Button, Card, Empty, Field, formatTime, Notice, SubmitFooter } from "../components/ui";
import { distanceM, formatDistance } from "../geo/geo";
import { usePosition } from "../hooks/use-position";
import { t } from "../i18n/i18n";
import { enqueue } from "../outbox/outbox";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { navigate } from "../router";
import { isQuotaError, quotaText } from "../store/db";
import {
  earlierHashes,
  lastFeedback,
  type RecheckCase,
  useCategoryLabel,
  useEvidenceUrl,
  useRecheckCase,
  useRecheckTasks,
} from "./recheck-data";
import type { ScreenProps } from "./registry";

function FeedbackPhoto({ id, name }: { id: string; name: string | null }) {
  const url = useEvidenceUrl(id);
  return (
    <div className="thumb" data-testid="recheck-feedback-photo">
      {url ? (
        <img src={url} alt={name ?? t("recheck.photo")} />
      ) : (
        <span className="thumb-missing">{t("recheck.photoOnline")}</span>
      )}
    </div>
  );
}

function Feedback({ kase }: { kase: RecheckCase | undefined }) {
  const fb = lastFeedback(kase);
  if (!fb) return <Notice kind="info">{t("recheck.feedbackOnline")}</Notice>;
  return (
    <Card testId="recheck-feedback">
      <div className="row-title">{t("recheck.feedback")}</div>
      <div className="row-sub">
        {fb.actorName ?? ""} · {formatTime(fb.at)}
      </div>
      <div className="row-sub">{fb.comment || t("recheck.noComment")}</div>
      <div className="thumbs">
        {fb.evidence.map((e) => (
          <FeedbackPhoto key={e.id} id={e.id} name={e.fileName} />
        ))}
      </div>
    </Card>
  );
}

/**
 * 治理复查 on site (issue 9): the handler's feedback and photos, pass or fail with new on-site photos and the
 * phone's location (required; its distance to the site shown). Saved to the outbox, sent to
 * POST /cases/:id/recheck when online (idempotencyKey = the outbox item id). A photo equal to one already
 * on the case is refused here at once, and by the server (422 recheck_photo_reused).
 */
export function RecheckPage({ params }: ScreenProps) {
  const { tasks } = useRecheckTasks();
  const task = tasks.find((t) => t.caseId === params.id);
  const { data: kase, offline } = useRecheckCase(params.id);
  const { position, error: gpsError, busy: locating, locate } = usePosition();
  const categoryLabel = useCategoryLabel();
  const [passed, setPassed] = useState<boolean>();
  const [note, setNote] = useState("");
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const number = task?.number ?? kase?.case.number;
  if (!task && !kase) return <Empty>{offline ? t("recheck.notOnPhone") : t("common.reading")}</Empty>;
  if (kase && kase.case.stage !== "awaiting_recheck") return <Empty>{t("recheck.notAwaiting")}</Empty>;
  const site = task?.location ?? kase?.case.location ?? null;
  const distance = position && site ? distanceM(position, site) : undefined;
  const submit = async () => {
    if (passed === undefined) return setError(t("recheck.needResult"));
    if (!passed && note.trim().length < 5) return setError(t("recheck.needReason"));
    if (photos.length === 0) return setError(t("recheck.needPhoto"));
    const earlier = earlierHashes(kase);
    const reused = photos.find((p) => earlier.has(p.sha256));
    if (reused) return setError(t("recheck.reusedPhoto", { what: earlier.get(reused.sha256) ?? "" }));
    const where = position ?? (await locate());
    if (!where) return setError(t("recheck.needLocation"));
    setSaving(true);
    setError(undefined);
    try {
      await enqueue({
        kind: "recheck",
        label: t(passed ? "recheck.labelPass" : "recheck.labelFail", { number: number ?? "" }),
        url: `/cases/${encodeURIComponent(params.id)}/recheck`,
        idField: "idempotencyKey",
        body: {
          passed,
          note: note.trim(),
          location: { lng: where.lng, lat: where.lat },
          // when it was done, by the server's clock as last seen (a phone clock ahead would be refused)
          recheckedAt: new Date(Date.now() + clockOffset()).toISOString(),
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
    <div className="screen form" data-testid="recheck-page">
      <Card>
        <div className="row-title">{task?.siteName ?? kase?.case.siteName ?? t("common.noSite")}</div>
        <div className="row-sub">
          {number} · {task ? categoryLabel(task.category) : kase?.case.categoryLabel}
        </div>
        <div className="row-sub">{task?.description ?? kase?.case.description}</div>
      </Card>
      <Feedback kase={kase} />
      <Field label={t("recheck.result")}>
        <div className="chips">
          <button
            type="button"
            className={`chip${passed === true ? " chip-on" : ""}`}
            onClick={() => setPassed(true)}
            data-testid="recheck-pass"
          >
            {t("recheck.pass")}
          </button>
          <button
            type="button"
            className={`chip${passed === false ? " chip-on" : ""}`}
            onClick={() => setPassed(false)}
            data-testid="recheck-fail"
          >
            {t("recheck.fail")}
          </button>
        </div>
      </Field>
      <Field label={t("recheck.photos")}>
        <PhotoInput value={photos} onChange={setPhotos} testId="recheck-photos" />
      </Field>
      <Field
        label={t("recheck.location")}
        hint={
          position
            ? t("common.located", { m: position.accuracy ?? "?" }) +
              (distance !== undefined ? t("recheck.toSite", { d: formatDistance(distance) }) : "")
            : gpsError
        }
      >
        <Button kind="default" onClick={() => void locate()} disabled={locating} data-testid="recheck-locate">
          {locating ? t("common.locatingShort") : position ? t("common.relocate") : t("common.gps")}
        </Button>
        {distance !== undefined && distance > 300 ? <Notice kind="warn">{t("recheck.tooFar")}</Notice> : null}
      </Field>
      <Field label={passed === false ? t("recheck.failReason") : t("recheck.note")}>
        <textarea
          className="input"
          rows={3}
          value={note}
          placeholder={passed === false ? t("recheck.failPlaceholder") : t("recheck.notePlaceholder")}
          onChange={(e) => setNote(e.target.value)}
          data-testid="recheck-note"
        />
      </Field>
      <SubmitFooter
        name="recheck"
        error={error}
        saving={saving}
        disabled={locating}
        label={t("recheck.submit")}
        onSubmit={() => void submit()}
      />
    </div>
  );
}
