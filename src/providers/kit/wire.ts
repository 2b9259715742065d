import { z } from "zod";
import { ProviderUnavailableError } from "../../returns/errors.js";
import type { ReturnProvider } from "../../returns/model.js";

/*
 * Coercions every provider's wire schemas share. A provider answer is parsed through a schema
 * (its `wire.ts`): the shape that must hold (a list is a list, an order has its number) fails the
 * answer as the provider's fault; a single field of the wrong kind is read as absent, so one odd
 * field does not lose the order.
 *
 * Each coercion is one bare transform over whatever the field holds, marked optional so that a
 * field the answer leaves out reads as absent rather than failing the answer. Not
 * `unknown().optional().transform()`: that pipe of three schemas, run for every field of every
 * order of a list page, left most of a page's garbage.
 */

/**
 * A transform that also takes an absent key. zod's object schema asks `optin` whether a key may be
 * missing; a bare transform already says "optional" at run time, and this type says so to TypeScript.
 */
export type Coercion<T> = z.ZodTransform<T, unknown> & { _zod: { optin: "optional" } };

export const coercion = <T>(read: (value: unknown) => T): Coercion<T> => z.transform(read) as Coercion<T>;

/** Text as the provider sent it; anything that is not non-empty text is absent. */
export const wireText = coercion((v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null));

/** A code that may arrive as text or as a number (kept as text). */
export const wireCode = coercion((v: unknown): string | null => {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return typeof v === "string" && v.length > 0 ? v : null;
});

/** A non-negative whole quantity, from a number or a numeric string; anything else is absent. */
export const wireQuantity = coercion((v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? Math.trunc(n) : null;
});

/** A decimal amount kept as its exact text (a double would round `12.3456789012345678`); an exponent (`1.5E3`) is kept as written. */
export const wireDecimal = coercion((v: unknown): string | null => {
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v)) return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
});

/** A yes/no flag in any of the spellings providers use (true, 1, "1", "Y", "true"); else absent. */
export const wireFlag = coercion((v: unknown): boolean | null => {
  if (typeof v === "boolean") return v;
  if (v === 1 || v === "1" || v === "Y" || v === "y" || v === "true") return true;
  if (v === 0 || v === -1 || v === "0" || v === "-1" || v === "N" || v === "n" || v === "false") return false;
  return null;
});

/** A list whose items that do not parse are left out (one odd line does not lose the order). */
export function wireListOf<T extends z.ZodType>(item: T) {
  return coercion((v: unknown): z.output<T>[] => {
    if (!Array.isArray(v)) return [];
    return v.flatMap((x) => {
      const parsed = item.safeParse(x);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    });
  });
}

/**
 * A list when present (a list of another shape is the provider's fault and fails the answer); null
 * when absent, since "no list" differs from "empty". An entry not of the item's shape is left out.
 */
export function wireOptionalListOf<T extends z.ZodType>(item: T) {
  const list = wireListOf(item);
  return z
    .array(z.unknown())
    .nullish()
    .transform((v): z.output<T>[] | null => (v == null ? null : list.parse(v)));
}

/** As wireOptionalListOf, absent read as empty. */
export function wireRequiredShapeListOf<T extends z.ZodType>(item: T) {
  const list = wireListOf(item);
  return z
    .array(z.unknown())
    .nullish()
    .transform((v): z.output<T>[] => list.parse(v ?? []));
}

/** An answer through its schema; an answer of another shape is the provider's fault, retryable. */
export function parseWire<T extends z.ZodType>(schema: T, value: unknown, provider: ReturnProvider, account: string, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.output<T>;
  const where = parsed.error.issues[0]?.path.join(".") || "(root)";
  throw new ProviderUnavailableError(provider, account, `the ${what} has an unexpected shape (at ${where})`, true);
}
