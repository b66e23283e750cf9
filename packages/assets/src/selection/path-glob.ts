import { fnmatch } from "./fnmatch.js";

/**
 * dbt's `path:` method globs the project directory (`Path.glob`) and selects a node when its file, its
 * YAML patch file, or one of its parent directories is among the matches. There is no project directory
 * here, so the "existing paths" are the files and directories the manifest itself names; a pattern is
 * matched segment by segment with pathlib's rules (`**` spans any number of directories, `*` stays inside
 * one, a trailing `/` matches directories only).
 */
export interface PathMatcher {
  /** The file itself or any of its parent directories match. */
  fileOrParents(filePath: string): boolean;
  /** The file itself matches. */
  file(filePath: string): boolean;
}

function normalize(path: string): string[] {
  return path
    .replace(/\\/g, "/")
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".");
}

function matchSegments(pattern: readonly string[], p: number, path: readonly string[], q: number): boolean {
  if (p === pattern.length) return q === path.length;
  const segment = pattern[p] as string;
  if (segment === "**") {
    for (let skip = q; skip <= path.length; skip += 1) {
      if (matchSegments(pattern, p + 1, path, skip)) return true;
    }
    return false;
  }
  if (q === path.length) return false;
  return fnmatch(path[q] as string, segment) && matchSegments(pattern, p + 1, path, q + 1);
}

export function makePathMatcher(rawPattern: string): PathMatcher {
  const directoryOnly = /[/\\]$/.test(rawPattern);
  const pattern = normalize(rawPattern);
  const dirCache = new Map<string, boolean>();
  const matchesDir = (segments: readonly string[], key: string): boolean => {
    let hit = dirCache.get(key);
    if (hit === undefined) {
      hit = pattern.length === 0 || matchSegments(pattern, 0, segments, 0);
      dirCache.set(key, hit);
    }
    return hit;
  };
  const matchesFile = (segments: readonly string[]): boolean =>
    !directoryOnly && pattern.length > 0 && matchSegments(pattern, 0, segments, 0);
  return {
    file(filePath) {
      return matchesFile(normalize(filePath));
    },
    fileOrParents(filePath) {
      const segments = normalize(filePath);
      if (matchesFile(segments)) return true;
      let key = "";
      for (let depth = 1; depth < segments.length; depth += 1) {
        key = depth === 1 ? (segments[0] as string) : `${key}/${segments[depth - 1]}`;
        if (matchesDir(segments.slice(0, depth), key)) return true;
      }
      return pattern.length === 0;
    },
  };
}
