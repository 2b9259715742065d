// The unified return-order model every adapter maps to and every resolver reads from.
// Plain data: no provider knowledge lives here.

export const RETURN_PROVIDERS = ["OMS", "QIANYI", "WINIT", "QIMEN"] as const;
export type ReturnProvider = (typeof RETURN_PROVIDERS)[number];

export const RETURN_ORDER_STATUSES = ["DRAFT", "OPEN", "IN_TRANSIT", "RECEIVED", "PROCESSING", "COMPLETED", "CANCELLED", "EXCEPTION", "UNKNOWN"] as const;
export type ReturnOrderStatus = (typeof RETURN_ORDER_STATUSES)[number];

export type EventSource = "PROVIDER_PUSH" | "MUTATION" | "OBSERVED";

/** Identifies one order at one provider account. */
export interface OrderKey {
  provider: ReturnProvider;
  account: string;
  providerOrderNo: string;
}

export interface ReturnParty {
  name?: string | null;
  company?: string | null;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  address1?: string | null;
  address2?: string | null;
  houseNo?: string | null;
  postcode?: string | null;
}

export interface ReturnOrderLine {
  sku: string;
  quantity: number;
  receivedQuantity?: number | null;
  goodQuantity?: number | null;
  defectiveQuantity?: number | null;
  productName?: string | null;
  remark?: string | null;
}

/** A provider-specific object tagged with the GraphQL type that shows it (union members). */
export interface Typed {
  readonly __typename: string;
}

export interface ReturnOrder extends OrderKey {
  referenceNo: string | null;
  outboundOrderNo: string | null;
  status: ReturnOrderStatus;
  providerStatus: string;
  warehouseCode: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  reason: string | null;
  remark: string | null;
  sender: ReturnParty | null;
  lines: ReturnOrderLine[];
  totalQuantity: number;
  receivedQuantity: number | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  completedAt: Date | null;
  details: Typed;
}

export interface OrderCapabilities {
  canUpdate: boolean;
  canCancel: boolean;
  reasons: string[];
  /** Why an update is not offered (null when it is); from `reasons` when an adapter gives none. */
  updateBlockedReason?: string | null;
  /** Why a cancel is not offered (null when it is). */
  cancelBlockedReason?: string | null;
}

/** One recorded status change of one order (the key says which). */
export interface ReturnOrderEvent extends OrderKey {
  /** Its place in the change feed: the store numbers events in the order their writes commit. */
  sequence: number;
  at: Date;
  status: ReturnOrderStatus;
  providerStatus: string;
  /** The order's status at its previous event; null for its first. */
  previousStatus: ReturnOrderStatus | null;
  source: EventSource;
  /** Why the caller made the change (a cancel's reason), where one was given. */
  reason: string | null;
}

/** Which events the change feed answers; every condition given must hold. */
export interface ReturnOrderEventFilter {
  providers?: ReturnProvider[] | null;
  orders?: OrderKey[] | null;
  statuses?: ReturnOrderStatus[] | null;
  sources?: EventSource[] | null;
}

/** The provider accounts a reader may see events of; null for every account. */
export type AccountScope = readonly { provider: ReturnProvider; account: string }[] | null;

export interface CreateReturnOrderCommand {
  provider: ReturnProvider;
  account: string;
  referenceNo?: string | null;
  outboundOrderNo?: string | null;
  warehouseCode: string;
  carrier?: string | null;
  trackingNumber?: string | null;
  reason?: string | null;
  remark?: string | null;
  sender?: ReturnParty | null;
  lines: { sku: string; quantity: number; remark?: string | null }[];
  /** The block named after the provider (`winit`, `qianyi`, …), as given. */
  options: Record<string, unknown> | null;
  /** The caller's key: the service's alone. Adapters see the attempt token instead (`ProviderCreateCommand`). */
  idempotencyKey?: string | null;
}

/** What an adapter is asked to create: never the caller's raw idempotency key, which is not unique across callers. */
export type ProviderCreateCommand = Omit<CreateReturnOrderCommand, "idempotencyKey">;

/**
 * One idempotent create, as its record in the store knows it: a random token made for the record
 * (so unique to this caller's key) and when the first attempt began. Adapters send the token
 * where the provider carries a value back (a dedupe code, a marker), so a retry can find exactly
 * the order its own attempt made.
 */
export interface CreateAttempt {
  token: string;
  startedAt: Date;
}

export interface UpdateReturnOrderCommand {
  referenceNo?: string | null;
  outboundOrderNo?: string | null;
  warehouseCode?: string | null;
  trackingNumber?: string | null;
  carrier?: string | null;
  reason?: string | null;
  remark?: string | null;
  sender?: ReturnParty | null;
  lines?: { sku: string; quantity: number; remark?: string | null }[] | null;
  options: Record<string, unknown> | null;
}

export interface CreateOutcome {
  order: ReturnOrder;
  receipt: Typed;
}

export interface ReturnOrderFilter {
  statuses?: ReturnOrderStatus[] | null;
  warehouseCode?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  /** Orders changed (`updatedAt`) at or after / at or before these instants. */
  updatedFrom?: Date | null;
  updatedTo?: Date | null;
  search?: string | null;
  /**
   * Each provider's own list conditions (its filter block, as given). An order of another provider
   * cannot meet them, so a list with a provider's block reads that provider only.
   */
  providerFilters?: Partial<Record<ReturnProvider, Record<string, unknown>>> | null;
}

/**
 * Whether an order's change time lies in the filter's change window. An order whose provider
 * reports no change time cannot be shown to have changed in it, so it does not match a window.
 */
export function changedWithin(order: Pick<ReturnOrder, "updatedAt">, filter: Pick<ReturnOrderFilter, "updatedFrom" | "updatedTo">): boolean {
  if (!filter.updatedFrom && !filter.updatedTo) return true;
  const at = order.updatedAt?.getTime();
  if (at === undefined) return false;
  if (filter.updatedFrom && at < filter.updatedFrom.getTime()) return false;
  if (filter.updatedTo && at > filter.updatedTo.getTime()) return false;
  return true;
}

export function sumQuantities(values: (number | null | undefined)[]): number | null {
  let seen = false;
  let total = 0;
  for (const v of values) {
    if (v == null) continue;
    seen = true;
    total += v;
  }
  return seen ? total : null;
}

export function keyString(key: OrderKey): string {
  return `${key.provider}\u0000${key.account}\u0000${key.providerOrderNo}`;
}
