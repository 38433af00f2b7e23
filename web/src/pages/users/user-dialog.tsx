import { Col, Form, Input, Row, Select } from "antd";
import { useEffect, useMemo, useState } from "react";
import { checkPassword } from "../../../../domain/auth/password-policy";
import { departmentRoles, type Role, roleLabel, roles } from "../../../../domain/auth/roles";
import { ApiError } from "../../api/client";
import { fetchDepartments } from "../../api/departments";
import type { Department, User } from "../../api/types";
import { createUser, updateUser } from "../../api/users";
import { FormDialog } from "../../components/form-dialog";
import { RegionMultiSelect } from "../../components/region-multi-select";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";

interface Values {
  username: string;
  displayName: string;
  role: Role;
  scope: string[];
  departmentId?: string | null;
  phone?: string;
  password: string;
}

const fields = ["username", "displayName", "role", "scope", "departmentId", "phone", "password"];

/** Create (no `user`) or edit a user: role, scope, department and phone. */
export function UserDialog(props: {
  open: boolean;
  user: User | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const { user } = props;
  const role = Form.useWatch("role", form);
  const scope = Form.useWatch("scope", form);
  const [departments, setDepartments] = useState<Department[]>([]);
  const needsDepartment = !!role && departmentRoles.includes(role);
  const county = (scope ?? []).find((c) => c.length >= 6)?.slice(0, 6);

  useEffect(() => {
    if (!needsDepartment || !county) return setDepartments([]);
    fetchDepartments(county)
      .then((r) => setDepartments(r.items.filter((d) => d.status === "active")))
      .catch(() => setDepartments([]));
  }, [needsDepartment, county]);

  const initialValues = useMemo<Partial<Values>>(
    () =>
      user
        ? {
            displayName: user.displayName,
            role: user.role,
            scope: user.scope,
            departmentId: user.departmentId,
            phone: user.phone ?? undefined,
          }
        : { scope: [] },
    [user],
  );

  const choose = (label: MessageKey) => t("form.choose", { label: t(label) });

  const onSubmit = async (v: Values) => {
    const common = {
      displayName: v.displayName.trim(),
      role: v.role,
      scope: v.scope,
      departmentId: needsDepartment ? (v.departmentId ?? null) : null,
      phone: v.phone?.trim() ? v.phone.trim() : null,
    };
    if (user) await updateUser(user.id, common);
    else await createUser({ ...common, username: v.username.trim(), password: v.password });
    props.onSaved();
  };

  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.code === "weak_password") {
      form.setFields([{ name: "password", errors: [err.message] }]);
    }
    return false;
  };

  return (
    <FormDialog<Values>
      open={props.open}
      title={user ? t("users.edit", { name: user.username }) : t("users.new")}
      form={form}
      fields={fields}
      initialValues={initialValues}
      onSubmit={onSubmit}
      onError={onError}
      onClose={props.onClose}
      width={600}
      testId="user-dialog"
    >
      <Row gutter={16}>
        <Col span={12}>
          {user ? (
            <Form.Item label={t("users.username")}>
              <Input value={user.username} disabled />
            </Form.Item>
          ) : (
            <Form.Item
              name="username"
              label={t("users.username")}
              rules={[
                { required: true, whitespace: true, max: 64 },
                { pattern: /^[A-Za-z0-9_.-]+$/, message: t("users.usernameRule") },
              ]}
            >
              <Input autoComplete="off" data-testid="user-username" />
            </Form.Item>
          )}
        </Col>
        <Col span={12}>
          <Form.Item
            name="displayName"
            label={t("users.displayName")}
            rules={[{ required: true, whitespace: true, max: 64 }]}
          >
            <Input data-testid="user-display-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="role"
            label={t("users.role")}
            rules={[{ required: true, message: choose("users.role") }]}
          >
            <Select
              options={roles.map((r) => ({ value: r, label: pick(roleLabel[r]) }))}
              data-testid="user-role"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="phone"
            label={t("users.phone")}
            rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t("users.phoneRule") }]}
          >
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="scope"
        label={t("users.scope")}
        extra={t("users.scopeHint")}
        rules={[{ required: true, type: "array", min: 1, message: choose("users.scope") }]}
      >
        <RegionMultiSelect data-testid="user-scope" />
      </Form.Item>
      {needsDepartment && (
        <Form.Item
          name="departmentId"
          label={t("users.department")}
          rules={[{ required: true, message: choose("users.department") }]}
          extra={county ? undefined : t("users.departmentHint")}
        >
          <Select
            allowClear
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
            notFoundContent={t("users.noDepartments")}
          />
        </Form.Item>
      )}
      {!user && (
        <Form.Item
          name="password"
          label={t("users.password")}
          extra={t("users.passwordHint")}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: async (_, value: string) => {
                if (!value) return;
                const context = [getFieldValue("username") ?? "", getFieldValue("displayName") ?? ""];
                const problems = checkPassword(value, context);
                if (problems.length)
                  throw new Error(problems.map((p) => (lang === "en" ? p.en : p.zh)).join("；"));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      )}
    </FormDialog>
  );
}
