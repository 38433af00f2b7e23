/**
 * Route validators for bodies parsed by the command (after the access gate), so the answer names the exact
 * problem in Chinese with a stable code: Fastify hands the part over as it came.
 */
export const passThrough = () => (data: unknown) => ({ value: data });

/** For routes with params: the body goes to the command; the other parts pass as they came, as before. */
export const bodyByCommand = ({ httpPart }: { httpPart?: string }) =>
  httpPart === "body" ? passThrough() : (d: unknown) => ({ value: d });
