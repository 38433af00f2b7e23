/**
 * Whether a case is new or changed for a user: "new" when they never opened it, "changed" when it was
 * updated after they last opened it, null when they have seen its current state.
 */
export function seenState(updatedAt: string, seenAt: string | undefined): "new" | "changed" | null {
  if (seenAt === undefined) return "new";
  return updatedAt > seenAt ? "changed" : null;
}
