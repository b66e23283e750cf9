import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { type BundleRun, runBundle } from "./run-bundle.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.close();
});

/** Everything the step left behind that a workflow (or its log) could show. */
const everything = (result: BundleRun) =>
  [
    result.stdout,
    result.stderr,
    JSON.stringify(result.outputs),
    JSON.stringify(result.state),
    result.summary,
  ].join("\n");

describe("input errors stop the step before any request", () => {
  it("names a malformed HTTPS_PROXY without its credentials", async () => {
    const result = await runBundle({
      inputs: baseInputs(emu, JOBS.daily),
      env: { HTTPS_PROXY: "http://alice:hunter2@proxy corp:3128" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::Invalid input\. variable 'HTTPS_PROXY': "http:\/\/\*\*\*@proxy corp:3128" is not a URL/,
    );
    expect(everything(result)).not.toContain("hunter2");
    expect(everything(result)).not.toContain("alice");
    expect(emu.requests.count()).toBe(0);
  });

  it("reports a malformed http_proxy together with bad inputs", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), wait: "maybe" },
      env: { http_proxy: "proxy.corp:3128" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/variable 'http_proxy': "proxy\.corp:3128" has no scheme/);
    expect(result.stdout).toMatch(/input 'wait'/);
    expect(emu.requests.count()).toBe(0);
  });

  it("never echoes the secrets of an access-url with credentials and a query string", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "access-url": "https://user:secret@x.getdbt.com/?token=abc" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::Invalid input\. input 'access-url': "https:\/\/\*\*\*@x\.getdbt\.com\/\?\*\*\*" contains credentials \(user info before "@"\); remove them/,
    );
    const all = everything(result);
    expect(all).not.toContain("secret");
    expect(all).not.toContain("abc");
    expect(emu.requests.count()).toBe(0);
  });

  it("refuses control characters and bad artifact paths without a request", async () => {
    const result = await runBundle({
      inputs: {
        ...baseInputs(emu, JOBS.daily),
        "schema-override": "pr_1\n::stop-commands::x",
        artifacts: "run_results.json\n../../.ssh/id_rsa",
      },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /input 'schema-override': contains a control character \(U\+000A\) at position 5/,
    );
    expect(result.stdout).toMatch(
      /input 'artifacts': entry "\.\.\/\.\.\/\.ssh\/id_rsa" .* has a "\.\." segment/,
    );
    expect(emu.requests.count()).toBe(0);
  });
});
