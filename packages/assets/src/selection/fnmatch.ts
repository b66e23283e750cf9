/**
 * Unix shell-style wildcard matching as Python's `fnmatch.fnmatchcase` does it (dbt matches tags, package,
 * source and file names this way): `*` any run of characters, `?` one character, `[abc]` / `[a-z]` one of a
 * set, `[!abc]` none of a set. Case-sensitive, `/` not special.
 */
const cache = new Map<string, RegExp>();

export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

export function fnmatch(name: string, pattern: string): boolean {
  if (!hasWildcard(pattern)) return name === pattern;
  if (pattern === "*") return true;
  return compile(pattern).test(name);
}

/** `fnmatch` with the pattern analysed once, for loops over many names. */
export function globMatcher(pattern: string): (name: string) => boolean {
  if (!hasWildcard(pattern)) return (name) => name === pattern;
  if (pattern === "*") return () => true;
  const regex = compile(pattern);
  return (name) => regex.test(name);
}

function compile(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^${translate(pattern)}$`, "s");
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, regex);
  }
  return regex;
}

const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/** Pattern to regex source, following CPython's `fnmatch.translate` rules for brackets. */
export function translate(pattern: string): string {
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
