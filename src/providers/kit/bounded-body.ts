import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";

/** The answer is larger than the caller accepts; nothing past the limit was kept. */
export class AnswerTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the answer is larger than ${limitBytes} bytes`);
  }
}

/**
 * Reads an answer's body as UTF-8 text, keeping at most `limitBytes`. A declared length over the
 * limit is refused before anything is read; a body that grows past it is destroyed on the chunk
 * that crosses it, so an endless or huge answer costs one chunk beyond the limit, not its size.
 */
export async function readBoundedText(body: Readable, headers: IncomingHttpHeaders, limitBytes: number): Promise<string> {
  const declared = Number(headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes) {
    body.destroy();
    throw new AnswerTooLargeError(limitBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > limitBytes) {
      body.destroy();
      throw new AnswerTooLargeError(limitBytes);
    }
    chunks.push(bytes);
  }
  // As undici's own `text()`: UTF-8 with a leading byte-order mark dropped.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}
