import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultsOf } from "../helpers/faults.js";
import { CreateReturnOrderDocument, ReturnOrderDocument, type ReturnOrderCreateInput } from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS } from "../resilience/common.js";
import { MATRIX_SPECS } from "../resilience/fault-matrix.js";

const SECRET = "idempotency-owners-secret-0123456789";
const key = new TextEncoder().encode(SECRET);

/** A write-scope token; `subject` undefined leaves `sub` out. */
async function asSubject(subject: string | undefined): Promise<Record<string, string>> {
  const jwt = new SignJWT({ scope: "returns:read returns:write" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("5m");
  if (subject !== undefined) jwt.setSubject(subject);
  return { authorization: `Bearer ${await jwt.sign(key)}` };
}

let serial = 0;
/** A valid create of the provider whose content (goods quantity, reference) is its own. */
function distinct(provider: (typeof MATRIX_SPECS)[number]["provider"], quantity: number, referenceNo?: string): ReturnOrderCreateInput {
  const base = VALID_INPUTS[provider];
  return {
    ...base,
    ...(base.referenceNo ? { referenceNo: referenceNo ?? `OWN-${provider}-${++serial}-${Date.now()}` } : {}),
    lines: base.lines.map((l) => ({ ...l, quantity })),
  };
}

type Created = { __typename: "ReturnOrderCreated"; returnOrder: { id: string; providerOrderNo: string; referenceNo?: string | null; totalQuantity: number } };

function created(result: { data?: { returnOrderCreate: { __typename: string } }; errors?: unknown }): Created {
  const answer = result.data?.returnOrderCreate;
  if (answer?.__typename !== "ReturnOrderCreated") throw new Error(`expected ReturnOrderCreated, got ${JSON.stringify(result)}`);
  return answer as unknown as Created;
}

describe("an idempotency key belongs to its caller", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_MODE: "jwt", AUTH_JWT_SECRET: SECRET, ...UNLIMITED_RATES } });
  });
  afterAll(() => app.close());

  for (const spec of MATRIX_SPECS) {
    it(`${spec.provider}: two subjects with one key make two independent returns, in the store and at the provider`, async () => {
      const orders = () => spec.emulator(app).orderCount();
      const before = orders();
      const k = `shared-key-${spec.provider}-${Date.now()}`;
      const inputA = distinct(spec.provider, 1);
      const inputB = distinct(spec.provider, 4);
      const a = created(await app.gql(CreateReturnOrderDocument, { input: inputA, idempotencyKey: k }, await asSubject("alice")));
      const b = created(await app.gql(CreateReturnOrderDocument, { input: inputB, idempotencyKey: k }, await asSubject("bob")));
      expect(b.returnOrder.id).not.toBe(a.returnOrder.id);
      expect(orders() - before).toBe(2);
      // Each caller's order is its own content, and stays so.
      const readA = (await app.gql(ReturnOrderDocument, { id: a.returnOrder.id }, await asSubject("alice"))).data?.returnOrder;
      const readB = (await app.gql(ReturnOrderDocument, { id: b.returnOrder.id }, await asSubject("bob"))).data?.returnOrder;
      expect(readA?.totalQuantity).toBe(1);
      expect(readB?.totalQuantity).toBe(4);
      if (inputA.referenceNo) expect(readA?.referenceNo).toBe(inputA.referenceNo);
      if (inputB.referenceNo) expect(readB?.referenceNo).toBe(inputB.referenceNo);
      // Each caller's retry replays its own order without calling the provider.
      const again = created(await app.gql(CreateReturnOrderDocument, { input: inputB, idempotencyKey: k }, await asSubject("bob")));
      expect(again.returnOrder.id).toBe(b.returnOrder.id);
      expect(orders() - before).toBe(2);
    });

    it(`${spec.provider}: a retry of one subject's interrupted create never finds another subject's order under the same key`, async () => {
      const faults = faultsOf(spec.emulator(app).app);
      const orders = () => spec.emulator(app).orderCount();
      const k = `cross-key-${spec.provider}-${Date.now()}`;
      const reference = `SO-CROSS-${spec.provider}-${Date.now()}`;
      const a = created(
        await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: k }, await asSubject("alice")),
      );
      const before = orders();
      faults.set("reset", { when: spec.operations.create, times: 1 });
      const cut = await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: k }, await asSubject("bob"));
      expect(cut.data?.returnOrderCreate).toMatchObject({ __typename: "ProviderUnavailable", retryable: true });
      const b = created(await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: k }, await asSubject("bob")));
      expect(b.returnOrder.providerOrderNo).not.toBe(a.returnOrder.providerOrderNo);
      expect(orders() - before).toBe(1);
      faults.clear();
    });
  }

  it("keeps subject and key apart however either is spelled (no separator can join them)", async () => {
    const first = created(await app.gql(CreateReturnOrderDocument, { input: distinct("WINIT", 1), idempotencyKey: "x:key-0001" }, await asSubject("tenant")));
    const second = await app.gql(CreateReturnOrderDocument, { input: distinct("WINIT", 2), idempotencyKey: "key-0001" }, await asSubject("tenant:x"));
    expect(created(second).returnOrder.id).not.toBe(first.returnOrder.id);
  });

  it("refuses an idempotency key from a token without a subject, and creates without one", async () => {
    const headers = await asSubject(undefined);
    const keyed = await app.gql(CreateReturnOrderDocument, { input: distinct("WINIT", 1), idempotencyKey: "no-subject-key-01" }, headers);
    expect(keyed.data?.returnOrderCreate).toMatchObject({ __typename: "InvalidInput", code: "INVALID", field: ["idempotencyKey"] });
    created(await app.gql(CreateReturnOrderDocument, { input: distinct("WINIT", 1) }, headers));
  });
});

describe("a resumed create takes only the order its own attempt made", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { ...UNLIMITED_RATES } });
  });
  afterAll(() => app.close());

  for (const spec of MATRIX_SPECS) {
    it(`${spec.provider}: a second return for the same sales order, cut off before the provider acted, is created on retry`, async () => {
      const faults = faultsOf(spec.emulator(app).app);
      const orders = () => spec.emulator(app).orderCount();
      const reference = `SO-${spec.provider}-${Date.now()}`;
      // Both returns are alike in everything the provider keeps: only the attempts tell them apart.
      const first = created(await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: `first-${reference}` }));
      const before = orders();
      faults.set("reset", { when: spec.operations.create, times: 1 });
      const cut = await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: `second-${reference}` });
      expect(cut.data?.returnOrderCreate).toMatchObject({ __typename: "ProviderUnavailable", retryable: true });
      expect(orders()).toBe(before);
      const retry = created(await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: `second-${reference}` }));
      expect(retry.returnOrder.providerOrderNo).not.toBe(first.returnOrder.providerOrderNo);
      expect(orders() - before).toBe(1);
      faults.clear();
    });

    it(`${spec.provider}: an attempt whose answer was lost finds its own order on retry, beside another return of the same sales order`, async () => {
      const faults = faultsOf(spec.emulator(app).app);
      const orders = () => spec.emulator(app).orderCount();
      const reference = `SO-LOST-${spec.provider}-${Date.now()}`;
      const first = created(await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: `first-${reference}` }));
      const before = orders();
      faults.set("reset-after", { when: spec.operations.create, times: 1 });
      const lost = await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: `second-${reference}` });
      expect(lost.data?.returnOrderCreate).toMatchObject({ __typename: "ProviderUnavailable", retryable: true });
      expect(orders() - before).toBe(1);
      const retry = created(await app.gql(CreateReturnOrderDocument, { input: distinct(spec.provider, 1, reference), idempotencyKey: `second-${reference}` }));
      expect(retry.returnOrder.providerOrderNo).not.toBe(first.returnOrder.providerOrderNo);
      expect(orders() - before).toBe(1);
      faults.clear();
    });
  }

  it("WINIT: when two orders under the reference could be the attempt's, says so (not retryable: a retry cannot tell them apart) and creates nothing", async () => {
    const faults = faultsOf(app.winit.app);
    const reference = `SO-AMBIGUOUS-${Date.now()}`;
    const input = distinct("WINIT", 1, reference);
    faults.set("reset-after", { when: MATRIX_SPECS[0]!.operations.create, times: 1 });
    await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: `ambiguous-${reference}` });
    // Another system (not this subgraph) makes an identical return for the same sales order meanwhile.
    const twin = [...app.winit.orders.values()].at(-1)!;
    app.winit.orders.set(`${twin.returnGoodsOrderNo}-TWIN`, { ...twin, returnGoodsOrderNo: `${twin.returnGoodsOrderNo}-TWIN` });
    const before = app.winit.orders.size;
    const retry = await app.gql(CreateReturnOrderDocument, { input, idempotencyKey: `ambiguous-${reference}` });
    expect(retry.data?.returnOrderCreate).toMatchObject({
      __typename: "ProviderUnavailable",
      retryable: false,
      message: expect.stringContaining("cannot be told apart"),
    });
    expect(app.winit.orders.size).toBe(before);
    faults.clear();
  });
});
