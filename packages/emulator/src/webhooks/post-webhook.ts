import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isLoopbackHost } from "./schema.js";

export type PostOutcome =
  | { ok: true; status: number; durationMs: number }
  | { ok: false; status?: number; error: string; durationMs: number };

/** Resolves names as usual but refuses any address that is not loopback (a hosts file could say otherwise). */
const loopbackOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = (addresses as unknown as LookupAddress[]).filter((a) => isLoopbackHost(a.address));
    if (list.length === 0) {
      return callback(
        Object.assign(new Error(`${hostname} does not resolve to a loopback address`), {
          code: "ENOTLOOPBACK",
        }),
        "",
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    const first = list[0]!;
    callback(null, first.address, first.family);
  });
};

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One delivery attempt: POST `body` to a loopback `url`. Success is any 2xx within `timeoutMs`;
 * redirects are not followed (they count as failures, as they could lead off loopback).
 */
export function postWebhook(input: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<PostOutcome>((resolve) => {
    const url = new URL(input.url);
    if (!isLoopbackHost(url.hostname)) {
      resolve({ ok: false, error: `refused: ${url.hostname} is not a loopback host`, durationMs: 0 });
      return;
    }
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      input.signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...input.headers, "content-length": Buffer.byteLength(input.body) },
        lookup: loopbackOnlyLookup,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) res.destroy();
        });
        const done = () =>
          finish(
            status >= 200 && status < 300
              ? { ok: true, status, durationMs: elapsed() }
              : { ok: false, status, error: `HTTP ${status}`, durationMs: elapsed() },
          );
        res.on("end", done);
        res.on("close", done);
        res.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `no response within ${input.timeoutMs} ms`, durationMs: elapsed() });
      req.destroy();
    }, input.timeoutMs);
    const onAbort = () => {
      finish({ ok: false, error: "emulator closed", durationMs: elapsed() });
      req.destroy();
    };
    input.signal.addEventListener("abort", onAbort, { once: true });
    req.on("error", (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: error.code ?? error.message, durationMs: elapsed() }),
    );
    req.end(input.body);
  });
}
