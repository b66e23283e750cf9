/**
 * Stands in for `undici` inside the bundled client (see tsup.config.ts). The CLI talks to dbt Cloud through
 * Node's own fetch; only with HTTPS_PROXY / HTTP_PROXY set does the client build an undici dispatcher, and
 * only then is the real undici (a dependency of this package) loaded, with `loadUndici()`.
 */
import type * as Undici from "undici";

let real: typeof Undici | undefined;

/** Loads the real undici; call before constructing a client that will build a dispatcher. */
export async function loadUndici(): Promise<void> {
  // undici is CommonJS: its exports arrive as the namespace's default.
  // tsup.config.ts leaves this one import of undici alone (every other one resolves to this file).
  const mod = (await import("undici")) as typeof Undici & { default?: typeof Undici };
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
