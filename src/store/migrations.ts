import type { Sql } from "./sql.js";

// Versioned, append-only. Never edit a released migration: add the next one.
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "orders, events, idempotency",
    sql: `
      CREATE TABLE return_orders (
        provider           text        NOT NULL,
        account            text        NOT NULL,
        provider_order_no  text        NOT NULL,
        reference_no       text,
        created_at         timestamptz,
        status             text        NOT NULL,
        provider_status    text        NOT NULL,
        -- the last unified snapshot; the record itself for providers without a read API
        snapshot           jsonb,
        -- the provider's own last payload, where a later round trip needs it
        raw                jsonb,
        seen_at            timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, account, provider_order_no)
      );
      CREATE INDEX return_orders_by_reference ON return_orders (provider, account, reference_no);
      CREATE INDEX return_orders_by_number ON return_orders (provider, provider_order_no);
      CREATE INDEX return_orders_newest ON return_orders (provider, account, created_at DESC, provider_order_no DESC);

      CREATE TABLE return_order_events (
        id                 bigserial   PRIMARY KEY,
        provider           text        NOT NULL,
        account            text        NOT NULL,
        provider_order_no  text        NOT NULL,
        status             text        NOT NULL,
        provider_status    text        NOT NULL,
        source             text        NOT NULL,
        at                 timestamptz NOT NULL,
        recorded_at        timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider, account, provider_order_no, provider_status, at)
      );

      CREATE TABLE idempotency_keys (
        key           text        PRIMARY KEY,
        request_hash  text        NOT NULL,
        state         text        NOT NULL CHECK (state IN ('pending', 'completed')),
        provider      text        NOT NULL,
        account       text        NOT NULL,
        reference     text,
        result        jsonb,
        locked_until  timestamptz NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL
      );
      CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

      CREATE TABLE webhook_receipts (
        provider     text        NOT NULL,
        dedupe_key   text        NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, dedupe_key)
      );
    `,
  },
  {
    version: 2,
    name: "idempotency records owned by their caller; orders claimed by the create that made them",
    sql: `
      -- Keys were "sub:<subject>:<key>" (ambiguous when either holds ':') or the trusted caller's raw
      -- key; now "sub:<length of subject>:<subject>:<key>" and "trusted:<key>". Records made before
      -- are renamed on the likeliest reading (a subject without ':'), so a retry across the upgrade
      -- still finds its record. Their reference is what the old version sent (seller reference,
      -- raw key or a code derived from it), which the resume logic still reads as a reference.
      UPDATE idempotency_keys SET key = CASE
        WHEN key LIKE 'sub:%' THEN 'sub:' || length(split_part(substr(key, 5), ':', 1)) || ':' || substr(key, 5)
        ELSE 'trusted:' || key
      END;

      -- Who holds a pending record's lease (one attempt; renewed while it runs), and the seller's
      -- reference, so a resumed create can see other creates of returns for the same sales order.
      ALTER TABLE idempotency_keys ADD COLUMN lease_holder text;
      ALTER TABLE idempotency_keys ADD COLUMN seller_reference text;
      CREATE INDEX idempotency_keys_pending_by_reference ON idempotency_keys (provider, account, seller_reference) WHERE state = 'pending';

      -- Which create made an order (its idempotency record's key; null for a create without one),
      -- so a resumed create never takes an order another create made.
      CREATE TABLE created_orders (
        provider           text        NOT NULL,
        account            text        NOT NULL,
        provider_order_no  text        NOT NULL,
        created_by         text,
        claimed_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, account, provider_order_no)
      );
      CREATE INDEX created_orders_age ON created_orders (claimed_at);
    `,
  },
  {
    version: 3,
    name: "events in commit order: the change feed's sequence, previous status and cancel reason",
    sql: `
      -- The feed pages by \`seq\`, so a reader that has seen an event must already be able to see
      -- every event with a lower number. A bigserial does not give that: numbers are taken at
      -- insert, and a transaction that took a lower number can commit after one that took a
      -- higher number (the reader that saw the higher one then skips the lower one for good).
      -- Here the number is taken from one counter row by a trigger deferred to commit: the row lock
      -- is held from that update until the transaction ends, so whoever takes the next number
      -- waits until the holder is committed (and visible), and numbers follow commit order. The
      -- lock is the last one a writing transaction takes and is held only through its commit, so
      -- writers queue only for that moment and cannot deadlock on it (the holder waits on nothing).
      -- A rolled-back transaction rolls its numbers back: none is lost either. Writers run at READ
      -- COMMITTED (the default here): under a stricter isolation the counter update would fail
      -- with a serialisation error whenever another writer committed since the transaction began.
      -- A visibility horizon (transaction ids below the snapshot's xmin) would also be sound, but
      -- holds every reader back behind the oldest open transaction anywhere in the database and
      -- needs a two-part cursor; one counter keeps a plain number that subscribers can compare.
      -- The same statements work on PGlite (one connection: everything is in order anyway).
      ALTER TABLE return_order_events ADD COLUMN seq bigint;
      -- The order's status at its previous event (null for its first one), fixed when the number is.
      ALTER TABLE return_order_events ADD COLUMN previous_status text;
      -- Why the caller cancelled (or otherwise changed) the order, as given to the mutation.
      ALTER TABLE return_order_events ADD COLUMN reason text;

      CREATE TABLE return_order_event_sequence (
        only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        last      bigint  NOT NULL
      );

      -- Events so far, numbered in the order they were inserted.
      WITH numbered AS (
        SELECT id, row_number() OVER (ORDER BY id) AS n,
               lag(status) OVER (PARTITION BY provider, account, provider_order_no ORDER BY id) AS previous
        FROM return_order_events
      )
      UPDATE return_order_events e SET seq = numbered.n, previous_status = numbered.previous
      FROM numbered WHERE numbered.id = e.id;
      INSERT INTO return_order_event_sequence (last) SELECT COALESCE(max(seq), 0) FROM return_order_events;

      CREATE UNIQUE INDEX return_order_events_feed ON return_order_events (seq);
      CREATE INDEX return_order_events_by_order ON return_order_events (provider, account, provider_order_no, seq);

      -- Rows still without a number are this transaction's own: every committed row has one.
      CREATE INDEX return_order_events_unnumbered ON return_order_events (id) WHERE seq IS NULL;

      -- Fires once per inserted row at commit; the first firing numbers all of the transaction's
      -- rows at once (in insertion order) and the others find theirs done.
      CREATE FUNCTION return_order_event_number() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        pending bigint;
        top bigint;
      BEGIN
        IF (SELECT seq FROM return_order_events WHERE id = NEW.id) IS NOT NULL THEN
          RETURN NULL;
        END IF;
        SELECT count(*) INTO pending FROM return_order_events WHERE seq IS NULL;
        UPDATE return_order_event_sequence SET last = last + pending RETURNING last INTO top;
        -- From here on every lower number is committed or this transaction's: the previous status
        -- is the order's latest numbered event, or its own event just before in this transaction.
        WITH mine AS (
          SELECT id, provider, account, provider_order_no,
                 row_number() OVER (ORDER BY id) AS n,
                 lag(status) OVER (PARTITION BY provider, account, provider_order_no ORDER BY id) AS previous_here,
                 lag(id) OVER (PARTITION BY provider, account, provider_order_no ORDER BY id) AS previous_id
          FROM return_order_events WHERE seq IS NULL
        )
        UPDATE return_order_events e SET
          seq = top - pending + mine.n,
          previous_status = CASE WHEN mine.previous_id IS NOT NULL THEN mine.previous_here ELSE (
            SELECT p.status FROM return_order_events p
            WHERE p.provider = mine.provider AND p.account = mine.account AND p.provider_order_no = mine.provider_order_no
              AND p.seq IS NOT NULL
            ORDER BY p.seq DESC LIMIT 1
          ) END
        FROM mine WHERE e.id = mine.id;
        RETURN NULL;
      END
      $$;
      CREATE CONSTRAINT TRIGGER return_order_events_number AFTER INSERT ON return_order_events
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION return_order_event_number();
      `,
  },
  {
    version: 4,
    name: "sync: one lease and one watermark per provider account",
    sql: `
      -- Which replica polls an account now (holder, until its lease runs out; renewed while it
      -- runs), when the last run started and ended, and the watermark: when the last successful
      -- run started, so a restart resumes from there.
      CREATE TABLE sync_accounts (
        provider        text        NOT NULL,
        account         text        NOT NULL,
        holder          text,
        lease_until     timestamptz,
        run_started_at  timestamptz,
        run_ended_at    timestamptz,
        synced_at       timestamptz,
        last_error      text,
        last_error_at   timestamptz,
        last_run_calls  integer,
        PRIMARY KEY (provider, account)
      );
      -- The orders a sync reads again (known, not final), least recently seen first.
      CREATE INDEX return_orders_open_by_seen ON return_orders (provider, account, seen_at)
        WHERE status NOT IN ('COMPLETED', 'CANCELLED');
    `,
  },
  {
    version: 5,
    name: "what the subgraph sent to the provider, merged under what the provider reports",
    sql: `
      -- The unified fields of the last create or update as this subgraph sent them (sender, lines,
      -- numbers): a provider whose reads leave some out (one reports only the buyer's name) still
      -- shows them. Null for orders made elsewhere.
      ALTER TABLE return_orders ADD COLUMN sent jsonb;
    `,
  },
];

/** Applies what is missing, under an advisory lock so replicas starting together do it once. */
export async function migrate(sql: Sql): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(727274001)");
    await tx.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set((await tx.query<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => Number(r.version)));
    const applied: number[] = [];
    // In version order, whatever order branches appended them in.
    for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
