const QUERY_OR_FRAGMENT = ["?", "#"] as const;

/**
 * `raw` as it may be shown in an error: userinfo replaced by `***`, and everything after a `?` or `#`
 * replaced by `***`, so no password, token or signed query pasted into a URL is ever echoed.
 * Works on text that does not parse as a URL too. Userinfo is taken generously (up to the last `@`
 * before the query), since the parser itself splits at the last `@` and an unencoded one in a
 * password must not leave its tail visible. Linear: index scans only.
 */
export function redactUrlForDisplay(raw: string): string {
  let end = raw.length;
  let marker = "";
  for (const c of QUERY_OR_FRAGMENT) {
    const i = raw.indexOf(c);
    if (i >= 0 && i < end) {
      end = i;
      marker = c;
    }
  }
  let head = raw.slice(0, end);
  const schemeEnd = head.indexOf("://");
  const authorityStart = schemeEnd >= 0 ? schemeEnd + 3 : 0;
  const at = head.lastIndexOf("@");
  if (at >= authorityStart) head = `${head.slice(0, authorityStart)}***${head.slice(at)}`;
  return marker ? `${head}${marker}***` : head;
}

/** `text` without trailing `/` characters, in one backward scan (`/\/+$/` is quadratic on long runs). */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}
