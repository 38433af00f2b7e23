import { Alert, Button, Card, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import { type GridKind, gridKindLabel, gridKinds } from "../../../../domain/schemas/grid-schemas";
import { type Grid, mergeGrids } from "../../api/grids";
import { errorMessage } from "../../components/error-message";
import { GridName } from "../../components/grid-name";
import { ItemList, ListRow } from "../../components/item-list";
import { useI18n } from "../../i18n/i18n-context";

export type MergeCandidate = { id: string; code: string; name: string };

/** Merging the chosen grids into one: the originals are retired, their workers united. */
export function GridMergePanel(props: {
  grids: MergeCandidate[];
  onRemove: (id: string) => void;
  onDone: (grid: Grid) => void;
  onClose: () => void;
  bordered?: boolean;
}) {
  const { t, pick } = useI18n();
  const [name, setName] = useState(props.grids[0]?.name ?? "");
  const [kind, setKind] = useState<GridKind | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onDone(
        await mergeGrids(
          props.grids.map((g) => g.id),
          name.trim(),
          kind,
        ),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      className="sg-side-panel"
      title={t("grids.mergeTitle", { n: props.grids.length })}
      extra={
        <Button size="small" type="text" onClick={props.onClose}>
          {t("common.cancel")}
        </Button>
      }
      data-testid="merge-panel"
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 8 }} />
      )}
      <ItemList
        size="small"
        dataSource={props.grids}
        renderItem={(g) => (
          <ListRow
            style={{ paddingInline: 0 }}
            actions={[
              <Typography.Link key="remove" onClick={() => props.onRemove(g.id)}>
                {t("grids.mergeRemove")}
              </Typography.Link>,
            ]}
          >
            <GridName name={g.name} code={g.code} />
          </ListRow>
        )}
      />
      <Space orientation="vertical" style={{ width: "100%", marginTop: 8 }}>
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t("grids.mergeName")} />
        <Select<GridKind>
          allowClear
          style={{ width: "100%" }}
          value={kind}
          onChange={setKind}
          placeholder={t("grids.mergeKeepKind")}
          options={gridKinds.map((k) => ({ value: k, label: pick(gridKindLabel[k]) }))}
        />
        <Button
          type="primary"
          onClick={merge}
          loading={busy}
          disabled={props.grids.length < 2 || !name.trim()}
        >
          {t("grids.mergeConfirm")}
        </Button>
      </Space>
    </Card>
  );
}
