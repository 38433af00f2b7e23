import { Card, Empty, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { t } from "../i18n/i18n";
import { navigate } from "../router";

export interface DeliveryMine {
  id: string;
  title: string;
  body: string;
  documentEvidenceId: string | null;
  dueAt: string | null;
  createdAt: string;
  sites: { siteId: string; siteName: string; address: string; status: "pending" | "delivered" | "refused" }[];
}

/** 文件送达: the deliveries with sites in my grids, those still to hand over first (kept for offline use). */
export function Deliveries() {
  const list = useCachedList<DeliveryMine[]>("deliveries", "/deliveries/mine");
  if (list.status === "unavailable") return <Empty>{t("deliveries.unavailable")}</Empty>;
  if (!list.data)
    return <Empty>{list.status === "loading" ? t("common.loadingData") : t("deliveries.missing")}</Empty>;
  const pending = (d: DeliveryMine) => d.sites.filter((s) => s.status === "pending").length;
  const items = [...list.data].sort((a, b) => Number(pending(b) > 0) - Number(pending(a) > 0));
  return (
    <div className="screen">
      {list.status === "cached" ? <Notice kind="info">{t("deliveries.cached")}</Notice> : null}
      {items.length === 0 ? <Empty>{t("deliveries.none")}</Empty> : null}
      {items.map((d) => (
        <Card key={d.id} onClick={() => navigate(`/deliveries/${d.id}`)} testId={`delivery-${d.id}`}>
          <div className="row-title">{d.title}</div>
          <div className="row-sub">
            {t("deliveries.summary", { pending: pending(d), total: d.sites.length })}
            {d.dueAt ? t("deliveries.due", { date: d.dueAt }) : ""}
          </div>
        </Card>
      ))}
    </div>
  );
}
