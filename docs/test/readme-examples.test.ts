import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { READMES, type ReadmeExample, readmeExamples } from "./readme-blocks.js";

/** What each runnable README example must print; an example without an entry here fails the suite. */
const EXPECTED_OUTPUT: Record<string, (output: string) => void> = {
  "credentials-quick-start": (out) => {
    expect(out.split("\n").slice(0, 2)).toEqual(["https://ab123.us1.dbt.com", "true"]);
    expect(out).toContain(
      `DbtCloudCredentials { accountId: 12345, accessUrl: 'https://ab123.us1.dbt.com', token: [REDACTED] }`,
    );
    expect(out).toContain('{"accountId":12345,"accessUrl":"https://ab123.us1.dbt.com","token":"[REDACTED]"}');
    expect(out).toMatch(/"kind":"cell"/);
    expect(out).toMatch(/^https:\/\/cloud\.getdbt\.com$/m);
    expect(out).not.toContain("dbtc_example-token");
  },
  "assets-quick-start": (out) => {
    const [counts, ...events] = out.split("\n");
    expect(counts).toBe("4 assets, 7 checks");
    expect(events.length).toBeGreaterThan(3);
    for (const line of events) expect(line).toMatch(/^(materialization \S+|check_result \S+:\S+)$/);
    expect(events).toContain("materialization orders");
  },
  "emulator-quick-start": (out) => {
    expect(out).toBe(
      ["run 70000001: Error, can_retry true", "2 tests failed", "retry 70000002: Success"].join("\n"),
    );
  },
  "client-quick-start": (out) => {
    expect(out).toMatch(
      /^Triggered run 70000001: http:\/\/127\.0\.0\.1:\d+\/deploy\/1\/projects\/11\/runs\/70000001\/$/m,
    );
    expect(out).toMatch(/^ {2}Success$/m);
    expect(out).toMatch(/^Run 70000001: Success after \d+ seconds$/m);
    expect(out).toMatch(/^run_results\.json: 10 success, 13 pass$/m);
  },
  "client-tour": (out) => {
    expect(out).toMatch(/^step 4: \d+ bytes in .*artifacts\/run_results\.json$/m);
    expect(out).toMatch(/^70000001 Success$/m);
    expect(out).toMatch(/^\d+ nodes; build: Success$/m);
  },
};

let dir: string | undefined;
const cwd = process.cwd();
afterEach(async () => {
  process.chdir(cwd);
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs the example as a module of its own in an empty directory and returns what it printed. */
async function runExample(example: ReadmeExample): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), `readme-${example.name}-`));
  const file = join(dir, `${example.name}.ts`);
  await writeFile(file, `${example.code}\nexport {};\n`);
  const lines: string[] = [];
  const capture = (...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : inspectValue(a))).join(" "));
  };
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "info").mockImplementation(capture);
  vi.spyOn(console, "warn").mockImplementation(capture);
  vi.spyOn(console, "debug").mockImplementation(() => {});
  process.chdir(dir);
  await import(pathToFileURL(file).href);
  return lines.join("\n");
}

function inspectValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

const examples = READMES.flatMap((readme) => readmeExamples(readme));

describe("README examples run as written", () => {
  it("finds the runnable examples, each with expectations", () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples)
      expect(Object.keys(EXPECTED_OUTPUT), `${e.readme}: ${e.name}`).toContain(e.name);
    expect(new Set(examples.map((e) => e.name)).size).toBe(examples.length);
  });

  for (const example of examples) {
    it(`${example.readme}: ${example.name}`, async () => {
      const output = await runExample(example);
      EXPECTED_OUTPUT[example.name]?.(output);
    });
  }
});
