/** What `load()` returns: the cursor (undefined before the first save) and its version (0 = never saved). */
export interface StoredCursor {
  cursor: string | undefined;
  version: number;
}

export type SaveResult = { ok: true; version: number } | { ok: false; conflict: true; version: number };

export interface LeaseRequest {
  /** Who asks (stable per process). */
  owner: string;
  ttlMs: number;
  /** The sensor clock's now (epoch ms): stores never read the system clock. */
  now: number;
}

/**
 * Compare-and-set storage for a sensor cursor, plus a lease so that only one of several replicas ticks.
 * Back it with any database: `save` must write only if the stored version still equals
 * `expectedVersion`, and answer the new version (or a conflict) atomically.
 */
export interface CursorStore {
  load(): Promise<StoredCursor>;
  save(cursor: string, expectedVersion: number): Promise<SaveResult>;
  /** Takes the lease if it is free, expired or already `owner`'s (then renews it); false when another owner holds it. */
  acquireLease(request: LeaseRequest): Promise<boolean>;
  /** Gives the lease up if `owner` holds it. */
  releaseLease(owner: string): Promise<void>;
}

export interface LeaseState {
  owner: string;
  expiresAt: number;
}

/** The one lease rule every store applies. */
export function leaseAvailable(lease: LeaseState | null | undefined, request: LeaseRequest): boolean {
  return !lease || lease.owner === request.owner || lease.expiresAt <= request.now;
}
