import { type FetchLike, PROXY_VARS } from "@dbt-cloud-kit/client";

/**
 * Without a proxy, requests go through Node's built-in fetch (keep-alive included; the client enforces the
 * per-request timeout itself), so undici's own module is never loaded and the first request leaves sooner.
 * With HTTPS_PROXY / HTTP_PROXY set, undici is loaded and the client builds its proxy dispatcher as usual.
 */
export async function httpOptions(env: NodeJS.ProcessEnv): Promise<{ fetch?: FetchLike }> {
  if (PROXY_VARS.some((name) => env[name])) {
    // The bundle swaps `undici` for a lazy stand-in (app-kit's src/bundle/lazy-undici.ts); under vitest this
    // import is the stand-in's own module and loading is a no-op for the real package.
    const { loadUndici } = await import("@dbt-cloud-kit/app-kit/bundle/lazy-undici");
    await loadUndici();
    return {};
  }
  return { fetch: (input, init) => globalThis.fetch(input, init as unknown as RequestInit) };
}
