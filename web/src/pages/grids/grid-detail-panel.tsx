import { AimOutlined, CloseOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import type { Grid, GridFeatureProps, Person } from "../../api/grids";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { useI18n } from "../../i18n/i18n-context";
import { DutyCardButton } from "./print-buttons";
import { StaffingTag } from "./staffing-tag";

function PersonLine({ person }: { person: Person | null }) {
  const { t } = useI18n();
  if (!person) return <Typography.Text type="danger">{t("grids.notSet")}</Typography.Text>;
  return (
    <span>
      {person.name}
      {person.phone && <Typography.Text type="secondary"> {person.phone}</Typography.Text>}
    </span>
  );
}

/** The selected grid: its workers, supervision officer, contact leader, sites and workload, with actions. */
export function GridDetailPanel(props: {
  grid: Grid | null;
  feature: GridFeatureProps | null;
  loading: boolean;
  error: unknown;
  onStaff: () => void;
  onEdit: () => void;
  onSplit: () => void;
  onLocate: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { grid, feature } = props;
  return (
    <Card
      size="small"
      className="sg-side-panel"
      data-testid="grid-panel"
      title={grid ? grid.name : t("map.gridTitle")}
      extra={
        <Space size={0}>
          <Button
            size="small"
            type="text"
            icon={<AimOutlined />}
            onClick={props.onLocate}
            title={t("map.locate")}
          />
          <Button size="small" type="text" icon={<CloseOutlined />} onClick={props.onClose} />
        </Space>
      }
    >
      {props.error != null && <Alert type="error" showIcon title={errorMessage(props.error, t)} />}
      {props.loading && !grid && <Spin />}
      {grid && (
        <>
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { width: 118, whiteSpace: "nowrap" } }}
            items={[
              { key: "code", label: t("grids.code"), children: grid.code },
              { key: "kind", label: t("grids.kind"), children: grid.kindLabel },
              {
                key: "township",
                label: t("grids.township"),
                children: grid.townshipName ?? grid.townshipCode,
              },
              {
                key: "villages",
                label: t("grids.villages"),
                children: grid.villages.length ? grid.villages.map((v) => v.name).join("、") : "—",
              },
              { key: "area", label: t("grids.area"), children: `${grid.areaKm2.toFixed(2)} km²` },
              {
                key: "officer",
                label: t("grids.supervisionOfficer"),
                children: <PersonLine person={grid.supervisionOfficer} />,
              },
              {
                key: "leader",
                label: t("grids.contactLeader"),
                children: <PersonLine person={grid.contactLeader} />,
              },
              {
                key: "sites",
                label: t("grids.siteCount"),
                children: <Link to={`/sites?gridId=${encodeURIComponent(grid.id)}`}>{grid.siteCount}</Link>,
              },
              ...(feature
                ? [
                    {
                      key: "workload",
                      label: t("grids.workload"),
                      children: (
                        <Space size={4} wrap>
                          <span>
                            {feature.workload.toFixed(1)} {t("grids.workloadUnit")}
                          </span>
                          <StaffingTag status={feature.status} ratio={feature.ratio} />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t("grids.workers")}（{grid.workers.length}）
          </Typography.Title>
          {grid.workers.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("grids.noWorkerGap")} />
          ) : (
            <ItemList
              size="small"
              dataSource={grid.workers}
              renderItem={(w) => (
                <ListRow style={{ paddingInline: 0 }}>
                  <span>
                    {w.displayName}
                    {w.phone && <Typography.Text type="secondary"> {w.phone}</Typography.Text>}
                  </span>
                  <Space size={0}>
                    <Tag color={w.employment === "full_time" ? "blue" : "default"}>
                      {t(`grids.employment.${w.employment}`)}
                    </Tag>
                    <DutyCardButton userId={w.userId} regionCode={grid.code.slice(0, 12)} />
                  </Space>
                </ListRow>
              )}
            />
          )}
          <Space wrap style={{ marginTop: 12 }}>
            {grid.abilities.staff && (
              <Button type="primary" onClick={props.onStaff} data-testid="grid-staff">
                {t("grids.staffEdit")}
              </Button>
            )}
            {grid.abilities.update && <Button onClick={props.onEdit}>{t("common.edit")}</Button>}
            {grid.abilities.split && (
              <Button onClick={props.onSplit} data-testid="grid-split">
                {t("grids.split")}
              </Button>
            )}
          </Space>
          {grid.abilities.merge && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t("map.mergeHint")}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
