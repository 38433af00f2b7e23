import { Alert, App as AntApp, Button, Descriptions, Drawer, Space, Spin, Tabs, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ownershipLabel, siteScaleLabel } from "../../../../domain/site/site-kinds";
import { fetchSitePatrols, type SitePatrol } from "../../api/patrols";
import { fetchSiteFile, type Site, type SiteEvent } from "../../api/sites";
import { errorMessage } from "../../components/error-message";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { SitePatrols } from "../patrols/site-patrols";
import { AssignmentView } from "./assignment-view";
import { OverrideDialog } from "./override-dialog";
import { SiteChecklistRuns } from "./site-checklist-runs";
import { SiteFormDialog } from "./site-form-dialog";
import { RiskTag, SiteStatusTag } from "./site-tags";
import { SiteTimeline } from "./site-timeline";

/** One site: its details, its assignment with the rules that decided it, and its file (R22 timeline). */
export function SiteDrawer(props: { siteId: string | null; onClose: () => void; onChanged?: () => void }) {
  const { t, pick, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [site, setSite] = useState<Site | null>(null);
  const [events, setEvents] = useState<SiteEvent[]>([]);
  const [patrols, setPatrols] = useState<{ items: SitePatrol[]; total: number }>({ items: [], total: 0 });
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const [tab, setTab] = useState("info");
  const { siteId } = props;

  const load = useCallback(async () => {
    if (!siteId) return;
    setError(null);
    try {
      const file = await fetchSiteFile(siteId);
      setSite(file.site);
      setEvents(file.events);
      // patrol records (R22): read with the site; an account that may not read them just sees none
      setPatrols(await fetchSitePatrols(siteId).catch(() => ({ items: [], total: 0 })));
    } catch (err) {
      setError(err);
    }
  }, [siteId]);
  useEffect(() => {
    setSite(null);
    setEvents([]);
    setPatrols({ items: [], total: 0 });
    setTab("info");
    load();
  }, [load]);

  const changed = () => {
    message.success(t("common.saved"));
    load();
    props.onChanged?.();
  };

  const checklistRuns = events.filter((e) => e.action === "site.checklist_recorded").length;
  const flags = site
    ? (["large", "highGrade", "highRisk"] as const).filter((f) => site.flags[f] !== null)
    : [];

  return (
    <Drawer
      open={siteId !== null}
      onClose={props.onClose}
      size={Math.min(720, window.innerWidth)}
      title={site ? site.name : t("sites.file")}
      extra={
        site?.abilities.update && (
          <Button onClick={() => setEditing(true)} data-testid="site-edit">
            {t("common.edit")}
          </Button>
        )
      }
    >
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {!site && error == null && <Spin />}
      {site && (
        <div data-testid="site-drawer">
          <Tabs
            className="wrap-tabs"
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: "info",
                label: t("sites.tabInfo"),
                children: (
                  <Descriptions
                    size="small"
                    column={2}
                    bordered
                    items={[
                      { key: "kind", label: t("sites.kind"), children: site.kindLabel },
                      {
                        key: "status",
                        label: t("common.status"),
                        children: <SiteStatusTag status={site.status} />,
                      },
                      { key: "uscc", label: t("sites.uscc"), children: site.uscc ?? "—", span: 2 },
                      {
                        key: "industry",
                        label: t("sites.industry"),
                        children: site.industryCode
                          ? `${site.industryCode} ${site.industryLabel ?? ""}`
                          : "—",
                        span: 2,
                      },
                      {
                        key: "scale",
                        label: t("sites.scale"),
                        children: site.scale ? pick(siteScaleLabel[site.scale]) : "—",
                      },
                      {
                        key: "ownership",
                        label: t("sites.ownership"),
                        children: pick(ownershipLabel[site.ownership]),
                      },
                      { key: "risk", label: t("sites.risk"), children: <RiskTag level={site.riskLevel} /> },
                      {
                        key: "flags",
                        label: t("sites.flags"),
                        children: flags.length ? (
                          <Space size={4} wrap>
                            {flags.map((f) => (
                              <Tag key={f} color={site.flags[f] ? "purple" : "default"}>
                                {t(`sites.flag.${f}`)}：
                                {site.flags[f] ? t("sites.flagYes") : t("sites.flagNo")}
                              </Tag>
                            ))}
                          </Space>
                        ) : (
                          t("sites.flagDefault")
                        ),
                      },
                      {
                        key: "region",
                        label: t("sites.region"),
                        children: site.regionName ?? site.regionCode,
                        span: 2,
                      },
                      { key: "address", label: t("sites.address"), children: site.address || "—", span: 2 },
                      {
                        key: "location",
                        label: t("sites.location"),
                        children:
                          site.lon !== null && site.lat !== null
                            ? `${site.lon.toFixed(6)}, ${site.lat.toFixed(6)}`
                            : "—",
                        span: 2,
                      },
                      {
                        key: "contact",
                        label: t("sites.contact"),
                        span: 2,
                        children: (
                          <span>
                            {[site.contactName, site.contactPhone].filter(Boolean).join(" ") || "—"}
                            {site.contactsMasked && (
                              <Tag style={{ marginLeft: 8 }}>{t("sites.contactsMaskedShort")}</Tag>
                            )}
                          </span>
                        ),
                      },
                      {
                        key: "created",
                        label: t("sites.createdAt"),
                        children: formatDateTime(site.createdAt, lang),
                      },
                      {
                        key: "updated",
                        label: t("sites.updatedAt"),
                        children: formatDateTime(site.updatedAt, lang),
                      },
                    ]}
                  />
                ),
              },
              {
                key: "assignment",
                label: t("sites.tabAssignment"),
                children: <AssignmentView site={site} onOverride={() => setOverriding(true)} />,
              },
              {
                key: "file",
                label: t("sites.tabFile", { n: events.length }),
                children: <SiteTimeline events={events} />,
              },
              {
                key: "patrols",
                label: t("patrols.tabPatrols", { n: patrols.total }),
                children: <SitePatrols items={patrols.items} />,
              },
              {
                key: "checklists",
                label: t("runs.tab", { n: checklistRuns }),
                children: <SiteChecklistRuns siteId={site.id} />,
              },
            ]}
          />
          <SiteFormDialog open={editing} site={site} onClose={() => setEditing(false)} onSaved={changed} />
          <OverrideDialog
            site={overriding ? site : null}
            onClose={() => setOverriding(false)}
            onSaved={changed}
          />
        </div>
      )}
    </Drawer>
  );
}
