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
  /** A file `name` inside the directory with these segments. */
  file(dirSegments: readonly string[], name: string): boolean;
  dir(segments: readonly string[]): boolean;
}

export function splitPath(path: string): string[] {
  const parts = (path.includes("\\") ? path.replace(/\\/g, "/") : path).split("/");
  return parts.some((part) => part === "" || part === ".")
    ? parts.filter((p) => p !== "" && p !== ".")
    : parts;
}

type Segment = "**" | ((name: string) => boolean);

/** Matches pattern segments against a path made of `dirs` followed by `name` (when given). */
function matchSegments(
  pattern: readonly Segment[],
  p: number,
  dirs: readonly string[],
  name: string | undefined,
  q: number,
): boolean {
  const length = name === undefined ? dirs.length : dirs.length + 1;
  if (p === pattern.length) return q === length;
  const segment = pattern[p] as Segment;
  if (segment === "**") {
    for (let skip = q; skip <= length; skip += 1) {
      if (matchSegments(pattern, p + 1, dirs, name, skip)) return true;
    }
    return false;
  }
  if (q === length) return false;
  const part = q < dirs.length ? (dirs[q] as string) : (name as string);
  return segment(part) && matchSegments(pattern, p + 1, dirs, name, q + 1);
}

export function makePathMatcher(rawPattern: string): PathMatcher {
  const directoryOnly = /[/\\]$/.test(rawPattern);
  const pattern = splitPath(rawPattern).map(
    (segment): Segment => (segment === "**" ? "**" : globMatcher(segment)),
  );
  return {
    file: (dirSegments, name) =>
      !directoryOnly && pattern.length > 0 && matchSegments(pattern, 0, dirSegments, name, 0),
    // an empty pattern (".") is the project root, the parent of everything
    dir: (segments) => pattern.length === 0 || matchSegments(pattern, 0, segments, undefined, 0),
  };
}

/**
 * Every member's file and YAML patch file as (directory, file name), and the directory tree they span;
 * directories are shared, so building this allocates little per member.
 */
export interface FileTable {
  /** Directory of the member's file: an index into `dirs`, -1 for the project root. */
  fileDir: Int32Array;
  /** The file's name, undefined when the member names no file. */
  fileName: Array<string | undefined>;
  /** The file's name without its extension (for `file:` selection). */
  stem: Array<string | undefined>;
  patchDir: Int32Array;
  patchName: Array<string | undefined>;
  dirs: string[][];
  /** Parent of each directory (-1 for top-level ones); parents always come before children. */
  dirParent: Int32Array;
}

export function fileTable(graph: SelectionGraph): FileTable {
  return derived(graph, "file-table", () => {
    const fileDir = new Int32Array(graph.size).fill(-1);
    const fileName: Array<string | undefined> = new Array(graph.size);
    const stem: Array<string | undefined> = new Array(graph.size);
    const patchDir = new Int32Array(graph.size).fill(-1);
    const patchName: Array<string | undefined> = new Array(graph.size);
    const dirIds = new Map<string, number>();
    const dirs: string[][] = [];
    const parents: number[] = [];
    const byDirName = new Map<string, number>();
    // Directory id of the first `depth` segments, registering missing ancestors first.
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
    const locate = (path: string): [number, string] => {
      const slash = path.lastIndexOf("/");
      const dirName = slash < 0 ? "" : path.slice(0, slash);
      const name = path.slice(slash + 1);
      let dir = byDirName.get(dirName);
      if (dir === undefined || name === "" || name === "." || path.includes("\\")) {
        const segments = splitPath(path);
        dir = dirOf(segments, segments.length - 1);
        if (!path.includes("\\")) byDirName.set(dirName, dir);
        return [dir, segments[segments.length - 1] ?? ""];
      }
      return [dir, name];
    };
    graph.members.forEach((member, i) => {
      const path = member.original_file_path ?? member.path;
      if (typeof path === "string") {
        const [dir, name] = locate(path);
        fileDir[i] = dir;
        fileName[i] = name;
        const dot = name.lastIndexOf(".");
        stem[i] = dot > 0 ? name.slice(0, dot) : name;
      }
      const patch = member.patch_path;
      if (typeof patch === "string" && patch.includes("://")) {
        const [dir, name] = locate(patch.slice(patch.indexOf("://") + 3));
        patchDir[i] = dir;
        patchName[i] = name;
      }
    });
    return {
      fileDir,
      fileName,
      stem,
      patchDir,
      patchName,
      dirs,
      dirParent: Int32Array.from(parents),
    };
  });
}
