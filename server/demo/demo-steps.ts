import type { DemoStep } from "./create-demo";
import { demoCases } from "./demo-cases";

/** Steps that fill the demo county after its departments and accounts. Issues add theirs here, in order. */
export const demoSteps: DemoStep[] = [
  // Cases last: they use the demo sites when the grids/sites step (issue 3) has created them.
  demoCases,
];
