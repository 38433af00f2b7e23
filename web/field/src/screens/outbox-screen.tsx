import { Button, Card, Empty, formatTime, Notice } from "../components/ui";
import { type FieldMessageKey, t } from "../i18n/i18n";
import { caseOf, removeItem, useOutbox } from "../outbox/outbox";
import { drain, retry, syncState } from "../outbox/sync";
import { navigate } from "../router";
import { useSession } from "../session/session";
import type { OutboxItem } from "../store/db";

const statusText: Record<OutboxItem["status"], FieldMessageKey> = {
  waiting: "outbox.status.waiting",
  sending: "outbox.status.sending",
  sent: "outbox.status.sent",
  failed: "outbox.status.failed",
};

/** Everything done on the phone: waiting, sent, failed with the reason; retry or drop a failed one. */
export function OutboxScreen() {
  const items = useOutbox();
  const { session } = useSession();
  const waiting = items.filter((i) => i.status === "waiting" || i.status === "sending");
  const failed = items.filter((i) => i.status === "failed");
  const sent = items.filter((i) => i.status === "sent").reverse();
  const state = syncState();
  const row = (i: OutboxItem) => (
    <Card key={i.id} testId={`outbox-${i.status}`}>
      <div className="row-title">
        <span className={`badge badge-${i.status}`}>{t(statusText[i.status])}</span> {i.label}
      </div>
      <div className="row-sub">
        {t("outbox.recordedAt", { time: formatTime(i.createdAt) })}
        {i.fileIds.length ? t("outbox.photos", { n: i.fileIds.length }) : ""}
        {i.sentAt ? t("outbox.sentAt", { time: formatTime(i.sentAt) }) : ""}
        {caseOf(i) ? t("outbox.caseNumber", { number: caseOf(i)?.number ?? "" }) : ""}
      </div>
      {i.note ? <div className="row-note">{i.note}</div> : null}
      {i.reason && i.status !== "sent" ? <div className="row-reason">{i.reason}</div> : null}
      {i.status === "failed" ? (
        <div className="row-buttons">
          <Button kind="default" onClick={() => void retry(i.id)} data-testid="outbox-retry">
            {t("outbox.retry")}
          </Button>
          <Button
            kind="danger"
            onClick={() => {
              if (confirm(t("outbox.confirmDelete"))) void removeItem(i.id);
            }}
          >
            {t("outbox.delete")}
          </Button>
        </div>
      ) : null}
    </Card>
  );
  return (
    <div className="screen">
      {session?.expired && waiting.length ? (
        <Notice kind="warn">
          {t("outbox.expired")}
          <button type="button" className="link" onClick={() => navigate("/me")}>
            {t("app.signInAgain")}
          </button>
        </Notice>
      ) : state === "offline" || !navigator.onLine ? (
        <Notice kind="info" testId="outbox-offline">
          {t("outbox.offline")}
        </Notice>
      ) : null}
      <h2 className="section">
        {t("outbox.waiting", { n: waiting.length })}
        {waiting.length && navigator.onLine && !session?.expired ? (
          <button type="button" className="link" onClick={() => void drain()}>
            {t("outbox.sendNow")}
          </button>
        ) : null}
      </h2>
      {waiting.length ? waiting.map(row) : <Empty>{t("outbox.noneWaiting")}</Empty>}
      {failed.length ? <h2 className="section">{t("outbox.failed", { n: failed.length })}</h2> : null}
      {failed.map(row)}
      <h2 className="section">{t("outbox.sent", { n: sent.length })}</h2>
      {sent.length ? sent.slice(0, 50).map(row) : <Empty>{t("outbox.noneSent")}</Empty>}
    </div>
  );
}
