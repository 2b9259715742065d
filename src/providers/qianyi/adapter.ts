import { createHash } from "node:crypto";
import pLimit from "p-limit";
import type { Logger } from "../../logger.js";
import { LOOKUPS_AT_ONCE } from "../kit/lookups.js";
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
import { InvalidInputError, ProviderUnavailableError, type FieldViolation } from "../../returns/errors.js";
import type { CreateAttempt, CreateOutcome, CreateReturnOrderCommand, OrderCapabilities, ProviderCreateCommand, ReturnOrder } from "../../returns/model.js";
import { scanPages } from "../../returns/paging.js";
import type { Store } from "../../store/index.js";
import type { IncomingPush, PushReading, PushReply } from "../../webhooks/types.js";
import { parseWire } from "../kit/wire.js";
import { QIANYI_SERVICES, type QianyiClient } from "./client.js";
import type { QianyiReturnOptions } from "./graphql.js";
import { finishWindowOf, matchesAfterFetch, pushedFilter } from "./list-filter.js";
import { parseCreateAnswer, parseOrder } from "./mapper.js";
import { orderFromPush, parsePushInfo, QIANYI_CODES, qianyiReply, readQianyiFields } from "./push.js";
import { referenceMarkerOf, withReferenceMarker } from "./reference-marker.js";
import { orderNumberOf, QIANYI_QUERY_TEXT_MAX, toCreateRequest, toListRequest, type QianyiListFilter } from "./requests.js";
import { verifyQianyiSign, withinQianyiWindow } from "./signing.js";
import { QIANYI_CLOSED_STATUS, qianyiCapabilities } from "./status.js";
import { qianyiCreateResultWire, qianyiOrderWire, qianyiQueryResultWire, type QianyiWireOrder } from "./wire.js";

export const QIANYI_MAX_PAGE_SIZE = 200;
/** How many pages a search for an interrupted create reads before it gives up honestly. */
const REFERENCE_SCAN_PAGES = 5;
const SKEW_MS = 5 * 60_000;
/** A create whose outcome is unknown is not retried blindly: the idempotent path looks first. */
const NOT_RETRYABLE = false;

export interface QianyiAdapterDeps {
  store: Store;
  logger: Logger;
  clock: () => Date;
}

export class QianyiAdapter implements ReturnProviderAdapter {
  readonly provider = "QIANYI" as const;
  readonly features: ProviderFeatures = { create: true, update: false, cancel: true, receivesPushes: true };
  /** Besides its pushes (which can be lost), the list filters by update time (`updateTimeFrom`, whole days). */
  readonly changeTracking: ChangeTracking = { by: "window" };

  constructor(
    readonly account: string,
    private readonly client: QianyiClient,
    private readonly appSecret: string,
    private readonly deps: QianyiAdapterDeps,
  ) {}

  validateCreate(command: CreateReturnOrderCommand): FieldViolation[] {
    const violations: FieldViolation[] = [];
    const options = (command.options ?? null) as Partial<QianyiReturnOptions> | null;
    if (!options?.shop) violations.push({ field: ["input", "qianyi", "shop"], message: "Qianyi needs the shop of the return (qianyi.shop)" });
    const limits: [keyof CreateReturnOrderCommand, number][] = [
      ["warehouseCode", 50],
      ["carrier", 50],
      ["trackingNumber", 50],
      ["reason", 512],
    ];
    for (const [field, max] of limits) {
      const value = command[field];
      if (typeof value === "string" && value.length > max) violations.push({ field: ["input", field], message: `Qianyi takes at most ${max} characters` });
    }
    if (command.referenceNo && command.outboundOrderNo && command.referenceNo !== command.outboundOrderNo) {
      violations.push({
        field: ["input", "outboundOrderNo"],
        message: "Qianyi carries one sales order number (orderNumber): give referenceNo or outboundOrderNo, or the same value in both",
      });
    }
    if (command.sender) violations.push({ field: ["input", "sender"], message: "Qianyi's return orders carry no sender" });
    const skus = new Set(command.lines.map((l) => l.sku));
    (options?.lines ?? []).forEach((line, i) => {
      if (!skus.has(line.sku)) violations.push({ field: ["input", "qianyi", "lines", String(i), "sku"], message: `no input line has sku ${line.sku}` });
    });
    return violations;
  }

  /** An idempotent create's token travels as a marker in `remark`: `orderNumber` is not unique per return. */
  async create(command: ProviderCreateCommand, attempt: CreateAttempt | null): Promise<CreateOutcome> {
    const marker = attempt?.token ?? null;
    const content = await this.client.call(QIANYI_SERVICES.create, toCreateRequest(command, marker), { idempotent: false });
    const result = qianyiCreateResultWire.safeParse(content.result);
    if (!result.success) {
      // Whether an order was made is unknown: not a refusal, so an idempotent retry looks first.
      throw new ProviderUnavailableError("QIANYI", this.account, "the create answer has no returnNumber", NOT_RETRYABLE);
    }
    const receipt = parseCreateAnswer(result.data);
    // Read back what Qianyi stored; the create already succeeded, so a failed read must not hide it.
    const stored = await this.getOne(result.data.returnNumber).catch(() => null);
    return { order: stored ?? this.orderFromAnswer(command, marker, content.result as Record<string, unknown>), receipt };
  }

  async findAttempt(_command: ProviderCreateCommand, attempt: CreateAttempt): Promise<AttemptSearch> {
    const since = attempt.startedAt;
    const filter: QianyiListFilter = { fromCreateTime: new Date(since.getTime() - SKEW_MS) };
    for (let page = 1; page <= REFERENCE_SCAN_PAGES; page++) {
      const { items, total } = await this.queryPage(filter, page, QIANYI_MAX_PAGE_SIZE);
      const hit = items.find((o) => referenceMarkerOf(o.remark) === attempt.token);
      if (hit) return { orders: [parseOrder(hit, this.account)], byToken: true };
      if (items.length < QIANYI_MAX_PAGE_SIZE || (total != null && page * QIANYI_MAX_PAGE_SIZE >= total)) return { orders: [], byToken: true };
    }
    throw new ProviderUnavailableError(
      "QIANYI",
      this.account,
      `too many orders created since ${since.toISOString()} to tell whether the interrupted create went through; retry later`,
    );
  }

  async cancel(order: ReturnOrder, _reason: string | null): Promise<ReturnOrder> {
    // CLOSE_RETURN_ORDER takes no reason.
    await this.client.call(QIANYI_SERVICES.close, { returnNumber: order.providerOrderNo }, { idempotent: false });
    const fresh = await this.getOne(order.providerOrderNo).catch(() => null);
    return fresh ?? { ...order, status: "CANCELLED", providerStatus: QIANYI_CLOSED_STATUS, updatedAt: this.deps.clock() };
  }

  receiptOf(order: ReturnOrder) {
    const details = order.details as { type?: string | null };
    return { __typename: "QianyiReceipt", returnNumber: order.providerOrderNo, status: order.providerStatus, type: details.type ?? null };
  }

  capabilitiesOf(order: ReturnOrder): OrderCapabilities {
    return qianyiCapabilities(order.providerStatus);
  }

  /** Qianyi filters by one returnNumber at a time and has no batch form: one call per order, bounded. */
  async getMany(requests: LookupRequest[]): Promise<LookupAnswer[]> {
    const numbers = [...new Set(requests.map((r) => r.providerOrderNo))];
    const found = new Map<string, LookupAnswer>();
    const limit = pLimit(LOOKUPS_AT_ONCE);
    await Promise.all(numbers.map((no) => limit(async () => found.set(no, await this.getOne(no).catch(failedLookup)))));
    return requests.map((r) => found.get(r.providerOrderNo) ?? null);
  }

  async list(request: ListRequest): Promise<ListResult> {
    const { filter } = request;
    const pushed = pushedFilter(filter);
    // A warehouse name Qianyi's query cannot take is refused here rather than sent.
    if (filter.warehouseCode && filter.warehouseCode.length > QIANYI_QUERY_TEXT_MAX) {
      throw new InvalidInputError([
        { field: ["filter", "warehouseCode"], message: `Qianyi's query takes warehouse names of at most ${QIANYI_QUERY_TEXT_MAX} characters` },
      ]);
    }
    // A longer term cannot be a returnNumber (at most 50 characters): it is matched on the other numbers only.
    if (filter.search && filter.search.length <= QIANYI_QUERY_TEXT_MAX && request.offset === 0) {
      // The common search is Qianyi's own number, which Qianyi filters on: one call.
      const { items } = await this.queryPage({ ...pushed, returnNumber: filter.search }, 1, 20);
      const hit = items.find((o) => o.returnNumber === filter.search);
      const order = hit ? parseOrder(hit, this.account) : null;
      if (order && matchesAfterFetch(order, filter)) return { orders: [{ order, next: 1 }], scanEnd: 1, exhausted: true };
    }
    // Other numbers (orderNumber, customNumber, onlineOrderNumber, asnNumber) cannot be filtered upstream: scan and match here.
    return scanPages({
      offset: request.offset,
      limit: request.limit,
      maxPageSize: QIANYI_MAX_PAGE_SIZE,
      maxCalls: 3,
      // A search keeps few of the orders it reads: read them in full pages.
      minPageSize: filter.search ? QIANYI_MAX_PAGE_SIZE : undefined,
      fetchPage: (page, pageSize) => this.queryPage(pushed, page, pageSize),
      parse: (wire) => parseOrder(wire, this.account),
      keep: (order) => matchesAfterFetch(order, filter),
      // Only an unfiltered list is counted exactly: the rest of the filter is applied (again) here.
      countsExactly:
        !filter.statuses?.length &&
        !filter.createdFrom &&
        !filter.createdTo &&
        !filter.updatedFrom &&
        !filter.updatedTo &&
        !filter.search &&
        !finishWindowOf(filter),
    });
  }

  async readPush(push: IncomingPush): Promise<PushReading> {
    const refuse = (status: number, code: string, message: string): PushReading => ({ kind: "not-mine", reply: qianyiReply(status, code, message) });
    const fields = await readQianyiFields(push.body, push.contentType);
    if (!fields) return refuse(400, QIANYI_CODES.input, "expected JSON or form fields appId, serviceType, bizParam, timestamp and sign");
    if (fields.appId !== this.client.appId || !verifyQianyiSign(fields, this.appSecret, fields.sign)) {
      return refuse(401, QIANYI_CODES.auth, "signature check failed");
    }
    if (!withinQianyiWindow(fields.timestamp, this.deps.clock())) {
      return refuse(401, QIANYI_CODES.stale, "timestamp is not epoch milliseconds within 5 minutes of our clock");
    }
    if (fields.serviceType !== QIANYI_SERVICES.push) return refuse(400, QIANYI_CODES.input, `unexpected serviceType ${fields.serviceType}`);
    const info = parsePushInfo(fields.bizParam);
    if (!info) return refuse(400, QIANYI_CODES.input, "bizParam must be a JSON object with returnNumber and status");
    const order = orderFromPush(info, this.account);
    const received = qianyiReply(200);
    return {
      kind: "change",
      change: {
        // The same content is the same push, even when Qianyi re-sends it with a fresh timestamp and sign.
        dedupeKey: createHash("sha256").update(`${fields.appId}\n${fields.bizParam}`).digest("hex"),
        order,
        at: new Date(Number(fields.timestamp)),
        readsCurrent: false,
        // An order never seen before is indexed here too: the push is kept, not dropped.
        apply: () => order,
        keepSnapshot: false,
        replies: { applied: received, duplicate: received, "unknown-order": received },
        summary: { returnNumber: info.returnNumber, status: info.status },
      },
    };
  }

  refusePush(status: number, message: string): PushReply {
    return qianyiReply(status, status >= 500 ? QIANYI_CODES.unavailable : QIANYI_CODES.input, message);
  }

  private async getOne(returnNumber: string): Promise<ReturnOrder | null> {
    const { items } = await this.queryPage({ returnNumber }, 1, 20);
    const wire = items.find((o) => o.returnNumber === returnNumber);
    return wire ? parseOrder(wire, this.account) : null;
  }

  private async queryPage(filter: QianyiListFilter, page: number, pageSize: number): Promise<{ items: QianyiWireOrder[]; total: number | null }> {
    const content = await this.client.call(QIANYI_SERVICES.list, toListRequest(filter, page, pageSize), { idempotent: true });
    // Not "no orders": a result that is not a list must not pass for an empty one.
    const items = parseWire(qianyiQueryResultWire, content.result, "QIANYI", this.account, "query answer's result");
    return { items, total: content.total };
  }

  /** The order as the create answer and the command describe it, when the read-back failed. */
  private orderFromAnswer(command: ProviderCreateCommand, marker: string | null, result: Record<string, unknown>): ReturnOrder {
    const options = (command.options ?? {}) as Partial<QianyiReturnOptions>;
    const described = qianyiOrderWire.parse({
      orderNumber: orderNumberOf(command),
      warehouse: command.warehouseCode,
      shop: options.shop ?? null,
      reason: command.reason ?? null,
      remark: withReferenceMarker(command.remark, marker) ?? null,
      carrier: command.carrier ?? null,
      customNumber: command.trackingNumber ?? null,
      returnSkuList: command.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, remark: l.remark ?? null })),
      ...result,
    });
    const order = parseOrder(described, this.account);
    return { ...order, createdAt: order.createdAt ?? this.deps.clock() };
  }
}
