import { DbtSelectionError } from "./errors.js";

/**
 * Unix shell-style wildcard matching as Python's `fnmatch.fnmatchcase` does it (dbt matches tags, package,
 * source and file names this way): `*` any run of characters, `?` one character, `[abc]` / `[a-z]` one of a
 * set, `[!abc]` none of a set. Case-sensitive, `/` not special, characters are code points.
 *
 * No regular expression is built from the pattern: a pattern is split at its stars into fixed-length
 * pieces, the first anchored at the start, the last at the end, and each one between found at its leftmost
 * place after the previous one (leftmost is always safe, since a star can absorb anything). That is
 * CPython's own strategy (`(?>.*?fixed)` atomic groups), so a match costs at most name length × pattern
 * length steps, never the exponential backtracking a `.*a.*a.*b` regex can take.
 */

/** One character position of a piece: a literal code point, `?`, or a bracket class. */
type Token = number | "any" | CharClass;

interface CharClass {
  negate: boolean;
  /** Inclusive code point ranges; a single character is a range of one. */
  ranges: number[];
}

interface Piece {
  tokens: Token[];
  /** The piece as a string when every token is a literal (searched with `indexOf`). */
  literal: string | undefined;
}

interface Compiled {
  /** Pieces between stars; `starred` is false when the pattern has no star (one piece, whole name). */
  pieces: Piece[];
  starred: boolean;
}

export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

export function fnmatch(name: string, pattern: string): boolean {
  return globMatcher(pattern)(name);
}

const cache = new Map<string, (name: string) => boolean>();

/** `fnmatch` with the pattern analysed once, for loops over many names. */
export function globMatcher(pattern: string): (name: string) => boolean {
  let matcher = cache.get(pattern);
  if (matcher === undefined) {
    matcher = buildMatcher(pattern);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, matcher);
  }
  return matcher;
}

function buildMatcher(pattern: string): (name: string) => boolean {
  if (!hasWildcard(pattern)) return (name) => name === pattern;
  if (/^\*+$/.test(pattern)) return () => true;
  const compiled = compile(pattern);
  return (name) => matchCompiled(compiled, name);
}

function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const char of text) out.push(char.codePointAt(0) as number);
  return out;
}

/** Splits the pattern into pieces between stars, following CPython's `fnmatch._translate`. */
export function compile(pattern: string): Compiled {
  const pat = codePoints(pattern);
  const n = pat.length;
  const pieces: Piece[] = [];
  let tokens: Token[] = [];
  let starred = false;
  const STAR = 0x2a;
  const QUESTION = 0x3f;
  const OPEN = 0x5b;
  const CLOSE = 0x5d;
  const BANG = 0x21;
  let i = 0;
  while (i < n) {
    const c = pat[i] as number;
    i += 1;
    if (c === STAR) {
      starred = true;
      pieces.push(piece(tokens));
      tokens = [];
      while (pat[i] === STAR) i += 1;
    } else if (c === QUESTION) {
      tokens.push("any");
    } else if (c === OPEN) {
      let j = i;
      if (j < n && pat[j] === BANG) j += 1;
      if (j < n && pat[j] === CLOSE) j += 1;
      while (j < n && pat[j] !== CLOSE) j += 1;
      if (j >= n) tokens.push(OPEN);
      else {
        tokens.push(bracketClass(pat, i, j, pattern));
        i = j + 1;
      }
    } else {
      tokens.push(c);
    }
  }
  pieces.push(piece(tokens));
  return { pieces, starred };
}

function piece(tokens: Token[]): Piece {
  const literal = tokens.every((t) => typeof t === "number")
    ? String.fromCodePoint(...(tokens as number[]))
    : undefined;
  return { tokens, literal };
}

/**
 * The set a bracket expression `pat[i..j)` stands for. CPython turns it into a regex class (splitting on
 * hyphens into chunks, dropping empty ranges, escaping) and lets `re` read it; this reproduces the class
 * text and reads it the way `re`'s parser does, so odd patterns (`[a-]`, `[]a]`, `[z-a]`, `[!]`) behave
 * exactly as in dbt.
 */
function bracketClass(pat: readonly number[], start: number, j: number, pattern: string): CharClass {
  const HYPHEN = 0x2d;
  const BACKSLASH = 0x5c;
  const BANG = 0x21;
  let i = start;
  // The class text as regex items: { c, escaped }, with unescaped hyphens between chunks meaning a range.
  type Item = { c: number; escaped: boolean };
  const items: Item[] = [];
  const body = pat.slice(i, j);
  const asItems = (cs: readonly number[]): Item[] =>
    cs.map((c) => ({
      c,
      escaped: c === BACKSLASH || c === HYPHEN || c === 0x26 || c === 0x7e || c === 0x7c,
    }));
  if (!body.includes(HYPHEN)) {
    items.push(...asItems(body));
  } else {
    const chunks: number[][] = [];
    let k = pat[i] === BANG ? i + 2 : i + 1;
    for (;;) {
      k = indexOfIn(pat, HYPHEN, k, j);
      if (k < 0) break;
      chunks.push(pat.slice(i, k));
      i = k + 1;
      k += 3;
    }
    const last = pat.slice(i, j);
    if (last.length > 0) chunks.push(last);
    else (chunks[chunks.length - 1] as number[]).push(HYPHEN);
    // Remove empty ranges (`z-a`), as CPython does.
    for (let m = chunks.length - 1; m > 0; m -= 1) {
      const left = chunks[m - 1] as number[];
      const right = chunks[m] as number[];
      if ((left[left.length - 1] as number) > (right[0] as number)) {
        chunks[m - 1] = [...left.slice(0, -1), ...right.slice(1)];
        chunks.splice(m, 1);
      }
    }
    chunks.forEach((chunk, m) => {
      if (m > 0) items.push({ c: HYPHEN, escaped: false });
      items.push(...asItems(chunk));
    });
  }
  // CPython: empty -> never matches; "!" alone -> any character; leading "!" -> negation; a leading
  // "^" or "[" is escaped (so it is literal). Escaping "&~|" never changes what they match.
  if (items.length === 0) return { negate: false, ranges: [] };
  const first = items[0] as Item;
  if (items.length === 1 && first.c === BANG && !first.escaped) return { negate: true, ranges: [] };
  let negate = false;
  if (first.c === BANG && !first.escaped) {
    negate = true;
    items.shift();
  } else if (first.c === 0x5e || first.c === 0x5b) {
    first.escaped = true;
  }
  return { negate, ranges: readClassItems(items, pattern) };
}

function indexOfIn(pat: readonly number[], c: number, from: number, to: number): number {
  for (let k = from; k < to; k += 1) if (pat[k] === c) return k;
  return -1;
}

/**
 * Reads class items as Python's `sre_parse` does: `a-z` is a range, a hyphen first or last is literal, an
 * escaped character is literal. A range running backwards is an error in Python (`re.error`), here a
 * `DbtSelectionError` naming the pattern.
 */
function readClassItems(items: ReadonlyArray<{ c: number; escaped: boolean }>, pattern: string): number[] {
  const HYPHEN = 0x2d;
  const ranges: number[] = [];
  let p = 0;
  while (p < items.length) {
    const lo = (items[p] as { c: number }).c;
    p += 1;
    const dash = items[p];
    if (dash !== undefined && dash.c === HYPHEN && !dash.escaped && p + 1 < items.length) {
      const hi = (items[p + 1] as { c: number }).c;
      p += 2;
      if (hi < lo) {
        throw new DbtSelectionError(
          `The pattern ${JSON.stringify(pattern)} has a bracket range that runs backwards; dbt (Python's fnmatch) rejects it too. Write ranges low to high, e.g. [a-z].`,
          { value: pattern },
        );
      }
      ranges.push(lo, hi);
    } else {
      ranges.push(lo, lo);
    }
  }
  return ranges;
}

function inClass(cls: CharClass, c: number): boolean {
  const { ranges } = cls;
  let found = false;
  for (let r = 0; r < ranges.length; r += 2) {
    if (c >= (ranges[r] as number) && c <= (ranges[r + 1] as number)) {
      found = true;
      break;
    }
  }
  return found !== cls.negate;
}

/** Code point at `at`, and the index after it (a surrogate pair is one character, as in Python). */
function step(name: string, at: number): number {
  const unit = name.charCodeAt(at);
  if (unit >= 0xd800 && unit <= 0xdbff && at + 1 < name.length) {
    const next = name.charCodeAt(at + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return at + 2;
  }
  return at + 1;
}

function tokenMatches(token: Token, name: string, at: number): boolean {
  if (token === "any") return true;
  const c = name.codePointAt(at) as number;
  return typeof token === "number" ? c === token : inClass(token, c);
}

/** Matches the piece at `at`; returns the index after it, or -1. */
function matchAt(piece: Piece, name: string, at: number, end: number): number {
  let q = at;
  for (const token of piece.tokens) {
    if (q >= end || !tokenMatches(token, name, q)) return -1;
    q = step(name, q);
  }
  return q > end ? -1 : q;
}

/** Where the piece starts when it ends exactly at `end` (walking back its length in code points), or -1. */
function startForEnd(piece: Piece, name: string, from: number, end: number): number {
  let q = end;
  for (let t = 0; t < piece.tokens.length; t += 1) {
    if (q <= from) return -1;
    const low = name.charCodeAt(q - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && q - 2 >= from && isHigh(name.charCodeAt(q - 2));
    q -= pair ? 2 : 1;
  }
  return q;
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isInsidePair(name: string, at: number): boolean {
  return (
    at > 0 &&
    isHigh(name.charCodeAt(at - 1)) &&
    name.charCodeAt(at) >= 0xdc00 &&
    name.charCodeAt(at) <= 0xdfff
  );
}

/** Leftmost start at or after `from` where the piece matches within `[from, limit)`; the index after it, or -1. */
function findFrom(piece: Piece, name: string, from: number, limit: number): number {
  if (piece.literal !== undefined) {
    let at = name.indexOf(piece.literal, from);
    while (at >= 0 && isInsidePair(name, at)) at = name.indexOf(piece.literal, at + 1);
    if (at < 0 || at + piece.literal.length > limit) return -1;
    return at + piece.literal.length;
  }
  for (let at = from; at < limit; at = step(name, at)) {
    const after = matchAt(piece, name, at, limit);
    if (after >= 0) return after;
  }
  return piece.tokens.length === 0 ? from : -1;
}

function matchCompiled({ pieces, starred }: Compiled, name: string): boolean {
  const first = pieces[0] as Piece;
  if (!starred) return matchAt(first, name, 0, name.length) === name.length;
  const last = pieces[pieces.length - 1] as Piece;
  const head = matchAt(first, name, 0, name.length);
  if (head < 0) return false;
  const tailStart = startForEnd(last, name, head, name.length);
  if (tailStart < 0 || matchAt(last, name, tailStart, name.length) !== name.length) return false;
  let at = head;
  for (let p = 1; p < pieces.length - 1; p += 1) {
    at = findFrom(pieces[p] as Piece, name, at, tailStart);
    if (at < 0) return false;
  }
  return true;
}
