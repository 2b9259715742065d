import pLimit, { type LimitFunction } from "p-limit";
import { LOOKUPS_AT_ONCE } from "../kit/lookups.js";
import { failedLookup, type AttemptSearch, type LookupAnswer, type LookupRequest, type ListRequest, type ListResult, type ProviderFeatures, type ReturnProviderAdapter } from "../../returns/ports.js";
import { ProviderRejectedError, ProviderUnavailableError, type FieldViolation } from "../../returns/errors.js";
import type {
  CreateAttempt,
  CreateOutcome,
  CreateReturnOrderCommand,
  OrderCapabilities,
  ProviderCreateCommand,
  ReturnOrder,
  ReturnOrderFilter,
} from "../../returns/model.js";
import { scanPages, sliceGathered } from "../../returns/paging.js";
import { WINIT_ACTIONS, type WinitClient } from "./client.js";
import type { WinitReturnOptions } from "./graphql.js";
import { groupByCreationWindow } from "./lookup-plan.js";
import {
  parseCreateAnswer,
  parseOrder,
  toCreateRequest,
  toListRequest,
  type WinitCreateAnswer,
  type WinitListFilter,
  type WinitWireOrder,
} from "./mapper.js";
import { WINIT_STATUS_TABLE, winitVoidable } from "./status.js";

const DAY_MS = 86_400_000;
export const WINIT_MAX_PAGE_SIZE = 200;

export interface WinitWindows {
  /** The list's window when the filter gives no `createdFrom`. */
  listWindowDays: number;
  /** How far back a lookup by number reaches when the order's creation date is unknown. */
  lookbackDays: number;
}

interface WinitListAnswer {
  pageParams?: { pageNo?: number; pageSize?: number; totalCount?: number };
  list?: WinitWireOrder[];
}

const VOIDABLE = Object.entries(WINIT_STATUS_TABLE)
  .filter(([, v]) => v.voidable)
  .map(([code]) => code)
  .join(", ");

export class WinitAdapter implements ReturnProviderAdapter {
  readonly provider = "WINIT" as const;
  readonly features: ProviderFeatures = { create: true, update: false, cancel: true, receivesPushes: false };

  constructor(
    readonly account: string,
    private readonly client: WinitClient,
    private readonly windows: WinitWindows,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  validateCreate(command: CreateReturnOrderCommand): FieldViolation[] {
    const violations: FieldViolation[] = [];
    const options = (command.options ?? {}) as WinitReturnOptions;
    const outbound = options.isWinitOutbound ?? Boolean(command.outboundOrderNo);
    if (outbound && !command.outboundOrderNo) {
      violations.push({ field: ["input", "outboundOrderNo"], message: "WINIT needs outboundOrderNo for a return of a WINIT outbound order" });
    }
    if (!command.sender && !outbound) {
      violations.push({ field: ["input", "sender"], message: "WINIT needs the sender unless the return starts from a WINIT outbound order" });
    }
    if (command.sender) {
      for (const field of ["name", "country", "city", "postcode", "address1"] as const) {
        if (!command.sender[field]) violations.push({ field: ["input", "sender", field], message: `WINIT requires sender.${field}` });
      }
    }
    if (!outbound && options.winitProductCode) {
      for (const field of ["packageLength", "packageWidth", "packageHeight", "packageWeight"] as const) {
        if (options[field] == null) {
          violations.push({ field: ["input", "winit", field], message: `WINIT needs ${field} to buy a return label for goods not shipped by WINIT` });
        }
      }
    }
    const skus = new Set(command.lines.map((l) => l.sku));
    (options.lines ?? []).forEach((line, i) => {
      if (!skus.has(line.sku)) violations.push({ field: ["input", "winit", "lines", String(i), "sku"], message: `no input line has sku ${line.sku}` });
    });
    return violations;
  }

  async create(command: ProviderCreateCommand, attempt: CreateAttempt | null): Promise<CreateOutcome> {
    const data = toCreateRequest(command, customerOrderNoOf(command, attempt));
    const answer = await this.client.call<WinitCreateAnswer>(WINIT_ACTIONS.create, data, { idempotent: false });
    if (!answer || typeof answer.returnGoodsOrderNo !== "string") {
      // Whether an order was made is unknown: not a refusal, so an idempotent retry looks first.
      throw new ProviderUnavailableError("WINIT", this.account, "the create answer has no returnGoodsOrderNo", false);
    }
    const receipt = parseCreateAnswer(answer);
    const now = this.clock();
    // Read back what WINIT stored; the create already succeeded, so a failed read must not hide it.
    const stored = await this.queryOne({ returnGoodsOrderNo: answer.returnGoodsOrderNo }, new Date(now.getTime() - DAY_MS), now).catch(() => null);
    const order = stored ?? this.orderFromCommand(command, customerOrderNoOf(command, attempt), receipt, now);
    // The list API does not return the return address; the create answer does.
    const details = order.details as unknown as Record<string, unknown>;
    const merged = { ...details, returnAddress: details["returnAddress"] ?? receipt.returnAddress, rmaNo: details["rmaNo"] ?? receipt.rmaNo };
    return { order: { ...order, details: merged as unknown as typeof order.details }, receipt };
  }

  /**
   * WINIT has no free field for the token: it is the customerOrderNo only when the seller gave none.
   * The list filters by customerOrderNo but its answer does not carry it (seed 003, the public
   * SDK's ReturnOrder): an order that does not show the token is a candidate to match by content.
   */
  async findAttempt(command: ProviderCreateCommand, attempt: CreateAttempt): Promise<AttemptSearch> {
    const customerOrderNo = command.referenceNo ?? attempt.token;
    const page = await this.queryPage({ customerOrderNo }, new Date(attempt.startedAt.getTime() - DAY_MS), this.clock(), 1, WINIT_MAX_PAGE_SIZE);
    const orders = (page.list ?? []).map((w) => parseOrder(w, this.account)).filter((o) => o.referenceNo == null || o.referenceNo === customerOrderNo);
    return { orders, byToken: !command.referenceNo && orders.every((o) => o.referenceNo === customerOrderNo) };
  }

  async cancel(order: ReturnOrder, _reason: string | null): Promise<ReturnOrder> {
    const answer = await this.client.call<{
      successCount?: number;
      failedCount?: number;
      results?: { returnGoodsOrder?: string; result?: unknown; reason?: string }[];
    }>(WINIT_ACTIONS.void, { returnGoodsOrderNos: [order.providerOrderNo] }, { idempotent: false });
    const result = answer?.results?.find((r) => r.returnGoodsOrder === order.providerOrderNo) ?? answer?.results?.[0];
    const ok = (answer?.successCount ?? 0) > 0 || result?.result === true || result?.result === "SUCCESS";
    if (!ok) throw new ProviderRejectedError("WINIT", null, result?.reason ?? "WINIT did not void the order");
    const [fresh] = await this.getMany([{ providerOrderNo: order.providerOrderNo, createdAt: order.createdAt }]).catch(() => [null]);
    return fresh && !(fresh instanceof Error) ? fresh : { ...order, status: "CANCELLED", providerStatus: "VO" };
  }

  receiptOf(order: ReturnOrder) {
    const details = order.details as { rmaNo?: string | null; returnAddress?: string | null };
    return { __typename: "WinitReceipt", returnGoodsOrderNo: order.providerOrderNo, rmaNo: details.rmaNo ?? null, returnAddress: details.returnAddress ?? null };
  }

  capabilitiesOf(order: ReturnOrder): OrderCapabilities {
    const reasons = ["WINIT's API cannot change a return order after it is created."];
    const canCancel = winitVoidable(order.providerStatus);
    if (!canCancel) reasons.push(`WINIT voids only orders in status ${VOIDABLE}; this one is ${order.providerStatus}.`);
    return { canUpdate: false, canCancel, reasons };
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
        if (wanted.delete(wire.returnGoodsOrderNo)) found.set(wire.returnGoodsOrderNo, parseOrder(wire, this.account));
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
    const to = filter.createdTo ?? now;
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
      parse: (wire) => parseOrder(wire, this.account),
      keep: (order) => matchesAfterFetch(order, filter),
    });
  }

  /** `search` matches one of four numbers; WINIT filters one field at a time, so ask for each. */
  private async search(request: ListRequest, to: Date): Promise<ListResult> {
    const { filter } = request;
    const term = filter.search!;
    const from = filter.createdFrom ?? new Date(to.getTime() - this.windows.lookbackDays * DAY_MS);
    const base: WinitListFilter = filter.warehouseCode ? { warehouseCode: filter.warehouseCode } : {};
    const fields: (keyof WinitListFilter)[] = ["returnGoodsOrderNo", "customerOrderNo", "outboundOrderNo", "expressNo"];
    // Four calls, one per field: no bound needed beyond the account's in the HTTP client.
    const pages = await Promise.all(fields.map((field) => this.queryPage({ ...base, [field]: term }, from, to, 1, WINIT_MAX_PAGE_SIZE)));
    const found = pages.flatMap((page) => (page.list ?? []).map((wire) => parseOrder(wire, this.account)));
    return sliceGathered(found, request.offset, request.limit, (o) => matchesAfterFetch(o, filter));
  }

  async ping(): Promise<void> {
    const now = this.clock();
    await this.queryPage({}, now, now, 1, 1);
  }

  private async queryOne(filter: WinitListFilter, from: Date, to: Date): Promise<ReturnOrder | null> {
    const page = await this.queryPage(filter, from, to, 1, 20);
    const wire = (page.list ?? [])[0];
    return wire ? parseOrder(wire, this.account) : null;
  }

  private async queryPage(filter: WinitListFilter, from: Date, to: Date, pageNo: number, pageSize: number): Promise<WinitListAnswer> {
    const answer = await this.client.call<WinitListAnswer>(WINIT_ACTIONS.list, toListRequest(filter, from, to, pageNo, pageSize), {
      idempotent: true,
    });
    if (!answer || typeof answer !== "object") return {};
    if (answer.list != null && !Array.isArray(answer.list)) {
      // Not "no orders": an answer that cannot be read must not pass for an empty one.
      throw new ProviderUnavailableError("WINIT", this.account, "the list answer's list is not a list", true);
    }
    return answer;
  }

  private orderFromCommand(command: ProviderCreateCommand, customerOrderNo: string | null, receipt: ReturnType<typeof parseCreateAnswer>, now: Date): ReturnOrder {
    const order = parseOrder(
      {
        returnGoodsOrderNo: receipt.returnGoodsOrderNo,
        status: "OD",
        customerOrderNo,
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
    return { ...order, createdAt: now };
  }
}

/** Filters WINIT cannot apply itself: statuses, and the exact times inside its day-wide window. */
function matchesAfterFetch(order: ReturnOrder, filter: ReturnOrderFilter): boolean {
  if (filter.statuses?.length && !filter.statuses.includes(order.status)) return false;
  if (filter.createdFrom && order.createdAt && order.createdAt < filter.createdFrom) return false;
  if (filter.createdTo && order.createdAt && order.createdAt > filter.createdTo) return false;
  return true;
}

/** The seller's reference; without one, an idempotent create's attempt token, so a retry can find it. */
function customerOrderNoOf(command: ProviderCreateCommand, attempt: CreateAttempt | null): string | null {
  return command.referenceNo ?? attempt?.token ?? null;
}
