import { useState } from "react";
import { api } from "../api/http";
import { Card, Empty, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { useOutbox } from "../outbox/outbox";
import type { DeliveryMine } from "./deliveries";
import { DeliveryRecordForm } from "./delivery-record-form";
import type { ScreenProps } from "./registry";

const statusText = { pending: "待送达", delivered: "已送达", refused: "拒收" } as const;

/** One delivery: its text, its document, and each of my sites — record delivered or refused on site. */
export function DeliveryPage({ params }: ScreenProps) {
  const list = useCachedList<DeliveryMine[]>("deliveries", "/deliveries/mine");
  const outbox = useOutbox();
  const [open, setOpen] = useState<string>();
  const [docError, setDocError] = useState<string>();
  const d = list.data?.find((x) => x.id === params.id);
  if (!d) return <Empty>{list.status === "loading" ? "正在加载…" : "这项送达已不在我的任务里。"}</Empty>;
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
      setDocError(err instanceof Error ? err.message : "附件打不开");
    }
  };
  return (
    <div className="screen">
      <Card>
        <div className="row-title">{d.title}</div>
        {d.dueAt ? <div className="row-sub">送达期限 {d.dueAt}</div> : null}
        <div style={{ whiteSpace: "pre-wrap", marginTop: 8 }}>{d.body}</div>
        {d.documentEvidenceId ? (
          <button
            type="button"
            className="link"
            onClick={() => void openDocument()}
            data-testid="delivery-document"
          >
            查看附件（需联网）
          </button>
        ) : null}
      </Card>
      {docError ? <Notice kind="warn">{docError}</Notice> : null}
      {d.sites.map((s) => {
        const q = queued(s.siteId);
        const state = q
          ? q.status === "failed"
            ? `未能发送：${q.reason ?? ""}`
            : q.status === "sent"
              ? "已发送"
              : "已登记，等待发送"
          : statusText[s.status];
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
                  登记送达
                </button>
              )
            ) : null}
          </Card>
        );
      })}
    </div>
  );
}
