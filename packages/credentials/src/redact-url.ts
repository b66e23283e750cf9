const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The URL text with anything that may hold a secret replaced by `***`: user info (everything up to the
 * last `@` before the path), the query and the fragment, e.g. `https://***@host/?***`. Works on text that
 * is not a valid URL too, and errs on the side of hiding: any `@` before the query counts as user info.
 */
export function redactUrlSecrets(text: string): string {
  const scheme = SCHEME.exec(text)?.[0] ?? "";
  const rest = text.slice(scheme.length);
  const query = rest.indexOf("?");
  const fragment = rest.indexOf("#");
  const cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
  let head = cut < 0 ? rest : rest.slice(0, cut);
  const at = head.lastIndexOf("@");
  if (at >= 0) head = `***${head.slice(at)}`;
  let tail = "";
  if (cut >= 0) {
    if (query >= 0 && (fragment < 0 || query < fragment)) tail = "?***";
    if (fragment >= 0) tail += "#***";
  }
  return `${scheme}${head}${tail}`;
}

/** Whether the text has user info, a query or a fragment: the parts `redactUrlSecrets` hides. */
export function hasUrlSecrets(text: string): { userInfo: boolean; queryOrFragment: boolean } {
  const rest = text.slice(SCHEME.exec(text)?.[0].length ?? 0);
  const query = rest.indexOf("?");
  const fragment = rest.indexOf("#");
  const cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
  const head = cut < 0 ? rest : rest.slice(0, cut);
  return { userInfo: head.includes("@"), queryOrFragment: cut >= 0 };
}
