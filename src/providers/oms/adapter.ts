import pLimit from "p-limit";
import { LOOKUPS_AT_ONCE } from "../kit/lookups.js";
import { failedLookup, type AttemptSearch, type ListRequest, type ListResult, type LookupAnswer, type LookupRequest, type ProviderFeatures, type ReturnProviderAdapter } from "../../returns/ports.js";
import { InvalidStateError, NotFoundError, ProviderRejectedError, ProviderUnavailableError, type FieldViolation } from "../../returns/errors.js";
import type {
  CreateAttempt,
  CreateOutcome,
  CreateReturnOrderCommand,
  OrderCapabilities,
  ProviderCreateCommand,
  ReturnOrder,
  ReturnOrderFilter,
  UpdateReturnOrderCommand,
} from "../../returns/model.js";
import { scanPages, sliceGathered } from "../../returns/paging.js";
import { attachmentViolations } from "./attachments.js";
import { OMS_PATHS, type OmsClient } from "./client.js";
import type { OmsReturnOptions } from "./graphql.js";
import {
  code,
  omsDateTime,
  parseCreateAnswer,
  parseOrder,
  toCreateRequest,
  toListFilter,
  toListRequest,
  toUpdateRequest,
  type OmsListFilter,
  type OmsPage,
  type OmsWireOrder,
} from "./mapper.js";
import { OMS_CANCELLABLE, OMS_STATUS_TABLE, OMS_UPDATABLE, omsCancellable, omsUpdatable } from "./status.js";

/** The page size this adapter asks for at most (the OMS publishes no limit; the emulator enforces this one). */
export const OMS_MAX_PAGE_SIZE = 100;
const DAY_MS = 86_400_000;

/** Unified fields the OMS has no place for: refused rather than silently dropped. */
function unrepresentable(command: Pick<UpdateReturnOrderCommand, "carrier" | "reason" | "sender">): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (command.carrier != null) violations.push({ field: ["input", "carrier"], message: "the OMS has no carrier field" });
  if (command.reason != null) violations.push({ field: ["input", "reason"], message: "the OMS has no reason field (use oms.handleAdvice or remark)" });
  if (command.sender?.country != null) violations.push({ field: ["input", "sender", "country"], message: "the OMS has no documented country field for the sender" });
  if (command.sender?.address2 != null) violations.push({ field: ["input", "sender", "address2"], message: "the OMS has one address line (address1) and a door number (houseNo)" });
  return violations;
}

function optionsOf(command: { options: Record<string, unknown> | null }): OmsReturnOptions {
  return (command.options ?? {}) as OmsReturnOptions;
}

function label(codes: string[]): string {
  return codes.map((c) => `${c} (${OMS_STATUS_TABLE[c]!.label})`).join(", ");
}

export class OmsAdapter implements ReturnProviderAdapter {
  readonly provider = "OMS" as const;
  readonly features: ProviderFeatures = { create: true, update: true, cancel: true, receivesPushes: false };

  constructor(
    readonly account: string,
    private readonly client: OmsClient,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  validateCreate(command: CreateReturnOrderCommand): FieldViolation[] {
    const violations = unrepresentable(command);
    if (!command.sender?.name) violations.push({ field: ["input", "sender", "name"], message: "the OMS requires the sender's name (contactName)" });
    violations.push(...attachmentViolations(optionsOf(command).attachments, ["input", "oms", "attachments"]));
    return violations;
  }

  validateUpdate(_order: ReturnOrder, command: UpdateReturnOrderCommand): FieldViolation[] {
    const violations = unrepresentable(command);
    const options = optionsOf(command);
    const given = [command.referenceNo, command.outboundOrderNo, command.warehouseCode, command.trackingNumber, command.remark, command.sender, command.lines]
      .concat(Object.values(options))
      .some((v) => v != null && !(Array.isArray(v) && v.length === 0));
    if (!given && violations.length === 0) violations.push({ field: ["input"], message: "nothing to change: give at least one field" });
    violations.push(...attachmentViolations(options.attachments, ["input", "oms", "attachments"]));
    return violations;
  }

  async create(command: ProviderCreateCommand, attempt: CreateAttempt | null): Promise<CreateOutcome> {
    const body = toCreateRequest(command, referenceNoOf(command, attempt));
    const answer = await this.client.call<{ orderNo?: unknown; status?: unknown } | null>(OMS_PATHS.create, body, { idempotent: false });
    if (!answer || typeof answer.orderNo !== "string" || !answer.orderNo) {
      // Whether an order was made is unknown: not a refusal, so an idempotent retry looks first.
      throw new ProviderUnavailableError("OMS", this.account, "the create answer has no orderNo", false);
    }
    const receipt = parseCreateAnswer({ orderNo: answer.orderNo, status: answer.status });
    // Read back what the OMS stored; the create already succeeded, so a failed read must not hide it.
    const stored = await this.fetchOrder(answer.orderNo).catch(() => null);
    const sent = { ...body, orderNo: answer.orderNo, status: answer.status as string | undefined, createTime: omsDateTime(this.clock()) } as OmsWireOrder;
    return { order: stored ?? parseOrder(sent, this.account), receipt };
  }

  /** The token travels as the referenceNo only when the seller gave none; else orders under the seller's are candidates. */
  async findAttempt(command: ProviderCreateCommand, attempt: CreateAttempt): Promise<AttemptSearch> {
    const referenceNo = command.referenceNo ?? attempt.token;
    const page = await this.queryPage({ referenceNo, createTimeStart: omsDateTime(new Date(attempt.startedAt.getTime() - DAY_MS)) }, 1, OMS_MAX_PAGE_SIZE);
    const orders = (page.list ?? []).filter((w) => w.referenceNo === referenceNo).map((w) => parseOrder(w, this.account));
    return { orders, byToken: !command.referenceNo };
  }

  async update(order: ReturnOrder, command: UpdateReturnOrderCommand): Promise<ReturnOrder> {
    // The whole current order goes back with the changes: whether the OMS clears absent fields is undocumented.
    const current = await this.fetchWire(order.providerOrderNo);
    if (!current) throw new NotFoundError();
    const body = toUpdateRequest(current, command);
    let answer: OmsWireOrder | null;
    try {
      answer = await this.client.call<OmsWireOrder | null>(OMS_PATHS.update, body, { idempotent: false });
    } catch (error) {
      throw await this.explainRefusal(error, order, "change", omsUpdatable);
    }
    // The answer is the order (seed 000) but without its items and warehouse: those are what was sent.
    const fresh = answer && typeof answer === "object" && answer.orderNo === current.orderNo ? answer : {};
    const merged: OmsWireOrder = { ...current, warehouseCode: body["warehouseCode"] as string, itemDTOs: body["itemDTOs"] as OmsWireOrder["itemDTOs"], ...fresh };
    return parseOrder(merged, this.account);
  }

  async cancel(order: ReturnOrder, reason: string | null): Promise<ReturnOrder> {
    try {
      await this.client.call<unknown>(OMS_PATHS.cancel, { orderNo: order.providerOrderNo, cancelRemark: reason ?? "" }, { idempotent: false });
    } catch (error) {
      throw await this.explainRefusal(error, order, "cancel", omsCancellable);
    }
    const fresh = await this.fetchOrder(order.providerOrderNo).catch(() => null);
    return fresh ?? { ...order, status: "CANCELLED", providerStatus: "6" };
  }

  /**
   * A refusal after our own check passed means the order moved on meanwhile (e.g. the parcel was
   * received). When a fresh read shows a status that no longer allows the operation, that is the
   * answer (InvalidState, with the OMS's message); otherwise the OMS's refusal stands as it is.
   */
  private async explainRefusal(error: unknown, order: ReturnOrder, verb: string, allowed: (status: string) => boolean): Promise<unknown> {
    if (!(error instanceof ProviderRejectedError)) return error;
    const fresh = await this.fetchWire(order.providerOrderNo).catch(() => null);
    const status = fresh ? (code(fresh.status) ?? "") : null;
    if (status == null || allowed(status)) return error;
    return new InvalidStateError(
      `The OMS refused to ${verb} the order: it is now in status ${status} (${OMS_STATUS_TABLE[status]?.label ?? "unknown"}). OMS said: ${error.providerMessage ?? error.providerCode ?? "no message"}`,
      status,
    );
  }

  receiptOf(order: ReturnOrder) {
    return { __typename: "OmsReceipt", orderNo: order.providerOrderNo, status: order.providerStatus || null };
  }

  capabilitiesOf(order: ReturnOrder): OrderCapabilities {
    const reasons: string[] = [];
    const known = OMS_STATUS_TABLE[order.providerStatus] != null;
    const canUpdate = omsUpdatable(order.providerStatus);
    const canCancel = omsCancellable(order.providerStatus);
    if (!known) reasons.push(`OMS status ${order.providerStatus || "(none)"} is unknown to this version; nothing is offered on it.`);
    else {
      if (!canUpdate) reasons.push(`The OMS changes only orders in status ${label(OMS_UPDATABLE)}; this one is ${order.providerStatus}.`);
      if (!canCancel) reasons.push(`The OMS cancels only orders in status ${label(OMS_CANCELLABLE)}; this one is ${order.providerStatus}.`);
    }
    return { canUpdate, canCancel, reasons };
  }

  async getMany(requests: LookupRequest[]): Promise<LookupAnswer[]> {
    const numbers = [...new Set(requests.map((r) => r.providerOrderNo))];
    const found = new Map<string, LookupAnswer>();
    const limit = pLimit(LOOKUPS_AT_ONCE);
    await Promise.all(
      numbers.map((no) =>
        limit(async () => {
          try {
            found.set(no, await this.fetchOrder(no));
          } catch (error) {
            found.set(no, failedLookup(error));
          }
        }),
      ),
    );
    return requests.map((r) => found.get(r.providerOrderNo) ?? null);
  }

  async list(request: ListRequest): Promise<ListResult> {
    const { filter } = request;
    if (filter.search) return this.search(request);
    const pushed = toListFilter(filter);
    return scanPages({
      offset: request.offset,
      limit: request.limit,
      maxPageSize: OMS_MAX_PAGE_SIZE,
      maxCalls: 3,
      fetchPage: async (pageNum, pageSize) => {
        const page = await this.queryPage(pushed, pageNum, pageSize);
        const items = page.list ?? [];
        // The OMS says how many pages, not how many items: the total is known on the last page only.
        const last = typeof page.totalPage === "number" && pageNum >= page.totalPage;
        return { items, total: last ? (pageNum - 1) * pageSize + items.length : null };
      },
      parse: (wire) => parseOrder(wire, this.account),
      keep: (order) => matchesAfterFetch(order, filter),
    });
  }

  /** `search` matches one of four numbers; the list filters one field at a time, so ask for each. */
  private async search(request: ListRequest): Promise<ListResult> {
    const { filter } = request;
    const term = filter.search!;
    const base = toListFilter(filter);
    const fields: (keyof OmsListFilter)[] = ["orderNo", "referenceNo", "trackingNo", "outboundOrderNo"];
    // Four calls, one per field: no bound needed beyond the account's in the HTTP client.
    const pages = await Promise.all(fields.map((field) => this.queryPage({ ...base, [field]: term }, 1, OMS_MAX_PAGE_SIZE)));
    const found = pages.flatMap((page) => (page.list ?? []).map((wire) => parseOrder(wire, this.account)));
    return sliceGathered(found, request.offset, request.limit, (o) => matchesAfterFetch(o, filter));
  }

  async ping(): Promise<void> {
    await this.queryPage({}, 1, 1);
  }

  /** One order as the OMS holds it, or null. */
  private async fetchOrder(orderNo: string): Promise<ReturnOrder | null> {
    const wire = await this.fetchWire(orderNo);
    return wire ? parseOrder(wire, this.account) : null;
  }

  private async fetchWire(orderNo: string): Promise<OmsWireOrder | null> {
    const page = await this.queryPage({ orderNo }, 1, 20);
    return (page.list ?? []).find((w) => w.orderNo === orderNo) ?? null;
  }

  private async queryPage(filter: OmsListFilter, pageNum: number, pageSize: number): Promise<OmsPage> {
    const data = await this.client.call<OmsPage | null>(OMS_PATHS.list, toListRequest(filter, pageNum, pageSize), { idempotent: true });
    if (!data || typeof data !== "object") return {};
    if (data.list != null && !Array.isArray(data.list)) {
      // Not "no orders": an answer that cannot be read must not pass for an empty one.
      throw new ProviderUnavailableError("OMS", this.account, "the list answer's list is not a list", true);
    }
    return { ...data, list: (data.list ?? []).filter((w) => w && typeof w.orderNo === "string") };
  }
}

/**
 * Every filter again after the fetch: the list filters' names are inferred, and an OMS that ignores
 * one must not widen the answer. The exact `search` match covers the four numbers it may hit.
 */
function matchesAfterFetch(order: ReturnOrder, filter: ReturnOrderFilter): boolean {
  if (filter.statuses?.length && !filter.statuses.includes(order.status)) return false;
  if (filter.warehouseCode && order.warehouseCode !== filter.warehouseCode) return false;
  if (filter.createdFrom && order.createdAt && order.createdAt < filter.createdFrom) return false;
  if (filter.createdTo && order.createdAt && order.createdAt > filter.createdTo) return false;
  if (filter.search) {
    const numbers = [order.providerOrderNo, order.referenceNo, order.outboundOrderNo, order.trackingNumber];
    if (!numbers.includes(filter.search)) return false;
  }
  return true;
}

/** The seller's reference; without one, an idempotent create's attempt token, so a retry can find it. */
function referenceNoOf(command: ProviderCreateCommand, attempt: CreateAttempt | null): string | null {
  return command.referenceNo ?? attempt?.token ?? null;
}
