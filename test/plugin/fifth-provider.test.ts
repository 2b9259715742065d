import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
const FIXTURE = join(ROOT, "test/fixtures/fifth-provider");

/** Every file below `dir`, relative to it. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Replaces exactly one occurrence of `from` (so the edit is the one line it claims to be). */
function editOnce(path: string, from: string, to: string): void {
  const text = readFileSync(path, "utf8");
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(path, text.replace(from, to));
}

/**
 * Issue 15's proof that the plug-in boundary is real: a fifth provider is one folder, one
 * `ReturnProvider` value and one registry entry. The test makes exactly that change in a copy of
 * the source tree, checks that nothing else differs, type-checks the copy and serves it.
 */
describe("a fifth provider, added by one folder, one enum value and one registry entry", () => {
  let tree: string;
  let served: { sdl: string; created: unknown; listed: unknown };

  beforeAll(async () => {
    tree = mkdtempSync(join(tmpdir(), "fifth-provider-"));
    cpSync(join(ROOT, "src"), join(tree, "src"), { recursive: true });
    for (const file of ["package.json", "tsconfig.json"]) cpSync(join(ROOT, file), join(tree, file));
    symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"));
    writeFileSync(join(tree, "tsconfig.json"), JSON.stringify({ extends: join(ROOT, "tsconfig.json"), compilerOptions: { rootDir: "." }, include: ["src"] }));
    cpSync(FIXTURE, join(tree, "src/providers/fifth"), { recursive: true, filter: (path) => !path.endsWith("README.md") });
    editOnce(join(tree, "src/returns/model.ts"), `"QIMEN"] as const;`, `"QIMEN", "FIFTH"] as const;`);
    editOnce(
      join(tree, "src/providers/registry.ts"),
      `  QIMEN: qimenModule,\n`,
      `  QIMEN: qimenModule,\n  FIFTH: (await import("./fifth/index.js")).fifthModule,\n`,
    );
    const { stdout } = await run(join(ROOT, "node_modules/.bin/tsx"), [join(tree, "src/providers/fifth/serve.ts")], {
      cwd: tree,
      timeout: 90_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    served = JSON.parse(stdout) as typeof served;
  }, 120_000);
  afterAll(() => {
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  it("changes no other source file", () => {
    const changed = filesOf(join(ROOT, "src")).filter(
      (file) => readFileSync(join(ROOT, "src", file), "utf8") !== readFileSync(join(tree, "src", file), "utf8"),
    );
    expect(changed.sort()).toEqual(["providers/registry.ts", "returns/model.ts"]);
    expect(
      filesOf(join(tree, "src"))
        .filter((f) => !filesOf(join(ROOT, "src")).includes(f))
        .every((f) => f.startsWith("providers/fifth/")),
    ).toBe(true);
  });

  it("type-checks", async () => {
    await expect(run(join(ROOT, "node_modules/.bin/tsc"), ["--noEmit", "-p", tree], { cwd: tree, timeout: 150_000 })).resolves.toBeDefined();
  }, 160_000);

  it("builds the schema with the provider in the unions, the inputs, the enum and the filter", () => {
    expect(served.sdl).toMatch(/union ReturnOrderDetails =[^\n]*FifthReturnDetails/);
    expect(served.sdl).toMatch(/union ProviderReceipt =[^\n]*FifthReceipt/);
    expect(served.sdl).toMatch(/input ReturnOrderCreateInput \{[^}]*\n\s*fifth: FifthReturnOptions/);
    expect(served.sdl).toMatch(/enum ReturnProvider \{[^}]*FIFTH/);
  });

  it("creates and lists through GraphQL", () => {
    expect(served.created).toEqual({
      data: {
        returnOrderCreate: {
          __typename: "ReturnOrderCreated",
          returnOrder: {
            id: expect.any(String),
            provider: "FIFTH",
            providerOrderNo: "F1",
            totalQuantity: 2,
            details: { __typename: "FifthReturnDetails", note: "hello" },
          },
          receipt: { __typename: "FifthReceipt", fifthNo: "F1" },
        },
      },
    });
    expect(served.listed).toMatchObject({
      data: {
        returnOrders: { nodes: [{ providerOrderNo: "F1", provider: "FIFTH" }], providerErrors: [] },
        returnProviders: expect.arrayContaining([{ provider: "FIFTH" }]),
      },
    });
  });
});
