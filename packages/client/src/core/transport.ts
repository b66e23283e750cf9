import { type DbtCloudCredentials, legacyHostAuthHint, redactSecret } from "@dbt-cloud-kit/credentials";
import type { Dispatcher } from "undici";
import { abortReason, type Clock } from "../clock.js";
import {
  DbtCloudApiError,
  DbtCloudAuthError,
  DbtCloudNetworkError,
  DbtCloudNotFoundError,
  DbtCloudRateLimitError,
  DbtCloudResponseError,
  DbtCloudTooLargeError,
} from "../errors.js";
import type { Logger } from "../logger.js";
import { Envelope } from "../models/envelope.js";
import { backoffDelay, isRetryableError, parseRetryAfter, type RetryOptions } from "../retry-policy.js";
import { formatBytes, MAX_TEXT_BYTES, readBoundedText } from "./read-bounded-text.js";
import { redactErrorSecret } from "./redact-error.js";

/** Node's `RequestInit`; the client may set `dispatcher` (an undici dispatcher) on it. */
export type FetchInit = RequestInit;
/** Same shape as `globalThis.fetch`, so `(url, init) => globalThis.fetch(url, init)` fits. */
export type FetchLike = (input: string, init: FetchInit) => Promise<Response>;

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface RequestSpec {
  method: "GET" | "POST" | "DELETE";
  /** Absolute path on the access URL, e.g. `/api/v2/accounts/1/runs/5/`. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
  /** Retry on 429 / 5xx / network errors (only for idempotent requests). */
  retry: boolean;
  signal?: AbortSignal | undefined;
}

interface TransportOptions {
  credentials: DbtCloudCredentials;
  logger: Logger;
  fetch?: FetchLike | undefined;
  dispatcher?: Dispatcher | undefined;
  requestTimeoutMs: number;
  retry: RetryOptions;
  clock: Clock;
  userAgent: string;
}

const EXCERPT = 200;

function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.append(key, Array.isArray(value) ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** One place for URL building, headers, per-request timeout, error mapping and the retry loop. */
export class Transport {
  readonly #o: TransportOptions;

  constructor(options: TransportOptions) {
    this.#o = options;
  }

  /** Sends a JSON request and returns the validated envelope. */
  async json(spec: RequestSpec): Promise<Envelope> {
    return this.#withRetry(spec, () =>
      this.#send(spec, "application/json", (response) => this.#readEnvelope(spec, response)),
    );
  }

  /** Sends a request for a raw file (artifacts). Resolves with a 2xx response whose body is unread. */
  async raw(spec: RequestSpec): Promise<Response> {
    // The timeout covers the headers; the body is bounded by the dispatcher's bodyTimeout.
    return this.#withRetry(spec, () =>
      this.#send(spec, "*/*", async (response) => {
        if (response.ok) return response;
        throw await this.#errorFor(spec, response, await this.#text(spec, response));
      }),
    );
  }

  describe(spec: Pick<RequestSpec, "path" | "query">): string {
    return `${spec.path}${encodeQuery(spec.query)}`;
  }

  async #withRetry<T>(spec: RequestSpec, attempt: () => Promise<T>): Promise<T> {
    const { retry, clock, logger } = this.#o;
    const started = clock.now();
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (spec.signal?.aborted) throw abortReason(spec.signal);
        if (!spec.retry || !isRetryableError(error) || n >= retry.maxAttempts) throw error;
        const delay = backoffDelay(n, error, retry, clock);
        if (clock.now() - started + delay > retry.totalBudgetMs) throw error;
        logger.warn(
          `${(error as Error).message}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${n + 1}/${retry.maxAttempts})`,
        );
        await clock.sleep(delay, spec.signal);
      }
    }
  }

  async #send<T>(spec: RequestSpec, accept: string, consume: (response: Response) => Promise<T>): Promise<T> {
    const { credentials, requestTimeoutMs, userAgent, dispatcher } = this.#o;
    const url = `${credentials.accessUrl}${this.describe(spec)}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${credentials.token}`,
      Accept: accept,
      "User-Agent": userAgent,
    };
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(spec.body);
    }
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException("request timed out", "TimeoutError")),
      requestTimeoutMs,
    );
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout.signal]) : timeout.signal;
    const fetchImpl: FetchLike = this.#o.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#o.logger.debug(`dbt Cloud API ${spec.method} ${this.describe(spec)}`);
    try {
      const init: FetchInit = { method: spec.method, headers, signal };
      if (body !== undefined) init.body = body;
      // undici 7's Dispatcher type differs from the undici-types copy in @types/node; at runtime Node's fetch accepts it.
      if (dispatcher) (init as { dispatcher?: unknown }).dispatcher = dispatcher;
      let response: Response;
      try {
        response = await fetchImpl(url, init);
      } catch (error) {
        throw this.#networkError(spec, timeout.signal, error);
      }
      return await consume(response);
    } catch (error) {
      if (spec.signal?.aborted) throw abortReason(spec.signal);
      if (timeout.signal.aborted && !(error instanceof DbtCloudNetworkError)) {
        throw this.#networkError(spec, timeout.signal, error);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #networkError(spec: RequestSpec, timeout: AbortSignal, error: unknown): DbtCloudNetworkError {
    return new DbtCloudNetworkError({
      method: spec.method,
      path: this.describe(spec),
      timedOut: timeout.aborted,
      // fetch's own errors can quote the Authorization header (an invalid header value), and a proxy's
      // can echo it: the token never travels on in a cause.
      cause: redactErrorSecret(error, this.#o.credentials.token),
    });
  }

  /** The body as text with the token redacted; "" when reading fails; too large is an error of its own. */
  async #text(spec: RequestSpec, response: Response): Promise<string> {
    try {
      const text = await readBoundedText(response, MAX_TEXT_BYTES, ({ bytes, declared }) => {
        const source = `${spec.method} ${this.describe(spec)}`;
        return new DbtCloudTooLargeError({
          message: `dbt Cloud API ${source} returned HTTP ${response.status} with a body of ${
            declared ? "" : "more than "
          }${formatBytes(bytes)}, more than the ${formatBytes(MAX_TEXT_BYTES)} that can be read into memory.`,
          source,
          bytes,
          limitBytes: MAX_TEXT_BYTES,
        });
      });
      return redactSecret(text, this.#o.credentials.token);
    } catch (error) {
      if (error instanceof DbtCloudTooLargeError) throw error;
      return "";
    }
  }

  async #readEnvelope(spec: RequestSpec, response: Response): Promise<Envelope> {
    const text = await this.#text(spec, response);
    if (!response.ok) throw await this.#errorFor(spec, response, text);
    if (response.status === 204 || (text.trim() === "" && spec.method === "DELETE")) return { data: null };
    const where = { method: spec.method, path: this.describe(spec), status: response.status };
    const contentType = response.headers.get("content-type") ?? undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new DbtCloudResponseError({
        ...where,
        contentType,
        bodyExcerpt: text.slice(0, EXCERPT),
        problem: "a body that is not JSON",
        notJson: true,
        cause: error,
      });
    }
    const envelope = Envelope.safeParse(parsed);
    if (!envelope.success || typeof parsed !== "object" || parsed === null || !("data" in parsed)) {
      throw new DbtCloudResponseError({
        ...where,
        contentType,
        bodyExcerpt: text.slice(0, EXCERPT),
        problem: "JSON that is not the {data, status} envelope",
        ...(envelope.success ? {} : { cause: envelope.error }),
      });
    }
    if (envelope.data.status?.is_success === false) {
      throw this.#apiError(
        spec,
        envelope.data.status.code ?? response.status,
        response.headers,
        envelope.data,
      );
    }
    return envelope.data;
  }

  async #errorFor(spec: RequestSpec, response: Response, text: string): Promise<Error> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const envelope = Envelope.safeParse(parsed);
    if (
      envelope.success ||
      response.status === 401 ||
      response.status === 403 ||
      response.status === 404 ||
      response.status === 429
    ) {
      return this.#apiError(
        spec,
        response.status,
        response.headers,
        envelope.success ? envelope.data : undefined,
        text,
      );
    }
    return new DbtCloudResponseError({
      method: spec.method,
      path: this.describe(spec),
      status: response.status,
      contentType: response.headers.get("content-type") ?? undefined,
      bodyExcerpt: text.slice(0, EXCERPT),
      problem:
        parsed === undefined ? "a body that is not JSON" : "JSON that is not the {data, status} envelope",
      notJson: parsed === undefined,
    });
  }

  #apiError(spec: RequestSpec, status: number, headers: Headers, envelope?: Envelope, text?: string): Error {
    const { credentials, clock } = this.#o;
    const details = {
      status,
      method: spec.method,
      path: this.describe(spec),
      userMessage:
        envelope?.status?.user_message ?? (envelope ? undefined : text?.slice(0, EXCERPT) || undefined),
      developerMessage: envelope?.status?.developer_message ?? undefined,
      data: envelope?.data,
    };
    if (status === 401) {
      const legacy = legacyHostAuthHint(credentials.accessUrl);
      if (legacy) this.#o.logger.warn(legacy);
      const hint =
        legacy ??
        `Check that the API token is valid and not revoked (legacy user API keys no longer work) and that ${credentials.accessUrl} is your account's access URL`;
      return new DbtCloudAuthError({ ...details, hint });
    }
    if (status === 403) {
      return new DbtCloudAuthError({
        ...details,
        hint: `Check that the token belongs to account ${credentials.accountId} and has a permission set such as Job Admin or Job Runner on this project (IP restrictions also give 403)`,
      });
    }
    if (status === 404) {
      return new DbtCloudNotFoundError({
        ...details,
        hint: `Check the id, the account id ${credentials.accountId}, and that the token may see this project (dbt Cloud answers 404 for resources a token lacks permission on)`,
      });
    }
    if (status === 429) {
      return new DbtCloudRateLimitError({ ...details, retryAfterMs: parseRetryAfter(headers, clock.now()) });
    }
    return new DbtCloudApiError(details);
  }
}
