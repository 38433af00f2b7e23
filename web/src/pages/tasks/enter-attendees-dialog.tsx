import { Alert, App as AntApp, Form, Input, Modal, Select } from "antd";
import { useEffect, useRef, useState } from "react";
import { type Role, roleLabel } from "../../../../domain/auth/roles";
import {
  type Attendance,
  type AttendeeCandidate,
  enterAttendees,
  fetchAttendeeCandidates,
} from "../../api/tasks";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

/**
 * 录入签到 (R19, issue 13.6): the organiser chooses people of the session's locality (searched by name) and
 * enters them as attendees, e.g. from a paper sign-in sheet; they show as 组织者录入 on the list.
 */
export function EnterAttendeesDialog(props: {
  training: { id: string; title: string } | null;
  onClose: () => void;
  onSaved: (items: Attendance[]) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const id = props.training?.id;
  const [form] = Form.useForm<{ userIds: string[]; note?: string }>();
  const [options, setOptions] = useState<AttendeeCandidate[]>([]);
  const [searching, setSearching] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const search = (q: string) => {
    if (!id) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setSearching(true);
      fetchAttendeeCandidates(id, q.trim() || undefined)
        .then((r) => setOptions(r.items))
        .catch(setError)
        .finally(() => setSearching(false));
    }, 250);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new session starts a new list
  useEffect(() => {
    setOptions([]);
    setError(null);
    form.resetFields();
    if (id) search("");
    return () => clearTimeout(timer.current);
  }, [id]);
  const submit = async () => {
    if (!id) return;
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const saved = await enterAttendees(id, v.userIds, v.note?.trim() || undefined);
      message.success(t("training.entered", { n: v.userIds.length }));
      props.onSaved(saved.items);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!id}
      title={t("training.enterTitle", { title: props.training?.title ?? "" })}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: saving, ...{ "data-testid": "enter-attendees-submit" } }}
      destroyOnHidden
      data-testid="enter-attendees-dialog"
    >
      {error != null && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(error, t)}
          style={{ marginBottom: 12 }}
          data-testid="enter-attendees-error"
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="userIds" label={t("training.enterPeople")} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: search }}
            loading={searching}
            placeholder={t("training.enterSearch")}
            data-testid="enter-attendees-people"
            options={options.map((p) => ({
              value: p.id,
              disabled: p.attending,
              label: `${p.name} · ${pick(roleLabel[p.role as Role])}${p.attending ? `（${t("training.attending")}）` : ""}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t("training.enterNote")}>
          <Input
            maxLength={200}
            placeholder={t("training.enterNoteHint")}
            data-testid="enter-attendees-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
