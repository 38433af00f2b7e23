import { useState } from "react";
import type { MyAssessmentResult, ResultFile } from "../../../../domain/assessment/my-result";
import { Card, Empty, formatTime, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { pick, t } from "../i18n/i18n";
import { evidenceBlob } from "../photos/evidence-blob";

const sizeText = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/** Saves a file under its own name from a blob (kept on the phone once opened). */
function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One 佐证材料 file: fetched with the session (a plain link would carry no sign-in), then saved. */
function FileButton({ file }: { file: ResultFile }) {
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  return (
    <div className="row-sub">
      <button
        type="button"
        className="link"
        data-testid="field-result-file"
        disabled={state === "busy"}
        onClick={async () => {
          setState("busy");
          try {
            saveBlob(await evidenceBlob(file.id), file.fileName);
            setState("idle");
          } catch {
            setState("failed");
          }
        }}
      >
        {t("assess.fileLine", { name: file.fileName, size: sizeText(file.size) })}
      </button>
      {state === "failed" && <span className="row-reason">{t("assess.fileFailed")}</span>}
    </div>
  );
}

/**
 * 我的考核 (R23): the signed-in worker's or station's published results (GET /assessment-results/mine),
 * kept on the phone for reading offline: the score and rank, each indicator's points (or unavailable, never
 * 0), each manual item's points, written basis and 佐证材料 files.
 */
export function MyAssessment() {
  const list = useCachedList<{ items: MyAssessmentResult[] }>("myAssessment", "/assessment-results/mine");
  const items = list.data?.items ?? [];
  if (list.status === "loading") return <div className="screen" />;
  return (
    <div className="screen" data-testid="field-my-assessment">
      {list.status === "cached" && (
        <Notice kind="info">{t("assess.cached", { time: formatTime(list.fetchedAt) })}</Notice>
      )}
      {list.status === "missing" && <Empty>{t("assess.offline")}</Empty>}
      {(list.status === "fresh" || list.status === "cached") && items.length === 0 && (
        <Empty>{t("assess.none")}</Empty>
      )}
      {items.map((r) => (
        <Card key={r.id} testId={`field-result-${r.period}`}>
          <div className="row-title">
            {r.period} · {r.schemeName} v{r.version}
          </div>
          <div className="row-title">
            {t("assess.score")} <b data-testid="field-result-score">{r.finalScore}</b>
            <span className="row-sub">{t("assess.rank", { rank: r.rank ?? "—", n: r.subjectCount })}</span>
          </div>
          {r.breakdown.items.map((i) => (
            <div key={i.indicatorId} className="row-sub">
              {t("assess.itemLine", {
                name: pick(i),
                value: i.available ? `${i.points} / ${i.weight}` : t("assess.unavailable"),
              })}{" "}
              · {pick(i.explain)}
            </div>
          ))}
          {r.breakdown.manual.map((m) => (
            <div key={m.id} data-testid={`field-manual-${m.id}`}>
              <div className="row-sub">
                {t("assess.itemLine", { name: m.zh, value: `${m.points ?? "—"} / ${m.maxPoints}` })}
                {m.evidence
                  ? ` · ${t("assess.itemLine", { name: t("assess.basis"), value: m.evidence })}`
                  : ""}
              </div>
              {m.files.map((f) => (
                <FileButton key={f.id} file={f} />
              ))}
            </div>
          ))}
          <div className="row-sub">
            {t("assess.publishedAt", { time: formatTime(r.publishedAt ?? undefined) })}
          </div>
        </Card>
      ))}
    </div>
  );
}
