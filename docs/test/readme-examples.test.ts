import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { READMES, type ReadmeExample, readmeExamples } from "./readme-blocks.js";

/** What each runnable README example must print; an example without an entry here fails the suite. */
const EXPECTED_OUTPUT: Record<string, (output: string) => void> = {
  "client-quick-start": (out) => {
    expect(out).toMatch(/^Triggered run 70000001: http:\/\/127\.0\.0\.1:\d+\/deploy\/1\/projects\/11\/runs\/70000001\/$/m);
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
    for (const e of examples) expect(Object.keys(EXPECTED_OUTPUT), `${e.readme}: ${e.name}`).toContain(e.name);
    expect(new Set(examples.map((e) => e.name)).size).toBe(examples.length);
  });

  for (const example of examples) {
    it(`${example.readme}: ${example.name}`, async () => {
      const output = await runExample(example);
      EXPECTED_OUTPUT[example.name]?.(output);
    });
  }
});
