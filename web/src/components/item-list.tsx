import { Empty, Listy, Pagination, type PaginationProps, Spin, theme } from "antd";
import { Children, type HTMLAttributes, type Key, type ReactNode, useState } from "react";
import "./item-list.css";

export interface ItemListProps<T> {
  dataSource: readonly T[];
  renderItem: (item: T, index: number) => ReactNode;
  /** A stable key per item (default: its position). */
  rowKey?: (item: T) => Key;
  size?: "small";
  header?: ReactNode;
  loading?: boolean;
  /** Shown when there are no items (default: the simple empty picture, as antd's List showed). */
  empty?: ReactNode;
  /** Pages of the list: without `total`, the items are paged here; with it, the caller pages. */
  pagination?: false | PaginationProps;
  style?: React.CSSProperties;
  className?: string;
  "data-testid"?: string;
}

/**
 * A list of rows on antd's Listy (antd 6.6 deprecates List), drawn as List drew it: rows split by a line,
 * small or default padding, an optional header, loading, an empty text and pages. Rows are `ListRow`s.
 */
export function ItemList<T>(props: ItemListProps<T>) {
  const { token } = theme.useToken();
  const paging = props.pagination || null;
  const [current, setCurrent] = useState(paging?.defaultCurrent ?? 1);
  const [pageSize, setPageSize] = useState(paging?.defaultPageSize ?? 10);
  const page = {
    current,
    pageSize,
    ...(paging ?? {}),
    total: paging?.total ?? props.dataSource.length,
  };
  page.current = Math.max(1, Math.min(page.current, Math.ceil(page.total / page.pageSize)));
  const first = (page.current - 1) * page.pageSize;
  // paged here unless the caller gives only the page it shows (as List did)
  const shown =
    paging && props.dataSource.length > first
      ? props.dataSource.slice(first, first + page.pageSize)
      : props.dataSource;
  const offset = shown === props.dataSource ? 0 : first;
  const rows = shown.map((item, i) => ({ item, index: offset + i }));
  const vars = {
    "--sg-list-text": token.colorText,
    "--sg-list-split": token.colorSplit,
    "--sg-list-description": token.colorTextDescription,
    "--sg-list-disabled": token.colorTextDisabled,
  } as React.CSSProperties;
  const className = [
    "sg-list",
    props.size === "small" ? "sg-list-sm" : "",
    paging ? "sg-list-paged" : "",
    props.className ?? "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={className} style={{ ...vars, ...props.style }} data-testid={props["data-testid"]}>
      {props.header != null && <div className="sg-list-header">{props.header}</div>}
      <Spin spinning={!!props.loading}>
        {rows.length > 0 ? (
          <Listy
            items={rows}
            virtual={false}
            rowKey={(r) => (props.rowKey ? props.rowKey(r.item) : r.index)}
            classNames={{ item: "sg-list-slot" }}
            styles={{ item: { padding: 0, border: "none", background: "none" } }}
            itemRender={(r) => props.renderItem(r.item, r.index)}
          />
        ) : props.loading ? (
          <div style={{ minHeight: 53 }} />
        ) : (
          <div className="sg-list-empty">{props.empty ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}</div>
        )}
      </Spin>
      {paging && (
        <div className="sg-list-pagination">
          <Pagination
            align="end"
            {...page}
            onChange={(p, size) => {
              setCurrent(p);
              setPageSize(size);
              paging.onChange?.(p, size);
            }}
          />
        </div>
      )}
    </div>
  );
}

/**
 * One row of an `ItemList` (as List.Item): its content, then `actions` at the end split by thin lines.
 * Text mixed with elements flows as text (List's "no-flex" row); otherwise the parts are spread in a line.
 */
export function ListRow({
  children,
  actions,
  className,
  ...rest
}: HTMLAttributes<HTMLDivElement> & { actions?: ReactNode[]; [data: `data-${string}`]: unknown }) {
  const parts = Children.toArray(children);
  const flowing = parts.length > 1 && parts.some((p) => typeof p === "string");
  return (
    <div
      className={["sg-list-item", flowing ? "sg-list-item-flow" : "", className ?? ""]
        .filter(Boolean)
        .join(" ")}
      {...rest}
    >
      {children}
      {actions && actions.length > 0 && (
        <ul className="sg-list-item-action">
          {actions.map((action, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: actions are a fixed list in their place
            <li key={i}>
              {action}
              {i !== actions.length - 1 && <em className="sg-list-item-action-split" />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A row's title and description (as List.Item.Meta). */
export function ListRowMeta(props: { title?: ReactNode; description?: ReactNode }) {
  return (
    <div className="sg-list-item-meta">
      <div className="sg-list-item-meta-content">
        {props.title != null && <h4 className="sg-list-item-meta-title">{props.title}</h4>}
        {props.description != null && (
          <div className="sg-list-item-meta-description">{props.description}</div>
        )}
      </div>
    </div>
  );
}
