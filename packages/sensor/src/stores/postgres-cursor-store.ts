import { DbtCloudCursorStoreError } from "../errors.js";
import type { CursorStore, LeaseRequest, SaveResult, StoredCursor } from "./cursor-store.js";
import { checkCursorText, checkLeaseRequest, checkVersion } from "./store-input.js";

/** The part of a `pg` Pool / Client (or PGlite, through a one-line adapter) the store uses. */
export type PgQuery = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface PostgresCursorStoreOptions {
  /** `pool.query.bind(pool)` with `pg`, or any function with its shape. */
  query: PgQuery;
  /** Row key: one row per sensor (default `"default"`; use `sensor.name` when several sensors share a table). */
  key?: string | undefined;
  /** Table name, created if missing (default `dbt_cloud_kit_sensor_cursors`; may be schema-qualified). */
  table?: string | undefined;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

/**
 * Cursor and lease in one Postgres row, for deployments with several replicas. Compare-and-set is one
 * `UPDATE … WHERE version = $expected RETURNING`; the lease is one conditional `UPDATE`. Lease times
 * come from the sensor's clock (passed in), not from the database's `now()`.
 */
export class PostgresCursorStore implements CursorStore {
  readonly key: string;
  readonly table: string;
  readonly #query: PgQuery;
  #ready: Promise<void> | undefined;

  constructor(options: PostgresCursorStoreOptions) {
    if (typeof options?.query !== "function") {
      throw new DbtCloudCursorStoreError(
        "query: expected a pg-compatible query(sql, params) function, e.g. pool.query.bind(pool) with a pg Pool.",
      );
    }
    const key = options.key ?? "default";
    if (typeof key !== "string" || key === "" || key.length > 200) {
      throw new DbtCloudCursorStoreError("key: expected a non-empty string of at most 200 characters.");
    }
    const table = options.table ?? "dbt_cloud_kit_sensor_cursors";
    if (typeof table !== "string" || !IDENTIFIER.test(table)) {
      throw new DbtCloudCursorStoreError(
        `table: ${JSON.stringify(table)} is not a lower-case SQL identifier (letters, digits, _; optionally schema.table).`,
      );
    }
    this.#query = options.query;
    this.key = key;
    this.table = table;
  }

  async load(): Promise<StoredCursor> {
    const rows = await this.#run("SELECT cursor, version FROM %t WHERE key = $1", [this.key]);
    const row = rows[0];
    if (!row) return { cursor: undefined, version: 0 };
    return { cursor: typeof row.cursor === "string" ? row.cursor : undefined, version: Number(row.version) };
  }

  async save(cursor: string, expectedVersion: number): Promise<SaveResult> {
    checkCursorText(cursor);
    checkVersion(expectedVersion);
    await this.#ensureRow();
    const rows = await this.#run(
      "UPDATE %t SET cursor = $2, version = version + 1 WHERE key = $1 AND version = $3 RETURNING version",
      [this.key, cursor, expectedVersion],
    );
    if (rows[0]) return { ok: true, version: Number(rows[0].version) };
    return { ok: false, conflict: true, version: (await this.load()).version };
  }

  async acquireLease(request: LeaseRequest): Promise<boolean> {
    checkLeaseRequest(request);
    await this.#ensureRow();
    const rows = await this.#run(
      `UPDATE %t SET lease_owner = $2, lease_expires_at = $3
       WHERE key = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expires_at <= $4)
       RETURNING key`,
      [this.key, request.owner, request.now + request.ttlMs, request.now],
    );
    return rows.length === 1;
  }

  async releaseLease(owner: string): Promise<void> {
    await this.#run(
      "UPDATE %t SET lease_owner = NULL, lease_expires_at = NULL WHERE key = $1 AND lease_owner = $2",
      [this.key, owner],
    );
  }

  async #ensureRow(): Promise<void> {
    await this.#run(
      "INSERT INTO %t (key, cursor, version) VALUES ($1, NULL, 0) ON CONFLICT (key) DO NOTHING",
      [this.key],
    );
  }

  #ensureTable(): Promise<void> {
    if (!this.#ready) {
      const create = `CREATE TABLE IF NOT EXISTS ${this.table} (
        key text PRIMARY KEY,
        cursor text,
        version bigint NOT NULL DEFAULT 0,
        lease_owner text,
        lease_expires_at bigint
      )`;
      this.#ready = this.#query(create)
        .catch(async (error: unknown) => {
          // Two replicas creating the table at once: one loses a race on the catalog; the table exists now.
          if (
            (error as { code?: string }).code === "23505" ||
            (error as { code?: string }).code === "42P07"
          ) {
            await this.#query(`SELECT 1 FROM ${this.table} LIMIT 1`);
            return;
          }
          throw error;
        })
        .then(() => undefined);
      this.#ready.catch(() => {
        this.#ready = undefined;
      });
    }
    return this.#ready;
  }

  async #run(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    try {
      await this.#ensureTable();
      const result = await this.#query(sql.replaceAll("%t", this.table), params);
      if (!result || !Array.isArray(result.rows)) {
        throw new DbtCloudCursorStoreError(
          "query() must resolve to an object with a rows array, as pg does.",
        );
      }
      return result.rows;
    } catch (error) {
      if (error instanceof DbtCloudCursorStoreError) throw error;
      throw new DbtCloudCursorStoreError(
        `Postgres cursor store (${this.table}, key ${JSON.stringify(this.key)}) failed: ${(error as Error)?.message ?? String(error)}`,
        { cause: error },
      );
    }
  }
}
