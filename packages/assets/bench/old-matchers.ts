/**
 * The glob matchers `src/selection` used before the linear ones, kept here only so the bench can run them
 * side by side: fnmatch translated into a backtracking RegExp, and path globs matched by a recursive
 * search that tries every split for each `**`. Not used by the package.
 */

const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

function translate(pattern: string): string {
  let out = "";
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i] as string;
    i += 1;
    if (c === "*") {
      out += ".*";
      while (pattern[i] === "*") i += 1;
    } else if (c === "?") {
      out += ".";
    } else if (c === "[") {
      let j = i;
      if (pattern[j] === "!") j += 1;
      if (pattern[j] === "]") j += 1;
      while (j < n && pattern[j] !== "]") j += 1;
      if (j >= n) {
        out += "\\[";
      } else {
        let body = pattern.slice(i, j);
        i = j + 1;
        const negate = body.startsWith("!");
        if (negate) body = body.slice(1);
        const escaped = body
          .replace(/\\/g, "\\\\")
          .replace(/\^/g, "\\^")
          .replace(/\[/g, "\\[")
          .replace(/\]/g, "\\]");
        out += negate ? `[^${escaped}]` : body === "" ? "(?!)" : `[${escaped}]`;
      }
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

/** The old `globMatcher`: one RegExp per pattern. */
export function oldGlobMatcher(pattern: string): (name: string) => boolean {
  const regex = new RegExp(`^${translate(pattern)}$`, "s");
  return (name) => regex.test(name);
}

type Segment = "**" | ((name: string) => boolean);

function matchSegments(pattern: readonly Segment[], p: number, parts: readonly string[], q: number): boolean {
  if (p === pattern.length) return q === parts.length;
  const segment = pattern[p] as Segment;
  if (segment === "**") {
    for (let skip = q; skip <= parts.length; skip += 1) {
      if (matchSegments(pattern, p + 1, parts, skip)) return true;
    }
    return false;
  }
  if (q === parts.length) return false;
  return segment(parts[q] as string) && matchSegments(pattern, p + 1, parts, q + 1);
}

/** The old path matcher for a file path given as segments. */
export function oldPathFileMatcher(rawPattern: string): (parts: readonly string[]) => boolean {
  const pattern = rawPattern
    .split("/")
    .filter((s) => s !== "" && s !== ".")
    .map((s): Segment => (s === "**" ? "**" : oldGlobMatcher(s)));
  return (parts) => matchSegments(pattern, 0, parts, 0);
}
