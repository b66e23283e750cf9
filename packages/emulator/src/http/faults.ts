import { operations } from "../api/router.js";
import type { FaultSpec, FaultSpecInput } from "../config/schema.js";
import { faultSpecSchema } from "../config/schema.js";
import { EmulatorConfigError } from "../errors.js";

/** A registered fault with its id and how many responses it has affected and still will. */
export interface ActiveFault extends FaultSpec {
  id: number;
  /** Responses still to affect. */
  remaining: number;
  /** Responses affected so far. */
  hits: number;
}

const OPERATION_NAMES = new Set(["*", ...operations.map((o) => o.name)]);

/**
 * Fault injection: the next `count` requests to an operation get a status (optionally with
 * `Retry-After`, an HTML or truncated body), a delay, or a dropped connection, either before the
 * request takes effect or after (the effect happens, the response is lost).
 */
export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(input: FaultSpecInput): ActiveFault {
    const parsed = faultSpecSchema.safeParse(input);
    if (!parsed.success) {
      throw new EmulatorConfigError(
        parsed.error.issues.map((i) => `fault.${i.path.map(String).join(".") || "(root)"}: ${i.message}`),
        { cause: parsed.error },
      );
    }
    const spec = parsed.data;
    if (!OPERATION_NAMES.has(spec.operation)) {
      throw new EmulatorConfigError([
        `fault.operation: "${spec.operation}" is not an operation the emulator serves. Use "*" or one of ${[...OPERATION_NAMES].filter((n) => n !== "*").join(", ")}.`,
      ]);
    }
    if (spec.kind === "status" && spec.status === undefined && spec.body === undefined) {
      throw new EmulatorConfigError([
        'fault.status: a "status" fault needs a status (e.g. 503) or a body ("html", "truncated-json").',
      ]);
    }
    if (spec.kind === "delay" && spec.delayMs === undefined) {
      throw new EmulatorConfigError(['fault.delayMs: a "delay" fault needs delayMs, e.g. 5000.']);
    }
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.count, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault matching the request, if any. */
  take(operation: string | undefined, method: string): ActiveFault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.operation === "*" || f.operation === operation) &&
        (f.method === undefined || f.method.toUpperCase() === method),
    );
    if (!fault) return undefined;
    fault.remaining--;
    fault.hits++;
    return fault;
  }

  list(): readonly ActiveFault[] {
    return this.faults;
  }

  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }
}
