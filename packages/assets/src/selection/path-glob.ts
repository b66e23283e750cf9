import { globMatcher } from "./fnmatch.js";
import { derived, type SelectionGraph } from "./selection-graph.js";

/**
 * dbt's `path:` method globs the project directory (`Path.glob`) and selects a node when its file, its
 * YAML patch file, or one of its parent directories is among the matches. There is no project directory
 * here, so the "existing paths" are the files and directories the manifest itself names; a pattern is
 * matched segment by segment with pathlib's rules (`**` spans any number of directories, `*` stays inside
 * one, a trailing `/` matches directories only).
 */
export interface PathMatcher {
  file(segments: readonly string[]): boolean;
  dir(segments: readonly string[]): boolean;
}

export function splitPath(path: string): string[] {
  const parts = (path.includes("\\") ? path.replace(/\\/g, "/") : path).split("/");
  return parts.some((part) => part === "" || part === ".")
    ? parts.filter((p) => p !== "" && p !== ".")
    : parts;
}

type Segment = "**" | ((name: string) => boolean);

function matchSegments(pattern: readonly Segment[], p: number, path: readonly string[], q: number): boolean {
  if (p === pattern.length) return q === path.length;
  const segment = pattern[p] as Segment;
  if (segment === "**") {
    for (let skip = q; skip <= path.length; skip += 1) {
      if (matchSegments(pattern, p + 1, path, skip)) return true;
    }
    return false;
  }
  if (q === path.length) return false;
  return segment(path[q] as string) && matchSegments(pattern, p + 1, path, q + 1);
}

export function makePathMatcher(rawPattern: string): PathMatcher {
  const directoryOnly = /[/\\]$/.test(rawPattern);
  const pattern = splitPath(rawPattern).map(
    (segment): Segment => (segment === "**" ? "**" : globMatcher(segment)),
  );
  return {
    file: (segments) => !directoryOnly && pattern.length > 0 && matchSegments(pattern, 0, segments, 0),
    // an empty pattern (".") is the project root, the parent of everything
    dir: (segments) => pattern.length === 0 || matchSegments(pattern, 0, segments, 0),
  };
}

/** Every member's file and patch file as path segments, and the directory tree they span. */
export interface FileTable {
  file: Array<string[] | undefined>;
  /** The file's name without its extension (for `file:` selection). */
  stem: Array<string | undefined>;
  patch: Array<string[] | undefined>;
  /** Index into `dirs` of the directory holding `file` (-1 for a file at the root or no file). */
  fileDir: Int32Array;
  dirs: string[][];
  dirParent: Int32Array;
}

export function fileTable(graph: SelectionGraph): FileTable {
  return derived(graph, "file-table", () => {
    const file: Array<string[] | undefined> = new Array(graph.size);
    const stem: Array<string | undefined> = new Array(graph.size);
    const patch: Array<string[] | undefined> = new Array(graph.size);
    const fileDir = new Int32Array(graph.size).fill(-1);
    const dirIds = new Map<string, number>();
    const dirs: string[][] = [];
    const parents: number[] = [];
    // Directory id for the first `depth` segments, registering missing ancestors first.
    const dirOf = (segments: readonly string[], depth: number): number => {
      if (depth === 0) return -1;
      const key = segments.slice(0, depth).join("/");
      const known = dirIds.get(key);
      if (known !== undefined) return known;
      const parent = dirOf(segments, depth - 1);
      const id = dirs.length;
      dirIds.set(key, id);
      dirs.push(segments.slice(0, depth));
      parents.push(parent);
      return id;
    };
    const byDirName = new Map<string, number>();
    graph.members.forEach((member, i) => {
      const path = member.original_file_path ?? member.path;
      if (typeof path === "string") {
        const segments = splitPath(path);
        file[i] = segments;
        const name = segments[segments.length - 1] ?? "";
        const dot = name.lastIndexOf(".");
        stem[i] = dot > 0 ? name.slice(0, dot) : name;
        const dirName = path.slice(0, Math.max(0, path.lastIndexOf("/")));
        let dir = byDirName.get(dirName);
        if (dir === undefined) {
          dir = dirOf(segments, segments.length - 1);
          byDirName.set(dirName, dir);
        }
        fileDir[i] = dir;
      }
      const patchPath = member.patch_path;
      if (typeof patchPath === "string" && patchPath.includes("://")) {
        patch[i] = splitPath(patchPath.slice(patchPath.indexOf("://") + 3));
      }
    });
    return { file, stem, patch, fileDir, dirs, dirParent: Int32Array.from(parents) };
  });
}
