import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { runBundle } from "./run-bundle.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.close();
});

describe("access URL forms", () => {
  it.each([
    ["a trailing slash", (url: string) => `${url}/`],
    ["a trailing /api/", (url: string) => `${url}/api/`],
    ["upper case and /api/v2", (url: string) => `${url.toUpperCase()}/api/v2`],
  ])("works with %s", async (_name, form) => {
    const inputs = { ...baseInputs(emu, JOBS.daily), "access-url": form(emu.url), wait: "false" };
    const result = await runBundle({ inputs });
    expect(result.code).toBe(0);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(1);
    for (const r of emu.requests.list()) expect(r.path).toMatch(/^\/api\/v2\/accounts\/\d+\/[^/].*\/$/);
  });

  it("reads a bare host as https", async () => {
    // The emulator speaks plain http, so the https attempt fails: the message shows the URL that was used.
    const host = emu.url.replace(/^http:\/\//, "");
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "access-url": host, "request-timeout": "1" },
    });
    expect(result.code).toBe(1);
    expect(emu.requests.count()).toBe(0);
    expect(result.stdout).toMatch(/::error::.*GET \/api\/v2\/accounts\/\d+\/jobs\/1001\//);
  });
});

describe("behind a proxy", () => {
  it("loads undici only then, and still reaches loopback directly (NO_PROXY)", async () => {
    // Port 9 (discard) has no proxy listening: a proxied request would fail.
    const result = await runBundle({
      inputs: baseInputs(emu, JOBS.daily),
      env: { HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9" },
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
  });
});
