import type { ListResult } from "./ports.js";
import type { Positions } from "./cursor.js";
import type { ReturnOrder } from "./model.js";
import { compareNewestFirst } from "./paging.js";

export interface SourceSlice {
  source: string;
  start: number;
  result: ListResult;
}

export interface MergedEdge {
  order: ReturnOrder;
  /** Positions right after this order: the edge's cursor. */
  positions: Positions;
}

/**
 * Merges the newest-first slices of several sources into one newest-first page of at most
 * `first`. An order is served only when no source could still hold a newer one: a source that
 * stopped early (its `frontier`) holds back everything older than where it stopped.
 * Pure: positions in, positions out.
 */
export function mergeSlices(slices: SourceSlice[], first: number, base: Positions): { edges: MergedEdge[]; end: Positions; hasNextPage: boolean } {
  // Built field by field: slices come from several providers' scans, and spreading their entries
  // made this the merge's hottest line.
  const candidates: { order: ReturnOrder; next: number; source: string }[] = [];
  for (const s of slices) for (const { order, next } of s.result.orders) candidates.push({ order, next, source: s.source });
  candidates.sort((a, b) => compareNewestFirst(a.order, b.order));
  const frontiers = slices.filter((s) => !s.result.exhausted && s.result.orders.length < first && s.result.frontier).map((s) => s.result.frontier!);
  // A source that stopped early without finding anything has no frontier order but may still
  // hold newer orders than anyone else's: then nothing may be served from others on this page.
  const blockedAll = slices.some((s) => !s.result.exhausted && s.result.orders.length === 0 && !s.result.frontier && s.result.scanEnd > s.start);

  const positions: Positions = { ...base };
  const taken = new Map<string, number>();
  const edges: MergedEdge[] = [];
  for (const c of candidates) {
    if (edges.length >= first || blockedAll) break;
    if (frontiers.some((f) => compareNewestFirst(c.order, f) > 0)) break;
    positions[c.source] = c.next;
    taken.set(c.source, (taken.get(c.source) ?? 0) + 1);
    edges.push({ order: c.order, positions: { ...positions } });
  }

  const end: Positions = { ...positions };
  let hasNextPage = false;
  for (const s of slices) {
    const used = taken.get(s.source) ?? 0;
    if (used === s.result.orders.length) {
      // Everything this source found was served: resume after all it scanned.
      end[s.source] = s.result.exhausted ? "done" : s.result.scanEnd;
    }
    if (end[s.source] !== "done") hasNextPage = true;
  }
  return { edges, end, hasNextPage };
}
