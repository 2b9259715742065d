import type { GraphQLFormattedError } from "graphql";

/** graphql-js's hints at what the schema holds: " Did you mean "OPEN"?", " Did you mean the enum value "OPEN"?", "… to use an inline fragment on …?". */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Answers without "Did you mean …" anywhere: in production the schema is not introspectable, and
 * suggestions would reveal its names one guess at a time. graphql-armor's blockFieldSuggestion and
 * Apollo's hideSchemaDetailsFromClientErrors strip them from validation errors only; enum values
 * and input fields in variables are suggested while the variables are coerced, after validation.
 */
export function withoutSuggestions(
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const answer = format(formatted, error);
    const message = answer.message.replace(SUGGESTION, "");
    return message === answer.message ? answer : { ...answer, message };
  };
}
