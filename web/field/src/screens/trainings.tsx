import { useState } from "react";
import type { MyTrainingHours } from "../../../../domain/tasks/training-hours";
import { Button, Card, Empty, formatTime, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { usePosition } from "../hooks/use-position";
import { t } from "../i18n/i18n";
import { enqueue, isUnsent, useOutbox } from "../outbox/outbox";
import { isQuotaError, quotaText } from "../store/db";

interface TrainingMine {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  trainer: string;
  attended: boolean;
}

/** The code from a scanned QR ("SGTRAIN:<id>:<code>") or as typed ("ab12-cd34"). */
export const codeOf = (text: string) =>
  (text.trim().split(":").pop() ?? "").toUpperCase().replace(/[\s-]/g, "");

function CheckIn({ training, queued }: { training: TrainingMine; queued: boolean }) {
  const [code, setCode] = useState("");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string }>();
  const { error: gpsError, busy, locate } = usePosition();
  const send = async (body: Record<string, unknown>) => {
    try {
      await enqueue({
        kind: "training-attendance",
        label: t("training.label", { title: training.title }).slice(0, 40),
        url: `/trainings/${training.id}/attendance`,
        body: { at: new Date().toISOString(), ...body },
      });
      setMessage({ kind: "ok", text: t("training.recorded") });
    } catch (err) {
      setMessage({
        kind: "error",
        text: isQuotaError(err) ? quotaText() : t("common.saveFailed", { error: String(err) }),
      });
    }
  };
  if (training.attended) return <Notice kind="ok">{t("training.attended")}</Notice>;
  if (queued) return <Notice kind="info">{t("training.queued")}</Notice>;
  return (
    <div className="form">
      <input
        className="input"
        placeholder={t("training.codePlaceholder")}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoCapitalize="characters"
        data-testid={`training-code-${training.id}`}
      />
      <div className="row-buttons">
        <Button
          onClick={() => {
            const token = codeOf(code);
            if (!/^[A-Z2-9]{8}$/.test(token))
              return setMessage({ kind: "error", text: t("training.badCode") });
            void send({ method: "qr", token });
          }}
          data-testid={`training-checkin-code-${training.id}`}
        >
          {t("training.byCode")}
        </Button>
        <Button
          kind="default"
          disabled={busy}
          onClick={() =>
            void locate().then((p) =>
              p
                ? send({ method: "location", location: { lng: p.lng, lat: p.lat, accuracy: p.accuracy } })
                : setMessage({ kind: "error", text: t("training.noLocation") }),
            )
          }
          data-testid={`training-checkin-location-${training.id}`}
        >
          {busy ? t("common.locatingShort") : t("training.byLocation")}
        </Button>
      </div>
      {gpsError ? <Notice kind="warn">{gpsError}</Notice> : null}
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </div>
  );
}

/** My training hours this year against the annual plan (R19, GET /training-hours/mine), kept offline. */
function MyYear() {
  const mine = useCachedList<MyTrainingHours>("training-hours", "/training-hours/mine");
  const d = mine.data;
  if (!d || mine.status === "unavailable") return null;
  return (
    <Card testId="training-my-year">
      <div className="task-kind-title">{t("trainings.myYear", { year: d.year })}</div>
      <div className="task-kind-sub">
        {t("trainings.myHours", { hours: d.hours, sessions: d.sessions })}
        {d.averageScore === null ? "" : ` · ${t("trainings.myAverage", { score: d.averageScore })}`}
      </div>
      <div className="task-kind-sub">
        {d.requiredHours === null
          ? t("trainings.myNoPlan")
          : t("trainings.myRequired", { required: d.requiredHours })}
      </div>
      {d.requiredHours ? (
        <progress
          className="training-progress"
          max={d.requiredHours}
          value={Math.min(d.hours, d.requiredHours)}
          aria-label={t("trainings.myYear", { year: d.year })}
        />
      ) : null}
    </Card>
  );
}

/** 培训 (R19): my hours this year; my sessions (a week back on), checked in by the trainer's code or by location; works offline. */
export function Trainings() {
  const list = useCachedList<{ items: TrainingMine[] }>("trainings", "/trainings/mine");
  const outbox = useOutbox();
  const items = list.data?.items ?? [];
  const queued = (id: string) =>
    outbox.some((i) => isUnsent(i) && i.url === `/trainings/${id}/attendance` && i.status !== "failed");
  return (
    <div className="screen">
      <MyYear />
      {list.status === "missing" ? <Notice kind="warn">{t("trainings.missing")}</Notice> : null}
      {items.length === 0 && list.status !== "missing" ? <Empty>{t("trainings.none")}</Empty> : null}
      {items.map((t) => (
        <Card key={t.id} testId={`training-${t.id}`}>
          <div className="task-kind-title">{t.title}</div>
          <div className="task-kind-sub">
            {formatTime(t.startsAt)}–{formatTime(t.endsAt).slice(-5)} · {t.place} · {t.trainer}
          </div>
          <CheckIn training={t} queued={queued(t.id)} />
        </Card>
      ))}
    </div>
  );
}
