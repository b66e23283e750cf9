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
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`clock.advance: ms must be a finite number >= 0, got ${ms}`);
      }
      offset += ms;
    },
    advanceSeconds(seconds: number) {
      this.advance(seconds * 1000);
    },
  };
}

/** Wall-clock milliseconds until emulated time reaches `target` (0 if reached; Infinity on a virtual clock). */
export function wallMsUntil(clock: EmulatorClock, target: number): number {
  const remaining = target - clock.now();
  if (remaining <= 0) return 0;
  return clock.speed > 0 ? remaining / clock.speed : Number.POSITIVE_INFINITY;
}
