import { Card, Descriptions, type DescriptionsProps, Tag, Tooltip, Typography } from "antd";
import { Link } from "react-router-dom";
import type { Check, RecheckFlag } from "../../../../domain/case/case-types";
import { recheckFlagLabel } from "../../../../domain/case/honest-closure";
import type { CaseDetail } from "../../api/cases";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";

const planKeys = [
  "objectives",
  "measures",
  "fundsMaterials",
  "responsiblePeople",
  "timeLimit",
  "safetyMeasures",
] as const;

/** The parking request approved last (from the `case.park_approved` event), if any. */
function approvedPark(detail: CaseDetail): { reason: string; until: string | null } | null {
  const event = detail.timeline.findLast((i) => i.action === "case.park_approved");
  const request = event?.data?.request as { reason?: unknown; until?: unknown } | null | undefined;
  if (typeof request?.reason !== "string") return null;
  return { reason: request.reason, until: typeof request.until === "string" ? request.until : null };
}

/** The case's facts: where, who, what, and the results of plan, feedback, re-check and acceptance. */
export function CaseInfo({ detail }: { detail: CaseDetail }) {
  const { t, pick, lang } = useI18n();
  const { nav } = useSignedIn();
  const k = detail.case;
  const check = (c: Check) => (
    <span>
      <Tag color={c.passed ? "green" : "red"}>{c.passed ? t("detail.passed") : t("detail.failed")}</Tag>
      {formatDateTime(c.at, lang)}
      {c.flags.map((f: RecheckFlag) => (
        <Tag key={f} color="orange" style={{ marginInlineStart: 8 }}>
          {pick(recheckFlagLabel[f], f)}
        </Tag>
      ))}
      {c.distanceM != null && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {t("detail.distance", { m: Math.round(c.distanceM) })}
        </Typography.Text>
      )}
    </span>
  );
  const items: DescriptionsProps["items"] = [
    { key: "source", label: t("cases.source"), children: k.sourceLabel },
    { key: "type", label: t("cases.type"), children: k.typeLabel },
    { key: "category", label: t("cases.category"), children: k.categoryLabel },
    {
      key: "site",
      label: t("cases.site"),
      children:
        k.siteId && k.siteName && nav.includes("sites") ? (
          <Link to={`/sites?site=${encodeURIComponent(k.siteId)}`} data-testid="case-site-link">
            {k.siteName}
          </Link>
        ) : (
          (k.siteName ?? (k.location ? `${k.location.lng.toFixed(5)}, ${k.location.lat.toFixed(5)}` : "—"))
        ),
    },
    { key: "region", label: t("cases.region"), children: k.regionName ?? k.regionCode },
    {
      key: "grid",
      label: t("cases.grid"),
      children: k.gridCode ? (
        <Tooltip title={k.gridCode}>
          <span data-testid="case-grid" data-grid-code={k.gridCode}>
            {k.gridName ?? k.gridCode}
          </span>
        </Tooltip>
      ) : (
        "—"
      ),
    },
    { key: "lead", label: t("cases.lead"), children: k.leadDepartmentName ?? "—" },
    { key: "owner", label: t("cases.owner"), children: k.ownerDepartmentName ?? "—" },
    { key: "reporter", label: t("cases.reporter"), children: k.reporterName ?? "—" },
    { key: "handler", label: t("cases.handler"), children: k.handlerName ?? "—" },
    {
      key: "description",
      label: t("cases.description"),
      span: "filled",
      children: <div style={{ whiteSpace: "pre-wrap" }}>{k.description}</div>,
    },
  ];
  if (detail.suggestion && ["reported", "triaged"].includes(k.stage))
    items.push({
      key: "suggestion",
      label: t("detail.suggestion"),
      span: "filled",
      children: `${detail.suggestion.departmentName}（${detail.suggestion.explanation}）`,
    });
  if (k.remediation)
    items.push({
      key: "remediation",
      label: t("detail.remediation"),
      children: (
        <Tag color={k.remediation === "fixed" ? "green" : "orange"}>
          {k.remediation === "fixed" ? t("action.fixed") : t("action.partial")}
        </Tag>
      ),
    });
  if (k.lastRecheck)
    items.push({ key: "recheck", label: t("detail.lastRecheck"), children: check(k.lastRecheck) });
  if (k.onsiteAcceptance)
    items.push({ key: "onsite", label: t("detail.onsite"), children: check(k.onsiteAcceptance) });
  if (k.parkRequest)
    items.push({
      key: "park",
      label: t("detail.parkRequest"),
      span: "filled",
      children: `${k.parkRequest.reason}${k.parkRequest.until ? `（${k.parkRequest.until}）` : ""}`,
    });
  // a parked case shows the request the office approved (the trail keeps it; the case clears it)
  const approved = k.stage === "parked" ? approvedPark(detail) : null;
  if (approved)
    items.push({
      key: "parked",
      label: t("detail.parkedReason"),
      span: "filled",
      children: `${approved.reason}${approved.until ? `（${t("detail.parkedUntil", { date: approved.until })}）` : ""}`,
    });
  if (k.rejectReason)
    items.push({ key: "reject", label: t("detail.rejectReason"), span: "filled", children: k.rejectReason });
  if (k.mergedInto)
    items.push({
      key: "merged",
      label: t("detail.mergedInto"),
      children: <Link to={`/cases/${k.mergedInto}`}>{t("detail.openMain")}</Link>,
    });
  if (k.closedAt)
    items.push({ key: "closed", label: t("detail.closedAt"), children: formatDateTime(k.closedAt, lang) });

  return (
    <Card title={t("detail.basic")} size="small" data-testid="case-info">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />
      {k.plan && (
        <Descriptions
          style={{ marginTop: 16 }}
          title={t("detail.plan")}
          size="small"
          bordered
          column={1}
          items={planKeys.map((key) => ({ key, label: t(`plan.${key}`), children: k.plan?.[key] }))}
        />
      )}
    </Card>
  );
}
