import type { Sql } from "./sql.js";

/**
 * The sequence of the newest event committed so far (0 before the first). Sequences follow commit
 * order (migration 3), so every event numbered up to it is already visible: a reader starting
 * after it misses nothing that commits later.
 */
export async function feedHead(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ head: string | number }>("SELECT COALESCE(max(seq), 0) AS head FROM return_order_events");
  return Number(row!.head);
}
