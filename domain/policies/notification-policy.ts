import { routeGates } from "./access-table";

/** A notification is its recipient's: every account reads and marks its own inbox, nobody else's. */
export const notificationGate = routeGates("notification");
