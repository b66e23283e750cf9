import type { SharedOption } from "@dbt-cloud-kit/app-kit";
import { positiveIntegerValue } from "@dbt-cloud-kit/app-kit";
import { CliUsageError, type UsageProblem } from "../errors/cli-errors.js";
import { optionKey } from "./commander-options.js";

/**
 * Turns commander's raw option values into typed values with the shared checks, collecting every problem
 * so all of them are reported together — before any request is sent.
 */
export class OptionReader {
  readonly problems: UsageProblem[] = [];
  readonly #options: Record<string, unknown>;
  readonly #env: NodeJS.ProcessEnv;

  constructor(options: object, env: NodeJS.ProcessEnv) {
    this.#options = options as Record<string, unknown>;
    this.#env = env;
  }

  /** Whether the flag was given (not defaulted). */
  given(spec: SharedOption<unknown>): boolean {
    const value = this.#options[optionKey(spec.input)];
    return value !== undefined && !(spec.argument === undefined && value === (spec.defaultValue === "true"));
  }

  /** The option's typed value: the flag, else `envFallback`, else the shared default. */
  read<T>(spec: SharedOption<T>, envFallback?: string): T {
    const raw = this.raw(spec, envFallback);
    const result = spec.check(raw);
    if (result.ok) return result.value;
    const source =
      this.#options[optionKey(spec.input)] === undefined && envFallback ? envFallback : `--${spec.input}`;
    for (const p of [result, ...(result.more ?? [])])
      this.problems.push({ source, problem: p.problem, fix: p.fix });
    return undefined as T;
  }

  raw(spec: SharedOption<unknown>, envFallback?: string): string {
    const value = this.#options[optionKey(spec.input)];
    if (value === false) return spec.argument === undefined ? "false" : "";
    if (value === true) return "true";
    if (Array.isArray(value)) return value.join("\n");
    if (typeof value === "string") return value.trim();
    const fromEnv = envFallback ? this.#env[envFallback]?.trim() : undefined;
    if (fromEnv) return fromEnv;
    return spec.defaultValue ?? "";
  }

  /** A positional run id. */
  runId(value: string | undefined): number {
    const result = positiveIntegerValue("<run-id> to the run's id (the number in its URL)")(value ?? "");
    if (result.ok && result.value !== undefined) return result.value;
    this.problems.push({
      source: "<run-id>",
      problem: result.ok ? "is missing" : result.problem,
      fix: result.ok ? "give the run's id" : result.fix,
    });
    return 0;
  }

  add(problem: UsageProblem): void {
    this.problems.push(problem);
  }

  /** Throws every collected problem at once. */
  done(): void {
    if (this.problems.length > 0) throw new CliUsageError(this.problems);
  }
}
