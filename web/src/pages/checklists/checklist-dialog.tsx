import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Checkbox, Form, Input, Select, Space } from "antd";
import { useMemo } from "react";
import { siteKindLabel, siteKinds } from "../../../../domain/site/site-kinds";
import {
  type ChecklistBody,
  createChecklist,
  type EffectiveChecklist,
  reviseChecklist,
} from "../../api/checklists";
import { FormDialog } from "../../components/form-dialog";
import { useI18n } from "../../i18n/i18n-context";

interface Values {
  title: string;
  siteKinds: string[];
  industries: string[];
  items: { id?: string; text: string; requirePhoto: boolean }[];
}

/**
 * New checklist, or a revision of one (saved as its next version): title, site kinds, industries and the
 * items (text, photo required), added, removed and edited in place.
 */
export function ChecklistDialog(props: {
  open: boolean;
  region: string;
  checklist: EffectiveChecklist | null;
  onClose: () => void;
  onSaved: (saved: EffectiveChecklist) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const { checklist } = props;
  const initialValues = useMemo<Partial<Values>>(
    () =>
      checklist
        ? {
            title: checklist.title,
            siteKinds: checklist.siteKinds,
            industries: checklist.industries,
            items: checklist.items.map((i) => ({ ...i })),
          }
        : { siteKinds: [], industries: [], items: [{ text: "", requirePhoto: false }] },
    [checklist],
  );

  const submit = async (v: Values) => {
    const body: ChecklistBody = {
      regionCode: props.region,
      title: v.title,
      siteKinds: v.siteKinds as ChecklistBody["siteKinds"],
      industries: v.industries ?? [],
      items: v.items.map((i) => ({
        ...(i.id ? { id: i.id } : {}),
        text: i.text,
        requirePhoto: !!i.requirePhoto,
      })),
      ...(checklist ? { version: checklist.version } : {}),
    };
    const saved = checklist ? await reviseChecklist(checklist.id, body) : await createChecklist(body);
    message.success(t("checklists.savedVersion", { n: saved.version }));
    props.onSaved(saved);
  };

  return (
    <FormDialog<Values>
      open={props.open}
      title={checklist ? t("checklists.dialogEdit", { n: checklist.version + 1 }) : t("checklists.dialogNew")}
      form={form}
      fields={["title", "siteKinds", "industries", "items"]}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={props.onClose}
      width={720}
      testId="checklist-dialog"
    >
      <Form.Item name="title" label={t("checklists.fieldTitle")} rules={[{ required: true, min: 2 }]}>
        <Input maxLength={60} data-testid="checklist-title" />
      </Form.Item>
      <Form.Item name="siteKinds" label={t("checklists.fieldKinds")} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          options={siteKinds.map((k) => ({ value: k, label: pick(siteKindLabel[k]) }))}
          data-testid="checklist-kinds"
        />
      </Form.Item>
      <Form.Item
        name="industries"
        label={t("checklists.fieldIndustries")}
        extra={t("checklists.industriesHint")}
      >
        <Select mode="tags" tokenSeparators={[",", " ", "，"]} open={false} />
      </Form.Item>
      <Form.Item label={t("checklists.fieldItems")} required>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: "100%" }}>
              {fields.map((field, index) => (
                <div key={field.key} className="checklist-item-row" data-testid="checklist-item-row">
                  <span className="checklist-item-no">{index + 1}.</span>
                  <Form.Item
                    name={[field.name, "text"]}
                    rules={[{ required: true, min: 4, message: t("checklists.itemText") }]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "requirePhoto"]}
                    valuePropName="checked"
                    style={{ marginBottom: 0 }}
                  >
                    <Checkbox>{t("checklists.photo")}</Checkbox>
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    aria-label={t("checklists.removeItem")}
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                  />
                </div>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ text: "", requirePhoto: false })}
                data-testid="checklist-add-item"
              >
                {t("checklists.addItem")}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
    </FormDialog>
  );
}
