import { once } from "node:events";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import type { DbtCloudWebhookHandler } from "../../src/index.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Serves `handler` on 127.0.0.1 (closed after the test). */
export async function serve(handler: DbtCloudWebhookHandler) {
  const server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dbt-cloud-webhook`;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return url;
}

export async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, string> };
}

/** A raw request that streams `chunks` without a Content-Length (chunked), for size limits. */
export function postChunked(
  url: string,
  chunks: Buffer[],
  delayMs = 0,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "transfer-encoding": "chunked" } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE" || error.code === "ECONNRESET") return; // the server stopped reading: fine
      reject(error);
    });
    let i = 0;
    const next = () => {
      if (i >= chunks.length) return void req.end();
      const ok = req.write(chunks[i++]!);
      if (delayMs > 0) setTimeout(next, delayMs);
      else if (ok) next();
      else req.once("drain", next);
    };
    next();
  });
}

/** A logger that keeps its lines. */
export function memoryLogger() {
  const lines: Array<[string, string]> = [];
  return {
    lines,
    logger: {
      debug: (m: string) => void lines.push(["debug", m]),
      info: (m: string) => void lines.push(["info", m]),
      warn: (m: string) => void lines.push(["warn", m]),
      error: (m: string) => void lines.push(["error", m]),
    },
  };
}
