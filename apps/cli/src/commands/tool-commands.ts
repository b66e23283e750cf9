import type { Command } from "commander";
import { lazyAction, type ProgramRuntime } from "../program/lazy-action.js";
import { withExamples } from "./option-groups.js";

/** emulator (and sensor, once @dbt-cloud-kit/sensor is available). */
export function defineToolCommands(program: Command, runtime: ProgramRuntime): void {
  const emulator = program
    .command("emulator")
    .summary("start the dbt Cloud API emulator on loopback (for tests, demos and your own CI)")
    .description(
      "Start the stateful dbt Cloud API emulator from @dbt-cloud-kit/emulator on 127.0.0.1 and print its URL, account id, token and jobs. Runs until Ctrl-C / SIGTERM (then exits 0).",
    )
    .option("--port <port>", "port to listen on, 0 = any free port (default: 0)")
    .option("--host <host>", "loopback host: 127.0.0.1, localhost or ::1 (default: 127.0.0.1)")
    .option("--config <file>", "emulator config (JSON): accounts, projects, jobs, behaviours, faults")
    .option("--speed <factor>", "emulated seconds per real second, e.g. 60")
    .option("--virtual-clock", "time moves only through POST /__emulator/clock/advance");
  withExamples(emulator, [
    "dbt-cloud-kit emulator --port 8787 --speed 60",
    "dbt-cloud-kit emulator --json > emulator.json &   # one JSON line with url, accountId, token, jobs",
    "dbt-cloud-kit emulator --config emulator.json",
  ]);
  lazyAction(emulator, runtime, () => import("../handlers/emulator-handler.js"));
}
