import { Form, Input } from "antd";
import { checkPassword } from "../../../../domain/auth/password-policy";
import { ApiError } from "../../api/client";
import type { User } from "../../api/types";
import { resetUserPassword } from "../../api/users";
import { FormDialog } from "../../components/form-dialog";
import { useI18n } from "../../i18n/i18n-context";

interface Values {
  password: string;
  confirm: string;
}

/** Sets a new password for another user (administrators and offices). */
export function PasswordDialog(props: { user: User | null; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { user } = props;

  return (
    <FormDialog<Values>
      open={user !== null}
      title={t("users.resetPasswordOf", { name: user?.displayName ?? "" })}
      form={form}
      fields={["password"]}
      onSubmit={async (v) => {
        if (!user) return;
        await resetUserPassword(user.id, v.password);
        props.onSaved();
      }}
      onError={(err) => {
        if (err instanceof ApiError && err.code === "weak_password")
          form.setFields([{ name: "password", errors: [err.message] }]);
        return false;
      }}
      onClose={props.onClose}
      testId="password-dialog"
    >
      <Form.Item
        name="password"
        label={t("users.newPassword")}
        extra={t("users.passwordHint")}
        rules={[
          { required: true },
          {
            validator: async (_, value: string) => {
              if (!value || !user) return;
              const problems = checkPassword(value, [user.username, user.displayName]);
              if (problems.length)
                throw new Error(problems.map((p) => (lang === "en" ? p.en : p.zh)).join("；"));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("users.confirmPassword")}
        dependencies={["password"]}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: async (_, value: string) => {
              if (value && value !== getFieldValue("password")) throw new Error(t("users.passwordMismatch"));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormDialog>
  );
}
