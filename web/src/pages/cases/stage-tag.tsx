import { Tag } from "antd";
import { type CaseStage, caseStageLabel } from "../../../../domain/case/case-types";
import { useI18n } from "../../i18n/i18n-context";

const colour: Record<CaseStage, string> = {
  reported: "magenta",
  triaged: "purple",
  dispatched: "geekblue",
  handling: "blue",
  parked: "default",
  awaiting_recheck: "cyan",
  rechecked: "lime",
  closed: "green",
  rejected: "default",
};

/** The stage as a coloured tag (the label from the domain, in the console language). */
export function StageTag({ stage }: { stage: CaseStage }) {
  const { pick } = useI18n();
  return (
    <Tag color={colour[stage]} data-stage={stage}>
      {pick(caseStageLabel[stage], stage)}
    </Tag>
  );
}
