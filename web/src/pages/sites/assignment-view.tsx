import { Alert, Button, Descriptions, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import type { Site } from "../../api/sites";
import { GridName } from "../../components/grid-name";
import { useI18n } from "../../i18n/i18n-context";

function Decided(props: { value: ReactNode; rule: string; reason: string | null; manual?: boolean }) {
  const { t } = useI18n();
  return (
    <div>
      <Space size={6} wrap>
        {props.value}
        <Tag color={props.manual ? "gold" : "blue"}>{props.rule}</Tag>
        {props.manual && <Tag color="gold">{t("sites.manual")}</Tag>}
      </Space>
      {props.reason && (
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
          {props.reason}
        </Typography.Paragraph>
      )}
    </div>
  );
}

const missing = (text: string) => <Typography.Text type="danger">{text}</Typography.Text>;

/**
 * The assignment of a site (R2, R3, R4) with the rule that decided each part: direct supervision or the
 * grid, the grid (point in polygon), the grid worker (grid staff), the department (routing table).
 */
export function AssignmentView({ site, onOverride }: { site: Site; onOverride: () => void }) {
  const { t } = useI18n();
  const a = site.assignment;
  return (
    <div data-testid="assignment-view">
      {a.direct && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("sites.directTitle")}
          description={a.directReason}
        />
      )}
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 110 } }}
        items={[
          {
            key: "mode",
            label: t("sites.supervision"),
            children: (
              <Decided
                value={a.direct ? <Tag color="purple">{t("sites.direct")}</Tag> : t("sites.inGrid")}
                rule={t(`assign.directRule.${a.directRule}`)}
                reason={a.direct ? null : a.directReason}
              />
            ),
          },
          {
            key: "grid",
            label: t("sites.grid"),
            children: (
              <Decided
                value={
                  a.grid ? (
                    <GridName name={a.grid.name} code={a.grid.code} id={a.grid.id} />
                  ) : (
                    missing(t("sites.noGrid"))
                  )
                }
                rule={t(`assign.gridRule.${a.gridRule}`)}
                reason={a.gridReason}
                manual={a.overrides.grid}
              />
            ),
          },
          {
            key: "worker",
            label: t("sites.worker"),
            children: (
              <Decided
                value={a.worker ? a.worker.displayName : a.direct ? "—" : missing(t("sites.unassigned"))}
                rule={t(`assign.workerRule.${a.workerRule}`)}
                reason={a.workerReason}
                manual={a.overrides.worker}
              />
            ),
          },
          {
            key: "department",
            label: t("sites.department"),
            children: (
              <Decided
                value={a.department ? a.department.name : missing(t("sites.unassigned"))}
                rule={t(`assign.departmentRule.${a.departmentRule}`)}
                reason={a.departmentReason}
                manual={a.overrides.department}
              />
            ),
          },
          ...(a.overrides.reason
            ? [{ key: "reason", label: t("sites.overrideReason"), children: a.overrides.reason }]
            : []),
        ]}
      />
      {site.abilities.override && (
        <Button style={{ marginTop: 12 }} onClick={onOverride} data-testid="site-override">
          {t("sites.override")}
        </Button>
      )}
    </div>
  );
}
