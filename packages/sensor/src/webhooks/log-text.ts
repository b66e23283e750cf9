/**
 * Untrusted text made safe for one log line: line breaks (a runner reads `::cmd::` at a line start,
 * and `\r` starts a line too) become spaces, legacy `##[` commands are broken up, and length is capped.
 */
export function logText(value: string, max = 300): string {
  const flat = value.replace(/[\r\n\u2028\u2029]+/g, " ").replaceAll("##[", "# #[");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
