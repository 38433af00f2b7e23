import type { DemoStep } from "./create-demo";

/** Steps that fill the demo county after its departments and accounts. Issues add theirs here, in order. */
export const demoSteps: DemoStep[] = [];
