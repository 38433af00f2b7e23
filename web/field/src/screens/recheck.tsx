import { useState } from "react";
import { clockOffset } from "../api/http";
import { PhotoInput } from "../components/photo-input";
import { Button, Card, Empty, Field, formatTime, Notice } from "../components/ui";
import { distanceM, formatDistance } from "../geo/geo";
import { usePosition } from "../hooks/use-position";
import { enqueue } from "../outbox/outbox";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { navigate } from "../router";
import { isQuotaError, quotaMessage } from "../store/db";
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
      {url ? <img src={url} alt={name ?? "整改照片"} /> : <span className="thumb-missing">联网后显示</span>}
    </div>
  );
}

function Feedback({ kase }: { kase: RecheckCase | undefined }) {
  const fb = lastFeedback(kase);
  if (!fb) return <Notice kind="info">联网后可查看整改反馈和照片。</Notice>;
  return (
    <Card testId="recheck-feedback">
      <div className="row-title">整改反馈</div>
      <div className="row-sub">
        {fb.actorName ?? ""} · {formatTime(fb.at)}
      </div>
      <div className="row-sub">{fb.comment || "（无说明）"}</div>
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
  if (!task && !kase)
    return <Empty>{offline ? "这个复查任务不在手机上，请联网后再打开。" : "正在读取…"}</Empty>;
  if (kase && kase.case.stage !== "awaiting_recheck")
    return <Empty>这个案件已不在待复查阶段（可能已由他人复查）。</Empty>;
  const site = task?.location ?? kase?.case.location ?? null;
  const distance = position && site ? distanceM(position, site) : undefined;
  const submit = async () => {
    if (passed === undefined) return setError("请选择复查结果：通过或不通过");
    if (!passed && note.trim().length < 5) return setError("不通过须说明原因（至少 5 个字）");
    if (photos.length === 0) return setError("请在现场拍摄至少一张复查照片");
    const earlier = earlierHashes(kase);
    const reused = photos.find((p) => earlier.has(p.sha256));
    if (reused) return setError(`有一张照片与本案${earlier.get(reused.sha256)}完全相同，请在现场重新拍摄`);
    const where = position ?? (await locate());
    if (!where) return setError("复查须记录位置：请允许定位后重试（在室内可走到门口再定位）");
    setSaving(true);
    setError(undefined);
    try {
      await enqueue({
        kind: "recheck",
        label: `复查${passed ? "通过" : "不通过"}：${number ?? ""}`,
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
      setError(isQuotaError(err) ? quotaMessage : `未能保存：${String(err)}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="screen form" data-testid="recheck-page">
      <Card>
        <div className="row-title">{task?.siteName ?? kase?.case.siteName ?? "（按位置上报）"}</div>
        <div className="row-sub">
          {number} · {task ? categoryLabel(task.category) : kase?.case.categoryLabel}
        </div>
        <div className="row-sub">{task?.description ?? kase?.case.description}</div>
      </Card>
      <Feedback kase={kase} />
      <Field label="复查结果">
        <div className="chips">
          <button
            type="button"
            className={`chip${passed === true ? " chip-on" : ""}`}
            onClick={() => setPassed(true)}
            data-testid="recheck-pass"
          >
            通过
          </button>
          <button
            type="button"
            className={`chip${passed === false ? " chip-on" : ""}`}
            onClick={() => setPassed(false)}
            data-testid="recheck-fail"
          >
            不通过
          </button>
        </div>
      </Field>
      <Field label="现场复查照片（须现场新拍）">
        <PhotoInput value={photos} onChange={setPhotos} testId="recheck-photos" />
      </Field>
      <Field
        label="复查位置（必填）"
        hint={
          position
            ? `已定位，精度约 ${position.accuracy ?? "?"} 米${distance !== undefined ? `，距场所 ${formatDistance(distance)}` : ""}`
            : gpsError
        }
      >
        <Button kind="default" onClick={() => void locate()} disabled={locating} data-testid="recheck-locate">
          {locating ? "定位中…" : position ? "重新定位" : "GPS 定位"}
        </Button>
        {distance !== undefined && distance > 300 ? (
          <Notice kind="warn">距场所超过 300 米，复查将被标记“距场所过远”。</Notice>
        ) : null}
      </Field>
      <Field label={passed === false ? "不通过原因" : "复查说明"}>
        <textarea
          className="input"
          rows={3}
          value={note}
          placeholder={passed === false ? "哪些问题仍未整改？（至少 5 个字）" : "可选：现场核实情况"}
          onChange={(e) => setNote(e.target.value)}
          data-testid="recheck-note"
        />
      </Field>
      {error ? (
        <Notice kind="error" testId="recheck-error">
          {error}
        </Notice>
      ) : null}
      <Button block onClick={() => void submit()} disabled={saving || locating} data-testid="recheck-submit">
        {saving ? "正在保存…" : "提交复查（无网络时先存在手机上）"}
      </Button>
    </div>
  );
}
