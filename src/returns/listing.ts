import pLimit from "p-limit";
import type { Logger } from "../logger.js";
import { StoreUnavailableError } from "../store/health.js";
import { canonicalFilter, decodeCursor, encodeCursor, filterFingerprint, type Positions } from "./cursor.js";
import { ReturnsError, UpstreamBudgetExceededError } from "./errors.js";
import { InFlight } from "./in-flight.js";
import type { Loaders } from "./loaders.js";
import { mergeSlices, type SourceSlice } from "./merge.js";
import { keyString, type ReturnOrder, type ReturnOrderFilter, type ReturnProvider } from "./model.js";
import type { ListResult, ReturnProviderAdapter } from "./ports.js";
import type { OrderRecorder } from "./recording.js";
import { withRecorded } from "./sent.js";

export const MAX_PAGE_SIZE = 100;
/** Provider accounts one page reads at the same time. */
const MAX_ACCOUNTS_AT_ONCE = 8;

export interface ProviderFailure {
  provider: ReturnProvider;
  account: string;
  code: string;
  message: string;
}

export interface ReturnOrderPage {
  edges: { cursor: string; node: ReturnOrder }[];
  endCursor: string | null;
  hasNextPage: boolean;
  providerErrors: ProviderFailure[];
  /** How many orders match over all sources; null when some source cannot say exactly. */
  totalCount: number | null;
}

export class PageSizeError extends Error {
  readonly code = "BAD_USER_INPUT";
}

/** Every list's bound on `first` (orders and the change feed alike). */
export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new PageSizeError(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}; got ${first}.`);
  }
}

/** One page over every account the caller may see, merged newest first; an account that fails is a `providerErrors` entry. */
export class MergedListing {
  /**
   * List slices being read right now, shared by identical concurrent pages (never kept after).
   * The request that starts a slice pays its calls; one that joins and sees it refused by the
   * starter's call budget reads the slice on its own budget.
   */
  private readonly inFlight = new InFlight<ListResult>({ retryAloneWhen: (error) => error instanceof UpstreamBudgetExceededError });

  constructor(
    private readonly recorder: OrderRecorder,
    private readonly logger: Logger,
  ) {}

  async page(
    adapters: ReturnProviderAdapter[],
    filter: ReturnOrderFilter & { providers?: ReturnProvider[] | null },
    first: number,
    after: string | null | undefined,
    loaders: Loaders,
  ): Promise<ReturnOrderPage> {
    checkPageSize(first);
    const fingerprint = filterFingerprint(filter);
    const sameFilter = canonicalFilter(filter);
    const base: Positions = after ? decodeCursor(after, fingerprint) : {};
    // A provider's own conditions hold only for its orders: the other providers are not asked.
    const own = Object.keys(filter.providerFilters ?? {});
    const sources = adapters.filter(
      (a) => (!filter.providers?.length || filter.providers.includes(a.provider)) && (own.length === 0 || own.includes(a.provider)),
    );
    const providerErrors: ProviderFailure[] = [];
    const slices: SourceSlice[] = [];
    // Per page, not per process: a limit shared by all requests would queue one request's
    // provider calls behind another's (each held for a provider's whole latency). Each account's
    // total is bounded by its HTTP client.
    const fanOut = pLimit(MAX_ACCOUNTS_AT_ONCE);
    await Promise.all(
      sources.map((adapter) =>
        fanOut(async () => {
          const source = `${adapter.provider}/${adapter.account}`;
          const start = base[source] ?? 0;
          if (start === "done") return;
          try {
            // Visibility was checked by the caller of `page`: the call itself does not depend on who asks.
            const key = `${source}\u0000${start}\u0000${first}\u0000${sameFilter}`;
            const result = await this.inFlight.run(key, () => adapter.list({ filter, offset: start, limit: first }));
            slices.push({ source, start, result });
          } catch (error) {
            providerErrors.push(this.failureOf(adapter, error));
          }
        }),
      ),
    );
    slices.sort((a, b) => (a.source < b.source ? -1 : 1));
    for (const adapter of sources) {
      const source = `${adapter.provider}/${adapter.account}`;
      if (base[source] === undefined) base[source] = 0;
    }
    const merged = mergeSlices(slices, first, base);
    const totals = slices.map((s) => s.result.total);
    // Exact only when every source that was asked answered with an exact count (a source already
    // read to its end is not asked again, so its count is unknown on later pages).
    const totalCount =
      providerErrors.length === 0 && slices.length === sources.length && totals.every((t) => typeof t === "number")
        ? totals.reduce((a: number, t) => a + (t as number), 0)
        : null;
    // What was sent fills what the providers leave out: one store read for the page.
    const known = await this.recorder.shown(merged.edges.map((e) => e.order));
    for (const edge of merged.edges) edge.order = withRecorded(edge.order, known.get(keyString(edge.order)));
    const orders = merged.edges.map((e) => e.order);
    for (const order of orders) loaders.orders.prime(order, order);
    await this.recorder.observe(orders);
    return {
      // Encoded only when asked for: most pages select `nodes`, not every edge's cursor.
      edges: merged.edges.map((e) => ({
        node: e.order,
        get cursor() {
          return encodeCursor(fingerprint, e.positions);
        },
      })),
      endCursor: merged.edges.length > 0 || merged.hasNextPage ? encodeCursor(fingerprint, merged.end) : null,
      hasNextPage: merged.hasNextPage || providerErrors.length > 0,
      providerErrors: providerErrors.sort((a, b) => `${a.provider}/${a.account}`.localeCompare(`${b.provider}/${b.account}`)),
      totalCount,
    };
  }

  private failureOf(adapter: ReturnProviderAdapter, error: unknown): ProviderFailure {
    const { provider, account } = adapter;
    if (error instanceof ReturnsError) return { provider, account, code: error.code, message: error.message };
    if (error instanceof StoreUnavailableError) {
      return {
        provider,
        account,
        code: "PROVIDER_UNAVAILABLE",
        message: `${provider} orders are read from the returns store, which is unavailable; retry shortly.`,
      };
    }
    this.logger.error({ err: error, provider, account }, "provider list failed unexpectedly");
    return { provider, account, code: "PROVIDER_UNAVAILABLE", message: `${provider} could not be read.` };
  }
}
