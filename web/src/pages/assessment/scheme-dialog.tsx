import { DeleteOutlined, InfoCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Col,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { type CatalogueIndicator, createScheme, type SubjectLevel } from "../../api/assessment";
import { ApiError, validationIssues } from "../../api/client";
import { FormDialog } from "../../components/form-dialog";
import { RegionName } from "../../components/region-name";
import { useI18n } from "../../i18n/i18n-context";
import { type RuleKind, type SchemeValues, toSchemeInput, weightSum } from "./scheme-values";

const levels: SubjectLevel[] = ["township", "grid_worker", "department"];
type FieldError = { name: (string | number)[]; errors: string[] };
const setErrors = (form: FormInstance<SchemeValues>, fields: FieldError[]) => form.setFields(fields as never);

function showSchemeErrors(err: unknown, form: FormInstance<SchemeValues>): boolean {
  if (!(err instanceof ApiError)) return false;
  const values = form.getFieldsValue(true) as SchemeValues;
  if (err.code === "weights_not_100") {
    setErrors(form, [
      ...(values.indicators ?? []).map((_i, n) => ({
        name: ["indicators", n, "weight"],
        errors: [err.message],
      })),
      ...(values.manualItems ?? []).map((_m, n) => ({
        name: ["manualItems", n, "maxPoints"],
        errors: [err.message],
      })),
    ]);
    return false;
  }
  if (err.code === "unknown_indicator") {
    const id = (err.details as { indicatorId?: string } | undefined)?.indicatorId;
    const n = (values.indicators ?? []).findIndex((i) => i.indicatorId === id);
    if (n >= 0) setErrors(form, [{ name: ["indicators", n, "indicatorId"], errors: [err.message] }]);
    return false;
  }
  const issues = validationIssues(err);
  if (issues.length === 0) return false;
  setErrors(
    form,
    issues.map((i) => ({
      name: i.path
        .flatMap((p): (string | number)[] => (typeof p === "string" ? p.split(".") : [p]))
        .map((p) => (/^\d+$/.test(String(p)) ? Number(p) : p)),
      errors: [i.message],
    })),
  );
  return false;
}

function RuleFields({ field }: { field: number }) {
  const { t } = useI18n();
  const kind = Form.useWatch(["indicators", field, "rule", "kind"]) as RuleKind | undefined;
  const num = (
    name: (string | number)[],
    label: string,
    testId: string,
    extra?: { min?: number; max?: number },
  ) => (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, message: t("assess.required") }]}
      style={{ marginBottom: 8 }}
    >
      <InputNumber style={{ width: "100%" }} {...extra} data-testid={testId} />
    </Form.Item>
  );
  if (kind === "linear")
    return (
      <Row gutter={8}>
        <Col xs={12}>{num([field, "rule", "floor"], t("assess.floor"), `ind-${field}-floor`)}</Col>
        <Col xs={12}>{num([field, "rule", "target"], t("assess.target"), `ind-${field}-target`)}</Col>
      </Row>
    );
  if (kind === "deduction")
    return (
      <Row gutter={8}>
        <Col xs={12}>
          {num([field, "rule", "perEvent"], t("assess.perEvent"), `ind-${field}-per-event`, { min: 0 })}
        </Col>
        <Col xs={12}>
          <Form.Item
            name={[field, "rule", "max"]}
            label={t("assess.maxDeduction")}
            style={{ marginBottom: 8 }}
          >
            <InputNumber style={{ width: "100%" }} min={0} data-testid={`ind-${field}-max`} />
          </Form.Item>
        </Col>
      </Row>
    );
  if (kind === "threshold")
    return (
      <>
        <Form.Item
          name={[field, "rule", "direction"]}
          label={t("assess.direction")}
          style={{ marginBottom: 8 }}
        >
          <Select
            options={[
              { value: "higher", label: t("assess.direction.higher") },
              { value: "lower", label: t("assess.direction.lower") },
            ]}
          />
        </Form.Item>
        <Form.List name={[field, "rule", "steps"]}>
          {(steps, { add, remove }) => (
            <>
              {steps.map((s) => (
                <Space key={s.key} align="start" wrap>
                  <Form.Item
                    name={[s.name, "bound"]}
                    rules={[{ required: true, message: t("assess.required") }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber
                      placeholder={t("assess.bound")}
                      data-testid={`ind-${field}-step-${s.name}-bound`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[s.name, "percent"]}
                    rules={[{ required: true, message: t("assess.required") }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber
                      min={0}
                      max={100}
                      suffix="%"
                      placeholder={t("assess.percent")}
                      data-testid={`ind-${field}-step-${s.name}-percent`}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(s.name)}
                    aria-label={t("assess.remove")}
                  />
                </Space>
              ))}
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                style={{ marginBottom: 8 }}
              >
                {t("assess.addStep")}
              </Button>
            </>
          )}
        </Form.List>
      </>
    );
  return null;
}

/** 新建考核方案: indicators from the catalogue with weights and rules, manual items; weights add up to 100. */
export function SchemeDialog(props: {
  open: boolean;
  onClose: () => void;
  onSaved: (id: string) => void;
  catalogue: CatalogueIndicator[];
  regions: string[];
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<SchemeValues>();
  const values = Form.useWatch([], form) as SchemeValues | undefined;
  const level = values?.level ?? "grid_worker";
  const sum = weightSum(values);
  const byId = new Map(props.catalogue.map((c) => [c.id, c]));
  const options = props.catalogue
    .filter((c) => c.levels.includes(level))
    .map((c) => ({
      value: c.id,
      label: (
        <Tooltip title={pick(c.formula)} placement="right">
          <span data-testid={`ind-option-${c.id}`}>{pick(c)}</span>
        </Tooltip>
      ),
    }));
  return (
    <FormDialog<SchemeValues>
      open={props.open}
      title={t("assess.newScheme")}
      form={form}
      width={820}
      fields={["name", "regionCode", "level"]}
      testId="scheme-dialog"
      initialValues={{
        regionCode: props.regions[0],
        level: "grid_worker",
        indicators: [{ rule: { kind: "linear" } }],
        manualItems: [],
      }}
      onError={showSchemeErrors}
      onSubmit={async (v) => {
        if (weightSum(v) !== 100) {
          const msg = t("assess.weightsNot100", { sum: weightSum(v) });
          setErrors(
            form,
            (v.indicators ?? []).map((_i, n) => ({ name: ["indicators", n, "weight"], errors: [msg] })),
          );
          throw new Error(msg);
        }
        const made = await createScheme(toSchemeInput(v));
        props.onSaved(made.id);
      }}
      onClose={props.onClose}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={t("assess.schemeName")}
            rules={[{ required: true, message: t("assess.required") }]}
          >
            <Input maxLength={80} data-testid="scheme-name" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="regionCode"
            label={t("assess.region")}
            rules={[{ required: true, message: t("assess.required") }]}
          >
            <Select options={props.regions.map((r) => ({ value: r, label: <RegionName code={r} /> }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="level" label={t("assess.level")} rules={[{ required: true }]}>
            <Select
              data-testid="scheme-level"
              options={levels.map((l) => ({ value: l, label: t(`assess.level.${l}`) }))}
              onChange={() => form.setFieldValue("indicators", [{ rule: { kind: "linear" } }])}
            />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" style={{ margin: "4px 0 12px" }}>
        {t("assess.indicators")}{" "}
        <Tag color={sum === 100 ? "green" : "red"} data-testid="weight-sum">
          {t("assess.weightSum", { sum })}
        </Tag>
      </Divider>
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: "100%" }} size={8}>
            {fields.map((f) => {
              const chosen = byId.get(values?.indicators?.[f.name]?.indicatorId ?? "");
              return (
                <Card
                  key={f.key}
                  size="small"
                  data-testid={`ind-${f.name}`}
                  extra={
                    <Button
                      size="small"
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t("assess.remove")}
                    />
                  }
                  title={
                    <Space size={4}>
                      {chosen ? pick(chosen) : t("assess.indicator")}
                      {chosen && (
                        <Tooltip title={pick(chosen.formula)}>
                          <InfoCircleOutlined data-testid={`ind-${f.name}-formula`} />
                        </Tooltip>
                      )}
                    </Space>
                  }
                >
                  <Row gutter={8}>
                    <Col xs={24} md={10}>
                      <Form.Item
                        name={[f.name, "indicatorId"]}
                        label={t("assess.indicator")}
                        rules={[{ required: true, message: t("assess.required") }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Select options={options} data-testid={`ind-${f.name}-id`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item
                        name={[f.name, "weight"]}
                        label={t("assess.weight")}
                        rules={[{ required: true, message: t("assess.required") }]}
                        style={{ marginBottom: 8 }}
                      >
                        <InputNumber
                          min={0}
                          max={100}
                          style={{ width: "100%" }}
                          data-testid={`ind-${f.name}-weight`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={9}>
                      <Form.Item
                        name={[f.name, "rule", "kind"]}
                        label={t("assess.rule")}
                        style={{ marginBottom: 8 }}
                      >
                        <Select
                          data-testid={`ind-${f.name}-rule`}
                          options={(["linear", "threshold", "deduction"] as const).map((k) => ({
                            value: k,
                            label: t(`assess.rule.${k}`),
                          }))}
                          onChange={(k: RuleKind) =>
                            form.setFieldValue(
                              ["indicators", f.name, "rule"],
                              k === "threshold" ? { kind: k, direction: "higher", steps: [{}] } : { kind: k },
                            )
                          }
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <RuleFields field={f.name} />
                </Card>
              );
            })}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ rule: { kind: "linear" } })}
              data-testid="add-indicator"
            >
              {t("assess.addIndicator")}
            </Button>
          </Space>
        )}
      </Form.List>
      <Divider titlePlacement="start" style={{ margin: "16px 0 12px" }}>
        {t("assess.manualItems")}
      </Divider>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t("assess.manualHint")}
      </Typography.Paragraph>
      <Form.List name="manualItems">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item
                  name={[f.name, "zh"]}
                  rules={[{ required: true, message: t("assess.required") }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input
                    placeholder={t("assess.manualName")}
                    maxLength={60}
                    data-testid={`manual-${f.name}-name`}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, "maxPoints"]}
                  rules={[{ required: true, message: t("assess.required") }]}
                  style={{ marginBottom: 8 }}
                >
                  <InputNumber
                    min={0}
                    max={100}
                    placeholder={t("assess.maxPoints")}
                    data-testid={`manual-${f.name}-points`}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => remove(f.name)}
                  aria-label={t("assess.remove")}
                />
              </Space>
            ))}
            <div>
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-manual">
                {t("assess.addManual")}
              </Button>
            </div>
          </>
        )}
      </Form.List>
    </FormDialog>
  );
}
