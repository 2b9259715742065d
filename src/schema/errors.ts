import { Field, InterfaceType, ObjectType, createUnionType } from "type-graphql";
import { modulesInSchemaOrder } from "../providers/registry.js";
import {
  IdempotencyConflictError,
  InvalidInputError,
  InvalidStateError,
  NotFoundError,
  NotSupportedError,
  ProviderRejectedError,
  ProviderUnavailableError,
  type ReturnsError,
} from "../returns/errors.js";
import type { ReturnProvider } from "../returns/model.js";
import type { StoreUnavailableError } from "../store/health.js";
import { ReturnProviderEnum, UserErrorCodeEnum } from "./enums.js";
import { ReturnOrder } from "./order.js";

@InterfaceType({ description: "An expected failure, returned as data." })
export abstract class UserError {
  @Field(() => UserErrorCodeEnum, { description: "The kind of error, for code to branch on." }) code!: string;
  @Field(() => String, { description: "What went wrong, for people; not meant to be parsed." }) message!: string;
  @Field(() => [String], { nullable: true, description: "Path to the offending input field, when there is one." }) field?: string[] | null;
}

@ObjectType({ description: "One rule that one input field broke." })
export class FieldViolation {
  @Field(() => [String], { description: "Path to the input field, e.g. [\"lines\", \"0\", \"quantity\"]." }) field!: string[];
  @Field(() => String, { description: "The rule it broke, for people." }) message!: string;
}

@ObjectType({ implements: UserError, description: "The input broke one or more rules; nothing was sent to the provider." })
export class InvalidInput extends UserError {
  @Field(() => [FieldViolation], { description: "Every rule broken, one entry per field." }) violations!: FieldViolation[];
}

@ObjectType({ implements: UserError, description: "No order has this id, or the caller may not see it." })
export class NotFound extends UserError {}

@ObjectType({ implements: UserError, description: "The provider (or this order's provider) offers no such operation." })
export class OperationNotSupported extends UserError {
  @Field(() => ReturnProviderEnum, { description: "The provider that lacks the operation." }) provider!: ReturnProvider;
}

@ObjectType({ implements: UserError, description: "The provider refused the request." })
export class ProviderRejected extends UserError {
  @Field(() => ReturnProviderEnum, { description: "The provider that refused." }) provider!: ReturnProvider;
  @Field(() => String, { nullable: true, description: "The provider's own error code, unchanged; null when it gave none." }) providerCode?: string | null;
  @Field(() => String, { nullable: true, description: "The provider's own error message, unchanged; null when it gave none." }) providerMessage?: string | null;
}

@ObjectType({ implements: UserError, description: "The provider could not be reached or did not answer in time; the request may or may not have been applied there." })
export class ProviderUnavailable extends UserError {
  @Field(() => ReturnProviderEnum, { description: "The provider that did not answer." }) provider!: ReturnProvider;
  @Field(() => Boolean, { description: "Whether the same request may be sent again as it is (with the same idempotency key)." }) retryable!: boolean;
}

@ObjectType({ implements: UserError, description: "The order's current status does not allow the operation." })
export class InvalidState extends UserError {
  @Field(() => String, { nullable: true, description: "The provider's status code the order is in; null when unknown." }) providerStatus?: string | null;
}

@ObjectType({ implements: UserError, description: "The idempotency key was used before with a different input; nothing was done." })
export class IdempotencyConflict extends UserError {}

export const ProviderReceipt = createUnionType({
  name: "ProviderReceipt",
  description: "What the provider answered on creation, in its own terms.",
  types: () => modulesInSchemaOrder().map((m) => m.graphql.receipt),
});

@ObjectType({ description: "The order was created at the provider." })
export class ReturnOrderCreated {
  @Field(() => ReturnOrder, { description: "The new order, as the provider now has it." }) returnOrder!: ReturnOrder;
  @Field(() => ProviderReceipt, { description: "The provider's own answer to the creation." }) receipt!: typeof ProviderReceipt;
}

@ObjectType({ description: "The order was changed at the provider." })
export class ReturnOrderUpdated {
  @Field(() => ReturnOrder, { description: "The order as it is after the change." }) returnOrder!: ReturnOrder;
}

@ObjectType({ description: "The order was cancelled at the provider." })
export class ReturnOrderCancelled {
  @Field(() => ReturnOrder, { description: "The order as it is after the cancellation." }) returnOrder!: ReturnOrder;
}

export const ReturnOrderCreateResult = createUnionType({
  name: "ReturnOrderCreateResult",
  description: "The created order, or why it was not created.",
  types: () => [ReturnOrderCreated, InvalidInput, OperationNotSupported, ProviderRejected, ProviderUnavailable, IdempotencyConflict] as const,
});

export const ReturnOrderUpdateResult = createUnionType({
  name: "ReturnOrderUpdateResult",
  description: "The changed order, or why it was not changed.",
  types: () => [ReturnOrderUpdated, InvalidInput, NotFound, InvalidState, OperationNotSupported, ProviderRejected, ProviderUnavailable] as const,
});

export const ReturnOrderCancelResult = createUnionType({
  name: "ReturnOrderCancelResult",
  description: "The cancelled order, or why it was not cancelled.",
  types: () => [ReturnOrderCancelled, InvalidInput, NotFound, InvalidState, OperationNotSupported, ProviderRejected, ProviderUnavailable] as const,
});

/** A domain error as the union member that shows it. */
export function userErrorOf(error: ReturnsError): { __typename: string } & Record<string, unknown> {
  const base = { code: error.code, message: error.message, field: error.field };
  if (error instanceof InvalidInputError) return { __typename: "InvalidInput", ...base, violations: error.violations };
  if (error instanceof NotFoundError) return { __typename: "NotFound", ...base };
  if (error instanceof NotSupportedError) return { __typename: "OperationNotSupported", ...base, provider: error.provider };
  if (error instanceof InvalidStateError) return { __typename: "InvalidState", ...base, providerStatus: error.providerStatus };
  if (error instanceof ProviderRejectedError) {
    return { __typename: "ProviderRejected", ...base, provider: error.provider, providerCode: error.providerCode, providerMessage: error.providerMessage };
  }
  if (error instanceof ProviderUnavailableError) return { __typename: "ProviderUnavailable", ...base, provider: error.provider, retryable: error.retryable };
  if (error instanceof IdempotencyConflictError) return { __typename: "IdempotencyConflict", ...base };
  throw error;
}

/** The store is down: the operation on `provider` cannot be done now, and may be retried as it is. */
export function storeUnavailableOf(provider: ReturnProvider, error: StoreUnavailableError): { __typename: string } & Record<string, unknown> {
  return { __typename: "ProviderUnavailable", code: "PROVIDER_UNAVAILABLE", message: error.message, field: null, provider, retryable: error.retryable };
}
