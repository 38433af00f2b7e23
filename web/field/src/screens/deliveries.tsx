import { Card, Empty, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
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
  if (list.status === "unavailable") return <Empty>服务器尚未开通文件送达。</Empty>;
  if (!list.data) return <Empty>{list.status === "loading" ? "正在加载…" : "联网后下载送达任务"}</Empty>;
  const pending = (d: DeliveryMine) => d.sites.filter((s) => s.status === "pending").length;
  const items = [...list.data].sort((a, b) => Number(pending(b) > 0) - Number(pending(a) > 0));
  return (
    <div className="screen">
      {list.status === "cached" ? <Notice kind="info">离线：显示手机上保存的送达任务</Notice> : null}
      {items.length === 0 ? <Empty>暂无送达任务</Empty> : null}
      {items.map((d) => (
        <Card key={d.id} onClick={() => navigate(`/deliveries/${d.id}`)} testId={`delivery-${d.id}`}>
          <div className="row-title">{d.title}</div>
          <div className="row-sub">
            待送达 {pending(d)} / 共 {d.sites.length} 个场所{d.dueAt ? ` · 期限 ${d.dueAt}` : ""}
          </div>
        </Card>
      ))}
    </div>
  );
}
