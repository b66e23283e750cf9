import { clockAdvanceProblem, type EmulatorClock } from "../clock.js";
import type { FaultSpecInput, JobBehaviourInput } from "../config/schema.js";
import { EmulatorConfigError } from "../errors.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { FaultRegistry } from "./faults.js";
import type { RequestLog } from "./request-log.js";

/** Path prefix of the control endpoints (no token, off the API paths). */
export const ADMIN_PREFIX = "/__emulator";

interface AdminResponse {
  status: number;
  contentType: string;
  text: string;
}

const json = (status: number, value: unknown): AdminResponse => ({
  status,
  contentType: "application/json",
  text: JSON.stringify(value),
});

/** One backward scan: `/\/+$/` retries from every slash, quadratic on a path of slashes. */
function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}

/**
 * The control endpoints under /__emulator/ (off the API path, no token): request log, faults, clock
 * and job behaviour. They never reveal tokens.
 */
export function handleAdmin(
  deps: { state: EmulatorState; faults: FaultRegistry; requests: RequestLog; clock: EmulatorClock },
  method: string,
  path: string,
  search: URLSearchParams,
  body: unknown,
): AdminResponse {
  const sub = withoutTrailingSlashes(path.slice(ADMIN_PREFIX.length)) || "/";
  try {
    if (sub === "/health" && method === "GET") return json(200, { ok: true });
    if (sub === "/requests") {
      if (method === "DELETE") {
        deps.requests.clear();
        return json(200, { cleared: true });
      }
      if (method === "GET") {
        const filter: { operation?: string; method?: string } = {};
        const op = search.get("operation");
        const m = search.get("method");
        if (op) filter.operation = op;
        if (m) filter.method = m;
        return { status: 200, contentType: "application/x-ndjson", text: deps.requests.toJsonLines(filter) };
      }
    }
    if (sub === "/faults") {
      if (method === "GET") return json(200, deps.faults.list());
      if (method === "DELETE") {
        deps.faults.clear();
        return json(200, { cleared: true });
      }
      if (method === "POST") {
        const specs = Array.isArray(body) ? body : [body];
        return json(
          200,
          specs.map((s) => deps.faults.add(s as FaultSpecInput)),
        );
      }
    }
    const faultId = /^\/faults\/(\d+)$/.exec(sub);
    if (faultId && method === "DELETE") {
      return deps.faults.remove(Number(faultId[1]))
        ? json(200, { removed: true })
        : json(404, { error: "no such fault" });
    }
    if (sub === "/clock" && method === "GET") {
      return json(200, {
        now: new Date(deps.clock.now()).toISOString(),
        mode: deps.clock.mode,
        speed: deps.clock.speed,
      });
    }
    if (sub === "/clock/advance" && method === "POST") {
      const b = (typeof body === "object" && body !== null ? body : {}) as {
        seconds?: unknown;
        ms?: unknown;
      };
      const ms =
        typeof b.ms === "number" ? b.ms : typeof b.seconds === "number" ? b.seconds * 1000 : Number.NaN;
      const problem = clockAdvanceProblem(ms);
      if (problem) {
        return json(400, {
          error: `body must be {"seconds": N} or {"ms": N} with N from 0 to a year; the advance ${problem}`,
        });
      }
      deps.clock.advance(ms);
      return json(200, { now: new Date(deps.clock.now()).toISOString() });
    }
    if (sub === "/jobs" && method === "GET") {
      return json(
        200,
        [...deps.state.jobs.values()].map((j) => ({
          id: j.id,
          name: j.name,
          accountId: j.accountId,
          jobType: j.jobType,
          behaviour: j.behaviour,
        })),
      );
    }
    const jobBehaviour = /^\/jobs\/(\d+)\/behaviour$/.exec(sub);
    if (jobBehaviour && method === "POST") {
      const job = deps.state.configureJob(Number(jobBehaviour[1]), (body ?? {}) as JobBehaviourInput);
      return json(200, { id: job.id, behaviour: job.behaviour });
    }
    return json(404, { error: `no admin endpoint ${method} ${path}` });
  } catch (error) {
    if (error instanceof EmulatorConfigError)
      return json(400, { error: error.message, problems: error.problems });
    throw error;
  }
}
