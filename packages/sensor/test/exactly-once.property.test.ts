import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDbtCloudPollingSensor } from "../src/index.js";
import { type FakeRun, fakeCloud, signedDelivery } from "./support/fake-cloud.js";

const START = Date.parse("2026-06-01T00:00:00Z");
const OVERLAP_S = 60;
const SECRET = "property-test-secret";

const runArb = fc.record({
  finishSlot: fc.integer({ min: 0, max: 40 }), // 15 s slots: many identical finished-at values
  delaySlot: fc.integer({ min: 0, max: OVERLAP_S }), // arrival delay in seconds, up to the overlap
  jobId: fc.constantFrom(1, 2, 3),
  otherEnvironment: fc.boolean(),
  status: fc.constantFrom(10, 20, 30),
  // A cancelled run that dbt Cloud leaves with finished_at null: only its id and updated_at tell.
  finishedAtNull: fc.boolean(),
  // Running time before the finish: short, or long enough to start hours before the window.
  durationSeconds: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 3600, max: 4 * 3600 })),
  webhook: fc.constantFrom("none", "none", "none", "on time", "late", "twice"),
});

const scenarioArb = fc.record({
  runs: fc.array(runArb, { maxLength: 160 }),
  tickEverySeconds: fc.integer({ min: 5, max: 120 }),
  budgets: fc.array(fc.option(fc.integer({ min: 1000, max: 20_000 }), { nil: undefined }), {
    minLength: 1,
    maxLength: 8,
  }),
  concurrency: fc.integer({ min: 1, max: 8 }),
  requestMs: fc.constantFrom(100, 1000),
});

describe("exactly once (property)", () => {
  it("the union of ticks and webhook results reports every finished run in scope exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const runs: FakeRun[] = scenario.runs.map((r) => {
          const finishedAt = START + 60_000 + r.finishSlot * 15_000;
          return {
            id: 0,
            jobId: r.jobId,
            environmentId: r.otherEnvironment ? 102 : 101,
            status: r.status,
            createdAt: finishedAt - r.durationSeconds * 1000,
            finishedAt,
            visibleAt: finishedAt + r.delaySlot * 1000,
            finishedAtNull: r.status === 30 && r.finishedAtNull,
          };
        });
        // Run ids grow with creation time, as dbt Cloud's do.
        [...runs]
          .sort((a, b) => a.createdAt - b.createdAt)
          .forEach((run, i) => {
            run.id = 1000 + i;
          });
        const cloud = fakeCloud(runs, { requestMs: scenario.requestMs, start: START });
        const sensor = buildDbtCloudPollingSensor({
          workspace: cloud.workspace,
          overlapSeconds: OVERLAP_S,
          lookbackSeconds: 60,
          concurrency: scenario.concurrency,
        });
        // Webhook deliveries on the timeline: on time (at finish), late (within the retry window), twice.
        type Action =
          | { at: number; kind: "tick"; budget: number | undefined }
          | { at: number; kind: "webhook"; run: FakeRun };
        const actions: Action[] = [];
        scenario.runs.forEach((r, i) => {
          const run = runs[i] as FakeRun;
          if (r.webhook === "on time" || r.webhook === "twice")
            actions.push({ at: run.finishedAt, kind: "webhook", run });
          if (r.webhook === "late" || r.webhook === "twice")
            actions.push({ at: run.finishedAt + 150_000, kind: "webhook", run });
        });
        const end = START + 60_000 + 40 * 15_000 + (OVERLAP_S + 200) * 1000;
        let n = 0;
        for (let at = START; at < end; at += scenario.tickEverySeconds * 1000) {
          actions.push({ at, kind: "tick", budget: scenario.budgets[n++ % scenario.budgets.length] });
        }
        actions.sort((a, b) => a.at - b.at);

        let cursor: string | undefined;
        const reported: number[] = [];
        for (const action of actions) {
          if (cloud.state.now < action.at) cloud.state.now = action.at;
          if (action.kind === "tick") {
            const result = await sensor.tick({ cursor, budgetMs: action.budget });
            reported.push(...result.runs.map((r) => r.runId));
            cursor = result.cursor;
          } else {
            const delivery = signedDelivery(action.run, SECRET);
            const result = await sensor.handleWebhook({
              rawBody: delivery.rawBody,
              headers: { authorization: delivery.authorization },
              secret: SECRET,
              cursor,
            });
            reported.push(...result.runs.map((r) => r.runId));
            cursor = result.cursor;
          }
        }
        // Drain: everything has arrived; ticks without a budget until one reports nothing.
        for (let i = 0; i < 5; i++) {
          const result = await sensor.tick({ cursor });
          reported.push(...result.runs.map((r) => r.runId));
          cursor = result.cursor;
          if (result.complete && result.runs.length === 0) break;
        }
        const expected = runs.filter((r) => r.environmentId === 101).map((r) => r.id);
        expect([...reported].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
