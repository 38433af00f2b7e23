import { Alert, Button, Form, Input, Select, Space } from "antd";
import { useEffect, useState } from "react";
import type { Polygon } from "../../../../domain/geo/geometry";
import { type GridKind, gridKindLabel, gridKinds } from "../../../../domain/schemas/grid-schemas";
import { ApiError } from "../../api/client";
import { createGrid, type Grid, type Problem, validateGrid } from "../../api/grids";
import { applyFormErrors, errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import type { Flagged } from "./grid-draw-panel";
import { PersonFields, type PersonValue, toPerson } from "./person-fields";
import { VillageSelect } from "./village-select";

interface Values {
  regionCode: string;
  name: string;
  kind: GridKind;
  villageCodes: string[];
  supervisionOfficer?: PersonValue;
  contactLeader?: PersonValue;
}

const flag = (list: Problem[], severity: Flagged["severity"]): Flagged[] =>
  list.map((problem) => ({ problem, severity }));

/** Problems of a refused save (422 invalid_geometry → details.problems). */
export function problemsOf(err: unknown): Problem[] {
  if (!(err instanceof ApiError)) return [];
  const list = (err.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(list) ? (list as Problem[]) : [];
}

/** The details of a drawn grid; checks it with the server when the region is chosen, then saves it. */
export function GridCreateForm(props: {
  geometry: Polygon;
  initialRegion?: string;
  /** Errors (not warnings) are on the map: saving would be refused. */
  blocked: boolean;
  setProblems: (problems: Flagged[]) => void;
  onCreated: (grid: Grid) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const region = Form.useWatch("regionCode", form);
  const [checking, setChecking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { geometry, setProblems } = props;

  useEffect(() => {
    if (!region || (region.length !== 9 && region.length !== 12)) return;
    let alive = true;
    setChecking(true);
    validateGrid({ geometry, regionCode: region })
      .then((r) => {
        if (!alive) return;
        setProblems([...flag(r.errors, "error"), ...flag(r.warnings, "warning")]);
      })
      .catch((err) => alive && setError(errorMessage(err, t)))
      .finally(() => alive && setChecking(false));
    return () => {
      alive = false;
    };
  }, [region, geometry, setProblems, t]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const grid = await createGrid({
        regionCode: v.regionCode,
        name: v.name.trim(),
        kind: v.kind,
        villageCodes: v.villageCodes ?? [],
        geometry,
        supervisionOfficer: toPerson(v.supervisionOfficer),
        contactLeader: toPerson(v.contactLeader),
      });
      props.onCreated(grid);
    } catch (err) {
      const problems = problemsOf(err);
      if (problems.length) setProblems(flag(problems, "error"));
      const leftover = applyFormErrors(form, err, ["regionCode", "name", "kind", "villageCodes"]);
      setError([errorMessage(err, t), ...leftover].join("；"));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="small"
      initialValues={{ regionCode: props.initialRegion, kind: "village", villageCodes: [] }}
      data-testid="grid-create-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form.Item
        name="regionCode"
        label={t("grids.region")}
        extra={t("grids.regionHint")}
        rules={[
          { required: true, message: t("grids.regionRequired") },
          {
            validator: (_, v?: string) =>
              !v || v.length === 9 || v.length === 12
                ? Promise.resolve()
                : Promise.reject(t("grids.regionRequired")),
          },
        ]}
      >
        <RegionCascader maxLevel="village" anyLevel data-testid="grid-region" onChange={() => undefined} />
      </Form.Item>
      <Form.Item name="name" label={t("grids.name")} rules={[{ required: true, whitespace: true, max: 60 }]}>
        <Input data-testid="grid-name" placeholder={t("grids.namePlaceholder")} />
      </Form.Item>
      <Form.Item name="kind" label={t("grids.kind")} rules={[{ required: true }]}>
        <Select options={gridKinds.map((k) => ({ value: k, label: pick(gridKindLabel[k]) }))} />
      </Form.Item>
      <Form.Item name="villageCodes" label={t("grids.villages")}>
        <VillageSelect township={region} />
      </Form.Item>
      <PersonFields field="supervisionOfficer" label={t("grids.supervisionOfficer")} />
      <PersonFields field="contactLeader" label={t("grids.contactLeader")} />
      <Space style={{ marginTop: 8 }}>
        <Button
          type="primary"
          onClick={save}
          loading={saving}
          disabled={checking || props.blocked}
          data-testid="grid-create-save"
        >
          {t("grids.createSave")}
        </Button>
        {props.blocked && <span className="ant-form-item-explain-error">{t("grids.fixFirst")}</span>}
      </Space>
    </Form>
  );
}
