import { Alert, Button, Form, Modal, Select, Space, Spin, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import {
  fetchGrid,
  fetchGridWorkers,
  type Grid,
  type GridWorker,
  type GridWorkerCandidate,
  setGridWorkers,
  updateGrid,
} from "../../api/grids";
import { applyFormErrors, errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { GridWorkerTable } from "./grid-worker-table";
import { fromPerson, PersonFields, type PersonValue, toPerson } from "./person-fields";

type Values = { supervisionOfficer?: PersonValue; contactLeader?: PersonValue };

const samePerson = (a: ReturnType<typeof toPerson>, b: ReturnType<typeof toPerson>) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * A grid's staff (R3, R9): grid workers (full-time or part-time; one person may serve several grids),
 * the supervision officer (安全监管责任人) and the contact leader (联系负责人).
 */
export function GridStaffDialog(props: {
  gridId: string | null;
  onClose: () => void;
  onSaved: (grid: Grid) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [grid, setGrid] = useState<Grid | null>(null);
  const [workers, setWorkers] = useState<GridWorker[]>([]);
  const [candidates, setCandidates] = useState<GridWorkerCandidate[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<number | undefined>(undefined);
  const { gridId } = props;

  useEffect(() => {
    setGrid(null);
    setError(null);
    if (!gridId) return;
    let alive = true;
    fetchGrid(gridId)
      .then((g) => {
        if (!alive) return;
        setGrid(g);
        setWorkers(g.workers);
        return fetchGridWorkers({ region: g.townshipCode.slice(0, 6), pageSize: 100 });
      })
      .then((res) => alive && res && setCandidates(res.items))
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [gridId]);

  // the form mounts with the grid: fill it after that render
  useEffect(() => {
    if (grid)
      form.setFieldsValue({
        supervisionOfficer: fromPerson(grid.supervisionOfficer),
        contactLeader: fromPerson(grid.contactLeader),
      });
  }, [grid, form]);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      fetchGridWorkers({ region: grid?.townshipCode.slice(0, 6), q: q.trim() || undefined, pageSize: 100 })
        .then((res) => setCandidates(res.items))
        .catch(() => undefined);
    }, 300);
  };

  const add = (id: string) => {
    const c = candidates.find((x) => x.id === id);
    if (!c || workers.some((w) => w.userId === id)) return;
    setWorkers((list) => [
      ...list,
      { userId: c.id, displayName: c.displayName, phone: c.phone, employment: "full_time" },
    ]);
  };

  const save = async () => {
    if (!grid) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      let current = grid;
      const wanted = workers.map((w) => ({ userId: w.userId, employment: w.employment }));
      const before = grid.workers.map((w) => ({ userId: w.userId, employment: w.employment }));
      if (JSON.stringify(wanted) !== JSON.stringify(before)) current = await setGridWorkers(grid.id, wanted);
      const officer = toPerson(v.supervisionOfficer);
      const leader = toPerson(v.contactLeader);
      if (!samePerson(officer, grid.supervisionOfficer) || !samePerson(leader, grid.contactLeader))
        current = await updateGrid(grid.id, {
          version: current.version,
          supervisionOfficer: officer,
          contactLeader: leader,
        });
      props.onSaved(current);
      props.onClose();
    } catch (err) {
      applyFormErrors(form, err, ["supervisionOfficer", "contactLeader"]);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const otherGrids = (id: string) =>
    (candidates.find((c) => c.id === id)?.grids ?? []).filter((g) => g.id !== grid?.id).map((g) => g.name);

  return (
    <Modal
      open={gridId !== null}
      title={grid ? t("grids.staffTitle", { name: grid.name }) : t("grids.staffEdit")}
      width={640}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={save}
      confirmLoading={saving}
      onCancel={props.onClose}
      okButtonProps={{ disabled: !grid, "data-testid": "staff-save" } as never}
      destroyOnHidden
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />
      )}
      {!grid && !error && <Spin />}
      {grid && (
        <div data-testid="staff-dialog">
          <Typography.Title level={5}>{t("grids.workers")}</Typography.Title>
          {workers.length === 0 && (
            <Alert type="warning" showIcon title={t("grids.noWorkerGap")} style={{ marginBottom: 8 }} />
          )}
          <GridWorkerTable workers={workers} otherGrids={otherGrids} onChange={setWorkers} />
          <Space.Compact block style={{ marginTop: 8, marginBottom: 16 }}>
            <Select
              style={{ width: "100%" }}
              data-testid="worker-add"
              value={null}
              placeholder={t("grids.workerAdd")}
              onChange={(id: string) => add(id)}
              showSearch={{ filterOption: false, onSearch: search }}
              options={candidates
                .filter((c) => !workers.some((w) => w.userId === c.id))
                .map((c) => ({
                  value: c.id,
                  label: `${c.displayName}${c.grids.length ? `（${t("grids.servesN", { n: c.grids.length })}）` : ""}`,
                }))}
            />
            <Button onClick={() => search("")}>{t("common.refresh")}</Button>
          </Space.Compact>
          <Form<Values> form={form} layout="vertical">
            <PersonFields field="supervisionOfficer" label={t("grids.supervisionOfficer")} />
            <PersonFields field="contactLeader" label={t("grids.contactLeader")} />
          </Form>
        </div>
      )}
    </Modal>
  );
}
