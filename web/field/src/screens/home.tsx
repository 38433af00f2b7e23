import { Card, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { isUnsent, useOutbox } from "../outbox/outbox";
import { navigate } from "../router";
import { useSession } from "../session/session";
import { useWorkSet } from "../work-set/work-set";
import { useRecheckTasks } from "./recheck-data";

interface PatrolsMine {
  items: { status: "due" | "overdue" | "done" }[];
}
type DeliveriesMine = { sites: { status: string }[] }[];
type TrainingsMine = unknown[] | { items: unknown[] };

function Count({ label, value, to, testId }: { label: string; value: number; to?: string; testId: string }) {
  return (
    <Card onClick={to ? () => navigate(to) : undefined} testId={testId}>
      <div className="count-value">{value}</div>
      <div className="count-label">{label}</div>
    </Card>
  );
}

/** Today: what is due (each count only when its route exists on the server), what waits to be sent. */
export function Home() {
  const { session } = useSession();
  const workSet = useWorkSet();
  const rechecks = useRecheckTasks();
  const outbox = useOutbox();
  const patrols = useCachedList<PatrolsMine>("patrols", "/patrols/mine");
  const deliveries = useCachedList<DeliveriesMine>("deliveries", "/deliveries/mine");
  const trainings = useCachedList<TrainingsMine>("trainings", "/trainings/mine");
  const unsent = outbox.filter(isUnsent).length;
  const trainingItems = Array.isArray(trainings.data) ? trainings.data : (trainings.data?.items ?? []);
  return (
    <div className="screen">
      <div className="hello">
        {session?.user.displayName}，您好
        <div className="hello-sub">{workSet?.grids.map((g) => g.name).join("、") || "尚未下载网格数据"}</div>
      </div>
      {unsent ? (
        <Notice kind="warn" testId="home-unsent">
          <span onClick={() => navigate("/outbox")}>有 {unsent} 条记录等待发送 ›</span>
        </Notice>
      ) : null}
      <div className="counts">
        {patrols.data && patrols.status !== "unavailable" ? (
          <Count
            label="待巡查场所"
            value={patrols.data.items.filter((i) => i.status !== "done").length}
            to="/patrols"
            testId="count-patrols"
          />
        ) : null}
        {workSet ? (
          <Count label="待复查" value={rechecks.tasks.length} to="/rechecks" testId="count-rechecks" />
        ) : null}
        {deliveries.data && deliveries.status !== "unavailable" ? (
          <Count
            label="待送达"
            value={deliveries.data.reduce(
              (n, d) => n + d.sites.filter((s) => s.status === "pending").length,
              0,
            )}
            to="/deliveries"
            testId="count-deliveries"
          />
        ) : null}
        {trainings.data && trainings.status !== "unavailable" ? (
          <Count label="培训" value={trainingItems.length} to="/trainings" testId="count-trainings" />
        ) : null}
        <Count label="我的场所" value={workSet?.sites.length ?? 0} to="/sites" testId="count-sites" />
      </div>
      <button
        type="button"
        className="big-action"
        onClick={() => navigate("/report")}
        data-testid="home-report"
      >
        <span className="big-action-icon">⚠</span> 上报隐患
      </button>
      <Card onClick={() => navigate("/tasks")} testId="home-tasks">
        宣传、协助检查等任务记录 ›
      </Card>
      <Card onClick={() => navigate("/reports")} testId="home-my-reports">
        我上报的案件 ›
      </Card>
    </div>
  );
}
