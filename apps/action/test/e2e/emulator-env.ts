import { type Emulator, type StartEmulatorOptions, startEmulator } from "@dbt-cloud-kit/emulator";

/** Emulated seconds per real second: a whole default run (~20 emulated seconds) takes a fraction of a second. */
export const SPEED = 100;

export async function emulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ clock: { mode: "real", speed: SPEED }, ...options });
}

/** Inputs every e2e run needs: credentials of the emulator and fast polling. */
export function baseInputs(emu: Emulator, jobId: number): Record<string, string> {
  return {
    "api-token": emu.token,
    "account-id": String(emu.accountId),
    "access-url": emu.url,
    "job-id": String(jobId),
    "poll-interval": "0.05",
    "request-timeout": "5",
  };
}

export const JOBS = {
  daily: 1001,
  docs: 1002,
  ci: 1003,
  failingTests: 1004,
  modelError: 1005,
  parseOnly: 1006,
  noArtifacts: 1007,
} as const;
