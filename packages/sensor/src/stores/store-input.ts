import { DbtCloudCursorStoreError } from "../errors.js";
import type { LeaseRequest } from "./cursor-store.js";

export function checkCursorText(cursor: unknown): string {
  if (typeof cursor !== "string" || cursor === "") {
    throw new DbtCloudCursorStoreError(
      `cursor: expected the non-empty string a tick returned, got ${typeof cursor === "string" ? "an empty string" : typeof cursor}.`,
    );
  }
  return cursor;
}

export function checkVersion(version: unknown): number {
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0) {
    throw new DbtCloudCursorStoreError(
      `expectedVersion: ${JSON.stringify(version)} is not a version load() returned (an integer >= 0).`,
    );
  }
  return version;
}

export function checkLeaseRequest(request: LeaseRequest): void {
  if (typeof request?.owner !== "string" || request.owner === "" || request.owner.length > 200) {
    throw new DbtCloudCursorStoreError("owner: expected a non-empty string of at most 200 characters.");
  }
  if (!Number.isSafeInteger(request.ttlMs) || request.ttlMs <= 0) {
    throw new DbtCloudCursorStoreError(`ttlMs: ${JSON.stringify(request.ttlMs)} is not a positive integer.`);
  }
  if (!Number.isSafeInteger(request.now)) {
    throw new DbtCloudCursorStoreError(`now: ${JSON.stringify(request.now)} is not an epoch time in ms.`);
  }
}
