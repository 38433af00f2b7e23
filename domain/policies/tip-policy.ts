import { routeGates } from "./access-table";

/** Gates of the public tips' console routes (the rules are the access table's `tip` rows). */
export const tipGate = routeGates("tip");

/** Gates of the reward routes (the access table's `tipReward` rows). */
export const tipRewardGate = routeGates("tipReward");

/** Gates of the Open311 client / forwarding platform keys and the category mapping (`tipClient`). */
export const tipClientGate = routeGates("tipClient");
