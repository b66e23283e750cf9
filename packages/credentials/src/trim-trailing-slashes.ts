/** `text` without trailing `/` characters, in one backward scan (`/\/+$/` is quadratic on long runs). */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}
