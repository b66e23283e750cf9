import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { signWebhookBody, startEmulator } from "../../src/index.js";

it("the README's webhook example runs as written", async () => {
  const secret = "a-long-shared-secret";
  const received: Array<{ valid: boolean; eventType: string }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const valid = req.headers.authorization === signWebhookBody(body, secret);
      received.push({ valid, eventType: JSON.parse(body.toString("utf8")).eventType });
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  await once(receiver.listen(0, "127.0.0.1"), "listening");
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/dbt-cloud-webhook`;

  const emu = await startEmulator({
    clock: { mode: "virtual" },
    webhooks: [
      {
        url,
        secret,
        name: "sensor",
        eventTypes: ["job.run.completed", "job.run.errored"],
        jobIds: [1004],
        accountId: 1,
        timeoutMs: 10000,
      },
    ],
    webhookFaults: [{ kind: "duplicate", eventTypes: ["job.run.completed"], count: 1 }],
  });
  await fetch(`${emu.url}/api/v2/accounts/${emu.accountId}/jobs/1004/run/`, {
    method: "POST",
    headers: { authorization: `Token ${emu.token}`, "content-type": "application/json" },
    body: JSON.stringify({ cause: "webhook demo" }),
  });
  emu.clock.advanceSeconds(600);
  await emu.webhooks.settled();
  const deliveries = emu.webhooks.deliveries();
  await emu.close();
  receiver.close();

  expect(received).toEqual([
    { valid: true, eventType: "job.run.errored" },
    { valid: true, eventType: "job.run.completed" },
    { valid: true, eventType: "job.run.completed" },
  ]);
  expect(deliveries.map((d) => [d.eventType, d.outcome, d.fault ?? null])).toEqual([
    ["job.run.errored", "delivered", null],
    ["job.run.completed", "delivered", "duplicate"],
    ["job.run.completed", "delivered", "duplicate"],
  ]);
});
