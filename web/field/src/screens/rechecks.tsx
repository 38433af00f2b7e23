import { useEffect } from "react";
import { Card, Empty, formatTime } from "../components/ui";
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
    if (navigator.onLine) for (const t of tasks) void prefetchRecheck(t.caseId);
  }, [tasks]);
  const queued = new Set(
    outbox.filter((i) => i.kind === "recheck" && isUnsent(i)).map((i) => i.url.split("/")[2] ?? ""),
  );
  if (loading) return null;
  if (tasks.length === 0) return <Empty>暂无待复查的案件。</Empty>;
  return (
    <div className="screen" data-testid="recheck-list">
      {tasks.map((t) => (
        <Card
          key={t.caseId}
          onClick={() => navigate(`/rechecks/${encodeURIComponent(t.caseId)}`)}
          testId="recheck-task"
        >
          <div className="row-title">
            {t.siteName ?? "（按位置上报）"}
            {queued.has(t.caseId) ? <span className="badge badge-waiting">已复查，待发送</span> : null}
          </div>
          <div className="row-sub">
            {t.number} · {categoryLabel(t.category)}
          </div>
          <div className="row-sub">{t.description}</div>
          {t.dueAt ? <div className="row-sub">复查期限 {formatTime(t.dueAt)}</div> : null}
        </Card>
      ))}
    </div>
  );
}
