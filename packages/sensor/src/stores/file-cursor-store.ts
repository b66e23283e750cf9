import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { DbtCloudCursorStoreError } from "../errors.js";
import {
  type CursorStore,
  type LeaseRequest,
  type LeaseState,
  leaseAvailable,
  type SaveResult,
  type StoredCursor,
} from "./cursor-store.js";
import { withFileLock } from "./file-lock.js";
import { checkCursorText, checkLeaseRequest, checkVersion } from "./store-input.js";

const FORMAT = "dbt-cloud-kit/cursor-file";

interface FileState {
  version: number;
  cursor: string | undefined;
  lease: LeaseState | null;
}

/**
 * A cursor in one JSON file (cursor, version and lease together). Every change is a locked
 * read-compare-write, written to a temp file, flushed and renamed over the old one, so a crash at any
 * point leaves either the old or the new file, never a torn one. For one host (a VM, a CI runner with
 * the file cached between runs); use `PostgresCursorStore` across machines.
 */
export class FileCursorStore implements CursorStore {
  readonly path: string;

  constructor(path: string) {
    if (typeof path !== "string" || path.trim() === "") {
      throw new DbtCloudCursorStoreError(
        "path: expected the cursor file's path, e.g. .dbt-cloud-sensor/cursor.json.",
      );
    }
    this.path = resolve(path);
  }

  async load(): Promise<StoredCursor> {
    const state = await this.#read();
    return { cursor: state.cursor, version: state.version };
  }

  async save(cursor: string, expectedVersion: number): Promise<SaveResult> {
    checkCursorText(cursor);
    checkVersion(expectedVersion);
    return this.#update<SaveResult>((state) => {
      if (state.version !== expectedVersion)
        return { result: { ok: false, conflict: true, version: state.version } };
      const version = state.version + 1;
      return { next: { ...state, version, cursor }, result: { ok: true, version } };
    });
  }

  async acquireLease(request: LeaseRequest): Promise<boolean> {
    checkLeaseRequest(request);
    return this.#update((state) => {
      if (!leaseAvailable(state.lease, request)) return { result: false };
      return {
        next: { ...state, lease: { owner: request.owner, expiresAt: request.now + request.ttlMs } },
        result: true,
      };
    });
  }

  async releaseLease(owner: string): Promise<void> {
    await this.#update((state) =>
      state.lease?.owner === owner
        ? { next: { ...state, lease: null }, result: undefined }
        : { result: undefined },
    );
  }

  async #update<T>(change: (state: FileState) => { next?: FileState; result: T }): Promise<T> {
    await mkdir(dirname(this.path), { recursive: true });
    return withFileLock(this.path, async () => {
      const { next, result } = change(await this.#read());
      if (next) await this.#write(next);
      return result;
    });
  }

  async #read(): Promise<FileState> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        return { version: 0, cursor: undefined, lease: null };
      throw new DbtCloudCursorStoreError(
        `Could not read the cursor file ${this.path}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const bad = (problem: string, cause?: unknown) =>
      new DbtCloudCursorStoreError(
        `The cursor file ${this.path} ${problem}. It was not written by FileCursorStore; move it away to start over.`,
        cause === undefined ? undefined : { cause },
      );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw bad("is not JSON", error);
    }
    const f = json as { format?: unknown; version?: unknown; cursor?: unknown; lease?: unknown };
    if (typeof json !== "object" || json === null || f.format !== FORMAT)
      throw bad(`has no "format": "${FORMAT}"`);
    if (typeof f.version !== "number" || !Number.isSafeInteger(f.version) || f.version < 0)
      throw bad("has a bad version");
    if (f.cursor !== undefined && f.cursor !== null && typeof f.cursor !== "string")
      throw bad("has a bad cursor");
    const lease = f.lease as Partial<LeaseState> | null | undefined;
    const leaseOk =
      lease === null ||
      lease === undefined ||
      (typeof lease === "object" && typeof lease.owner === "string" && typeof lease.expiresAt === "number");
    if (!leaseOk) throw bad("has a bad lease");
    return {
      version: f.version,
      cursor: typeof f.cursor === "string" ? f.cursor : undefined,
      lease: lease ? { owner: lease.owner as string, expiresAt: lease.expiresAt as number } : null,
    };
  }

  async #write(state: FileState): Promise<void> {
    const temp = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
    const body = JSON.stringify({
      format: FORMAT,
      version: state.version,
      cursor: state.cursor ?? null,
      lease: state.lease,
    });
    try {
      const handle = await open(temp, "w", 0o600);
      try {
        await handle.writeFile(body, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new DbtCloudCursorStoreError(
        `Could not write the cursor file ${this.path}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    // Make the rename itself durable where the platform allows it.
    const dir = await open(dirname(this.path), "r").catch(() => undefined);
    await dir?.sync().catch(() => undefined);
    await dir?.close().catch(() => undefined);
  }
}
