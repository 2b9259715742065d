import { linkSync, readFileSync, readlinkSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/** How often a holder touches its lock file: the heartbeat that shows it alive to other hosts and namespaces. */
export const LOCK_HEARTBEAT_MS = 5_000;
/** A lock from another host or pid namespace whose heartbeat is older than this is stale. */
export const LOCK_STALE_MS = 30_000;

/** The embedded store's directory already serves another process. */
export class StoreLockedError extends Error {
  readonly code = "STORE_LOCKED";
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | undefined,
    readonly lockFile: string,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by ${holderPid ? `process ${holderPid}` : "another process"} (lock file ${lockFile}). ` +
        "One embedded store serves one process: stop that process first, or set DATABASE_URL to share a PostgreSQL server between processes.",
    );
  }
}

export interface DirectoryLock {
  readonly file: string;
  release(): void;
}

interface LockRecord {
  pid: number;
  /** The holder's start time as the kernel counts it; tells a reused pid from the holder. Null without /proc. */
  start: string | null;
  /** The holder's host and pid namespace: its pid means something only where both are ours. */
  host?: string;
  ns?: string | null;
}

/** This process's pid namespace (Linux), so that a pid in a lock file is read only where it means the same. */
function pidNamespace(): string | null {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return null;
  }
}

export const LOCK_FILE_NAME = "returns-subgraph.lock";

/** Locks held by this process: a second open here is refused too, though the pid in the file is ours. */
const heldHere = new Set<string>();

interface ProcStat {
  /** One letter: R, S, D, … Z for a zombie, X for dead. */
  state: string;
  start: string;
}

/** A process's state and start time from /proc (Linux); undefined where they cannot be read. */
export function procStat(pid: number | "self"): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in parentheses may hold spaces: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ? { state: fields[0]!, start: fields[19] } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the process named in a lock file still holds it: alive, and the same process that wrote it.
 * A holder on another host or in another pid namespace (another container on one volume) cannot be
 * asked by its pid: it holds the lock while its heartbeat is fresh.
 */
function holdsLock(record: LockRecord, file: string): boolean {
  const elsewhere = (record.host !== undefined && record.host !== hostname()) || (record.ns != null && pidNamespace() !== null && record.ns !== pidNamespace());
  if (elsewhere) return heartbeatAge(file) < LOCK_STALE_MS;
  // Our own pid in a file we did not write: a previous life of this process's pid, killed before it could clean up.
  if (record.pid === process.pid) return false;
  if (!isAlive(record.pid)) return false;
  const stat = procStat(record.pid);
  // A killed process nobody has reaped still answers kill(pid, 0).
  if (stat && (stat.state === "Z" || stat.state === "X")) return false;
  return record.start === null || stat === undefined || stat.start === record.start;
}

/** Creates `file` with its whole content at once, or returns false when it exists. */
function createWith(file: string, content: string): boolean {
  // Written aside and linked into place: nobody ever reads a lock file half written.
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, content);
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function heartbeatAge(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LockRecord>;
    if (!Number.isInteger(parsed.pid) || parsed.pid! <= 0) return undefined;
    return {
      pid: parsed.pid!,
      start: typeof parsed.start === "string" ? parsed.start : null,
      host: typeof parsed.host === "string" ? parsed.host : undefined,
      ns: typeof parsed.ns === "string" ? parsed.ns : null,
    };
  } catch {
    // Not a lock this code wrote: nobody holds it.
    return undefined;
  }
}

/**
 * Removes the stale lock that read `text`, and nothing else. A plain unlink could remove the fresh lock
 * of a process that took the stale one over a moment ago; moving it aside first shows which one it was,
 * and a fresh one is put back (the next look finds its holder alive).
 */
function removeStale(file: string, text: string): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  try {
    if (readText(aside) !== text) linkSync(aside, file);
  } catch {
    // A third process took the place meanwhile: the next look finds it.
  } finally {
    unlinkSync(aside);
  }
}

/**
 * Takes the directory for this process, as PostgreSQL's postmaster.pid does: a file created only if
 * absent, holding the pid and its start time. A file left by a dead process (a crash, `kill -9`) or by
 * a pid since reused is taken over; a live holder makes this throw StoreLockedError.
 */
export function lockDirectory(dataDir: string): DirectoryLock {
  const file = join(dataDir, LOCK_FILE_NAME);
  if (heldHere.has(file)) throw new StoreLockedError(dataDir, process.pid, file);
  const record: LockRecord = { pid: process.pid, start: procStat("self")?.start ?? null, host: hostname(), ns: pidNamespace() };
  for (let attempt = 0; !createWith(file, JSON.stringify(record)); attempt++) {
    const text = readText(file);
    const holder = text === undefined ? undefined : parseRecord(text);
    if (holder && holdsLock(holder, file)) throw new StoreLockedError(dataDir, holder.pid, file);
    // Stale files that keep coming back: another process is taking the directory right now.
    if (attempt === 3) throw new StoreLockedError(dataDir, holder?.pid, file);
    if (text !== undefined) removeStale(file, text);
  }
  heldHere.add(file);
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // Gone or unwritable: the next start sees an old heartbeat, as after a crash.
    }
  }, LOCK_HEARTBEAT_MS);
  heartbeat.unref();
  // An exit that skips close (a shutdown deadline, process.exit) still leaves the directory free.
  const onExit = () => release();
  process.once("exit", onExit);
  let released = false;
  function release() {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    heldHere.delete(file);
    process.removeListener("exit", onExit);
    try {
      // Only our own file: a stale-lock takeover by another process must not be undone.
      if (readText(file) === JSON.stringify(record)) unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
  return { file, release };
}
