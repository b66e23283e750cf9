import { describe, expect, it } from "vitest";
import type { CursorStore } from "../../src/index.js";

/** The compare-and-set and lease behaviour every store must have; run against each store. */
export function cursorStoreContract(name: string, create: () => Promise<CursorStore>): void {
  describe(`${name}: compare-and-set`, () => {
    it("starts empty at version 0", async () => {
      expect(await (await create()).load()).toEqual({ cursor: undefined, version: 0 });
    });

    it("saves when the version matches and answers the next version", async () => {
      const store = await create();
      expect(await store.save("a", 0)).toEqual({ ok: true, version: 1 });
      expect(await store.load()).toEqual({ cursor: "a", version: 1 });
      expect(await store.save("b", 1)).toEqual({ ok: true, version: 2 });
      expect(await store.load()).toEqual({ cursor: "b", version: 2 });
    });

    it("refuses a stale version and keeps the stored cursor", async () => {
      const store = await create();
      await store.save("a", 0);
      await store.save("b", 1);
      expect(await store.save("stale", 1)).toEqual({ ok: false, conflict: true, version: 2 });
      expect(await store.save("never saved", 0)).toMatchObject({ ok: false, conflict: true });
      expect(await store.load()).toEqual({ cursor: "b", version: 2 });
    });

    it("lets exactly one of several concurrent writers with the same version win", async () => {
      const store = await create();
      await store.save("start", 0);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.save(`writer ${i}`, 1)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const winner = results.findIndex((r) => r.ok);
      expect(await store.load()).toEqual({ cursor: `writer ${winner}`, version: 2 });
    });

    it("keeps cursors with any characters intact", async () => {
      const store = await create();
      const cursor = JSON.stringify({
        text: "quote \" backslash \\ newline \n unicode é 🚀 $1 '; DROP TABLE x; --",
      });
      await store.save(cursor, 0);
      expect((await store.load()).cursor).toBe(cursor);
    });

    it("rejects bad input naming the field", async () => {
      const store = await create();
      await expect(store.save("", 0)).rejects.toThrow(/cursor: expected the non-empty string/);
      await expect(store.save("x", -1)).rejects.toThrow(/expectedVersion: -1/);
      await expect(store.acquireLease({ owner: "", ttlMs: 10, now: 0 })).rejects.toThrow(/owner/);
      await expect(store.acquireLease({ owner: "a", ttlMs: 0, now: 0 })).rejects.toThrow(/ttlMs/);
    });
  });

  describe(`${name}: lease`, () => {
    it("is held by one owner until it expires or is released", async () => {
      const store = await create();
      expect(await store.acquireLease({ owner: "a", ttlMs: 1000, now: 10_000 })).toBe(true);
      expect(await store.acquireLease({ owner: "b", ttlMs: 1000, now: 10_500 })).toBe(false);
      // The holder renews.
      expect(await store.acquireLease({ owner: "a", ttlMs: 1000, now: 10_900 })).toBe(true);
      expect(await store.acquireLease({ owner: "b", ttlMs: 1000, now: 11_800 })).toBe(false);
      // Expired: another owner takes it, and the old holder cannot renew.
      expect(await store.acquireLease({ owner: "b", ttlMs: 1000, now: 11_900 })).toBe(true);
      expect(await store.acquireLease({ owner: "a", ttlMs: 1000, now: 12_000 })).toBe(false);
      // Releasing someone else's lease does nothing; releasing your own frees it.
      await store.releaseLease("a");
      expect(await store.acquireLease({ owner: "c", ttlMs: 1000, now: 12_100 })).toBe(false);
      await store.releaseLease("b");
      expect(await store.acquireLease({ owner: "c", ttlMs: 1000, now: 12_100 })).toBe(true);
    });

    it("grants a free lease to exactly one of several concurrent owners", async () => {
      const store = await create();
      const granted = await Promise.all(
        Array.from({ length: 6 }, (_, i) => store.acquireLease({ owner: `o${i}`, ttlMs: 60_000, now: 1 })),
      );
      expect(granted.filter(Boolean)).toHaveLength(1);
    });

    it("does not touch the cursor or its version", async () => {
      const store = await create();
      await store.save("a", 0);
      await store.acquireLease({ owner: "a", ttlMs: 1000, now: 0 });
      await store.releaseLease("a");
      expect(await store.load()).toEqual({ cursor: "a", version: 1 });
    });
  });
}
