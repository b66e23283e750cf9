import { describe, expect, it } from "vitest";
import { nextPollDelay } from "../src/polling-schedule.js";

describe("nextPollDelay", () => {
  it("starts at 1 s, grows with 10% of the elapsed time, and stops at the cap", () => {
    expect(nextPollDelay(0)).toBe(1000);
    expect(nextPollDelay(9_000)).toBe(1000);
    expect(nextPollDelay(30_000)).toBe(3000);
    expect(nextPollDelay(100_000)).toBe(10_000);
    expect(nextPollDelay(10_000_000)).toBe(10_000);
    expect(nextPollDelay(10_000_000, { maxIntervalMs: 30_000 })).toBe(30_000);
  });

  it("takes the growth factor as an option", () => {
    expect(nextPollDelay(10_000, { growth: 0.5 })).toBe(5000);
    expect(nextPollDelay(10_000, { growth: 0.5, maxIntervalMs: 4000 })).toBe(4000);
  });

  it("never goes below the initial interval, even with a small cap", () => {
    expect(nextPollDelay(50_000, { initialIntervalMs: 2000, maxIntervalMs: 500 })).toBe(2000);
  });

  it("keeps the latency bound: the gap after a poll at t is at most max(1 s, 10% of t), capped", () => {
    for (const cap of [5_000, 10_000, 60_000]) {
      let t = 0;
      while (t < 3_600_000) {
        const gap = nextPollDelay(t, { maxIntervalMs: cap });
        expect(gap).toBeLessThanOrEqual(Math.min(cap, Math.max(1000, 0.1 * t)) + 0.5);
        t += gap;
      }
    }
  });
});
