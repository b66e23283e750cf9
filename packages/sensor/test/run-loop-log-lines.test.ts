import { DbtCloudClient, DbtCloudWorkspace, type Logger } from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { expect, it } from "vitest";
import { buildDbtCloudPollingSensor, type CursorStore } from "../src/index.js";

// A store (or the API behind a tick) can fail with text that came from dbt Cloud: the loop's log lines
// must stay single lines, so a consumer printing them line by line cannot be made to start a runner
// command (`\r` ends a line for the runner too) or a legacy `##[` command.
it("logs a tick failure and a lease release failure as single lines without ##[", async () => {
  const hostile = "boom\n::stop-commands::x\r::error::forged\u2028##[group]y";
  const credentials = DbtCloudCredentials.parse({
    accountId: 1,
    token: "dbtc_x1234567890",
    accessUrl: "http://127.0.0.1:9",
  });
  const client = new DbtCloudClient({ credentials });
  const lines: string[] = [];
  const controller = new AbortController();
  const logger: Logger = {
    debug: (m) => lines.push(m),
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => {
      lines.push(m);
      controller.abort();
    },
  };
  const workspace = new DbtCloudWorkspace({ credentials, client, projectId: 1, environmentId: 2 });
  const sensor = buildDbtCloudPollingSensor({ workspace, logger });
  const store: CursorStore = {
    load: async () => ({ cursor: undefined, version: 0 }),
    save: async () => ({ ok: true, version: 1 }),
    acquireLease: async () => {
      throw new Error(hostile);
    },
    releaseLease: async () => {
      throw new Error(hostile);
    },
  };
  await sensor.run({ store, signal: controller.signal, onTick: () => undefined });
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    expect(line).toContain("boom");
    expect(line).toContain("forged");
    expect(line).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(line).not.toContain("##[");
  }
});
