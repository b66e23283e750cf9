import { RunStatus } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { clientFor, emulator } from "./helpers.js";

const config = {
  clock: { mode: "virtual" as const, start: "2026-03-01T00:00:00Z" },
  accounts: [
    {
      id: 1,
      projects: [
        {
          id: 11,
          name: "Shop",
          environments: [
            {
              id: 101,
              name: "Production",
              jobs: [
                {
                  id: 7001,
                  name: "Cancelled, no finish",
                  behaviour: { outcome: "cancelled" as const, cancelledWithoutFinishedAt: true },
                },
                { id: 7002, name: "Plain", behaviour: { cancelledWithoutFinishedAt: true } },
              ],
            },
          ],
        },
      ],
    },
  ],
};

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("cancelledWithoutFinishedAt", () => {
  it("shows a cancelled run with finished_at null, out of finished_at__range, updated_at at the cancel", async () => {
    const emu = await emulator(config);
    const client = clientFor(emu);
    const cancelled = await client.triggerJobRun(7001, { cause: "planned cancel" });
    const toCancel = await client.triggerJobRun(7002, { cause: "cancelled by a user" });
    emu.clock.advanceSeconds(12); // 7002 is running
    await client.cancelRun(toCancel.id);
    const cancelledAt = emu.clock.now();
    emu.clock.advanceSeconds(3600);
    const finished = await client.triggerJobRun(7002, { cause: "finishes" });
    emu.clock.advanceSeconds(3600);

    for (const id of [cancelled.id, toCancel.id]) {
      const run = await client.getRun(id);
      expect(run.status).toBe(RunStatus.Cancelled);
      expect(run.finished_at).toBeNull();
      expect(run.is_complete).toBe(true);
    }
    expect(Date.parse((await client.getRun(toCancel.id)).updated_at as string)).toBe(cancelledAt);
    expect((await client.getRun(finished.id)).finished_at).toEqual(expect.any(String));

    const range = ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"] as const;
    const listed = await all(client.listRuns({ finishedAtRange: range, orderBy: "finished_at" }));
    expect(listed.map((r) => r.id)).toEqual([finished.id]);
    const byStatus = await all(client.listRuns({ status: RunStatus.Cancelled, orderBy: "-id" }));
    expect(byStatus.map((r) => r.id)).toEqual([toCancel.id, cancelled.id]);
  });
});
