/**
 * Stands in for `undici` in the bundle (see tsup.config.ts). The real undici lives in its own chunk and is
 * loaded (`loadUndici()`) only when a proxy is configured, the one case where the client builds an undici
 * dispatcher; otherwise the action uses Node's own fetch and never parses or runs undici's ~500 KB.
 */
import type * as Undici from "undici";

let real: typeof Undici | undefined;

/** Loads the real undici; call before constructing a client that will build a dispatcher. */
export async function loadUndici(): Promise<void> {
  // undici is CommonJS: its exports arrive as the namespace's default.
  const mod = (await import("dbt-cloud-kit-real-undici")) as unknown as typeof Undici & {
    default?: typeof Undici;
  };
  real ??= mod.default ?? mod;
}

function undici(): typeof Undici {
  if (!real) throw new Error("internal error: undici was used before loadUndici()");
  return real;
}

type Ctor<T extends abstract new (...args: never[]) => unknown> = T;

export const Agent = function Agent(...args: ConstructorParameters<typeof Undici.Agent>) {
  return new (undici().Agent)(...args);
} as unknown as Ctor<typeof Undici.Agent>;

export const EnvHttpProxyAgent = function EnvHttpProxyAgent(
  ...args: ConstructorParameters<typeof Undici.EnvHttpProxyAgent>
) {
  return new (undici().EnvHttpProxyAgent)(...args);
} as unknown as Ctor<typeof Undici.EnvHttpProxyAgent>;

export const ProxyAgent = function ProxyAgent(...args: ConstructorParameters<typeof Undici.ProxyAgent>) {
  return new (undici().ProxyAgent)(...args);
} as unknown as Ctor<typeof Undici.ProxyAgent>;

/**
 * @actions/github's default proxy fetch (never called: the action passes its own `request.fetch`, and
 * @actions/github is loaded only after undici when a proxy is set).
 */
export const fetch: typeof Undici.fetch = (...args) => undici().fetch(...args);
