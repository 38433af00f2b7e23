import { Form, Input, Space } from "antd";
import type { Person } from "../../api/grids";
import { useI18n } from "../../i18n/i18n-context";

/** Same rule as the server: an 11-digit mobile number or a fixed line with area code. */
export const phonePattern = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export type PersonValue = { name?: string; phone?: string };

/** Form value → API value: a person only when a name is given. */
export const toPerson = (v: PersonValue | undefined): Person | null =>
  v?.name?.trim() ? { name: v.name.trim(), phone: v.phone?.trim() || null } : null;

export const fromPerson = (p: Person | null | undefined): PersonValue => ({
  name: p?.name ?? "",
  phone: p?.phone ?? "",
});

/** Name and phone of the supervision officer (安全监管责任人) or contact leader (联系负责人). */
export function PersonFields({
  field,
  label,
}: {
  field: "supervisionOfficer" | "contactLeader";
  label: string;
}) {
  const { t } = useI18n();
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Space.Compact block>
        <Form.Item name={[field, "name"]} noStyle>
          <Input placeholder={t("grids.personName")} style={{ width: "45%" }} data-testid={`${field}-name`} />
        </Form.Item>
        <Form.Item
          name={[field, "phone"]}
          noStyle
          rules={[{ pattern: phonePattern, message: t("grids.phoneRule") }]}
        >
          <Input
            placeholder={t("grids.personPhone")}
            style={{ width: "55%" }}
            data-testid={`${field}-phone`}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
