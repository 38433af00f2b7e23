import { Alert, Drawer, Spin, Statistic, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { fetchGridProblems, type Problem } from "../../api/grids";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { useI18n } from "../../i18n/i18n-context";

type Problems = Awaited<ReturnType<typeof fetchGridProblems>>;

/** A link to the map centred on a problem, with its message shown there. */
export const problemLink = (p: Problem) =>
  `/grids?${new URLSearchParams({ at: `${p.location[0]},${p.location[1]}`, msg: p.message }).toString()}`;

function ProblemItems({ items, empty }: { items: Problem[]; empty: string }) {
  const { t } = useI18n();
  if (items.length === 0) return <Typography.Paragraph type="success">{empty}</Typography.Paragraph>;
  return (
    <ItemList
      size="small"
      dataSource={items}
      pagination={items.length > 8 ? { pageSize: 8, size: "small" } : false}
      renderItem={(p) => (
        <ListRow
          actions={[
            <Link key="map" to={problemLink(p)}>
              {t("grids.onMap")}
            </Link>,
          ]}
        >
          <span>
            {p.message}
            {p.areaM2 !== undefined && (
              <Typography.Text type="secondary">
                {" "}
                （{Math.round(p.areaM2).toLocaleString()} m²）
              </Typography.Text>
            )}
          </span>
        </ListRow>
      )}
    />
  );
}

/** The geometry check of a county or township: overlapping grids, uncovered parts, grids outside the boundary. */
export function GridProblemsDrawer(props: { region: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const [data, setData] = useState<Problems | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { region } = props;
  useEffect(() => {
    setData(null);
    setError(null);
    if (!region) return;
    let alive = true;
    fetchGridProblems(region)
      .then((d) => alive && setData(d))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [region]);

  return (
    <Drawer open={region !== null} onClose={props.onClose} size={560} title={t("grids.problemsTitle")}>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {!data && error == null && <Spin />}
      {data && (
        <div data-testid="grid-problems">
          <div style={{ display: "flex", gap: 32, marginBottom: 16 }}>
            <Statistic title={t("grids.checkedGrids")} value={data.checkedGrids} />
            <Statistic title={t("grids.overlaps")} value={data.overlaps.length} />
            <Statistic
              title={t("grids.uncovered")}
              value={(data.gaps.uncoveredShare * 100).toFixed(1)}
              suffix="%"
            />
          </div>
          <Typography.Title level={5}>{t("grids.overlaps")}</Typography.Title>
          <ProblemItems items={data.overlaps} empty={t("grids.noOverlaps")} />
          <Typography.Title level={5}>{t("grids.gaps")}</Typography.Title>
          <ProblemItems items={data.gaps.problems} empty={t("grids.noGaps")} />
          <Typography.Title level={5}>{t("grids.outsideBoundary")}</Typography.Title>
          <ProblemItems items={data.outsideBoundary} empty={t("grids.noOutside")} />
        </div>
      )}
    </Drawer>
  );
}
