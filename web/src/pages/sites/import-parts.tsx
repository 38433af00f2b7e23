import { Alert, Radio, Result, Table, Tag } from "antd";
import type { Crs } from "../../../../domain/geo/coordinates";
import type { ImportMode } from "../../../../domain/schemas/grid-schemas";
import type { RowError } from "../../api/sites";
import { useI18n } from "../../i18n/i18n-context";

/** WGS84 / GCJ-02 / BD-09: the coordinate system the file's coordinates are in. */
export function CrsChoice(props: { value?: Crs; onChange?: (crs: Crs) => void }) {
  const { t } = useI18n();
  return (
    <Radio.Group
      value={props.value}
      onChange={(e) => props.onChange?.(e.target.value as Crs)}
      data-testid="import-crs"
      options={[
        { value: "WGS84", label: t("import.crs.WGS84") },
        { value: "GCJ02", label: t("import.crs.GCJ02") },
        { value: "BD09", label: t("import.crs.BD09") },
      ]}
    />
  );
}

/** 全部成功才导入 / 导入有效行. */
export function ImportModeChoice(props: { value?: ImportMode; onChange?: (mode: ImportMode) => void }) {
  const { t } = useI18n();
  return (
    <Radio.Group
      value={props.value}
      onChange={(e) => props.onChange?.(e.target.value as ImportMode)}
      data-testid="import-mode"
      options={[
        { value: "all_or_nothing", label: t("import.mode.all_or_nothing") },
        { value: "keep_good", label: t("import.mode.keep_good") },
      ]}
    />
  );
}

/** Every problem of a file or a row: row number, column, code and message. */
export function RowErrorTable(props: { errors: RowError[]; rowLabel?: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Table<RowError & { key: number }>
      size="small"
      data-testid={props.testId ?? "import-errors"}
      dataSource={props.errors.map((e, key) => ({ ...e, key }))}
      pagination={props.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      columns={[
        { title: props.rowLabel ?? t("import.row"), dataIndex: "row", width: 80 },
        {
          title: t("import.column"),
          dataIndex: "column",
          width: 140,
          render: (c: string | null) => c ?? "—",
        },
        { title: t("import.code"), dataIndex: "code", width: 170, render: (c: string) => <Tag>{c}</Tag> },
        { title: t("import.message"), dataIndex: "message" },
      ]}
    />
  );
}

/** The outcome of an import: what was imported, what was kept out and why. */
export function ImportResultView(props: {
  imported: number;
  rejected: number;
  total: number;
  kept: boolean;
  errors: RowError[];
  /** All errors when the list holds only the first ones. */
  errorCount?: number;
  rowLabel?: string;
}) {
  const { t } = useI18n();
  const more = (props.errorCount ?? 0) > props.errors.length;
  const status = props.errors.length === 0 ? "success" : props.imported > 0 ? "warning" : "error";
  return (
    <div data-testid="import-result">
      <Result
        status={status}
        style={{ padding: "12px 0" }}
        title={t("import.resultTitle", { imported: props.imported, total: props.total })}
        subTitle={
          props.errors.length === 0
            ? t("import.allGood")
            : props.kept
              ? t("import.keptGood", { rejected: props.rejected })
              : t("import.nothingKept", { rejected: props.rejected })
        }
      />
      {props.errors.length > 0 && (
        <>
          <Alert
            type="info"
            showIcon
            title={t("import.fixAndRetry")}
            description={
              more
                ? t("import.firstErrors", { shown: props.errors.length, n: props.errorCount ?? 0 })
                : undefined
            }
            style={{ marginBottom: 8 }}
          />
          <RowErrorTable errors={props.errors} rowLabel={props.rowLabel} />
        </>
      )}
    </div>
  );
}
