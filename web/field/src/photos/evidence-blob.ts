import { api } from "../api/http";
import { kvGet, kvSet } from "../store/db";

/** An evidence file from the phone (kv `evidence:<id>`), else downloaded once and kept (readable offline). */
export async function evidenceBlob(id: string): Promise<Blob> {
  const kept = await kvGet<Blob>(`evidence:${id}`);
  if (kept) return kept;
  const blob = await (await api(`/evidence/${encodeURIComponent(id)}`)).blob();
  await kvSet(`evidence:${id}`, blob);
  return blob;
}
