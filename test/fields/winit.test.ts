import { describe, expect, it } from "vitest";
import { readSeeds } from "./check.js";
import { winitCoverage } from "./winit.js";

// How WINIT's table reads its seeds' field tables (coverage.test.ts checks the rows against them
// and against the emitted schema).

const keys = (fields: { operation: string; field: string }[]) => fields.map((f) => `${f.operation} ${f.field}`).sort();

describe("WINIT's field table", () => {
  const texts = readSeeds(winitCoverage.seeds);

  it("reads every field of seeds 002 and 003 from their tables, nested ones by their path, each once", () => {
    const documented = keys(winitCoverage.documented(texts));
    expect(documented).toEqual(expect.arrayContaining(["create ReturnGoodsList.itemCodeList.handleMethod", "create VATNo", "create rmaNo"]));
    expect(documented).toEqual(expect.arrayContaining(["query pageParams.pageSize", "query shelveGoodsList.imageList", "query orderGoodsList.confirmWeight"]));
    expect(documented).not.toContain("query orderGoodsList.imageList");
    expect(new Set(documented).size).toBe(documented.length);
  });

  it("finds a field added to a seed without anyone editing a list", () => {
    const [create, query] = winitCoverage.seeds as [string, string];
    const added = {
      ...texts,
      [create]: texts[create]!.replace("–|productNum Number Y 商品数量", "–|productNum Number Y 商品数量\n–|newMark String() N 新字段"),
      [query]: texts[query]!.replaceAll("| – confirmQty | Int | Y | 数量 | |", "| – confirmQty | Int | Y | 数量 | |\n| – newQty | Int | N | 新 | |"),
    };
    expect(keys(winitCoverage.documented(added))).toEqual(
      expect.arrayContaining(["create ReturnGoodsList.newMark", "query orderGoodsList.newQty", "query shelveGoodsList.newQty"]),
    );
  });
});
