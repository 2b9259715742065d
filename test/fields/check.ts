import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from "graphql";
import type { CoverageRow, DocumentedField, ProviderCoverage, SeedOperation } from "./coverage.js";

// Checks the field-coverage tables (issue 17) and renders the README's counts; the test and
// `scripts/field-coverage.ts` share it, so what the README shows is what the test computes.

/** The tables, by the name the README shows; a table not written yet is simply absent. */
export const TABLE_FILES = { WINIT: "winit.ts", Qianyi: "qianyi.ts", OMS: "oms.ts", Qimen: "qimen.ts" } as const;

export const README_START = "<!-- field-coverage:start -->";
export const README_END = "<!-- field-coverage:end -->";

const OPERATIONS: SeedOperation[] = ["create", "update", "cancel", "query", "push"];
const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, "../..");

export interface NamedTable {
  name: string;
  table: ProviderCoverage;
}

/** The tables that exist beside this file, in the README's order. */
export async function loadTables(dir = here): Promise<NamedTable[]> {
  const tables: NamedTable[] = [];
  for (const [name, file] of Object.entries(TABLE_FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const table = Object.values(module).find(isCoverage);
    if (!table) throw new Error(`test/fields/${file} exports no ProviderCoverage`);
    tables.push({ name, table });
  }
  return tables;
}

function isCoverage(value: unknown): value is ProviderCoverage {
  const v = value as Partial<ProviderCoverage> | null;
  return !!v && Array.isArray(v.seeds) && Array.isArray(v.rows) && typeof v.documented === "function";
}

/**
 * The seeds live beside the repository (`../shared/seeds` of the main checkout); a worktree sits
 * one level deeper, so the nearest parent holding `shared/seeds` is taken. RETURNS_SEEDS_DIR wins.
 */
export function seedsDir(): string {
  const fromEnv = process.env["RETURNS_SEEDS_DIR"];
  if (fromEnv) return fromEnv;
  for (let dir = dirname(REPO_ROOT); ; dir = dirname(dir)) {
    const candidate = join(dir, "shared", "seeds");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no shared/seeds above ${REPO_ROOT}; set RETURNS_SEEDS_DIR`);
  }
}

export function readSeeds(names: string[], dir = seedsDir()): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

const keyOf = (f: DocumentedField) => `${f.operation} ${f.field}`;

/**
 * Where `path` fails to resolve in `schema`, or null when it resolves: its first segment is a
 * type; each next one a field of the current type (lists and non-null unwrapped), or, where the
 * current type is a union or an interface, the name of a member or implementing type.
 */
export function pathProblem(schema: GraphQLSchema, path: string): string | null {
  const [first, ...rest] = path.split(".");
  const start = first ? schema.getType(first) : undefined;
  if (!start) return `${path}: no type ${first}`;
  let current: GraphQLNamedType = start;
  for (const segment of rest) {
    const type: GraphQLNamedType = current;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const field = type.getFields()[segment];
      if (field) {
        current = getNamedType(field.type as GraphQLType);
        continue;
      }
    }
    if (isUnionType(type) || isInterfaceType(type)) {
      const members = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
      const member = members.find((m) => m.name === segment);
      if (member) {
        current = member;
        continue;
      }
    }
    return `${path}: ${type.name} has no field or member ${segment}`;
  }
  return null;
}

/** Everything wrong with one table: a documented field without exactly one row, a row for an undocumented field, a path that does not resolve. */
export function tableProblems(table: ProviderCoverage, seedTexts: Record<string, string>, schema: GraphQLSchema): string[] {
  const documented = new Set(table.documented(seedTexts).map(keyOf));
  const problems: string[] = [];
  const rowsByKey = new Map<string, CoverageRow[]>();
  for (const row of table.rows) rowsByKey.set(keyOf(row), [...(rowsByKey.get(keyOf(row)) ?? []), row]);
  for (const key of documented) {
    const count = rowsByKey.get(key)?.length ?? 0;
    if (count === 0) problems.push(`${key}: documented, but neither carried nor listed as not carried`);
    if (count > 1) problems.push(`${key}: ${count} rows (one expected)`);
  }
  for (const row of table.rows) {
    const key = keyOf(row);
    if (!documented.has(key)) problems.push(`${key}: no seed documents this field`);
    if (row.notCarried !== undefined) {
      if (row.notCarried.trim() === "") problems.push(`${key}: not carried, without a reason`);
    } else if (!row.graphql || row.graphql.length === 0) {
      problems.push(`${key}: carried on no GraphQL path`);
    } else {
      for (const path of row.graphql) {
        const problem = pathProblem(schema, path);
        if (problem) problems.push(`${key}: ${problem}`);
      }
    }
  }
  return [...new Set(problems)];
}

export interface OperationCount {
  operation: SeedOperation;
  carried: number;
  notCarried: number;
}

/** Counts per operation, from the rows (a checked table has one row per documented field). */
export function countsOf(table: ProviderCoverage): OperationCount[] {
  return OPERATIONS.map((operation) => {
    const rows = table.rows.filter((r) => r.operation === operation);
    const notCarried = rows.filter((r) => r.notCarried !== undefined).length;
    return { operation, carried: rows.length - notCarried, notCarried };
  }).filter((c) => c.carried + c.notCarried > 0);
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

/** The README block between the markers: counts per provider and operation, then what is not carried and why. */
export function renderReadmeBlock(tables: NamedTable[]): string {
  const lines = [README_START];
  if (tables.length === 0) {
    lines.push("", "No provider's field table is written yet.", "");
  } else {
    lines.push("", "| provider | operation | carried | not carried | documented |", "|---|---|---|---|---|");
    for (const { name, table } of tables) {
      const counts = countsOf(table);
      for (const c of counts) lines.push(`| ${name} | ${c.operation} | ${c.carried} | ${c.notCarried} | ${c.carried + c.notCarried} |`);
      const carried = counts.reduce((n, c) => n + c.carried, 0);
      const notCarried = counts.reduce((n, c) => n + c.notCarried, 0);
      lines.push(`| **${name}** | all | **${carried}** | **${notCarried}** | **${carried + notCarried}** |`);
    }
    lines.push("", "Not carried, and why:", "");
    for (const { name, table } of tables) {
      for (const row of table.rows) {
        if (row.notCarried !== undefined) lines.push(`- ${name} ${row.operation} \`${row.field}\`: ${cell(row.notCarried)}`);
      }
    }
    lines.push("");
  }
  lines.push(README_END);
  return lines.join("\n");
}

/** The block as the README holds it now (markers included); null when the markers are missing. */
export function readmeBlock(readme: string): string | null {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return null;
  return readme.slice(start, end + README_END.length);
}

export function withReadmeBlock(readme: string, block: string): string {
  const current = readmeBlock(readme);
  if (current === null) throw new Error(`README.md has no ${README_START} … ${README_END} block`);
  return readme.replace(current, () => block);
}
