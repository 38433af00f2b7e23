import { PaperClipOutlined } from "@ant-design/icons";
import { Empty, Tag, Timeline, Tooltip, Typography } from "antd";
import { roleLabel } from "../../../../domain/auth/roles";
import type { RecheckFlag } from "../../../../domain/case/case-types";
import { recheckFlagLabel } from "../../../../domain/case/honest-closure";
import type { TimelineItem } from "../../api/cases";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { StageTag } from "./stage-tag";
import { TimelineRefs } from "./timeline-refs";

const colourOf = (action: string): string => {
  if (/rejected|returned|park_denied/.test(action)) return "red";
  if (/escalated/.test(action)) return "volcano";
  if (/closed|accepted_onsite/.test(action)) return "green";
  if (/rechecked/.test(action)) return "cyan";
  if (/fed_back/.test(action)) return "blue";
  return "gray";
};

/** Flags recorded with a check (`no_location`, `far_from_site` …), as strings or { flag, distanceM }. */
function flagsOf(data: Record<string, unknown> | null): { flag: RecheckFlag; distanceM?: number }[] {
  const raw = data?.flags;
  if (!Array.isArray(raw)) return [];
  const distance = typeof data?.distanceM === "number" ? data.distanceM : undefined;
  return raw.flatMap((f) => {
    if (typeof f === "string")
      return [{ flag: f as RecheckFlag, distanceM: f === "far_from_site" ? distance : undefined }];
    if (f && typeof f === "object" && "flag" in f)
      return [
        { flag: (f as { flag: RecheckFlag }).flag, distanceM: (f as { distanceM?: number }).distanceM },
      ];
    return [];
  });
}

/** The result an event recorded: a re-check or acceptance passed or failed, a fix full or partial. */
function OutcomeTag({ data }: { data: Record<string, unknown> | null }) {
  const { t } = useI18n();
  if (typeof data?.passed === "boolean")
    return (
      <Tag color={data.passed ? "green" : "red"} style={{ marginTop: 4 }}>
        {data.passed ? t("detail.passed") : t("detail.failed")}
      </Tag>
    );
  if (data?.result === "fixed" || data?.result === "partial")
    return (
      <Tag color={data.result === "fixed" ? "green" : "orange"} style={{ marginTop: 4 }}>
        {data.result === "fixed" ? t("action.fixed") : t("action.partial")}
      </Tag>
    );
  return null;
}

/** The case trail, oldest first: who (name and role), when (China time), from → to, comment, evidence. */
export function CaseTimeline({ items }: { items: TimelineItem[] }) {
  const { t, pick, lang } = useI18n();
  if (items.length === 0) return <Empty description={t("timeline.empty")} />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={items.map((item) => ({
        key: item.id,
        color: colourOf(item.action),
        content: (
          <div data-testid="timeline-item" data-action={item.action}>
            <div className="case-timeline-head">
              <Typography.Text strong>{item.actionLabel}</Typography.Text>
              {item.from && item.to && item.from !== item.to ? (
                <span>
                  <StageTag stage={item.from} /> → <StageTag stage={item.to} />
                </span>
              ) : (
                item.to && <StageTag stage={item.to} />
              )}
              <Typography.Text type="secondary">{formatDateTime(item.at, lang)}</Typography.Text>
            </div>
            <div>
              {item.actorName
                ? t("timeline.by", {
                    name: item.actorName,
                    role: item.actorRole ? pick(roleLabel[item.actorRole], item.actorRole) : "—",
                  })
                : t("timeline.system")}
            </div>
            <OutcomeTag data={item.data} />
            <TimelineRefs data={item.data} />
            {item.comment && <div className="case-timeline-comment">{item.comment}</div>}
            {flagsOf(item.data).map((f) => (
              <Tag key={f.flag} color="orange" style={{ marginTop: 4 }}>
                {pick(recheckFlagLabel[f.flag], f.flag)}
                {f.distanceM != null ? ` ${t("detail.distance", { m: Math.round(f.distanceM) })}` : ""}
              </Tag>
            ))}
            {item.evidence.length > 0 && (
              <div style={{ marginTop: 4 }}>
                {item.evidence.map((e) => (
                  <div key={e.id}>
                    <PaperClipOutlined />{" "}
                    <a href={`/api/v1/evidence/${encodeURIComponent(e.id)}`} target="_blank" rel="noreferrer">
                      {e.fileName ?? e.id}
                    </a>{" "}
                    <Tooltip title={e.sha256}>
                      <span className="case-hash" data-testid="evidence-hash">
                        SHA-256 {e.sha256.slice(0, 16)}…
                      </span>
                    </Tooltip>
                  </div>
                ))}
              </div>
            )}
            <Tooltip title={item.hash}>
              <span className="case-hash">
                {t("timeline.hash")} {item.hash.slice(0, 12)}…
              </span>
            </Tooltip>
          </div>
        ),
      }))}
    />
  );
}
