/// <reference path="./real-undici.d.ts" />
/**
 * Stands in for `undici` in the action's and the CLI's bundles (each tsup.config.ts points `undici` here).
 * Both talk to dbt Cloud through Node's own fetch; only with HTTPS_PROXY / HTTP_PROXY set does the client
 * build an undici dispatcher, and only then is the real undici loaded, with `loadUndici()`. The real one is
 * imported as `dbt-cloud-kit-real-undici`, a name each bundle maps: the action to its own chunk of undici,
 * the CLI to its `undici` dependency (left external). Not part of app-kit's public entry: bundles only.
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
 * @actions/github's default proxy fetch in the action's bundle (never called: the action passes its own
 * `request.fetch`, and @actions/github is loaded only after undici when a proxy is set).
 */
export const fetch: typeof Undici.fetch = (...args) => undici().fetch(...args);
