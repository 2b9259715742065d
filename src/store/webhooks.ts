import type { ReturnProvider } from "../returns/model.js";
import type { SqlTx } from "./sql.js";

/**
 * Push deduplication: a provider's push key (its push id, or a hash of the push's content) is
 * claimed once. Claim inside the same transaction as the push's effects, so a failed apply
 * releases the claim and the provider's retry is processed.
 */
export class WebhookReceipts {
  constructor(private readonly sql: SqlTx) {}

  async claim(provider: ReturnProvider, dedupeKey: string, tx: SqlTx = this.sql): Promise<boolean> {
    const rows = await tx.query("INSERT INTO webhook_receipts (provider, dedupe_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING dedupe_key", [
      provider,
      dedupeKey,
    ]);
    return rows.length > 0;
  }
}
