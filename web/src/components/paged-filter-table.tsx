import { Alert, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useState } from "react";
import { useI18n } from "../i18n/i18n-context";
import { errorMessage } from "./error-message";
import { useLoad } from "./use-load";

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * A filtered, paged list read from the server: the filter (a change goes back to page 1), the paging, the
 * answer, and `reset` (clears the filter and remounts the filter inputs through `filterKey`).
 */
export function usePagedFilter<F extends object, T>(
  fetch: (filter: F, page: number, size: number) => Promise<Page<T>>,
) {
  const [filter, setFilter] = useState<F>({} as F);
  const [filterKey, setFilterKey] = useState(0);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const load = useLoad(
    useCallback(() => fetch(filter, paging.page, paging.pageSize), [fetch, filter, paging]),
  );
  const change = (patch: Partial<F>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const reset = () => {
    setFilter({} as F);
    setFilterKey((k) => k + 1);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return { ...load, filter, filterKey, paging, setPaging, change, reset };
}

interface PagedList<T> {
  data: Page<T> | null;
  loading: boolean;
  error: unknown;
  paging: { page: number; pageSize: number };
  setPaging(paging: { page: number; pageSize: number }): void;
}

/** The list of `usePagedFilter`: its error, the rows, the total, page size changes. */
export function PagedFilterTable<T extends { id: string | number }>(props: {
  list: PagedList<T>;
  columns: ColumnsType<T>;
  scrollX: number;
  testId: string;
}) {
  const { t } = useI18n();
  const { data, loading, error, paging, setPaging } = props.list;
  return (
    <>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<T>
        rowKey="id"
        size="small"
        loading={loading}
        columns={props.columns}
        dataSource={data?.items ?? []}
        scroll={{ x: props.scrollX }}
        data-testid={props.testId}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t("trailBrowse.total", { n }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </>
  );
}
