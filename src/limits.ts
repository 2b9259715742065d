import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";

/**
 * Operation limits, enforced by the subgraph itself because more than one router (or a client
 * that bypasses them) may reach it. A refused operation never reaches a resolver or a provider.
 * Chosen with room for the deepest legitimate selection (an order's details → goods → image
 * URLs through `_entities`, ~6 levels) and for Sandbox's introspection.
 */
export const OPERATION_LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 4_000,
  maxCost: 20_000,
  /** Entity representations in one `_entities` request (a gateway batches per subgraph fetch). */
  maxRepresentations: 500,
} as const;

export function operationLimits(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: OPERATION_LIMITS.maxAliases },
    maxDirectives: { n: OPERATION_LIMITS.maxDirectives },
    maxTokens: { n: OPERATION_LIMITS.maxTokens },
    costLimit: { maxCost: OPERATION_LIMITS.maxCost, ignoreIntrospection: true },
    // Suggestions ("did you mean …") reveal the schema; off where introspection is off.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { plugins: [...armor.plugins, representationLimit()], validationRules: armor.validationRules };
}

function representationLimit(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const representations = request.variables?.["representations"];
          if (Array.isArray(representations) && representations.length > OPERATION_LIMITS.maxRepresentations) {
            throw new GraphQLError(`At most ${OPERATION_LIMITS.maxRepresentations} entity representations per request.`, {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
