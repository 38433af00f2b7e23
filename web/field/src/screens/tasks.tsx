import type { TaskKind } from "../../../../domain/tasks/task-kinds";
import { Card, Empty, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { navigate } from "../router";

/** The kinds the worker can record (宣传, 协助检查, the county's own), cached for offline use. */
export const useTaskKinds = () => useCachedList<TaskKind[]>("task-kinds", "/task-kinds");

/** 宣传与任务: pick what was done; the form follows the kind (R14, R16, R17). Training check-in below. */
export function Tasks() {
  const kinds = useTaskKinds();
  return (
    <div className="screen">
      {kinds.status === "missing" ? (
        <Notice kind="warn">联网后下载任务类型（下载后离线也能填写）</Notice>
      ) : null}
      {kinds.data?.length === 0 ? <Empty>暂无任务类型</Empty> : null}
      {(kinds.data ?? []).map((k) => (
        <Card key={k.code} onClick={() => navigate(`/tasks/${k.code}`)} testId={`task-kind-${k.code}`}>
          <div className="task-kind-title">{k.zh} ›</div>
          <div className="task-kind-sub">
            {k.fields.map((f) => f.label.zh).join("、")}
            {k.minPhotos ? `；至少 ${k.minPhotos} 张照片` : ""}
          </div>
        </Card>
      ))}
      <Card onClick={() => navigate("/trainings")} testId="task-trainings">
        <div className="task-kind-title">培训签到 ›</div>
        <div className="task-kind-sub">扫码或输入讲师屏幕上的签到码，或在培训地点定位签到</div>
      </Card>
    </div>
  );
}
