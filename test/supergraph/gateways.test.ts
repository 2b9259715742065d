import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeSupergraph, readSubgraphList } from "../../scripts/supergraph.js";
import { ReturnOrdersDocument } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { startApolloGateway } from "./apollo-gateway.js";
import { startHiveGateway, type RunningGateway } from "./hive-gateway.js";
import { startOrdersSubgraph, startTicketsSubgraph, type RunningSubgraph, type SampleOrder, type SampleTicket } from "./sample-subgraphs.js";

type Gateway = RunningGateway;

type GatewayResponse<T> = { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };

const REFERENCES = 20;
const LIST_FILE = fileURLToPath(new URL("./subgraphs.json", import.meta.url));
const LIST_ACTION = "rma.returnGoodsOrder.queryReturnOderList";

interface Listed {
  id: string;
  provider: string;
  providerOrderNo: string;
  status: string;
}

/**
 * Twenty orders point by id at the 10 newest WINIT returns (two orders each); twenty tickets point
 * by provider + number at the next 10 (two tickets each): 40 references to 20 distinct returns.
 */
function sampleData(listed: Listed[]): { orders: SampleOrder[]; tickets: SampleTicket[] } {
  return {
    orders: Array.from({ length: REFERENCES }, (_, i) => ({ id: `order-${i}`, number: `SO-${String(i).padStart(4, "0")}`, returnIds: [listed[i % 10]!.id] })),
    tickets: Array.from({ length: REFERENCES }, (_, i) => {
      const { provider, providerOrderNo } = listed[10 + (i % 10)]!;
      return { id: `ticket-${i}`, subject: `Where is my refund (${i})?`, returnOrder: { provider, providerOrderNo } };
    }),
  };
}

describe("the returns subgraph behind Apollo Gateway and Hive Gateway", () => {
  let app: TestApp;
  let orders: RunningSubgraph;
  let tickets: RunningSubgraph;
  let listed: Listed[];
  const gateways: Gateway[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    // The listing is what a frontend would have seen first; it also fills the order index.
    const page = await app.gql(ReturnOrdersDocument, { first: 20, filter: { providers: ["WINIT"] } });
    listed = page.data!.returnOrders.nodes;
    expect(listed).toHaveLength(20);
    const data = sampleData(listed);
    orders = await startOrdersSubgraph(data.orders);
    tickets = await startTicketsSubgraph(data.tickets);
    const urls: Record<string, string> = { orders: orders.url, tickets: tickets.url };
    const others = readSubgraphList(LIST_FILE).map((e) => ({ ...e, url: urls[e.name]! }));
    const { supergraphSdl, hints } = await composeSupergraph(`${app.url}/graphql`, others);
    expect(hints).toEqual([]);
    const apollo = await startApolloGateway(supergraphSdl, { port: 0, host: "127.0.0.1" });
    gateways.push({ name: "Apollo Gateway", ...apollo }, await startHiveGateway(supergraphSdl));
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await orders?.close();
    await tickets?.close();
    await app?.close();
  });

  const gatewayNames = ["Apollo Gateway", "Hive Gateway"];
  const gateway = (name: string) => gateways.find((g) => g.name === name)!;
  async function query<T>(name: string, body: { query: string; variables?: Record<string, unknown> }, headers: Record<string, string> = {}) {
    const response = await fetch(gateway(name).url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as GatewayResponse<T>;
  }

  describe.each(gatewayNames)("%s", (name) => {
    it("joins Order → ReturnOrder by id and Ticket → ReturnOrder by provider + number, with the details union, fetching each return once", async () => {
      const before = app.winit.calls.length;
      const { data, errors } = await query<{
        orders: { id: string; returns: { id: string; providerOrderNo: string; status: string; details: { __typename: string; rmaNo?: string | null } }[] }[];
        tickets: {
          id: string;
          returnOrder: {
            id: string;
            provider: string;
            providerOrderNo: string;
            capabilities: { canCancel: boolean };
            originalOrder: { id: string } | null;
          } | null;
        }[];
      }>(name, {
        query: `query OrdersAndTickets {
          orders(first: 50) { id returns { id providerOrderNo status details { __typename ... on WinitReturnDetails { rmaNo } } } }
          tickets(first: 50) { id returnOrder { id provider providerOrderNo capabilities { canCancel } originalOrder { id } } }
        }`,
      });
      expect(errors).toBeUndefined();
      expect(data!.orders).toHaveLength(REFERENCES);
      expect(data!.tickets).toHaveLength(REFERENCES);
      data!.orders.forEach((order, i) => {
        const ret = listed[i % 10]!;
        expect(order.returns).toEqual([
          { id: ret.id, providerOrderNo: ret.providerOrderNo, status: ret.status, details: { __typename: "WinitReturnDetails", rmaNo: expect.any(String) } },
        ]);
      });
      data!.tickets.forEach((ticket, i) => {
        const ret = listed[10 + (i % 10)]!;
        // the ticket knows provider + number only: the id comes from the returns subgraph, and no
        // sample order started these returns
        expect(ticket.returnOrder).toEqual({
          id: ret.id,
          provider: "WINIT",
          providerOrderNo: ret.providerOrderNo,
          capabilities: { canCancel: expect.any(Boolean) },
          originalOrder: null,
        });
      });

      // 40 references to 20 distinct returns reach WINIT as a few window queries (two _entities
      // batches, one per key; about 5 calls with the demo data, the exact count depends on how the
      // creation dates fall on calendar days), never one call per reference, no number asked twice.
      const calls = app.winit.calls.slice(before);
      expect(calls.map((c) => c.action).filter((a) => a !== LIST_ACTION)).toEqual([]);
      const askedByNumber = calls.map((c) => (c.data as { returnGoodsOrderNo?: string }).returnGoodsOrderNo).filter(Boolean);
      expect(new Set(askedByNumber).size).toBe(askedByNumber.length);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.length).toBeLessThanOrEqual(REFERENCES / 2);
    });

    it("joins ReturnOrder → Order from the orders subgraph in one _entities batch", async () => {
      const before = orders.requests.length;
      const { data, errors } = await query<{ returnOrders: { nodes: { id: string; originalOrder: { id: string; number: string } | null }[] } }>(name, {
        query: `{ returnOrders(first: 20) { nodes { id originalOrder { id number } } } }`,
      });
      expect(errors).toBeUndefined();
      const nodes = data!.returnOrders.nodes;
      expect(nodes).toHaveLength(20);
      for (const node of nodes) {
        const k = listed.findIndex((l) => l.id === node.id);
        // the first order pointing at each of the 10 newest returns; none points at the others
        expect(node.originalOrder).toEqual(k >= 0 && k < 10 ? { id: `order-${k}`, number: `SO-${String(k).padStart(4, "0")}` } : null);
      }
      const entityFetches = orders.requests.slice(before).filter((r) => r.query.includes("_entities"));
      expect(entityFetches.map((r) => r.representations)).toEqual([20]);
    });

    it("answers returnOrderCreate through the gateway: the created order with its receipt union; InvalidInput and ProviderRejected as data", async () => {
      const mutation = `mutation Create($input: ReturnOrderCreateInput!) {
        returnOrderCreate(input: $input) {
          __typename
          ... on ReturnOrderCreated {
            returnOrder { id provider status details { __typename ... on WinitReturnDetails { rmaNo } } originalOrder { id } }
            receipt { __typename ... on WinitReceipt { returnGoodsOrderNo rmaNo } }
          }
          ... on UserError { code message field }
          ... on InvalidInput { violations { field message } }
        }
      }`;
      const input = {
        provider: "WINIT",
        warehouseCode: "US0001",
        referenceNo: `GW-${name.split(" ")[0]}`,
        sender: { name: "shane bellingham", country: "United States", city: "Radeburg", postcode: "01471", address1: "Unti" },
        lines: [{ sku: "SKU-001", quantity: 2 }],
        winit: { handleMethod: "SA", winitProductCode: "OSF521006534", packageLength: 11.22, packageWidth: 11.12, packageHeight: 11.12, packageWeight: 0.61 },
      };
      const created = await query<{ returnOrderCreate: Record<string, unknown> }>(name, { query: mutation, variables: { input } });
      expect(created.errors).toBeUndefined();
      expect(created.data!.returnOrderCreate).toEqual({
        __typename: "ReturnOrderCreated",
        returnOrder: {
          id: expect.any(String),
          provider: "WINIT",
          status: "OPEN",
          details: { __typename: "WinitReturnDetails", rmaNo: expect.any(String) },
          originalOrder: null,
        },
        receipt: { __typename: "WinitReceipt", returnGoodsOrderNo: expect.any(String), rmaNo: expect.any(String) },
      });

      const before = app.winit.calls.length;
      const invalid = await query<{ returnOrderCreate: { __typename: string; code: string; violations: { field: string[] }[] } }>(name, {
        query: mutation,
        variables: { input: { ...input, warehouseCode: "", lines: [{ sku: "SKU-001", quantity: 0 }] } },
      });
      expect(invalid.errors).toBeUndefined();
      expect(invalid.data!.returnOrderCreate).toMatchObject({ __typename: "InvalidInput", code: "INVALID", message: expect.any(String) });
      expect(invalid.data!.returnOrderCreate.violations.map((v) => v.field.join("."))).toEqual(
        expect.arrayContaining(["input.warehouseCode", "input.lines.0.quantity"]),
      );
      expect(app.winit.calls.length).toBe(before);

      const rejected = await query<{ returnOrderCreate: Record<string, unknown> }>(name, {
        query: mutation.replace("... on InvalidInput", "... on ProviderRejected { provider providerCode }\n ... on InvalidInput"),
        variables: { input: { ...input, referenceNo: `${input.referenceNo}-X`, lines: [{ sku: "NO-SUCH-PRODUCT", quantity: 1 }] } },
      });
      expect(rejected.errors).toBeUndefined();
      expect(rejected.data!.returnOrderCreate).toMatchObject({
        __typename: "ProviderRejected",
        code: "PROVIDER_REJECTED",
        provider: "WINIT",
        providerCode: "02050240124",
      });
    });

    it("answers an unknown id with null, not an error, and forwards the caller's request id to the subgraphs", async () => {
      const requestId = `gw-${name.split(" ")[0]!.toLowerCase()}-1`;
      const before = orders.requests.length;
      const { data, errors } = await query<{ returnOrder: unknown; order: { returns: { status: string }[] } | null }>(
        name,
        { query: `{ returnOrder(id: "junk") { id } order(id: "order-3") { returns { status } } }` },
        { "x-request-id": requestId },
      );
      expect(errors).toBeUndefined();
      expect(data).toEqual({ returnOrder: null, order: { returns: [{ status: listed[3]!.status }] } });
      expect(orders.requests.slice(before).map((r) => r.requestId)).toEqual([requestId]);
    });
  });
});
