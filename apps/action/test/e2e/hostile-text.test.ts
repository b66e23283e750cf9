import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { outlineOf, readRunnerStream, structureOf } from "@dbt-cloud-kit/app-kit/testing";
import { type Emulator, generateProjectManifest, type Manifest } from "@dbt-cloud-kit/emulator";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { afterEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { type BundleRun, runBundle } from "./run-bundle.js";

/** Text a pull request author controls through a dbt project: node names, file paths, messages. */
const HOSTILE_NAMES = [
  "x\n::error::injected-by-name",
  "::stop-commands::pwned",
  "  ::warning title=a::injected-warning",
  "y\r::add-mask::zzz",
  "a ##[error]legacy-marker",
  "</td></tr></table><details><summary>s</summary>",
  "`` ``` `` | pipe | @octocat #1",
  "\r\n::set-output name=x::injected-output",
];
const HOSTILE_STATUS =
  "Boom\n::error::injected-status\r::stop-commands::abc\n##[group]legacy\n> quote | cell";

/**
 * The generated project with its models and tests named (and their files placed) by `name`, and a job
 * (`dbt seed`, `dbt run`, `dbt test`) whose every test fails: more failures than GitHub shows annotations.
 */
function scenario(name: (i: number) => string): { manifestPath: string; failNodes: string[] } {
  const manifest: Manifest = generateProjectManifest();
  // The default workspace's other jobs name these nodes; they keep their names.
  const named = new Set([
    "assert_order_amount_positive",
    "unique_stg_customers_customer_id",
    "accepted_values_orders_status",
    "stg_payments",
  ]);
  const all = Object.values(manifest.nodes);
  all
    .filter((n) => (n.resource_type === "model" || n.resource_type === "test") && !named.has(n.name))
    .forEach((n, i) => {
      n.name = name(i);
      n.original_file_path = `models/${name(i + 1)}.sql`;
    });
  const dir = mkdtempSync(join(tmpdir(), "dbt-hostile-"));
  const manifestPath = join(dir, "manifest.json");
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { manifestPath, failNodes: all.filter((n) => n.resource_type === "test").map((n) => n.unique_id) };
}

async function runScenario(name: (i: number) => string, statusMessage: string): Promise<BundleRun> {
  const { manifestPath, failNodes } = scenario(name);
  emu = await emulator({ manifestPath });
  emu.jobs.configure(JOBS.modelError, { failNodes, warnNodes: [], statusMessage });
  return runBundle({
    inputs: { ...baseInputs(emu, JOBS.modelError), "job-summary": "true", annotations: "true" },
  });
}

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Lines outside the action's own blocks (`::stop-commands::<32 hex>` … `::<token>::`), split as the runner does. */
function linesOutsideBlocks(stdout: string): string[] {
  const outside: string[] = [];
  let token: string | undefined;
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    if (token !== undefined) {
      if (line === `::${token}::`) token = undefined;
      continue;
    }
    const start = /^::stop-commands::([0-9a-f]{32})$/.exec(line);
    if (start) token = start[1];
    else outside.push(line);
  }
  expect(token, "every block the action opens is closed").toBeUndefined();
  return outside;
}

/** The commands the action itself writes: groups, debug, annotations, masks of its own secrets. */
const ACTION_COMMAND = /^::(group|endgroup|debug|error|warning|notice|add-mask)( [^\r\n]*)?::/;

function html(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

describe("hostile text from dbt Cloud (built bundle against the emulator)", () => {
  it("never lets it start a runner command, and keeps the job summary's structure", async () => {
    const hostile = await runScenario((i) => HOSTILE_NAMES[i % HOSTILE_NAMES.length] ?? "", HOSTILE_STATUS);
    const hostileEmu = emu as Emulator;
    expect(hostile.code).toBe(1);
    expect(hostile.outputs.status).toBe("error");

    // Nothing outside the action's blocks begins (after blanks) with :: unless the action wrote it.
    const outside = linesOutsideBlocks(hostile.stdout);
    for (const line of outside) {
      expect(line, line).not.toContain("##[");
      const start = line.replace(/^[\s\u0085\ufeff]+/, "");
      if (start.startsWith("::")) expect(start, line).toMatch(ACTION_COMMAND);
    }
    // Read by the model of the runner: only the action's commands, each once per call.
    const reading = readRunnerStream(hostile.stdout);
    expect(reading.stoppedAtEnd).toBe(false);
    const names = new Set(reading.commands.map((c) => c.name));
    for (const name of names) {
      expect(name).toMatch(
        /^(group|endgroup|debug|error|warning|notice|add-mask|stop-commands|[0-9a-f]{32})$/,
      );
    }
    for (const c of reading.commands.filter((c) => c.name === "add-mask"))
      expect(c.data).toBe(hostileEmu.token);
    for (const c of reading.commands.filter((c) => c.name === "stop-commands"))
      expect(c.data).toMatch(/^[0-9a-f]{32}$/);
    // The hostile text was printed (inside blocks), so the check above is not vacuous.
    const stopped = reading.stoppedLines.map((l) => l.text).join("\n");
    expect(stopped).toContain("::error::injected-by-name");
    expect(stopped).toContain("::error::injected-status");

    // Annotations: at most 10 errors (the run-level error first), the last one pointing at the summary.
    const errors = reading.commands.filter((c) => c.name === "error");
    const warnings = reading.commands.filter((c) => c.name === "warning");
    expect(errors.length).toBeLessThanOrEqual(10);
    expect(warnings.length).toBeLessThanOrEqual(10);
    expect(errors[0]?.data).toMatch(/^dbt Cloud run \d+ failed/);
    const failed = JSON.parse(hostile.outputs["failed-nodes"] ?? "[]") as string[];
    expect(failed.length).toBeGreaterThan(9);
    expect(errors).toHaveLength(10);
    expect(errors.at(-1)?.data).toBe(`…and ${failed.length - 8} more in the job summary.`);
    expect(
      JSON.parse(readFileSync(join(hostile.workspace, hostile.outputs["failed-nodes-path"] ?? ""), "utf8")),
    ).toEqual(failed);
    expect(hostile.outputs["status-message"]).toBe(HOSTILE_STATUS);

    // The summary of the hostile run has the structure of the same run with plain names.
    await hostileEmu.close();
    emu = undefined;
    const plain = await runScenario((i) => `plain_node_${i}`, "Boom");
    const hostileHtml = html(hostile.summary);
    expect(structureOf(hostileHtml)).toEqual(structureOf(html(plain.summary)));
    const outline = outlineOf(hostileHtml);
    expect(outline.headings.length).toBeGreaterThanOrEqual(3);
    expect(outline.tables.length).toBeGreaterThanOrEqual(3);
    expect(outline.details).toBe(0);
    expect(hostile.summary).not.toMatch(/<\/?(td|tr|table|details|summary)>/);
  });
});
