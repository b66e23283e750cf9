import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Text a pull request author controls in dbt Cloud (model errors, names): every trick at once. */
export const HOSTILE =
  "\n::error title=pwned::from dbt Cloud\r::add-mask::leak\n  ::warning::indented\n##[error]legacy mid-line ::stop-commands::x\n::stop-commands::abc\n\u001b]0;evil title\u0007\u001b[2Jcleared";

const MUTATED_KEYS = new Set(["logs", "status_message", "name", "cause", "git_branch"]);

function poison(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(poison);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = MUTATED_KEYS.has(key) && typeof v === "string" ? `${v}${HOSTILE}` : poison(v);
  }
  return out;
}

/**
 * A loopback proxy in front of the emulator that appends HOSTILE to every log, status message, name,
 * cause and branch in API responses (artifact files pass through untouched).
 */
export async function startHostileProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "content-type", "accept"]) {
      const v = req.headers[name];
      if (typeof v === "string") headers[name] = v;
    }
    const upstream = await fetch(`${target}${req.url ?? "/"}`, {
      method: req.method ?? "GET",
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      redirect: "manual",
    });
    let body = Buffer.from(await upstream.arrayBuffer());
    const isArtifact = /\/artifacts\/./.test(req.url ?? "");
    if (!isArtifact && (upstream.headers.get("content-type") ?? "").includes("json")) {
      try {
        body = Buffer.from(JSON.stringify(poison(JSON.parse(body.toString("utf8")))));
      } catch {
        // Not JSON after all: pass it on as it is.
      }
    }
    res.writeHead(upstream.status, {
      "content-type": upstream.headers.get("content-type") ?? "application/json",
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
