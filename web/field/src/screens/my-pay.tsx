import type { MyPayLine } from "../../../../domain/pay/my-pay-line";
import { Card, Empty, formatTime, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { pick, t } from "../i18n/i18n";

const yuan = (v: number) => v.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * 我的报酬 (R20): the worker's own lines of approved pay sheets (GET /pay-lines/mine), kept on the phone
 * for reading offline; performance pay without a published assessment says "unavailable", never 0.
 */
export function MyPay() {
  const list = useCachedList<{ items: MyPayLine[] }>("myPay", "/pay-lines/mine");
  const items = list.data?.items ?? [];
  if (list.status === "loading") return <div className="screen" />;
  return (
    <div className="screen" data-testid="field-my-pay">
      {list.status === "cached" && (
        <Notice kind="info">{t("pay.cached", { time: formatTime(list.fetchedAt) })}</Notice>
      )}
      {list.status === "missing" && <Empty>{t("pay.offline")}</Empty>}
      {(list.status === "fresh" || list.status === "cached") && items.length === 0 && (
        <Empty>{t("pay.none")}</Empty>
      )}
      {items.map((l) => (
        <Card key={l.id}>
          <div className="row-title" data-testid="field-pay-month">
            {l.month} · {t("pay.total")} <b data-testid="field-pay-total">{yuan(l.total)}</b>
          </div>
          <div className="row-sub">
            {t("pay.base")} {yuan(l.base)}
          </div>
          <div className="row-sub">
            {t("pay.performance")}{" "}
            {l.performance === null
              ? `${t("pay.unavailable")} · ${pick(l.performanceNote ?? undefined)}`
              : `${yuan(l.performance)} · ${t("pay.score", { score: l.score ?? 0 })}`}
          </div>
          <div className="row-sub">{t("pay.rewards", { amount: yuan(l.rewards), n: l.rewardCount })}</div>
          <div className="row-sub">
            {t("pay.deductions", { amount: yuan(l.deductions), n: l.missedSites })}
          </div>
          {l.excludedReason !== null && (
            <Notice kind="warn">{t("pay.excluded", { reason: l.excludedReason })}</Notice>
          )}
          <div className="row-sub">
            {t("pay.approvedAt", { time: formatTime(l.approvedAt ?? undefined) })}
          </div>
        </Card>
      ))}
    </div>
  );
}
