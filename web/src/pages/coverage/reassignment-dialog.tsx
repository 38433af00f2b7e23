import { Alert, Button, Descriptions, Modal, Result, Space, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import {
  type AssignmentPart,
  applyReassignment,
  previewReassignment,
  type ReassignmentChange,
  type ReassignmentPreview,
} from "../../api/coverage";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

function PartText({ part }: { part: AssignmentPart }) {
  const { t } = useI18n();
  if (part.direct) return <Tag color="purple">{t("sites.direct")}</Tag>;
  return (
    <span>
      {part.grid?.name ?? t("sites.noGrid")} / {part.worker?.displayName ?? "—"} /{" "}
      {part.department?.name ?? "—"}
    </span>
  );
}

/**
 * After grids or routing rules change: the sites whose assignment would change, listed for review;
 * the user applies all or some. Manual overrides are left alone (counted as kept).
 */
export function ReassignmentDialog(props: {
  region: string | null;
  onClose: () => void;
  onApplied: () => void;
}) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<ReassignmentPreview | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [applied, setApplied] = useState<{ applied: number; skipped: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { region } = props;

  const load = async () => {
    if (!region) return;
    setBusy(true);
    setError(null);
    setApplied(null);
    try {
      const p = await previewReassignment(region);
      setPreview(p);
      setChosen(p.changes.map((c) => c.siteId));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: preview again for each region opened
  useEffect(() => {
    setPreview(null);
    load();
  }, [region]);

  const apply = async () => {
    if (!region || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const all = chosen.length === preview.changes.length;
      const res = await applyReassignment(region, preview.token, all ? undefined : chosen);
      setApplied(res);
      props.onApplied();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={region !== null}
      title={t("reassign.title")}
      width={980}
      onCancel={props.onClose}
      footer={
        <Space>
          <Button onClick={load} loading={busy && !preview}>
            {t("reassign.again")}
          </Button>
          {!applied && (
            <Button
              type="primary"
              onClick={apply}
              loading={busy}
              disabled={!preview || chosen.length === 0}
              data-testid="reassign-apply"
            >
              {t("reassign.apply", { n: chosen.length })}
            </Button>
          )}
          <Button onClick={props.onClose}>{t("gridImport.done")}</Button>
        </Space>
      }
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />
      )}
      {applied && (
        <Result
          data-testid="reassign-result"
          status="success"
          title={t("reassign.applied", { n: applied.applied })}
          subTitle={t("reassign.skipped", { n: applied.skipped })}
        />
      )}
      {preview && !applied && (
        <div data-testid="reassign-preview">
          <Descriptions
            size="small"
            column={4}
            items={[
              { key: "checked", label: t("reassign.checked"), children: preview.checked },
              { key: "unchanged", label: t("reassign.unchanged"), children: preview.unchanged },
              { key: "kept", label: t("reassign.kept"), children: preview.kept },
              { key: "changes", label: t("reassign.changes"), children: preview.changes.length },
            ]}
          />
          <Table<ReassignmentChange>
            size="small"
            rowKey="siteId"
            dataSource={preview.changes}
            rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as string[]) }}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ y: 380 }}
            columns={[
              { title: t("sites.name"), dataIndex: "siteName", width: 180 },
              { title: t("reassign.from"), key: "from", render: (_, c) => <PartText part={c.from} /> },
              { title: t("reassign.to"), key: "to", render: (_, c) => <PartText part={c.to} /> },
              { title: t("reassign.reason"), dataIndex: "reason" },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
