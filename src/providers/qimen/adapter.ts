import pLimit from "p-limit";
import type { Logger } from "../../logger.js";
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
  type ReturnProviderAdapter,
} from "../../returns/ports.js";
import { couldBeAttempt } from "../../returns/create-attempt.js";
import { InvalidInputError, InvalidStateError, ProviderRejectedError, type FieldViolation } from "../../returns/errors.js";
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
import type { QimenReturnDetails } from "./graphql.js";
import type { QimenReturnOptions } from "./options.js";
import { keepAddressParts, withCurrentDetails, orderFromDocument, orderFromRequest, parseCreateAnswer, readQueryPage } from "./mapper.js";
import { readQimenConfirm, refuseQimenPush, type QimenAccountKeys } from "./push.js";
import { QIMEN_QUERY_PAGE_SIZE, qimenReturnOrderCode, toCancelRequest, toCreateRequest, toQueryRequest, type QimenQueryKeys } from "./requests.js";
import { qimenCapabilities } from "./status.js";
import { validateQimenCreate } from "./validation.js";
import type { WireLine, WireOrderDocument } from "./wire.js";

/** What only the subgraph knows of an order, kept when it is read back from the warehouse. */
interface KnownHere {
  createdAt: Date | null;
  referenceNo: string | null;
  confirmations: QimenReturnDetails["confirmations"];
}

/** A query's lines come a page at a time; no return order has more than this many pages of them. */
const MAX_QUERY_PAGES = 10;

/**
 * Qimen is an ERP→WMS protocol without a list API: this subgraph is the system of record for the
 * return orders it creates. Reads and lists come from the store's snapshots; the warehouse's
 * confirm pushes update them; `taobao.qimen.returnorder.query` refreshes one from the warehouse.
 */
export class QimenAdapter implements ReturnProviderAdapter {
  readonly provider = "QIMEN" as const;
  readonly features: ProviderFeatures = { create: true, update: false, cancel: true, receivesPushes: true, recordedHere: true };
  /**
   * Open orders are asked for again through `returnorder.query` (`reread`), only where the
   * deployment says to use it: whether a warehouse answers the query is the account's matter.
   */
  readonly changeTracking: ChangeTracking = { by: "open-orders", optIn: true };

  constructor(
    readonly account: string,
    private readonly client: QimenClient,
    private readonly keys: QimenAccountKeys,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  validateCreate(command: CreateReturnOrderCommand): FieldViolation[] {
    return validateQimenCreate(command);
  }

  /**
   * The order's returnOrderCode is the caller's own when it gives one (an ERP's), else made from
   * the attempt token, so a retry re-sends the same code either way, and a warehouse that already
   * holds it refuses the retry. A code this subgraph already records is refused before sending.
   * When the warehouse refuses a retried code, the order under it is taken as this attempt's only
   * when it is surely this attempt's: the code is the attempt's own, or the order carries its token.
   */
  async create(command: ProviderCreateCommand, attempt: CreateAttempt | null): Promise<CreateOutcome> {
    const now = this.clock();
    const own = callerCode(command);
    const code = own ?? qimenReturnOrderCode(attempt?.token ?? null, now);
    if (own && (await this.getMany([{ providerOrderNo: own, createdAt: null }]))[0]) {
      throw new InvalidInputError([{ field: ["input", "qimen", "returnOrderCode"], message: `returnOrderCode ${own} is already an order of this account` }]);
    }
    const request = toCreateRequest(command, code, attempt?.token ?? null);
    let receipt;
    try {
      const answer = await this.client.call(QIMEN_METHODS.create, request as unknown as Record<string, unknown>, { idempotent: attempt !== null });
      receipt = parseCreateAnswer(answer, code, this.account);
    } catch (error) {
      if (!(error instanceof ProviderRejectedError) || !attempt) throw error;
      const landed = await this.query(code, this.queryKeysOf(command), { createdAt: now, referenceNo: null, confirmations: [] }).catch(() => null);
      if (!landed || (own && outBizCodeOf(landed) !== attempt.token)) throw error;
      receipt = this.receiptOf(landed);
    }
    const order = orderFromRequest(
      { ...request, returnOrder: { ...request.returnOrder, returnOrderId: receipt.returnOrderId ?? undefined } },
      {
        account: this.account,
        providerStatus: "NEW",
        createdAt: now,
        updatedAt: now,
        completedAt: null,
        referenceNo: command.referenceNo ?? null,
        confirmations: [],
      },
    );
    return { order: keepAddressParts(order, command.sender), receipt };
  }

  private queryKeysOf(command: ProviderCreateCommand): QimenQueryKeys {
    return { warehouseCode: command.warehouseCode, ownerCode: (command.options as QimenReturnOptions | null)?.ownerCode ?? null };
  }

  async findAttempt(command: ProviderCreateCommand, attempt: CreateAttempt): Promise<AttemptSearch> {
    const own = callerCode(command);
    const code = own ?? qimenReturnOrderCode(attempt.token, attempt.startedAt);
    const [stored] = await this.getMany([{ providerOrderNo: code, createdAt: null }]);
    if (stored) return { orders: [stored], byToken: true };
    // Not recorded here: ask the warehouse whether the interrupted create reached it.
    try {
      const found = await this.query(code, this.queryKeysOf(command), {
        createdAt: attempt.startedAt,
        referenceNo: command.referenceNo ?? null,
        confirmations: [],
      });
      // Under the caller's own code the order may be another create's: it is this attempt's when
      // it carries the attempt's token, or, where the warehouse does not say, when it is what was sent.
      const mine = found && (!own || (outBizCodeOf(found) ?? null) === attempt.token || (!outBizCodeOf(found) && couldBeAttempt(found, command, attempt)));
      return { orders: mine ? [found] : [], byToken: true };
    } catch (error) {
      if (error instanceof ProviderRejectedError) return { orders: [], byToken: true }; // not there: re-creating is safe, the code is the same
      throw error;
    }
  }

  /**
   * Reads one order back from the warehouse (`taobao.qimen.returnorder.query`, every page of its
   * lines) and records it as observed. What only the subgraph knows (reference, creation time,
   * confirms) is kept from the stored snapshot, and so is the status unless the warehouse sends one
   * (the return query documents none).
   */
  async refresh(order: ReturnOrder): Promise<ReturnOrder> {
    const details = order.details as unknown as QimenReturnDetails;
    const keys = { returnOrderId: details.returnOrderId, warehouseCode: order.warehouseCode, ownerCode: details.ownerCode };
    const known = { createdAt: order.createdAt, referenceNo: order.referenceNo, confirmations: details.confirmations };
    const fresh = await this.query(order.providerOrderNo, keys, known, order.providerStatus);
    if (!fresh) throw new ProviderRejectedError("QIMEN", null, `the warehouse does not know ${order.providerOrderNo}`);
    const reported = fresh.details as unknown as QimenReturnDetails;
    // The query answer documents neither outBizCode nor the request's own extendProps: kept as sent.
    const kept = {
      ...reported,
      outBizCode: details.outBizCode,
      requestExtendProps: reported.requestExtendProps.length ? reported.requestExtendProps : (details.requestExtendProps ?? []),
    };
    const merged = keepAddressParts({ ...fresh, details: kept as unknown as ReturnOrder["details"] }, order.sender);
    await this.store.orders.record([merged], "OBSERVED", { at: this.clock(), keepSnapshot: true });
    return merged;
  }

  private async query(code: string, keys: QimenQueryKeys, known: KnownHere, fallbackStatus = "NEW"): Promise<ReturnOrder | null> {
    const lines: WireLine[] = [];
    let first: ReturnType<typeof readQueryPage> | null = null;
    for (let page = 1; page <= MAX_QUERY_PAGES; page++) {
      const answer = await this.client.call(QIMEN_METHODS.query, toQueryRequest(code, keys, page), { idempotent: true });
      const parsed = readQueryPage(answer, this.account);
      first ??= parsed;
      lines.push(...parsed.document.orderLines);
      // The return query documents no line count: a short page is the last one.
      const total = parsed.totalLines ?? Number.POSITIVE_INFINITY;
      if (lines.length >= total || parsed.document.orderLines.length < QIMEN_QUERY_PAGE_SIZE) break;
    }
    if (!first) return null;
    const document: WireOrderDocument = { returnOrder: first.document.returnOrder, orderLines: lines, extendProps: first.document.extendProps };
    const now = this.clock();
    return orderFromDocument(document, { ...known, account: this.account, providerStatus: first.status ?? fallbackStatus, updatedAt: now, completedAt: null });
  }

  async cancel(order: ReturnOrder, reason: string | null): Promise<ReturnOrder> {
    const { warehouseCode } = order;
    // Required by order.cancel: without it the warehouse cannot tell whose order this is.
    if (!warehouseCode) throw new InvalidStateError("Qimen cancels an order by its warehouse code, and this order has none.", order.providerStatus);
    // Cancelling twice is cancelling once: safe to resend.
    await this.client.call(QIMEN_METHODS.cancel, toCancelRequest({ ...order, warehouseCode }, reason), { idempotent: true });
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
    return qimenCapabilities(order.providerStatus);
  }

  async getMany(requests: LookupRequest[]): Promise<(ReturnOrder | null)[]> {
    const keys = requests.map((r) => ({ provider: this.provider, account: this.account, providerOrderNo: r.providerOrderNo }));
    const found = await this.store.orders.snapshots(keys);
    return keys.map((k) => {
      const order = found.get(keyString(k));
      return order ? withCurrentDetails(order) : null;
    });
  }

  /** Each stored order asked for again from the warehouse (one query per order; no batch form), bounded. */
  async reread(requests: LookupRequest[]): Promise<LookupAnswer[]> {
    const stored = await this.getMany(requests);
    const limit = pLimit(LOOKUPS_AT_ONCE);
    return Promise.all(stored.map((order) => (order ? limit(() => this.refresh(order).catch(failedLookup)) : Promise.resolve(null))));
  }

  async list(request: ListRequest): Promise<ListResult> {
    const { orders, total } = await this.store.orders.listSnapshots(this.provider, this.account, request.filter, request.offset, request.limit);
    return {
      orders: orders.map((order, i) => ({ order: withCurrentDetails(order), next: request.offset + i + 1 })),
      scanEnd: request.offset + orders.length,
      exhausted: orders.length < request.limit,
      // Every filter is applied in SQL: the count is exact.
      total,
    };
  }

  refusePush(status: number, message: string): PushReply {
    return refuseQimenPush(status, message);
  }

  readPush(push: IncomingPush): Promise<PushReading> {
    return Promise.resolve(readQimenConfirm(push, this.account, this.keys, this.logger));
  }
}

/** The caller's own returnOrderCode, when it gave one. */
function callerCode(command: CreateReturnOrderCommand): string | null {
  return (command.options as QimenReturnOptions | null)?.returnOrderCode ?? null;
}

function outBizCodeOf(order: ReturnOrder): string | null {
  return (order.details as unknown as QimenReturnDetails).outBizCode ?? null;
}
