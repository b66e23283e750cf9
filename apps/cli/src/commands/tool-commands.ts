import { JOB_OPTIONS } from "@dbt-cloud-kit/app-kit";
import { type Command, Option } from "commander";
import { addSharedOption } from "../options/commander-options.js";
import { lazyAction, type ProgramRuntime } from "../program/lazy-action.js";
import { addScopeOptions, withExamples } from "./option-groups.js";

/** sensor (+ sensor serve) and emulator. */
export function defineToolCommands(program: Command, runtime: ProgramRuntime): void {
  const sensor = program
    .command("sensor")
    .summary("report runs that finished since the last call, as NDJSON events (@dbt-cloud-kit/sensor)")
    .description(
      "One tick of @dbt-cloud-kit/sensor over the project and environment in scope: every run that finished since the cursor in --cursor-file, as asset events (one JSON object per line on stdout); the cursor is saved atomically after the events are out (at-least-once). --watch keeps ticking until Ctrl-C / SIGTERM (then exits 0).",
    )
    // Options of `sensor` end at `serve`, whose own options follow it.
    .enablePositionalOptions()
    .option("--cursor-file <path>", "where the cursor is kept (required; created on the first call)");
  addScopeOptions(sensor);
  addSharedOption(sensor, {
    ...JOB_OPTIONS.jobId,
    description: "only runs of this job; repeat for several",
    repeatable: true,
  });
  sensor
    .option("--watch", "keep ticking (every --interval seconds) until interrupted")
    .option("--interval <seconds>", "gap between ticks with --watch (default: 30)")
    .option("--lookback <seconds>", "first call without a cursor: runs finished this long ago (default: 300)")
    .option(
      "--budget <seconds>",
      "stop starting new work after this long; the next call resumes (default: none)",
    )
    .option("--include-adhoc-runs", "also report runs of the workspace's ad hoc jobs");
  withExamples(sensor, [
    "dbt-cloud-kit sensor --cursor-file .dbt-cloud-sensor.json --project-id 11 --environment-id 101 > events.ndjson",
    "dbt-cloud-kit sensor --cursor-file state/cursor.json --job-id 1001 --job-id 1004 --watch | ./load-events",
    "*/15 * * * * cd /srv/dbt && dbt-cloud-kit sensor --cursor-file cursor.json >> events.ndjson   # crontab",
  ]);
  lazyAction(sensor, runtime, () => import("../handlers/sensor-handler.js"));

  const serve = sensor
    .command("serve")
    .summary("serve the dbt Cloud webhook endpoint (with polling as the fallback)")
    .description(
      "Receive dbt Cloud's signed job.run.completed / job.run.errored webhooks and report each run once, as NDJSON events on stdout, sharing the cursor with polling (which catches deliveries that never arrive). The secret comes from DBT_CLOUD_WEBHOOK_SECRET or --secret-file, never the command line. Runs until Ctrl-C / SIGTERM (then exits 0).",
    )
    .option("--cursor-file <path>", "where the cursor is kept (required; created on the first call)")
    .option("--port <port>", "port to listen on (default: 8080)")
    .option(
      "--host <host>",
      "address to listen on (default: 127.0.0.1; 0.0.0.0 to accept from other machines)",
    )
    .option(
      "--secret-file <path>",
      "read the webhook secret from a file, or - for stdin (default: DBT_CLOUD_WEBHOOK_SECRET)",
    )
    .addOption(new Option("--secret <secret>").hideHelp())
    .option("--interval <seconds>", "gap between polling ticks (default: 30)")
    .option("--no-poll", "webhooks only, no polling fallback");
  addScopeOptions(serve);
  addSharedOption(serve, {
    ...JOB_OPTIONS.jobId,
    description: "only runs of this job; repeat for several",
    repeatable: true,
  });
  withExamples(serve, [
    "DBT_CLOUD_WEBHOOK_SECRET=… dbt-cloud-kit sensor serve --cursor-file cursor.json --port 8080 > events.ndjson",
    "dbt-cloud-kit sensor serve --cursor-file cursor.json --secret-file /run/secrets/dbt-webhook --host 0.0.0.0",
  ]);
  lazyAction(serve, runtime, () => import("../handlers/sensor-serve-handler.js"));

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
