import type { EmulatorClock } from "../clock.js";

/** The same clock, calling `onAdvance` after every manual advance (so webhooks fire on virtual time). */
export function observeClock(clock: EmulatorClock, onAdvance: () => void): EmulatorClock {
  return {
    mode: clock.mode,
    speed: clock.speed,
    now: () => clock.now(),
    advance(ms: number) {
      clock.advance(ms);
      onAdvance();
    },
    advanceSeconds(seconds: number) {
      this.advance(seconds * 1000);
    },
  };
}
