import type { Socket } from "node:net";
import type { Express, NextFunction, Request, RequestHandler, Response } from "express";

export type FaultMode =
  | "none"
  | "latency"
  | "5xx"
  | "timeout"
  | "reset"
  | "malformed"
  | "wrong-envelope"
  | "rate-limit"
  /** An answer far larger than any client should read, streamed without a length until the client goes away. */
  | "oversized"
  /** The handler runs (an order may be created), then the answer is lost: the connection is cut. */
  | "reset-after"
  /** The handler runs, then the answer is never sent: the caller times out. */
  | "timeout-after"
  /** The handler runs, and its answer is rewritten by the fault's `reshape` (a shape the provider was not expected to send). */
  | "reshaped";

/** What a fault's `when` sees of a request (the raw body text, as the emulator received it). */
export interface FaultRequest {
  method: string;
  /** Path and query string. */
  url: string;
  body: string;
}

export interface FaultOptions {
  latencyMs?: number;
  /** For "reshaped": the answer's text as sent instead of the handler's. */
  reshape?: (body: string) => string;
  /** The size of the "oversized" answer. */
  oversizedBytes?: number;
  /** How many matching requests the fault hits before it turns itself off. */
  times?: number;
  /** Only requests this accepts meet the fault (e.g. one provider operation); others pass untouched. */
  when?: (request: FaultRequest) => boolean;
}

export const OVERSIZED_ANSWER_BYTES = 64 * 1024 * 1024;
const OVERSIZED_CHUNK = Buffer.alloc(64 * 1024, " ");

function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Streams `faults.oversizedBytes` of filler after a JSON opening, waiting for the socket to drain, and stops when the client leaves. */
async function sendOversized(res: Response, faults: FaultSwitch): Promise<void> {
  res.status(200).type("application/json");
  let gone = false;
  res.once("close", () => (gone = true));
  res.write('{"code":"0","data":"');
  let left = faults.oversizedBytes;
  while (left > 0 && !gone) {
    const chunk = left < OVERSIZED_CHUNK.length ? OVERSIZED_CHUNK.subarray(0, left) : OVERSIZED_CHUNK;
    left -= chunk.length;
    const flushed = res.write(chunk, (error?: Error | null) => {
      if (!error) faults.oversizedWritten += chunk.length;
    });
    if (!flushed && !gone) await drainedOrClosed(res);
  }
  if (!gone) res.end('"}');
}

/**
 * A fault switch in front of an emulator, flipped by tests: every request meets the current fault
 * before the emulator's own handler (the "-after" modes: after it). `remaining` limits how many
 * requests it hits (then it turns off).
 */
export class FaultSwitch {
  mode: FaultMode = "none";
  latencyMs = 0;
  remaining = Number.POSITIVE_INFINITY;
  hits = 0;
  reshape: (body: string) => string = (body) => body;
  oversizedBytes = OVERSIZED_ANSWER_BYTES;
  /** Bytes of "oversized" answers actually written to the socket: far fewer than asked when the client cuts them off. */
  oversizedWritten = 0;
  when: ((request: FaultRequest) => boolean) | null = null;
  /** Sockets of requests the "timeout" faults never answer; the emulator's close destroys them. */
  readonly held = new Set<Socket>();

  set(mode: FaultMode, options: FaultOptions = {}): void {
    this.mode = mode;
    this.latencyMs = options.latencyMs ?? (mode === "latency" ? 50 : 0);
    this.remaining = options.times ?? Number.POSITIVE_INFINITY;
    this.when = options.when ?? null;
    this.reshape = options.reshape ?? ((body) => body);
    this.oversizedBytes = options.oversizedBytes ?? OVERSIZED_ANSWER_BYTES;
    this.oversizedWritten = 0;
  }

  hold(socket: Socket): void {
    this.held.add(socket);
    socket.once("close", () => this.held.delete(socket));
  }

  clear(): void {
    this.set("none");
  }

  /** Adds latency to every answer without failing it (benchmarks: a realistic provider). */
  delay(latencyMs: number): void {
    this.set("latency", { latencyMs });
  }

  /** The middleware to put in front of an emulator's routes (its `before`). */
  middleware(): RequestHandler {
    return (req, res, next) => this.meet(req, res, next);
  }

  private async meet(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (this.mode === "none" || this.remaining <= 0) return next();
    if (this.when && !this.when({ method: req.method, url: req.originalUrl, body: typeof req.body === "string" ? req.body : "" })) return next();
    this.remaining--;
    this.hits++;
    const mode = this.mode;
    switch (mode) {
      case "latency":
        await new Promise((r) => setTimeout(r, this.latencyMs));
        return next();
      case "5xx":
        res.status(503).type("text/html").send("<html><body>503 Service Temporarily Unavailable</body></html>");
        return;
      case "timeout":
        // Never answers; the socket is closed when the emulator stops.
        this.hold(req.socket);
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "malformed":
        res.status(200).type("application/json").send('{"code":"0","data":{"list":[{"returnGo');
        return;
      case "wrong-envelope":
        res.status(200).type("application/json").send('{"status":"OK","payload":[]}');
        return;
      case "oversized":
        await sendOversized(res, this);
        return;
      case "rate-limit":
        res.status(429).set("retry-after", "1").type("application/json").send('{"message":"Too Many Requests"}');
        return;
      case "reshaped": {
        const send = res.send.bind(res);
        res.send = ((body: unknown) => send(this.reshape(Buffer.isBuffer(body) ? body.toString("utf8") : String(body)))) as typeof res.send;
        return next();
      }
      case "reset-after":
      case "timeout-after": {
        // The handler does its work; whatever it answers is swallowed and the connection dies or hangs.
        const socket = req.socket;
        res.end = (() => {
          if (mode === "reset-after") socket.destroy();
          else this.hold(socket);
          return res;
        }) as typeof res.end;
        return next();
      }
    }
  }
}

/** Makes `faultsOf(app)` find the switch that sits in front of an emulator's app. */
export function attachFaults(app: Express, faults: FaultSwitch): FaultSwitch {
  app.locals["faults"] = faults;
  return faults;
}

export function faultsOf(app: Express): FaultSwitch {
  const faults = app.locals["faults"] as FaultSwitch | undefined;
  if (!faults) throw new Error("this emulator was started without a fault switch (pass a FaultSwitch's middleware as `before`)");
  return faults;
}
