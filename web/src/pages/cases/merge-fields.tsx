import { Empty, Form, Input, Radio, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import type { CaseDetail, DuplicateCandidate } from "../../api/cases";
import { useI18n } from "../../i18n/i18n-context";
import { StageTag } from "./stage-tag";
import { useCaseCategories } from "./use-case-categories";

/** How alike a candidate is: same site and category first, then the same category nearby, then the site. */
const likeness = (d: DuplicateCandidate, category: string) =>
  d.sameSite && d.category === category ? 0 : d.category === category ? 1 : 2;

/**
 * The merge dialog: the open cases that may be the same problem (same site, or same category within
 * 200 m), the most alike marked as suggested; or the main case typed by its number.
 */
export function MergeFields({ detail, note }: { detail: CaseDetail; note: ReactNode }) {
  const { t, pick } = useI18n();
  const kase = detail.case;
  const county = kase.regionCode.slice(0, 6);
  const categories = useCaseCategories(county);
  const label = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? pick(c) : code;
  };
  const candidates = detail.duplicates
    .map((d, i) => ({ d, i, score: likeness(d, kase.category) }))
    .sort((a, b) => a.score - b.score || a.i - b.i)
    .map((x) => x.d);
  const suggested = candidates[0] && likeness(candidates[0], kase.category) < 2 ? candidates[0].id : null;
  return (
    <>
      <Form.Item name="targetCaseId" label={t("action.mergeTarget")}>
        {candidates.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("action.noDuplicates")} />
        ) : (
          <Radio.Group style={{ display: "flex", flexDirection: "column", gap: 8 }}>
            {candidates.map((d) => (
              <Radio key={d.id} value={d.id}>
                <span className="case-number">{d.number}</span> <StageTag stage={d.stage} />
                {d.id === suggested && <Tag color="blue">{t("action.mergeSuggested")}</Tag>}
                <Tag color={d.category === kase.category ? "geekblue" : "default"}>{label(d.category)}</Tag>
                {d.sameSite ? (
                  <Tag color="red">{t("action.sameSite")}</Tag>
                ) : (
                  d.distanceM != null && <Tag>{t("action.distance", { m: Math.round(d.distanceM) })}</Tag>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                  {d.description}
                </Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        )}
      </Form.Item>
      <Form.Item name="targetNumber" label={t("action.mergeByNumber")}>
        <Input placeholder={`${county}-${new Date().getFullYear()}-000001`} />
      </Form.Item>
      {note}
    </>
  );
}
