import { buildSchema, execute, parse, type GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import { connectionSelectsOrderField } from "../../src/resolvers/selection.js";

const schema = buildSchema(`
  type Order { id: ID! events: [String!]! lines: [String!]! }
  type Edge { cursor: String! node: Order! }
  type Connection { edges: [Edge!]! nodes: [Order!]! total: Int }
  type Query { orders: Connection! }
`);

/** What the helper says about `events` for the `orders` field of `query`. */
function selectsEvents(query: string, variables: Record<string, unknown> = {}): boolean {
  let answer: boolean | undefined;
  const result = execute({
    schema,
    document: parse(query),
    variableValues: variables,
    rootValue: {
      orders: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        answer = connectionSelectsOrderField(info, "events");
        return null;
      },
    },
  });
  expect(result).toBeDefined();
  return answer!;
}

describe("connectionSelectsOrderField", () => {
  it("sees the field under nodes and under edges.node", () => {
    expect(selectsEvents("{ orders { nodes { id events } } }")).toBe(true);
    expect(selectsEvents("{ orders { edges { cursor node { events } } } }")).toBe(true);
  });

  it("follows named and inline fragments at every level", () => {
    expect(selectsEvents("{ orders { ...C } } fragment C on Connection { nodes { ...O } } fragment O on Order { events }")).toBe(true);
    expect(selectsEvents("{ orders { edges { ... on Edge { node { ... on Order { events } } } } } }")).toBe(true);
  });

  it("honours @skip and @include as execution will", () => {
    expect(selectsEvents("query ($no: Boolean!) { orders { nodes { id events @skip(if: $no) } } }", { no: true })).toBe(false);
    expect(selectsEvents("query ($no: Boolean!) { orders { nodes { id events @skip(if: $no) } } }", { no: false })).toBe(true);
    expect(selectsEvents("query ($yes: Boolean!) { orders { nodes @include(if: $yes) { events } } }", { yes: false })).toBe(false);
  });

  it("is false when the orders are selected without the field, or not at all", () => {
    expect(selectsEvents("{ orders { nodes { id lines } edges { node { id } } } }")).toBe(false);
    expect(selectsEvents("{ orders { total } }")).toBe(false);
    // an alias does not change which field it is
    expect(selectsEvents("{ orders { nodes { history: events } } }")).toBe(true);
    expect(selectsEvents("{ orders { nodes { events: lines } } }")).toBe(false);
  });
});
