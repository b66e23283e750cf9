import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE, paginate } from "../src/core/paged.js";
import { MAX_CAUSE_LENGTH, type Paged } from "../src/index.js";
import { buildTriggerBody } from "../src/trigger-options.js";

describe("pagination properties", () => {
  it("yields every item exactly once, in order, with limit ≤ 100 and ⌈n / page⌉ requests at most (+1 for an exact multiple without total_count)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 450 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
        async (total, pageSize, reportTotal, maxItems) => {
          const requests: [number, number][] = [];
          const paged: Paged<number> = paginate(
            async (offset, limit) => {
              requests.push([offset, limit]);
              const items = Array.from(
                { length: Math.max(0, Math.min(limit, total - offset)) },
                (_, i) => offset + i,
              );
              return { items, totalCount: reportTotal ? total : undefined };
            },
            { pageSize, maxItems },
          );
          const items = await paged.toArray();
          const expected = Math.min(total, maxItems ?? Number.POSITIVE_INFINITY);
          expect(items).toEqual(Array.from({ length: expected }, (_, i) => i));
          for (const [, limit] of requests) expect(limit).toBeLessThanOrEqual(MAX_PAGE_SIZE);
          const size = Math.min(pageSize, MAX_PAGE_SIZE);
          expect(requests.length).toBeLessThanOrEqual(Math.ceil(expected / size) + 1);
        },
      ),
    );
  });
});

describe("trigger body properties", () => {
  it("the cause is trimmed, non-empty and at most 255 characters; empty optional strings are omitted", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 600 }).filter((s) => s.trim() !== ""),
        fc.constantFrom("", "  ", undefined),
        (cause, empty) => {
          const body = buildTriggerBody({ cause, gitSha: empty, schemaOverride: empty });
          expect([...body.cause].length).toBeLessThanOrEqual(MAX_CAUSE_LENGTH);
          expect(body.cause.length).toBeGreaterThan(0);
          expect(body.cause).toBe([...cause.trim()].slice(0, MAX_CAUSE_LENGTH).join(""));
          expect(Object.keys(body)).toEqual(["cause"]);
        },
      ),
    );
  });
});
