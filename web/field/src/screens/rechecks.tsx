import { useEffect } from "react";
import { Card, Empty, formatTime } from "../components/ui";
import { t } from "../i18n/i18n";
import { isUnsent, useOutbox } from "../outbox/outbox";
import { navigate } from "../router";
import { prefetchRecheck, useCategoryLabel, useRecheckTasks } from "./recheck-data";

/** Open re-check tasks of my grids (治理复查): tap one to see the handler's feedback and re-check on site. */
export function Rechecks() {
  const { tasks, loading } = useRecheckTasks();
  const outbox = useOutbox();
  const categoryLabel = useCategoryLabel();
  // online: keep each task's case and the handler's photos on the phone for the day offline
  useEffect(() => {
    if (navigator.onLine) for (const task of tasks) void prefetchRecheck(task.caseId);
  }, [tasks]);
  const queued = new Set(
    outbox.filter((i) => i.kind === "recheck" && isUnsent(i)).map((i) => i.url.split("/")[2] ?? ""),
  );
  if (loading) return null;
  if (tasks.length === 0) return <Empty>{t("rechecks.none")}</Empty>;
  return (
    <div className="screen" data-testid="recheck-list">
      {tasks.map((task) => (
        <Card
          key={task.caseId}
          onClick={() => navigate(`/rechecks/${encodeURIComponent(task.caseId)}`)}
          testId="recheck-task"
        >
          <div className="row-title">
            {task.siteName ?? t("common.noSite")}
            {queued.has(task.caseId) ? (
              <span className="badge badge-waiting">{t("rechecks.queued")}</span>
            ) : null}
          </div>
          <div className="row-sub">
            {task.number} · {categoryLabel(task.category)}
          </div>
          <div className="row-sub">{task.description}</div>
          {task.dueAt ? (
            <div className="row-sub">{t("rechecks.due", { time: formatTime(task.dueAt) })}</div>
          ) : null}
        </Card>
      ))}
    </div>
  );
}
