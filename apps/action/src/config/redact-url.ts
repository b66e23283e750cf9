/**
 * A URL-like value as it may appear in a message: userinfo becomes `***@`, a query `?***` and a fragment
 * `#***`. Works on text that is not a valid URL too (that is when it is shown), so it cuts at the last `@`
 * (a password may hold `/`, `?` or `#`) and redacts everything after the first `?` or `#` that follows.
 */
export function redactUrlText(text: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? "";
  let rest = text.slice(scheme.length);
  const at = rest.lastIndexOf("@");
  if (at >= 0) rest = rest.slice(at + 1);
  const cut = rest.search(/[?#]/);
  const tail = cut < 0 ? "" : rest[cut] === "?" ? "?***" : "#***";
  if (cut >= 0) rest = rest.slice(0, cut);
  return `${scheme}${at >= 0 ? "***@" : ""}${rest}${tail}`;
}

/** Whether the text carries userinfo, a query or a fragment (what `redactUrlText` hides). */
export function hasUrlSecrets(text: string): boolean {
  return redactUrlText(text) !== text;
}
