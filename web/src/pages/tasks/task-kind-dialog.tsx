import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, InputNumber, Select, Switch } from "antd";
import { taskFieldTypeLabel, taskFieldTypes } from "../../../../domain/tasks/task-form";
import { createTaskKind, type TaskKindDraft, type TaskKindView, updateTaskKind } from "../../api/tasks";
import { FormDialog } from "../../components/form-dialog";
import { useI18n } from "../../i18n/i18n-context";

type Values = TaskKindDraft & { code: string };

/** Defines a county's task kind or edits one (a changed form becomes the kind's next version). */
export function TaskKindDialog(props: {
  open: boolean;
  county: string;
  kind: TaskKindView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const { kind } = props;
  const initial: Partial<Values> = kind
    ? {
        code: kind.code,
        zh: kind.zh,
        en: kind.en === kind.zh ? undefined : kind.en,
        minPhotos: kind.minPhotos,
        fields: kind.fields,
      }
    : { minPhotos: 0, fields: [{ key: "", label: { zh: "" }, type: "text", required: true }] };
  return (
    <FormDialog<Values>
      open={props.open}
      title={kind ? t("tasks.editKind") : t("tasks.newKind")}
      form={form}
      fields={["code", "zh", "en", "minPhotos", "fields"]}
      initialValues={initial}
      width={760}
      testId="task-kind-dialog"
      onClose={props.onClose}
      onSubmit={async (v) => {
        const fields = v.fields.map((f) => ({
          ...f,
          required: !!f.required,
          options: f.type === "select" ? f.options : undefined,
        }));
        const draft = { zh: v.zh, en: v.en || undefined, minPhotos: v.minPhotos ?? 0, fields };
        if (kind?.id) await updateTaskKind(kind.id, { ...draft, version: kind.version });
        else await createTaskKind({ ...draft, regionCode: props.county, code: v.code });
        props.onSaved();
      }}
    >
      <Form.Item name="code" label={t("tasks.code")} extra={t("tasks.codeHint")} rules={[{ required: true }]}>
        <Input disabled={!!kind} data-testid="task-kind-code" />
      </Form.Item>
      <Form.Item name="zh" label={t("tasks.name")} rules={[{ required: true }]}>
        <Input maxLength={40} data-testid="task-kind-name" />
      </Form.Item>
      <Form.Item name="en" label={t("tasks.nameEn")}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="minPhotos" label={t("tasks.minPhotos")}>
        <InputNumber min={0} max={9} />
      </Form.Item>
      <Form.Item label={t("tasks.fields")} required>
        <Form.List name="fields">
          {(items, { add, remove }) => (
            <>
              {items.map((item) => (
                <div className="task-field-row" key={item.key} data-testid="task-field-row">
                  <Form.Item
                    name={[item.name, "label", "zh"]}
                    rules={[{ required: true, message: t("tasks.fieldLabel") }]}
                  >
                    <Input placeholder={t("tasks.fieldLabel")} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "key"]}
                    rules={[{ required: true, message: t("tasks.fieldKey") }]}
                  >
                    <Input placeholder={t("tasks.fieldKey")} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[item.name, "type"]} initialValue="text">
                    <Select
                      style={{ width: 100 }}
                      options={taskFieldTypes.map((ty) => ({
                        value: ty,
                        label: pick(taskFieldTypeLabel[ty]),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, "required"]} valuePropName="checked">
                    <Switch checkedChildren={t("tasks.required")} unCheckedChildren={t("tasks.optional")} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(["fields", item.name, "type"]) === "select" && (
                        <Form.Item
                          name={[item.name, "options"]}
                          rules={[{ required: true, message: t("tasks.options") }]}
                        >
                          <Select
                            mode="tags"
                            placeholder={t("tasks.options")}
                            style={{ minWidth: 200 }}
                            open={false}
                          />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    type="text"
                    danger
                    onClick={() => remove(item.name)}
                    aria-label="remove"
                  />
                </div>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ key: "", label: { zh: "" }, type: "text", required: false })}
                data-testid="task-field-add"
              >
                {t("tasks.addField")}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </FormDialog>
  );
}
