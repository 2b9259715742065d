// A JSON text's tokens: whole strings (so digits inside them are never touched) or number literals.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * JSON.parse, except that a number a double would not reproduce exactly (`12.50`, a 20-digit id)
 * is kept as its text. Node 20's reviver has no access to the source text, and an amount must
 * reach the client as the provider wrote it. Every other number stays a number. Throws on
 * invalid JSON, as JSON.parse does.
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text.replace(TOKEN, (token) => (token.startsWith('"') || String(Number(token)) === token ? token : `"${token}"`)));
}
