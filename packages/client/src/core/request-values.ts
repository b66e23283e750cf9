import { DbtCloudValidationError } from "../errors.js";

/** A positive integer id, or a `DbtCloudValidationError` naming the field (before any request is sent). */
export function checkId(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new DbtCloudValidationError(field, `${JSON.stringify(value)} is not a positive integer id.`);
  }
  return value;
}

/** Percent-encodes each segment of an artifact path, keeping the slashes. */
export function encodeArtifactPath(path: string): string {
  if (typeof path !== "string" || path.trim() === "") {
    throw new DbtCloudValidationError("path", "is empty; pass an artifact path such as run_results.json.");
  }
  const segments = path.replace(/^\/+/, "").split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) {
    throw new DbtCloudValidationError(
      "path",
      `${JSON.stringify(path)} has an empty, "." or ".." segment; pass a path relative to dbt's target/ directory.`,
    );
  }
  return segments.map(encodeURIComponent).join("/");
}

/** `include_related` is a comma-separated list. */
export function includeRelated(list: readonly string[] | undefined): string | undefined {
  return list && list.length > 0 ? list.join(",") : undefined;
}
