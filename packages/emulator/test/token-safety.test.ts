import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EmulatorConfigError } from "../src/index.js";
import { clientFor, emulator, raw, v2 } from "./helpers.js";

describe("the token never leaks", () => {
  it("is absent from API responses, the request log (memory, file, admin endpoint), faults and logs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emu-token-"));
    const logs: string[] = [];
    const capture = (m: string) => logs.push(m);
    try {
      const emu = await emulator({
        requestLogPath: join(dir, "requests.jsonl"),
        logger: { debug: capture, info: capture, warn: capture, error: capture },
      });
      expect(emu.token).toMatch(/^dbtc_emu_/);
      const client = clientFor(emu, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
      emu.faults.add({ operation: "getRun", kind: "status", status: 503 });
      const bodies: string[] = [];
      const run = await client.triggerJobRun(1004, { cause: "token safety" });
      emu.clock.advanceSeconds(3600);
      await client.getRun(run.id, { includeRelated: ["run_steps", "trigger", "job", "audit"] });
      for (const path of [
        v2(emu, `runs/${run.id}/?include_related=run_steps,trigger,job,environment,audit`),
        v2(emu, `runs/${run.id}/artifacts/run_results.json`),
        v2(emu, `runs/${run.id}/artifacts/manifest.json`),
        v2(emu, "jobs/?include_related=most_recent_run"),
        v2(emu, ""),
        "/api/v3/accounts/",
      ]) {
        bodies.push((await raw(emu, path)).text);
      }
      bodies.push((await raw(emu, v2(emu, "runs/"), { token: `${emu.token}x` })).text);
      for (const admin of [
        "/__emulator/requests",
        "/__emulator/jobs",
        "/__emulator/faults",
        "/__emulator/clock",
      ]) {
        bodies.push((await raw(emu, admin, { token: null })).text);
      }
      bodies.push(
        JSON.stringify(emu.requests.list()),
        JSON.stringify(emu.faults.list()),
        JSON.stringify(emu.jobs.list()),
      );
      await emu.close();
      bodies.push(await readFile(join(dir, "requests.jsonl"), "utf8"), logs.join("\n"));
      expect(emu.requests.count()).toBeGreaterThan(5);
      for (const body of bodies) expect(body).not.toContain(emu.token);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("config errors about tokens do not echo them", async () => {
    const token = "secret-token-shared-by-two";
    const error = await emulator({
      accounts: [
        { id: 1, token },
        { id: 2, token },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorConfigError);
    expect((error as Error).message).toMatch(/accounts\[1\]\.token: the same token is given to two accounts/);
    expect((error as Error).message).not.toContain(token);
  });
});
