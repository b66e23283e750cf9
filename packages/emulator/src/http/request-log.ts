import { appendFileSync } from "node:fs";

/** One request as the emulator saw it. Headers are never recorded, so the token cannot leak here. */
export interface RequestLogEntry {
  seq: number;
  /** Wall-clock time (ISO) the request arrived. */
  at: string;
  /** Emulated time (ISO) the request was handled at. */
  emulatedAt: string;
  method: string;
  path: string;
  query: string;
  operation: string | null;
  accountId: number | null;
  status: number | null;
  durationMs: number;
  /** The fault applied, e.g. "status:503", "drop:after". */
  fault: string | null;
  /** Parsed JSON body of POST requests (trigger overrides, job definitions). */
  body: unknown;
}

/** Selects request log entries by operation name, method (any case) or exact path. */
export interface RequestFilter {
  operation?: string;
  method?: string;
  path?: string;
}

/** Entries kept in memory; older ones are dropped (the JSON-lines file, if any, keeps everything). */
const REQUEST_LOG_LIMIT = 50_000;

/** In-memory request log, optionally mirrored to a JSON-lines file. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  constructor(
    private readonly filePath?: string,
    private readonly limit = REQUEST_LOG_LIMIT,
  ) {}

  record(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    if (this.filePath) appendFileSync(this.filePath, `${JSON.stringify(full)}\n`);
    return full;
  }

  list(filter: RequestFilter = {}): RequestLogEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.operation === undefined || e.operation === filter.operation) &&
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || e.path === filter.path),
    );
  }

  count(filter: RequestFilter = {}): number {
    return this.list(filter).length;
  }

  clear(): void {
    this.entries = [];
  }

  toJsonLines(filter: RequestFilter = {}): string {
    return this.list(filter)
      .map((e) => `${JSON.stringify(e)}\n`)
      .join("");
  }
}
