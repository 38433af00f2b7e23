import type { TaskKind } from "../../../../domain/tasks/task-kinds";
import { Card, Empty, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { pick, t } from "../i18n/i18n";
import { navigate } from "../router";

/** The kinds the worker can record (宣传, 协助检查, the county's own), cached for offline use. */
export const useTaskKinds = () => useCachedList<TaskKind[]>("task-kinds", "/task-kinds");

/** 宣传与任务: pick what was done; the form follows the kind (R14, R16, R17). Training check-in below. */
export function Tasks() {
  const kinds = useTaskKinds();
  return (
    <div className="screen">
      {kinds.status === "missing" ? <Notice kind="warn">{t("tasks.download")}</Notice> : null}
      {kinds.data?.length === 0 ? <Empty>{t("tasks.none")}</Empty> : null}
      {(kinds.data ?? []).map((k) => (
        <Card key={k.code} onClick={() => navigate(`/tasks/${k.code}`)} testId={`task-kind-${k.code}`}>
          <div className="task-kind-title">{pick(k)} ›</div>
          <div className="task-kind-sub">
            {k.fields.map((f) => pick(f.label)).join(t("common.listSep"))}
            {k.minPhotos ? t("tasks.minPhotos", { n: k.minPhotos }) : ""}
          </div>
        </Card>
      ))}
      <Card onClick={() => navigate("/trainings")} testId="task-trainings">
        <div className="task-kind-title">{t("tasks.training")}</div>
        <div className="task-kind-sub">{t("tasks.trainingSub")}</div>
      </Card>
    </div>
  );
}
