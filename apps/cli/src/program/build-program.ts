import { REQUEST_TIMEOUT_OPTION } from "@dbt-cloud-kit/app-kit";
import { Command, Option } from "commander";
import { defineInspectCommands } from "../commands/inspect-commands.js";
import { defineListCommands } from "../commands/list-commands.js";
import { defineRunCommands } from "../commands/run-commands.js";
import { defineToolCommands } from "../commands/tool-commands.js";
import { EXIT_CODES_HELP } from "../errors/exit-codes.js";
import type { ProgramRuntime } from "./lazy-action.js";

const ENVIRONMENT_HELP = `Environment:
  DBT_CLOUD_API_TOKEN       the API token (service token or PAT); or --token-file FILE / --token-file -
  DBT_CLOUD_ACCOUNT_ID      account id (or --account-id)
  DBT_CLOUD_ACCESS_URL      access URL, default https://cloud.getdbt.com (or --access-url)
  DBT_CLOUD_JOB_ID          job for \`run\` when neither --job-id nor --job-name is given
  DBT_CLOUD_PROJECT_ID      scope for jobs, runs, environments, sensor (or --project-id)
  DBT_CLOUD_ENVIRONMENT_ID  scope for jobs, runs, sensor (or --environment-id)
  HTTPS_PROXY / NO_PROXY    proxy for requests to dbt Cloud
  NO_COLOR                  no colours (as --no-color)`;

const ROOT_EXAMPLES = `Examples:
  export DBT_CLOUD_ACCOUNT_ID=12345 DBT_CLOUD_API_TOKEN=dbtc_…   # from your CI system's secrets
  dbt-cloud-kit run --job-id 567 --timeout 3600
  dbt-cloud-kit run --job-name "Nightly build" --steps-override "dbt build -s tag:daily" --json
  dbt-cloud-kit status 70000123
  dbt-cloud-kit logs 70000123 --failed
  dbt-cloud-kit jobs --project-id 11`;

/** The whole command tree; handlers are loaded lazily when their command runs. */
export function buildProgram(runtime: ProgramRuntime, version: string): Command {
  const write = (stream: "stdout" | "stderr") => (text: string) => {
    runtime.io[stream].write(text);
  };
  const program = new Command("dbt-cloud-kit")
    .description(
      "Trigger, wait for, inspect and cancel dbt Cloud runs from any shell, CI system or cron — the GitHub Action's behaviour, on the command line.",
    )
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .helpCommand("help [command]", "show help for a command")
    .exitOverride()
    .configureOutput({ writeOut: write("stdout"), writeErr: write("stderr") })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .showHelpAfterError("(add --help for usage)")
    .option("--account-id <id>", "dbt Cloud account id (default: DBT_CLOUD_ACCOUNT_ID)")
    .option(
      "--access-url <url>",
      "account access URL (default: DBT_CLOUD_ACCESS_URL or https://cloud.getdbt.com)",
    )
    .option(
      "--token-file <path>",
      "read the API token from a file, or - for stdin (default: DBT_CLOUD_API_TOKEN)",
    )
    .option(
      `--request-timeout ${REQUEST_TIMEOUT_OPTION.argument}`,
      `${REQUEST_TIMEOUT_OPTION.description} (default: ${REQUEST_TIMEOUT_OPTION.defaultValue})`,
    )
    .option(
      "--json",
      "print one JSON document (NDJSON for streams) on stdout and nothing else; human text goes to stderr",
    )
    .option("-q, --quiet", "print no progress or notes, only results and errors")
    .option("-v, --verbose", "print debug lines (requests, retries) on stderr")
    .option("--no-color", "no colours (also NO_COLOR)")
    .addOption(new Option("--token <token>").hideHelp())
    .addOption(new Option("--api-token <token>").hideHelp())
    .addHelpText("after", `\n${EXIT_CODES_HELP}\n\n${ENVIRONMENT_HELP}\n\n${ROOT_EXAMPLES}\n`);

  defineRunCommands(program, runtime);
  defineInspectCommands(program, runtime);
  defineListCommands(program, runtime);
  defineToolCommands(program, runtime);
  for (const command of program.commands) {
    command.addHelpText("afterAll", `\n${EXIT_CODES_HELP}\n`);
  }
  return program;
}
