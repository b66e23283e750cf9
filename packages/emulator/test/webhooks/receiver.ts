import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  json: { eventId: string; eventType: string; data: Record<string, unknown> } & Record<string, unknown>;
}

/** What the receiver answers to the n-th request (0-based): a status, or `hang` (never answers). */
export type Reply = number | "hang";

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/** A webhook endpoint on 127.0.0.1 that records every request; closed after the test. */
export async function startReceiver(reply: (index: number) => Reply = () => 200) {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks);
      const index = received.length;
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        rawBody,
        json: JSON.parse(rawBody.toString("utf8")) as ReceivedRequest["json"],
      });
      const answer = reply(index);
      if (answer === "hang") return;
      if (answer >= 300 && answer < 400) res.setHeader("location", "http://192.0.2.1/elsewhere");
      res.writeHead(answer, { "content-type": "text/plain" }).end(answer < 300 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  open.push(close);
  return { url: `http://127.0.0.1:${port}/dbt-cloud-webhook`, received, close };
}
