import type { DemoStep } from "./create-demo";
import { demoCases } from "./demo-cases";
import { demoGrids } from "./demo-grids";
import { demoSites } from "./demo-sites";
import { demoTips } from "./demo-tips";

/** Steps that fill the demo county after its departments and accounts. Issues add theirs here, in order. */
export const demoSteps: DemoStep[] = [
  // Grids and sites (issue 3) first: the later steps use them.
  demoGrids,
  demoSites,
  // Cases last: they use the demo sites when the grids/sites step (issue 3) has created them.
  demoCases,
  // Public tips (issue 12): cases from the public in 待受理, one with a sealed real-name identity.
  demoTips,
];
