/**
 * The shape of the field-coverage tables (issue 17): for every field a provider's seed document
 * names, where it travels in GraphQL or why it deliberately does not. One table per provider lives
 * beside this file (`<provider>.ts`, exporting a `ProviderCoverage`); `coverage.test.ts` walks them.
 */
export type SeedOperation = "create" | "update" | "cancel" | "query" | "push";

/** A field as the seed documents it: `field` is its dotted path in the seed's request or answer (`items.barcode`). */
export interface DocumentedField {
  operation: SeedOperation;
  field: string;
}

/**
 * `graphql`: the path it travels on, starting at a type of the emitted schema, one field per
 * segment, a union member named where the path crosses a union — for example
 * `ReturnOrderCreateInput.lines.sku` or `ReturnOrder.details.WinitReturnDetails.rmaNo`. Several
 * paths when it travels both ways (set on create, read on the order).
 * `notCarried`: why it is deliberately not carried (shown in the README's list).
 */
export type CoverageRow = DocumentedField & ({ graphql: string[]; notCarried?: never } | { notCarried: string; graphql?: never });

export interface ProviderCoverage {
  /** File names under `../shared/seeds/` this table covers. */
  seeds: string[];
  /** Every field the seeds document, read from their text (not typed by hand), so a field left out of `rows` fails the test. */
  documented(seedTexts: Record<string, string>): DocumentedField[];
  rows: CoverageRow[];
}
