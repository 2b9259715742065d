import type { LookupRequest } from "../../returns/ports.js";

const DAY_MS = 86_400_000;

export interface WindowGroup {
  from: Date;
  to: Date;
  numbers: string[];
}

/**
 * Groups orders whose creation dates are known into date windows no wider than `maxSpanDays`,
 * so that one window query can answer several of them. Pure; the adapter decides per group
 * whether scanning the window or asking number by number is cheaper.
 */
export function groupByCreationWindow(requests: LookupRequest[], maxSpanDays: number): WindowGroup[] {
  const known = requests
    .filter((r): r is LookupRequest & { createdAt: Date } => r.createdAt != null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const groups: WindowGroup[] = [];
  for (const request of known) {
    const current = groups.at(-1);
    if (current && request.createdAt.getTime() - current.from.getTime() <= maxSpanDays * DAY_MS) {
      current.to = request.createdAt;
      current.numbers.push(request.providerOrderNo);
    } else {
      groups.push({ from: request.createdAt, to: request.createdAt, numbers: [request.providerOrderNo] });
    }
  }
  return groups;
}
