import type { AssessmentTables } from "./schema/assessment-tables";
import type { BackupTables } from "./schema/backup-tables";
import type { CaseTables } from "./schema/case-tables";
import type { ChecklistTables } from "./schema/checklist-tables";
import type { CoreTables } from "./schema/core-tables";
import type { DeliveryTables } from "./schema/delivery-tables";
import type { EvidenceTables } from "./schema/evidence-tables";
import type { GridTables } from "./schema/grid-tables";
import type { PatrolTables } from "./schema/patrol-tables";
import type { PrintTables } from "./schema/print-tables";
import type { ProviderTables } from "./schema/provider-tables";
import type { SettingTables } from "./schema/setting-tables";
import type { TallyTables } from "./schema/tally-tables";
import type { TaskTables } from "./schema/task-tables";
import type { TipTables } from "./schema/tip-tables";
import type { UploadTables } from "./schema/upload-tables";
import type { WorkbenchTables } from "./schema/workbench-tables";

/** Every table, by area. Later issues add their table groups here. */
export interface DB
  extends CoreTables,
    CaseTables,
    GridTables,
    SettingTables,
    BackupTables,
    EvidenceTables,
    UploadTables,
    PatrolTables,
    ChecklistTables,
    DeliveryTables,
    TaskTables,
    TipTables,
    WorkbenchTables,
    PrintTables,
    ProviderTables,
    TallyTables,
    AssessmentTables {}
