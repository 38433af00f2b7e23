import { rebuildTally } from "../commands/dashboard/rebuild-tally";
import type { DemoStep } from "./create-demo";
import { demoCases } from "./demo-cases";
import { demoChecklists } from "./demo-checklists";
import { demoDeliveries } from "./demo-deliveries";
import { demoGrids } from "./demo-grids";
import { demoPatrols } from "./demo-patrols";
import { demoProviders } from "./demo-providers";
import { demoSites } from "./demo-sites";
import { demoTasks } from "./demo-tasks";
import { demoTips } from "./demo-tips";

/** Steps that fill the demo county after its departments and accounts. Issues add theirs here, in order. */
export const demoSteps: DemoStep[] = [
  // Grids and sites (issue 3) first: the later steps use them.
  demoGrids,
  demoSites,
  // Cases last: they use the demo sites when the grids/sites step (issue 3) has created them.
  demoCases,
  // The dashboards' rollup (issue 13.2) from the demo cases' trail (they are written directly, not by commands).
  async (deps) => {
    await rebuildTally(deps);
  },
  // Patrol records (issue 9) of the demo sites, so patrol coverage is not empty.
  demoPatrols,
  // Checklists (issue 9) after the cases: their one report goes through the case intake.
  demoChecklists,
  // Document delivery (issue 9, R15): uses the demo sites and their grid workers.
  demoDeliveries,
  // Outreach, assistance, the county's own task kind and training (issue 9: R14, R16, R17, R19).
  demoTasks,
  // Public tips (issue 12): cases from the public in 待受理, one with a sealed real-name identity.
  demoTips,
  // A third-party service organisation and an active engagement of the `provider` account (issue 14.2, R27).
  demoProviders,
];
