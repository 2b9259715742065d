import fc from "fast-check";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQimenCall, QIMEN_METHODS } from "../../src/providers/qimen/client.js";
import type { OmsEmulator } from "../../src/demo/oms/emulator.js";
import type { QianyiEmulator } from "../../src/demo/qianyi/emulator.js";
import { encodeCursor, filterFingerprint } from "../../src/returns/cursor.js";
import { decodeOrderId } from "../../src/returns/ids.js";
import { RETURN_PROVIDERS, type ReturnProvider } from "../../src/returns/model.js";
import { MAX_PUSH_BYTES } from "../../src/webhooks/router.js";
import {
  CancelReturnOrderDocument,
  CreateReturnOrderDocument,
  ReturnOrderDocument,
  ReturnOrdersDocument,
  UpdateReturnOrderDocument,
} from "../generated/graphql.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { UNLIMITED_RATES, VALID_INPUTS, watchProcess } from "./common.js";

// Property-based hardening: random and hostile input at every door a caller or a provider can
// knock on. Whatever comes in, the answer is typed (never a 500, never INTERNAL_SERVER_ERROR),
// nothing invalid reaches a provider, and nothing escapes as an unhandled error.

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 1);
// A fixed seed keeps CI reproducible; FUZZ_SEED explores other inputs (a failure prints its seed).
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261123);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * RUNS)), endOnFailure: true, seed: SEED });

// ---------------------------------------------------------------------------------------------
// Hostile text

/** Characters that break naive code: NUL and controls, lone surrogates, bidi marks, BOM, combining marks, emoji, separators, markup. */
const EDGE = [
  "\u0000",
  "\u0001",
  "\u001f",
  "\u007f",
  "\u0085",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\u200b",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202e",
  "\u2066",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffd",
  "\uffff",
  "e\u0301",
  "\u0301\u0301\u0301",
  "👍🏽",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "𝕏",
  "退货",
  "ك",
  "\t",
  "\r\n",
  "|",
  "'",
  '"',
  "\\",
  "<",
  ">",
  "&",
  "]]>",
  "<!--",
  "%00",
  "%s",
  "${x}",
  "{{x}}",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "-0",
  "1e309",
  "' OR 1=1 --",
  "../../etc/passwd",
  " ",
];
const edgeString = (maxUnits: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...EDGE), fc.string({ maxLength: 8 }), fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 16 })
    .map((parts) => parts.join("").slice(0, maxUnits));
/**
 * At least `min`..`max` characters (code points, as the length limits count them) of a repeated
 * hostile unit; cheap to build even at 100k.
 */
const longString = (min: number, max: number) =>
  fc.tuple(fc.constantFrom("x", "é", "退", "👍", "\ud800", "\u0000", "\u202e", "a\u0301", "<&>"), fc.integer({ min, max })).map(([unit, n]) => unit.repeat(n));

// ---------------------------------------------------------------------------------------------
// Inputs

type Input = Record<string, unknown> & { lines: Record<string, unknown>[] };

/** Hostile but within every limit: what a valid input may look like at worst. */
const hostileDecoration = fc.record(
  {
    remark: edgeString(1024),
    reason: edgeString(512),
    carrier: edgeString(64),
    trackingNumber: edgeString(64),
    lineRemark: edgeString(512),
  },
  { requiredKeys: [] },
);

/** One way to make an input invalid, each one certainly refused by the subgraph's own rules. */
const invalidator: fc.Arbitrary<{ name: string; apply(input: Input, provider: ReturnProvider): { idempotencyKey?: string } | void }> = fc.oneof(
  fc.oneof(fc.constant(""), longString(65, 100_000)).map((v) => ({ name: "warehouseCode", apply: (i: Input) => void (i["warehouseCode"] = v) })),
  longString(65, 100_000).map((v) => ({ name: "referenceNo", apply: (i: Input) => void (i["referenceNo"] = v) })),
  longString(1025, 100_000).map((v) => ({ name: "remark", apply: (i: Input) => void (i["remark"] = v) })),
  longString(513, 100_000).map((v) => ({ name: "reason", apply: (i: Input) => void (i["reason"] = v) })),
  longString(129, 20_000).map((v) => ({ name: "sender.name", apply: (i: Input) => void (i["sender"] = { ...(i["sender"] as object), name: v }) })),
  edgeString(100)
    .filter((v) => !v.includes("@"))
    .map((v) => ({ name: "sender.email", apply: (i: Input) => void (i["sender"] = { ...(i["sender"] as object), email: `not-an-email${v}` }) })),
  fc.constant({ name: "no lines", apply: (i: Input) => void (i.lines = []) }),
  fc.integer({ min: 201, max: 10_000 }).map((n) => ({
    name: `${n} lines`,
    apply: (i: Input) => void (i.lines = Array.from({ length: n }, (_, k) => ({ sku: `S${k}`, quantity: 1 }))),
  })),
  fc.oneof(fc.integer({ min: -2_147_483_648, max: 0 }), fc.integer({ min: 100_001, max: 2_147_483_647 })).map((q) => ({
    name: `quantity ${q}`,
    apply: (i: Input) => void (i.lines = [{ ...i.lines[0], quantity: q }]),
  })),
  fc.oneof(fc.constant(""), longString(65, 100_000)).map((v) => ({ name: "sku", apply: (i: Input) => void (i.lines = [{ ...i.lines[0], sku: v }]) })),
  longString(513, 100_000).map((v) => ({ name: "line remark", apply: (i: Input) => void (i.lines = [{ ...i.lines[0], remark: v }]) })),
  fc.constantFrom(...RETURN_PROVIDERS).map((other) => ({
    name: `foreign ${other} block`,
    apply: (i: Input, provider: ReturnProvider) => {
      const block = (other === provider ? RETURN_PROVIDERS.find((p) => p !== provider)! : other).toLowerCase();
      i[block] = { ...((VALID_INPUTS[block.toUpperCase() as ReturnProvider] as Record<string, unknown>)[block] as object) };
    },
  })),
  longString(65, 1000).map((v) => ({ name: "account", apply: (i: Input) => void (i["account"] = v) })),
  fc
    .oneof(
      edgeString(7),
      longString(129, 5000),
      edgeString(64).filter((v) => /[^A-Za-z0-9_.:-]/.test(v)),
    )
    .map((key) => ({ name: "idempotencyKey", apply: () => ({ idempotencyKey: key }) })),
);

// ---------------------------------------------------------------------------------------------

describe("fuzz: hostile input never gets a 500, an unhandled error or a provider call", () => {
  const unhandled = watchProcess();
  const loggedErrors: Record<string, unknown>[] = [];
  let app: TestApp;
  let qimenCode: string;
  let providerCalls: () => number;

  beforeAll(async () => {
    // Errors the app logs as unexpected are bugs even when the caller saw a tidy answer.
    app = await startTestApp({
      env: UNLIMITED_RATES,
      logLevel: "error",
      logDestination: { write: (line) => void loggedErrors.push(JSON.parse(line) as Record<string, unknown>) },
    });
    const qianyi = app.emulators.QIANYI as QianyiEmulator;
    const oms = app.emulators.OMS as OmsEmulator;
    providerCalls = () => app.winit.calls.length + qianyi.calls.length + oms.calls.length + app.qimen.calls.length;
    const created = await app.gql(CreateReturnOrderDocument, { input: VALID_INPUTS.QIMEN, idempotencyKey: "fuzz-qimen-0001" });
    const result = created.data!.returnOrderCreate;
    if (result.__typename !== "ReturnOrderCreated") throw new Error(JSON.stringify(result));
    qimenCode = result.returnOrder.providerOrderNo;
  });
  afterAll(async () => {
    await app?.close();
    expect(unhandled).toEqual([]);
    expect(loggedErrors.map((e) => `${e["msg"]}: ${(e["err"] as { message?: string } | undefined)?.message}`)).toEqual([]);
  });

  /** Posts a raw GraphQL request body; the answer must be a typed JSON answer, never a 500. */
  async function graphql(
    body: string,
  ): Promise<{ status: number; json: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } }> {
    const response = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBeLessThan(500);
    expect(text, JSON.stringify(loggedErrors.at(-1)?.["err"])).not.toContain("INTERNAL_SERVER_ERROR");
    expect(text).not.toMatch(/\n\s+at .*:\d+:\d+/);
    return { status: response.status, json: JSON.parse(text) as never };
  }
  const operation = (document: Parameters<typeof print>[0], variables: unknown) => JSON.stringify({ query: print(document), variables });
  /** Runs `send` and proves no provider was called meanwhile. */
  async function noProviderCall<T>(send: () => Promise<T>): Promise<T> {
    const before = providerCalls();
    const result = await send();
    expect(providerCalls()).toBe(before);
    return result;
  }

  it("returnOrderCreate: an input broken in one place is InvalidInput, whatever else it carries, and reaches no provider", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...RETURN_PROVIDERS), hostileDecoration, invalidator, async (provider, decoration, broken) => {
        const input = structuredClone(VALID_INPUTS[provider]) as unknown as Input;
        const { lineRemark, ...fields } = decoration;
        Object.assign(input, fields);
        if (lineRemark !== undefined) input.lines = input.lines.map((l) => ({ ...l, remark: lineRemark }));
        const extra = broken.apply(input, provider) ?? {};
        const { status, json } = await noProviderCall(() => graphql(operation(CreateReturnOrderDocument, { input, ...extra })));
        if (status === 413) return; // over the request size limit: refused before GraphQL, as JSON
        const result = json.data?.["returnOrderCreate"] as { __typename: string; violations?: unknown[] } | undefined;
        expect(result?.__typename, `${broken.name}: ${JSON.stringify(json).slice(0, 300)}`).toBe("InvalidInput");
        expect(result?.violations?.length).toBeGreaterThan(0);
      }),
      runs(400),
    );
  });

  it("returnOrderCreate: hostile text within the limits gets a typed answer (provider calls allowed)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...RETURN_PROVIDERS), hostileDecoration, edgeString(64), async (provider, decoration, reference) => {
        const input = structuredClone(VALID_INPUTS[provider]) as unknown as Input;
        const { lineRemark, ...fields } = decoration;
        Object.assign(input, fields, { referenceNo: reference });
        if (lineRemark !== undefined) input.lines = input.lines.map((l) => ({ ...l, remark: lineRemark }));
        const { json } = await graphql(operation(CreateReturnOrderDocument, { input }));
        const result = json.data?.["returnOrderCreate"] as { __typename: string } | undefined;
        expect(["ReturnOrderCreated", "InvalidInput", "ProviderRejected", "ProviderUnavailable"]).toContain(result?.__typename);
      }),
      runs(150),
    );
  });

  /** Any JSON at all, deep nesting and huge arrays included, where the schema wants something else. */
  const wrongValue = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.integer({ min: 50, max: 5000 }).map((depth) => ({ nested: depth })),
    fc.integer({ min: 1000, max: 10_000 }).map((n) => ({ bigArray: n })),
  );
  /** Builds the JSON text by hand: a 5000-deep value would overflow JSON.stringify. */
  const jsonOf = (value: unknown): string => {
    if (value && typeof value === "object" && "nested" in value) return `${'[{"a":'.repeat(value.nested as number)}1${"}]".repeat(value.nested as number)}`;
    if (value && typeof value === "object" && "bigArray" in value)
      return `[${Array.from({ length: value.bigArray as number }, (_, i) => `{"sku":"S${i}","quantity":"${i}"}`).join(",")}]`;
    return JSON.stringify(value) ?? "null";
  };

  it("mutations: variables of the wrong type, deeply nested or huge are refused before any resolver", async () => {
    const documents = [
      { query: print(CreateReturnOrderDocument), slots: ["input", "idempotencyKey"] },
      { query: print(UpdateReturnOrderDocument), slots: ["id", "input"] },
      { query: print(CancelReturnOrderDocument), slots: ["id", "reason"] },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...documents),
        fc.nat(),
        wrongValue,
        fc.constantFrom("top", "line", "lines", "sender", "quantity", "provider"),
        async (document, which, value, where) => {
          const slot = document.slots[which % document.slots.length]!;
          // The create's input is invalid in a way only seen after coercion, so a value that happens
          // to coerce (an empty sender, a small quantity) still reaches no provider.
          const inputBase = document.slots.includes("idempotencyKey") ? JSON.stringify({ ...VALID_INPUTS.WINIT, warehouseCode: "" }) : '{"remark":"r"}';
          const placed = jsonOf(value);
          // The wrong value goes either in place of a whole argument, or inside an otherwise valid input.
          let input = inputBase;
          let variables: string;
          if (slot === "input" && where !== "top") {
            const spliced = JSON.parse(inputBase) as Record<string, unknown>;
            const marker = "\u0001MARK\u0001";
            if (where === "line") spliced["lines"] = [marker];
            else if (where === "lines") spliced["lines"] = marker;
            else if (where === "sender") spliced["sender"] = marker;
            else if (where === "quantity") spliced["lines"] = [{ sku: "S", quantity: marker }];
            else spliced["provider"] = marker;
            input = JSON.stringify(spliced).replace(JSON.stringify(marker), () => placed);
            variables = `{"input":${input},"id":"x"}`;
          } else {
            const others = Object.fromEntries(document.slots.filter((s) => s !== slot).map((s) => [s, s === "input" ? JSON.parse(input) : "abcdefgh1234"]));
            variables = `{${[...Object.entries(others).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`), `${JSON.stringify(slot)}:${placed}`].join(",")}}`;
          }
          const { status, json } = await noProviderCall(() => graphql(`{"query":${JSON.stringify(document.query)},"variables":${variables}}`));
          if (status === 413) return;
          // Either refused as a bad request, or (a string where a string is due) answered as data.
          if (json.errors) {
            expect(json.errors.map((e) => e.extensions?.code)).toContain("BAD_USER_INPUT");
          } else {
            const result = Object.values(json.data ?? {})[0] as { __typename: string };
            expect(["InvalidInput", "NotFound"]).toContain(result.__typename);
          }
        },
      ),
      runs(400),
    );
  });

  /** Ids the subgraph cannot decode: random text, and near misses of the real scheme. */
  const badId = fc
    .oneof(
      edgeString(64),
      longString(300, 100_000),
      fc.string({ unit: "binary", maxLength: 40 }).map((s) => Buffer.from(s).toString("base64url")),
      fc
        .tuple(fc.constantFrom("ro1", "ro2", "RO1", ""), fc.constantFrom(...RETURN_PROVIDERS, "winit", "FEDEX", ""), edgeString(70), edgeString(140))
        .map((parts) => Buffer.from(parts.join("|")).toString("base64url")),
      fc.tuple(fc.constantFrom(...RETURN_PROVIDERS), edgeString(20)).map(([p, no]) => `${Buffer.from(`ro1|${p}|default|${no}`).toString("base64url")}=`),
    )
    .filter((id) => decodeOrderId(id) === null);

  it("ids: an id that is not one of ours is null / NotFound, without a provider call", async () => {
    await fc.assert(
      fc.asyncProperty(badId, fc.constantFrom("read", "cancel", "update"), async (id, action) => {
        const { json } = await noProviderCall(() =>
          graphql(
            action === "read"
              ? operation(ReturnOrderDocument, { id })
              : action === "cancel"
                ? operation(CancelReturnOrderDocument, { id, reason: "fuzz" })
                : operation(UpdateReturnOrderDocument, { id, input: { remark: "fuzz" } }),
          ),
        );
        expect(json.errors).toBeUndefined();
        if (action === "read") expect(json.data?.["returnOrder"]).toBeNull();
        else expect((Object.values(json.data ?? {})[0] as { __typename: string }).__typename).toBe("NotFound");
      }),
      runs(400),
    );
  });

  it("ids: a well-formed id of an order nobody has is null / NotFound, never a crash", async () => {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    const orderNo = edgeString(40).filter((s) => /^[^|\u0000-\u001f]{1,128}$/.test(s));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...RETURN_PROVIDERS), orderNo, fc.boolean(), async (provider, no, cancel) => {
        const id = Buffer.from(`ro1|${provider}|default|${no}`).toString("base64url");
        const { json } = await graphql(cancel ? operation(CancelReturnOrderDocument, { id }) : operation(ReturnOrderDocument, { id }));
        if (cancel) {
          expect(["NotFound", "ProviderRejected", "ProviderUnavailable", "InvalidState"]).toContain(
            (json.data?.["returnOrderCancel"] as { __typename: string }).__typename,
          );
        } else if (json.errors) {
          expect(["PROVIDER_REJECTED", "PROVIDER_UNAVAILABLE"]).toContain(json.errors[0]?.extensions?.code);
        }
      }),
      runs(100),
    );
  });

  it("cursors: anything but a cursor of this list is BAD_USER_INPUT, without a provider call", async () => {
    const fingerprint = filterFingerprint({});
    // An empty `after` means no cursor (the first page), as null does.
    const badCursor = fc.oneof(
      edgeString(100).filter((c) => c !== ""),
      longString(4000, 100_000),
      fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? "").toString("base64url")),
      fc
        .record({ v: fc.oneof(fc.constant(1), fc.jsonValue()), f: fc.oneof(fc.constant("wrong-filter"), fc.jsonValue()), p: fc.jsonValue({ maxDepth: 2 }) })
        .map((body) => Buffer.from(JSON.stringify(body)).toString("base64url")),
      fc
        .dictionary(
          fc.string({ maxLength: 12 }),
          fc.oneof(fc.double(), fc.integer({ min: -1_000_000_000, max: -1 }), fc.integer({ min: 10_000_001 }), fc.string()),
          { minKeys: 1 },
        )
        .map((p) => Buffer.from(JSON.stringify({ v: 1, f: fingerprint, p })).toString("base64url")),
    );
    await fc.assert(
      fc.asyncProperty(badCursor, fc.integer({ min: 1, max: 100 }), async (after, first) => {
        const { json } = await noProviderCall(() => graphql(operation(ReturnOrdersDocument, { after, first })));
        expect(json.data ?? null).toBeNull();
        expect(json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      }),
      runs(300),
    );
  });

  it("cursors: a cursor of this list with any positions answers a page (provider calls allowed)", async () => {
    const sources = ["WINIT/default", "QIANYI/default", "OMS/default", "QIMEN/default", "WINIT/other", "__proto__", "constructor"];
    const positions = fc.dictionary(fc.constantFrom(...sources), fc.oneof(fc.constant("done" as const), fc.integer({ min: 0, max: 10_000_000 })));
    await fc.assert(
      fc.asyncProperty(positions, fc.integer({ min: 1, max: 100 }), async (p, first) => {
        const { json } = await graphql(operation(ReturnOrdersDocument, { after: encodeCursor(filterFingerprint({}), p), first }));
        expect(json.errors).toBeUndefined();
        const page = json.data?.["returnOrders"] as { nodes: unknown[]; providerErrors: { code: string }[] };
        expect(page.nodes.length).toBeLessThanOrEqual(first);
      }),
      runs(60),
    );
  });

  // -------------------------------------------------------------------------------------------
  // Webhooks

  const contentTypes = fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "multipart/form-data; boundary=----x",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "text/xml;charset=utf-8",
    "text/plain",
    "application/octet-stream",
    "",
    "garbage/\u00ff; boundary=",
  );
  /** Small random bodies mostly, and some near and beyond the push size limit. */
  const pushBody = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.oneof(
        edgeString(500),
        fc.json({ maxDepth: 4 }),
        fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: MAX_PUSH_BYTES - 1024, max: MAX_PUSH_BYTES + 200_000 }), fc.constantFrom("{", "<", "a", "\u0000", "--"))
        .map(([size, start]) => Buffer.concat([Buffer.from(start), Buffer.alloc(size, 0x61)])),
    },
  );
  const qimenQuery = fc.dictionary(
    fc.constantFrom("method", "app_key", "sign", "timestamp", "customerId", "format", "v", "sign_method", "x"),
    fc.oneof(edgeString(40), fc.constantFrom(QIMEN_METHODS.confirm, "23268761", "DEMO-CUSTOMER")),
  );

  async function push(path: string, body: string | Buffer, contentType: string): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
    const response = await fetch(`${app.url}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : new Uint8Array(body) });
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBeLessThan(500);
    return { status: response.status, text };
  }
  const expectQianyiFormat = (text: string) => expect(JSON.parse(text)).toMatchObject({ state: expect.stringMatching(/^(success|failure)$/) });
  const expectQimenFormat = (text: string) =>
    expect(text).toMatch(/^(<\?xml[^>]*>\s*)?<response>[\s\S]*<flag>(success|failure)<\/flag>[\s\S]*<\/response>\s*$/);

  it("webhooks: random bodies, content types and sizes are refused in the provider's format, never with a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("qianyi", "qimen"), pushBody, contentTypes, qimenQuery, async (provider, body, contentType, query) => {
        const before = providerCalls();
        if (provider === "qianyi") {
          const { status, text } = await push("/webhooks/qianyi", body, contentType);
          expect(status).toBeGreaterThanOrEqual(400);
          expectQianyiFormat(text);
        } else {
          const { status, text } = await push(`/webhooks/qimen?${new URLSearchParams(query).toString()}`, body, contentType);
          expect(status).toBeGreaterThanOrEqual(400);
          expectQimenFormat(text);
        }
        expect(providerCalls()).toBe(before);
      }),
      runs(400),
    );
  });

  it("webhooks: correctly signed Qianyi pushes with hostile content are answered in Qianyi's format", async () => {
    const qianyi = () => app.emulators.QIANYI as QianyiEmulator;
    const anyValue = fc.oneof(edgeString(80), fc.jsonValue({ maxDepth: 3 }));
    const info = fc.record({
      returnNumber: fc.oneof(edgeString(80), fc.constantFrom("B250822148831", ""), fc.jsonValue({ maxDepth: 2 })),
      status: fc.oneof(fc.constantFrom("NEW", "WAIT_STORAGE", "FINISH", "CLOSED"), anyValue),
      orderNumber: anyValue,
      onlineOrderNumber: anyValue,
      returnSkuList: fc.oneof(
        fc.array(fc.record({ sku: anyValue, quantity: fc.oneof(fc.integer(), fc.double(), anyValue), orderSkuId: anyValue }), { maxLength: 5 }),
        anyValue,
      ),
    });
    await fc.assert(
      fc.asyncProperty(info, fc.constantFrom("json" as const, "form" as const), async (pushInfo, format) => {
        const form = qianyi().buildPush(pushInfo as never);
        const result = await qianyi().sendPush(form, format);
        expect(result.status).toBeLessThan(500);
        expect(result.body).toMatchObject({ state: expect.stringMatching(/^(success|failure)$/) });
      }),
      runs(200),
    );
  });

  it("webhooks: correctly signed Qimen confirms with hostile content are answered in Qimen's format", async () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
    const value = fc.oneof(edgeString(60), fc.integer().map(String), fc.double().map(String));
    const looseObject = fc.dictionary(name, fc.oneof(value, fc.dictionary(name, value, { maxKeys: 3 })), { maxKeys: 6 });
    const confirm = fc.record(
      {
        returnOrder: fc.oneof(
          fc.record(
            {
              returnOrderCode: fc.oneof(fc.constant("__existing__"), edgeString(40)),
              outBizCode: fc.oneof(edgeString(40), fc.uuid()),
              orderConfirmTime: fc.oneof(fc.constant("2025-01-02 03:04:05"), edgeString(30)),
              returnOrderStatus: fc.oneof(fc.constantFrom("FULFILLED", "PARTFULFILLED", "CANCELED"), edgeString(20)),
              warehouseCode: value,
            },
            { requiredKeys: [] },
          ),
          looseObject,
        ),
        orderLines: fc.oneof(
          fc.record({
            orderLine: fc.array(
              fc.record(
                {
                  itemCode: fc.oneof(fc.constant("I1234"), value),
                  actualQty: fc.oneof(fc.integer({ min: -5, max: 1e9 }).map(String), value),
                  inventoryType: value,
                  orderLineNo: value,
                },
                { requiredKeys: [] },
              ),
              { maxLength: 6 },
            ),
          }),
          looseObject,
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(confirm, fc.constantFrom(QIMEN_METHODS.confirm, QIMEN_METHODS.create, "x"), async (request, method) => {
        const ro = request.returnOrder as Record<string, unknown> | undefined;
        if (ro?.["returnOrderCode"] === "__existing__") ro["returnOrderCode"] = qimenCode;
        const call = buildQimenCall(app.qimen.credentials, method, request as Record<string, unknown>, new Date());
        const before = providerCalls();
        const { text } = await push(`/webhooks/qimen?${new URLSearchParams(call.params).toString()}`, call.body, "text/xml;charset=utf-8");
        expectQimenFormat(text);
        expect(providerCalls()).toBe(before);
      }),
      runs(250),
    );
  });
});
