// `pnpm bench`: bundles bench/main.ts whole (undici, zod, tsup's own deps: the emulator host forks the
// bundle from a temp dir with no node_modules) and runs it with --expose-gc (see scripts/run-bench.mjs).
import { runBench } from "../../../scripts/run-bench.mjs";

await runBench(new URL(".", import.meta.url), { bundleAll: true });
