import { Card, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { t } from "../i18n/i18n";
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
        {t("home.hello", { name: session?.user.displayName ?? "" })}
        <div className="hello-sub">
          {workSet?.grids.map((g) => g.name).join(t("common.listSep")) || t("home.noGrids")}
        </div>
      </div>
      {unsent ? (
        <Notice kind="warn" testId="home-unsent">
          <span onClick={() => navigate("/outbox")}>{t("home.unsent", { n: unsent })}</span>
        </Notice>
      ) : null}
      <div className="counts">
        {patrols.data && patrols.status !== "unavailable" ? (
          <Count
            label={t("home.patrols")}
            value={patrols.data.items.filter((i) => i.status !== "done").length}
            to="/patrols"
            testId="count-patrols"
          />
        ) : null}
        {workSet ? (
          <Count
            label={t("home.rechecks")}
            value={rechecks.tasks.length}
            to="/rechecks"
            testId="count-rechecks"
          />
        ) : null}
        {deliveries.data && deliveries.status !== "unavailable" ? (
          <Count
            label={t("home.deliveries")}
            value={deliveries.data.reduce(
              (n, d) => n + d.sites.filter((s) => s.status === "pending").length,
              0,
            )}
            to="/deliveries"
            testId="count-deliveries"
          />
        ) : null}
        {trainings.data && trainings.status !== "unavailable" ? (
          <Count
            label={t("home.trainings")}
            value={trainingItems.length}
            to="/trainings"
            testId="count-trainings"
          />
        ) : null}
        <Count label={t("home.sites")} value={workSet?.sites.length ?? 0} to="/sites" testId="count-sites" />
      </div>
      <button
        type="button"
        className="big-action"
        onClick={() => navigate("/report")}
        data-testid="home-report"
      >
        <span className="big-action-icon">⚠</span> {t("home.report")}
      </button>
      <Card onClick={() => navigate("/tasks")} testId="home-tasks">
        {t("home.tasks")}
      </Card>
      <Card onClick={() => navigate("/reports")} testId="home-my-reports">
        {t("home.myReports")}
      </Card>
    </div>
  );
}
