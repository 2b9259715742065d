import type { Logger } from "../../logger.js";
import type { AttemptSearch, LookupRequest, ListRequest, ListResult, ProviderFeatures, ReturnProviderAdapter } from "../../returns/ports.js";
import { ProviderRejectedError, type FieldViolation } from "../../returns/errors.js";
import {
  keyString,
  type CreateAttempt,
  type CreateOutcome,
  type CreateReturnOrderCommand,
  type OrderCapabilities,
  type ProviderCreateCommand,
  type ReturnOrder,
} from "../../returns/model.js";
import type { Store } from "../../store/index.js";
import type { IncomingPush, PushReading, PushReply } from "../../webhooks/types.js";
import { QIMEN_METHODS, type QimenClient } from "./client.js";
import type { QimenReturnDetails, QimenReturnOptions } from "./graphql.js";
import {
  applyConfirm,
  orderFromDocument,
  parseConfirm,
  parseCreateAnswer,
  parseQimenTime,
  qimenReturnOrderCode,
  queryDocument,
  QimenConfirmError,
  toCancelRequest,
  toCreateRequest,
  type QimenWireLine,
} from "./mapper.js";
import { qimenSignatureMatches } from "./signing.js";
import { QIMEN_STATUS_TABLE, qimenCancellable } from "./status.js";
import { buildQimenXml, parseQimenXml, QimenXmlError } from "./xml.js";

/** Lines per `returnorder.query` page: Qimen's maximum. */
export const QIMEN_QUERY_PAGE_SIZE = 100;
/** How far a push's timestamp may be from our clock (Qimen's gateways allow ten minutes). */
export const QIMEN_PUSH_MAX_SKEW_MS = 10 * 60_000;

const CANCELLABLE = Object.entries(QIMEN_STATUS_TABLE)
  .filter(([, v]) => v.cancellable)
  .map(([code]) => code)
  .join(", ");

export interface QimenAccountKeys {
  appKey: string;
  appSecret: string;
  customerId: string;
}

/** Qimen's push answer: `<response><flag/><code/><message/></response>`. */
export function qimenReply(status: number, flag: "success" | "failure", code: string, message: string): PushReply {
  return { status, contentType: "text/xml; charset=utf-8", body: buildQimenXml("response", { flag, code, message }) };
}

/**
 * Qimen is an ERP→WMS protocol without a list API: this subgraph is the system of record for the
 * return orders it creates. Reads and lists come from the store's snapshots; the warehouse's
 * confirm pushes update them; `taobao.qimen.returnorder.query` refreshes one from the warehouse.
 */
export class QimenAdapter implements ReturnProviderAdapter {
  readonly provider = "QIMEN" as const;
  readonly features: ProviderFeatures = { create: true, update: false, cancel: true, receivesPushes: true, recordedHere: true };

  constructor(
    readonly account: string,
    private readonly client: QimenClient,
    private readonly keys: QimenAccountKeys,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  validateCreate(command: CreateReturnOrderCommand): FieldViolation[] {
    const violations: FieldViolation[] = [];
    const options = command.options as QimenReturnOptions | null;
    if (!options) violations.push({ field: ["input", "qimen"], message: "Qimen needs the qimen block (ownerCode, logisticsCode)" });
    if (!command.outboundOrderNo) violations.push({ field: ["input", "outboundOrderNo"], message: "Qimen requires the original outbound order (preDeliveryOrderCode)" });
    if (!command.sender) {
      violations.push({ field: ["input", "sender"], message: "Qimen requires the sender (name, mobile, province, city, address1)" });
    } else {
      for (const field of ["name", "mobile", "province", "city", "address1"] as const) {
        if (!command.sender[field]) violations.push({ field: ["input", "sender", field], message: `Qimen requires sender.${field}` });
      }
    }
    (options?.orderFlags ?? []).forEach((flag, i) => {
      if (flag.includes("^")) violations.push({ field: ["input", "qimen", "orderFlags", String(i)], message: "a flag must not contain ^ (Qimen's separator)" });
    });
    const skus = new Set(command.lines.map((l) => l.sku));
    (options?.lines ?? []).forEach((line, i) => {
      if (!skus.has(line.sku)) violations.push({ field: ["input", "qimen", "lines", String(i), "sku"], message: `no input line has sku ${line.sku}` });
    });
    return violations;
  }

  /**
   * An idempotent create's returnOrderCode and outBizCode come from its attempt token, so a retry
   * re-sends the same codes (the warehouse dedupes on outBizCode) and finds its own order by code.
   */
  async create(command: ProviderCreateCommand, attempt: CreateAttempt | null): Promise<CreateOutcome> {
    const now = this.clock();
    const code = qimenReturnOrderCode(attempt?.token ?? null, now);
    const request = toCreateRequest(command, code, attempt?.token ?? null);
    const answer = await this.client.call(QIMEN_METHODS.create, request as unknown as Record<string, unknown>, { idempotent: attempt !== null });
    const receipt = parseCreateAnswer(answer, code);
    const order = orderFromDocument(
      { ...request, returnOrder: { ...request.returnOrder, returnOrderId: receipt.returnOrderId ?? undefined } },
      { account: this.account, providerStatus: "NEW", createdAt: now, updatedAt: now, completedAt: null, referenceNo: command.referenceNo ?? null, confirmations: [] },
    );
    return { order, receipt };
  }

  async findAttempt(command: ProviderCreateCommand, attempt: CreateAttempt): Promise<AttemptSearch> {
    const code = qimenReturnOrderCode(attempt.token, attempt.startedAt);
    const [stored] = await this.getMany([{ providerOrderNo: code, createdAt: null }]);
    if (stored) return { orders: [stored], byToken: true };
    // Not recorded here: ask the warehouse whether the interrupted create reached it.
    try {
      const found = await this.query(code, { createdAt: attempt.startedAt, referenceNo: command.referenceNo ?? null, confirmations: [] });
      return { orders: found ? [found] : [], byToken: true };
    } catch (error) {
      if (error instanceof ProviderRejectedError) return { orders: [], byToken: true }; // not there: re-creating is safe, the code is the same
      throw error;
    }
  }

  /**
   * Reads one order back from the warehouse (`taobao.qimen.returnorder.query`, every page of its
   * lines) and records it as observed. What only the subgraph knows (reference, creation time,
   * confirms) is kept from the stored snapshot.
   */
  async refresh(order: ReturnOrder): Promise<ReturnOrder> {
    const details = order.details as unknown as QimenReturnDetails;
    const fresh = await this.query(order.providerOrderNo, { createdAt: order.createdAt, referenceNo: order.referenceNo, confirmations: details.confirmations }, order.providerStatus);
    if (!fresh) throw new ProviderRejectedError("QIMEN", null, `the warehouse does not know ${order.providerOrderNo}`);
    const merged = { ...fresh, details: { ...fresh.details, outBizCode: details.outBizCode } as ReturnOrder["details"] };
    await this.store.orders.record([merged], "OBSERVED", { at: this.clock(), keepSnapshot: true });
    return merged;
  }

  private async query(
    code: string,
    known: { createdAt: Date | null; referenceNo: string | null; confirmations: QimenReturnDetails["confirmations"] },
    fallbackStatus = "NEW",
  ): Promise<ReturnOrder | null> {
    const lines: QimenWireLine[] = [];
    let first: ReturnType<typeof queryDocument> = null;
    for (let page = 1; page <= 10; page++) {
      const answer = await this.client.call(QIMEN_METHODS.query, { returnOrderCode: code, page, pageSize: QIMEN_QUERY_PAGE_SIZE }, { idempotent: true });
      const parsed = queryDocument(answer);
      if (!parsed) return null;
      first ??= parsed;
      lines.push(...parsed.document.orderLines.orderLine);
      const total = parsed.totalLines ?? lines.length;
      if (lines.length >= total || parsed.document.orderLines.orderLine.length < QIMEN_QUERY_PAGE_SIZE) break;
    }
    const now = this.clock();
    return orderFromDocument(
      { returnOrder: first!.document.returnOrder, orderLines: { orderLine: lines } },
      {
        account: this.account,
        providerStatus: first!.status ?? fallbackStatus,
        createdAt: known.createdAt,
        updatedAt: now,
        completedAt: null,
        referenceNo: known.referenceNo,
        confirmations: known.confirmations,
      },
    );
  }

  async cancel(order: ReturnOrder, reason: string | null): Promise<ReturnOrder> {
    // Cancelling twice is cancelling once: safe to resend.
    await this.client.call(QIMEN_METHODS.cancel, toCancelRequest(order, reason), { idempotent: true });
    const now = this.clock();
    // Start from the freshest snapshot: a confirm may have landed since the order was read.
    const [current] = await this.getMany([{ providerOrderNo: order.providerOrderNo, createdAt: order.createdAt }]);
    return { ...(current ?? order), status: "CANCELLED", providerStatus: "CANCELED", updatedAt: now };
  }

  receiptOf(order: ReturnOrder) {
    const details = order.details as unknown as QimenReturnDetails;
    return { __typename: "QimenReceipt", returnOrderCode: order.providerOrderNo, returnOrderId: details.returnOrderId ?? null };
  }

  capabilitiesOf(order: ReturnOrder): OrderCapabilities {
    const reasons = ["Qimen has no API to change a return order after it is created."];
    const canCancel = qimenCancellable(order.providerStatus);
    if (!canCancel) reasons.push(`Qimen cancels only orders in status ${CANCELLABLE}; this one is ${order.providerStatus}.`);
    return { canUpdate: false, canCancel, reasons };
  }

  async getMany(requests: LookupRequest[]): Promise<(ReturnOrder | null)[]> {
    const keys = requests.map((r) => ({ provider: this.provider, account: this.account, providerOrderNo: r.providerOrderNo }));
    const found = await this.store.orders.snapshots(keys);
    return keys.map((k) => found.get(keyString(k)) ?? null);
  }

  async list(request: ListRequest): Promise<ListResult> {
    const { orders, total } = await this.store.orders.listSnapshots(this.provider, this.account, request.filter, request.offset, request.limit);
    return {
      orders: orders.map((order, i) => ({ order, next: request.offset + i + 1 })),
      scanEnd: request.offset + orders.length,
      exhausted: orders.length < request.limit,
      // Every filter is applied in SQL: the count is exact.
      total,
    };
  }

  /** The warehouse answers and accepts our signature: a refusal of an unknown code still proves both. */
  async ping(): Promise<void> {
    try {
      await this.client.call(QIMEN_METHODS.query, { returnOrderCode: "PING", page: 1, pageSize: 1 }, { idempotent: true });
    } catch (error) {
      if (error instanceof ProviderRejectedError && error.providerCode !== "sign-check-failure") return;
      throw error;
    }
  }

  refusePush(status: number, message: string): PushReply {
    const code = status >= 500 ? "isp.service-unavailable" : status === 413 ? "isv.body-too-large" : "isv.invalid-parameter";
    return qimenReply(status, "failure", code, message);
  }

  /**
   * `taobao.qimen.returnorder.confirm`: verified against this account's key and secret; applied to
   * the stored order (its system of record), once per outBizCode.
   */
  async readPush(push: IncomingPush): Promise<PushReading> {
    const q = push.query;
    const refuse = (status: number, code: string, message: string): PushReading => ({ kind: "refused", reply: qimenReply(status, "failure", code, message) });
    if (q["app_key"] !== this.keys.appKey || (q["customerId"] && q["customerId"] !== this.keys.customerId)) {
      return { kind: "not-mine", reply: qimenReply(401, "failure", "isv.invalid-app-key", "the push is not for a configured Qimen account") };
    }
    const body = push.body.toString("utf8");
    if (!qimenSignatureMatches(q, body, this.keys.appSecret)) {
      return { kind: "not-mine", reply: qimenReply(401, "failure", "sign-check-failure", "Illegal request") };
    }
    if (q["method"] !== QIMEN_METHODS.confirm) return refuse(400, "isv.invalid-method", `this endpoint receives ${QIMEN_METHODS.confirm} only`);
    const sentAt = parseQimenTime(q["timestamp"]);
    if (!sentAt || Math.abs(sentAt.getTime() - push.receivedAt.getTime()) > QIMEN_PUSH_MAX_SKEW_MS) {
      return refuse(400, "isv.invalid-timestamp", "the timestamp is missing or more than ten minutes off");
    }
    let confirm;
    try {
      confirm = parseConfirm(parseQimenXml(body));
    } catch (error) {
      if (error instanceof QimenXmlError || error instanceof QimenConfirmError) return refuse(400, "isv.invalid-parameter", error.message);
      throw error;
    }
    const received = confirm;
    return {
      kind: "change",
      change: {
        dedupeKey: `${this.account}/${confirm.outBizCode}`,
        order: { provider: this.provider, account: this.account, providerOrderNo: confirm.returnOrderCode },
        // Dated when it reached us: orderConfirmTime has whole seconds only and would sort before the create.
        at: push.receivedAt,
        readsCurrent: true,
        // Only orders this subgraph created live here; a confirm for another is refused, not invented.
        apply: (current) => (current ? applyConfirm(current, received, push.receivedAt) : null),
        keepSnapshot: true,
        replies: {
          applied: qimenReply(200, "success", "0", "received"),
          duplicate: qimenReply(200, "success", "0", "already received"),
          "unknown-order": qimenReply(200, "failure", "ORDER_NOT_FOUND", `no return order ${confirm.returnOrderCode} was created through this subgraph`),
        },
        summary: { returnOrderCode: confirm.returnOrderCode, outBizCode: confirm.outBizCode },
      },
    };
  }
}
