import { Card, Col, Progress, Row, Statistic, Typography } from "antd";
import type { Coverage, CoverageMetric } from "../../api/coverage";
import { useI18n } from "../../i18n/i18n-context";

/** Green at 100 %, amber from 80 %, red below. */
export const pctColour = (pct: number) => (pct >= 100 ? "#52c41a" : pct >= 80 ? "#faad14" : "#f5222d");

function Gap(props: { value: number; metric: CoverageMetric; onOpen: (m: CoverageMetric) => void }) {
  const { t } = useI18n();
  const bad = props.value > 0;
  return (
    <div
      className="sg-gap"
      data-testid={`gap-${props.metric}`}
      onClick={() => bad && props.onOpen(props.metric)}
      style={{ cursor: bad ? "pointer" : "default" }}
    >
      <Typography.Text type="secondary">{t(`coverage.m.${props.metric}`)}</Typography.Text>
      <div className={bad ? "sg-gap-value sg-gap-bad" : "sg-gap-value"}>{props.value.toLocaleString()}</div>
    </div>
  );
}

/** The rollout figures of one region (R18): the four percentages and every gap, each opening its rows. */
export function CoverageTotals({ data, onOpen }: { data: Coverage; onOpen: (m: CoverageMetric) => void }) {
  const { t } = useI18n();
  const f = data.totals;
  const pcts = [
    ["gridsStaffed", f.percentages.gridsStaffed],
    ["sitesWithGrid", f.percentages.sitesWithGrid],
    ["sitesWithWorker", f.percentages.sitesWithWorker],
    ["sitesWithDepartment", f.percentages.sitesWithDepartment],
  ] as const;
  return (
    <>
      <Row gutter={[16, 16]} data-testid="coverage-percentages">
        {pcts.map(([key, pct]) => (
          <Col key={key} xs={12} lg={6}>
            <Card size="small" style={{ textAlign: "center" }}>
              <Progress
                type="dashboard"
                percent={pct}
                size={110}
                strokeColor={pctColour(pct)}
                format={(p) => `${(p ?? 0).toFixed(1)}%`}
              />
              <div style={{ marginTop: 4 }}>{t(`coverage.pct.${key}`)}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("coverage.gridsCard")}>
            <Statistic title={t("coverage.grids")} value={f.grids} />
            <div className="sg-gap-row">
              <Gap value={f.gridsWithoutWorker} metric="grids_without_worker" onOpen={onOpen} />
              <Gap value={f.gridsWithoutOfficer} metric="grids_without_officer" onOpen={onOpen} />
              {data.overlaps !== null && <Gap value={data.overlaps} metric="overlaps" onOpen={onOpen} />}
            </div>
            <Typography.Text type="secondary">{t("coverage.workers", { n: f.workers })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t("coverage.sitesCard")}>
            <Row gutter={16}>
              <Col span={8}>
                <Statistic title={t("coverage.sites")} value={f.sites} />
              </Col>
              <Col span={8}>
                <Statistic title={t("coverage.gridSites")} value={f.gridSites} />
              </Col>
              <Col
                span={8}
                onClick={() => f.directSites > 0 && onOpen("direct_sites")}
                style={{ cursor: "pointer" }}
              >
                <Statistic title={t("coverage.m.direct_sites")} value={f.directSites} />
              </Col>
            </Row>
            <div className="sg-gap-row">
              <Gap value={f.sitesWithoutGrid} metric="sites_without_grid" onOpen={onOpen} />
              <Gap value={f.sitesOutsideGrids} metric="sites_outside_grids" onOpen={onOpen} />
              <Gap value={f.sitesWithoutLocation} metric="sites_without_location" onOpen={onOpen} />
              <Gap value={f.sitesWithoutWorker} metric="sites_without_worker" onOpen={onOpen} />
              <Gap value={f.sitesWithoutDepartment} metric="sites_without_department" onOpen={onOpen} />
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}
