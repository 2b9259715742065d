import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, type OperationDefinitionNode } from "graphql";
import type { RequestContext } from "../context.js";
import { READ_SCOPE, WRITE_SCOPE, type Caller } from "./caller.js";

// Root fields anyone authenticated may ask for: the router's schema fetch and introspection
// (the latter is off in production anyway).
const OPEN_FIELDS = new Set(["_service", "__typename", "__schema", "__type"]);

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : "*"));
}

/**
 * Why `caller` may not run `operation`, or null: `returns:write` for mutations, `returns:read` for
 * queries and subscriptions. One rule for HTTP and WebSocket.
 */
export function scopeRefusal(operation: OperationDefinitionNode, caller: Caller): GraphQLError | null {
  const forbidden = (scope: string) =>
    new GraphQLError(`This operation needs the ${scope} scope.`, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
  if (operation.operation === "mutation") return caller.canWrite ? null : forbidden(WRITE_SCOPE);
  if (rootFields(operation).every((f) => OPEN_FIELDS.has(f))) return null;
  return caller.canRead ? null : forbidden(READ_SCOPE);
}

/** The scope rule on HTTP, checked before anything resolves. */
export function scopeCheck(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation) return;
          const refusal = scopeRefusal(operation, contextValue.loaders.caller);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
