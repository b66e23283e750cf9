/**
 * The emulator's notion of time. Emulated time = start + (wall time elapsed × speed) + manual advances.
 * A virtual clock has speed 0: it moves only when a test calls `advance`. Run states are derived from
 * timestamps on this clock at read time, so nothing runs in the background.
 */
export interface EmulatorClock {
  readonly mode: "real" | "virtual";
  /** Emulated milliseconds per wall-clock millisecond (0 for a virtual clock). */
  readonly speed: number;
  /** Current emulated time in epoch milliseconds. */
  now(): number;
  /** Moves emulated time forward by `ms` emulated milliseconds. */
  advance(ms: number): void;
  /** Moves emulated time forward by whole emulated seconds. */
  advanceSeconds(seconds: number): void;
}

/** The most `advance` moves the clock in one call: a year, far beyond any run (a larger value is a mistake). */
const MAX_CLOCK_ADVANCE_MS = 366 * 24 * 60 * 60 * 1000;

/** Why `ms` cannot advance the clock, or undefined when it can (finite, 0 or more, at most a year). */
export function clockAdvanceProblem(ms: unknown): string | undefined {
  if (typeof ms !== "number" || !Number.isFinite(ms))
    return `must be a finite number of ms, got ${String(ms)}`;
  if (ms < 0) return `cannot be negative (the clock only moves forward), got ${ms}`;
  if (ms > MAX_CLOCK_ADVANCE_MS) return `must be at most a year (${MAX_CLOCK_ADVANCE_MS} ms), got ${ms}`;
  return undefined;
}

/** A clock in `real` mode (wall time × `speed`) or `virtual` mode (moves only on `advance`), from `start`. */
export function createClock(options: {
  mode: "real" | "virtual";
  speed: number;
  start?: string | undefined;
}): EmulatorClock {
  const wallStart = Date.now();
  const start = options.start ? Date.parse(options.start) : wallStart;
  const speed = options.mode === "virtual" ? 0 : options.speed;
  let offset = 0;
  return {
    mode: options.mode,
    speed,
    now: () => Math.floor(start + (Date.now() - wallStart) * speed + offset),
    advance(ms: number) {
      const problem = clockAdvanceProblem(ms);
      if (problem) throw new RangeError(`clock.advance: ms ${problem}`);
      offset += ms;
    },
    advanceSeconds(seconds: number) {
      this.advance(seconds * 1000);
    },
  };
}

/** Wall-clock milliseconds until the emulated time reaches `target` (0 if past; infinite on a virtual clock). */
export function wallMsUntil(clock: EmulatorClock, target: number): number {
  const remaining = target - clock.now();
  if (remaining <= 0) return 0;
  return clock.speed > 0 ? remaining / clock.speed : Number.POSITIVE_INFINITY;
}
