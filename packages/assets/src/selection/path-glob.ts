import type { DbtManifest } from "../artifacts/manifest-types.js";
import { globMatcher } from "./fnmatch.js";
import { derived, type SelectionGraph } from "./selection-graph.js";

/**
 * dbt's `path:` method globs the root project's directory (`Path.glob` from the project directory) and
 * selects a node when its file, its YAML patch file, or one of its parent directories is among the matches.
 * There is no project directory here, so the "existing paths" are the files and directories the root
 * project's own members name in the manifest; a pattern is matched segment by segment with pathlib's rules
 * (`**` spans any number of directories, `*` stays inside one, a trailing `/` matches directories only).
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

/**
 * Whether the path `dirs` + `name` (when given) matches the pattern. A set of pattern positions is carried
 * along the path (an NFA), so `**` segments cost one pass over the path each, never a backtracking search:
 * `**​/**​/…/x.sql` against a deep path is path length × pattern length steps.
 */
function matchSegments(
  pattern: readonly Segment[],
  dirs: readonly string[],
  name: string | undefined,
): boolean {
  const size = pattern.length;
  let active = new Uint8Array(size + 1);
  let next = new Uint8Array(size + 1);
  const close = (set: Uint8Array): void => {
    // `**` may match no segment: a position before it also stands after it.
    for (let p = 0; p < size; p += 1) if (set[p] === 1 && pattern[p] === "**") set[p + 1] = 1;
  };
  active[0] = 1;
  close(active);
  const length = name === undefined ? dirs.length : dirs.length + 1;
  for (let q = 0; q < length; q += 1) {
    const part = q < dirs.length ? (dirs[q] as string) : (name as string);
    next.fill(0);
    let any = false;
    for (let p = 0; p < size; p += 1) {
      if (active[p] !== 1) continue;
      const segment = pattern[p] as Segment;
      if (segment === "**") {
        next[p] = 1;
        any = true;
      } else if (segment(part)) {
        next[p + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    [active, next] = [next, active];
  }
  return active[size] === 1;
}

export function makePathMatcher(rawPattern: string): PathMatcher {
  const directoryOnly = /[/\\]$/.test(rawPattern);
  const pattern = splitPath(rawPattern).map(
    (segment): Segment => (segment === "**" ? "**" : globMatcher(segment)),
  );
  return {
    file: (dirSegments, name) =>
      !directoryOnly && pattern.length > 0 && matchSegments(pattern, dirSegments, name),
    // an empty pattern (".") is the project root, the parent of everything
    dir: (segments) => pattern.length === 0 || matchSegments(pattern, segments, undefined),
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
  /** 1 when the member's file path is also a file of the root project. */
  fileInRoot: Uint8Array;
  /** 1 when the member's patch file path is also a file of the root project. */
  patchInRoot: Uint8Array;
  /** 1 when the directory exists in the root project. */
  dirInRoot: Uint8Array;
}

/**
 * The package whose files `path:` globs: `metadata.project_name`; for older manifests without it, the
 * package whose `root_path` every other package's `root_path` lies inside (packages are installed inside
 * the project). `undefined` when neither tells, and then every package's paths count as the root's.
 */
function rootPackageOf(
  manifest: DbtManifest,
  members: readonly { package_name?: unknown; root_path?: unknown }[],
): string | undefined {
  const named = manifest.metadata?.project_name;
  if (typeof named === "string" && named !== "") return named;
  const rootPaths = new Map<string, string>();
  const packages = new Set<string>();
  for (const member of members) {
    const pkg = member.package_name;
    if (typeof pkg !== "string") continue;
    packages.add(pkg);
    const rootPath = member.root_path;
    if (typeof rootPath === "string" && rootPath !== "" && !rootPaths.has(pkg)) rootPaths.set(pkg, rootPath);
  }
  if (rootPaths.size === 0 || rootPaths.size !== packages.size) return undefined;
  let root: [string, string] | undefined;
  for (const entry of rootPaths) if (root === undefined || entry[1].length < root[1].length) root = entry;
  if (root === undefined) return undefined;
  const [pkg, path] = root;
  for (const [other, otherPath] of rootPaths) {
    if (other !== pkg && !(otherPath.startsWith(path) && otherPath.length > path.length)) return undefined;
  }
  return pkg;
}

export function fileTable(graph: SelectionGraph): FileTable {
  return derived(graph, "file-table", () => {
    const size = graph.size;
    const fileDir = new Int32Array(size).fill(-1);
    const fileName: Array<string | undefined> = new Array(size);
    const stem: Array<string | undefined> = new Array(size);
    const patchDir = new Int32Array(size).fill(-1);
    const patchName: Array<string | undefined> = new Array(size);
    const dirIds = new Map<string, number>();
    const dirs: string[][] = [];
    const parents: number[] = [];
    const byDirName = new Map<string, number>();
    // Directory id of the first `depth` segments, registering missing ancestors first (parents before
    // children), without recursion so a path of any depth is fine.
    const dirOf = (segments: readonly string[], depth: number): number => {
      let known = -1;
      let from = depth;
      while (from > 0) {
        const id = dirIds.get(segments.slice(0, from).join("/"));
        if (id !== undefined) {
          known = id;
          break;
        }
        from -= 1;
      }
      for (let d = from + 1; d <= depth; d += 1) {
        const id = dirs.length;
        dirIds.set(segments.slice(0, d).join("/"), id);
        dirs.push(segments.slice(0, d));
        parents.push(known);
        known = id;
      }
      return known;
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
    const dirParent = Int32Array.from(parents);
    const { fileInRoot, patchInRoot, dirInRoot } = rootProjectPaths(graph, {
      fileDir,
      fileName,
      patchDir,
      patchName,
      dirParent,
    });
    return {
      fileDir,
      fileName,
      stem,
      patchDir,
      patchName,
      dirs,
      dirParent,
      fileInRoot,
      patchInRoot,
      dirInRoot,
    };
  });
}

/** Which member files, patch files and directories exist in the root project (see `rootPackageOf`). */
function rootProjectPaths(
  graph: SelectionGraph,
  table: Pick<FileTable, "fileDir" | "fileName" | "patchDir" | "patchName" | "dirParent">,
): Pick<FileTable, "fileInRoot" | "patchInRoot" | "dirInRoot"> {
  const size = graph.size;
  const root = rootPackageOf(graph.manifest, graph.members);
  const isRoot = (i: number) => root === undefined || graph.members[i]?.package_name === root;
  const dirInRoot = new Uint8Array(table.dirParent.length);
  const markDir = (dir: number) => {
    for (let d = dir; d >= 0 && dirInRoot[d] === 0; d = table.dirParent[d] as number) dirInRoot[d] = 1;
  };
  // Files by directory, as "dir\0name" keys: paths are compared within the project, not across packages.
  const rootFiles = new Set<string>();
  const keyOf = (dir: number, name: string) => `${dir}\u0000${name}`;
  for (let i = 0; i < size; i += 1) {
    if (!isRoot(i)) continue;
    const name = table.fileName[i];
    if (name !== undefined) {
      rootFiles.add(keyOf(table.fileDir[i] as number, name));
      markDir(table.fileDir[i] as number);
    }
    const patch = table.patchName[i];
    if (patch !== undefined) {
      rootFiles.add(keyOf(table.patchDir[i] as number, patch));
      markDir(table.patchDir[i] as number);
    }
  }
  const fileInRoot = new Uint8Array(size);
  const patchInRoot = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) {
    const name = table.fileName[i];
    if (name !== undefined && (isRoot(i) || rootFiles.has(keyOf(table.fileDir[i] as number, name))))
      fileInRoot[i] = 1;
    const patch = table.patchName[i];
    if (patch !== undefined && (isRoot(i) || rootFiles.has(keyOf(table.patchDir[i] as number, patch))))
      patchInRoot[i] = 1;
  }
  return { fileInRoot, patchInRoot, dirInRoot };
}
