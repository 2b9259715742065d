import type { DocumentedField, SeedOperation } from "./coverage.js";

/*
 * Reads the fields a seed documents in its parameter tables ("name | 是否必须 | 类型 | …" rows),
 * so a field added to the seed appears in the coverage without editing a list. A row whose type
 * names another table of the seed (`List<ReturnSku>`, `ReturnOrder`) is expanded into that table's
 * fields under its own name (`returnSkuList.sku`); a table is looked up in the row's own section
 * first (the push's ReturnSku differs from the query's), then anywhere in the seed.
 */

interface Table {
  name: string;
  section: number;
  rows: { field: string; cells: string[] }[];
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;
/** A sub-table's title line: `ReturnSku(退货SKU)`. */
const TABLE_TITLE = /^([A-Z][A-Za-z0-9]*)\s*[(（]/;

function tablesOf(text: string, sectionStart: RegExp, rootTitle: (line: string) => string | null): Table[] {
  const tables: Table[] = [];
  let section = -1;
  let current: Table | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (sectionStart.test(line)) section++;
    const root = rootTitle(line);
    const titled = root ?? TABLE_TITLE.exec(line)?.[1] ?? null;
    if (titled && !line.includes("|")) {
      current = { name: titled, section, rows: [] };
      tables.push(current);
      continue;
    }
    const cells = line.split("|").map((c) => c.trim());
    if (current && cells.length > 1 && IDENTIFIER.test(cells[0]!)) current.rows.push({ field: cells[0]!, cells: cells.slice(1) });
  }
  return tables;
}

/** The table a row's type names, if any (`List<ReturnSku>`, `List <LocAndQuantity>`, `ReturnOrder`). */
function referenced(cells: string[], names: Set<string>): string | null {
  for (const cell of cells) {
    const list = /List\s*<\s*([A-Za-z0-9]+)\s*>/.exec(cell)?.[1];
    if (list && names.has(list)) return list;
    if (names.has(cell)) return cell;
  }
  return null;
}

/**
 * Every documented field of the seed: `sections` names the operation of each numbered section in
 * order, `rootTitle` recognises the line that opens a section's request or answer table and says
 * its name (`request`, `answer`).
 */
export function documentedByTables(
  text: string,
  sectionStart: RegExp,
  sections: SeedOperation[],
  rootTitle: (line: string) => string | null,
): DocumentedField[] {
  const tables = tablesOf(text, sectionStart, rootTitle);
  const names = new Set(tables.map((t) => t.name));
  const find = (name: string, section: number) => tables.find((t) => t.name === name && t.section === section) ?? tables.find((t) => t.name === name);
  const found: DocumentedField[] = [];
  const walk = (table: Table, prefix: string, operation: SeedOperation, seen: Set<string>) => {
    for (const row of table.rows) {
      const path = `${prefix}${row.field}`;
      const target = referenced(row.cells, names);
      const sub = target && !seen.has(target) ? find(target, table.section) : undefined;
      if (sub) walk(sub, `${path}.`, operation, new Set([...seen, target!]));
      else found.push({ operation, field: path });
    }
  };
  for (const table of tables) {
    const operation = sections[table.section];
    if (operation && (table.name === "request" || table.name === "answer")) walk(table, table.name === "answer" ? "answer." : "", operation, new Set());
  }
  return found;
}

/** The JSON object that follows `marker` in the text (the seed's literal examples), by bracket matching. */
export function jsonAfter(text: string, marker: string, from = 0): { value: unknown; end: number } {
  const at = text.indexOf(marker, from);
  if (at < 0) throw new Error(`the seed has no ${marker}`);
  const start = text.indexOf("{", at);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return { value: JSON.parse(text.slice(start, i + 1)), end: i + 1 };
  }
  throw new Error(`the example after ${marker} does not close`);
}

/** Every key of a JSON example as a dotted path; a list's items by their first entry's keys. */
export function pathsOf(value: unknown, prefix = ""): string[] {
  const item = Array.isArray(value) ? value[0] : value;
  if (!item || typeof item !== "object") return prefix ? [prefix.slice(0, -1)] : [];
  return Object.entries(item as Record<string, unknown>).flatMap(([key, v]) =>
    v && typeof v === "object" && (!Array.isArray(v) || (v.length > 0 && typeof v[0] === "object")) ? pathsOf(v, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
