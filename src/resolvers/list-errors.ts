import { GraphQLError } from "graphql";
import { CursorError } from "../returns/cursor.js";
import type { FieldViolation } from "../returns/errors.js";
import { PageSizeError } from "../returns/service.js";

/** A list's filter that breaks a rule: a top-level BAD_USER_INPUT with every violation (lists have no error union). */
export function invalidFilter(violations: FieldViolation[]): GraphQLError {
  return new GraphQLError(`Invalid filter: ${violations.map((v) => `${v.field.join(".")}: ${v.message}`).join("; ")}`, {
    extensions: { code: "BAD_USER_INPUT", violations },
  });
}

/** Runs a list read, answering a bad `first` or `after` as the caller's error (BAD_USER_INPUT), never as a bug. */
export async function withPagingErrors<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PageSizeError || error instanceof CursorError) {
      throw new GraphQLError(error.message, { extensions: { code: "BAD_USER_INPUT", reason: error.code } });
    }
    throw error;
  }
}
