// biome-ignore-all lint/suspicious/noControlCharactersInRegex: control characters are what these remove

/** CSI sequences (colours, cursor moves): ESC [ params intermediates final. Disjoint classes: linear. */
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
/** OSC sequences (window title, hyperlinks), ended by BEL or ESC \. */
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
/** Every other C0 / C1 control character except tab and line breaks. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Text from dbt Cloud made harmless for a terminal: escape sequences (which could move the cursor,
 * rewrite earlier lines or set the window title) and other control characters are removed, and a lone
 * carriage return (which would let text overwrite the start of its line) becomes a line break.
 */
export function stripTerminalControls(text: string): string {
  return text
    .replace(OSC, "")
    .replace(CSI, "")
    .replace(CONTROL, "")
    .replace(/\r(?!\n)/g, "\n");
}

/** One line of untrusted text: controls removed and every kind of line break shown as a space. */
export function singleLine(text: string): string {
  return stripTerminalControls(text).replace(/\r\n|\r|\n/g, " ");
}
