import type { z } from "zod";
import type { PageOptions } from "../client-options.js";
import type { Clock } from "../clock.js";
import { DbtCloudResponseError } from "../errors.js";
import type { Logger } from "../logger.js";
import { type Paged, paginate } from "./paged.js";
import type { QueryValue, RequestSpec, Transport } from "./transport.js";

/**
 * The request core every resource shares: the account's v2 / v3 path prefixes, typed single-object and
 * paginated reads over the transport, and one way to report a 200 whose `data` has the wrong shape.
 */
export class ApiCore {
  readonly http: Transport;
  readonly accountId: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** `/api/v2/accounts/{id}`: jobs, runs, steps, artifacts and the account itself. */
  readonly v2: string;
  /** `/api/v3/accounts/{id}`: projects and environments. */
  readonly v3: string;

  constructor(http: Transport, accountId: number, clock: Clock, logger: Logger) {
    this.http = http;
    this.accountId = accountId;
    this.clock = clock;
    this.logger = logger;
    this.v2 = `/api/v2/accounts/${accountId}`;
    this.v3 = `/api/v3/accounts/${accountId}`;
  }

  /** Sends `spec` and validates the envelope's `data` against `schema` (`what` names it in errors). */
  async data<S extends z.ZodType>(spec: RequestSpec, schema: S, what: string): Promise<z.infer<S>> {
    const envelope = await this.http.json(spec);
    return this.parse(spec, envelope.data, schema, what);
  }

  /** Every item of an offset-paginated GET, each validated against `schema`. */
  list<S extends z.ZodType>(
    path: string,
    query: Record<string, QueryValue>,
    page: PageOptions,
    schema: S,
    what: string,
  ): Paged<z.infer<S>> {
    return paginate(
      async (offset, limit) => {
        const spec: RequestSpec = {
          method: "GET",
          path,
          query: { ...query, limit, offset },
          retry: true,
          signal: page.signal,
        };
        const envelope = await this.http.json(spec);
        if (envelope.data === null || envelope.data === undefined) return { items: [], totalCount: 0 };
        if (!Array.isArray(envelope.data)) throw this.shapeError(spec, envelope.data, `a list of ${what}s`);
        const items = envelope.data.map((item) => this.parse(spec, item, schema, what));
        return { items, totalCount: envelope.extra?.pagination?.total_count ?? undefined };
      },
      { pageSize: page.pageSize, offset: page.offset, maxItems: page.limit },
    );
  }

  /** `data` that is not what the endpoint returns: a `DbtCloudResponseError` with an excerpt and zod's first issues. */
  shapeError(
    spec: Pick<RequestSpec, "method" | "path" | "query">,
    data: unknown,
    expected: string,
    cause?: z.ZodError,
  ): DbtCloudResponseError {
    let excerpt: string;
    try {
      excerpt = JSON.stringify(data)?.slice(0, 200) ?? String(data);
    } catch {
      excerpt = String(data).slice(0, 200);
    }
    const issues = cause
      ? `: ${cause.issues
          .map((i) => `${i.path.join(".")} ${i.message}`)
          .slice(0, 3)
          .join("; ")}`
      : "";
    return new DbtCloudResponseError({
      method: spec.method,
      path: this.http.describe(spec),
      status: 200,
      bodyExcerpt: excerpt,
      problem: `data that is not ${expected}${issues}`,
      cause,
    });
  }

  private parse<S extends z.ZodType>(
    spec: Pick<RequestSpec, "method" | "path" | "query">,
    data: unknown,
    schema: S,
    what: string,
  ): z.infer<S> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    throw this.shapeError(spec, data, `a ${what}`, parsed.error);
  }
}
