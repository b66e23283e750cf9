import type { DbtCloudRun } from "./models/run.js";
import { runStatusName } from "./run-status.js";

/**
 * Base class of every error this package throws (abort reasons excepted): catch it to handle the whole
 * family. `cause` carries the underlying error (a network failure, a zod issue list, a lost response).
 */
export class DbtCloudError extends Error {
  override name = "DbtCloudError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Where a failed request went: method and path with query (never the host's credentials or token). */
export interface RequestDescription {
  readonly method: string;
  readonly path: string;
}

export interface ApiErrorDetails extends RequestDescription {
  readonly status: number;
  readonly userMessage?: string | undefined;
  readonly developerMessage?: string | undefined;
  /** The envelope's `data` (a string describing a 400 validation problem, usually null otherwise). */
  readonly data?: unknown;
  readonly hint?: string | undefined;
  readonly cause?: unknown;
}

function describeApiError(d: ApiErrorDetails): string {
  const detail = [d.userMessage, d.developerMessage, typeof d.data === "string" ? d.data : undefined]
    .filter((s): s is string => typeof s === "string" && s.trim() !== "")
    .join(" — ");
  const head = `dbt Cloud API ${d.method} ${d.path} failed with HTTP ${d.status}${detail ? `: ${detail}` : ""}`;
  // dbt's messages usually end with a full stop already ("Invalid token."): do not add a second one.
  return d.hint ? `${head}${/[.!?]$/.test(head) ? "" : "."} ${d.hint}` : head;
}

/** The API answered with a non-2xx status and (usually) its JSON envelope. */
export class DbtCloudApiError extends DbtCloudError {
  override name = "DbtCloudApiError";
  readonly status: number;
  readonly userMessage: string | undefined;
  readonly developerMessage: string | undefined;
  readonly data: unknown;
  readonly method: string;
  readonly path: string;
  readonly hint: string | undefined;

  constructor(details: ApiErrorDetails) {
    super(describeApiError(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.userMessage = details.userMessage;
    this.developerMessage = details.developerMessage;
    this.data = details.data;
    this.method = details.method;
    this.path = details.path;
    this.hint = details.hint;
  }
}

/** 401 or 403: bad token, token without access to this account, or a wrong access URL. Never retried. */
export class DbtCloudAuthError extends DbtCloudApiError {
  override name = "DbtCloudAuthError";
}

/** 404: the resource does not exist, or the token may not see it. Never retried. */
export class DbtCloudNotFoundError extends DbtCloudApiError {
  override name = "DbtCloudNotFoundError";
}

/** 429 after the retry budget ran out. `retryAfterMs` is the server's hint, if any. */
export class DbtCloudRateLimitError extends DbtCloudApiError {
  override name = "DbtCloudRateLimitError";
  readonly retryAfterMs: number | undefined;
  constructor(details: ApiErrorDetails & { retryAfterMs?: number | undefined }) {
    super(details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** A response that is not JSON, or not the `{data, status}` envelope (e.g. an HTML gateway page). */
export class DbtCloudResponseError extends DbtCloudError {
  override name = "DbtCloudResponseError";
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  /** The first ~200 characters of the body. */
  readonly bodyExcerpt: string;
  /** The body did not parse as JSON at all (cut short, or a gateway's HTML page), so it may be transient. */
  readonly notJson: boolean;
  constructor(
    details: RequestDescription & {
      status: number;
      contentType?: string | undefined;
      bodyExcerpt: string;
      problem: string;
      notJson?: boolean | undefined;
      cause?: unknown;
    },
  ) {
    super(
      `dbt Cloud API ${details.method} ${details.path} returned HTTP ${details.status} with ${details.problem}: ${JSON.stringify(details.bodyExcerpt)}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.contentType = details.contentType;
    this.bodyExcerpt = details.bodyExcerpt;
    this.notJson = details.notJson ?? false;
  }
}

/**
 * A response body or file too large to read into memory as one string (an artifact of a very large
 * project, or a misbehaving server). Stream artifacts to a file with `downloadRunArtifact` instead.
 */
export class DbtCloudTooLargeError extends DbtCloudError {
  override name = "DbtCloudTooLargeError";
  /** What was being read: `GET <path>` of a request, or a file path. */
  readonly source: string;
  /** The declared size, or the bytes read before reading stopped (then the real size is larger). */
  readonly bytes: number;
  readonly limitBytes: number;
  constructor(details: {
    message: string;
    source: string;
    bytes: number;
    limitBytes: number;
    cause?: unknown;
  }) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.source = details.source;
    this.bytes = details.bytes;
    this.limitBytes = details.limitBytes;
  }
}

/** The request got no response: connection refused or reset, DNS, or the per-request timeout. */
export class DbtCloudNetworkError extends DbtCloudError {
  override name = "DbtCloudNetworkError";
  readonly method: string;
  readonly path: string;
  /** True when the per-request timeout fired. */
  readonly timedOut: boolean;
  constructor(details: RequestDescription & { timedOut: boolean; cause?: unknown }) {
    const cause = details.cause instanceof Error ? details.cause : undefined;
    const why = details.timedOut
      ? "timed out"
      : `failed: ${cause?.message ?? String(details.cause)}${
          cause?.cause instanceof Error ? ` (${cause.cause.message})` : ""
        }`;
    super(`dbt Cloud API ${details.method} ${details.path} ${why}`, { cause: details.cause });
    this.method = details.method;
    this.path = details.path;
    this.timedOut = details.timedOut;
  }
}

/** Waiting for a run took longer than allowed. The run may still be going: see `lastRun`. */
export class DbtCloudTimeoutError extends DbtCloudError {
  override name = "DbtCloudTimeoutError";
  readonly runId: number;
  readonly timeoutMs: number;
  readonly lastRun: DbtCloudRun | undefined;
  constructor(runId: number, timeoutMs: number, lastRun: DbtCloudRun | undefined) {
    super(
      `dbt Cloud run ${runId} did not finish within ${Math.round(timeoutMs / 1000)} s; last status: ${
        lastRun ? runStatusName(lastRun.status) : "never read"
      }. The run may still be going${lastRun?.href ? `: ${lastRun.href}` : ""}.`,
    );
    this.runId = runId;
    this.timeoutMs = timeoutMs;
    this.lastRun = lastRun;
  }
}

/** A run ended with status Error (20) or Cancelled (30). */
export class DbtCloudRunFailedError extends DbtCloudError {
  override name = "DbtCloudRunFailedError";
  readonly run: DbtCloudRun;
  readonly status: number;
  constructor(run: DbtCloudRun, options?: { cause?: unknown }) {
    super(
      `dbt Cloud run ${run.id} ended with status ${runStatusName(run.status)}${
        run.status_message ? `: ${run.status_message}` : ""
      }${run.href ? ` (${run.href})` : ""}`,
      options,
    );
    this.run = run;
    this.status = run.status;
  }
}

/** Bad input to a client method, detected before any request is sent. */
export class DbtCloudValidationError extends DbtCloudError {
  override name = "DbtCloudValidationError";
  readonly field: string;
  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(`${field}: ${message}`, options);
    this.field = field;
  }
}

/** Returns a successful run; throws `DbtCloudRunFailedError` for Error (20) / Cancelled (30), `DbtCloudError` if not finished. */
export function assertRunSucceeded(run: DbtCloudRun): DbtCloudRun {
  if (run.status === 10) return run;
  if (run.status === 20 || run.status === 30) throw new DbtCloudRunFailedError(run);
  throw new DbtCloudError(
    `dbt Cloud run ${run.id} has not finished (status ${runStatusName(run.status)}); wait for it first.`,
  );
}
