import { CameraOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Popconfirm,
  Segmented,
  Space,
  Tag,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { siteKindLabel, siteKinds } from "../../../../domain/site/site-kinds";
import { type EffectiveChecklist, fetchChecklists, retireChecklist } from "../../api/checklists";
import { errorMessage } from "../../components/error-message";
import { RegionToolbar, useRegionData, useRegionParam } from "../../components/region-toolbar";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { ChecklistDialog } from "./checklist-dialog";
import "./checklists.css";

/**
 * /checklists (检查表配置): a county's checklists by site kind — the defaults, its revisions and its own —
 * with their items; the offices over the county revise one (a new version), add one, retire or restore it.
 */
export function ChecklistsPage() {
  const { t, pick, lang } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = useSignedIn();
  const [region, setRegion] = useRegionParam();
  const { data, error, reload } = useRegionData(region, fetchChecklists);
  const [kind, setKind] = useState<string>("all");
  const [dialog, setDialog] = useState<{ checklist: EffectiveChecklist | null } | null>(null);

  const home = user.scope.find((s) => s.length >= 6)?.slice(0, 6);
  useEffect(() => {
    if (!region && home) setRegion(home);
  }, [region, home, setRegion]);

  const canManage = data?.abilities.manage ?? false;
  const shown = useMemo(
    () => (data?.items ?? []).filter((c) => kind === "all" || c.siteKinds.includes(kind as never)),
    [data, kind],
  );

  const retire = async (c: EffectiveChecklist, retired: boolean) => {
    try {
      await retireChecklist(c.id, region!, retired);
      message.success(t(retired ? "checklists.retiredDone" : "checklists.restoredDone"));
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Card title={t("checklists.title")} className="page-card" data-testid="checklists-page">
      <Typography.Paragraph type="secondary">{t("checklists.intro")}</Typography.Paragraph>
      <RegionToolbar
        label={t("checklists.region")}
        data-testid="checklists-region"
        maxLevel="county"
        value={region}
        onChange={setRegion}
        placeholder={t("checklists.pickRegion")}
        onRefresh={reload}
      >
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ checklist: null })}
            data-testid="checklist-new"
          >
            {t("checklists.new")}
          </Button>
        )}
      </RegionToolbar>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {data && !canManage && (
        <Alert type="info" showIcon title={t("checklists.readOnly")} style={{ marginBottom: 16 }} />
      )}
      {!region ? (
        <Empty description={t("checklists.pickRegion")} />
      ) : (
        <>
          <div className="checklist-kinds">
            <Segmented
              value={kind}
              onChange={(v) => setKind(String(v))}
              data-testid="checklist-kind-filter"
              options={[
                { value: "all", label: t("checklists.allKinds") },
                ...siteKinds
                  .filter((k) => k !== "other")
                  .map((k) => ({ value: k, label: pick(siteKindLabel[k]) })),
              ]}
            />
          </div>
          {data && shown.length === 0 && <Empty description={t("checklists.empty")} />}
          <div className="checklist-grid">
            {shown.map((c) => (
              <Card
                key={c.id}
                size="small"
                className={c.status === "retired" ? "checklist-card retired" : "checklist-card"}
                data-testid="checklist-card"
                title={
                  <Space size={4} wrap>
                    <span className="checklist-title">{c.title}</span>
                    <Tag color={c.source === "default" ? "blue" : "green"}>
                      {t(c.source === "default" ? "checklists.default" : "checklists.county")}
                    </Tag>
                    <Tag>{t("checklists.version", { n: c.version })}</Tag>
                    {c.status === "retired" && <Tag color="default">{t("checklists.retired")}</Tag>}
                  </Space>
                }
                actions={
                  canManage
                    ? [
                        <Button
                          key="edit"
                          type="link"
                          onClick={() => setDialog({ checklist: c })}
                          data-testid="checklist-edit"
                        >
                          {t("checklists.edit")}
                        </Button>,
                        c.status === "active" ? (
                          <Popconfirm
                            key="retire"
                            title={t("checklists.confirmRetire")}
                            onConfirm={() => retire(c, true)}
                          >
                            <Button type="link" danger>
                              {t("checklists.retire")}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Button key="restore" type="link" onClick={() => retire(c, false)}>
                            {t("checklists.restore")}
                          </Button>
                        ),
                      ]
                    : undefined
                }
              >
                <Space size={4} wrap className="checklist-meta">
                  {c.siteKinds.map((k) => (
                    <Tag key={k}>{pick(siteKindLabel[k])}</Tag>
                  ))}
                  <Typography.Text type="secondary">
                    {t("checklists.industries")}：
                    {c.industries.length ? c.industries.join("、") : t("checklists.allIndustries")}
                  </Typography.Text>
                </Space>
                <ol className="checklist-items">
                  {c.items.map((i) => (
                    <li key={i.id}>
                      {i.text}
                      {i.requirePhoto && (
                        <Tag icon={<CameraOutlined />} color="orange" className="checklist-photo">
                          {t("checklists.photo")}
                        </Tag>
                      )}
                    </li>
                  ))}
                </ol>
                {c.updatedAt && (
                  <Typography.Text type="secondary" className="checklist-updated">
                    {t("checklists.updated", {
                      who: c.updatedByName ?? "—",
                      at: formatDateTime(c.updatedAt, lang),
                    })}
                  </Typography.Text>
                )}
              </Card>
            ))}
          </div>
        </>
      )}
      {region && (
        <ChecklistDialog
          open={dialog !== null}
          region={region}
          checklist={dialog?.checklist ?? null}
          onClose={() => setDialog(null)}
          onSaved={() => reload()}
        />
      )}
    </Card>
  );
}
