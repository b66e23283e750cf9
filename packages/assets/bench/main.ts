/**
 * `pnpm --filter @dbt-cloud-kit/assets bench`: synthetic manifests of 1k, 5k, 10k and 50k nodes;
 * prints, side by side, JSON.parse time and the time of buildDbtSpecs, selectUniqueIds (a mix of
 * selectors), eventsFromRunResults and summarizeRunResults (a full run and a partial one); growth from 5k
 * to 50k, with summarizeRunResults' growth beside JSON.parse's; peak heap, measured in a fresh child
 * process per size; and the ReDoS lines: the linear fnmatch and path matchers against the old
 * backtracking ones on adversarial inputs. Checks the targets of the issues. Timings are process CPU
 * time, best of several runs, each after a full GC.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildDbtSpecs,
  type DbtManifest,
  type DbtRunResults,
  eventsFromRunResults,
  selectUniqueIds,
  summarizeRunResults,
} from "../src/index.js";
import { globMatcher } from "../src/selection/fnmatch.js";
import { makePathMatcher } from "../src/selection/path-glob.js";
import { oldGlobMatcher, oldPathFileMatcher } from "./old-matchers.js";
import { generateSyntheticProject } from "./synthetic-project.js";

const TARGETS = {
  specsOverParse: 1.5,
  selectorMs: 50,
  eventsOverParse: 0.5,
  growth: 12,
  heapOverFile: 3,
};

declare const gc: (() => void) | undefined;
const collect = () => (typeof gc === "function" ? gc() : undefined);

/**
 * CPU time (user + system) of this process, not wall time: other processes on a busy machine do not
 * count, so the ratios stay meaningful on shared CI runners. Best of `runs`, each after a full GC.
 */
function time<T>(runs: number, fn: () => T): { ms: number; value: T } {
  const samples: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    collect();
    const start = process.cpuUsage();
    value = fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  return { ms: Math.min(...samples), value: value as T };
}

interface SizeResult {
  nodes: number;
  manifestMb: number;
  runResultsMb: number;
  parseMs: number;
  specsMs: number;
  assets: number;
  checks: number;
  /** First selectUniqueIds on a manifest object: builds the selection graph. */
  firstSelectMs: number;
  selectors: Array<{ selector: string; ms: number; selected: number }>;
  runParseMs: number;
  /** First call for a manifest object: resolves unique id -> key for the results. */
  eventsMs: number;
  /** Later calls with the same manifest object (the key map is kept). */
  eventsWarmMs: number;
  /** First call given the specs (as `execute` does): targets come from one map over the specs. */
  eventsSpecsMs: number;
  events: number;
  summaryMs: number;
  /** The same run with every other result left out (a partial run: parents outside the run are walked). */
  summaryPartialMs: number;
  partialParseMs: number;
  heapPeakMb: number;
}

type Sample = ReturnType<typeof generateSyntheticProject>["sample"];

function selectorMix(sample: Sample) {
  return [
    { select: "fqn:*" },
    { select: `+${sample.model}+` },
    { select: `@${sample.model}` },
    { select: `2+${sample.model}+2` },
    { select: `tag:${sample.tag}` },
    { select: `tag:${sample.tag},config.materialized:table` },
    { select: `package:${sample.packageName}` },
    { select: `path:${sample.path}` },
    { select: "fqn:analytics.marts.*" },
    { select: "resource_type:model", exclude: "tag:pii" },
    { select: "test_type:generic,tag:critical" },
    { select: "source:src_1+" },
    { selector: sample.selectorName },
  ];
}

/** Generated in its own frame so nothing of the generator's object graph stays alive while measuring. */
function writeSyntheticProject(nodes: number, manifestPath: string, runResultsPath: string) {
  const generated = generateSyntheticProject({ nodes, seed: 1 });
  writeFileSync(manifestPath, JSON.stringify(generated.manifest));
  writeFileSync(runResultsPath, JSON.stringify(generated.runResults));
  return generated.sample;
}

type Timings = Omit<SizeResult, "nodes" | "manifestMb" | "runResultsMb" | "heapPeakMb">;

/** Runs the timing and heap probes in fresh processes, so one size's garbage never slows another. */
function measureSize(nodes: number, dir: string): SizeResult {
  const manifestPath = join(dir, `manifest-${nodes}.json`);
  const runResultsPath = join(dir, `run_results-${nodes}.json`);
  const sample = writeSyntheticProject(nodes, manifestPath, runResultsPath);
  const runs = nodes >= 50_000 ? 5 : 9;
  const probe = (args: string[]): string => {
    const child = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--max-old-space-size=8192",
        // Each sample starts with a forced full GC. By default V8 then sweeps the whole old space on
        // helper threads while the next sample runs, and process CPU time (all threads) charged that
        // sweep (work proportional to the heap, not to the call) to the measured call: a 30 ms loop
        // measured 55-64 ms at 50k nodes. Sweeping on the main thread finishes inside gc(), untimed.
        "--no-concurrent-sweeping",
        fileURLToPath(import.meta.url),
        ...args,
      ],
      {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (child.status !== 0) throw new Error(`bench probe ${args[0]} failed: ${child.stderr}`);
    return child.stdout;
  };
  const timings = JSON.parse(
    probe(["--time", manifestPath, runResultsPath, JSON.stringify(sample), String(runs)]),
  ) as Timings;
  const heapPeakMb = Number.parseFloat(probe(["--heap", manifestPath, runResultsPath]).trim());
  return {
    nodes,
    manifestMb: statSync(manifestPath).size / 1e6,
    runResultsMb: statSync(runResultsPath).size / 1e6,
    heapPeakMb,
    ...timings,
  };
}

/** Child process: every timing for one size. */
function timingProbe(manifestPath: string, runResultsPath: string, sample: Sample, runs: number): void {
  const manifestText = readFileSync(manifestPath, "utf8");
  const runText = readFileSync(runResultsPath, "utf8");
  const parsed = time(runs, () => JSON.parse(manifestText) as DbtManifest);
  const runParsed = time(runs, () => JSON.parse(runText) as DbtRunResults);
  const runResults = runParsed.value;

  // Cold: every run gets a manifest object no call has seen yet (no cached graph or key map). The
  // previous run's manifest and outputs stay referenced until this run is measured: dropped, V8 frees
  // their hidden classes with them and discards the optimized code built for those shapes ("weak
  // objects" deopts), so each sample re-ran the JIT (on a helper thread whose CPU counts) while
  // JSON.parse, native code, never does. A process converting one run after another holds the last
  // manifest while it parses the next, as here.
  const specsCold: number[] = [];
  const eventsCold: number[] = [];
  const eventsWarm: number[] = [];
  const eventsSpecs: number[] = [];
  let specs: ReturnType<typeof buildDbtSpecs> | undefined;
  let eventCount = 0;
  const previous: unknown[] = [];
  for (let i = 0; i < runs; i++) {
    let fresh = JSON.parse(manifestText) as DbtManifest;
    let events: unknown;
    eventsCold.push(time(1, () => (events = eventsFromRunResults(runResults, fresh))).ms);
    eventsWarm.push(time(1, () => (eventCount = eventsFromRunResults(runResults, fresh).length)).ms);
    fresh = JSON.parse(manifestText) as DbtManifest;
    specsCold.push(time(1, () => (specs = buildDbtSpecs(fresh))).ms);
    const built = specs as ReturnType<typeof buildDbtSpecs>;
    let specEvents: unknown;
    eventsSpecs.push(
      time(1, () => (specEvents = eventsFromRunResults(runResults, fresh, { specs: built }))).ms,
    );
    previous.splice(0, previous.length, fresh, events, built, specEvents);
  }
  previous.length = 0;
  const built = specs as ReturnType<typeof buildDbtSpecs>;

  const manifest = parsed.value;
  const firstSelect = time(1, () => selectUniqueIds(manifest, {})).ms;
  const selectors = selectorMix(sample).map((options) => {
    const result = time(runs, () => selectUniqueIds(manifest, options));
    const label = [
      options.select ? `--select ${options.select}` : "",
      options.exclude ? `--exclude ${options.exclude}` : "",
      options.selector ? `--selector ${options.selector}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    return { selector: label, ms: result.ms, selected: result.value.size };
  });
  const summary = time(runs, () => summarizeRunResults(runResults, manifest));
  const partial = { ...runResults, results: runResults.results.filter((_, i) => i % 2 === 0) };
  const partialText = JSON.stringify(partial);
  const partialParse = time(runs, () => JSON.parse(partialText) as DbtRunResults);
  const summaryPartial = time(runs, () => summarizeRunResults(partialParse.value, manifest));

  const timings: Timings = {
    parseMs: parsed.ms,
    specsMs: Math.min(...specsCold),
    assets: built.assetSpecs.length,
    checks: built.checkSpecs.length,
    firstSelectMs: firstSelect,
    selectors,
    runParseMs: runParsed.ms,
    eventsMs: Math.min(...eventsCold),
    eventsWarmMs: Math.min(...eventsWarm),
    eventsSpecsMs: Math.min(...eventsSpecs),
    events: eventCount,
    summaryMs: summary.ms,
    summaryPartialMs: summaryPartial.ms,
    partialParseMs: partialParse.ms,
  };
  process.stdout.write(JSON.stringify(timings));
}

/**
 * Child process: peak live heap (after a full GC) at each step of a load: file text read, manifest
 * parsed (text still referenced), text dropped and specs built, events built from run_results.
 */
function heapProbe(manifestPath: string, runResultsPath: string): void {
  collect();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const sample = () => {
    collect();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  };
  let text: string | undefined = readFileSync(manifestPath, "utf8");
  sample();
  const manifest = JSON.parse(text) as DbtManifest;
  sample();
  text = undefined;
  const specs = buildDbtSpecs(manifest);
  sample();
  const runResults = JSON.parse(readFileSync(runResultsPath, "utf8")) as DbtRunResults;
  const events = eventsFromRunResults(runResults, manifest, { specs });
  sample();
  process.stdout.write(`${(peak / 1e6).toFixed(1)} ${specs.assetSpecs.length} ${events.length}\n`);
}

function pad(value: string | number, width: number): string {
  const text = typeof value === "number" ? value.toFixed(value >= 100 ? 0 : 1) : value;
  return text.padStart(width);
}

function verdict(ok: boolean): string {
  return ok ? "ok  " : "MISS";
}

function main(): void {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const list = sizes.length > 0 ? sizes : [1_000, 5_000, 10_000, 50_000];
  const dir = mkdtempSync(join(tmpdir(), "dbt-cloud-kit-bench-"));
  const results: SizeResult[] = [];
  try {
    for (const n of list) {
      process.stderr.write(`measuring ${n} nodes…\n`);
      results.push(measureSize(n, dir));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `\n@dbt-cloud-kit/assets bench (Node ${process.version}; CPU ms, best of several runs; "x parse" = time / JSON.parse time of the same file)\n`,
  );
  console.log(
    [
      pad("nodes", 7),
      pad("manifest MB", 12),
      pad("JSON.parse", 11),
      pad("buildDbtSpecs", 14),
      pad("x parse", 8),
      pad("slowest sel.", 13),
      pad("rr MB", 7),
      pad("rr parse", 9),
      pad("events", 8),
      pad("x parse", 8),
      pad("again", 6),
      pad("summary", 8),
      pad("peak heap MB", 13),
      pad("x file", 7),
    ].join(" "),
  );
  for (const r of results) {
    const slowest = Math.max(...r.selectors.map((s) => s.ms));
    console.log(
      [
        pad(String(r.nodes), 7),
        pad(r.manifestMb, 12),
        pad(r.parseMs, 11),
        pad(r.specsMs, 14),
        pad((r.specsMs / r.parseMs).toFixed(2), 8),
        pad(slowest, 13),
        pad(r.runResultsMb, 7),
        pad(r.runParseMs, 9),
        pad(r.eventsMs, 8),
        pad((r.eventsMs / r.runParseMs).toFixed(2), 8),
        pad(r.eventsWarmMs, 6),
        pad(r.summaryMs, 8),
        pad(r.heapPeakMb, 13),
        pad((r.heapPeakMb / r.manifestMb).toFixed(2), 7),
      ].join(" "),
    );
  }

  const largest = results[results.length - 1];
  if (largest) {
    console.log(`\nselectUniqueIds on ${largest.nodes} nodes (selected ids, ms):`);
    for (const s of largest.selectors)
      console.log(`  ${pad(s.ms, 7)}  ${pad(String(s.selected), 6)}  ${s.selector}`);
    console.log(
      `  first call on a manifest object (builds the selection graph once): ${largest.firstSelectMs.toFixed(1)} ms`,
    );
    console.log(
      `  buildDbtSpecs: ${largest.assets} assets, ${largest.checks} checks; events: ${largest.events}`,
    );
    console.log(
      `  eventsFromRunResults given the specs (as execute does), first call: ${largest.eventsSpecsMs.toFixed(1)} ms ` +
        `(${(largest.eventsSpecsMs / largest.runParseMs).toFixed(2)}x parse)`,
    );
    console.log(
      "buildDbtSpecs and events are first calls on a manifest object (cold); 'again' = events on the same manifest later.",
    );
    console.log("peak heap = peak live heap (after GC) over: text read, parsed, specs built, events built.");
  }

  console.log("\ntargets:");
  for (const r of results) {
    const slowest = Math.max(...r.selectors.map((s) => s.ms));
    console.log(
      `  ${pad(String(r.nodes), 6)} nodes: ${verdict(r.specsMs <= TARGETS.specsOverParse * r.parseMs)} specs <= ${TARGETS.specsOverParse}x parse` +
        ` | ${verdict(r.eventsMs <= TARGETS.eventsOverParse * r.runParseMs)} events <= ${TARGETS.eventsOverParse}x parse` +
        ` | ${verdict(r.heapPeakMb <= TARGETS.heapOverFile * r.manifestMb)} heap <= ${TARGETS.heapOverFile}x file` +
        (r.nodes >= 50_000
          ? ` | ${verdict(slowest < TARGETS.selectorMs)} every selector < ${TARGETS.selectorMs} ms`
          : ""),
    );
  }
  const small = results.find((r) => r.nodes === 5_000);
  const big = results.find((r) => r.nodes === 50_000);
  if (small && big) {
    const growth = (f: (r: SizeResult) => number) => f(big) / f(small);
    const slowest = (r: SizeResult) => Math.max(...r.selectors.map((s) => s.ms));
    console.log(
      `  growth 5k -> 50k (<= ${TARGETS.growth}x): JSON.parse ${growth((r) => r.parseMs).toFixed(1)}x, ` +
        `buildDbtSpecs ${growth((r) => r.specsMs).toFixed(1)}x ${verdict(growth((r) => r.specsMs) <= TARGETS.growth)}, ` +
        `slowest selector ${growth(slowest).toFixed(1)}x ${verdict(growth(slowest) <= TARGETS.growth)}, ` +
        `events ${growth((r) => r.eventsMs).toFixed(1)}x ${verdict(growth((r) => r.eventsMs) <= TARGETS.growth)}, ` +
        `summary ${growth((r) => r.summaryMs).toFixed(1)}x ${verdict(growth((r) => r.summaryMs) <= TARGETS.growth)}`,
    );
    const parseGrowth = growth((r) => r.parseMs + r.runParseMs);
    const summaryGrowth = growth((r) => r.summaryMs);
    const partialGrowth = growth((r) => r.summaryPartialMs);
    const partialParseGrowth = growth((r) => r.parseMs + r.partialParseMs);
    console.log(
      `  summarizeRunResults growth 5k -> 50k vs JSON.parse of the same files (manifest + run_results): ` +
        `full run ${summaryGrowth.toFixed(1)}x vs ${parseGrowth.toFixed(1)}x ${verdict(summaryGrowth <= parseGrowth * 1.15)}, ` +
        `partial run (every other result) ${partialGrowth.toFixed(1)}x vs ${partialParseGrowth.toFixed(1)}x ` +
        `${verdict(partialGrowth <= partialParseGrowth * 1.15)} (ms: ${small.summaryMs.toFixed(1)} -> ${big.summaryMs.toFixed(0)}, ` +
        `partial ${small.summaryPartialMs.toFixed(1)} -> ${big.summaryPartialMs.toFixed(0)})`,
    );
  }
  printGlobLines();
}

/** The adversarial glob cases of the ReDoS lines. */
const GLOB_PATTERN = `${"*a".repeat(31)}*b`; // 64 characters
const PATH_PATTERN = `${"**/".repeat(30)}x.sql`;

/** Child process: one matcher over the adversarial inputs; prints CPU ms and the number of matches. */
function globProbe(which: "new" | "old", kind: "fnmatch" | "path"): void {
  let matches = 0;
  const start = process.cpuUsage();
  if (kind === "fnmatch") {
    const names = Array.from({ length: 1_000 }, (_, i) => "a".repeat(1_024 - (i % 8)));
    const match = which === "new" ? globMatcher(GLOB_PATTERN) : oldGlobMatcher(GLOB_PATTERN);
    for (const name of names) if (match(name)) matches += 1;
  } else {
    const paths = Array.from({ length: 1_000 }, (_, i) => [
      ...Array.from({ length: 63 }, () => `d${i % 7}`),
      "y.sql",
    ]);
    if (which === "new") {
      const matcher = makePathMatcher(PATH_PATTERN);
      for (const parts of paths) if (matcher.file(parts.slice(0, -1), parts.at(-1) as string)) matches += 1;
    } else {
      const match = oldPathFileMatcher(PATH_PATTERN);
      for (const parts of paths) if (match(parts)) matches += 1;
    }
  }
  const used = process.cpuUsage(start);
  process.stdout.write(`${((used.user + used.system) / 1000).toFixed(1)} ${matches}\n`);
}

/** Runs a glob probe in a child with a time limit: the old matchers never finish these inputs. */
function globLine(which: "new" | "old", kind: "fnmatch" | "path", limitMs: number): string {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--glob", which, kind], {
    encoding: "utf8",
    timeout: limitMs,
  });
  if (child.status !== 0) return `> ${limitMs} ms (stopped; not one input finished)`;
  const [ms, matches] = child.stdout.trim().split(" ");
  return `${ms} ms (${matches} matches)`;
}

function printGlobLines(): void {
  const limit = 5_000;
  console.log(
    `\nglob matching, ReDoS inputs (target: well under 100 ms; the old matchers are bench/old-matchers.ts, stopped after ${limit} ms):`,
  );
  console.log(
    `  fnmatch, 64-char "${GLOB_PATTERN.slice(0, 8)}…${GLOB_PATTERN.slice(-4)}" vs 1,000 names of 1 KB: ` +
      `linear ${globLine("new", "fnmatch", limit)} | old RegExp ${globLine("old", "fnmatch", limit)}`,
  );
  console.log(
    `  path:, "${"**/".repeat(3)}…(30 ×)x.sql" vs 1,000 paths of 64 segments: ` +
      `NFA ${globLine("new", "path", limit)} | old recursive ${globLine("old", "path", limit)}`,
  );
}

const mode = process.argv[2];
if (mode === "--glob") globProbe(process.argv[3] as "new" | "old", process.argv[4] as "fnmatch" | "path");
else if (mode === "--heap") heapProbe(process.argv[3] as string, process.argv[4] as string);
else if (mode === "--time") {
  timingProbe(
    process.argv[3] as string,
    process.argv[4] as string,
    JSON.parse(process.argv[5] as string) as Sample,
    Number(process.argv[6]),
  );
} else main();
