const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A URL-like value as it may be shown, and which secret-bearing parts it has. */
export interface UrlSecrets {
  /** The value with user info as `***@`, a query as `?***` and a fragment as `#***`; the rest as written. */
  redacted: string;
  userInfo: boolean;
  query: boolean;
  fragment: boolean;
}

/**
 * Finds user info, a query and a fragment in a URL-like value, as the URL parser reads it: the authority
 * ends at the first `/`, `\`, `?` or `#`, and user info is everything in it up to its last `@`. Text that
 * does not parse as an http(s) URL is cut conservatively: everything up to its last `@` counts as user
 * info (a password may hold `/`, `?` or `#`). What follows the first `?` or `#` after that is hidden.
 * Index scans only (linear).
 */
export function findUrlSecrets(text: string): UrlSecrets {
  const scheme = SCHEME.exec(text)?.[0] ?? "";
  const rest = text.slice(scheme.length);
  const at = parsesAsHttpUrl(text, scheme)
    ? rest.lastIndexOf("@", authorityEnd(rest) - 1)
    : rest.lastIndexOf("@");
  const afterUserInfo = at >= 0 ? rest.slice(at + 1) : rest;
  const cut = firstOf(afterUserInfo, "?#");
  const query = cut >= 0 && afterUserInfo[cut] === "?";
  const fragmentAt = cut >= 0 ? afterUserInfo.indexOf("#", cut) : -1;
  const head = cut >= 0 ? afterUserInfo.slice(0, cut) : afterUserInfo;
  const tail = `${query ? "?***" : ""}${fragmentAt >= 0 ? "#***" : ""}`;
  return {
    redacted: `${scheme}${at >= 0 ? "***@" : ""}${head}${tail}`,
    userInfo: at >= 0,
    query,
    fragment: fragmentAt >= 0,
  };
}

/** The URL text with anything that may hold a secret replaced by `***` (see `findUrlSecrets`). */
export function redactUrlSecrets(text: string): string {
  return findUrlSecrets(text).redacted;
}

function parsesAsHttpUrl(text: string, scheme: string): boolean {
  try {
    const url = new URL(scheme === "" ? `https://${text}` : text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function authorityEnd(rest: string): number {
  const end = firstOf(rest, "/\\?#");
  return end < 0 ? rest.length : end;
}

function firstOf(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) if (chars.includes(text.charAt(i))) return i;
  return -1;
}
