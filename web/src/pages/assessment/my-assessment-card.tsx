import { Card, Space, Tag, Tooltip, Typography } from "antd";
import { useCallback } from "react";
import { fetchMyResults } from "../../api/assessment";
import { ItemList, ListRow } from "../../components/item-list";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { ManualFiles } from "./manual-files";

/** 我的考核: the published results of the signed-in worker, township station or department (R23). */
export function MyAssessmentCard() {
  const { t, pick, lang } = useI18n();
  const mine = useLoad(useCallback(() => fetchMyResults(), []));
  if (mine.error != null) return null;
  return (
    <Card
      title={t("assess.mine")}
      size="small"
      data-testid="my-assessment"
      loading={mine.loading && !mine.data}
    >
      <ItemList
        size="small"
        dataSource={(mine.data?.items ?? []).slice(0, 6)}
        empty={t("assess.mineNone")}
        renderItem={(r) => (
          <ListRow data-testid={`my-result-${r.period}`}>
            <Space orientation="vertical" size={0} style={{ width: "100%" }}>
              <Space wrap>
                <Typography.Text strong>{r.period}</Typography.Text>
                <Typography.Text>{r.schemeName}</Typography.Text>
                <Tag>v{r.version}</Tag>
              </Space>
              <Space wrap>
                <Typography.Text>
                  {t("assess.finalScore")} <b data-testid="my-score">{r.finalScore}</b>
                </Typography.Text>
                <Typography.Text>
                  {t("assess.rankOf", { rank: r.rank ?? "—", n: r.subjectCount })}
                </Typography.Text>
              </Space>
              <Space size={[4, 4]} wrap>
                {r.breakdown.items.map((i) => (
                  <Tooltip key={i.indicatorId} title={`${pick(i.formula)} · ${pick(i.explain)}`}>
                    <Tag>
                      {pick(i)} {i.available ? `${i.points}/${i.weight}` : t("assess.unavailable")}
                    </Tag>
                  </Tooltip>
                ))}
                {r.breakdown.manual.map((m) => (
                  <Tooltip key={m.id} title={m.evidence ?? ""}>
                    <Tag color="purple">
                      {m.zh} {m.points ?? "—"}/{m.maxPoints}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
              {r.breakdown.manual.map((m) => (
                <ManualFiles key={m.id} files={m.files ?? []} testId={`my-files-${m.id}`} />
              ))}
              {r.publishedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("assess.publishedAt")} {formatDateTime(r.publishedAt, lang)}
                </Typography.Text>
              )}
            </Space>
          </ListRow>
        )}
      />
    </Card>
  );
}
