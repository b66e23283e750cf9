// `pnpm bench`: bundles bench/main.ts and runs it with --expose-gc (see scripts/run-bench.mjs).
import { runBench } from "../../../scripts/run-bench.mjs";

await runBench(new URL(".", import.meta.url));
