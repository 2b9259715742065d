import type { ProviderCreateCommand } from "../../src/returns/model.js";
import type { Express } from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { faultsOf, type FaultRequest } from "../helpers/faults.js";
import { OMS_PATHS } from "../../src/providers/oms/client.js";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import { QIANYI_SERVICES } from "../../src/providers/qianyi/client.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { QIMEN_METHODS } from "../../src/providers/qimen/client.js";
import { WINIT_ACTIONS } from "../../src/providers/winit/client.js";
import { ProviderUnavailableError } from "../../src/returns/errors.js";
import type { ReturnProvider } from "../../src/returns/model.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDocument,
  UpdateReturnOrderDocument,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS, watchProcess } from "../resilience/common.js";
import { byBody, byPath, byQueryMethod } from "../resilience/fault-matrix.js";

// A provider that answers in a shape its mappers do not expect (a list that is an object) is
// unavailable, on every path that reads an answer; never an internal error.

type Json = Record<string, any>;
const json = (edit: (answer: Json) => void) => (body: string) => {
  const answer = JSON.parse(body) as Json;
  edit(answer);
  return JSON.stringify(answer);
};
/** Qianyi's content is JSON text inside the JSON envelope. */
const qianyiContent = (edit: (content: Json) => void) =>
  json((envelope) => {
    const content = JSON.parse(envelope["bizContent"] as string) as Json;
    edit(content);
    envelope["bizContent"] = JSON.stringify(content);
  });
const notAList = { first: { sku: "SKU-001" } };
/** Every text of an order (its number aside, which says which order it is) becomes an object, at any depth. */
const textsAsObjects = (numberField: string) => (order: Json) => {
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === "string") return key === numberField ? value : { text: value };
    if (Array.isArray(value)) return value.map((v) => walk(v, ""));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  Object.assign(order, walk(order, ""));
};
const eachOrder = (list: unknown, edit: (order: Json) => void) => (Array.isArray(list) ? list.forEach((o) => edit(o as Json)) : undefined);

interface Spec {
  provider: ReturnProvider;
  emulatorApp(app: TestApp): Express;
  reads: { when: (r: FaultRequest) => boolean; reshape: (body: string) => string };
  /** A create answer without the new order's number, as the provider sends it otherwise. */
  createWithoutNumber?: { when: (r: FaultRequest) => boolean; reshape: (body: string) => string };
  /** A read answer whose orders hold objects where they hold text. */
  textsAsObjects: (body: string) => string;
  /** A read answer whose list of orders is an object. */
  notAnOrderList: (body: string) => string;
  /** The answer of an update or cancel, reshaped (Qianyi's close answer carries nothing that is read). */
  mutation?: { operation: "update" | "cancel"; when: (r: FaultRequest) => boolean; reshape: (body: string) => string };
}

const SPECS: Spec[] = [
  {
    provider: "WINIT",
    emulatorApp: (app) => app.winit.app,
    reads: { when: byBody(WINIT_ACTIONS.list), reshape: json((a) => eachOrder(a["data"]?.list, (o) => (o["orderGoodsList"] = notAList))) },
    notAnOrderList: json((a) => (a["data"] = { ...a["data"], list: notAList })),
    textsAsObjects: json((a) => eachOrder(a["data"]?.list, textsAsObjects("returnGoodsOrderNo"))),
    createWithoutNumber: { when: byBody(WINIT_ACTIONS.create), reshape: json((a) => (a["data"] = { ...a["data"], returnGoodsOrderNo: 1 })) },
    mutation: { operation: "cancel", when: byBody(WINIT_ACTIONS.void), reshape: json((a) => (a["data"] = { results: { first: { result: true } } })) },
  },
  {
    provider: "QIANYI",
    emulatorApp: (app) => (app.emulators.QIANYI as QianyiEmulator).app,
    reads: { when: byBody(QIANYI_SERVICES.list), reshape: qianyiContent((c) => eachOrder(c["result"], (o) => (o["returnSkuList"] = notAList))) },
    notAnOrderList: qianyiContent((c) => (c["result"] = notAList)),
    textsAsObjects: qianyiContent((c) => eachOrder(c["result"], textsAsObjects("returnNumber"))),
  },
  {
    provider: "OMS",
    emulatorApp: (app) => (app.emulators.OMS as OmsEmulator).app,
    reads: { when: byPath(OMS_PATHS.list), reshape: json((a) => eachOrder(a["data"]?.list, (o) => (o["itemDTOs"] = notAList))) },
    notAnOrderList: json((a) => (a["data"] = { ...a["data"], list: notAList })),
    textsAsObjects: json((a) => eachOrder(a["data"]?.list, textsAsObjects("orderNo"))),
    createWithoutNumber: { when: byPath(OMS_PATHS.create), reshape: json((a) => (a["data"] = { ...a["data"], orderNo: ["x"] })) },
    mutation: { operation: "update", when: byPath(OMS_PATHS.update), reshape: json((a) => (a["data"] = { ...a["data"], itemDTOs: notAList })) },
  },
];

describe("provider answers of an unexpected shape", () => {
  const unhandled = watchProcess();
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: UNLIMITED_RATES });
  });
  afterAll(async () => {
    await app.close();
    expect(unhandled).toEqual([]);
  });

  for (const spec of SPECS) {
    describe(spec.provider, () => {
      const faults = () => faultsOf(spec.emulatorApp(app));
      afterEach(() => faults().clear());
      let lastReference: string | undefined;
      const created = async () => {
        lastReference = VALID_INPUTS[spec.provider].referenceNo ? `MA-${Date.now()}-${Math.random().toString(36).slice(2, 10)}` : undefined;
        const { data, errors } = await app.gql(CreateReturnOrderDocument, { input: { ...VALID_INPUTS[spec.provider], referenceNo: lastReference } });
        expect(errors).toBeUndefined();
        expect(data!.returnOrderCreate.__typename).toBe("ReturnOrderCreated");
        return (data!.returnOrderCreate as { returnOrder: { id: string } }).returnOrder.id;
      };

      it("a single read answers PROVIDER_UNAVAILABLE, not an internal error", async () => {
        const id = await created();
        faults().set("reshaped", spec.reads);
        const { data, errors } = await app.gql(ReturnOrderDocument, { id });
        expect(faults().hits).toBeGreaterThan(0);
        expect(data?.returnOrder ?? null).toBeNull();
        expect(errors).toEqual([
          expect.objectContaining({ extensions: { code: "PROVIDER_UNAVAILABLE" }, message: expect.stringContaining("unexpected shape") }),
        ]);
      });

      it("a read whose list of orders is not a list answers PROVIDER_UNAVAILABLE, not NotFound", async () => {
        const id = await created();
        faults().set("reshaped", { when: spec.reads.when, reshape: spec.notAnOrderList });
        const { errors } = await app.gql(ReturnOrderDocument, { id });
        expect(faults().hits).toBeGreaterThan(0);
        expect(errors).toEqual([expect.objectContaining({ extensions: { code: "PROVIDER_UNAVAILABLE" } })]);
      });

      it("a read whose orders hold objects where they hold text serves the order with those texts left out", async () => {
        const id = await created();
        faults().set("reshaped", { when: spec.reads.when, reshape: spec.textsAsObjects });
        const { data, errors } = await app.gql(ReturnOrderDocument, { id });
        expect(faults().hits).toBeGreaterThan(0);
        expect(errors).toBeUndefined();
        // What the subgraph sent at create (reference, warehouse) stands in for the unreadable texts.
        expect(data?.returnOrder).toMatchObject({ id, referenceNo: lastReference ?? null, warehouseCode: VALID_INPUTS[spec.provider].warehouseCode });
      });

      it("a page degrades to providerErrors", async () => {
        await created();
        faults().set("reshaped", spec.reads);
        const { data, errors } = await app.gql(ReturnOrdersDocument, { first: 20, filter: { providers: [spec.provider] } });
        expect(errors).toBeUndefined();
        expect(data!.returnOrders.providerErrors).toEqual([expect.objectContaining({ provider: spec.provider, code: "PROVIDER_UNAVAILABLE" })]);
      });

      it("a create whose read-back is unreadable still answers the created order", async () => {
        faults().set("reshaped", spec.reads);
        await created();
      });

      const createWithoutNumber = spec.createWithoutNumber;
      if (createWithoutNumber)
        it("a create answer without the order's number is ProviderUnavailable (unknown outcome), not a refusal", async () => {
          faults().set("reshaped", createWithoutNumber);
          const { data } = await app.gql(CreateReturnOrderDocument, { input: { ...VALID_INPUTS[spec.provider], referenceNo: `MA-${Date.now()}` } });
          expect(faults().hits).toBeGreaterThan(0);
          expect(data!.returnOrderCreate).toMatchObject({ __typename: "ProviderUnavailable", provider: spec.provider, retryable: false });
        });

      const mutation = spec.mutation;
      if (mutation)
        it(`a mutation (${mutation.operation}) whose answer is unreadable answers ProviderUnavailable`, async () => {
          const id = await created();
          faults().set("reshaped", mutation);
          const result =
            mutation.operation === "update"
              ? (await app.gql(UpdateReturnOrderDocument, { id, input: { remark: "reshaped" } })).data?.returnOrderUpdate
              : (await app.gql(CancelReturnOrderDocument, { id, reason: "reshaped" })).data?.returnOrderCancel;
          expect(faults().hits).toBeGreaterThan(0);
          expect(result).toMatchObject({ __typename: "ProviderUnavailable", code: "PROVIDER_UNAVAILABLE", provider: spec.provider });
        });
    });
  }

  describe("QIMEN", () => {
    const faults = () => faultsOf(app.qimen.app);
    afterEach(() => faults().clear());
    const query = byQueryMethod(QIMEN_METHODS.query);
    /** Every element of the answer below the response holds text where Qimen nests elements, or elements where it holds text. */
    const inverted = [
      "<response><flag>success</flag><returnOrder>R1234</returnOrder><orderLines><orderLine>x</orderLine></orderLines></response>",
      "<response><flag>success</flag><returnOrder><returnOrderCode>R1234</returnOrderCode><returnOrderStatus><a>1</a></returnOrderStatus><senderInfo>x</senderInfo></returnOrder><orderLines><orderLine>x</orderLine><orderLine><itemCode><b>1</b></itemCode><planQty><c/></planQty><snList>x</snList></orderLine></orderLines><totalLines><d/></totalLines></response>",
    ];

    it.each(inverted)("reading an order back from an answer of the wrong shape gives an order or ProviderUnavailable, never a crash (%#)", async (answer) => {
      faults().set("reshaped", { when: query, reshape: () => answer });
      const adapter = app.registry.get("QIMEN", "default")!;
      const command = { ...VALID_INPUTS.QIMEN, account: "default", options: VALID_INPUTS.QIMEN.qimen as Record<string, unknown> } as ProviderCreateCommand;
      const found = await adapter.findAttempt(command, { token: "0123456789ABCDEF0123456789", startedAt: new Date() }).catch((e: unknown) => e);
      expect(faults().hits).toBeGreaterThan(0);
      if (found instanceof Error) expect(found).toBeInstanceOf(ProviderUnavailableError);
      else expect(JSON.stringify(found ?? null)).not.toContain('{"b":');
    });
  });
});
