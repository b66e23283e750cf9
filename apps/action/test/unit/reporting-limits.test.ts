import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { countsByResourceType } from "@dbt-cloud-kit/app-kit";
import type { DbtRunSummary, DbtSummaryNode } from "@dbt-cloud-kit/assets";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  annotate,
  annotationsLeft,
  fail,
  MAX_ANNOTATIONS_PER_LEVEL,
  resetAnnotationCounts,
} from "../../src/github/action-log.js";
import {
  FAILED_NODES_FILE,
  idsThatFit,
  MAX_OUTPUT_BYTES,
  setResultsOutput,
  setTextOutput,
  writeFailedNodes,
} from "../../src/outputs/bounded-outputs.js";
import { annotationsFor } from "../../src/summary/annotations-for.js";

vi.mock("@actions/core", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@actions/core")>();
  return {
    ...actual,
    info: vi.fn(),
    error: vi.fn(),
    warning: vi.fn(),
    notice: vi.fn(),
    setFailed: vi.fn(),
    setOutput: vi.fn(),
  };
});

const outputs = () => new Map(vi.mocked(core.setOutput).mock.calls.map(([k, v]) => [k, String(v)]));

beforeEach(() => {
  vi.clearAllMocks();
  resetAnnotationCounts();
});

const node = (i: number): DbtSummaryNode => ({
  uniqueId: `test.shop.t${i}`,
  name: `t${i}`,
  resourceType: "test",
  status: "fail",
  executionTime: 1,
  message: `m${i}`,
});
const summaryWith = (failed: number, warned: number) =>
  ({
    failed: Array.from({ length: failed }, (_, i) => node(i)),
    warned: Array.from({ length: warned }, (_, i) => ({ ...node(i), status: "warn" })),
  }) as DbtRunSummary;

describe("annotations within GitHub's 10 per level", () => {
  it("fills what is left after the run-level error, the last slot saying how many more", () => {
    const list = annotationsFor(summaryWith(25, 3), { error: 9, warning: 10 }, "in the job summary");
    const errors = list.filter((a) => a.level === "error");
    expect(errors).toHaveLength(9);
    expect(errors.slice(0, 8).map((a) => a.title)).toEqual(
      errors.slice(0, 8).map((_, i) => `dbt test t${i}: fail`),
    );
    expect(errors[8]?.message).toBe("…and 17 more in the job summary.");
    expect(list.filter((a) => a.level === "warning")).toHaveLength(3);
  });

  it("lists every node when they fit, and nothing when there is no room", () => {
    expect(annotationsFor(summaryWith(9, 0), { error: 9, warning: 10 }, "x")).toHaveLength(9);
    expect(annotationsFor(summaryWith(5, 5), { error: 0, warning: 0 }, "x")).toEqual([]);
  });

  it("counts every annotation of the step and turns the 11th into a log line", () => {
    fail("run failed");
    for (let i = 0; i < 12; i++) annotate("error", `e${i}`);
    expect(core.setFailed).toHaveBeenCalledTimes(1);
    expect(core.error).toHaveBeenCalledTimes(MAX_ANNOTATIONS_PER_LEVEL - 1);
    expect(annotationsLeft("error")).toBe(0);
    expect(vi.mocked(core.info).mock.calls.map(([l]) => l)).toEqual([
      "Error: e9",
      "Error: e10",
      "Error: e11",
    ]);
    expect(annotationsLeft("warning")).toBe(MAX_ANNOTATIONS_PER_LEVEL);
  });

  it("defuses the legacy ##[ marker in messages, titles and files (core escapes the rest)", () => {
    annotate("warning", "a ##[error]b", { title: "##[group]t", file: "m/##[x].sql" });
    expect(core.warning).toHaveBeenCalledWith("a ##\u2060[error]b", {
      title: "##\u2060[group]t",
      file: "m/##\u2060[x].sql",
    });
    fail("x ##[error]y");
    expect(core.setFailed).toHaveBeenCalledWith("x ##\u2060[error]y");
  });
});

describe("outputs under GitHub's 1 MB", () => {
  it("failed-nodes keeps the first ids that fit; failed-nodes-path has them all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "failed-nodes-"));
    const ids = Array.from({ length: 30_000 }, (_, i) => `test.project.${"x".repeat(40)}_${i}`);
    await writeFailedNodes(ids, dir, (p, v) => core.info(`${p}${v}`));
    const out = outputs();
    const kept = JSON.parse(out.get("failed-nodes") ?? "") as string[];
    expect(Buffer.byteLength(out.get("failed-nodes") ?? "")).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
    expect(kept.length).toBeLessThan(ids.length);
    expect(kept).toEqual(ids.slice(0, kept.length));
    expect(out.get("failed-nodes-path")).toBe(join(dir, FAILED_NODES_FILE));
    expect(JSON.parse(readFileSync(join(dir, FAILED_NODES_FILE), "utf8"))).toEqual(ids);
    expect(vi.mocked(core.info).mock.calls[0]?.[0]).toMatch(/30000 failed nodes do not fit/);
  });

  it("idsThatFit stops at the limit, counting JSON escapes and multi-byte characters", () => {
    expect(idsThatFit(["a", "b", "c"], 9)).toEqual(["a", "b"]);
    expect(idsThatFit(['"q"', "é"], 7)).toEqual([]);
    expect(idsThatFit(['"q"', "é"], 9)).toEqual(['"q"']);
  });

  it("refuses to follow a symlink planted at failed-nodes.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "failed-nodes-"));
    const outside = join(mkdtempSync(join(tmpdir(), "outside-")), "victim.txt");
    writeFileSync(outside, "keep me");
    symlinkSync(outside, join(dir, FAILED_NODES_FILE));
    await writeFailedNodes(["a"], dir, (p, v) => core.info(`${p}${v}`));
    expect(readFileSync(outside, "utf8")).toBe("keep me");
    expect(lstatSync(join(dir, FAILED_NODES_FILE)).isSymbolicLink()).toBe(true);
    expect(outputs().has("failed-nodes-path")).toBe(false);
    expect(outputs().get("failed-nodes")).toBe('["a"]');
  });

  it("cuts a long status message at a character boundary", () => {
    setTextOutput("status-message", `${"é".repeat(10)}`, 9);
    expect(outputs().get("status-message")).toBe("ééé…");
    expect(Buffer.byteLength(outputs().get("status-message") ?? "")).toBeLessThanOrEqual(9);
    setTextOutput("short", "ok");
    expect(outputs().get("short")).toBe("ok");
  });

  it("results stays valid JSON: {} with a note when the counts cannot fit", () => {
    setResultsOutput({ model: { success: 1 } }, (p, v) => core.info(`${p}${v}`), 100);
    expect(outputs().get("results")).toBe('{"model":{"success":1}}');
    setResultsOutput({ model: { [`s${"x".repeat(200)}`]: 1 } }, (p, v) => core.info(`${p}${v}`), 100);
    expect(outputs().get("results")).toBe("{}");
  });
});

describe("untrusted keys", () => {
  it("counts by resource type and status on null-prototype objects, serialised as before", () => {
    const byResourceType = JSON.parse(
      '{"__proto__":{"constructor":2},"toString":{"__proto__":1},"model":{"success":3,"hasOwnProperty":1}}',
    ) as Record<string, Record<string, number>>;
    const counts = countsByResourceType({ byResourceType } as DbtRunSummary);
    expect(Object.getPrototypeOf(counts)).toBeNull();
    expect(Object.getPrototypeOf(counts.model)).toBeNull();
    expect(JSON.stringify(counts)).toBe(
      '{"__proto__":{"constructor":2},"toString":{"__proto__":1},"model":{"success":3,"hasOwnProperty":1}}',
    );
    expect(JSON.stringify(countsByResourceType({ byResourceType: { model: { success: 3 } } } as never))).toBe(
      '{"model":{"success":3}}',
    );
  });
});
