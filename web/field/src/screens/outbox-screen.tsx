import { Button, Card, Empty, formatTime, Notice } from "../components/ui";
import { caseOf, removeItem, useOutbox } from "../outbox/outbox";
import { drain, retry, syncState } from "../outbox/sync";
import { navigate } from "../router";
import { useSession } from "../session/session";
import type { OutboxItem } from "../store/db";

const statusText: Record<OutboxItem["status"], string> = {
  waiting: "等待发送",
  sending: "正在发送",
  sent: "已送达",
  failed: "发送失败",
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
        <span className={`badge badge-${i.status}`}>{statusText[i.status]}</span> {i.label}
      </div>
      <div className="row-sub">
        记录于 {formatTime(i.createdAt)}
        {i.fileIds.length ? ` · ${i.fileIds.length} 张照片` : ""}
        {i.sentAt ? ` · 送达 ${formatTime(i.sentAt)}` : ""}
        {caseOf(i) ? ` · 案件号 ${caseOf(i)?.number}` : ""}
      </div>
      {i.note ? <div className="row-note">{i.note}</div> : null}
      {i.reason && i.status !== "sent" ? <div className="row-reason">{i.reason}</div> : null}
      {i.status === "failed" ? (
        <div className="row-buttons">
          <Button kind="default" onClick={() => void retry(i.id)} data-testid="outbox-retry">
            重试
          </Button>
          <Button
            kind="danger"
            onClick={() => {
              if (confirm("删除后这条记录不会再发送，确定删除？")) void removeItem(i.id);
            }}
          >
            删除
          </Button>
        </div>
      ) : null}
    </Card>
  );
  return (
    <div className="screen">
      {session?.expired && waiting.length ? (
        <Notice kind="warn">
          登录已过期，记录暂停发送。
          <button type="button" className="link" onClick={() => navigate("/me")}>
            重新登录
          </button>
        </Notice>
      ) : state === "offline" || !navigator.onLine ? (
        <Notice kind="info" testId="outbox-offline">
          当前无网络：记录已保存在手机上，联网后自动按先后顺序发送。
        </Notice>
      ) : null}
      <h2 className="section">
        待发送 {waiting.length}
        {waiting.length && navigator.onLine && !session?.expired ? (
          <button type="button" className="link" onClick={() => void drain()}>
            立即发送
          </button>
        ) : null}
      </h2>
      {waiting.length ? waiting.map(row) : <Empty>没有等待发送的记录</Empty>}
      {failed.length ? <h2 className="section">发送失败 {failed.length}</h2> : null}
      {failed.map(row)}
      <h2 className="section">已送达 {sent.length}</h2>
      {sent.length ? sent.slice(0, 50).map(row) : <Empty>还没有已送达的记录</Empty>}
    </div>
  );
}
