const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The parts of a URL-like value that may hold a secret and must never be echoed. */
export interface UrlSecrets {
  /** Shown instead of the value: userinfo as `***@`, a query as `?***`, a fragment as `#***`. */
  redacted: string;
  /** "credentials", "a query string", "a fragment": what the value carries, empty when nothing. */
  parts: string[];
}

/**
 * Finds userinfo, a query and a fragment in a URL-like value (a bare host reads as https://host). A value
 * that does not parse is cut conservatively: everything up to its last `@` (a password may hold `/`, `?` or
 * `#`), and everything after the first `?` or `#` that follows.
 */
export function urlSecrets(text: string): UrlSecrets {
  const scheme = SCHEME.exec(text)?.[0];
  let url: URL | undefined;
  try {
    url = new URL(scheme === undefined ? `https://${text}` : text);
  } catch {
    url = undefined;
  }
  if (url !== undefined && (url.protocol === "https:" || url.protocol === "http:")) {
    const parts = [
      ...(url.username || url.password ? ["credentials"] : []),
      ...(url.search ? ["a query string"] : []),
      ...(url.hash ? ["a fragment"] : []),
    ];
    if (parts.length === 0) return { redacted: text, parts };
    const userinfo = url.username || url.password ? "***@" : "";
    const tail = `${url.search ? "?***" : ""}${url.hash ? "#***" : ""}`;
    return { redacted: `${scheme ?? ""}${userinfo}${url.host}${url.pathname}${tail}`, parts };
  }
  return textualSecrets(text, scheme ?? "");
}

function textualSecrets(text: string, scheme: string): UrlSecrets {
  let rest = text.slice(scheme.length);
  const parts: string[] = [];
  const at = rest.lastIndexOf("@");
  if (at >= 0) {
    parts.push("credentials");
    rest = rest.slice(at + 1);
  }
  const cut = rest.search(/[?#]/);
  let tail = "";
  if (cut >= 0) {
    const query = rest[cut] === "?";
    parts.push(query ? "a query string" : "a fragment");
    tail = query ? "?***" : "#***";
    rest = rest.slice(0, cut);
  }
  return { redacted: `${scheme}${at >= 0 ? "***@" : ""}${rest}${tail}`, parts };
}

/** The value with userinfo, query and fragment redacted (see `urlSecrets`). */
export function redactUrlText(text: string): string {
  return urlSecrets(text).redacted;
}
