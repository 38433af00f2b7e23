import { PlusOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Badge, Button, Card, Table, Tabs } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { reportsCases } from "../../../../domain/case/case-policy";
import { openingQueue } from "../../../../domain/workbench/workbench-indicators";
import { downloadCasesExport } from "../../api/case-files";
import { type CaseQueue, type CaseRow, fetchCaseQueues, fetchCases, type QueueCount } from "../../api/cases";
import { errorMessage } from "../../components/error-message";
import { ExportButton } from "../../components/export-button";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { BulkDispatchDialog } from "./bulk-dispatch-dialog";
import { caseColumns } from "./case-columns";
import { CaseFilters } from "./case-filters";
import { useCaseFilter } from "./use-case-filter";
import "./cases.css";

/** /cases: the work queues of the actor's role as tabs with counts, filters, bulk dispatch and export. */
export function CasesPage() {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [queues, setQueues] = useState<QueueCount[] | null>(null);
  // Opens on the tab that has work: the default when it has items, else the first queue that does.
  const { filter, update, reset } = useCaseFilter(queues ? openingQueue(queues) : undefined);
  const [rows, setRows] = useState<CaseRow[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<CaseRow[]>([]);
  const [dispatching, setDispatching] = useState<CaseRow[] | null>(null);
  const [filterKey, setFilterKey] = useState(0);

  const loadQueues = useCallback(() => {
    fetchCaseQueues()
      .then(setQueues)
      .catch((err) => {
        setQueues([]);
        setError(err);
      });
  }, []);
  useEffect(loadQueues, [loadQueues]);

  const ready = queues !== null;
  const load = useCallback(async () => {
    if (!ready) return;
    setLoading(true);
    setError(null);
    try {
      const res = await fetchCases(filter);
      setRows(res.items);
      setTotal(res.total);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [filter, ready]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloaded in the new language (labels come from the server)
  useEffect(() => {
    load();
  }, [load, lang]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter clears the selection
  useEffect(() => setSelected([]), [filter]);

  const canBulk = user.role === "lead_department" && filter.queue === "to_triage";
  const tabs = [...(queues ?? [])];
  if (ready && !tabs.some((q) => q.queue === "all"))
    tabs.push({ queue: "all", zh: "全部", en: "All", count: -1 });

  const onExport = (reason: string | undefined) => {
    const stamp = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    return downloadCasesExport(filter, `${t("cases.title")}-${filter.queue ?? "all"}-${stamp}.xlsx`, reason);
  };

  return (
    <Card
      title={t("cases.title")}
      className="page-card"
      extra={
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <ExportButton kind="cases" download={onExport} label={t("cases.export")} testId="case-export" />
          {reportsCases(user.role) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate("/cases/new")}
              data-testid="case-report"
            >
              {t("cases.report")}
            </Button>
          )}
        </div>
      }
    >
      <Tabs
        className="case-queue-tabs"
        data-testid="case-queues"
        activeKey={filter.queue}
        onChange={(queue) => update({ queue: queue as CaseQueue })}
        items={tabs.map((q) => ({
          key: q.queue,
          label: (
            <span className="case-queue-label" data-testid={`queue-${q.queue}`}>
              {lang === "en" ? q.en : q.zh}
              {q.count >= 0 && (
                <Badge
                  count={q.count >= 10_000 ? "10000+" : q.count}
                  showZero
                  overflowCount={99_999}
                  color={
                    q.queue === "overdue" && q.count > 0 ? "#cf1322" : q.count > 0 ? "#1554ad" : "#bfbfbf"
                  }
                />
              )}
            </span>
          ),
        }))}
      />
      <CaseFilters
        key={filterKey}
        value={filter}
        onChange={(patch) => update(patch)}
        onReset={() => {
          reset();
          setFilterKey((k) => k + 1);
        }}
      />
      {canBulk && (
        <div className="toolbar">
          <Button
            icon={<SendOutlined />}
            disabled={selected.length === 0}
            onClick={() => setDispatching(selected)}
            data-testid="bulk-dispatch"
          >
            {t("cases.bulkDispatch", { n: selected.length })}
          </Button>
        </div>
      )}
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<CaseRow>
        data-testid="case-table"
        rowKey="id"
        size="middle"
        loading={loading || !ready}
        dataSource={rows}
        columns={caseColumns({ t, lang })}
        scroll={{ x: 1100 }}
        rowClassName={(row) => `case-row-${row.deadlineState}`}
        rowSelection={
          canBulk
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_, list) => setSelected(list),
                getCheckboxProps: (row) => ({ disabled: row.stage !== "triaged" }),
              }
            : undefined
        }
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total,
          showSizeChanger: true,
          showTotal: (n) => t("common.total", { n }),
          onChange: (page, pageSize) => update({ page, pageSize }, false),
        }}
      />
      <BulkDispatchDialog
        rows={dispatching}
        onClose={() => setDispatching(null)}
        onDone={(results) => {
          const ok = results.filter((r) => r.ok).length;
          message.info(t("bulk.done", { ok, failed: results.length - ok }));
          load();
          loadQueues();
        }}
      />
    </Card>
  );
}
