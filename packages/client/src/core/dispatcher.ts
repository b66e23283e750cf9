import { Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";

/** How `createDispatcher` builds the client's default dispatcher. */
interface DispatcherOptions {
  /** Per-request limit for connecting, receiving headers and each gap in the body. */
  requestTimeoutMs: number;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Environment variables naming an HTTP(S) proxy, in the order they are honoured. */
export const PROXY_VARS: readonly string[] = Object.freeze([
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
]);

/**
 * Keep-alive agent with timeouts; routes through `HTTPS_PROXY`/`HTTP_PROXY` (honouring `NO_PROXY`)
 * when one is set. Loopback hosts are never proxied.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const env = options.env ?? process.env;
  const timeouts = {
    headersTimeout: options.requestTimeoutMs,
    bodyTimeout: options.requestTimeoutMs,
    connectTimeout: Math.min(options.requestTimeoutMs, 30_000),
    keepAliveTimeout: 10_000,
  };
  const proxy = PROXY_VARS.map((name) => env[name]).find((v) => v !== undefined && v !== "");
  if (!proxy) return new Agent({ ...timeouts, connect: { timeout: timeouts.connectTimeout } });
  const noProxy = [env.NO_PROXY ?? env.no_proxy ?? "", "127.0.0.1", "localhost", "::1"]
    .filter(Boolean)
    .join(",");
  return new EnvHttpProxyAgent({
    ...timeouts,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? proxy,
    httpProxy: env.HTTP_PROXY ?? env.http_proxy ?? proxy,
    noProxy,
  });
}
