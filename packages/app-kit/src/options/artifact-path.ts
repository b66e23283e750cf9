import { controlCharacterProblem } from "./control-characters.js";

/**
 * Why `path` is not a normalised relative path inside dbt's target/ directory, or undefined when it is one.
 * Checked for every `artifacts` entry before any request: the path names both the artifact in dbt Cloud and
 * the file written under artifacts-dir, so nothing may climb out of it or mean different things on
 * different systems.
 */
export function artifactPathProblem(path: string): string | undefined {
  const control = controlCharacterProblem(path);
  if (control !== undefined) return control;
  if (path.includes("\\")) return "contains a backslash (separate directories with /)";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is an absolute path";
  if (path.includes(":")) return "contains a colon (Windows reads it as a drive or a file stream)";
  const segments = path.split("/");
  if (segments.includes("..")) return 'has a ".." segment';
  if (segments.includes(".")) return 'has a "." segment';
  if (segments.includes("")) return "has an empty segment (a doubled or trailing /)";
  return undefined;
}
