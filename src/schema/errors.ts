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
  @Field(() => UserErrorCodeEnum) code!: string;
  @Field(() => String) message!: string;
  @Field(() => [String], { nullable: true, description: "Path to the offending input field, when there is one." }) field?: string[] | null;
}

@ObjectType()
export class FieldViolation {
  @Field(() => [String]) field!: string[];
  @Field(() => String) message!: string;
}

@ObjectType({ implements: UserError })
export class InvalidInput extends UserError {
  @Field(() => [FieldViolation]) violations!: FieldViolation[];
}

@ObjectType({ implements: UserError })
export class NotFound extends UserError {}

@ObjectType({ implements: UserError })
export class OperationNotSupported extends UserError {
  @Field(() => ReturnProviderEnum) provider!: ReturnProvider;
}

@ObjectType({ implements: UserError })
export class ProviderRejected extends UserError {
  @Field(() => ReturnProviderEnum) provider!: ReturnProvider;
  @Field(() => String, { nullable: true }) providerCode?: string | null;
  @Field(() => String, { nullable: true }) providerMessage?: string | null;
}

@ObjectType({ implements: UserError })
export class ProviderUnavailable extends UserError {
  @Field(() => ReturnProviderEnum) provider!: ReturnProvider;
  @Field(() => Boolean) retryable!: boolean;
}

@ObjectType({ implements: UserError })
export class InvalidState extends UserError {
  @Field(() => String, { nullable: true }) providerStatus?: string | null;
}

@ObjectType({ implements: UserError })
export class IdempotencyConflict extends UserError {}

export const ProviderReceipt = createUnionType({
  name: "ProviderReceipt",
  description: "What the provider answered on creation, in its own terms.",
  types: () => modulesInSchemaOrder().map((m) => m.graphql.receipt),
});

@ObjectType()
export class ReturnOrderCreated {
  @Field(() => ReturnOrder) returnOrder!: ReturnOrder;
  @Field(() => ProviderReceipt) receipt!: typeof ProviderReceipt;
}

@ObjectType()
export class ReturnOrderUpdated {
  @Field(() => ReturnOrder) returnOrder!: ReturnOrder;
}

@ObjectType()
export class ReturnOrderCancelled {
  @Field(() => ReturnOrder) returnOrder!: ReturnOrder;
}

export const ReturnOrderCreateResult = createUnionType({
  name: "ReturnOrderCreateResult",
  types: () => [ReturnOrderCreated, InvalidInput, OperationNotSupported, ProviderRejected, ProviderUnavailable, IdempotencyConflict] as const,
});

export const ReturnOrderUpdateResult = createUnionType({
  name: "ReturnOrderUpdateResult",
  types: () => [ReturnOrderUpdated, InvalidInput, NotFound, InvalidState, OperationNotSupported, ProviderRejected, ProviderUnavailable] as const,
});

export const ReturnOrderCancelResult = createUnionType({
  name: "ReturnOrderCancelResult",
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
