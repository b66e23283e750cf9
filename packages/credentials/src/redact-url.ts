const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A URL-like value as it may be shown, and which secret-bearing parts it has. */
export interface UrlSecrets {
  /** The value with user info as `***@`, a query as `?***` and a fragment as `#***`. */
  redacted: string;
  userInfo: boolean;
  query: boolean;
  fragment: boolean;
}

/**
 * Finds user info, a query and a fragment in a URL-like value (a bare host reads as https://host). A value
 * that does not parse is cut conservatively: everything up to its last `@` counts as user info (a password
 * may hold `/`, `?` or `#`), and everything after the first `?` or `#` that follows is hidden.
 */
export function findUrlSecrets(text: string): UrlSecrets {
  const scheme = SCHEME.exec(text)?.[0];
  let url: URL | undefined;
  try {
    url = new URL(scheme === undefined ? `https://${text}` : text);
  } catch {
    url = undefined;
  }
  if (url !== undefined && (url.protocol === "https:" || url.protocol === "http:")) {
    const found = {
      userInfo: url.username !== "" || url.password !== "",
      query: url.search !== "",
      fragment: url.hash !== "",
    };
    if (!found.userInfo && !found.query && !found.fragment) return { redacted: text, ...found };
    const tail = `${found.query ? "?***" : ""}${found.fragment ? "#***" : ""}`;
    return {
      redacted: `${scheme ?? ""}${found.userInfo ? "***@" : ""}${url.host}${url.pathname}${tail}`,
      ...found,
    };
  }
  return textualSecrets(text, scheme ?? "");
}

function textualSecrets(text: string, scheme: string): UrlSecrets {
  let rest = text.slice(scheme.length);
  const at = rest.lastIndexOf("@");
  if (at >= 0) rest = rest.slice(at + 1);
  const cut = rest.search(/[?#]/);
  const query = cut >= 0 && rest[cut] === "?";
  const fragment = cut >= 0 && !query;
  if (cut >= 0) rest = rest.slice(0, cut);
  const tail = query ? "?***" : fragment ? "#***" : "";
  return { redacted: `${scheme}${at >= 0 ? "***@" : ""}${rest}${tail}`, userInfo: at >= 0, query, fragment };
}

/** The URL text with anything that may hold a secret replaced by `***` (see `findUrlSecrets`). */
export function redactUrlSecrets(text: string): string {
  return findUrlSecrets(text).redacted;
}
