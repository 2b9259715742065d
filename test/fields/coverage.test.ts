import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReturnsSchema } from "../../src/schema/build.js";
import { REPO_ROOT, loadTables, pathProblem, readSeeds, readmeBlock, renderReadmeBlock, tableProblems, type NamedTable } from "./check.js";
import type { ProviderCoverage } from "./coverage.js";

// Every field a seed documents is carried on a GraphQL path that exists, or named as not carried
// with its reason; the README's counts are these tables' (rewrite: npx tsx scripts/field-coverage.ts --write).

const tables: NamedTable[] = await loadTables();
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildReturnsSchema();
});

describe.each(tables.map((t) => [t.name, t.table] as const))("the %s field table", (_name, table) => {
  it("has exactly one row per documented field, none for an undocumented one, and every path resolves in the emitted schema", () => {
    expect(tableProblems(table, readSeeds(table.seeds), schema)).toEqual([]);
  });
});

describe("the emitted schema, walked", () => {
  it("resolves the shape's own example paths and refuses a made-up one", () => {
    expect(pathProblem(schema, "ReturnOrderCreateInput.lines.sku")).toBeNull();
    expect(pathProblem(schema, "ReturnOrder.details.WinitReturnDetails.rmaNo")).toBeNull();
    expect(pathProblem(schema, "ReturnOrderCreateResult.ReturnOrderCreated.receipt.WinitReceipt.rmaNo")).toBeNull();
    expect(pathProblem(schema, "ReturnOrder.details.WinitReturnDetails.noSuchField")).not.toBeNull();
  });
});

describe("the README's field coverage", () => {
  it("shows the counts and the fields not carried exactly as the tables give them", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    expect(readmeBlock(readme), "run `npx tsx scripts/field-coverage.ts --write`").toBe(renderReadmeBlock(tables));
  });
});

describe("the coverage checker", () => {
  const sample = buildSchema(`
    type Query { order: Order }
    type Order { sender: Party lines: [Line!]! details: Details node: Node }
    type Party { name: String country: String }
    type Line { sku: String! }
    union Details = WinitDetails | OtherDetails
    type WinitDetails { rmaNo: String }
    type OtherDetails { code: String }
    interface Node { id: ID! }
    type Thing implements Node { id: ID! size: Int }
    input CreateInput { lines: [LineInput!]! }
    input LineInput { sku: String! }
  `);
  const seed = "fields: rmaNo, country, sku";
  const documented = (texts: Record<string, string>) =>
    texts["seed.txt"]!.replace("fields: ", "")
      .split(", ")
      .map((field) => ({ operation: "query" as const, field }));
  const table = (rows: ProviderCoverage["rows"]): ProviderCoverage => ({ seeds: ["seed.txt"], documented, rows });
  const complete: ProviderCoverage["rows"] = [
    { operation: "query", field: "rmaNo", graphql: ["Order.details.WinitDetails.rmaNo"] },
    { operation: "query", field: "country", graphql: ["Order.sender.country"] },
    { operation: "query", field: "sku", graphql: ["Order.lines.sku", "CreateInput.lines.sku"] },
  ];

  it("walks fields through lists, non-null, union members and implementing types", () => {
    expect(pathProblem(sample, "Order.lines.sku")).toBeNull();
    expect(pathProblem(sample, "Order.details.WinitDetails.rmaNo")).toBeNull();
    expect(pathProblem(sample, "Order.node.Thing.size")).toBeNull();
    expect(pathProblem(sample, "Order.node.id")).toBeNull();
    expect(pathProblem(sample, "CreateInput.lines.sku")).toBeNull();
    expect(pathProblem(sample, "Order.details.rmaNo")).toMatch(/Details has no field or member rmaNo/);
    expect(pathProblem(sample, "Order.details.WinitDetails.code")).toMatch(/WinitDetails has no field or member code/);
    expect(pathProblem(sample, "Order.sender.name.first")).toMatch(/String has no field/);
    expect(pathProblem(sample, "Nothing.at.all")).toMatch(/no type Nothing/);
  });

  it("passes a complete table", () => {
    expect(tableProblems(table(complete), { "seed.txt": seed }, sample)).toEqual([]);
  });

  it("fails on a documented field without a row, a second row, an undocumented row, a missing reason and a broken path", () => {
    const [rma, country, sku] = complete as [(typeof complete)[0], (typeof complete)[0], (typeof complete)[0]];
    expect(tableProblems(table([rma, country]), { "seed.txt": seed }, sample)).toEqual([
      "query sku: documented, but neither carried nor listed as not carried",
    ]);
    expect(tableProblems(table([rma, country, sku, { operation: "query", field: "sku", notCarried: "no field" }]), { "seed.txt": seed }, sample)).toEqual([
      "query sku: 2 rows (one expected)",
    ]);
    expect(
      tableProblems(table([...complete, { operation: "create", field: "sku", graphql: ["CreateInput.lines.sku"] }]), { "seed.txt": seed }, sample),
    ).toEqual(["create sku: no seed documents this field"]);
    expect(tableProblems(table([rma, country, { operation: "query", field: "sku", notCarried: " " }]), { "seed.txt": seed }, sample)).toEqual([
      "query sku: not carried, without a reason",
    ]);
    expect(tableProblems(table([rma, country, { operation: "query", field: "sku", graphql: ["Order.lines.barcode"] }]), { "seed.txt": seed }, sample)).toEqual([
      "query sku: Order.lines.barcode: Line has no field or member barcode",
    ]);
  });

  it("renders counts per operation and the reasons of what is not carried", () => {
    const rows: ProviderCoverage["rows"] = [complete[0]!, complete[1]!, { operation: "query", field: "sku", notCarried: "the | provider never says" }];
    const block = renderReadmeBlock([{ name: "Sample", table: table(rows) }]);
    expect(block).toContain("| Sample | query | 2 | 1 | 3 |");
    expect(block).toContain("| **Sample** | all | **2** | **1** | **3** |");
    expect(block).toContain("- Sample query `sku`: the \\| provider never says");
  });
});
