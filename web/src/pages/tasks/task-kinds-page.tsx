import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Grid,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useCallback, useState } from "react";
import { taskFieldTypeLabel } from "../../../../domain/tasks/task-form";
import { fetchTaskKinds, type TaskKindView, updateTaskKind } from "../../api/tasks";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useLoad } from "../../components/use-load";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { TaskKindDialog } from "./task-kind-dialog";
import "./tasks.css";

/** /task-kinds (任务类型配置): the built-in kinds and a county's own, with their forms; the county's offices edit. */
export function TaskKindsPage() {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = useSignedIn();
  const own = user.scope[0]?.length >= 6 ? user.scope[0].slice(0, 6) : undefined;
  const [county, setCounty] = useState<string | undefined>(own);
  const [dialog, setDialog] = useState<{ kind: TaskKindView | null } | null>(null);
  const fetch = useCallback(() => (county ? fetchTaskKinds(county, true) : null), [county]);
  const { data, loading, error, reload } = useLoad(fetch);
  const kinds = data ?? [];
  const narrow = !Grid.useBreakpoint().md;
  const fieldsText = (k: TaskKindView) =>
    k.fields
      .map((f) => `${f.label.zh}（${pick(taskFieldTypeLabel[f.type])}${f.required ? "，必填" : ""}）`)
      .join("、") + (k.minPhotos > 0 ? `；${t("tasks.minPhotos")} ${k.minPhotos}` : "");
  const canManage = !!county && user.scope.some((s) => county.startsWith(s));

  const setStatus = async (k: TaskKindView, status: "active" | "retired") => {
    try {
      await updateTaskKind(k.id!, { version: k.version, status });
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Card
      title={t("tasks.kindsTitle")}
      className="page-card"
      data-testid="task-kinds-page"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: null })}
            data-testid="task-kind-new"
          >
            {t("tasks.newKind")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("tasks.kindsIntro")}</Typography.Paragraph>
      {!own && (
        <Space className="task-toolbar">
          <span>{t("tasks.county")}</span>
          <RegionCascader
            value={county}
            onChange={setCounty}
            maxLevel="county"
            placeholder={t("tasks.pickCounty")}
            style={{ minWidth: 220 }}
          />
        </Space>
      )}
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!county ? (
        <Empty description={t("tasks.pickCounty")} />
      ) : (
        <Table<TaskKindView>
          rowKey="code"
          loading={loading}
          dataSource={kinds}
          pagination={false}
          scroll={narrow ? undefined : { x: 720 }}
          rowClassName={(k) => (k.status === "retired" ? "row-muted" : "")}
          columns={[
            {
              title: t("tasks.name"),
              dataIndex: "zh",
              width: 180,
              render: (_: string, k) => (
                <Space orientation="vertical" size={0}>
                  {/* the kind by its name; its code (for exports and the API) on hover */}
                  <span title={k.code} data-code={k.code}>
                    {pick(k)}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("tasks.version", { n: k.version })}
                  </Typography.Text>
                  {narrow && <span className="task-values">{fieldsText(k)}</span>}
                </Space>
              ),
            },
            {
              title: t("tasks.fields"),
              key: "fields",
              responsive: ["md"],
              render: (_: unknown, k) => (
                <span className="task-values">
                  {k.fields
                    .map(
                      (f) =>
                        `${f.label.zh}（${pick(taskFieldTypeLabel[f.type])}${f.required ? "，必填" : ""}）`,
                    )
                    .join("、")}
                  {k.minPhotos > 0 ? `；${t("tasks.minPhotos")} ${k.minPhotos}` : ""}
                </span>
              ),
            },
            {
              title: t("common.status"),
              key: "status",
              width: 130,
              render: (_: unknown, k) => (
                <Space size={4} wrap>
                  <Tag color={k.builtIn ? "blue" : "green"}>
                    {k.builtIn ? t("tasks.builtIn") : t("tasks.custom")}
                  </Tag>
                  {k.status === "retired" && <Tag>{t("tasks.retired")}</Tag>}
                </Space>
              ),
            },
            {
              title: t("common.actions"),
              key: "actions",
              width: 140,
              render: (_: unknown, k) =>
                k.abilities.manage && (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setDialog({ kind: k })}
                      data-testid={`task-kind-edit-${k.code}`}
                    >
                      {t("common.edit")}
                    </Button>
                    {k.status === "active" ? (
                      <Popconfirm title={t("tasks.retireConfirm")} onConfirm={() => setStatus(k, "retired")}>
                        <Button type="link" size="small" danger>
                          {t("tasks.retire")}
                        </Button>
                      </Popconfirm>
                    ) : (
                      <Button type="link" size="small" onClick={() => setStatus(k, "active")}>
                        {t("tasks.restore")}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      )}
      {!canManage && county && (
        <Alert type="info" showIcon title={t("tasks.readOnly")} style={{ marginTop: 12 }} />
      )}
      {county && (
        <TaskKindDialog
          open={dialog !== null}
          county={county}
          kind={dialog?.kind ?? null}
          onClose={() => setDialog(null)}
          onSaved={reload}
        />
      )}
    </Card>
  );
}
