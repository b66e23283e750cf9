import {
  type CursorStore,
  type LeaseRequest,
  type LeaseState,
  leaseAvailable,
  type SaveResult,
  type StoredCursor,
} from "./cursor-store.js";
import { checkCursorText, checkLeaseRequest, checkVersion } from "./store-input.js";

/** In-process store (tests, a single long-running process that may start from scratch after a restart). */
export class MemoryCursorStore implements CursorStore {
  #cursor: string | undefined;
  #version = 0;
  #lease: LeaseState | undefined;

  constructor(initial?: string) {
    if (initial !== undefined) {
      this.#cursor = checkCursorText(initial);
      this.#version = 1;
    }
  }

  async load(): Promise<StoredCursor> {
    return { cursor: this.#cursor, version: this.#version };
  }

  async save(cursor: string, expectedVersion: number): Promise<SaveResult> {
    checkCursorText(cursor);
    checkVersion(expectedVersion);
    if (expectedVersion !== this.#version) return { ok: false, conflict: true, version: this.#version };
    this.#cursor = cursor;
    this.#version += 1;
    return { ok: true, version: this.#version };
  }

  async acquireLease(request: LeaseRequest): Promise<boolean> {
    checkLeaseRequest(request);
    if (!leaseAvailable(this.#lease, request)) return false;
    this.#lease = { owner: request.owner, expiresAt: request.now + request.ttlMs };
    return true;
  }

  async releaseLease(owner: string): Promise<void> {
    if (this.#lease?.owner === owner) this.#lease = undefined;
  }
}
