import { DbtCloudClient, type DbtCloudClientOptions } from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { afterEach } from "vitest";
import { type Emulator, type StartEmulatorOptions, startEmulator } from "../src/index.js";

const started: Emulator[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

/** Starts an emulator (virtual clock unless told otherwise) that is closed after the test. */
export async function emulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ clock: { mode: "virtual" }, ...options });
  started.push(emu);
  return emu;
}

/** The real client, talking to the emulator over HTTP. */
export function clientFor(
  emu: Emulator,
  options: Partial<DbtCloudClientOptions> & { account?: { id: number; token: string } } = {},
): DbtCloudClient {
  const { account, ...rest } = options;
  const credentials = DbtCloudCredentials.parse({
    accountId: account?.id ?? emu.accountId,
    token: account?.token ?? emu.token,
    accessUrl: emu.url,
  });
  return new DbtCloudClient({ credentials, retry: { maxAttempts: 1 }, ...rest });
}

/** Raw request to the emulator (for paths and shapes the client deliberately never sends). */
export async function raw(
  emu: Emulator,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  const token = init.token === undefined ? emu.token : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${emu.url}${path}`, {
    method: init.method ?? "GET",
    headers,
    redirect: "manual",
    ...(init.body !== undefined
      ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }
      : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export const v2 = (emu: Emulator, rest: string) => `/api/v2/accounts/${emu.accountId}/${rest}`;
