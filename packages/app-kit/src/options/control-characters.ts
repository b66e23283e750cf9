/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators (line breaks to many readers). */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/**
 * Where `value` holds a control character: "a control character (U+000A) at position 5" (1-based, counted
 * in characters), or undefined when it has none. Values sent to dbt Cloud or used as file names must not
 * carry one: a line break in a cause or a schema name corrupts logs, SQL and file names downstream.
 */
export function controlCharacterProblem(value: string): string | undefined {
  if (!CONTROL.test(value)) return undefined;
  let position = 0;
  for (const char of value) {
    position++;
    if (CONTROL.test(char)) {
      const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
      return `contains a control character (U+${code}) at position ${position}`;
    }
  }
  return undefined;
}
