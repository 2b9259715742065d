import pLimit from "p-limit";
import { LOOKUPS_AT_ONCE } from "../kit/lookups.js";
import {
  failedLookup,
  type AttemptSearch,
  type ChangeTracking,
  type ListRequest,
  type ListResult,
  type LookupAnswer,
  type LookupRequest,
  type ProviderFeatures,
  type ProviderWarehouse,
  type ReturnProviderAdapter,
} from "../../returns/ports.js";
import { InvalidStateError, NotFoundError, ProviderRejectedError, ProviderUnavailableError, type FieldViolation } from "../../returns/errors.js";
import type {
  CreateAttempt,
  CreateOutcome,
  CreateReturnOrderCommand,
  OrderCapabilities,
  ProviderCreateCommand,
  ReturnOrder,
  UpdateReturnOrderCommand,
} from "../../returns/model.js";
import { scanPages, sliceGathered } from "../../returns/paging.js";
import { parseWire } from "../kit/wire.js";
import { attachmentViolations } from "./attachments.js";
import { lineCodeViolations, matchesAfterFetch, optionsOf, referenceNoOf, unrepresentable } from "./rules.js";
import { OMS_PATHS, type OmsClient } from "./client.js";
import { cancelOutcome, orderAfterUpdate, parseOrder, receiptOf } from "./mapper.js";
import { toCancelRequest, toCreateRequest, toListFilter, toListRequest, toUpdateRequest, type OmsListFilter } from "./requests.js";
import { OMS_STATUS_TABLE, omsCapabilities, omsLabel } from "./status.js";
import { omsDateTime } from "./time.js";
import { listWarehouses } from "./warehouses.js";
import { omsCancelAnswerSchema, omsCreateAnswerSchema, omsOrderSchema, omsPageSchema, omsUpdateAnswerSchema, type OmsOrder, type OmsPage } from "./wire.js";

/** The page size this adapter asks for at most (the OMS publishes no limit; the emulator enforces this one). */
export const OMS_MAX_PAGE_SIZE = 100;
const DAY_MS = 86_400_000;
/** The `retryable` of a failure after which the order may or may not exist: a blind retry could act twice. */
const OUTCOME_UNKNOWN = false;
/** Pages of newest orders a search reads for the numbers the OMS cannot filter on (tracking, outbound, signature). */
const SEARCH_SCAN_PAGES = 2;

/** Whether an order in status `code` may still be changed / cancelled, by the status table. */
const mayUpdate = (code: string) => OMS_STATUS_TABLE[code]?.canUpdate ?? false;
const mayCancel = (code: string) => OMS_STATUS_TABLE[code]?.canCancel ?? false;

export class OmsAdapter implements ReturnProviderAdapter {
  readonly provider = "OMS" as const;
  readonly features: ProviderFeatures = { create: true, update: true, cancel: true, receivesPushes: false };
  /** The list filters by update time (`startUpdateTime`): one listing of the window since the last run finds every change. */
  readonly changeTracking: ChangeTracking = { by: "window" };

  constructor(
    readonly account: string,
    private readonly client: OmsClient,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  validateCreate(command: CreateReturnOrderCommand): FieldViolation[] {
    const violations = unrepresentable(command);
    if (!command.sender?.name) violations.push({ field: ["input", "sender", "name"], message: "the OMS requires the sender's name (contactName)" });
    violations.push(...attachmentViolations(optionsOf(command).attachments, ["input", "oms", "attachments"]));
    violations.push(
      ...lineCodeViolations(
        optionsOf(command),
        command.lines.map((l) => l.sku),
      ),
    );
    return violations;
  }

  validateUpdate(order: ReturnOrder, command: UpdateReturnOrderCommand): FieldViolation[] {
    const violations = unrepresentable(command);
    const options = optionsOf(command);
    const given = [command.referenceNo, command.outboundOrderNo, command.warehouseCode, command.trackingNumber, command.remark, command.sender, command.lines]
      .concat(Object.values(options))
      .some((v) => v != null && !(Array.isArray(v) && v.length === 0));
    if (!given && violations.length === 0) violations.push({ field: ["input"], message: "nothing to change: give at least one field" });
    violations.push(...attachmentViolations(options.attachments, ["input", "oms", "attachments"]));
    violations.push(
      ...lineCodeViolations(
        options,
        (command.lines ?? order.lines).map((l) => l.sku),
      ),
    );
    return violations;
  }

  async create(command: ProviderCreateCommand, attempt: CreateAttempt | null): Promise<CreateOutcome> {
    const body = toCreateRequest(command, referenceNoOf(command, attempt));
    const data = await this.client.call(OMS_PATHS.create, body, { idempotent: false });
    const answer = omsCreateAnswerSchema.safeParse(data);
    const orderNo = answer.success ? answer.data.orderNo : null;
    if (!orderNo) {
      // Whether an order was made is unknown: not a refusal, so an idempotent retry looks first.
      throw new ProviderUnavailableError("OMS", this.account, "the create answer has no orderNo", OUTCOME_UNKNOWN);
    }
    const status = answer.success ? answer.data.status : null;
    // Read back what the OMS stored; the create already succeeded, so a failed read must not hide it.
    const stored = await this.fetchOrder(orderNo).catch(() => null);
    if (stored) return { order: stored, receipt: receiptOf(orderNo, status) };
    // What was sent is what the OMS stored, as far as is known; the body is ours, so it parses.
    const sent = parseWire(omsOrderSchema, { ...body, orderNo, status, createTime: omsDateTime(this.clock()) }, "OMS", this.account, "create request");
    return { order: parseOrder(sent, this.account), receipt: receiptOf(orderNo, status) };
  }

  /** The token travels as the referenceNo only when the seller gave none; else orders under the seller's are candidates. */
  async findAttempt(command: ProviderCreateCommand, attempt: CreateAttempt): Promise<AttemptSearch> {
    const referenceNo = command.referenceNo ?? attempt.token;
    const since = omsDateTime(new Date(attempt.startedAt.getTime() - DAY_MS));
    const page = await this.queryPage({ referenceNos: [referenceNo], startCreateTime: since }, 1, OMS_MAX_PAGE_SIZE);
    const orders = page.list.filter((w) => w.referenceNo === referenceNo).map((w) => parseOrder(w, this.account));
    return { orders, byToken: !command.referenceNo };
  }

  async update(order: ReturnOrder, command: UpdateReturnOrderCommand): Promise<ReturnOrder> {
    // The whole current order goes back with the changes: whether the OMS clears absent fields is undocumented.
    const current = await this.fetchWire(order.providerOrderNo);
    if (!current) throw new NotFoundError();
    const body = toUpdateRequest(current, command);
    let data: unknown;
    try {
      data = await this.client.call(OMS_PATHS.update, body, { idempotent: false });
    } catch (error) {
      throw await this.explainRefusal(error, order, "change", mayUpdate);
    }
    const answer = parseWire(omsUpdateAnswerSchema, data, "OMS", this.account, "update answer");
    const sent = parseWire(
      omsOrderSchema,
      { orderNo: current.orderNo, warehouseCode: body["warehouseCode"], itemDTOs: body["itemDTOs"], attachmentOpenDTOs: body["attachmentOpenDTOs"] },
      "OMS",
      this.account,
      "update request",
    );
    const merged = orderAfterUpdate(current, sent, answer);
    return parseOrder(merged, this.account);
  }

  async cancel(order: ReturnOrder, reason: string | null): Promise<ReturnOrder> {
    const orderNo = order.providerOrderNo;
    let data: unknown;
    try {
      data = await this.client.call(OMS_PATHS.cancel, toCancelRequest(orderNo, reason), { idempotent: false });
    } catch (error) {
      throw await this.explainRefusal(error, order, "cancel", mayCancel);
    }
    const answer = omsCancelAnswerSchema.safeParse(data);
    const outcome = answer.success ? cancelOutcome(answer.data, orderNo) : ({ kind: "unknown" } as const);
    if (outcome.kind === "refused") throw await this.explainRefusal(new ProviderRejectedError("OMS", null, outcome.message), order, "cancel", mayCancel);
    const fresh = await this.fetchOrder(orderNo).catch(() => null);
    if (outcome.kind === "cancelled") {
      // Cancelled, by the OMS's word; its code is whatever the OMS holds, unknown while it cannot be read.
      return fresh ?? { ...order, status: "CANCELLED", providerStatus: "" };
    }
    if (fresh?.status === "CANCELLED") return fresh;
    // The answer does not say: a live order was not cancelled (a retry is safe); an unreadable one may have been.
    const live = fresh != null;
    const why = live
      ? `the cancel answer does not name the order, which is still in status ${fresh.providerStatus}`
      : "the cancel answer does not name the order and it could not be read back";
    throw new ProviderUnavailableError("OMS", this.account, why, live);
  }

  /**
   * A refusal after our own check passed means the order moved on meanwhile (e.g. the parcel was
   * received). When a fresh read shows a status that no longer allows the operation, that is the
   * answer (InvalidState, with the OMS's message); otherwise the OMS's refusal stands as it is.
   */
  private async explainRefusal(error: unknown, order: ReturnOrder, verb: string, allowed: (status: string) => boolean): Promise<unknown> {
    if (!(error instanceof ProviderRejectedError)) return error;
    const fresh = await this.fetchWire(order.providerOrderNo).catch(() => null);
    const status = fresh ? (fresh.status ?? "") : null;
    if (status == null || allowed(status)) return error;
    return new InvalidStateError(
      `The OMS refused to ${verb} the order: it is now in status ${status} (${omsLabel(status)}). OMS said: ${error.providerMessage ?? error.providerCode ?? "no message"}`,
      status,
    );
  }

  warehouses(): Promise<ProviderWarehouse[]> {
    return listWarehouses(this.client, this.account);
  }

  receiptOf(order: ReturnOrder) {
    return receiptOf(order.providerOrderNo, order.providerStatus || null);
  }

  capabilitiesOf(order: ReturnOrder): OrderCapabilities {
    return omsCapabilities(order.providerStatus);
  }

  /** One list call per page of numbers (`orderNos`), not one per order. */
  async getMany(requests: LookupRequest[]): Promise<LookupAnswer[]> {
    const numbers = [...new Set(requests.map((r) => r.providerOrderNo))];
    const found = new Map<string, LookupAnswer>();
    const limit = pLimit(LOOKUPS_AT_ONCE);
    const batches = Array.from({ length: Math.ceil(numbers.length / OMS_MAX_PAGE_SIZE) }, (_, i) =>
      numbers.slice(i * OMS_MAX_PAGE_SIZE, (i + 1) * OMS_MAX_PAGE_SIZE),
    );
    await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          try {
            for (const [no, order] of await this.fetchBatch(batch)) found.set(no, order);
          } catch (error) {
            for (const no of batch) found.set(no, failedLookup(error));
          }
        }),
      ),
    );
    return requests.map((r) => found.get(r.providerOrderNo) ?? null);
  }

  /**
   * The orders of up to a page of numbers. The `orderNos` filter is inferred from the sibling
   * modules: an answer holding more orders than were asked for shows an OMS that ignored it, and
   * then a number missing from the page is asked for alone rather than answered "no such order".
   */
  private async fetchBatch(numbers: string[]): Promise<Map<string, ReturnOrder | null>> {
    const page = await this.queryPage({ orderNos: numbers }, 1, OMS_MAX_PAGE_SIZE);
    const byNo = new Map(page.list.map((w) => [w.orderNo, w]));
    const ignored = (page.totalCount ?? page.list.length) > numbers.length;
    const answers = new Map<string, ReturnOrder | null>();
    for (const no of numbers) {
      const wire = byNo.get(no);
      answers.set(no, wire ? parseOrder(wire, this.account) : ignored ? await this.fetchOrder(no) : null);
    }
    return answers;
  }

  async list(request: ListRequest): Promise<ListResult> {
    const { filter } = request;
    if (filter.search) return this.search(request);
    return this.scan(request, toListFilter(filter), 3);
  }

  private scan(request: ListRequest, pushed: OmsListFilter, maxCalls: number): Promise<ListResult> {
    return scanPages({
      offset: request.offset,
      limit: request.limit,
      maxPageSize: OMS_MAX_PAGE_SIZE,
      maxCalls,
      fetchPage: async (pageNum, pageSize) => {
        const page = await this.queryPage(pushed, pageNum, pageSize);
        // Without a count, the pages say it on the last one only.
        const last = page.totalPage != null && pageNum >= page.totalPage;
        return { items: page.list, total: page.totalCount ?? (last ? (pageNum - 1) * pageSize + page.list.length : null) };
      },
      parse: (wire) => parseOrder(wire, this.account),
      keep: (order) => matchesAfterFetch(order, request.filter),
      // Only an unfiltered list is counted exactly: the rest of the filter is applied (again) here.
      countsExactly:
        !request.filter.statuses?.length &&
        !request.filter.createdFrom &&
        !request.filter.createdTo &&
        !request.filter.updatedFrom &&
        !request.filter.updatedTo &&
        !request.filter.search &&
        !request.filter.warehouseCode,
    });
  }

  /**
   * `search` matches one of five numbers. The OMS filters on the order number and the reference;
   * no list has a tracking, outbound or signature number filter, so those are matched over the newest pages.
   */
  private async search(request: ListRequest): Promise<ListResult> {
    const { filter } = request;
    const term = filter.search!;
    const base = toListFilter(filter);
    const whole = { ...request, offset: 0, limit: OMS_MAX_PAGE_SIZE * SEARCH_SCAN_PAGES };
    const [byNumber, byReference, scanned] = await Promise.all([
      this.queryPage({ ...base, orderNo: term }, 1, OMS_MAX_PAGE_SIZE),
      this.queryPage({ ...base, referenceNo: term }, 1, OMS_MAX_PAGE_SIZE),
      this.scan(whole, base, SEARCH_SCAN_PAGES),
    ]);
    const found = [...byNumber.list, ...byReference.list].map((wire) => parseOrder(wire, this.account)).concat(scanned.orders.map((o) => o.order));
    return sliceGathered(found, request.offset, request.limit, (o) => matchesAfterFetch(o, filter));
  }

  /** One order as the OMS holds it, or null. */
  private async fetchOrder(orderNo: string): Promise<ReturnOrder | null> {
    const wire = await this.fetchWire(orderNo);
    return wire ? parseOrder(wire, this.account) : null;
  }

  private async fetchWire(orderNo: string): Promise<OmsOrder | null> {
    const page = await this.queryPage({ orderNo }, 1, 20);
    return page.list.find((w) => w.orderNo === orderNo) ?? null;
  }

  private async queryPage(filter: OmsListFilter, pageNum: number, pageSize: number): Promise<OmsPage> {
    const data = await this.client.call(OMS_PATHS.list, toListRequest(filter, pageNum, pageSize), { idempotent: true });
    // Not "no orders": an answer that cannot be read must not pass for an empty one.
    return parseWire(omsPageSchema, data, "OMS", this.account, "list answer");
  }
}
