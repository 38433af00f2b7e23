import type { CoreTables } from "./schema/core-tables";

/** Every table, by area. Later issues add their table groups here. */
export interface DB extends CoreTables {}
