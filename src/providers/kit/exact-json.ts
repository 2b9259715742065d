// A JSON text's tokens: whole strings (so digits inside them are never touched) or number literals.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * Anything that could be a number a double would not print back as written: 16 or more digits
 * (or digits and a point), a fraction ending in 0, an exponent, six zeros after the point
 * (below 1e-6 a double prints in exponent form), or a negative zero. It may also match inside
 * strings: then the text is only read the careful way.
 */
const MAY_NEED_TEXT = /\d[\d.]{15}|\.\d*0(?!\d)|\d[eE]|\.0{6}|-0(?![.\d])/;

/**
 * JSON.parse, except that a number a double would not reproduce exactly (`12.50`, a 20-digit id)
 * is kept as its text. Node 20's reviver has no access to the source text, and an amount must
 * reach the client as the provider wrote it. Every other number stays a number. Throws on
 * invalid JSON, as JSON.parse does.
 */
export function parseJsonExact(text: string): unknown {
  if (!MAY_NEED_TEXT.test(text)) return JSON.parse(text);
  return JSON.parse(text.replace(TOKEN, (token) => (token.startsWith('"') || String(Number(token)) === token ? token : `"${token}"`)));
}
