import { routeGates } from "./access-table";

/** Region dashboards and the big screen (issue 13.2/13.3): the role decides at the route, the region in the command. */
export const dashboardGate = routeGates("dashboard");
