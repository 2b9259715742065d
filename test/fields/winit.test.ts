import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getNamedType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLNamedType, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReturnsSchema } from "../../src/schema/build.js";
import { winitCoverage } from "./winit.js";

// A local check of WINIT's field table until the runner for every table (coverage.test.ts) walks it.

function seedTexts(): Record<string, string> {
  for (let dir = resolve(dirname(fileURLToPath(import.meta.url)), "../.."); dirname(dir) !== dir; dir = dirname(dir)) {
    const seeds = join(dir, "shared", "seeds");
    if (existsSync(seeds)) return Object.fromEntries(winitCoverage.seeds.map((s) => [s, readFileSync(join(seeds, s), "utf8")]));
  }
  throw new Error("no shared/seeds above the repository");
}

/** Whether a dotted path resolves: a type, then fields (a union or interface step names a member type). */
function resolves(schema: GraphQLSchema, path: string): boolean {
  const [first, ...rest] = path.split(".");
  let type: GraphQLNamedType | undefined = schema.getType(first!) ?? undefined;
  for (const step of rest) {
    if (!type) return false;
    if (isUnionType(type) || isInterfaceType(type)) {
      const members = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
      const member = members.find((m) => m.name === step);
      if (member) {
        type = member;
        continue;
      }
    }
    const fields = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? type.getFields() : {};
    const field = fields[step];
    type = field ? getNamedType(field.type) : undefined;
    if (!field) return false;
  }
  return type !== undefined;
}

const keys = (fields: { operation: string; field: string }[]) => fields.map((f) => `${f.operation} ${f.field}`).sort();

describe("WINIT's field table", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildReturnsSchema();
  });
  const texts = seedTexts();

  it("reads every field of seeds 002 and 003 from their tables, nested ones by their path", () => {
    const documented = keys(winitCoverage.documented(texts));
    expect(documented).toEqual(expect.arrayContaining(["create ReturnGoodsList.itemCodeList.handleMethod", "create VATNo", "create rmaNo"]));
    expect(documented).toEqual(expect.arrayContaining(["query pageParams.pageSize", "query shelveGoodsList.imageList", "query orderGoodsList.confirmWeight"]));
    expect(new Set(documented).size).toBe(documented.length);
  });

  it("finds a field added to a seed without anyone editing a list", () => {
    const create = winitCoverage.seeds[0]!;
    const query = winitCoverage.seeds[1]!;
    const added = {
      ...texts,
      [create]: texts[create]!.replace("–|productNum Number Y 商品数量", "–|productNum Number Y 商品数量\n–|newMark String() N 新字段"),
      [query]: texts[query]!.replaceAll("| – confirmQty | Int | Y | 数量 | |", "| – confirmQty | Int | Y | 数量 | |\n| – newQty | Int | N | 新 | |"),
    };
    expect(keys(winitCoverage.documented(added))).toEqual(
      expect.arrayContaining(["create ReturnGoodsList.newMark", "query orderGoodsList.newQty", "query shelveGoodsList.newQty"]),
    );
  });

  it("has one row per documented field, and every GraphQL path resolves in the schema", () => {
    expect(keys(winitCoverage.rows)).toEqual(keys(winitCoverage.documented(texts)));
    const broken = winitCoverage.rows.flatMap((r) => (r.graphql ?? []).filter((p) => !resolves(schema, p)).map((p) => `${r.operation} ${r.field}: ${p}`));
    expect(broken).toEqual([]);
    expect(winitCoverage.rows.filter((r) => r.notCarried !== undefined && !r.notCarried.trim())).toEqual([]);
  });
});
