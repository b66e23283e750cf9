import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { emulator, emulatorEnv, FAST, JOBS, runCli, waitForOutput } from "../support/cli-process.js";
import { runReportSchema } from "../support/json-schemas.js";

let emu: Emulator;
let env: Record<string, string>;
const runIds: number[] = [];

/** Every line of the sensor's stdout is one event of a run. */
const eventLine = z.looseObject({
  type: z.string(),
  runId: z.number().int(),
  assetKey: z.array(z.string()).optional(),
});
const events = (stdout: string) =>
  stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => eventLine.parse(JSON.parse(line)));

const SCOPE = ["--project-id", "11", "--environment-id", "101", "--lookback", "172800"];

beforeAll(async () => {
  // Emulated time starts a day ago (and runs 100× faster), so every run finishes in the sensor's past.
  emu = await emulator({
    clock: { mode: "real", speed: 100, start: new Date(Date.now() - 86_400_000).toISOString() },
  });
  env = emulatorEnv(emu);
  for (const job of [JOBS.daily, JOBS.failingTests]) {
    const r = await runCli(
      ["run", "--job-id", String(job), ...FAST, "--no-artifacts", "--no-fail-on-error", "--json"],
      { env },
    );
    runIds.push(runReportSchema.parse(JSON.parse(r.stdout)).runId);
  }
});
afterAll(() => emu.close());

describe("sensor", () => {
  it("one tick: the finished runs' events as NDJSON, then nothing new on the next call", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dbt-cli-sensor-"));
    const cursor = join(dir, "state", "cursor.json");
    const first = await runCli(["sensor", "--cursor-file", cursor, ...SCOPE], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const seen = events(first.stdout);
    expect(new Set(seen.map((e) => e.runId))).toEqual(new Set(runIds));
    expect(seen.some((e) => e.type === "materialization")).toBe(true);
    expect(first.stderr).toContain(`Run ${runIds[1]} of job ${JOBS.failingTests}: error`);
    expect(existsSync(cursor)).toBe(true);
    const second = await runCli(["sensor", "--cursor-file", cursor, ...SCOPE], { env, cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe("");
    expect(second.stderr).toContain("0 runs, 0 events");
  });

  it("--job-id narrows it; a missing scope or cursor file is a usage error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dbt-cli-sensor-"));
    const r = await runCli(["sensor", "--cursor-file", "c.json", ...SCOPE, "--job-id", String(JOBS.daily)], {
      env,
      cwd: dir,
    });
    expect(new Set(events(r.stdout).map((e) => e.runId))).toEqual(new Set([runIds[0]]));
    const bad = await runCli(["sensor"], { env, cwd: dir });
    expect(bad.code).toBe(2);
    for (const flag of ["--project-id", "--environment-id", "--cursor-file"])
      expect(bad.stderr).toContain(`${flag}:`);
  });

  it("--watch reports until Ctrl-C, then exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dbt-cli-sensor-"));
    const r = await runCli(["sensor", "--cursor-file", "c.json", ...SCOPE, "--watch", "--interval", "1"], {
      env,
      cwd: dir,
      onSpawn: (child, output) => {
        waitForOutput(output, (o) => o.stdout.split("\n").length > 3).then(() => child.kill("SIGINT"));
      },
    });
    expect(r.code).toBe(0);
    expect(new Set(events(r.stdout).map((e) => e.runId))).toEqual(new Set(runIds));
    expect(r.stderr).toContain("Sensor stopped.");
  });
});

describe("sensor serve", () => {
  it("reports a signed webhook delivery once, refuses a bad signature, stops on SIGTERM with exit 0", async () => {
    const secret = "whsec_test_0123456789";
    const dir = mkdtempSync(join(tmpdir(), "dbt-cli-serve-"));
    const body = JSON.stringify({
      accountId: emu.accountId,
      webhooksID: "wsu_cli",
      eventId: "wev_cli_1",
      timestamp: new Date().toISOString(),
      eventType: "job.run.completed",
      webhookName: "cli",
      data: {
        jobId: String(JOBS.daily),
        runId: String(runIds[0]),
        environmentId: "101",
        projectId: "11",
        runStatusCode: 10,
      },
    });
    const statuses: number[] = [];
    const r = await runCli(
      ["sensor", "serve", "--cursor-file", "c.json", "--port", "0", "--no-poll", ...SCOPE],
      {
        env: { ...env, DBT_CLOUD_WEBHOOK_SECRET: secret },
        cwd: dir,
        onSpawn: (child, output) => {
          waitForOutput(output, (o) => /on http:\/\/127\.0\.0\.1:\d+\//.test(o.stderr))
            .then(async () => {
              const url = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output().stderr)?.[1] as string;
              const post = (authorization: string) =>
                fetch(url, {
                  method: "POST",
                  headers: { authorization, "content-type": "application/json" },
                  body,
                });
              statuses.push((await post("0".repeat(64))).status);
              statuses.push((await post(createHmac("sha256", secret).update(body).digest("hex"))).status);
              await waitForOutput(output, (o) => o.stdout.includes(`"runId":${runIds[0]}`));
            })
            .finally(() => child.kill("SIGTERM"));
        },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(statuses[0]).toBe(401);
    expect(statuses[1]).toBeLessThan(300);
    expect(new Set(events(r.stdout).map((e) => e.runId))).toEqual(new Set([runIds[0]]));
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it("a secret on the command line is refused without echoing it", async () => {
    const r = await runCli(
      ["sensor", "serve", "--cursor-file", "c.json", "--secret", "whsec_visible", ...SCOPE],
      { env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("shell history");
    expect(r.stderr).not.toContain("whsec_visible");
  });
});
