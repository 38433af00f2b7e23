import { useState } from "react";
import { api } from "../api/http";
import { Card, Empty, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { t } from "../i18n/i18n";
import { useOutbox } from "../outbox/outbox";
import type { DeliveryMine } from "./deliveries";
import { DeliveryRecordForm } from "./delivery-record-form";
import type { ScreenProps } from "./registry";

const statusText = {
  pending: "delivery.pending",
  delivered: "delivery.delivered",
  refused: "delivery.refused",
} as const;

/** One delivery: its text, its document, and each of my sites — record delivered or refused on site. */
export function DeliveryPage({ params }: ScreenProps) {
  const list = useCachedList<DeliveryMine[]>("deliveries", "/deliveries/mine");
  const outbox = useOutbox();
  const [open, setOpen] = useState<string>();
  const [docError, setDocError] = useState<string>();
  const d = list.data?.find((x) => x.id === params.id);
  if (!d) return <Empty>{list.status === "loading" ? t("common.loadingData") : t("delivery.gone")}</Empty>;
  // recorded on this phone, maybe not yet sent
  const queued = (siteId: string) =>
    outbox.find(
      (i) =>
        i.kind === "delivery-record" && i.url === `/deliveries/${d.id}/records` && i.body.siteId === siteId,
    );
  const openDocument = async () => {
    setDocError(undefined);
    try {
      const res = await api(`/deliveries/${d.id}/files/${d.documentEvidenceId}`);
      window.open(URL.createObjectURL(await res.blob()), "_blank");
    } catch (err) {
      setDocError(err instanceof Error ? err.message : t("delivery.docFailed"));
    }
  };
  return (
    <div className="screen">
      <Card>
        <div className="row-title">{d.title}</div>
        {d.dueAt ? <div className="row-sub">{t("delivery.due", { date: d.dueAt })}</div> : null}
        <div style={{ whiteSpace: "pre-wrap", marginTop: 8 }}>{d.body}</div>
        {d.documentEvidenceId ? (
          <button
            type="button"
            className="link"
            onClick={() => void openDocument()}
            data-testid="delivery-document"
          >
            {t("delivery.document")}
          </button>
        ) : null}
      </Card>
      {docError ? <Notice kind="warn">{docError}</Notice> : null}
      {d.sites.map((s) => {
        const q = queued(s.siteId);
        const recorded = q ? t(statusText[q.body.outcome === "refused" ? "refused" : "delivered"]) : "";
        const state = q
          ? q.status === "failed"
            ? t("delivery.sendFailed", { reason: q.reason ?? "" })
            : q.status === "sent"
              ? t("delivery.recordedSent", { state: recorded })
              : t("delivery.recordedWaiting", { state: recorded })
          : t(statusText[s.status]);
        return (
          <Card key={s.siteId} testId={`delivery-site-${s.siteId}`}>
            <div className="row-title">{s.siteName}</div>
            <div className="row-sub">{s.address}</div>
            <div className="row-sub" data-testid="delivery-site-state">
              {state}
            </div>
            {s.status === "pending" && !q ? (
              open === s.siteId ? (
                <DeliveryRecordForm deliveryId={d.id} site={s} onDone={() => setOpen(undefined)} />
              ) : (
                <button
                  type="button"
                  className="btn btn-primary btn-block"
                  onClick={() => setOpen(s.siteId)}
                  data-testid="delivery-record-open"
                >
                  {t("delivery.record")}
                </button>
              )
            ) : null}
          </Card>
        );
      })}
    </div>
  );
}
