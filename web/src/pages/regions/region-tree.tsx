import { Alert, Empty, Spin, Tree, type TreeDataNode, Typography } from "antd";
import { useEffect, useMemo, useRef } from "react";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import type { RegionTreeData } from "./use-region-tree";

interface RegionTreeProps {
  data: RegionTreeData;
  expanded: string[];
  onExpand: (keys: string[]) => void;
  loadChildren: (code: string) => Promise<unknown>;
  selected: string | null;
  onSelect: (code: string) => void;
  loading: boolean;
  error: unknown;
}

type TreeApi = { scrollTo: (opts: { key: string; align?: "top" | "bottom" | "auto" }) => void };

function buildNodes(data: RegionTreeData, codes: string[]): TreeDataNode[] {
  return codes.flatMap((code) => {
    const region = data.regions.get(code);
    if (!region) return [];
    const kids = data.children.get(code);
    return [
      {
        key: code,
        title: (
          <span>
            {region.name}
            <Typography.Text type="secondary" className="region-tree-code">
              {" "}
              {code}
            </Typography.Text>
          </span>
        ),
        isLeaf: region.childCount === 0,
        children: kids ? buildNodes(data, kids) : undefined,
      },
    ];
  });
}

/** The region tree: roots first, children fetched when a node is expanded. */
export function RegionTree(props: RegionTreeProps) {
  const { data, expanded, selected } = props;
  const { t } = useI18n();
  const treeRef = useRef<TreeApi>(null);
  const treeData = useMemo(() => buildNodes(data, data.roots), [data]);

  useEffect(() => {
    if (selected && data.regions.has(selected)) {
      const id = window.setTimeout(() => treeRef.current?.scrollTo({ key: selected, align: "auto" }), 50);
      return () => window.clearTimeout(id);
    }
  }, [selected, data]);

  if (props.error) return <Alert type="error" showIcon title={errorMessage(props.error, t)} />;
  if (props.loading) return <Spin />;
  if (treeData.length === 0) return <Empty description={t("regions.noRoots")} />;

  return (
    <div data-testid="region-tree">
      <Tree
        ref={treeRef as never}
        treeData={treeData}
        height={520}
        showLine
        blockNode
        expandedKeys={expanded}
        selectedKeys={selected ? [selected] : []}
        onExpand={(keys) => props.onExpand(keys.map(String))}
        loadData={(node) => props.loadChildren(String(node.key)).then(() => undefined)}
        onSelect={(_keys, info) => props.onSelect(String(info.node.key))}
      />
    </div>
  );
}
