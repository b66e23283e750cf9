import { constants } from "node:buffer";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedFixture } from "@dbt-cloud-kit/testkit";
import { describe, expect, it } from "vitest";
import { EmulatorConfigError, parseEmulatorConfig, type StartEmulatorOptions } from "../src/index.js";
import { clientFor, emulator, raw } from "./helpers.js";

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmulatorConfigError);
  return (error as EmulatorConfigError).problems;
}

/** Deliberately loose input: these tests feed the emulator invalid config. */
const account = (jobs: unknown[]): StartEmulatorOptions =>
  ({
    accounts: [{ id: 3, projects: [{ name: "P", environments: [{ name: "Prod", jobs }] }] }],
  }) as StartEmulatorOptions;

describe("config validation names the field and the fix", () => {
  it("unknown fields, wrong types and bad enums", () => {
    const error = (() => {
      try {
        parseEmulatorConfig({ prot: 1, clock: { speed: -2 }, host: "0.0.0.0" });
      } catch (e) {
        return e as EmulatorConfigError;
      }
      return undefined;
    })();
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\(config root\): unknown field "prot"\. Remove it or fix the spelling/),
        expect.stringMatching(/^clock\.speed: must be a positive factor, e\.g\. 60/),
        expect.stringMatching(/^host: must be a loopback host/),
      ]),
    );
    expect(error?.message).toMatch(/^Invalid emulator config:/);
  });

  it("a job's failNodes must exist in the manifest", async () => {
    const problems = await problemsOf(
      emulator(account([{ name: "J", behaviour: { failNodes: ["stg_orders", "stg_paymnts"] } }])),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^accounts\[0\]\.projects\[0\]\.environments\[0\]\.jobs\[0\]\.behaviour\.failNodes\[1\]: "stg_paymnts" is not a node in the project's manifest\. Use a unique id or a node name, e\.g\. /,
      ),
    ]);
  });

  it("duplicate ids, jobs in development environments, bad steps", async () => {
    const problems = await problemsOf(
      emulator({
        accounts: [
          {
            id: 3,
            projects: [
              {
                name: "P",
                environments: [
                  {
                    name: "Prod",
                    jobs: [
                      { id: 5, name: "A" },
                      { id: 5, name: "B" },
                    ],
                  },
                  { name: "Dev", type: "development", jobs: [{ id: 6, name: "C" }] },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/jobs\[1\]\.id: job id 5 is used twice\. Give each job its own id\./),
        expect.stringMatching(/environments\[1\]\.jobs\[0\]: jobs cannot run in a development environment/),
      ]),
    );
    const steps = await problemsOf(emulator(account([{ name: "J", executeSteps: ["build"] }])));
    expect(steps[0]).toMatch(/executeSteps\[0\]: must be a dbt command that starts with "dbt "/);
  });

  it("a manifestPath that does not exist or is not a manifest", async () => {
    const missing = await problemsOf(emulator({ manifestPath: "/nonexistent/manifest.json" }));
    expect(missing[0]).toMatch(
      /^manifestPath: cannot read a JSON manifest at "\/nonexistent\/manifest.json"/,
    );
    const notManifest = await problemsOf(
      emulator({
        manifestPath: sharedFixture(
          "dbt-artifacts",
          "jaffle-shop-yu-iskw",
          "v12-dbt1.9.0-build",
          "run_results.json",
        ),
      }),
    );
    expect(notManifest.join("\n")).toMatch(/has no "nodes" object/);
  });

  it("a manifest too large to read is refused by its size, naming the file, before it is read", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emulator-big-manifest-"));
    try {
      const path = join(dir, "manifest.json");
      // Sparse: only the size is past the limit, no disk space or memory is used.
      const handle = await open(path, "w");
      await handle.truncate(constants.MAX_STRING_LENGTH + 1);
      await handle.close();
      const problems = await problemsOf(emulator({ manifestPath: path }));
      expect(problems[0]).toContain(`manifestPath: the manifest "${path}" is `);
      expect(problems[0]).toContain(`${(constants.MAX_STRING_LENGTH + 1).toLocaleString("en-US")} bytes`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("jobs.configure and the admin endpoint reject bad behaviour with the field named", async () => {
    const emu = await emulator();
    expect(() => emu.jobs.configure(1001, { outcome: "exploded" as never })).toThrow(
      /behaviour\.outcome: must be "success", "error" or "cancelled"/,
    );
    expect(() => emu.jobs.configure("No such job", {})).toThrow(
      /no job "No such job"\. Use one of 1001 \("Daily build"\)/,
    );
    const res = await raw(emu, "/__emulator/jobs/1001/behaviour", {
      method: "POST",
      body: { failNodes: ["nope"] },
      token: null,
    });
    expect(res.status).toBe(400);
    expect((res.json as { problems: string[] }).problems[0]).toMatch(
      /behaviour\.failNodes\[0\]: "nope" is not a node/,
    );
    const ok = await raw(emu, "/__emulator/jobs/1001/behaviour", {
      method: "POST",
      body: { outcome: "error" },
      token: null,
    });
    expect(ok.status).toBe(200);
    expect(emu.jobs.get(1001).behaviour.outcome).toBe("error");
  });
});

describe("a supplied manifest", () => {
  it("runs real projects' nodes: a v12 jaffle shop manifest with a selection", async () => {
    const emu = await emulator({
      manifestPath: sharedFixture(
        "dbt-artifacts",
        "jaffle-shop-yu-iskw",
        "v12-dbt1.9.0-build",
        "manifest_1.9.json",
      ),
      accounts: [
        {
          id: 4,
          projects: [
            {
              name: "Jaffle",
              environments: [
                {
                  name: "Prod",
                  jobs: [
                    {
                      id: 40,
                      name: "Orders",
                      executeSteps: ["dbt build --select orders"],
                      behaviour: { failNodes: ["unique_orders_order_id"] },
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const client = clientFor(emu);
    const run = await client.triggerJobRun(40, { cause: "jaffle" });
    emu.clock.advanceSeconds(3600);
    const rr = (await client.getRunArtifact(run.id, "run_results.json")) as {
      results: Array<{ unique_id: string; status: string }>;
    };
    const ids = rr.results.map((r) => r.unique_id);
    expect(ids).toContain("model.jaffle_shop.orders");
    expect(ids.every((id) => id === "model.jaffle_shop.orders" || id.startsWith("test.jaffle_shop."))).toBe(
      true,
    );
    expect(
      rr.results.find((r) => r.unique_id.startsWith("test.jaffle_shop.unique_orders_order_id"))?.status,
    ).toBe("fail");
    const manifest = (await client.getRunArtifact(run.id, "manifest.json")) as {
      metadata: { project_name: string };
    };
    expect(manifest.metadata.project_name).toBe("jaffle_shop");
  });
});
