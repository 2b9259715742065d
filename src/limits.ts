import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

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
    // Armor counts tokens by parsing the document again in a plugin hook, where a syntax error is
    // an unexpected failure (HTTP 500, no locations, no operation metric): the parser counts instead.
    maxTokens: { enabled: false },
    costLimit: { maxCost: OPERATION_LIMITS.maxCost, ignoreIntrospection: true },
    // Suggestions ("did you mean …") reveal the schema; off where introspection is off.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    plugins: [...armor.plugins, representationLimit()],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens },
  };
}

function representationLimit(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation, document }) {
          if (operation && entityRepresentations(operation, document, request.variables ?? {}) > OPERATION_LIMITS.maxRepresentations) {
            throw new GraphQLError(`At most ${OPERATION_LIMITS.maxRepresentations} entity representations per request.`, {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * The representations an operation hands to `_entities`, however they arrive: in a variable of
 * any name (its default when none is sent), as a list literal, or as variables inside one; every
 * aliased `_entities` field adds its own. A single value counts one, as list coercion makes it.
 */
export function entityRepresentations(operation: OperationDefinitionNode, document: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue]));
  const countValue = (value: ValueNode): number => {
    switch (value.kind) {
      case Kind.VARIABLE: {
        const name = value.name.value;
        if (variables[name] !== undefined) return countRuntime(variables[name]);
        const fallback = defaults.get(name);
        return fallback ? countValue(fallback) : 0;
      }
      case Kind.LIST:
        return value.values.length;
      case Kind.NULL:
        return 0;
      default:
        return 1;
    }
  };
  let total = 0;
  // Validation ran before and refused fragment cycles, so this walk ends.
  const walk = (selections: SelectionSetNode): void => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === "_entities") {
          const argument = selection.arguments?.find((a) => a.name.value === "representations");
          if (argument) total += countValue(argument.value);
        }
        if (selection.selectionSet) walk(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return total;
}

const countRuntime = (value: unknown): number => (Array.isArray(value) ? value.length : value == null ? 0 : 1);
