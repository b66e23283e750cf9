export {
  type RunnerCommand,
  type RunnerStreamReading,
  readRunnerStream,
  unexpectedRunnerCommands,
} from "./runner-command-model.js";
