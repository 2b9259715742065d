// The sample `orders` subgraph the supergraph tests compose and run beside the returns subgraph:
// in-memory orders, built with @apollo/subgraph and served by Apollo Server on loopback.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

export const ORDERS_SDL = readFileSync(new URL("./orders.graphql", import.meta.url), "utf8");

export interface ReturnByNumber {
  provider: string;
  providerOrderNo: string;
}

/** A return the orders service started itself: it kept the id and the number the receipt gave. */
export interface ReturnReference extends ReturnByNumber {
  id: string;
}

export interface SampleOrder {
  id: string;
  number: string;
  returns: ReturnReference[];
  primaryReturn?: ReturnByNumber;
}

export interface OrdersSubgraph {
  url: string;
  /** Every operation the subgraph received, with the request id header the gateway forwarded. */
  requests: { query: string; requestId: string | null; representations: number }[];
  close(): Promise<void>;
}

type ReturnRepresentation = { id?: string; provider?: string; providerOrderNo?: string };

const sameReturn = (a: ReturnRepresentation, b: ReturnByNumber & { id?: string }) =>
  a.id !== undefined ? a.id === b.id : a.provider === b.provider && a.providerOrderNo === b.providerOrderNo;

export async function startOrdersSubgraph(orders: SampleOrder[]): Promise<OrdersSubgraph> {
  // The gateway reaches a return by either key (or inside this subgraph, by what the parent field
  // gave), so the original order is found by the id or by provider + number, whichever is there.
  const originalOrder = (ret: ReturnRepresentation) =>
    orders.find((o) => o.returns.some((r) => sameReturn(ret, r)) || (o.primaryReturn !== undefined && sameReturn(ret, o.primaryReturn))) ?? null;
  const schema = buildSubgraphSchema({
    typeDefs: parse(ORDERS_SDL),
    resolvers: {
      Query: {
        order: (_: unknown, args: { id: string }) => orders.find((o) => o.id === args.id) ?? null,
        orders: (_: unknown, args: { first: number }) => orders.slice(0, Math.max(0, args.first)),
      },
      Order: {
        __resolveReference: (ref: { id: string }) => orders.find((o) => o.id === ref.id) ?? null,
        primaryReturn: (order: SampleOrder) => order.primaryReturn ?? null,
      },
      ReturnOrder: {
        __resolveReference: (ref: ReturnRepresentation) => ref,
        originalOrder: (ret: ReturnRepresentation) => originalOrder(ret),
      },
    } as never,
  });
  const requests: OrdersSubgraph["requests"] = [];
  const server = new ApolloServer({
    schema,
    plugins: [
      {
        async requestDidStart({ request }) {
          const representations = request.variables?.["representations"];
          requests.push({
            query: request.query ?? "",
            requestId: request.http?.headers.get("x-request-id") ?? null,
            representations: Array.isArray(representations) ? representations.length : 0,
          });
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  return { url, requests, close: () => server.stop() };
}
