export { type MarkdownOutline, outlineOf, structureOf, textOf } from "./markdown-structure.js";
export {
  type RunnerCommand,
  type RunnerStreamReading,
  readRunnerStream,
  unexpectedRunnerCommands,
} from "./runner-command-model.js";
