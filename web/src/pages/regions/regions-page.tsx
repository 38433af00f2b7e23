import { App as AntApp, Card } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { RegionDetail } from "./region-detail";
import { RegionSearch } from "./region-search";
import { RegionTree } from "./region-tree";
import { useRegionTree } from "./use-region-tree";

/** /regions: lazily loaded region tree, search by name or code, detail of the selected region. */
export function RegionsPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const tree = useRegionTree();
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<string | null>(params.get("code"));

  const select = useCallback(
    (code: string) => {
      setSelected(code);
      setParams({ code }, { replace: true });
    },
    [setParams],
  );

  /** From a search match or the detail panel: open the tree down to the region and select it. */
  const pick = useCallback(
    async (code: string) => {
      select(code);
      try {
        const inTree = await tree.reveal(code, { expandSelf: true });
        if (!inTree) message.info(t("regions.outsideTree"));
      } catch (err) {
        message.error(errorMessage(err, t));
      }
    },
    [select, tree.reveal, message, t],
  );

  // a region given in the address (?code=620123): open the tree down to it once the roots are there
  const initial = useRef(params.get("code"));
  const { loadingRoots, reveal } = tree;
  useEffect(() => {
    const code = initial.current;
    if (loadingRoots || !code) return;
    initial.current = null;
    reveal(code, { expandSelf: true }).catch(() => undefined);
  }, [loadingRoots, reveal]);

  return (
    <div className="region-layout">
      <Card title={t("regions.title")} size="small">
        <RegionSearch onPick={pick} />
        <div style={{ marginTop: 12 }}>
          <RegionTree
            data={tree.data}
            expanded={tree.expanded}
            onExpand={tree.setExpanded}
            loadChildren={tree.loadChildren}
            selected={selected}
            onSelect={select}
            loading={tree.loadingRoots}
            error={tree.rootsError}
          />
        </div>
      </Card>
      <Card title={t("regions.detail")} size="small" data-testid="region-detail">
        <RegionDetail code={selected} onPick={pick} />
      </Card>
    </div>
  );
}
