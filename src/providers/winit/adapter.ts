import pLimit, { type LimitFunction } from "p-limit";
import { LOOKUPS_AT_ONCE } from "../kit/lookups.js";
import { parseWire } from "../kit/wire.js";
import {
  failedLookup,
  type AttemptSearch,
  type ChangeTracking,
  type LookupAnswer,
  type LookupRequest,
  type ListRequest,
  type ListResult,
  type ProviderFeatures,
  type ReturnProviderAdapter,
} from "../../returns/ports.js";
import { ProviderRejectedError, ProviderUnavailableError, type FieldViolation } from "../../returns/errors.js";
import {
  changedWithin,
  type CreateAttempt,
  type CreateOutcome,
  type CreateReturnOrderCommand,
  type OrderCapabilities,
  type ProviderCreateCommand,
  type ReturnOrder,
  type ReturnOrderFilter,
} from "../../returns/model.js";
import { scanPages, sliceGathered } from "../../returns/paging.js";
import { WINIT_ACTIONS, type WinitClient } from "./client.js";
import { groupByCreationWindow } from "./lookup-plan.js";
import { parseCreateAnswer, parseOrder, readOrder } from "./mapper.js";
import { createViolations, toCreateRequest, toListRequest, type WinitListFilter } from "./requests.js";
import { winitCapabilities } from "./status.js";
import { winitCreateAnswerSchema, winitListAnswerSchema, winitVoidAnswerSchema, type WinitListAnswer } from "./wire.js";

const DAY_MS = 86_400_000;
export const WINIT_MAX_PAGE_SIZE = 200;

export interface WinitWindows {
  /** The list's window when the filter gives no `createdFrom`. */
  listWindowDays: number;
  /** How far back a lookup by number reaches when the order's creation date is unknown. */
  lookbackDays: number;
}

const NO_ORDERS: WinitListAnswer = { pageParams: null, list: [] };

export class WinitAdapter implements ReturnProviderAdapter {
  readonly provider = "WINIT" as const;
  readonly features: ProviderFeatures = { create: true, update: false, cancel: true, receivesPushes: false };
  /** WINIT reports no update time and pushes nothing: the orders known here that are still open are read again (by creation windows). */
  readonly changeTracking: ChangeTracking = { by: "open-orders" };

  constructor(
    readonly account: string,
    private readonly client: WinitClient,
    private readonly windows: WinitWindows,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  validateCreate(command: CreateReturnOrderCommand): FieldViolation[] {
    return createViolations(command);
  }

  async create(command: ProviderCreateCommand, attempt: CreateAttempt | null): Promise<CreateOutcome> {
    const customerOrderNo = customerOrderNoOf(command, attempt);
    const raw = await this.client.call<unknown>(WINIT_ACTIONS.create, toCreateRequest(command, customerOrderNo), { idempotent: false });
    const answer = winitCreateAnswerSchema.safeParse(raw);
    if (!answer.success) {
      // Whether an order was made is unknown: not a refusal, so an idempotent retry looks first.
      throw new ProviderUnavailableError("WINIT", this.account, "the create answer has no returnGoodsOrderNo", false);
    }
    const receipt = parseCreateAnswer(answer.data);
    const now = this.clock();
    // Read back what WINIT stored; the create already succeeded, so a failed read must not hide it.
    const stored = await this.queryOne({ returnGoodsOrderNo: receipt.returnGoodsOrderNo }, new Date(now.getTime() - DAY_MS), now).catch(() => null);
    const order = stored ?? this.orderFromCommand(command, receipt, now);
    // The list answer carries neither the return address nor the reference; the create knows both.
    const details = order.details as unknown as Record<string, unknown>;
    const merged = { ...details, returnAddress: details["returnAddress"] ?? receipt.returnAddress, rmaNo: details["rmaNo"] ?? receipt.rmaNo };
    return { order: { ...order, referenceNo: command.referenceNo ?? null, details: merged as unknown as typeof order.details }, receipt };
  }

  /**
   * WINIT has no free field for the token: it is the customerOrderNo only when the seller gave none.
   * The list filters by customerOrderNo but its answer does not carry it (seed 003, the public
   * SDK's ReturnOrder), so what the filter returned is taken as under that number, and the
   * service matches those orders by content.
   */
  async findAttempt(command: ProviderCreateCommand, attempt: CreateAttempt): Promise<AttemptSearch> {
    const customerOrderNo = customerOrderNoOf(command, attempt)!;
    const page = await this.queryPage({ customerOrderNo }, new Date(attempt.startedAt.getTime() - DAY_MS), this.clock(), 1, WINIT_MAX_PAGE_SIZE);
    const orders = (page.list ?? []).map((w) => ({ ...readOrder(w, this.account), referenceNo: command.referenceNo ?? null }));
    return { orders, byToken: false };
  }

  async cancel(order: ReturnOrder, _reason: string | null): Promise<ReturnOrder> {
    const raw = await this.client.call<unknown>(WINIT_ACTIONS.void, { returnGoodsOrderNos: [order.providerOrderNo] }, { idempotent: false });
    const answer = parseWire(winitVoidAnswerSchema, raw ?? {}, "WINIT", this.account, "void answer");
    const result = answer.results?.find((r) => r.returnGoodsOrder === order.providerOrderNo) ?? answer.results?.[0];
    const ok = (answer.successCount ?? 0) > 0 || result?.result === true || result?.result === "SUCCESS";
    if (!ok) throw new ProviderRejectedError("WINIT", null, result?.reason ?? "WINIT did not void the order");
    const [fresh] = await this.getMany([{ providerOrderNo: order.providerOrderNo, createdAt: order.createdAt }]).catch(() => [null]);
    return fresh && !(fresh instanceof Error)
      ? { ...fresh, referenceNo: fresh.referenceNo ?? order.referenceNo }
      : { ...order, status: "CANCELLED", providerStatus: "VO" };
  }

  receiptOf(order: ReturnOrder) {
    const details = order.details as { rmaNo?: string | null; returnAddress?: string | null };
    return {
      __typename: "WinitReceipt",
      returnGoodsOrderNo: order.providerOrderNo,
      rmaNo: details.rmaNo ?? null,
      returnAddress: details.returnAddress ?? null,
    };
  }

  capabilitiesOf(order: ReturnOrder): OrderCapabilities {
    return winitCapabilities(order.providerStatus);
  }

  async getMany(requests: LookupRequest[]): Promise<LookupAnswer[]> {
    const found = new Map<string, LookupAnswer>();
    const unique = [...new Map(requests.map((r) => [r.providerOrderNo, r])).values()];
    const tasks: Promise<void>[] = [];
    const limit = pLimit(LOOKUPS_AT_ONCE);
    const single = (no: string, from: Date, to: Date) =>
      limit(async () => {
        found.set(no, await this.queryOne({ returnGoodsOrderNo: no }, from, to).catch(failedLookup));
      });
    const now = this.clock();
    for (const group of groupByCreationWindow(unique, 7)) {
      if (group.numbers.length === 1) tasks.push(single(group.numbers[0]!, group.from, group.to));
      else {
        const failed = (error: unknown) => group.numbers.forEach((no) => found.has(no) || found.set(no, failedLookup(error)));
        tasks.push(this.scanWindow(group.numbers, group.from, group.to, found, single, limit).catch(failed));
      }
    }
    for (const r of unique.filter((u) => u.createdAt == null)) {
      tasks.push(single(r.providerOrderNo, new Date(now.getTime() - this.windows.lookbackDays * DAY_MS), now));
    }
    await Promise.all(tasks);
    return requests.map((r) => found.get(r.providerOrderNo) ?? null);
  }

  /** One window query for several known orders, while paging on costs less than asking each. */
  private async scanWindow(
    numbers: string[],
    from: Date,
    to: Date,
    found: Map<string, LookupAnswer>,
    single: (no: string, from: Date, to: Date) => Promise<void>,
    limit: LimitFunction,
  ): Promise<void> {
    const wanted = new Set(numbers);
    for (let pageNo = 1; wanted.size > 0; pageNo++) {
      const page = await limit(() => this.queryPage({}, from, to, pageNo, WINIT_MAX_PAGE_SIZE));
      for (const wire of page.list ?? []) {
        if (wanted.delete(wire.returnGoodsOrderNo)) found.set(wire.returnGoodsOrderNo, readOrder(wire, this.account));
      }
      const total = page.pageParams?.totalCount ?? 0;
      const pagesLeft = Math.ceil(total / WINIT_MAX_PAGE_SIZE) - pageNo;
      if (pagesLeft <= 0 || (page.list ?? []).length < WINIT_MAX_PAGE_SIZE) break;
      if (pagesLeft >= wanted.size) break;
    }
    // Still missing: either not in the window (not found) or beyond the pages worth reading.
    await Promise.all([...wanted].map((no) => single(no, from, to)));
  }

  async list(request: ListRequest): Promise<ListResult> {
    const { filter } = request;
    const now = this.clock();
    // WINIT filters by creation only: an order changed by `updatedTo` was created by then too.
    const to = earliest([filter.createdTo, filter.updatedTo]) ?? now;
    if (filter.search) return this.search(request, to);
    const from = filter.createdFrom ?? new Date(to.getTime() - this.windows.listWindowDays * DAY_MS);
    const pushed: WinitListFilter = filter.warehouseCode ? { warehouseCode: filter.warehouseCode } : {};
    return scanPages({
      offset: request.offset,
      limit: request.limit,
      maxPageSize: WINIT_MAX_PAGE_SIZE,
      maxCalls: 3,
      fetchPage: async (pageNo, pageSize) => {
        const page = await this.queryPage(pushed, from, to, pageNo, pageSize);
        return { items: page.list ?? [], total: page.pageParams?.totalCount ?? null };
      },
      parse: (wire) => readOrder(wire, this.account),
      keep: (order) => matchesAfterFetch(order, filter),
      // Only an unfiltered list is counted exactly: the rest of the filter is applied (again) here.
      countsExactly: !filter.statuses?.length && !filter.createdFrom && !filter.createdTo && !filter.updatedFrom && !filter.updatedTo && !filter.search,
    });
  }

  /** `search` matches one of five numbers; WINIT filters one field at a time, so ask for each. */
  private async search(request: ListRequest, to: Date): Promise<ListResult> {
    const { filter } = request;
    const term = filter.search!;
    const from = filter.createdFrom ?? new Date(to.getTime() - this.windows.lookbackDays * DAY_MS);
    const base: WinitListFilter = filter.warehouseCode ? { warehouseCode: filter.warehouseCode } : {};
    const fields = ["returnGoodsOrderNo", "customerOrderNo", "outboundOrderNo", "expressNo", "rmaNo"] as const;
    // One call per field: no bound needed beyond the account's in the HTTP client.
    const pages = await Promise.all(fields.map((field) => this.queryPage({ ...base, [field]: term }, from, to, 1, WINIT_MAX_PAGE_SIZE)));
    const found = pages.flatMap((page, i) =>
      (page.list ?? []).map((wire) => {
        const order = readOrder(wire, this.account);
        // Found under customerOrderNo: that is its reference, though the answer does not say so.
        return fields[i] === "customerOrderNo" ? { ...order, referenceNo: term } : order;
      }),
    );
    // An order found by two of its numbers is one order.
    const unique = [...new Map(found.map((o) => [o.providerOrderNo, o])).values()];
    return sliceGathered(unique, request.offset, request.limit, (o) => matchesAfterFetch(o, filter));
  }

  private async queryOne(filter: WinitListFilter, from: Date, to: Date): Promise<ReturnOrder | null> {
    const page = await this.queryPage(filter, from, to, 1, 20);
    const wire = (page.list ?? [])[0];
    return wire ? readOrder(wire, this.account) : null;
  }

  private async queryPage(filter: WinitListFilter, from: Date, to: Date, pageNo: number, pageSize: number): Promise<WinitListAnswer> {
    const answer = await this.client.call<unknown>(WINIT_ACTIONS.list, toListRequest(filter, from, to, pageNo, pageSize), { idempotent: true });
    // An answer without data holds no orders; one with data must have the list's shape.
    if (!answer || typeof answer !== "object") return NO_ORDERS;
    return parseWire(winitListAnswerSchema, answer, "WINIT", this.account, "list answer");
  }

  private orderFromCommand(command: ProviderCreateCommand, receipt: ReturnType<typeof parseCreateAnswer>, now: Date): ReturnOrder {
    const order = parseOrder(
      {
        returnGoodsOrderNo: receipt.returnGoodsOrderNo,
        status: "OD",
        outboundOrderNo: command.outboundOrderNo ?? null,
        expressNo: command.trackingNumber ?? null,
        warehouseCode: command.warehouseCode,
        rmaNo: receipt.rmaNo,
        buyerName: command.sender?.name ?? null,
        orderGoodsList: command.lines.map((l) => ({ merchandiseCode: l.sku, confirmQty: l.quantity })),
        shelveGoodsList: [],
      },
      this.account,
    );
    return { ...order, createdAt: now, updatedAt: now };
  }
}

/** The earliest of the instants given; undefined when none is. */
function earliest(instants: (Date | null | undefined)[]): Date | undefined {
  const given = instants.filter((d): d is Date => d != null);
  return given.length > 0 ? new Date(Math.min(...given.map((d) => d.getTime()))) : undefined;
}

/** Filters WINIT cannot apply itself: statuses, the change window, and the exact times inside its day-wide window. */
function matchesAfterFetch(order: ReturnOrder, filter: ReturnOrderFilter): boolean {
  if (!changedWithin(order, filter)) return false;
  if (filter.statuses?.length && !filter.statuses.includes(order.status)) return false;
  if (filter.createdFrom && order.createdAt && order.createdAt < filter.createdFrom) return false;
  if (filter.createdTo && order.createdAt && order.createdAt > filter.createdTo) return false;
  return true;
}

/** The seller's reference; without one, an idempotent create's attempt token, so a retry can find it. */
function customerOrderNoOf(command: ProviderCreateCommand, attempt: CreateAttempt | null): string | null {
  return command.referenceNo ?? attempt?.token ?? null;
}
