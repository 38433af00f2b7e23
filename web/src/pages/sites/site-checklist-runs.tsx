import { Alert, Collapse, Empty, Space, Tag, Typography } from "antd";
import { useCallback } from "react";
import { Link } from "react-router-dom";
import { type ChecklistRun, fetchSiteChecklistRuns } from "../../api/checklists";
import { errorMessage } from "../../components/error-message";
import { PhotoLinks } from "../../components/photo-links";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import "./site-checklist-runs.css";

const answerColor = { yes: "green", no: "red", na: "default" } as const;

/** The site's checklist runs (现场检查), newest first: who, when, flags, failed items and their cases. */
export function SiteChecklistRuns(props: { siteId: string }) {
  const { t, lang } = useI18n();
  const load = useCallback(() => fetchSiteChecklistRuns(props.siteId), [props.siteId]);
  const { data, error } = useLoad(load);
  if (error != null) return <Alert type="error" showIcon title={errorMessage(error, t)} />;
  if (!data) return null;
  if (data.items.length === 0) return <Empty description={t("runs.empty")} />;
  return (
    <Collapse
      data-testid="site-checklist-runs"
      size="small"
      items={data.items.map((r: ChecklistRun) => ({
        key: r.id,
        label: (
          <Space orientation="vertical" size={2}>
            <Space size={4} wrap>
              <strong>{r.title}</strong>
              <Tag>{t("checklists.version", { n: r.version })}</Tag>
              {r.failedCount > 0 ? (
                <Tag color="red">{t("runs.failed", { n: r.failedCount })}</Tag>
              ) : (
                <Tag color="green">{t("runs.allPassed")}</Tag>
              )}
              {r.flags.map((f) => (
                <Tag key={f.code} color="orange">
                  {f.label}
                </Tag>
              ))}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("runs.by", { who: r.createdBy.displayName ?? "—", at: formatDateTime(r.clientAt, lang) })}
              {" · "}
              {t("runs.received", { at: formatDateTime(r.receivedAt, lang) })}
              {r.distanceM !== null && ` · ${t("runs.distance", { n: r.distanceM })}`}
            </Typography.Text>
          </Space>
        ),
        children: (
          <ol className="run-answers">
            {r.answers.map((a) => (
              <li key={a.itemId}>
                <Tag color={answerColor[a.answer]}>{a.answerLabel}</Tag>
                {a.text}
                {a.note && <Typography.Text type="secondary">（{a.note}）</Typography.Text>}
                {a.evidenceIds.length > 0 && (
                  <span style={{ marginLeft: 6 }}>
                    <PhotoLinks ids={a.evidenceIds} label={t("runs.photo")} />
                  </span>
                )}
                {a.case && (
                  <Link to={`/cases/${a.case.id}`} style={{ marginLeft: 6 }}>
                    {t("runs.case", { number: a.case.number })}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        ),
      }))}
    />
  );
}
