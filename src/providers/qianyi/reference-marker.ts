// The idempotency key rides at the end of `remark` (Qianyi has no free reference field it filters
// on: `orderNumber` must name an existing Qianyi sales order), so an interrupted create can be
// found again by listing recent orders. The marker is stripped from the unified `remark`.
const MARKER = /\s*\[rs:([A-Za-z0-9_.:-]{1,128})\]$/;

export function withReferenceMarker(remark: string | null | undefined, reference: string | null): string | undefined {
  if (!reference) return remark ?? undefined;
  return remark ? `${remark} [rs:${reference}]` : `[rs:${reference}]`;
}

export function referenceMarkerOf(remark: string | null): string | null {
  return (remark !== null && MARKER.exec(remark)?.[1]) || null;
}

/** The seller's remark without the marker; null when nothing else is left. */
export function withoutMarker(remark: string | null): string | null {
  const rest = remark?.replace(MARKER, "") ?? "";
  return rest.length > 0 ? rest : null;
}
