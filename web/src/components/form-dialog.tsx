import { Alert, Form, type FormInstance, Modal } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-context";
import { applyFormErrors, errorMessage } from "./error-message";

interface FormDialogProps<V> {
  open: boolean;
  title: string;
  form: FormInstance<V>;
  /** Field names, so 422 issues land on their fields. */
  fields: string[];
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
  width?: number;
  okText?: string;
  /** Extra handling of a failed submit (e.g. weak_password on the password field); true when handled. */
  onError?: (err: unknown, form: FormInstance<V>) => boolean;
  testId?: string;
}

/** A modal form: validates, submits, shows the server's message and puts field errors on the fields. */
export function FormDialog<V extends object>(props: FormDialogProps<V>) {
  const { t } = useI18n();
  const { open, form, initialValues } = props;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string[] | null>(null);

  // The form is filled when the dialog opens, not on every render: callers build `initialValues` afresh each
  // render, and a parent re-rendering while the dialog is open (a context refresh) wiped what was typed.
  const initial = useRef(initialValues);
  initial.current = initialValues;
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (initial.current) form.setFieldsValue(initial.current as never);
  }, [open, form]);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (err) {
      const handled = props.onError?.(err, form) ?? false;
      const leftover = applyFormErrors(form, err, props.fields);
      setError(handled ? null : [errorMessage(err, t), ...leftover]);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={props.title}
      width={props.width ?? 520}
      okText={props.okText ?? t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={submitting}
      onOk={submit}
      onCancel={props.onClose}
      mask={{ closable: false }}
      forceRender
    >
      <div data-testid={props.testId}>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={error[0]}
            description={error.length > 1 ? error.slice(1).join("；") : undefined}
          />
        )}
        <Form<V> form={form} layout="vertical" preserve={false}>
          {props.children}
        </Form>
      </div>
    </Modal>
  );
}
