import { Alert, Form, Input, Modal, Typography } from "antd";
import { useEffect, useState } from "react";
import { type BulkDispatchResult, bulkDispatch, type CaseRow } from "../../api/cases";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { useI18n } from "../../i18n/i18n-context";
import { DepartmentSelect } from "./department-select";

interface BulkDispatchDialogProps {
  rows: CaseRow[] | null;
  onClose: () => void;
  onDone: (results: BulkDispatchResult[]) => void;
}

/** Dispatches the selected cases to one department; each case on its own, failures listed. */
export function BulkDispatchDialog({ rows, onClose, onDone }: BulkDispatchDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ departmentId: string; note?: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState<(BulkDispatchResult & { number: string })[]>([]);
  const open = rows !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    setFailures([]);
  }, [open, form]);

  const submit = async () => {
    if (!rows) return;
    let values: { departmentId: string; note?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const results = await bulkDispatch(
        rows.map((r) => r.id),
        values.departmentId,
        values.note?.trim() || undefined,
      );
      const numbers = new Map(rows.map((r) => [r.id, r.number]));
      const failed = results
        .filter((r) => !r.ok)
        .map((r) => ({ ...r, number: numbers.get(r.caseId) ?? r.caseId }));
      setFailures(failed);
      onDone(results);
      if (failed.length === 0) onClose();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("bulk.title")}
      okText={t("bulk.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={submitting}
      okButtonProps={{ ...{ "data-testid": "bulk-submit" } }}
      onOk={submit}
      onCancel={onClose}
      mask={{ closable: false }}
      forceRender
    >
      <div data-testid="bulk-dispatch-dialog">
        <Typography.Paragraph type="secondary">
          {t("bulk.intro", { n: rows?.length ?? 0 })}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {failures.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("bulk.failures")}
            description={
              <ItemList
                size="small"
                dataSource={failures}
                renderItem={(f) => (
                  <ListRow>
                    <span className="case-number">{f.number}</span>：{f.message ?? f.code ?? f.status}
                  </ListRow>
                )}
              />
            }
          />
        )}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="departmentId"
            label={t("bulk.department")}
            rules={[{ required: true, message: t("form.choose", { label: t("bulk.department") }) }]}
          >
            <DepartmentSelect
              county={(rows?.[0]?.regionCode ?? "").slice(0, 6)}
              data-testid="bulk-department"
            />
          </Form.Item>
          <Form.Item name="note" label={t("bulk.note")}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
