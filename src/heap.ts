import { setFlagsFromString } from "node:v8";

/**
 * Caps how far V8 grows the heap between full collections. By default V8 lets it grow to a
 * multiple of what survived the last one when allocation is fast, and a busy subgraph allocates
 * fast (graphql-js builds a fresh result tree per page), so memory under load is mostly garbage
 * not yet collected. A fixed growth bound holds it lower at the same CPU per page, where a fixed
 * old-space size cost CPU (the README's Performance section has the figures).
 * V8 reads this flag at every collection, so setting it at start-up takes effect.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
