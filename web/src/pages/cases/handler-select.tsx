import { Form, Input, Select } from "antd";
import { useEffect, useState } from "react";
import { type DepartmentMember, fetchDepartmentMembers } from "../../api/departments";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";

interface HandlerSelectProps {
  departmentId: string;
  /** The signed-in person, marked as such in the list. */
  selfId: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  "data-testid"?: string;
}

/** The active people of the department holding a case, the signed-in person marked. */
export function HandlerSelect({ departmentId, selfId, value, onChange, ...rest }: HandlerSelectProps) {
  const { t } = useI18n();
  const [members, setMembers] = useState<DepartmentMember[] | null>(null);
  useEffect(() => {
    let alive = true;
    setMembers(null);
    fetchDepartmentMembers(departmentId)
      .then((items) => alive && setMembers(items))
      .catch(() => alive && setMembers([]));
    return () => {
      alive = false;
    };
  }, [departmentId]);
  const list = members ?? [];
  const options = [...list.filter((m) => m.id === selfId), ...list.filter((m) => m.id !== selfId)].map(
    (m) => ({
      value: m.id,
      label: m.id === selfId ? `${m.displayName}（${t("action.handlerSelf")}）` : m.displayName,
    }),
  );
  return (
    <Select
      data-testid={rest["data-testid"]}
      showSearch={{ optionFilterProp: "label" }}
      loading={members === null}
      // until the names arrive, the signed-in person's id would show; keep the box empty instead
      value={members === null ? undefined : value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
    />
  );
}

/** The accept (签收) dialog: who handles the case (the signed-in person by default) and a note. */
export function AcceptFields({ departmentId }: { departmentId: string }) {
  const { t } = useI18n();
  const selfId = useSignedIn().user.id;
  return (
    <>
      <Form.Item name="handlerId" label={t("cases.handler")} extra={t("action.handlerHint")}>
        <HandlerSelect departmentId={departmentId} selfId={selfId} data-testid="action-handler" />
      </Form.Item>
      <Form.Item name="note" label={t("action.note")}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="action-note" />
      </Form.Item>
    </>
  );
}
