import { LEGACY_COMMAND_MARKER } from "./runner-line.js";

/** `##` + WORD JOINER (U+2060) + `[`: reads the same, but is no legacy command marker. */
const NEUTRAL_LEGACY_MARKER = "##\u2060[";

/**
 * For untrusted text handed to `@actions/core`'s command functions (`error`, `warning`, `notice`,
 * `startGroup`, `setFailed`, annotation titles and files): core escapes `%`, `\r` and `\n` (and `:` `,` in
 * properties), so the text stays on its one command line, but it leaves the legacy `##[` marker, which
 * GitHub's log viewer still draws. This defuses it; the rest is core's job. Also used inside blocks.
 */
export function neutraliseWorkflowCommands(text: string): string {
  return text.includes(LEGACY_COMMAND_MARKER)
    ? text.replaceAll(LEGACY_COMMAND_MARKER, NEUTRAL_LEGACY_MARKER)
    : text;
}
