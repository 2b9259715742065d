import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, type OperationDefinitionNode } from "graphql";
import type { RequestContext } from "../context.js";
import { READ_SCOPE, WRITE_SCOPE } from "./caller.js";

// Root fields anyone authenticated may ask for: the router's schema fetch and introspection
// (the latter is off in production anyway).
const OPEN_FIELDS = new Set(["_service", "__typename", "__schema", "__type"]);

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : "*"));
}

/** `returns:read` for queries, `returns:write` for mutations, checked before anything resolves. */
export function scopeCheck(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation) return;
          const caller = contextValue.loaders.caller;
          if (operation.operation === "mutation") {
            if (!caller.canWrite)
              throw new GraphQLError(`This operation needs the ${WRITE_SCOPE} scope.`, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
            return;
          }
          if (rootFields(operation).every((f) => OPEN_FIELDS.has(f))) return;
          if (!caller.canRead)
            throw new GraphQLError(`This operation needs the ${READ_SCOPE} scope.`, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
        },
      };
    },
  };
}
