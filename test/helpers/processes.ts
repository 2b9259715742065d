import { readdirSync, readFileSync } from "node:fs";
import { procStat } from "../../src/store/lock.js";

/** Alive and not a zombie: a killed process nobody reaps (an orphan here) still answers kill(pid, 0). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const state = procStat(pid)?.state;
  return state !== "Z" && state !== "X";
}

/** The running processes of a process group, with their command lines (Linux /proc). */
export function groupMembers(pgid: number): { pid: number; command: string }[] {
  const members: { pid: number; command: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const group = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      const pid = Number(entry);
      if (group !== pgid || !isRunning(pid)) continue;
      members.push({ pid, command: readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim() });
    } catch {
      // Gone meanwhile.
    }
  }
  return members;
}

/** Polls until `done` holds or `ms` pass; whether it held. */
export async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
