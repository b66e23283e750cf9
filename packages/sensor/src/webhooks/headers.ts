/** Request headers as Node (`IncomingHttpHeaders`), fetch (`Headers`) or most frameworks give them. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** One header, case-insensitively; the first value when a framework gives a list. */
export function headerValue(headers: WebhookHeaders | undefined, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  if (typeof Headers !== "undefined" && headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = record[key];
    return typeof value === "string"
      ? value
      : Array.isArray(value)
        ? (value[0] as string | undefined)
        : undefined;
  }
  return undefined;
}
