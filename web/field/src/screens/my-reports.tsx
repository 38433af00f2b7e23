import { useEffect, useState } from "react";
import { caseStageLabel } from "../../../../domain/case/case-types";
import { apiJson } from "../api/http";
import { Card, Empty, formatTime } from "../components/ui";
import { pick, t } from "../i18n/i18n";
import { caseOf, useOutbox } from "../outbox/outbox";
import { kvGet, kvSet } from "../store/db";
import { useWorkSet } from "../work-set/work-set";

const stageName = (stage: string) => pick(caseStageLabel[stage as keyof typeof caseStageLabel], stage);

interface Stage {
  caseId: string;
  number: string;
  stageLabel: string;
  createdAt: string;
  description?: string;
}

/**
 * My reports and what became of them: the work set's `reports` when the server has GET /field/work-set,
 * else each report this phone sent, its stage read from GET /cases/:id (kept for offline).
 */
export function MyReports() {
  const workSet = useWorkSet();
  const outbox = useOutbox();
  const [stages, setStages] = useState<Record<string, Stage>>({});
  const sentReports = outbox.filter((i) => i.kind === "report" && i.status === "sent" && caseOf(i));
  useEffect(() => {
    void kvGet<Record<string, Stage>>("reportStages").then((s) => s && setStages(s));
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh when the number of sent reports changes
  useEffect(() => {
    if (!navigator.onLine || workSet?.source === "work-set") return;
    void (async () => {
      const next: Record<string, Stage> = {};
      for (const i of sentReports.slice(-30)) {
        const id = String(caseOf(i)?.id);
        try {
          const { case: c } = await apiJson<{
            case: {
              id: string;
              number: string;
              stage: string;
              stageLabel?: string;
              reportedAt: string;
              description: string;
            };
          }>(`/cases/${id}`);
          next[id] = {
            caseId: c.id,
            number: c.number,
            stageLabel: stageName(c.stage),
            createdAt: c.reportedAt,
            description: c.description,
          };
        } catch {
          // keep what we had
        }
      }
      if (Object.keys(next).length) {
        setStages((s) => ({ ...s, ...next }));
        await kvSet("reportStages", { ...stages, ...next });
      }
    })();
  }, [sentReports.length, workSet?.source]);
  const rows: Stage[] =
    workSet?.source === "work-set"
      ? // the stage's name in the current language (the phone's copy may have been fetched in the other)
        workSet.reports.map((r) => ({ ...r, stageLabel: stageName(r.stage) }))
      : sentReports.map((i) => {
          const ref = caseOf(i);
          const id = String(ref?.id);
          return (
            stages[id] ?? {
              caseId: id,
              number: ref?.number ?? "",
              stageLabel: t("reports.reported"),
              createdAt: i.createdAt,
              description: String(i.body.description ?? ""),
            }
          );
        });
  const waiting = outbox.filter((i) => i.kind === "report" && i.status !== "sent").length;
  return (
    <div className="screen">
      {waiting ? <div className="row-sub">{t("reports.waiting", { n: waiting })}</div> : null}
      {rows.length ? (
        rows.map((r) => (
          <Card key={r.caseId} testId="my-report">
            <div className="row-title">
              <span className="badge badge-sent">{r.stageLabel}</span> {r.number}
            </div>
            {r.description ? <div className="row-sub">{r.description}</div> : null}
            <div className="row-sub">{t("reports.reportedAt", { time: formatTime(r.createdAt) })}</div>
          </Card>
        ))
      ) : (
        <Empty>{t("reports.none")}</Empty>
      )}
    </div>
  );
}
