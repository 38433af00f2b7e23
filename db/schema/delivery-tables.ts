/** Document delivery (R15, issue 9). Timestamps ISO text, JSON as text. */

export interface DeliveryTable {
  id: string;
  /** The region the delivery was sent in (the filter's region): who reads it is decided on this. */
  regionCode: string;
  /** The sending department (null when an office sent it). */
  departmentId: string | null;
  title: string;
  body: string;
  documentEvidenceId: string | null;
  /** `YYYY-MM-DD` (Asia/Shanghai), the day it should be delivered by. */
  dueDate: string | null;
  /** JSON: the site filter the targets were resolved from. */
  filter: string;
  targetCount: number;
  createdBy: string;
  createdAt: string;
}

export interface DeliveryTargetTable {
  deliveryId: string;
  siteId: string;
  /** The site's name, region and grid when the delivery was sent (a snapshot). */
  siteName: string;
  regionCode: string;
  gridId: string | null;
  status: "pending" | "delivered" | "refused";
  recordId: string | null;
  removedAt: string | null;
}

export interface DeliveryRecordTable {
  /** The phone's outbox item id. */
  id: string;
  deliveryId: string;
  siteId: string;
  outcome: "delivered" | "refused";
  reason: string | null;
  clientAt: string;
  receivedAt: string;
  lng: number | null;
  lat: number | null;
  accuracy: number | null;
  distanceM: number | null;
  /** JSON array of field flags (far_from_site, …, site_reassigned). */
  flags: string;
  /** JSON array of evidence ids (photo or on-screen signature PNG). */
  evidenceIds: string;
  recordedBy: string;
}

export interface DeliveryTables {
  delivery: DeliveryTable;
  deliveryTarget: DeliveryTargetTable;
  deliveryRecord: DeliveryRecordTable;
}
