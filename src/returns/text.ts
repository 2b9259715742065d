// NUL and unpaired UTF-16 surrogates: no provider protocol (XML, signed JSON, forms) and no
// PostgreSQL text or jsonb value can carry them faithfully.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNREPRESENTABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function isRepresentableText(text: string): boolean {
  UNREPRESENTABLE.lastIndex = 0;
  return !UNREPRESENTABLE.test(text);
}

/** The text with each unrepresentable character replaced by U+FFFD. */
export function representable(text: string): string {
  return text.replace(UNREPRESENTABLE, "\ufffd");
}
